"""Group membership: one helper for groups and contact groups."""


def members(http, kind, group_id):
    return http._fetch(kind + "/" + group_id + "/members")


def sync_groups(http, gid):
    members(http, "groups", gid)
    members(http, "contacts/groups", gid)


def lock(http, gid, contact):
    path = ("contacts/groups/" if contact else "groups/") + gid
    return http._fetch(path, "DELETE")
