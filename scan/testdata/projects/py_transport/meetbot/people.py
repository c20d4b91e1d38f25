from meetbot.transport import Transport


class People(Transport):
    def show(self, uid):
        return self.read("/users/{}".format(uid))

    def preferences(self, uid):
        return self.read(
            "/users/{}/settings".format(uid), params={"login_type": 100}
        )

    def rename(self, uid, **fields):
        return self.change("/users/{}".format(uid), body=fields)

    def invite(self, **fields):
        return self.write("/users", body=fields)

    def totals(self):
        return self.read("users/summary")

    def mail_for(self, uid):
        return self.change("/users/%s/email" % uid, body={})
