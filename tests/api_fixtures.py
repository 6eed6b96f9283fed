"""API fixtures (a pytest plugin): the seeded database plus one account per role, and extra CIO projects."""
from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import make_app
from tracker.domain.events import NewEvent
from tracker.services import accounts
from tracker.services.recording import record_many

ACCOUNTS = {  # name: (role, scope)
    "lezer": ("lezer", None),
    "eigenaar": ("eigenaar", "munitiebeheer"),
    "auditor": ("auditor", "munitiebeheer"),
    "rekenkamer": ("rekenkamer", None),
    "cio": ("cio", "cio-oordelen"),
    "beheerder": ("beheerder", None),
}


@pytest.fixture(scope="session")
def api_template(databases, seeded_template):
    path = databases.copy(seeded_template)
    app = make_app(path)
    tracker = app.extensions["tracker"]
    tokens = {}
    for name, (role, scope) in ACCOUNTS.items():
        accounts.create(tracker, name, role, scope)
        tokens[name] = accounts.new_token(tracker, name)
    on = date(2026, 1, 5)
    record_many(tracker, [
        NewEvent("cio-test-a", "aangemaakt", {"kind": "it_project", "title": "Testproject A",
                                              "parent": "cio-oordelen"}, "beheer", on),
        NewEvent("cio-test-b", "aangemaakt", {"kind": "it_project", "title": "Testproject B",
                                              "parent": "cio-oordelen"}, "beheer", on),
        NewEvent("ooo-test-project", "aangemaakt", {"kind": "it_project", "title": "Project buiten CIO-thema",
                                                    "parent": "open-op-orde"}, "beheer", on),
        NewEvent("cio-test-a", "afhankelijkheid_toegevoegd", {"op": "cio-test-b"}, "beheer", on),
        NewEvent("munitiebeheer-a10", "afhankelijkheid_toegevoegd", {"op": "munitiebeheer-a9"}, "beheer", on),
    ])
    tracker.engine.dispose()
    return path, tokens


@pytest.fixture
def api_app(databases, api_template):
    app = make_app(databases.copy(api_template[0]))
    yield app
    app.extensions["tracker"].engine.dispose()


@pytest.fixture
def tokens(api_template):
    return api_template[1]


class ApiClient:
    """A test client that signs in as one account and knows the write headers."""

    def __init__(self, app, token: str | None):
        self.client = app.test_client()
        self.token = token

    def headers(self, extra=None):
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return {**headers, **(extra or {})}

    def get(self, url, **kw):
        return self.client.get(url, headers=self.headers(kw.pop("headers", None)), **kw)

    def version(self, key) -> str:
        return self.client.get(f"/api/v1/items/{key}",
                               headers={"Authorization": "Bearer " + self.admin}).headers["ETag"]

    def post(self, url, json=None, **kw):
        return self.client.post(url, json=json, headers=self.headers(kw.pop("headers", None)), **kw)

    def delete(self, url, **kw):
        return self.client.delete(url, headers=self.headers(kw.pop("headers", None)), **kw)


@pytest.fixture
def as_role(api_app, tokens):
    def make(name: str | None) -> ApiClient:
        client = ApiClient(api_app, tokens[name] if name else None)
        client.admin = tokens["beheerder"]
        return client
    return make
