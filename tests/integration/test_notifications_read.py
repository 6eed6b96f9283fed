"""Notifications read and unread: per account, marked with a plain form (CSRF-protected, no JavaScript), counted
beside "Meldingen" in the navigation, and a new notification is unread again."""
from __future__ import annotations

import re
from datetime import date

import pytest

from tests.conftest import make_app
from tracker.domain.events import NewEvent
from tracker.services import accounts, recording

TODAY = date(2026, 11, 28)
PASSWORD = "een-lang-wachtwoord"
MARK = re.compile(r'name="melding" value="([^"]+)"')
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
UNREAD = re.compile(r'Meldingen <span class="badge badge--ongelezen">(\d+)<span class="visually-hidden"> ongelezen')


@pytest.fixture
def app(databases, seeded_template):
    app = make_app(databases.copy(seeded_template), TODAY=lambda: TODAY)  # CSRF protection stays on
    yield app
    app.extensions["tracker"].engine.dispose()


def signed_in(app, name: str, role: str = "eigenaar", scope: str | None = "autorisatiebeheer"):
    tracker = app.extensions["tracker"]
    accounts.create(tracker, name, role, scope)
    accounts.set_password(tracker, name, PASSWORD)
    client = app.test_client()
    page = client.get("/aanmelden").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post("/aanmelden", data={"name": name, "password": PASSWORD, "csrf_token": token}).status_code == 302
    return client


def page(client) -> str:
    answer = client.get("/meldingen")
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def unread(html: str) -> int:
    found = UNREAD.search(html)
    return int(found.group(1)) if found else 0


def mark(client, html: str, **data):
    return client.post("/meldingen/gelezen", data={"csrf_token": TOKEN.search(html).group(1), **data})


def test_notifications_start_unread_and_the_navigation_counts_them(app):
    html = page(signed_in(app, "piet"))
    ids = MARK.findall(html)
    assert len(ids) >= 2, "the overdue items of Autorisatiebeheer are notifications"
    assert unread(html) == len(ids) and f"{len(ids)} ongelezen van {len(ids)}" in html
    assert "<script" not in html  # the forms work without JavaScript


def test_marking_one_as_read_lowers_the_count_and_is_kept_per_account(app):
    piet, klaas = signed_in(app, "piet"), signed_in(app, "klaas")
    html = page(piet)
    first, total = MARK.findall(html)[0], unread(html)
    answer = mark(piet, html, melding=first)
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/meldingen")
    after = page(piet)
    assert unread(after) == total - 1 and first not in MARK.findall(after)
    assert "Melding gemarkeerd als gelezen." in after and "(gelezen)" in after
    assert unread(piet.get("/werk").get_data(as_text=True)) == total - 1  # every page's navigation
    assert unread(page(klaas)) == total  # klaas has read nothing


def test_marking_everything_clears_the_count(app):
    client = signed_in(app, "piet")
    assert mark(client, page(client), alles="ja").status_code == 302
    html = page(client)
    assert unread(html) == 0 and not MARK.findall(html) and "Meldingen</a>" in html


def test_a_new_notification_is_unread_after_the_rest_was_read(app):
    client = signed_in(app, "piet")
    mark(client, page(client), alles="ja")
    tracker = app.extensions["tracker"]
    recording.record_many(tracker, [
        NewEvent("autorisatiebeheer-a1", "teruggestuurd", {"toelichting": "Onvoldoende onderbouwd."}, "auditor",
                 TODAY)])
    html = page(client)
    new = MARK.findall(html)  # the claim sent back, and the deadline it now misses again as an open item
    assert any(n.startswith("gebeurtenis:") for n in new) and "Onvoldoende onderbouwd." in html
    assert unread(html) == len(new) >= 1


def test_marking_without_the_csrf_token_is_refused_and_marks_nothing(app):
    client = signed_in(app, "piet")
    html = page(client)
    refused = client.post("/meldingen/gelezen", data={"alles": "ja"})
    assert refused.status_code == 400
    assert unread(page(client)) == unread(html) > 0


def test_an_identity_that_is_not_ones_own_notification_is_refused_and_marks_nothing(app):
    client = signed_in(app, "piet")
    html = page(client)
    ids = MARK.findall(html)
    refused = mark(client, html, melding=[ids[0], "gebeurtenis:999999"])
    assert refused.status_code == 422 and "geen van uw huidige meldingen" in refused.get_data(as_text=True)
    assert unread(page(client)) == len(ids)
    outside = signed_in(app, "kees", scope="cryptobeheer")
    other = page(outside)
    assert mark(outside, other, melding=ids[0]).status_code == 422  # piet's notification, not in kees's scope

