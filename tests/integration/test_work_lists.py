"""Mijn werk, the item list with search and filters, and one event on several items: through the web pages and
the API, on whichever database the suite runs against."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest

from tests.conftest import make_app
from tracker.domain.events import NewEvent
from tracker.services import accounts, queries, recording
from tracker.services.views import item_dict

PASSWORD = "een-lang-wachtwoord"
TODAY = date(2026, 11, 28)
BMO = "beveiliging-militaire-objecten"
CLAIMS = ["munitiebeheer-a10", f"{BMO}-a12", f"{BMO}-a11"]  # open recommendations in the seed
ROW_LINK = re.compile(r'<a class="utrecht-link" href="/item/([^"?]+)[^"]*">')


@pytest.fixture
def app(databases, seeded_template):
    app = make_app(databases.copy(seeded_template), TODAY=lambda: TODAY)
    app.config["WTF_CSRF_ENABLED"] = False
    yield app
    app.extensions["tracker"].engine.dispose()


def person(app, name: str, role: str, scope: str | None = None):
    """A web client signed in as a new account, and that account's API token."""
    tracker = app.extensions["tracker"]
    accounts.create(tracker, name, role, scope)
    accounts.set_password(tracker, name, PASSWORD)
    client = app.test_client()
    assert client.post("/aanmelden", data={"name": name, "password": PASSWORD}).status_code == 302
    return client, accounts.new_token(tracker, name)


def section_keys(html: str, title: str) -> list[str]:
    """The items listed under a section of Mijn werk, in order."""
    start = html.index(title)
    end = html.find("<section", start)
    return ROW_LINK.findall(html[start:end if end > 0 else len(html)])


def under(tracker, key: str) -> set[str]:
    found, todo = {key}, [key]
    while todo:
        for child in queries.list_items(tracker, parent=todo.pop()):
            found.add(child.item.key)
            todo.append(child.item.key)
    return found


def claim(tracker, keys: list[str], on: date = date(2026, 11, 2)) -> None:
    recording.record_many(tracker, [NewEvent(k, "opgevolgd", {"toelichting": "Afgerond volgens plan."}, "eigenaar", on)
                                    for k in keys])


def test_sign_in_leads_someone_with_work_to_mijn_werk(app):
    tracker = app.extensions["tracker"]
    accounts.create(tracker, "piet", "eigenaar", "munitiebeheer")
    accounts.set_password(tracker, "piet", PASSWORD)
    answer = app.test_client().post("/aanmelden", data={"name": "piet", "password": PASSWORD})
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/werk")


def test_owner_sees_open_items_in_scope_by_deadline_overdue_first_and_nothing_outside(app):
    tracker = app.extensions["tracker"]
    client, _ = person(app, "piet", "eigenaar", "munitiebeheer")
    html = client.get("/werk").get_data(as_text=True)
    listed = section_keys(html, "Open items in uw bereik")
    scope = under(tracker, "munitiebeheer")
    assert listed and set(listed) <= scope
    registry = tracker.registry
    expected = [p for p in queries.list_items(tracker) if p.item.key in scope and not p.done
                and registry(p.item.kind).done_states]
    assert sorted(listed) == sorted(p.item.key for p in expected)
    rows = [item_dict(queries.get_item(tracker, k), registry, TODAY) for k in listed]
    overdue = [r["overdue"] for r in rows]
    assert overdue == sorted(overdue, reverse=True), "achterstallige items eerst"
    deadlines = [r["deadline"] for r in rows if not r["overdue"] and r["deadline"]]
    assert deadlines == sorted(deadlines)
    assert "Bestuurlijke aanpak" not in html  # a topic elsewhere never shows up


def test_auditor_sees_claims_waiting_oldest_first_with_why(app):
    tracker = app.extensions["tracker"]
    claim(tracker, ["munitiebeheer-a10"], date(2026, 11, 2))
    client, _ = person(app, "anna", "auditor", "munitiebeheer")
    html = client.get("/werk").get_data(as_text=True)
    listed = section_keys(html, "wacht op verificatie")
    waiting = [p for p in queries.list_items(tracker, kind="aanbeveling")
               if p.item.state == "opgevolgd" and p.item.key in under(tracker, "munitiebeheer")]
    assert len(waiting) > 1 and sorted(listed) == sorted(p.item.key for p in waiting)
    claimed_on = [queries.get_item(tracker, k).item.updated_on for k in listed]
    assert claimed_on == sorted(claimed_on) and listed[-1] == "munitiebeheer-a10"
    assert "sinds 2 november 2026" in html


def test_beheerder_sees_items_without_owner_or_plan(app):
    client, _ = person(app, "beheer", "beheerder")
    html = client.get("/werk").get_data(as_text=True)
    assert "Items zonder eigenaar of planning" in html and "zonder eigenaar" in html


def test_a_reader_is_told_nothing_waits(app):
    client, _ = person(app, "lid", "lezer")
    assert "Er wacht nu niets op u." in client.get("/werk").get_data(as_text=True)


def test_search_finds_the_one_item_whose_reason_has_the_word(app):
    tracker = app.extensions["tracker"]
    recording.record(tracker, NewEvent("cryptobeheer-a2", "opmerking",
                                       {"toelichting": "Besproken met de sleutelbewaarder van Kromhoutkazerne."},
                                       "beheer", TODAY))
    client, token = person(app, "lid", "lezer")
    html = client.get("/items?q=kromhoutkazerne").get_data(as_text=True)
    assert ROW_LINK.findall(html) == ["cryptobeheer-a2"] and re.search(r"\b1 item\b", html)
    api = client.get("/api/v1/items?q=Kromhoutkazerne", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200 and [r["key"] for r in api.json] == ["cryptobeheer-a2"]
    assert json.loads(api.headers["X-Pagination"])["total"] == 1


def test_search_is_dutch_and_ignores_what_a_query_language_would_read(app):
    client, token = person(app, "lid", "lezer")
    for query in ('munitie"', "OR OR", "*", "munitie AND (", "'; DROP TABLE items; --", "NEAR(a b)"):
        answer = client.get("/api/v1/items", query_string={"q": query}, headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 200, (query, answer.json)
    found = client.get("/api/v1/items?q=munitiebeheer", headers={"Authorization": f"Bearer {token}"}).json
    assert "munitiebeheer" in {r["key"] for r in found}


def test_overdue_and_unit_filter_returns_exactly_the_matching_items(app):
    tracker = app.extensions["tracker"]
    client, token = person(app, "lid", "lezer")
    answer = client.get("/api/v1/items?overdue=true&unit=ooo-commit&page_size=500",
                        headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    expected = {d["key"] for d in (item_dict(p, tracker.registry, TODAY) for p in queries.list_items(tracker))
                if d["overdue"] and d["attributes"].get("onderdeel") == "ooo-commit"}
    assert expected and {r["key"] for r in answer.json} == expected
    html = client.get("/items?overdue=ja&unit=ooo-commit").get_data(as_text=True)
    assert f"{len(expected)} items" in html and set(ROW_LINK.findall(html)) == expected


def test_pages_of_fifty_with_totals_in_the_headers_and_on_the_page(app):
    tracker = app.extensions["tracker"]
    client, token = person(app, "lid", "lezer")
    total = len(queries.list_items(tracker))
    seen = []
    for page in (1, 2, 3):
        answer = client.get(f"/api/v1/items?page={page}", headers={"Authorization": f"Bearer {token}"})
        pagination = json.loads(answer.headers["X-Pagination"])
        assert pagination["total"] == total and pagination["total_pages"] == -(-total // 50)
        assert len(answer.json) == min(50, total - 50 * (page - 1))
        seen += [r["key"] for r in answer.json]
    assert len(seen) == len(set(seen)) == min(150, total)
    html = client.get("/items?page=2").get_data(as_text=True)
    assert f"{total} items" in html and f"pagina 2 van {-(-total // 50)}" in html
    assert len(ROW_LINK.findall(html)) == 50


def test_sorting_and_filters_stay_in_the_links(app):
    client, _ = person(app, "lid", "lezer")
    html = client.get("/items?kind=aanbeveling&sort=titel&desc=1&peildatum=2025-12-31").get_data(as_text=True)
    assert 'aria-sort="descending"' in html
    assert "kind=aanbeveling" in html and "peildatum=2025-12-31" in html
    titles = re.findall(r'href="/item/[^"]+">([^<]+)</a>', html)
    assert titles == sorted(titles, key=str.lower, reverse=True)
    assert all("peildatum=2025-12-31" in link for link in re.findall(r'href="(/item/[^"]+)"', html))


def test_the_exports_hold_exactly_the_view(app):
    client, _ = person(app, "lid", "lezer")
    view = "kind=aanbeveling&unit=ooo-commit&sort=titel"
    keys = set(ROW_LINK.findall(client.get(f"/items?{view}").get_data(as_text=True)))
    text = client.get(f"/items.csv?{view}").get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Sleutel", "Item", "Soort"] and {r[0] for r in rows[1:]} == keys
    xlsx = client.get(f"/items.xlsx?{view}")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"


def test_bad_filters_are_named_not_a_500(app):
    client, token = person(app, "lid", "lezer")
    for url in ("/items?overdue=misschien", "/items?sort=wachtwoord", "/items?deadline_van=gisteren",
                "/items?peildatum=1900-01-01"):
        assert client.get(url).status_code in (400, 422), url
    answer = client.get("/api/v1/items?page_size=100000", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 422


def test_auditor_verifies_three_claims_in_one_step(app):
    tracker = app.extensions["tracker"]
    claim(tracker, CLAIMS)
    client, _ = person(app, "anna", "auditor")
    versions = {k: queries.get_item(tracker, k).item.version for k in CLAIMS}
    answer = client.post("/werk/vastleggen", data={"event": "geverifieerd", "toelichting": "Steekproef akkoord.",
                                                   "items": [f"{k}:{v}" for k, v in versions.items()]})
    assert answer.status_code == 302
    for key in CLAIMS:
        item = queries.get_item(tracker, key).item
        assert item.state == "geverifieerd" and item.version == versions[key] + 1


def test_one_stale_claim_stops_all_three_and_is_named(app):
    tracker = app.extensions["tracker"]
    claim(tracker, CLAIMS)
    client, _ = person(app, "anna", "auditor")
    seen = client.get("/werk").get_data(as_text=True)
    boxes = re.findall(r'name="items" value="([^"]+)"', seen)
    chosen = [b for b in boxes if b.rpartition(":")[0] in CLAIMS]
    assert len(chosen) == 3
    recording.record(tracker, NewEvent(f"{BMO}-a12", "opmerking", {"toelichting": "Nieuw bewijs volgt."},
                                       "eigenaar", TODAY))  # meanwhile, the owner adds something
    answer = client.post("/werk/vastleggen", data={"event": "geverifieerd", "items": chosen}, follow_redirects=True)
    html = answer.get_data(as_text=True)
    assert "Niets vastgelegd" in html and queries.get_item(tracker, f"{BMO}-a12").item.title in html
    assert all(queries.get_item(tracker, k).item.state == "opgevolgd" for k in CLAIMS)


def test_bulk_action_outside_scope_or_role_records_nothing(app):
    tracker = app.extensions["tracker"]
    claim(tracker, ["munitiebeheer-a10", f"{BMO}-a12"])
    client, _ = person(app, "anna", "auditor", "munitiebeheer")
    chosen = [f"{k}:{queries.get_item(tracker, k).item.version}" for k in ("munitiebeheer-a10", f"{BMO}-a12")]
    html = client.post("/werk/vastleggen", data={"event": "geverifieerd", "items": chosen},
                       follow_redirects=True).get_data(as_text=True)
    assert "Niets vastgelegd" in html
    assert queries.get_item(tracker, "munitiebeheer-a10").item.state == "opgevolgd"
    owner, _ = person(app, "piet", "eigenaar", "munitiebeheer")
    version = queries.get_item(tracker, "munitiebeheer-a10").item.version
    owner.post("/werk/vastleggen", data={"event": "geverifieerd", "items": [f"munitiebeheer-a10:{version}"]})
    assert queries.get_item(tracker, "munitiebeheer-a10").item.state == "opgevolgd"
    assert client.post("/werk/vastleggen", data={"event": "geverifieerd", "items": ["geen-versie"]}).status_code == 400


def test_a_deadline_range_stays_in_the_sorting_and_page_links(app):
    client, _ = person(app, "lid", "lezer")
    html = client.get("/items?deadline_van=2025-01-01&deadline_tot=2025-12-31&overdue=ja").get_data(as_text=True)
    links = [markup for markup in re.findall(r'href="(/items\?[^"]+)"', html)]
    assert links and all("deadline_van=2025-01-01" in link and "deadline_tot=2025-12-31" in link
                         and "overdue=ja" in link for link in links)


def test_a_page_far_beyond_the_last_is_refused_not_a_500(app):
    _, token = person(app, "lid", "lezer")
    answer = app.test_client().get("/api/v1/items?page=99999999999999999999",
                                   headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 422 and "pagina" in answer.get_json()["message"].lower()
