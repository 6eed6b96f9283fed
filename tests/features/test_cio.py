"""Steps for features/cio."""
import pytest
from pytest_bdd import given, parsers, scenarios, then, when

scenarios("cio")


@pytest.fixture
def project():
    return {}


@given("een IT-project met een negatief CIO-oordeel")
def negative_project(cli, project):
    rows = cli.json("items", "--kind", "it_project", "--state", "negatief")
    project["key"] = rows[0]["key"]


@given("een IT-project positief onder voorwaarden met een open voorwaarde")
def conditional_project(cli, project):
    rows = cli.json("items", "--kind", "it_project", "--state", "onder_voorwaarden")
    chosen = next(r for r in rows if r["progress"]["done"] < r["progress"]["total"])
    project["key"] = chosen["key"]
    project["open"] = [r["key"] for r in cli.json("items", "--parent", chosen["key"], "--state", "open")
                       if r["kind"] == "voorwaarde"]
    assert project["open"]


@when("de eigenaar het project start")
def start(cli, project):
    cli("record", project["key"], "gestart", "--actor", "projecteigenaar")


@when(parsers.parse('de eigenaar het project opnieuw indient met toelichting "{reason}"'))
def resubmit(cli, project, reason):
    assert cli("record", project["key"], "opnieuw_ingediend", "--set", f"toelichting={reason}").exit_code == 0


@when("de CIO het project positief beoordeelt")
def positive(cli, project):
    assert cli("record", project["key"], "oordeel_positief", "--actor", "CIO-office").exit_code == 0


@when("de eigenaar alle open voorwaarden vervuld meldt")
def conditions_met(cli, project):
    for key in project["open"]:
        assert cli("record", key, "vervuld", "--set", "toelichting=Aangetoond").exit_code == 0


@then(parsers.parse('staat het project op "{state}"'))
def project_state(cli, project, state):
    assert cli.last.exit_code == 0, cli.last.output
    assert cli.item(project["key"])["state"] == state


@then("noemt de melding de open voorwaarde")
def names_open_condition(cli, project):
    assert all(key in cli.last.stderr for key in project["open"])
