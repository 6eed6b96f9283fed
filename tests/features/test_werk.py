"""Steps for Mijn werk, the item list and recording on several items: through the pages as the signed-in person
would, with the API where a scenario says so."""
from __future__ import annotations

import csv
import html as markup
import io
import json
import re

from pytest_bdd import given, parsers, scenarios, then, when

from tests.features.personas import day, plain
from tests.features.surface import DATE, event_for, item, reader
from tracker.services import queries

scenarios("werk/mijn_werk.feature")

ITEM_LINK = re.compile(r'<a class="utrecht-link" href="/item/([^"?]+)(\?[^"]*)?">')


def rows_under(page: str, heading: str) -> list[tuple[str, str]]:
    """(item key, why) of each row in the section of Mijn werk whose heading contains `heading`."""
    titles = [m for m in re.finditer(r"<h2[^>]*>([^<]+)</h2>", page) if heading in m.group(1)]
    assert len(titles) == 1, f"{len(titles)} onderdelen '{heading}' op Mijn werk"
    start = titles[0].end()
    end = page.find("<section", start)
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", page[start:end if end > 0 else len(page)], re.S):
        link = ITEM_LINK.search(row)
        if link:
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            rows.append((link.group(1), plain(cells[-1]).strip()))
    return rows


def subtree(people, title: str) -> set[str]:
    found, todo = {people.key(title)}, [people.key(title)]
    while todo:
        for child in queries.list_items(people.tracker, parent=todo.pop()):
            found.add(child.item.key)
            todo.append(child.item.key)
    return found


def owner(people, key: str):
    """The owner of the onvolkomenheid the item belongs to, signed in with that scope."""
    parent = queries.get_item(people.tracker, key).item.parent or key
    return people.persona("eigenaar", parent, name=f"eigenaar-{parent}")


def listed(page: str) -> list[str]:
    return [key for key, _ in ITEM_LINK.findall(page)]


# --- the situation ------------------------------------------------------------------------------------------

@given(parsers.re(rf'de eigenaar heeft "(?P<title>[^"]+)" op (?P<when>{DATE}) als "(?P<state>[^"]+)" gemeld$'))
def owner_claimed_on(people, title, when, state):
    key = people.key(title)
    answer = owner(people, key).claim(key, state, {"toelichting": "Afgerond volgens plan."}, day(when).isoformat())
    assert answer.status_code == 201, answer.json


@given(parsers.parse('de eigenaar heeft deze aanbevelingen als "{state}" gemeld:'))
def owner_claimed_several(people, state, datatable):
    keys = [people.key(row[0]) for row in datatable[1:]]
    for key in keys:
        answer = owner(people, key).claim(key, state, {"toelichting": "Afgerond volgens plan."})
        assert answer.status_code == 201, answer.json
    people.seen["gekozen"] = keys


@given(parsers.parse('de eigenaar heeft bij "{title}" de opmerking "{text}" geplaatst'))
def owner_remarked(people, title, text):
    key = people.key(title)
    assert owner(people, key).record(key, "opmerking", {"toelichting": text}).status_code == 201


# --- Mijn werk ----------------------------------------------------------------------------------------------

@given('ik heb "Mijn werk" geopend')
@when('ik "Mijn werk" open')
def open_my_work(people):
    people.seen["pagina"] = people.current.page("/werk")


@then(parsers.parse('staat "{title}" onder "{heading}"'))
def listed_under(people, title, heading):
    assert people.key(title) in [k for k, _ in rows_under(people.seen["pagina"], heading)]


@then(parsers.parse('staat "{title}" onder "{heading}" met "{why}"'))
def listed_under_with(people, title, heading, why):
    rows = dict(rows_under(people.seen["pagina"], heading))
    assert why in rows[people.key(title)], rows
    people.seen["onderdeel"] = heading


@then(parsers.re(r'staat "(?P<title>[^"]+)" daar als (?P<where>eerste|laatste)$'))
def listed_first_or_last(people, title, where):
    rows = rows_under(people.seen["pagina"], people.seen["onderdeel"])
    assert rows[0 if where == "eerste" else -1][0] == people.key(title), rows


@then(parsers.parse('staan onder "{heading}" alleen items van "{title}"'))
def only_in_scope(people, heading, title):
    keys = {k for k, _ in rows_under(people.seen["pagina"], heading)}
    assert keys and keys <= subtree(people, title), keys - subtree(people, title)


@then(parsers.parse('staan onder "{heading}" de achterstallige items eerst en daarna de vroegste deadline'))
def overdue_first(people, heading):
    found = [item(people, k) for k, _ in rows_under(people.seen["pagina"], heading)]
    overdue = [d["overdue"] for d in found]
    assert overdue == sorted(overdue, reverse=True)
    deadlines = [d["deadline"] for d in found if not d["overdue"] and d["deadline"]]
    assert deadlines == sorted(deadlines)


@then(parsers.parse('staat bij elk achterstallig item waarom: "{why}"'))
def overdue_says_why(people, why):
    for key, reason in rows_under(people.seen["pagina"], "Open items in uw bereik"):
        assert item(people, key)["overdue"] == reason.startswith(why), (key, reason)


# --- several at once ----------------------------------------------------------------------------------------

@when(parsers.parse('de eigenaar intussen bij "{title}" een opmerking plaatst'))
def owner_remarks_meanwhile(people, title):
    owner_remarked(people, title, "Nieuw bewijs volgt.")


@when(parsers.parse('ik die drie kies en "{action}" vastleg met toelichting "{reason}"'))
def record_on_chosen(people, action, reason):
    page = people.seen["pagina"]
    boxes = re.findall(r'name="items" value="([^"]+)"', page)
    chosen = [b for b in boxes if b.rpartition(":")[0] in people.seen["gekozen"]]
    assert len(chosen) == 3, boxes
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    answer = people.current.web.post("/werk/vastleggen", follow_redirects=True, data={
        "csrf_token": csrf, "event": event_for(people, chosen[0].rpartition(":")[0], action),
        "toelichting": reason, "items": chosen, "terug": "/werk"})
    assert answer.status_code == 200
    people.seen["pagina"] = answer.get_data(as_text=True)


@then(parsers.re(r'(?:meldt|noemt) de pagina "(?P<text>[^"]+)"$'))
def page_says(people, text):
    assert text in plain(people.seen["pagina"]), plain(people.seen["pagina"])[:2000]


# --- the item list ------------------------------------------------------------------------------------------

@when(parsers.parse('ik in de lijst met items zoek op "{words}"'))
def search(people, words):
    people.seen["zoek"] = words
    people.seen["lijst"] = people.current.page(f"/items?q={words}")


@then(parsers.parse('toont de lijst alleen "{title}"'))
def list_shows_only(people, title):
    assert listed(people.seen["lijst"]) == [people.key(title)]


@then(parsers.parse('vindt de API met dezelfde zoekvraag alleen "{title}"'))
def api_finds_only(people, title):
    answer = people.current.get(f"/api/v1/items?q={people.seen['zoek']}")
    assert [r["key"] for r in answer.json] == [people.key(title)]


@when(parsers.parse("ik het dashboard op peildatum {when} open"))
def open_dashboard_on(people, when):
    people.seen["dashboard"] = people.current.page(f"/?peildatum={day(when).isoformat()}")


@when(parsers.re(r'ik (?:op het dashboard )?bij "(?P<topic>[^"]+)" het aantal "(?P<what>[^"]+)" volg$'))
def follow_count(people, topic, what):
    page = people.seen.get("dashboard") or people.current.page("/")
    card = page[page.index(f">{topic}</a></h2>"):]
    card = card[:card.index("</section>")]
    link, count = re.search(rf'href="([^"]+)">(\d+) {what}</a>', card).groups()
    people.seen["geteld"] = int(count)
    people.seen["lijst"] = people.current.page(markup.unescape(link))


@then("toont de lijst evenveel items als het dashboard telde")
def as_many_as_counted(people):
    assert people.seen["geteld"] > 0
    assert re.search(rf"\b{people.seen['geteld']} items?\b", plain(people.seen["lijst"]))
    assert len(listed(people.seen["lijst"])) == min(50, people.seen["geteld"])


@then("is elk item in de lijst achterstallig")
def all_overdue(people):
    assert all(item(people, key)["overdue"] for key in listed(people.seen["lijst"]))


@then(parsers.parse("toont de lijst de stand per {when}"))
def list_as_of(people, when):
    assert f"stand per {when}" in plain(people.seen["lijst"])


@then(parsers.parse("verwijst elk item in de lijst naar zijn pagina op peildatum {when}"))
def links_keep_peildatum(people, when):
    links = ITEM_LINK.findall(people.seen["lijst"])
    assert links and all(f"peildatum={day(when).isoformat()}" in query for _, query in links)


@when(parsers.parse('ik de lijst met items filter op "{flag}" "{value}" en "{field}" "{choice}"'))
def filter_list(people, flag, value, field, choice):
    page = people.current.page("/items")
    names = dict((label, name) for name, label in re.findall(r'<label class="utrecht-form-label" for="([^"]+)">'
                                                             r'([^<]+)</label>', page))
    field_select = page[page.index(f'id="{names[field]}"'):]
    option = re.search(rf'<option value="([^"]*)"[^>]*>{re.escape(choice)}</option>', field_select).group(1)
    people.seen["filter"] = f"{names[flag]}={value}&{names[field]}={option}"
    people.seen["onderdeel-sleutel"] = option
    people.seen["lijst"] = people.current.page(f"/items?{people.seen['filter']}")


@then(parsers.parse("zijn dat precies de achterstallige items van {unit}"))
def exactly_overdue_of(people, unit):
    everything, page, pages = [], 1, 1
    while page <= pages:  # every item, page by page, and pick by hand
        answer = reader(people).get(f"/api/v1/items?page_size=500&page={page}")
        everything += answer.json
        pages, page = json.loads(answer.headers["X-Pagination"])["total_pages"], page + 1
    expected = {r["key"] for r in everything
                if r["overdue"] and r["attributes"].get("onderdeel") == people.seen["onderdeel-sleutel"]}
    assert expected and set(listed(people.seen["lijst"])) == expected


@then("bevat de CSV-download van deze lijst precies dezelfde items")
def csv_same(people):
    text = people.current.web.get(f"/items.csv?{people.seen['filter']}").get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert {r[0] for r in rows[1:]} == set(listed(people.seen["lijst"]))
