"""One place that talks to Zoom."""
from urllib.parse import urljoin

import requests

from . import settings


class ZoomHTTP:
    def __init__(self, token):
        self.root = settings.ZOOM_ROOT
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def _fetch(self, route, verb="GET", payload=None):
        url = urljoin(self.root + "/", route.lstrip("/"))
        resp = self.session.request(verb.upper(), url, json=payload)
        resp.raise_for_status()
        return resp.json() if resp.content else None

    def send(self, url, how, payload=None):
        resp = self.session.request(how, url, json=payload)
        resp.raise_for_status()
        return resp
