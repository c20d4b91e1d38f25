"""The app's own Flask server in front of Zoom (test fixture for package scan)."""
import logging

from flask import Flask

from zoom_api import ZoomAPI

app = Flask(__name__)
log = logging.getLogger(__name__)


@app.route("/users/<user_id>", methods=["GET", "DELETE"])
def user(user_id):
    return {"id": user_id}


@app.get("/users/me/zak")
def zak():
    return {}


@app.post("/users")
def create():
    return {}


def relay():
    path = "/users/me/zak"  # resembles a Zoom path, but nothing calls it
    log.info("proxying %s", path)
    return ZoomAPI(None)
