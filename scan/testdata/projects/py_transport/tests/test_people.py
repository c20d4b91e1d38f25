from meetbot.transport import Transport


def test_token_path(monkeypatch):
    t = Transport(token="x")
    assert t.link("users/me/token").endswith("/users/me/token")
    t.read("/users/{}/token".format("me"))
