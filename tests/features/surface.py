"""Reading and acting through the public surface, for the steps: items by their titles through the HTTP API,
actions by the labels the item page shows, reports by the titles the list of reports shows."""
from __future__ import annotations

import re

import pytest

from tests.features import personas
from tests.features.personas import day, plain

DATE = r"\d{1,2} [a-z]+ \d{4}"  # as users write it: 31 december 2025
AS_OF = rf"(?:op peildatum (?P<peildatum>{DATE})|van vandaag)"


def iso(text: str | None) -> str | None:
    return day(text).isoformat() if text else None


def reader(people) -> personas.Persona:
    """Whoever is signed in; when nobody is, a member of the Bestuursraad (everyone may read)."""
    if people.current is not None:
        return people.current
    if "lezer" not in people.seen:
        people.seen["lezer"] = people.persona("lezer")
    return people.seen["lezer"]


def event_for(people, key: str, action: str) -> str:
    """The event behind an action as the item's page labels it (e.g. "Project starten")."""
    kind = reader(people).get(f"/api/v1/items/{key}").json["kind"]
    events = {t.event for t in people.tracker.registry(kind).transitions if t.label == action}
    assert len(events) == 1, f"'{action}' is {len(events)} handelingen bij {kind}"
    return events.pop()


def act(people, key: str, action: str, reason: str | None = None):
    data = {"toelichting": reason} if reason else {}
    people.last = people.current.claim(key, event_for(people, key, action), data)
    return people.last


def item(people, key: str, peildatum: str | None = None) -> dict:
    url = f"/api/v1/items/{key}" + (f"?peildatum={peildatum}" if peildatum else "")
    answer = reader(people).get(url)
    assert answer.status_code == 200, answer.json
    return answer.json


def timeline(people, key: str) -> list[str]:
    """The entries of the item page's timeline, newest first, as a reader sees them."""
    page = reader(people).page(f"/item/{key}")
    entries = page[page.index('id="tijdlijn"'):].split('<li class="timeline__event">')[1:]
    return [plain(e).strip() for e in entries]


def report_name(people, title: str) -> str:
    """The report a user means by the title the list of reports shows (or by its name in the address)."""
    page = reader(people).page("/rapporten")
    listed = dict((t.strip(), n) for n, t in re.findall(r'href="/rapporten/([a-z-]+)"[^>]*>([^<]+)</a>', page))
    return listed.get(title) or (title if title in listed.values() else pytest.fail(f"geen rapport '{title}'"))


def report(people, title: str, peildatum: str | None = None, fmt: str = "json", **query):
    args = {"format": fmt, **({"peildatum": peildatum} if peildatum else {}), **query}
    url = f"/api/v1/reports/{report_name(people, title)}?" + "&".join(f"{k}={v}" for k, v in args.items())
    answer = reader(people).get(url)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return answer.json if fmt == "json" else answer.get_data(as_text=True)


def markdown_cells(text: str) -> list[list[str]]:
    lines = [line.strip() for line in text.splitlines() if line.startswith("|")]
    rows = [[cell.strip() for cell in line[1:-1].split("|")] for line in lines]
    return [row for row in rows if not all(c and set(c) <= {"-"} for c in row)]


def cell(people, title: str, peildatum: str | None, row: str, column: str) -> str:
    header, *rows = markdown_cells(report(people, title, peildatum, "md"))
    found = next(r for r in rows if r[0] == row)
    return found[header.index(column)]
