"""Excel workbooks for downloads: every text a string cell (openpyxl would make a formula of text starting
with '='), a bold header row that stays in view, and columns wide enough to read."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

MAX_WIDTH = 60


def workbook(name: str, title: str, header: list[str], rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = name[:31]
    append(sheet, [title])
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    append(sheet, header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A4"  # the header row stays in view
    for row in rows:
        append(sheet, row)
    for index, column in enumerate(header, start=1):
        widest = max([len(str(column))] + [len(str(row[index - 1])) for row in rows if index - 1 < len(row)])
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, widest + 2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def append(sheet, values: list) -> None:
    """One row; every text a string cell, never a formula."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
