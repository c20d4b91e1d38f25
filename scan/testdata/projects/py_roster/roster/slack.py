"""Decoys: Slack and Google calls shaped like Zoom's."""
import requests

from . import settings


class Slack:
    def __init__(self):
        self.root = settings.SLACK_ROOT

    def _fetch(self, route, verb="GET"):
        return requests.request(verb, self.root + "/" + route)

    def users(self):
        return self._fetch("users.list")


def google_user(user_key):
    return requests.get(f"{settings.GOOGLE_ROOT}/users/{user_key}")


def google_delete(user_key):
    return requests.delete(settings.GOOGLE_ROOT + "/users/" + user_key)
