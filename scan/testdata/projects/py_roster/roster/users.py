"""User sync: reads and writes users through the wrapper."""


class UserSync:
    def __init__(self, http):
        self.http = http

    def me(self):
        return self.http._fetch("users/me")

    def page(self, token=""):
        return self.http._fetch(f"/users?page_size=300&next_page_token={token}")

    def invite(self, email):
        body = {"action": "create", "user_info": {"email": email, "type": 1}}
        return self.http._fetch("/users", "post", body)

    def rename(self, user_id, first, last):
        return self.http._fetch(f"users/{user_id}", verb="PATCH", payload={"first_name": first, "last_name": last})

    def permissions(self, user_id, verb):
        # The method is a variable here, and the catalog has one for the path.
        return self.http._fetch(f"users/{user_id}/permissions", verb)

    def settings(self, user_id, verb):
        return self.http._fetch(f"users/{user_id}/settings", verb)
