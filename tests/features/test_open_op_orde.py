"""Steps for features/open_op_orde."""
from pytest_bdd import parsers, scenarios, then, when

scenarios("open_op_orde")


def nl(value):
    return "" if value is None else f"{value:.1f}".replace(".", ",")


@when(parsers.parse('ik voor "{unit}" de score "{score}" over {year:d} vastleg'))
def measure(cli, unit, score, year):
    cli("record", unit, "volwassenheid_gemeten", "--set", f"score={score}", "--set", f"jaar={year}")


@when(parsers.parse('ik voor ieder defensieonderdeel de score "{score}" over {year:d} vastleg'))
def measure_all(cli, score, year):
    for row in cli.json("items", "--kind", "defensieonderdeel"):
        assert cli("record", row["key"], "volwassenheid_gemeten", "--set", f"score={score}",
                   "--set", f"jaar={year}").exit_code == 0


@when(parsers.parse('ik de streefwaarde voor {year:d} op "{value}" zet met toelichting "{reason}"'))
def set_target(cli, year, value, reason):
    result = cli("record", "ooo-doelstellingen", "streefwaarde_vastgesteld", "--set", f"jaar={year}",
                 "--set", f"streefwaarde={value}", "--set", "norm=4", "--set", f"toelichting={reason}")
    assert result.exit_code == 0, result.output


def _value(report_json, column, year, peildatum):
    rows = report_json("open-op-orde", peildatum)
    return nl(next((r[column] for r in rows if r["jaar"] == year), None))


@then(parsers.re(r'is de (?P<column>realisatie|streefwaarde) (?P<year>\d{4}) in het rapport "open-op-orde" '
                 r'(?:op peildatum (?P<peildatum>\S+)|van vandaag) (?:"(?P<value>[^"]*)"|leeg)'),
      converters={"year": int})
def column_value(report_json, column, year, peildatum, value):
    assert _value(report_json, column, year, peildatum) == (value or "")
