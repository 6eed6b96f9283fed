"""Excel workbooks (XLSX) for the exports. The header is the first row: bold, frozen and with an autofilter.
Numbers, percentages and dates are real values with a number format (written in Excel's own notation, which a
Dutch Excel shows as 2,7 and 27%; dates as dd-mm-yyyy), every text a string cell (openpyxl would make a
formula of text starting with '='), and each column as wide as its content, within bounds. The title and the
notes of a report stand below the table, outside the filter."""
from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from .report_formats import title_line, trailer
from .reports.table import Table

MIN_WIDTH, MAX_WIDTH = 8, 60  # characters
INTEGER, GROUPED, DATE = "0", "#,##0", "dd-mm-yyyy"
# Dutch notation as the report tables print it. ASCII digits only (str.isdigit also takes '²', which int()
# refuses), no leading zeros (a code such as '007' stays text), at most 15 digits (what Excel keeps exactly).
WHOLE = re.compile(r"-?(?:0|[1-9][0-9]{0,14})")
THOUSANDS = re.compile(r"-?[1-9][0-9]{0,2}(?:\.[0-9]{3}){1,4}")  # 1.234: '.' groups thousands in Dutch
DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,14}),([0-9]{1,6})")
PERCENT = re.compile(r"(-?(?:0|[1-9][0-9]{0,14})(?:,([0-9]{1,6}))?) ?%")
DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})|([0-9]{2})-([0-9]{2})-([0-9]{4})")


def report_workbook(table: Table) -> bytes:
    """The table as the page shows it, with its numbers as numbers, then its title and notes."""
    rows = [[from_display(c) for c in row] for row in table.cells]
    return workbook(table.name, table.title, table.header, rows, [title_line(table)] + trailer(table))


def workbook(name: str, title: str, header: list[str], rows: list[list], notes: Iterable[str] = ()) -> bytes:
    """One sheet: `rows` hold Python values (int, float, date, bool, text, or (value, number format) pairs)."""
    # Loaded by the first workbook: openpyxl (with Pillow) would cost every worker memory it may never use.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.properties.title = title
    sheet = book.active
    sheet.title = name[:31]
    typed = [[_typed(value) for value in row] for row in rows]
    _append(sheet, [(h, None) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in typed:
        _append(sheet, row)
    sheet.freeze_panes = "A2"  # the header stays in view
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(typed) + 1}"
    for index, heading in enumerate(header):
        widest = max((len(_shown(*row[index])) for row in typed if index < len(row)), default=0)
        wanted = max(len(str(heading)) + 3, widest) + 2  # the header also holds the filter's button
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(MAX_WIDTH, max(MIN_WIDTH, wanted))
    notes = list(notes)
    if notes:
        sheet.append([])
        for line in notes:
            _append(sheet, [(line, None)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def from_display(text: str):
    """A cell as the report tables print it, as a spreadsheet value: '2,7' -> (2.7, '0.0'), '27%' -> (0.27, '0%'),
    '1.234' -> (1234, '#,##0'), '31-12-2025' -> a date; anything else ('2022*', '3 van 3') stays text."""
    cell = text.strip()
    if WHOLE.fullmatch(cell):
        return int(cell), INTEGER
    if THOUSANDS.fullmatch(cell):
        return int(cell.replace(".", "")), GROUPED
    decimal = DECIMAL.fullmatch(cell)
    if decimal:
        return float(cell.replace(",", ".")), "0." + "0" * len(decimal.group(1))
    percent = PERCENT.fullmatch(cell)
    if percent:
        digits = percent.group(2) or ""
        share = Decimal(percent.group(1).replace(",", ".")) / 100
        return float(share), "0" + ("." + "0" * len(digits) if digits else "") + "%"
    day = _day(cell)
    if day is not None:
        return day, DATE
    return text


def _day(text: str) -> date | None:
    found = DAY.fullmatch(text)
    if found is None:
        return None
    year, month, dd = (found.group(1), found.group(2), found.group(3)) if found.group(1) else (
        found.group(6), found.group(5), found.group(4))
    try:
        return date(int(year), int(month), int(dd))
    except ValueError:
        return None


def _typed(value) -> tuple:
    """(value, number format or None)."""
    if isinstance(value, tuple):
        return value
    if value is None:
        return None, None
    if isinstance(value, bool):
        return ("ja" if value else "nee"), None
    if isinstance(value, datetime):
        return value.date(), DATE
    if isinstance(value, date):
        return value, DATE
    if isinstance(value, int):
        return value, INTEGER
    if isinstance(value, float):
        decimals = len(repr(value).partition(".")[2]) if "e" not in repr(value) else 2
        return value, "0." + "0" * max(1, min(decimals, 6))
    return str(value), None


def _append(sheet, values: list[tuple]) -> None:
    """One row; every text a string cell, never a formula."""
    sheet.append([value for value, _ in values])
    for cell, (_, number_format) in zip(sheet[sheet.max_row], values, strict=False):
        if isinstance(cell.value, str):
            cell.data_type = "s"
        elif number_format is not None:
            cell.number_format = number_format


def _shown(value, number_format) -> str:
    """About what the cell shows, for its column's width."""
    if value is None:
        return ""
    if isinstance(value, date):
        return "31-12-2025"
    if number_format and number_format.endswith("%"):
        return f"{value * 100:.{max(0, len(number_format) - 3)}f}%"
    if isinstance(value, float):
        return f"{value:.{max(0, len(number_format or '0.0') - 2)}f}"
    if number_format == GROUPED:
        return f"{value:,}"
    return max(str(value).splitlines() or [""], key=len)
