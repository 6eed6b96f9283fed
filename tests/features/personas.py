"""Signed-in people for the Dutch features: each acts through the public surface, the HTTP API with its own
token and the web pages with its own session, with the role and scope of its account. Items are named by
their titles, as users name them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest
from pytest_bdd import given, parsers, when

from tests.documents import PDF, upload
from tracker.services import accounts, queries

PASSWORD = "een-lang-wachtwoord-voor-scenario's"
ROLES = {"beheerder": "beheerder", "auditor": "auditor", "de Rekenkamer": "rekenkamer", "lezer": "lezer",
         "lid van de Bestuursraad": "lezer", "de CIO": "cio", "CIO": "cio"}
ROLE_PATTERN = "|".join(sorted((re.escape(r) for r in ROLES), key=len, reverse=True))
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def day(text: str) -> date:
    """'31 december 2025' -> date(2025, 12, 31)."""
    d, month, year = text.split()
    return date(int(year), MONTHS.index(month) + 1, int(d))


def plain(html: str) -> str:
    """A page's text as a reader sees it: no tags, one space between words."""
    text = re.sub(r"<[^>]+>", " ", html)
    for entity, char in (("&#39;", "'"), ("&quot;", '"'), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return re.sub(r"\s+", " ", text)


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

    def version(self, key: str) -> str:
        """The item's ETag as this person reads it now."""
        return self.api.get(f"/api/v1/items/{key}", headers=self.headers()).headers.get("ETag", '"0"')

    def record(self, key: str, event: str, data: dict, occurred_on: str | None = None, version: str | None = None):
        """POST an event, If-Match taken from the item as this person reads it (or the version given)."""
        body = {"type": event, "data": data}
        if occurred_on:
            body["occurred_on"] = occurred_on
        return self.api.post(f"/api/v1/items/{key}/events", json=body,
                             headers=self.headers({"If-Match": version or self.version(key)}))

    def upload(self, content: bytes = PDF, name: str = "verslag.pdf") -> str:
        """Upload a document as this person; its SHA-256, to name in an event's `bewijs`."""
        answer = upload(self.api, self.headers(), content, name)
        assert answer.status_code == 201, answer.get_json()
        return answer.get_json()["sha256"]

    def claim(self, key: str, event: str, data: dict, occurred_on: str | None = None):
        """Record an event as a person would: with a document where the definitions ask for evidence."""
        kind = self.api.get(f"/api/v1/items/{key}", headers=self.headers()).get_json()["kind"]
        workflow = self.api.application.extensions["tracker"].registry(kind)
        if any(t.event == event and t.evidence for t in workflow.transitions) and "bewijs" not in data:
            sent = upload(self.api, self.headers(), PDF, "verslag.pdf")
            if sent.status_code == 201:  # someone who may not bring documents is refused the claim itself
                data = {**data, "bewijs": [sent.get_json()["sha256"]]}
        return self.record(key, event, data, occurred_on)

    def create(self, key: str, data: dict, occurred_on: str | None = None):
        """POST the creation of a new item (If-None-Match: *)."""
        body = {"type": "aangemaakt", "data": data}
        if occurred_on:
            body["occurred_on"] = occurred_on
        return self.api.post(f"/api/v1/items/{key}/events", json=body, headers=self.headers({"If-None-Match": "*"}))

    def page(self, url: str) -> str:
        answer = self.web.get(url)
        assert answer.status_code == 200, (url, answer.status_code)
        return answer.get_data(as_text=True)

    def open_form(self, key: str) -> dict:
        """The item page as it was when this person opened it: its form token and the version it shows."""
        page = self.page(f"/item/{key}")
        return {"csrf_token": CSRF.search(page).group(1),
                "version": re.search(r'name="version" value="(\d+)"', page).group(1)}

    def submit(self, key: str, opened: dict, event: str, fields: dict, occurred_on: date):
        """Send one of the item page's forms, from the page as it was opened."""
        data = {"csrf_token": opened["csrf_token"], "version": opened["version"], "event": event,
                "occurred_on": occurred_on.isoformat(), **{f"veld-{k}": v for k, v in fields.items()}}
        return self.web.post(f"/item/{key}/vastleggen", data=data)


class People:
    def __init__(self, app):
        self.app = app
        self.tracker = app.extensions["tracker"]
        self.current: Persona | None = None
        self.last = None  # the last answer the current person got
        self.seen: dict = {}  # what a scenario noted along the way (an employer, a table before a change)

    def persona(self, role: str, scope: str | None = None, name: str | None = None) -> Persona:
        """A signed-in person with this role (and scope), without making them the one who acts."""
        name = name or f"{role}-{scope or 'alles'}"
        if accounts.get(self.tracker, name) is None:
            accounts.create(self.tracker, name, role, scope)
            accounts.set_password(self.tracker, name, PASSWORD)
        token = accounts.new_token(self.tracker, name)
        web = self.app.test_client()
        page = web.get("/aanmelden").get_data(as_text=True)
        csrf = CSRF.search(page).group(1)
        assert web.post("/aanmelden", data={"csrf_token": csrf, "name": name, "password": PASSWORD}).status_code == 302
        return Persona(name, role, self.app.test_client(), web, token)

    def sign_in(self, role: str, scope: str | None = None) -> Persona:
        self.current = self.persona(role, scope)
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

    def child(self, parent_title: str, title: str) -> str:
        """The item titled `title` under the item titled `parent_title` (e.g. a condition of a project)."""
        parent = self.key(parent_title)
        matches = [p.item.key for p in queries.list_items(self.tracker, parent=parent) if p.item.title == title]
        assert len(matches) == 1, f"'{title}' van '{parent_title}' wijst {len(matches)} items aan"
        return matches[0]

    def traject(self, route_title: str, employer_title: str) -> str:
        """The NIGS traject of a registered employer on a route."""
        employer = self.key(employer_title)
        route = self.key(route_title)
        return next(p.item.key for p in queries.list_items(self.tracker, parent=route)
                    if p.item.attributes.get("werkgever") == employer)

    def title(self, key: str) -> str:
        return queries.get_item(self.tracker, key).item.title

    def csrf(self, url: str) -> str:
        page = self.current.web.get(url).get_data(as_text=True)
        return CSRF.search(page).group(1)


@pytest.fixture
def people(seeded_app):
    return People(seeded_app)


def _role_or_owner(people, who: str) -> Persona:
    owner = re.fullmatch(r'eigenaar van "(.+)"', who)
    if owner:
        return people.sign_in("eigenaar", people.key(owner.group(1)))
    return people.sign_in(ROLES[who])


@given(parsers.re(rf"ik ben aangemeld als (?P<role>{ROLE_PATTERN})$"))
def signed_in(people, role):
    people.sign_in(ROLES[role])


@given(parsers.parse('ik ben aangemeld als eigenaar van "{title}"'))
def signed_in_owner(people, title):
    people.sign_in("eigenaar", people.key(title))


@when(parsers.re(rf'ik mij aanmeld als (?P<who>{ROLE_PATTERN}|eigenaar van "[^"]+")$'))
def signs_in_later(people, who):
    _role_or_owner(people, who)
