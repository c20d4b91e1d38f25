"""URL templates, filled in later."""
from . import settings

ROUTES = {
    "admins": "{root}/groups/{gid}/admins",
    "lock": "{root}/groups/{gid}/lock_settings",
    "slack_post": "{slack}/chat.postMessage",
}


def route(name, **kw):
    return ROUTES[name].format(root=settings.ZOOM_ROOT, slack=settings.SLACK_ROOT, **kw)
