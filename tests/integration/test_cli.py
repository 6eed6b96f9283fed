"""The `tracker` command line contract. Writing commands act as a named account (--als) with its role."""
import json
from datetime import timedelta

import pytest

from tests.documents import PDF, digest
from tracker.services import queries


def invoke(runner, *args):
    return runner.invoke(args=list(args))


@pytest.fixture(autouse=True)
def accounts(request):
    """The accounts the writing commands act as, in whichever seeded database the test uses."""
    if "seeded_runner" not in request.fixturenames:
        return
    runner = request.getfixturevalue("seeded_runner")
    for name, role, scope in (("eigenaar-mun", "eigenaar", "munitiebeheer"), ("beheer", "beheerder", None),
                              ("rekenkamer", "auditor", None)):
        extra = ["--scope", scope] if scope else []
        assert invoke(runner, "user", "create", name, "--role", role, *extra).exit_code == 0


def test_items_json_has_the_contract_fields(seeded_runner):
    result = invoke(seeded_runner, "items", "--parent", "munitiebeheer", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 10
    first = rows[0]
    assert {"key", "kind", "title", "state", "version", "parent", "illustratief", "transitions"} <= set(first)
    assert first["parent"] == "munitiebeheer" and first["illustratief"] is True
    assert {"event": "teruggestuurd", "to": "in_uitvoering"} in [
        {"event": t["event"], "to": t["to"]} for t in first["transitions"]]


def test_items_filter_by_topic_state_and_peildatum(seeded_runner):
    rows = json.loads(invoke(seeded_runner, "items", "--topic", "onvolkomenheden", "--state", "in_uitvoering",
                             "--format", "json").stdout)
    assert {r["key"] for r in rows} >= {"munitiebeheer-a10", "autorisatiebeheer-a2"}
    early = json.loads(invoke(seeded_runner, "items", "--topic", "onvolkomenheden", "--peildatum", "2019-12-31",
                              "--format", "json").stdout)
    # Recommendations exist from the publication of the VO that made them (inkoop-a2: VO 2018, May 2019).
    assert {r["key"] for r in early} == {"onvolkomenheden", "inkoop", "inkoop-a1", "inkoop-a2", "vastgoedbeheer",
                                         "vastgoedbeheer-a1"}


def test_record_prints_the_new_version(seeded_runner, seeded, tmp_path):
    day = (seeded.today() - timedelta(days=10)).isoformat()
    now = queries.get_item(seeded, "munitiebeheer-a10").item.version
    result = invoke(seeded_runner, "record", "munitiebeheer-a10", "opgevolgd", "--set", "toelichting=Gereed",
                    "--expected-version", str(now), "--occurred-on", day, "--als", "eigenaar-mun")
    assert result.exit_code == 1 and "vraagt om bewijs" in result.stderr
    report = tmp_path / "telverslag.pdf"
    report.write_bytes(PDF)
    result = invoke(seeded_runner, "record", "munitiebeheer-a10", "opgevolgd", "--set", "toelichting=Gereed",
                    "--expected-version", str(now), "--occurred-on", day, "--als", "eigenaar-mun",
                    "--bewijs", str(report))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(now + 1)
    history = json.loads(invoke(seeded_runner, "history", "munitiebeheer-a10", "--format", "json").stdout)
    assert [e["version"] for e in history] == list(range(1, now + 2))
    assert history[-1]["actor"] == "eigenaar-mun" and history[-1]["occurred_on"] == day
    assert history[-1]["data"] == {"toelichting": "Gereed", "bewijs": [digest(PDF)]}


def test_writing_needs_an_account_and_applies_its_role(seeded_runner):
    nobody = invoke(seeded_runner, "record", "munitiebeheer-a10", "opmerking", "--set", "toelichting=x")
    assert nobody.exit_code == 2 and "--als" in nobody.output
    unknown = invoke(seeded_runner, "record", "munitiebeheer-a10", "opmerking", "--set", "toelichting=x",
                     "--als", "niemand")
    assert unknown.exit_code == 1 and "bestaat niet" in unknown.stderr
    outside = invoke(seeded_runner, "record", "inkoop", "opmerking", "--set", "toelichting=x", "--als", "eigenaar-mun")
    assert outside.exit_code == 1 and "buiten uw bereik" in outside.stderr


def test_maintenance_is_explicit_and_shows_in_the_history(seeded_runner):
    refused = invoke(seeded_runner, "record", "inkoop", "opmerking", "--set", "toelichting=Hersteld",
                     "--als", "eigenaar-mun", "--onderhoud")
    assert refused.exit_code == 1 and "beheerder" in refused.stderr
    done = invoke(seeded_runner, "record", "inkoop", "opmerking", "--set", "toelichting=Hersteld", "--occurred-on",
                  "2024-01-10", "--als", "beheer", "--onderhoud")
    assert done.exit_code == 1 and "2024-01-10" in done.stderr  # the item's own dates still hold
    done = invoke(seeded_runner, "record", "inkoop", "opmerking", "--set", "toelichting=Hersteld", "--als", "beheer",
                  "--onderhoud")
    assert done.exit_code == 0, done.output
    last = json.loads(invoke(seeded_runner, "history", "inkoop", "--format", "json").stdout)[-1]
    assert last["actor"] == "beheer" and last["data"] == {"toelichting": "Hersteld", "onderhoud": True}


def test_a_rejected_record_exits_non_zero_with_the_reason_on_stderr(seeded_runner):
    result = invoke(seeded_runner, "record", "munitiebeheer-a10", "geverifieerd", "--als", "rekenkamer")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "staat op 'in uitvoering'" in result.stderr


def test_remark_needs_an_explanation_and_changes_no_state(seeded_runner):
    bad = invoke(seeded_runner, "record", "inkoop", "opmerking", "--als", "beheer")
    assert bad.exit_code == 1 and "toelichting" in bad.stderr
    good = invoke(seeded_runner, "record", "inkoop", "opmerking", "--set", "toelichting=Besproken in Bestuursraad",
                  "--als", "beheer")
    assert good.exit_code == 0
    row = json.loads(invoke(seeded_runner, "items", "--kind", "onvolkomenheid", "--format", "json").stdout)[0]
    assert row["key"] == "inkoop" and row["state"] == "open" and row["version"] == int(good.stdout)


def test_malformed_set_and_date_are_refused_clearly(seeded_runner):
    result = invoke(seeded_runner, "record", "inkoop", "opmerking", "--set", "toelichting", "--als", "beheer")
    assert result.exit_code == 2 and "veld=waarde" in result.output
    result = invoke(seeded_runner, "items", "--peildatum", "31-12-2025")
    assert result.exit_code == 2 and "JJJJ-MM-DD" in result.output


def test_history_of_an_unknown_item(seeded_runner):
    result = invoke(seeded_runner, "history", "bestaat-niet")
    assert result.exit_code == 1 and "bestaat niet" in result.stderr


def test_seed_twice_adds_nothing_the_second_time(runner):
    first = invoke(runner, "seed")
    assert first.exit_code == 0 and "0 waren er al" in first.output
    second = invoke(runner, "seed")
    assert second.exit_code == 0 and "Seed geladen: 0 gebeurtenissen toegevoegd" in second.output


def test_init_db_is_harmless_on_an_existing_database(seeded_runner):
    assert invoke(seeded_runner, "init-db").exit_code == 0
    assert invoke(seeded_runner, "verify").exit_code == 0
