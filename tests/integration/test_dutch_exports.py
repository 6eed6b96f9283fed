"""CSV and Excel exports that open well in a Dutch Excel: the default CSV is the page's table with ';' and
decimal commas, `vorm=internationaal` the machine rows with ',' and decimal points; workbooks hold real
numbers, percentages and dates with number formats, a frozen header with a filter and fitted columns."""
from __future__ import annotations

import csv
import html
import io
import re
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from tracker.domain.events import NewEvent
from tracker.services import accounts, csv_forms, workbooks
from tracker.services.recording import record_many

PASSWORD = "een-lang-wachtwoord"
BOM = b"\xef\xbb\xbf"
PEILDATUM = "2025-12-31"


@pytest.fixture
def reader(seeded_app):
    """A member of the Bestuursraad: signed in on the pages, with an API token."""
    tracker = seeded_app.extensions["tracker"]
    accounts.create(tracker, "lid", "lezer")
    accounts.set_password(tracker, "lid", PASSWORD)
    seeded_app.config["WTF_CSRF_ENABLED"] = False
    client = seeded_app.test_client()
    assert client.post("/aanmelden", data={"name": "lid", "password": PASSWORD}).status_code == 302
    client.token = accounts.new_token(tracker, "lid")
    return client


def api(client, url: str):
    return client.get(url, headers={"Authorization": f"Bearer {client.token}"})


def page_table(client, url: str) -> list[list[str]]:
    """The cells of the first table on the page, as a reader sees them."""
    page = client.get(url).get_data(as_text=True)
    table = page[page.index("<table"):page.index("</table>")]
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
             for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)]


def dutch_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_the_default_csv_is_the_table_on_the_page_with_semicolons_and_decimal_commas(reader):
    shown = page_table(reader, f"/rapporten/open-op-orde?peildatum={PEILDATUM}")
    answer = reader.get(f"/rapporten/open-op-orde.csv?peildatum={PEILDATUM}")
    data = answer.get_data()
    assert answer.mimetype == "text/csv" and data.startswith(BOM)
    assert data.count(b"\r\n") == data.count(b"\n")  # every line ends CRLF
    rows = dutch_rows(data)
    assert rows[:len(shown)] == shown
    realisatie = next(row for row in rows if row[0].startswith("Informatiehuishouding"))
    measured = api(reader, f"/api/v1/reports/open-op-orde?peildatum={PEILDATUM}").json[0]
    assert realisatie[1] == str(measured["realisatie"]).replace(".", ",") and "," in realisatie[1]
    # after the table, an empty line, then the title with its peildatum as a Dutch Excel reads a date
    assert rows[len(shown)] == [] and rows[len(shown) + 1][0].endswith("peildatum 31-12-2025")


def test_the_international_form_has_commas_and_decimal_points(reader):
    answer = reader.get(f"/rapporten/open-op-orde.csv?peildatum={PEILDATUM}&vorm=internationaal")
    text = answer.get_data().decode("utf-8-sig")
    assert "\r\n" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    measured = api(reader, f"/api/v1/reports/open-op-orde?peildatum={PEILDATUM}").json
    assert [row["jaar"] for row in rows] == [str(r["jaar"]) for r in measured]
    assert rows[0]["realisatie"] == str(measured[0]["realisatie"]) and "." in rows[0]["realisatie"]


def test_the_api_and_the_command_line_give_both_forms(reader, seeded_runner):
    base = f"/api/v1/reports/open-op-orde?peildatum={PEILDATUM}&format=csv"
    dutch, international = api(reader, base), api(reader, base + "&vorm=internationaal")
    assert dutch.get_data().startswith(BOM) and dutch_rows(dutch.get_data())[0][1:] == ["2025", "2026", "2027"]
    assert international.get_data(as_text=True).splitlines()[0].startswith("jaar,realisatie,")
    command = ["report", "open-op-orde", "--peildatum", PEILDATUM, "--format", "csv"]
    assert dutch_rows(seeded_runner.invoke(args=command).stdout_bytes) == dutch_rows(dutch.get_data())
    printed = seeded_runner.invoke(args=command + ["--csv-vorm", "internationaal"]).stdout
    assert printed == international.get_data(as_text=True)


def test_an_unknown_form_is_named_with_the_forms_there_are(reader, seeded_runner):
    answer = reader.get("/rapporten/nigs.csv?vorm=excel")
    said = html.unescape(answer.get_data(as_text=True))
    assert answer.status_code == 400 and "CSV-vorm 'excel' bestaat niet" in said and "internationaal" in said
    assert reader.get("/items.csv?vorm=excel").status_code == 400
    refused = api(reader, "/api/v1/reports/nigs?format=csv&vorm=excel")
    assert refused.status_code == 422 and "vorm" in refused.get_data(as_text=True)
    result = seeded_runner.invoke(args=["report", "nigs", "--format", "csv", "--csv-vorm", "excel"])
    assert result.exit_code == 2 and "internationaal" in result.stderr


def test_the_workbook_holds_numbers_with_formats_under_a_frozen_filtered_header(reader):
    shown = page_table(reader, f"/rapporten/open-op-orde?peildatum={PEILDATUM}")
    sheet = load_workbook(io.BytesIO(reader.get(f"/rapporten/open-op-orde.xlsx?peildatum={PEILDATUM}").data)).active
    assert [c.value or "" for c in sheet[1]] == shown[0] and all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:D{len(shown)}"
    measured = api(reader, f"/api/v1/reports/open-op-orde?peildatum={PEILDATUM}").json
    realisatie = next(row for row in sheet.iter_rows() if str(row[0].value).startswith("Informatiehuishouding"))
    assert realisatie[1].data_type == "n" and realisatie[1].value == pytest.approx(measured[0]["realisatie"])
    assert realisatie[1].number_format == "0.0"  # a Dutch Excel shows 2,7
    norm = next(row for row in sheet.iter_rows() if row[0].value == "Norm")
    assert [c.value for c in norm[1:]] == [int(r["norm"]) for r in measured] and norm[1].number_format == "0"
    for column, cells in zip("ABCD", zip(*shown, strict=True), strict=True):
        width = sheet.column_dimensions[column].width
        assert min(60, max(len(c) for c in cells)) <= width <= 60, (column, width)


def test_percentages_are_numbers_with_a_percent_format(reader):
    sheet = load_workbook(io.BytesIO(reader.get(f"/rapporten/cio-levering.xlsx?peildatum={PEILDATUM}").data)).active
    measured = {r["jaar"]: r["percentage"] for r in
                api(reader, f"/api/v1/reports/cio-levering?peildatum={PEILDATUM}").json}
    years = [int(c.value) for c in sheet[1][1:]]  # headers stay text
    shares = {year: cell for year, cell in zip(years, sheet[2][1:], strict=True)}
    assert {year for year, share in measured.items() if share is not None} <= set(shares)
    for year, share in measured.items():
        if share is not None:
            assert shares[year].value == pytest.approx(share / 100) and shares[year].number_format == "0%"


def test_the_item_list_writes_dates_the_way_of_each_form(reader):
    view = "kind=onvolkomenheid&sort=titel"
    listed = {r["key"]: r["deadline"] for r in api(reader, f"/api/v1/items?{view}&page_size=500").json}
    assert any(listed.values())
    rows = dutch_rows(reader.get(f"/items.csv?{view}").get_data())
    column = rows[0].index("Uiterlijk")
    dutch = {row[0]: row[column] for row in rows[1:]}
    assert dutch == {key: date.fromisoformat(day).strftime("%d-%m-%Y") if day else "" for key, day in listed.items()}
    text = reader.get(f"/items.csv?{view}&vorm=internationaal").get_data().decode("utf-8-sig")
    assert {row["Sleutel"]: row["Uiterlijk"] for row in csv.DictReader(io.StringIO(text))} == \
        {key: day or "" for key, day in listed.items()}
    sheet = load_workbook(io.BytesIO(reader.get(f"/items.xlsx?{view}").data)).active
    header = [c.value for c in sheet[1]]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    deadlines = {row[0].value: row[header.index("Uiterlijk")] for row in sheet.iter_rows(min_row=2) if row[0].value
                 in listed}
    for key, day in listed.items():
        if day:
            assert deadlines[key].value == datetime.fromisoformat(day)
            assert deadlines[key].number_format == "dd-mm-yyyy"


@pytest.mark.parametrize("formula", ["=1+1", '=HYPERLINK("http://evil.example/";"klik")', "@SUM(A1)", "-2+3"])
def test_a_formula_stays_text_in_every_form(seeded_app, reader, formula):
    record_many(seeded_app.extensions["tracker"], [NewEvent("munitiebeheer", "verantwoordelijkheid_vastgelegd",
                                                            {"eigenaar": formula, "toelichting": "Test"}, "beheer")])
    view = "q=&kind=onvolkomenheid"
    for vorm, delimiter in (("nl", ";"), ("internationaal", ",")):
        text = reader.get(f"/items.csv?{view}&vorm={vorm}").get_data().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        owner = rows[0].index("Eigenaar")
        assert next(row for row in rows if row[0] == "munitiebeheer")[owner] == "'" + formula
    sheet = load_workbook(io.BytesIO(reader.get(f"/items.xlsx?{view}").data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == formula]
    assert cells and all(cell.data_type == "s" for cell in cells)


def test_dutch_numbers_become_spreadsheet_values():
    assert workbooks.from_display("2,7") == (2.7, "0.0")
    assert workbooks.from_display("-0,25") == (-0.25, "0.00")
    assert workbooks.from_display("27%") == (0.27, "0%")
    assert workbooks.from_display("1.234") == (1234, "#,##0")
    assert workbooks.from_display("31-12-2025") == (date(2025, 12, 31), "dd-mm-yyyy")
    for text in ("2022*", "007", "3 van 3", "2018-2025", "31-02-2025", "2.7", "3,1 (voorlopig)", "²"):
        assert workbooks.from_display(text) == text


def test_each_form_writes_values_its_own_way():
    row = [2.5, 3, True, date(2025, 12, 31), "2025-01-31", "-3", "=A1", "regel\r\ntwee"]
    assert csv_forms.write(["a"], [row], csv_forms.NL) == \
        'a\r\n2,5;3;ja;31-12-2025;31-01-2025;-3;\'=A1;"regel\ntwee"\r\n'
    assert csv_forms.write(["a"], [row], csv_forms.INTERNATIONAAL) == \
        'a\n2.5,3,true,2025-12-31,2025-01-31,-3,\'=A1,"regel\ntwee"\n'
