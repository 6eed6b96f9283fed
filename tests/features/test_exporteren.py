"""Steps for features/rapporten/exporteren.feature: the downloads a report page offers, fetched through their
links as the signed-in person clicks them, and read the way Excel reads them."""
from __future__ import annotations

import csv
import html
import io
import re

from openpyxl import load_workbook
from pytest_bdd import parsers, scenarios, then, when

from tests.features.surface import DATE, iso, reader, report_name

scenarios("rapporten/exporteren.feature")

CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)


def page_table(page: str) -> list[list[str]]:
    table = page[page.index("<table"):page.index("</table>")]
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in CELL.findall(row)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)]


@when(parsers.re(rf'ik bij het rapport "(?P<title>[^"]+)" op peildatum (?P<peildatum>{DATE}) de download '
                 r'"(?P<label>[^"]+)" kies$'))
def download(people, title, peildatum, label):
    person = reader(people)
    page = person.page(f"/rapporten/{report_name(people, title)}?peildatum={iso(peildatum)}")
    link = re.search(rf'<a class="utrecht-link" download href="([^"]+)">{re.escape(html.escape(label))}</a>', page)
    assert link, f"geen download '{label}' op de pagina"
    answer = person.web.get(html.unescape(link.group(1)))
    assert answer.status_code == 200, answer.status_code
    people.seen.update(page_table=page_table(page), download=answer.get_data())


def dutch_rows(people) -> list[list[str]]:
    return list(csv.reader(io.StringIO(people.seen["download"].decode("utf-8-sig")), delimiter=";"))


@then("zijn de kolommen gescheiden door puntkomma's, met dezelfde cellen als de tabel op de pagina")
def same_cells(people):
    shown = people.seen["page_table"]
    assert len(shown[0]) > 1 and dutch_rows(people)[:len(shown)] == shown


@then(parsers.parse('staat in de download bij "{row}" onder "{column}" "{value}"'))
def download_cell(people, row, column, value):
    header, *rows = dutch_rows(people)
    assert next(r for r in rows if r and r[0] == row)[header.index(column)] == value


@then("begint de download met het UTF-8-kenmerk en eindigt elke regel op CR LF")
def excel_reads_it(people):
    data = people.seen["download"]
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\n") == data.count(b"\r\n") > 1


@then(parsers.parse('staat in de download met komma\'s in de rij met {key} "{row}" onder "{column}" "{value}"'))
def international_cell(people, key, row, column, value):
    rows = list(csv.DictReader(io.StringIO(people.seen["download"].decode("utf-8-sig"))))
    assert next(r for r in rows if r[key] == row)[column] == value


def sheet(people):
    return load_workbook(io.BytesIO(people.seen["download"])).active


@then(parsers.parse('staat in de werkmap bij "{row}" onder "{column}" het getal {number} met opmaak "{shape}"'))
def workbook_number(people, row, column, number, shape):
    found = sheet(people)
    header = [c.value for c in found[1]]
    cell = next(r for r in found.iter_rows(min_row=2) if r[0].value == row)[header.index(column)]
    assert cell.data_type == "n" and cell.value == float(number.replace(",", ".")) and cell.number_format == shape


@then("blijft de kopregel van de werkmap in beeld, met een filter")
def header_stays(people):
    found = sheet(people)
    assert found.freeze_panes == "A2" and found.auto_filter.ref.startswith("A1:")
    assert all(c.font.b for c in found[1] if c.value)
