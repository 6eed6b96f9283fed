"""Steps for features/afhankelijkheden."""
from pytest_bdd import parsers, scenarios, then, when

scenarios("afhankelijkheden")


@when(parsers.parse('ik vastleg dat "{item}" afhangt van "{other}"'))
def add_dependency(cli, item, other):
    cli("depend", item, "--on", other)


@when(parsers.parse('ik "{event}" vastleg op "{key}" met toelichting "{reason}"'))
def record_with_reason(cli, event, key, reason):
    result = cli("record", key, event, "--set", f"toelichting={reason}")
    assert result.exit_code == 0, result.output


@when(parsers.parse('ik de planning van "{key}" op "{day}" zet met toelichting "{reason}"'))
def plan(cli, key, day, reason):
    result = cli("record", key, "planning_vastgesteld", "--set", f"gepland={day}", "--set", f"toelichting={reason}")
    assert result.exit_code == 0, result.output


@then(parsers.parse('is "{key}" geblokkeerd'))
def is_blocked(cli, key):
    assert cli.item(key)["blocked"] is True


@then(parsers.parse('is "{key}" niet meer geblokkeerd'))
def not_blocked(cli, key):
    assert cli.item(key)["blocked"] is False


@then(parsers.parse('bevat de geschiedenis van "{key}" als laatste "{event}" door "{cause}"'))
def last_event_caused_by(cli, key, event, cause):
    last = cli.json("history", key)[-1]
    assert (last["type"], last["data"]["door"], last["actor"]) == (event, cause, "systeem")


@then(parsers.re(r'is de prognose van "(?P<key>[^"]+)"(?: op peildatum (?P<peildatum>\S+))? "(?P<day>[^"]+)" '
                 r'(?P<risk>met|zonder) risico'))
def forecast(cli, key, peildatum, day, risk):
    row = cli.item(key, peildatum)
    assert (row["forecast"], row["at_risk"]) == (day, risk == "met")


@then(parsers.parse('toont de graaf van "{key}" het kritieke pad "{path}"'))
def critical_path(cli, key, path):
    view = cli.json("graph", key)
    assert " ← ".join(step["key"] for step in view["critical_path"]) == path
    text = cli("graph", key).stdout
    assert "Kritiek pad" in text and all(part in text for part in path.split(" ← "))
