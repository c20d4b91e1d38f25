import { ZOOM_API, GOOGLE_API } from "../lib/env";

const PATHS = {
  registration: ":base/groups/:groupId/settings/registration",
  lock: { method: "PATCH", url: ":base/groups/:groupId/lock_settings" },
};

const GOOGLE_PATHS = {
  user: ":google/users/:userKey",
};

export function fill(name: keyof typeof PATHS, groupId: string) {
  const entry = PATHS[name];
  const url = typeof entry === "string" ? entry : entry.url;
  return url.replace(":base", ZOOM_API).replace(":groupId", groupId);
}

export function googleUrl(userKey: string) {
  return GOOGLE_PATHS.user.replace(":google", GOOGLE_API).replace(":userKey", userKey);
}
