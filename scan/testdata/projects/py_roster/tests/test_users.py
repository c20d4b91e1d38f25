from roster.http import ZoomHTTP


def test_me(monkeypatch):
    http = ZoomHTTP("t")
    monkeypatch.setattr(http, "session", None)
    assert http._fetch("users/me/zak") is None
