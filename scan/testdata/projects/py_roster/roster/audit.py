"""Audit: the URL is built in one method and sent in another."""
from . import settings


class Audit:
    def __init__(self, http):
        self.http = http
        self.target = None

    def prepare(self, user_id):
        self.target = f"{settings.ZOOM_ROOT}/users/{user_id}/token"
        self.log("prepared")

    def log(self, msg):
        print(msg)

    def revoke(self):
        # many lines later, through the project's own sender
        return self.http.send(self.target, "DELETE")

    def picture(self, user_id):
        url = settings.ZOOM_ROOT + "/users/" + user_id + "/picture"
        self.log("uploading")
        self.log("still uploading")
        return self.http.send(url, "POST", payload={"pic_file": "..."})
