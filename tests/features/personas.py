"""Signed-in people for the Dutch features: each acts through the public surface, the HTTP API with its own
token and the web pages with its own session, with the role and scope of its account. Items are named by
their titles, as users name them."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from pytest_bdd import given, parsers

from tracker.services import accounts, queries

PASSWORD = "een-lang-wachtwoord-voor-scenario's"
ROLES = {"beheerder": "beheerder", "auditor": "auditor", "de Rekenkamer": "rekenkamer", "lezer": "lezer",
         "lid van de Bestuursraad": "lezer", "de CIO": "cio", "CIO": "cio"}


@dataclass
class Persona:
    name: str
    role: str
    api: object  # flask test client, token in every request
    web: object  # flask test client, signed in
    token: str

    def headers(self, extra: dict | None = None) -> dict:
        return {"Authorization": f"Bearer {self.token}", **(extra or {})}

    def get(self, url: str):
        return self.api.get(url, headers=self.headers())

    def record(self, key: str, event: str, data: dict, occurred_on: str | None = None):
        """POST an event, If-Match taken from the item as this person reads it."""
        version = self.api.get(f"/api/v1/items/{key}", headers=self.headers()).headers.get("ETag", '"0"')
        body = {"type": event, "data": data}
        if occurred_on:
            body["occurred_on"] = occurred_on
        return self.api.post(f"/api/v1/items/{key}/events", json=body, headers=self.headers({"If-Match": version}))


class People:
    def __init__(self, app):
        self.app = app
        self.tracker = app.extensions["tracker"]
        self.current: Persona | None = None
        self.last = None  # the last answer the current person got

    def sign_in(self, role: str, scope: str | None = None) -> Persona:
        name = f"{role}-{scope or 'alles'}"
        if accounts.get(self.tracker, name) is None:
            accounts.create(self.tracker, name, role, scope)
            accounts.set_password(self.tracker, name, PASSWORD)
        token = accounts.new_token(self.tracker, name)
        web = self.app.test_client()
        page = web.get("/aanmelden").get_data(as_text=True)
        csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        assert web.post("/aanmelden", data={"csrf_token": csrf, "name": name, "password": PASSWORD}).status_code == 302
        self.current = Persona(name, role, self.app.test_client(), web, token)
        return self.current

    def key(self, title: str) -> str:
        """The item a user means by its title, or by "aanbeveling N van <onvolkomenheid>"."""
        numbered = re.fullmatch(r"(?i)(aanbeveling|maatregel|voorwaarde) (\d+) van (.+)", title)
        rows = queries.list_items(self.tracker)
        if numbered:
            parent = next(p.item.key for p in rows if p.item.title == numbered.group(3))
            prefix = f"{numbered.group(1).capitalize()} {numbered.group(2)}:"
            return next(p.item.key for p in rows if p.item.parent == parent and p.item.title.startswith(prefix))
        matches = [p.item.key for p in rows if p.item.title == title]
        assert len(matches) == 1, f"'{title}' wijst {len(matches)} items aan"
        return matches[0]

    def csrf(self, url: str) -> str:
        page = self.current.web.get(url).get_data(as_text=True)
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


@pytest.fixture
def people(seeded_app):
    return People(seeded_app)


@given(parsers.re(r'ik ben aangemeld als (?P<role>beheerder|auditor|de Rekenkamer|lezer|lid van de Bestuursraad|'
                  r'de CIO|CIO)$'))
def signed_in(people, role):
    people.sign_in(ROLES[role])


@given(parsers.parse('ik ben aangemeld als eigenaar van "{title}"'))
def signed_in_owner(people, title):
    people.sign_in("eigenaar", people.key(title))
