import { MeetingsApi } from "./client";

export class People {
  constructor(private readonly api: MeetingsApi) {}

  totals() {
    return this.api.send({ url: "users/summary" });
  }

  list() {
    return this.api.send({ url: "users", query: { page_size: "300" } });
  }

  revokeToken(id: string) {
    return this.api.send({ url: `users/${id}/token`, method: "DELETE" });
  }

  profile(id: string) {
    return this.api.send({ method: "GET", url: `users/${id}` });
  }

  everyone(verb: string) {
    return this.api.exchange({ url: "users", verb });
  }
}
