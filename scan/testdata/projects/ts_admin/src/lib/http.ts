import { ZOOM_API } from "./env";

type Options = { verb?: string; payload?: unknown };

export async function send(route: string, { verb = "GET", payload }: Options = {}) {
  const res = await fetch(new URL(route, ZOOM_API + "/"), {
    method: verb.toUpperCase(),
    headers: { Authorization: `Bearer ${token()}` },
    body: payload ? JSON.stringify(payload) : undefined,
  });
  return res.json();
}

export async function post(url: string, payload: unknown) {
  return fetch(url, { method: "POST", body: JSON.stringify(payload) });
}

function token(): string {
  return process.env.ZOOM_TOKEN ?? "";
}
