"""Steps for features/open_op_orde: maturity scores per unit and the yearly targets."""
from pytest_bdd import parsers, scenarios, when

from tests.features.surface import reader

scenarios("open_op_orde")


@when(parsers.parse('ik voor "{unit}" de score "{score}" over {year:d} vastleg'))
def measure(people, unit, score, year):
    people.last = people.current.record(people.key(unit), "volwassenheid_gemeten", {"score": score, "jaar": year})


@when(parsers.parse('ik voor ieder defensieonderdeel de score "{score}" over {year:d} vastleg'))
def measure_all(people, score, year):
    units = reader(people).get("/api/v1/items?kind=defensieonderdeel&page_size=100").json
    assert len(units) == 7
    for unit in units:
        people.last = people.current.record(unit["key"], "volwassenheid_gemeten", {"score": score, "jaar": year})
        assert people.last.status_code == 201, people.last.json


@when(parsers.parse('ik de streefwaarde voor {year:d} op "{value}" zet met toelichting "{reason}"'))
def set_target(people, year, value, reason):
    people.last = people.current.record(people.key("Streefwaarden informatiehuishouding"), "streefwaarde_vastgesteld",
                                        {"jaar": year, "streefwaarde": value, "norm": "4", "toelichting": reason})
