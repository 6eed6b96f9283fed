"""Steps shared by the Dutch features. They drive the app through its CLI, as a user would."""
from __future__ import annotations

import json

import pytest
from pytest_bdd import given, parsers, then, when

WRITING = {"record", "depend", "undepend", "vaststellen"}
ACTING = {"Algemene Rekenkamer": "rekenkamer", "CIO-office": "cio-office"}  # who else acts as the beheerder


class Cli:
    def __init__(self, runner):
        self.runner = runner
        self.last = None

    def __call__(self, *args):
        args = [str(a) for a in args]
        if args and args[0] in WRITING:
            account = "beheer"
            if "--actor" in args:
                at = args.index("--actor")
                account = ACTING.get(args[at + 1], "beheer")
                del args[at:at + 2]
            args += ["--als", account]
        self.last = self.runner.invoke(args=args)
        return self.last

    def json(self, *args):
        result = self(*args, "--format", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def item(self, key, peildatum=None):
        extra = ["--peildatum", peildatum] if peildatum else []
        rows = self.json("items", *extra)
        return next(r for r in rows if r["key"] == key)


@pytest.fixture
def cli(seeded_runner):
    for name, role in (("beheer", "beheerder"), ("rekenkamer", "auditor"), ("cio-office", "cio")):
        assert seeded_runner.invoke(args=["user", "create", name, "--role", role]).exit_code == 0
    return Cli(seeded_runner)


@given("de gegevens uit de Stand van Defensie zijn geladen")
def seeded_data(cli):
    assert cli("verify").exit_code == 0


@given(parsers.parse('{soort} "{key}" staat op "{state}" met versie {version:d}'))
def item_in_state(cli, soort, key, state, version):
    row = cli.item(key)
    assert (row["kind"], row["state"], row["version"]) == (soort, state, version)


@given(parsers.parse('een collega heeft intussen een opmerking geplaatst bij "{key}"'))
def colleague_remark(cli, key):
    result = cli("record", key, "opmerking", "--set", "toelichting=Overleg met de Rekenkamer gepland",
                 "--actor", "collega")
    assert result.exit_code == 0, result.output


@when(parsers.parse('ik "{event}" vastleg op "{key}" met toelichting "{reason}" uitgaande van versie {version:d}'))
def record_with_reason_and_version(cli, event, key, reason, version):
    cli("record", key, event, "--set", f"toelichting={reason}", "--expected-version", version)


@when(parsers.parse('ik "{event}" vastleg op "{key}"'))
def record_plain(cli, event, key):
    cli("record", key, event)


@then(parsers.parse("wordt versie {version:d} getoond"))
def shows_version(cli, version):
    assert cli.last.exit_code == 0, cli.last.output
    assert cli.last.stdout.strip() == str(version)


@then(parsers.parse('staat "{key}" op "{state}" met versie {version:d}'))
def is_in_state(cli, key, state, version):
    row = cli.item(key)
    assert (row["state"], row["version"]) == (state, version)


@then(parsers.parse('toont "{key}" de voortgang "{label}"'))
def shows_progress(cli, key, label):
    assert cli.item(key)["progress"]["label"] == label


@then(parsers.parse('toont "{key}" op peildatum {peildatum} de voortgang "{label}"'))
def shows_progress_as_of(cli, key, peildatum, label):
    assert cli.item(key, peildatum)["progress"]["label"] == label


@then(parsers.parse('bevat de geschiedenis van "{key}" als laatste "{event}" met toelichting "{reason}"'))
def history_ends_with(cli, key, event, reason):
    last = cli.json("history", key)[-1]
    assert (last["type"], last["data"].get("toelichting")) == (event, reason)


@then(parsers.parse('wordt de gebeurtenis geweigerd met de melding "{text}"'))
def refused_with(cli, text):
    assert cli.last.exit_code == 1, cli.last.output
    assert text in cli.last.stderr, cli.last.stderr


@then(parsers.parse('noemt de melding de toegestane overgang "{text}"'))
def names_allowed(cli, text):
    assert text in cli.last.stderr


# --- reports ---------------------------------------------------------------

def _report(cli, name, peildatum, fmt):
    args = ["report", name, "--format", fmt] + (["--peildatum", peildatum] if peildatum else [])
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def markdown_cells(text: str) -> list[list[str]]:
    lines = [line.strip() for line in text.splitlines() if line.startswith("|")]
    rows = [[cell.strip() for cell in line[1:-1].split("|")] for line in lines]
    return [row for row in rows if not all(c and set(c) <= {"-"} for c in row)]


@pytest.fixture
def report_json(cli):
    def get(name, peildatum=None):
        return json.loads(_report(cli, name, peildatum, "json"))
    return get


@then(parsers.parse('geeft het rapport "{name}" op peildatum {peildatum} deze tabel:'))
def report_table(cli, name, peildatum, datatable):
    expected = [[cell.strip() for cell in row] for row in datatable]
    assert markdown_cells(_report(cli, name, peildatum, "md")) == expected


@then(parsers.parse('meldt het rapport "{name}" op peildatum {peildatum} "{text}"'))
def report_says(cli, name, peildatum, text):
    assert text in _report(cli, name, peildatum, "text")


@then(parsers.re(r'toont het rapport "(?P<name>[^"]+)" (?:op peildatum (?P<peildatum>\S+)|van vandaag) '
                 r'bij "(?P<row>[^"]+)" de status "(?P<status>[^"]+)"'))
def report_status(cli, name, peildatum, row, status):
    cells = markdown_cells(_report(cli, name, peildatum, "md"))
    assert next(r for r in cells if r[0] == row)[3] == status


# The signed-in people's steps: pytest-bdd registers each step as a fixture in the module that defines it.
from tests.features import personas  # noqa: E402

globals().update({name: value for name, value in vars(personas).items() if name.startswith("pytestbdd_stepdef_")})
people = personas.people
