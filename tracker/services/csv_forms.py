"""CSV in two forms. `nl`, the default, opens in a Dutch Excel as columns: ';' between cells (a Dutch Excel
splits on ';', since ',' is its decimal sign), decimal commas, dates as dd-mm-jjjj (what a Dutch Excel reads
as a date), CRLF line ends and a UTF-8 byte order mark (without it Excel reads accents as Windows-1252).
`internationaal` is for scripts and other locales: ',' between cells, decimal points, ISO dates (JJJJ-MM-DD)
and LF line ends. In both, text that a spreadsheet would run as a formula starts with an apostrophe."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from tracker.domain.errors import BadRequest

# A spreadsheet reads a cell starting with one of these as a formula (or as the start of one).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER_TEXT = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")  # a number written as text: "-3" or "-2,5" stays as it is
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Form:
    name: str
    delimiter: str
    decimal: str
    line_end: str
    bom: bool  # also without it, a downloaded file gets one: a spreadsheet opens files, scripts read answers
    dutch: bool  # dd-mm-jjjj and ja/nee rather than ISO dates and true/false


NL = Form("nl", ";", ",", "\r\n", True, True)
INTERNATIONAAL = Form("internationaal", ",", ".", "\n", False, False)
FORMS = {form.name: form for form in (NL, INTERNATIONAAL)}
DESCRIPTION = ("nl (standaard: puntkomma's, decimale komma's en datums als dd-mm-jjjj, voor Excel in het "
               "Nederlands) of internationaal (komma's, decimale punten en datums als JJJJ-MM-DD)")


def form(name: str | None) -> Form:
    """The form asked for by its name; none asked for is `nl`."""
    if name is None or not name.strip():
        return NL
    found = FORMS.get(name.strip().lower())
    if found is None:
        raise BadRequest(f"CSV-vorm '{name[:30]}' bestaat niet; kies {DESCRIPTION}.",
                         errors={"vorm": [f"Kies {' of '.join(FORMS)}."]})
    return found


def write(header: list[str], rows: Iterable[Iterable], form: Form, trailer: Iterable[str] = ()) -> str:
    """The header, one line per row and, after an empty line, each line of the trailer in a cell of its own."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=form.delimiter, lineterminator=form.line_end)
    writer.writerow([cell(h, form) for h in header])
    writer.writerows([cell(value, form) for value in row] for row in rows)
    lines = [cell(line, form) for line in trailer]
    if lines:
        writer.writerow([])
        writer.writerows([line] for line in lines)
    return buffer.getvalue()


def encode(text: str, form: Form, download: bool = False) -> bytes:
    return text.encode("utf-8-sig" if form.bom or download else "utf-8")


def cell(value, form: Form) -> str:
    """One value as the form writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("ja" if value else "nee") if form.dutch else ("true" if value else "false")
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y") if form.dutch else value.isoformat()
    if isinstance(value, float):
        return str(value).replace(".", form.decimal)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if form.dutch and ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text).strftime("%d-%m-%Y")
        except ValueError:
            pass
    return one_break(as_text_cell(text))


def as_text_cell(value):
    """A value for a spreadsheet: text that a spreadsheet would run as a formula gets a leading apostrophe, so
    it is shown as the text it is. Numbers, and text that is a plain (negative) number, stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER_TEXT.fullmatch(value):
        return "'" + value
    return value


def one_break(text: str) -> str:
    """The writer quotes a cell holding "\\n" but not one holding a lone "\\r", which a reader takes for the end
    of the row: every line break inside a cell becomes "\\n"."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
