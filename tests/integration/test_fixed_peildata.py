"""A peildatum the Bestuursraad fixed keeps its figures: later corrections dated on or before it are recorded,
shown beside the figures and counted only when asked for (`--bekend-op`)."""
import json

import pytest

from tests.documents import PDF

BMO = "Beveiliging Militaire Objecten"


def invoke(runner, *args):
    return runner.invoke(args=[str(a) for a in args])


@pytest.fixture
def runner(seeded_runner):
    for name, role in (("beheer", "beheerder"), ("rekenkamer", "auditor")):
        assert invoke(seeded_runner, "user", "create", name, "--role", role).exit_code == 0
    return seeded_runner


def status(runner, *extra) -> str:
    rows = json.loads(invoke(runner, "report", "onvolkomenheden", "--peildatum", "2025-12-31", "--format", "json",
                             *extra).stdout)
    return next(r["status"] for r in rows if r["onvolkomenheid"] == BMO)


def test_a_fixed_report_keeps_its_figure_and_names_the_correction(runner, seeded, tmp_path):
    assert status(runner) == "10 (van 12) aanbevelingen opgevolgd"
    fixed = invoke(runner, "vaststellen", "onvolkomenheden", "--peildatum", "2025-12-31", "--als", "beheer")
    assert fixed.exit_code == 0, fixed.output
    auditor = invoke(runner, "record", "beveiliging-militaire-objecten-a11", "opmerking", "--set",
                     "toelichting=Nog een opmerking over december", "--occurred-on", "2025-12-15",
                     "--als", "rekenkamer")
    assert auditor.exit_code == 1 and "2025-12-31 is vastgesteld" in auditor.stderr
    bare = invoke(runner, "record", "beveiliging-militaire-objecten-a11", "opgevolgd", "--occurred-on", "2025-11-01",
                  "--als", "beheer")
    assert bare.exit_code == 1 and "toelichting" in bare.stderr
    report = tmp_path / "opleveringsverslag.pdf"
    report.write_bytes(PDF)
    correction = invoke(runner, "record", "beveiliging-militaire-objecten-a11", "opgevolgd", "--set",
                        "toelichting=Opvolging was in november al gereed", "--occurred-on", "2025-11-01",
                        "--als", "beheer", "--bewijs", str(report))
    assert correction.exit_code == 0, correction.output
    last = json.loads(invoke(runner, "history", "beveiliging-militaire-objecten-a11", "--format", "json").stdout)[-1]
    assert last["data"]["na_vaststelling"] is True and last["data"]["late_correctie"] is True

    assert status(runner) == "10 (van 12) aanbevelingen opgevolgd"  # as fixed
    text = invoke(runner, "report", "onvolkomenheden", "--peildatum", "2025-12-31").stdout
    assert "10 (van 12) aanbevelingen opgevolgd**" in text
    assert "Peildatum vastgesteld op" in text and "door beheer" in text
    assert "Correctie na vaststelling: Aanbeveling 11" in text
    assert f"na vaststelling gecorrigeerd: {BMO}: Status 10 (van 12) aanbevelingen opgevolgd** → 11 (van 12)" in text
    assert status(runner, "--bekend-op", seeded.today().isoformat()) == "11 (van 12) aanbevelingen opgevolgd"
    before_anything = invoke(runner, "report", "onvolkomenheden", "--peildatum", "2025-12-31", "--format", "json",
                             "--bekend-op", "2020-01-01")  # the seed was recorded today: then nothing was known
    assert json.loads(before_anything.stdout) == []


def test_only_a_published_report_is_fixed_and_only_once(runner):
    assert invoke(runner, "vaststellen", "cio-levering", "--peildatum", "2025-12-31", "--als", "beheer").exit_code == 1
    assert invoke(runner, "vaststellen", "nigs", "--peildatum", "2025-12-31", "--als", "beheer").exit_code == 0
    again = invoke(runner, "vaststellen", "nigs", "--peildatum", "2025-12-31", "--als", "beheer")
    assert again.exit_code == 1 and "al vastgesteld" in again.stderr
    owner = invoke(runner, "vaststellen", "nigs", "--peildatum", "2025-06-30", "--als", "rekenkamer")
    assert owner.exit_code == 1 and "beheerder" in owner.stderr
