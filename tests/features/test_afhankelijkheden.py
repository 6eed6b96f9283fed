"""Steps for features/afhankelijkheden: what waits on what, and how a delay travels."""
import re

from pytest_bdd import parsers, scenarios, then, when

from tests.features.surface import iso, item, reader, timeline
from tracker.domain.naming import shortened

scenarios("afhankelijkheden")
TITLES = re.compile(r'"([^"]+)"')


@when(parsers.parse('ik vastleg dat "{item_title}" wacht op "{other}"'))
def add_dependency(people, item_title, other):
    key = people.key(item_title)
    people.last = people.current.api.post(f"/api/v1/items/{key}/dependencies", json={"op": people.key(other)},
                                          headers=people.current.headers({"If-Match": people.current.version(key)}))


@then(parsers.parse("wordt dat geweigerd omdat het een kring zou maken: {path}"))
def refused_cycle(people, path):
    keys = [people.key(title) for title in TITLES.findall(path)]
    assert people.last.status_code == 409, people.last.json
    assert people.last.json["cycle"] == keys  # for programs: the keys
    message = people.last.json["message"]  # for people: the titles, as they read them
    assert " → ".join(f"'{shortened(people.title(key))}'" for key in keys) in message, message
    assert not any(key in message for key in keys), message


@then(parsers.re(r'is "(?P<title>[^"]+)" (?P<niet>niet meer )?geblokkeerd$'))
def blocked(people, title, niet):
    assert item(people, people.key(title))["blocked"] is (not niet)


@then(parsers.parse('staat bovenaan de tijdlijn van "{title}" dat het volgsysteem het heeft gedeblokkeerd toen '
                    '"{other}" gereed was'))
def unblocked_by(people, title, other):
    key = people.key(title)
    last = reader(people).get(f"/api/v1/items/{key}/events?page_size=500").json[-1]
    assert (last["type"], last["actor"], last["data"]["door"]) == ("gedeblokkeerd", "systeem", people.key(other))
    newest = timeline(people, key)[0]
    assert newest.startswith("Gedeblokkeerd — "), newest
    assert f"door: {other}" in newest and people.key(other) not in newest, newest  # the item by its title


@when(parsers.parse('ik de planning van "{title}" op {when} zet met toelichting "{reason}"'))
def plan(people, title, when, reason):
    people.last = people.current.record(people.key(title), "planning_vastgesteld",
                                        {"gepland": iso(when), "toelichting": reason})


@then(parsers.parse('loopt het kritieke pad van "{title}" via {path}'))
def critical_path(people, title, path):
    titles = [title] + TITLES.findall(path)
    key = people.key(title)
    view = reader(people).get(f"/api/v1/items/{key}/graph").json
    assert [step["key"] for step in view["critical_path"]] == [people.key(t) for t in titles]
    page = reader(people).page(f"/item/{key}/graaf")
    shown = page[page.index("Kritiek pad"):]
    positions = [shown.index(people.title(people.key(t))) for t in titles]
    assert positions == sorted(positions), positions
