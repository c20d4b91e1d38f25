// Zoom meetings from an Angular service (test fixture for package scan).
import { HttpClient } from '@angular/common/http';

interface Registrant { email: string; first_name: string }

export class ZoomMeetingService {
  constructor(private readonly http: HttpClient, private readonly sdk: ZoomSdk) {}

  register(meetingId: string, registrant: Registrant) {
    const url = `https://api.zoom.us/v2/meetings/${meetingId}/registrants`; // want: POST /meetings/{meetingId}/registrants medium
    return this.http.post<Registrant>(url, registrant);
  }

  remove(meetingId: string) {
    return this.http.delete<void>(`https://api.zoom.us/v2/meetings/${meetingId}`); // want: DELETE /meetings/{meetingId} high
  }

  create(userId: string, body: unknown) {
    return this.sdk.meetings.meetingCreate({ path: { userId }, body }); // want: POST /users/{userId}/meetings low
  }

  userSettings(userId: string): string {
    // A method of this class named like an operationId: a declaration, not a call.
    return userId;
  }
}
