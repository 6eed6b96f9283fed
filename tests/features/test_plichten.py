"""Steps for features/plichten: who may say what, and as of when, acting as signed-in people."""
import re
from datetime import timedelta

from pytest_bdd import given, parsers, scenarios, then, when

from tests.features.personas import day

scenarios("plichten")


def field_name(people, key, label):
    item = people.current.get(f"/api/v1/items/{key}").json
    workflow = people.tracker.registry(item["kind"])
    return next(name for name, spec in workflow.fields.items() if spec.label == label)


@when(parsers.parse('ik bij "{title}" het "{label}" corrigeer naar "{value}"'))
def correct(people, title, label, value):
    key = people.key(title)
    people.last = people.current.record(key, "gegevens_gewijzigd", {field_name(people, key, label): value,
                                                                    "toelichting": "Correctie"})


@then("wordt dat geweigerd omdat het de gegevens van een andere rol zijn")
def refused_foreign(people):
    assert people.last.status_code == 403, people.last.json
    assert "andere rol" in people.last.json["message"]


@then(parsers.parse('biedt het correctieformulier van "{title}" mij geen "{label}" aan'))
def form_without(people, title, label):
    page = people.current.web.get(f"/item/{people.key(title)}").get_data(as_text=True)
    correction = page[page.index("Gegevens corrigeren"):]
    correction = correction[:correction.index("</form>")]
    assert label not in correction and "Plan van aanpak" in correction


@when(parsers.parse('ik bij "{title}" een opmerking plaats van {days:d} dagen geleden'))
def remark_days_ago(people, title, days):
    on = people.tracker.today() - timedelta(days=days)
    people.last = people.current.record(people.key(title), "opmerking", {"toelichting": "Eerder besproken"},
                                        on.isoformat())


@when(parsers.parse('ik bij "{title}" een opmerking plaats per {when} met toelichting "{reason}"'))
def remark_on(people, title, when, reason):
    people.last = people.current.record(people.key(title), "opmerking", {"toelichting": reason}, day(when).isoformat())


@given(parsers.parse('de peildatum {when} van het rapport "{name}" is vastgesteld'))
def fixed(people, when, name):
    page = f"/rapporten/{name}?peildatum={day(when).isoformat()}"
    answer = people.current.web.post(f"/rapporten/{name}/vaststellen",
                                     data={"csrf_token": people.csrf(page), "peildatum": day(when).isoformat()})
    assert answer.status_code == 302


def status_row(people, name, peildatum, row, known_on=None):
    url = f"/api/v1/reports/{name}?peildatum={peildatum.isoformat()}"
    if known_on:
        url += f"&bekend_op={known_on.isoformat()}"
    return next(r["status"] for r in people.current.get(url).json if r["onvolkomenheid"] == row)


@then(parsers.parse('toont het rapport "{name}" op {when} bij "{row}" nog "{status}"'))
def still_shows(people, name, when, row, status):
    people.report = (name, day(when))
    assert status_row(people, name, day(when), row) == status


@then(parsers.parse('noemt het rapport de correctie na vaststelling van "{row}"'))
def names_correction(people, row):
    name, peildatum = people.report
    page = people.current.web.get(f"/rapporten/{name}?peildatum={peildatum.isoformat()}").get_data(as_text=True)
    assert "Na vaststelling vastgelegd" in page
    assert re.search(rf"na vaststelling gecorrigeerd: {re.escape(row)}", page)


@then(parsers.parse('toont het rapport zoals het vandaag bekend is bij "{row}" "{status}"'))
def known_today(people, row, status):
    name, peildatum = people.report
    assert status_row(people, name, peildatum, row, people.tracker.today()) == status


@then(parsers.parse('staat in de tijdlijn van "{title}" een "{mark}"'))
def timeline_mark(people, title, mark):
    page = people.current.web.get(f"/item/{people.key(title)}").get_data(as_text=True)
    timeline = page[page.index('id="tijdlijn"'):]
    assert f'<span class="badge badge--mark">{mark}</span>' in timeline
