"""Zoom REST helpers (test fixture for package scan).

Calls GET /users/{userId}/meetings; a docstring is not a call.
Each "want:" comment names the call scan must find on that line.
"""
import requests

BASE_URL = "https://api.zoom.us/v2"


class ZoomAPI:
    def __init__(self, client):
        self.session = requests.Session()
        self.base_url = BASE_URL
        self.client = client

    def list_meetings(self, user_id):
        return self.session.get(f"{BASE_URL}/users/{user_id}/meetings", params={"type": "scheduled"})  # want: GET /users/{userId}/meetings high

    def create_user(self, body):
        return requests.post(BASE_URL + "/users", json=body)  # want: POST /users high

    def update_settings(self, user_id, settings):
        return requests.request("PATCH", "https://api.zoom.us/v2/users/{}/settings".format(user_id), json=settings)  # want: PATCH /users/{userId}/settings high

    def recordings(self, user_id):
        url = f"https://api.zoom.us/v2/users/{user_id}/recordings"  # want: GET /users/{userId}/recordings medium
        return self.session.get(url)

    def delete_user(self, user_id):
        return self.session.delete(self.base_url + f"/users/{user_id}")  # want: DELETE /users/{userId} high

    def summary(self, meeting_id):
        return self.client.get_meeting_summary(meeting_id)  # want: getMeetingSummary low

    def other_service(self, user_id):
        # Another host's users API, same shape of path.
        return requests.delete("https://api.example.com/v2/users/" + user_id)

    def user_meetings(self, user_id):
        return requests.get("{}/users/{}/meetings".format(BASE_URL, user_id))  # want: GET /users/{userId}/meetings high

    def delete_meeting(self, meeting_id):
        return requests.delete("%s/meetings/%s" % (BASE_URL, meeting_id))  # want: DELETE /meetings/{meetingId} high

    def label(self, name):
        return "%s/users" % name
