"""Sessions end when they should, under gunicorn with two workers: a session cookie captured before a sign-out,
a new password, a revoke or a deactivation is refused afterwards by every worker; a cookie signed with any key
that is written anywhere in the repository is refused."""
from __future__ import annotations

import http.client
import re
import urllib.parse

import pytest
from flask import Flask

from tests.conftest import make_app, url_of
from tests.server import Server
from tracker import PROJECT_ROOT
from tracker.services import accounts

PASSWORD = "een-lang-wachtwoord-voor-sessies"
ROUNDS = 8  # requests per check: with two workers, both answer some of them


class Browser:
    """Just enough of a browser: one cookie header, no redirects followed."""

    def __init__(self, server: Server):
        self.host, self.port = "127.0.0.1", server.port
        self.cookie = ""

    def request(self, method: str, path: str, body: dict | None = None, cookie: str | None = None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"Cookie": self.cookie if cookie is None else cookie}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("session="):
                self.cookie = value.split(";", 1)[0]
        connection.close()
        return response.status, text

    def csrf(self, path: str) -> str:
        _, page = self.request("GET", path)
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)

    def sign_in(self, name: str) -> str:
        token = self.csrf("/aanmelden")
        status, _ = self.request("POST", "/aanmelden", {"csrf_token": token, "name": name, "password": PASSWORD})
        assert status == 302
        return self.cookie

    def signed_in(self, cookie: str) -> bool:
        statuses = {self.request("GET", "/", cookie=cookie)[0] for _ in range(ROUNDS)}
        assert len(statuses) == 1, statuses  # every worker agrees
        return statuses == {200}


@pytest.fixture
def served(databases, seeded_template):
    url = databases.copy(seeded_template)
    app = make_app(url)
    tracker = app.extensions["tracker"]
    for name in ("anna", "bram", "cas", "dirk"):
        accounts.create(tracker, name, "lezer")
        accounts.set_password(tracker, name, PASSWORD)
    tracker.engine.dispose()
    server = Server(url_of(tracker), workers=2).start()
    yield server, make_app(url).extensions["tracker"]
    server.stop()


def test_a_captured_cookie_dies_with_the_session(served):
    server, tracker = served
    ended = {
        "afmelden": lambda browser, name: browser.request("POST", "/afmelden", {"csrf_token": browser.csrf("/")}),
        "nieuw wachtwoord": lambda browser, name: accounts.set_password(tracker, name, PASSWORD + "-nieuw"),
        "ingetrokken": lambda browser, name: accounts.revoke(tracker, name),
        "gedeactiveerd": lambda browser, name: accounts.deactivate(tracker, name),
    }
    for (how, end), name in zip(ended.items(), ("anna", "bram", "cas", "dirk"), strict=True):
        browser = Browser(server)
        captured = browser.sign_in(name)
        assert browser.signed_in(captured), how
        end(browser, name)
        assert not browser.signed_in(captured), how


def keys_in_the_repository() -> set[str]:
    """Every string the repository assigns to a secret key, anywhere (code, tests, docs)."""
    found = {"dev-only-not-for-production"}  # the development default the code once had
    pattern = re.compile(r"""SECRET_KEY["']?\s*[:=,]\s*["']([^"']{1,200})["']""")
    for path in PROJECT_ROOT.rglob("*"):
        if path.suffix in (".py", ".md", ".toml", ".cfg", ".ini", ".sh", ".env") and ".venv" not in path.parts \
                and "node_modules" not in path.parts:
            found |= set(pattern.findall(path.read_text(encoding="utf-8", errors="replace")))
    return found


def forged(key: str, name: str, generation: int) -> str:
    app = Flask("vervalsing")
    app.secret_key = key
    value = app.session_interface.get_signing_serializer(app).dumps({"_user_id": f"{generation}:{name}",
                                                                      "_fresh": True})
    return f"session={value}"


def test_a_cookie_signed_with_any_key_in_the_repository_is_refused(served):
    server, tracker = served
    browser = Browser(server)
    keys = keys_in_the_repository()
    assert len(keys) >= 2
    generation = accounts.generation(tracker, "anna")
    for key in keys:
        assert not browser.signed_in(forged(key, "anna", generation)), key
    # The forgery itself works: signed with the server's own key, the same cookie is accepted.
    assert browser.signed_in(forged(server.secret, "anna", generation))


def test_the_app_refuses_to_serve_without_a_key(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'x.db'}", TESTING=False, SECRET_KEY=None, INSTANCE_PATH=str(tmp_path))
    client = app.test_client()
    assert client.get("/aanmelden").status_code == 503
    assert "geheime sleutel" in client.get("/").get_data(as_text=True)
    assert client.get("/healthz").status_code == 200  # health needs no session
    (tmp_path / "secret_key").write_text("k" * 48)
    kept = make_app(f"sqlite:///{tmp_path / 'x.db'}", TESTING=False, SECRET_KEY=None, INSTANCE_PATH=str(tmp_path))
    assert kept.config["SECRET_KEY"] == "k" * 48 and kept.test_client().get("/aanmelden").status_code == 200
