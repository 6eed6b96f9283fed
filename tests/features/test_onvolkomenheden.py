"""Steps for features/onvolkomenheden."""
from pytest_bdd import parsers, scenarios, then, when

scenarios("onvolkomenheden")


@when(parsers.parse('de Rekenkamer "{key}" terugstuurt met reden "{reason}"'))
def auditor_sends_back(cli, key, reason):
    result = cli("record", key, "teruggestuurd", "--set", f"toelichting={reason}", "--actor", "Algemene Rekenkamer")
    assert result.exit_code == 0, result.output


@then(parsers.parse('staat onvolkomenheid "{title}" volgens de Rekenkamer nog open'))
def still_open(report_json, title):
    row = next(r for r in report_json("onvolkomenheden-oordelen") if r["onvolkomenheid"] == title)
    assert row["opgelost"] is False


@then(parsers.parse('geeft het rapport "onvolkomenheden" op peildatum {peildatum} bij "{title}" '
                    'uitvoering "{period}" en gereed "{ready}"'))
def period_and_ready(report_json, peildatum, title, period, ready):
    row = next(r for r in report_json("onvolkomenheden", peildatum) if r["onvolkomenheid"] == title)
    assert (row["uitvoering_maatregelen"], row["gereed"]) == (period, ready)
