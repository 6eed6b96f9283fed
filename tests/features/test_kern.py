"""Steps for features/kern: recording a change as the workflow allows, from the API and from the item page."""
from pytest_bdd import given, parsers, scenarios, then, when

from tests.features.personas import plain
from tests.features.surface import event_for
from tracker.domain.naming import shortened

scenarios("kern")


@when(parsers.parse('ik "{title}" verifieer'))
def verify(people, title):
    people.last = people.current.record(people.key(title), "geverifieerd", {})


@given(parsers.parse('ik heb de pagina van "{title}" geopend'))
def opened(people, title):
    people.seen["opened"] = (people.key(title), people.current.open_form(people.key(title)))


@given(parsers.parse('een collega heeft intussen een opmerking geplaatst bij "{title}"'))
def colleague_remarks(people, title):
    colleague = people.persona("eigenaar", people.key("Munitiebeheer"), name="collega-munitiebeheer")
    people.seen["colleague"] = colleague
    answer = colleague.record(people.key(title), "opmerking", {"toelichting": "Overleg met de Rekenkamer gepland"})
    assert answer.status_code == 201, answer.json


@when(parsers.parse('ik op die pagina "{action}" verstuur met toelichting "{reason}"'))
def submit(people, action, reason):
    key, opened = people.seen["opened"]
    people.last = people.current.submit(key, opened, event_for(people, key, action), {"toelichting": reason},
                                        people.tracker.today())


@then(parsers.parse('zie ik dat "{title}" intussen is gewijzigd door mijn collega'))
def sees_conflict(people, title):
    assert people.last.status_code == 409
    page = people.last.get_data(as_text=True)
    alert = plain(page[page.index('role="alert"'):page.index("</div>", page.index('role="alert"'))])
    key, colleague = people.key(title), people.seen["colleague"].name
    assert f"'{shortened(people.title(key))}' is intussen gewijzigd door {colleague}:" in alert, alert
    assert key not in alert, alert
    assert f"Opmerking plaatsen door {colleague}" in alert, alert


@then(parsers.parse('staat mijn toelichting "{reason}" nog in het formulier'))
def kept(people, reason):
    page = people.last.get_data(as_text=True)
    assert f">{reason}</textarea>" in page
