import { send, post } from "../lib/http";
import { ZOOM_API } from "../lib/env";

export class UserService {
  private url = "";

  async me() {
    return send("users/me?encrypted_email=false");
  }

  async assistants(userId: string) {
    return send(`/users/${userId}/assistants`, { verb: "post", payload: { assistants: [] } });
  }

  async status(userId: string, presence: string) {
    return send(`users/${userId}/presence_status`, { verb: "PUT", payload: { status: presence } });
  }

  prepare(userId: string) {
    this.url = `${ZOOM_API}/users/${userId}/status`;
  }

  async deactivate() {
    return fetch(this.url, { method: "PUT", body: JSON.stringify({ action: "deactivate" }) });
  }

  async addFeature(body: unknown) {
    const target = ZOOM_API + "/users/features";
    const payload = { features: [body] };
    console.log("adding feature");
    return post(target, payload);
  }
}
