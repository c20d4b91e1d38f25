import got from "got";

export interface ApiRequest {
  url: string;
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  query?: Record<string, string>;
}

export class MeetingsApi {
  private readonly settings = { prefix: "https://api.zoom.us/v2", pause: 100 };

  constructor(private readonly token: string) {}

  async send(req: ApiRequest): Promise<unknown> {
    return got(req.url, {
      prefixUrl: this.settings.prefix,
      method: req.method ?? "GET",
      searchParams: req.query,
      headers: { Authorization: `Bearer ${this.token}` },
    }).json();
  }

  // The caller always says which verb: nothing to default.
  async exchange(req: ApiRequest & { verb: string }): Promise<unknown> {
    return got(req.url, { prefixUrl: this.settings.prefix, method: req.verb }).json();
  }
}
