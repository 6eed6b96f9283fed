"""Steps shared by the Dutch features. Every step acts as the person signed in (personas.py): through the HTTP
API with that person's token, or the web pages with that person's session. Items, reports and actions are
named as users see them: by their titles and labels."""
from __future__ import annotations

import re
from datetime import date

import pytest
from pytest_bdd import given, parsers, then, when

from tests.conftest import make_app
from tests.features import personas
from tests.features.personas import day, plain
from tests.features.surface import AS_OF, DATE, act, cell, iso, item, markdown_cells, reader, report, timeline
from tracker.services import integrity

# The scenarios are written as of this day; a step "het is vandaag ..." may move it.
TODAY = date(2026, 11, 28)


@pytest.fixture
def seeded_app(databases, seeded_template):
    """The seeded app with its clock pinned, so that "vandaag", a role's window for dating back and the years a
    report shows do not move with the day the suite runs."""
    app = make_app(databases.copy(seeded_template), TODAY=lambda: TODAY)
    yield app
    app.extensions["tracker"].engine.dispose()


# --- the situation ------------------------------------------------------------------------------------------

@given("de gegevens uit de Stand van Defensie zijn geladen")
def seeded_data(people):
    assert integrity.verify(people.tracker).ok
    topics = {row["title"] for row in reader(people).get("/api/v1/topics").json}
    assert {"Onvolkomenheden Algemene Rekenkamer", "CIO-oordelen IT-projecten",
            "Nadere Inventarisatie Gevaarlijke Stoffen"} <= topics, topics


@given(parsers.re(rf"het is vandaag (?P<when>{DATE})$"))
def today_is(people, when):
    people.tracker.today = lambda: day(when)


@when(parsers.re(rf"het inmiddels (?P<when>{DATE}) is$"))
def time_passes(people, when):
    assert day(when) >= people.tracker.today()
    people.tracker.today = lambda: day(when)


# --- recording ----------------------------------------------------------------------------------------------

@when(parsers.re(r'ik bij "(?P<title>[^"]+)" "(?P<action>[^"]+)" vastleg(?: met toelichting "(?P<reason>[^"]+)")?$'))
def do_action(people, title, action, reason):
    act(people, people.key(title), action, reason)


@given(parsers.re(r'ik heb bij "(?P<title>[^"]+)" "(?P<action>[^"]+)" vastgelegd'
                  r'(?: met toelichting "(?P<reason>[^"]+)")?$'))
def did_action(people, title, action, reason):
    assert act(people, people.key(title), action, reason).status_code == 201, people.last.json


@when(parsers.re(r'ik "(?P<title>[^"]+)" als "(?P<state>[^"]+)" meld(?: met toelichting "(?P<reason>[^"]+)")?$'))
def report_as(people, title, state, reason):
    """The owner's claim, in the words of its state: "opgevolgd", "niet overgenomen"."""
    people.last = people.current.claim(people.key(title), state.replace(" ", "_"),
                                        {"toelichting": reason} if reason else {})


@when(parsers.parse('ik "{title}" per {when} als "{state}" meld met toelichting "{reason}"'))
def report_as_on(people, title, when, state, reason):
    people.last = people.current.claim(people.key(title), state.replace(" ", "_"), {"toelichting": reason},
                                        day(when).isoformat())


# --- answers ------------------------------------------------------------------------------------------------

@then("is dat vastgelegd")
def recorded(people):
    assert people.last.status_code == 201, people.last.json


@then(parsers.parse('wordt dat geweigerd met de melding "{text}"'))
def refused_with_text(people, text):
    assert people.last.status_code in (403, 409, 422) and text in people.last.json["message"], people.last.json


@then(parsers.parse('wordt dat geweigerd omdat het nog wacht op "{title}"'))
def refused_waiting(people, title):
    assert people.last.status_code == 422 and title in people.last.json["message"], people.last.json


@then(parsers.re(r'noemt de melding(?: wat wel kan:)? "(?P<text>[^"]+)"$'))
def message_names(people, text):
    assert text in people.last.json["message"], people.last.json


@then("noemt de melding geen sleutels of gebeurtenistypen")
def message_in_words(people):
    """Items by their titles and actions by their labels: the machine names are only in the structured details."""
    body = people.last.json
    message = body["message"]
    acted_on = re.search(r"/items/([^/?]+)", people.last.request.path)
    for key in ([acted_on.group(1)] if acted_on else []) + body.get("blocking", []) + body.get("cycle", []):
        assert key not in message, (key, message)
    for allowed in body.get("allowed", []):
        assert f"'{allowed['event']}'" not in message and f"{allowed['event']} (→" not in message, (allowed, message)


# --- items --------------------------------------------------------------------------------------------------

@given(parsers.parse('"{title}" staat op "{label}"'))
def stands_at(people, title, label):
    assert item(people, people.key(title))["state_label"] == label


@then(parsers.re(r'staat "(?P<title>[^"]+)" (?:nog )?op "(?P<label>[^"]+)"$'))
def is_at(people, title, label):
    assert item(people, people.key(title))["state_label"] == label


PROGRESS = rf'toont "(?P<title>[^"]+)"(?: op peildatum (?P<peildatum>{DATE}))? de voortgang "(?P<label>[^"]+)"$'


@given(parsers.re(PROGRESS))
@then(parsers.re(PROGRESS))
def shows_progress(people, title, peildatum, label):
    assert item(people, people.key(title), iso(peildatum))["progress"]["label"] == label


@then(parsers.parse('staat bovenaan de tijdlijn van "{title}" "{label}" door mij met toelichting "{reason}"'))
def timeline_starts_with(people, title, label, reason):
    key = people.key(title)
    last = reader(people).get(f"/api/v1/items/{key}/events?page_size=500").json[-1]
    assert (last["actor"], last["data"].get("toelichting")) == (people.current.name, reason), last
    assert timeline(people, key)[0].startswith(f"{label} — ")
    assert reason in timeline(people, key)[0] and f"door {people.current.name}" in timeline(people, key)[0]


@then(parsers.re(rf'is (?:op peildatum (?P<peildatum>{DATE})|vandaag) de prognose van "(?P<title>[^"]+)" '
                 rf'(?P<forecast>{DATE}), (?:(?P<expired>niet verlopen|verlopen)(?: en |$))?'
                 r'(?:(?P<risk>met|zonder) risico)?$'))
def forecast(people, peildatum, title, forecast, expired, risk):
    key = people.key(title)
    row = item(people, key, iso(peildatum))
    assert row["forecast"] == day(forecast).isoformat(), row
    if risk is not None:
        assert row["at_risk"] is (risk == "met"), row
    if expired is not None:
        assert row["forecast_expired"] is (expired == "verlopen"), row
        page = reader(people).page(f"/item/{key}" + (f"?peildatum={iso(peildatum)}" if peildatum else ""))
        shown = re.search(r"<dt>Prognose</dt><dd>(.*?)</dd>", page).group(1)
        assert ("verlopen" in shown) is (expired == "verlopen"), shown


# --- reports ------------------------------------------------------------------------------------------------

@then(parsers.re(rf'geeft het rapport "(?P<title>[^"]+)" {AS_OF} deze tabel:$'))
def report_table(people, title, peildatum, datatable):
    expected = [[c.strip() for c in row] for row in datatable]
    assert markdown_cells(report(people, title, iso(peildatum), "md")) == expected


@given(parsers.re(rf'meldt het rapport "(?P<title>[^"]+)" {AS_OF} "(?P<text>[^"]+)"$'))
@then(parsers.re(rf'meldt het rapport "(?P<title>[^"]+)" {AS_OF} "(?P<text>[^"]+)"$'))
def report_says(people, title, peildatum, text):
    said = report(people, title, iso(peildatum), "text")
    assert text in " ".join(said.split()), said


@then(parsers.re(rf'toont het rapport "(?P<title>[^"]+)" {AS_OF} bij "(?P<row>[^"]+)" de status "(?P<status>[^"]+)"$'))
def report_status(people, title, peildatum, row, status):
    assert cell(people, title, iso(peildatum), row, "Status") == status


@then(parsers.re(rf'staat in het rapport "(?P<title>[^"]+)" {AS_OF} bij "(?P<row>[^"]+)" onder "(?P<column>[^"]+)" '
                 r'"(?P<value>[^"]*)"$'))
def report_cell(people, title, peildatum, row, column, value):
    assert cell(people, title, iso(peildatum), row, column) == value


@then(parsers.re(rf'telt het dashboard op peildatum (?P<peildatum>{DATE}) bij "(?P<topic>[^"]+)" "(?P<title>[^"]+)" '
                 r'(?P<niet>niet )?mee als (?P<what>achterstallig|met risico)$'))
def dashboard_counts(people, peildatum, topic, title, niet, what):
    """The card of a topic counts, as of the peildatum, the items under it that are overdue (or at risk)."""
    page = reader(people).page(f"/?peildatum={iso(peildatum)}")
    cards = page.split('<section class="card"')[1:]
    card = plain(next(c for c in cards if f">{topic}</a></h2>" in c).split("</section>")[0])
    shown = int(re.search(rf"(\d+) {what}", card).group(1))
    flag = {"achterstallig": "overdue", "met risico": "at_risk"}[what]
    rows = reader(people).get(f"/api/v1/items?topic={people.key(topic)}&peildatum={iso(peildatum)}&page_size=500").json
    counted = {r["key"] for r in rows if r[flag]}
    assert shown == len(counted), (card, sorted(counted))
    assert (people.key(title) in counted) is (not niet), sorted(counted)


# The signed-in people's steps: pytest-bdd registers each step as a fixture in the module that defines it.
globals().update({name: value for name, value in vars(personas).items() if name.startswith("pytestbdd_stepdef_")})
people = personas.people
