"""The published tables, reproduced from the seeded events."""
import csv
import io
import json
from datetime import date

import pytest

from tracker.domain.errors import UnknownReport
from tracker.domain.events import NewEvent
from tracker.services import reporting
from tracker.services.recording import record

PUBLISHED = date(2025, 12, 31)

ONVOLKOMENHEDEN = [
    ("Inkoop", "2022", "2018-2025", 3, 3, "2025", False),
    ("Vastgoedbeheer", "2022", "2019-2025", 3, 3, "2025", False),
    ("Autorisatiebeheer", "2022", "2020-2026", 1, 2, "2026", False),
    ("Beveiliging Militaire Objecten", "Q2 2025", "2025-2027", 10, 12, "2027", True),
    ("Munitiebeheer", "Q3 2025", "2025-2027", 9, 10, "2027", False),
    ("Cryptobeheer", "Q4 2024", "2024-2026", 3, 3, "2026", False),
    ("Inventarisatieproces", "Q2 2025", "2025-2027", 5, 5, "2027", False),
]
CIO = {  # jaar: positief, negatief, met adviezen, onder voorwaarden, geen oordeel, totaal
    2022: (4, 1, 5, 19, 0, 29), 2023: (5, 1, 5, 12, 1, 24), 2024: (5, 3, 0, 8, 1, 17), 2025: (13, 5, 1, 7, 4, 30),
}


def json_report(runner, name, peildatum="2025-12-31"):
    result = runner.invoke(args=["report", name, "--peildatum", peildatum, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_onvolkomenheden_json_equals_the_published_table(seeded_runner):
    expected = [
        {"onvolkomenheid": name, "plan_van_aanpak": plan, "uitvoering_maatregelen": period,
         "status": f"{done} (van {total}) aanbevelingen opgevolgd", "gereed": ready, "opgevolgd": done,
         "totaal": total, "ernstig": severe, "niet_overgenomen": 0, "achterstallig": False, "opgelost": False}
        for name, plan, period, done, total, ready, severe in ONVOLKOMENHEDEN
    ]
    assert json_report(seeded_runner, "onvolkomenheden") == expected


def test_onvolkomenheden_markdown_prints_the_marks_and_footnotes(seeded_runner):
    md = seeded_runner.invoke(args=["report", "onvolkomenheden", "--peildatum", "2025-12-31", "--format", "md"]).stdout
    assert "| Onvolkomenheid | Plan van Aanpak | Uitvoering Maatregelen | Status | Gereed |" in md
    assert "| Inkoop | 2022* | 2018-2025 | 3 (van 3) aanbevelingen opgevolgd | 2025 |" in md
    assert "| Munitiebeheer | Q3 2025 | 2025-2027 | 9 (van 10) aanbevelingen opgevolgd** | 2027 |" in md
    assert "22 september 2022 aan de Bestuursraad gepresenteerd" in md
    assert "** Voor Beveiliging Militaire Objecten en Munitiebeheer" in md


def test_cio_opinions_equal_the_published_table(seeded_runner):
    rows = json_report(seeded_runner, "cio-oordelen")
    assert [r["jaar"] for r in rows] == [2022, 2023, 2024, 2025]
    for row in rows:
        assert (row["positief"], row["negatief"], row["positief_met_adviezen"], row["positief_onder_voorwaarden"],
                row["geen_oordeel"], row["totaal"]) == CIO[row["jaar"]]


def test_cio_derived_figures(seeded):
    table = reporting.report(seeded, "cio-oordelen", PUBLISHED)
    from tracker.services.reports.cio import period_totals

    assert period_totals(table, 2023, 2025) == {"totaal": 71, "negatief": 9}
    assert "71 CIO-oordelen" in table.notes[0] and "in 9 gevallen" in table.notes[0]
    findings = reporting.report(seeded, "cio-bevindingen", PUBLISHED).rows
    assert {r["categorie"]: r["percentage"] for r in findings if r["jaar"] == 2025} == {
        "capaciteit_en_risico": 30, "afhankelijkheden": 27, "governance_en_planning": 19,
        "budget_scope_architectuur": 24}
    delivered = reporting.report(seeded, "cio-levering", PUBLISHED).rows
    assert [(r["jaar"], r["percentage"]) for r in delivered] == [(2022, 5), (2023, 2), (2024, 31), (2025, 79)]


def test_open_op_orde_gives_realisatie_targets_and_norm(seeded_runner):
    coverage = {"onderdelen": 7, "voorlopig": False}
    assert json_report(seeded_runner, "open-op-orde") == [
        {"jaar": 2025, "realisatie": 2.7, "streefwaarde": 2.8, "norm": 4.0, "gemeten": 7, **coverage},
        {"jaar": 2026, "realisatie": None, "streefwaarde": 3.0, "norm": 4.0, "gemeten": 0, **coverage},
        {"jaar": 2027, "realisatie": None, "streefwaarde": 3.3, "norm": 4.0, "gemeten": 0, **coverage},
    ]
    text = seeded_runner.invoke(args=["report", "open-op-orde", "--peildatum", "2025-12-31"]).stdout
    assert "Informatiehuishouding - realisatiescore  2,7" in text
    assert "0,1 onder de streefwaarde" in text


def test_nigs_covers_194_employers_and_most_completed_cmr1(seeded_runner):
    rows = json_report(seeded_runner, "nigs")
    steps = ("niet_gestart", "inventariseren", "beoordelen", "maatregelen_treffen", "borgen", "doorlopen")
    assert rows and all(r["werkgevers"] == 194 == sum(r[s] for s in steps) for r in rows)
    cmr1 = next(r for r in rows if r["route"] == "GBS-CMR1")
    assert cmr1["doorlopen"] > 194 / 2 and cmr1["illustratief"] is True
    assert "Kerosinemotoremissie" not in [r["route"] for r in rows]


def test_claims_are_kept_beside_the_auditors_verdict(seeded):
    rows = {r["onvolkomenheid"]: r for r in reporting.report(seeded, "onvolkomenheden-oordelen", PUBLISHED).rows}
    crypto = rows["Cryptobeheer"]
    assert (crypto["aanbevelingen_opgevolgd"], crypto["aanbevelingen_totaal"], crypto["opgelost"]) == (3, 3, False)
    assert rows["Inkoop"]["claim_defensie"] == "op_orde" and rows["Inkoop"]["oordeel_rekenkamer"] == "onvolkomenheid"
    assert rows["Inkoop"]["oordeel_vo"] == 2024 and rows["Inkoop"]["voortgang_volgens_rekenkamer"] is None
    assert rows["Beveiliging Militaire Objecten"]["oordeel_rekenkamer"] == "ernstige_onvolkomenheid"
    assert rows["Beveiliging Militaire Objecten"]["ernstig"] is True


def test_an_event_after_the_peildatum_leaves_that_report_unchanged(seeded):
    before = reporting.report(seeded, "onvolkomenheden", PUBLISHED).rows
    record(seeded, NewEvent("munitiebeheer-a10", "opgevolgd", {"toelichting": "Afgerond"}, "t", date(2026, 2, 3)))
    assert reporting.report(seeded, "onvolkomenheden", PUBLISHED).rows == before
    later = reporting.report(seeded, "onvolkomenheden", date(2026, 3, 1)).rows
    assert later[4]["status"] == "10 (van 10) aanbevelingen opgevolgd"


def test_an_opinion_after_the_peildatum_shows_in_its_own_year(seeded):
    record(seeded, NewEvent("ooo-test", "aangemaakt", {"kind": "it_project", "title": "Nieuw project",
                                                       "parent": "cio-oordelen"}, "t", date(2026, 1, 5)))
    record(seeded, NewEvent("ooo-test", "oordeel_negatief", {"toelichting": "Scope onduidelijk"}, "t",
                            date(2026, 2, 1)))
    assert reporting.report(seeded, "cio-oordelen", PUBLISHED).rows[-1]["negatief"] == 5
    rows = reporting.report(seeded, "cio-oordelen", date(2026, 6, 30)).rows
    assert [r["jaar"] for r in rows] == [2023, 2024, 2025, 2026]
    assert (rows[-1]["negatief"], rows[-1]["totaal"]) == (1, 1)


def test_earlier_peildatum_shows_earlier_states(seeded):
    rows = reporting.report(seeded, "onvolkomenheden", date(2024, 12, 31)).rows
    assert rows[2]["uitvoering_maatregelen"] == "2020-2025" and rows[2]["gereed"] == "2025"
    assert rows[3]["plan_van_aanpak"] == ""
    assert reporting.report(seeded, "open-op-orde", date(2025, 6, 30)).rows[0]["realisatie"] == 2.5


def test_csv_has_one_line_per_row(seeded_runner):
    report = ["report", "cio-oordelen", "--peildatum", "2025-12-31", "--format", "csv"]
    text = seeded_runner.invoke(args=report + ["--csv-vorm", "internationaal"]).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["totaal"] for r in rows] == ["29", "24", "17", "30"]
    dutch = seeded_runner.invoke(args=report).stdout.lstrip("\ufeff")  # the table as published, one line a row
    assert ["Totaal", "29", "24", "17", "30"] in list(csv.reader(io.StringIO(dutch), delimiter=";"))


def test_unknown_report_names_the_available_ones(seeded, seeded_runner):
    with pytest.raises(UnknownReport, match="onvolkomenheden, cio-oordelen, nigs, open-op-orde"):
        reporting.report(seeded, "begroting")
    result = seeded_runner.invoke(args=["report", "begroting"])
    assert result.exit_code == 1 and "Onbekend rapport" in result.stderr
