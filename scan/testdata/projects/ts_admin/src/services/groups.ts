import { send } from "../lib/http";

export async function members(groupId: string, contact: boolean) {
  return send((contact ? "contacts/groups/" : "groups/") + groupId + "/members", { verb: "POST", payload: { members: [] } });
}

export async function settings(scope: string, groupId: string) {
  return send(`${scope}/${groupId}/settings`);
}

export async function syncSettings(groupId: string) {
  await settings("groups", groupId);
  await settings("divisions", groupId);
}
