"""Steps for features/cio: opinions on IT projects, and the conditions the CIO accepts."""
from pytest_bdd import given, parsers, scenarios, then, when

from tests.features.surface import item, plain, reader

scenarios("cio")
CONDITION = 'de voorwaarde "{condition}" van "{project}"'


@when(parsers.parse(f'ik {CONDITION} vervuld meld met toelichting "{{reason}}"'))
def declare_met(people, condition, project, reason):
    people.last = people.current.claim(people.child(project, condition), "vervuld", {"toelichting": reason})


@given(parsers.parse(f'ik heb {CONDITION} vervuld gemeld met toelichting "{{reason}}"'))
def declared_met(people, condition, project, reason):
    declare_met(people, condition, project, reason)
    assert people.last.status_code == 201, people.last.json
    people.seen["condition"] = people.child(project, condition)


@given("de CIO heeft die vervulling aanvaard")
def cio_accepted(people):
    answer = people.persona("cio").record(people.seen["condition"], "aanvaard", {})
    assert answer.status_code == 201, answer.json


@when(parsers.parse(f"ik de vervulling van {CONDITION} aanvaard"))
def accept(people, condition, project):
    people.last = people.current.record(people.child(project, condition), "aanvaard", {})


@when(parsers.parse(f'ik de vervulling van {CONDITION} afwijs met toelichting "{{reason}}"'))
def reject(people, condition, project, reason):
    people.last = people.current.record(people.child(project, condition), "afgewezen", {"toelichting": reason})


@then(parsers.parse(f'staat {CONDITION} op "{{label}}"'))
def condition_state(people, condition, project, label):
    assert item(people, people.child(project, condition))["state_label"] == label


@then(parsers.parse('waarschuwt de pagina van "{project}" dat {count:d} voorwaarde niet (meer) aanvaard is '
                    'door de CIO'))
def page_warns(people, project, count):
    page = plain(reader(people).page(f"/item/{people.key(project)}"))
    assert f"Het project is gestart, maar {count} van zijn voorwaarden" in page, page
    assert "niet (meer) aanvaard door de CIO" in page


@then(parsers.re(r'is "(?P<project>[^"]+)" (?P<niet>niet )?gemarkeerd als gestart zonder aanvaarde voorwaarden$'))
def flagged(people, project, niet):
    key = people.key(project)
    assert (item(people, key)["conditions_not_accepted"] > 0) is (not niet)
    page = reader(people).page(f"/item/{key}")
    assert ("gestart zonder aanvaarde voorwaarden" in page) is (not niet)
