import requests

from meetbot.endpoints import HOSTS, REGION_US


class Transport(object):
    def __init__(self, root=None, region=REGION_US, token=""):
        root = root or HOSTS[region]
        self.root = root
        self.token = token

    def link(self, route):
        if not route.startswith("/"):
            route = "/" + route
        return self.root + route

    def read(self, route, params=None):
        return requests.get(self.link(route), params=params, headers=self._auth())

    def write(self, route, body=None):
        return requests.post(self.link(route), json=body, headers=self._auth())

    def change(self, route, body=None):
        return requests.patch(self.link(route), json=body, headers=self._auth())

    def _auth(self):
        return {"Authorization": "Bearer %s" % self.token}
