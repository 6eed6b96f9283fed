"""Steps for features/nigs."""
import pytest
from pytest_bdd import given, parsers, scenarios, then, when

scenarios("nigs")


@pytest.fixture
def employer():
    return {}


@then(parsers.parse('telt het rapport "nigs" op peildatum {peildatum} voor iedere route {count:d} werkgevers'))
def every_route_counts(report_json, peildatum, count):
    rows = report_json("nigs", peildatum)
    assert rows and all(r["werkgevers"] == count for r in rows)


@then(parsers.parse('heeft de meerderheid van de werkgevers voor "{route}" de vier stappen doorlopen'))
def most_completed(report_json, route):
    row = next(r for r in report_json("nigs") if r["route"] == route)
    assert row["doorlopen"] > row["werkgevers"] / 2


@given(parsers.parse('een werkgever op route "{route}" in stap "{step}"'))
def employer_in_step(cli, report_json, employer, route, step):
    employer["key"] = cli.json("items", "--parent", route, "--state", step)[0]["key"]
    employer["before"] = report_json("nigs")


@when(parsers.parse('de werkgever "{event}" vastlegt'))
def employer_records(cli, employer, event):
    cli("record", employer["key"], event, "--actor", "werkgever")


@then(parsers.parse('staat de werkgever op "{state}"'))
def employer_state(cli, employer, state):
    assert cli.item(employer["key"])["state"] == state


@then(parsers.parse('staat de werkgever op "{state}" in cyclus {cycle:d}'))
def employer_cycle(cli, employer, state, cycle):
    row = cli.item(employer["key"])
    assert (row["state"], row["cycle"]) == (state, cycle)


@then(parsers.parse('telt het rapport "nigs" van vandaag voor "{route}" 1 werkgever meer in "{step}"'))
def one_more(report_json, employer, route, step):
    before = next(r for r in employer["before"] if r["route"] == route)
    after = next(r for r in report_json("nigs") if r["route"] == route)
    assert after[step] == before[step] + 1 and after["werkgevers"] == before["werkgevers"]
