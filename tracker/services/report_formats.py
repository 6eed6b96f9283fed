"""Reports rendered as text, Markdown, CSV or JSON (one place, used by the CLI, the API and the pages)."""
from __future__ import annotations

import csv
import io
import json
import re

from tracker.services.reports.table import Table

FORMATS = ("text", "md", "csv", "json")
# A spreadsheet reads a cell starting with one of these as a formula (or as the start of one).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER_TEXT = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")  # a number written as text: "-3" or "-2,5" stays as it is
# What could end a table cell, or start code, an image or a link (both need '['), an autolink or HTML (both
# need '<'). The report's own marks ('2022*', '**') and parentheses stay as they are: they build none of these.
MARKDOWN_SPECIAL = re.compile(r"([\\`\[\]|<>])")
AUTOLINK = re.compile(r"(?i)(://|\bwww\.)")  # what GitHub-flavoured Markdown turns into a link by itself
ILLUSTRATIVE = ("Illustratief: de afzonderlijke items achter deze cijfers zijn voorbeeldgegevens, geen "
                "gepubliceerde gegevens; waar de Stand van Defensie aantallen noemt, komen ze daarmee overeen.")


def render(table: Table, fmt: str) -> str:
    return {"text": as_text, "md": as_markdown, "csv": as_csv, "json": as_json}[fmt](table)


def as_json(table: Table) -> str:
    return json.dumps(table.rows, ensure_ascii=False, indent=2)


def as_csv(table: Table) -> str:
    buffer = io.StringIO()
    if table.rows:
        writer = csv.DictWriter(buffer, fieldnames=list(table.rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _csv_value(v) for k, v in row.items()} for row in table.rows)
    return buffer.getvalue()


def _csv_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    value = "" if value is None else as_text_cell(value)
    if isinstance(value, str) and "\r" in value:
        # The writer quotes a cell holding "\n" but not one holding a lone "\r", which a reader takes for the end
        # of the row: every line break inside a cell becomes "\n".
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def as_text_cell(value):
    """A value for a spreadsheet: text that a spreadsheet would run as a formula gets a leading apostrophe, so
    it is shown as the text it is. Numbers, and text that is a plain (negative) number, stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER_TEXT.fullmatch(value):
        return "'" + value
    return value


def markdown_cell(text) -> str:
    """One table cell (or line) of Markdown: on one line, with every character escaped that would make a cell
    border, code, an image, a link or HTML of it, so that the text shows as typed and loads nothing."""
    one_line = " ".join(str(text).splitlines()) if text is not None else ""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", one_line.replace("\r", " ").replace("\n", " "))
    return AUTOLINK.sub(lambda m: ":\\/\\/" if m.group(1) == "://" else m.group(1)[:3] + "\\.", escaped)


def _trailer(table: Table) -> list[str]:
    lines = list(table.footnotes) + list(table.notes) + list(table.known) + list(table.corrections)
    if table.illustratief:
        lines.append(ILLUSTRATIVE)
    return lines


def as_markdown(table: Table) -> str:
    escape = markdown_cell
    lines = [f"**{escape(table.title)}** (peildatum {table.peildatum.isoformat()})", "",
             "| " + " | ".join(escape(h) for h in table.header) + " |",
             "|" + "|".join("---" for _ in table.header) + "|"]
    lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in table.cells]
    trailer = _trailer(table)
    if trailer:
        lines.append("")
        for line in trailer:
            lines += [escape(line), ""]
        lines.pop()
    return "\n".join(lines) + "\n"


def as_text(table: Table) -> str:
    widths = [max(len(row[i]) for row in [table.header] + table.cells) for i in range(len(table.header))]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()  # noqa: E731
    out = [f"{table.title} — peildatum {table.peildatum.isoformat()}", "", line(table.header),
           "  ".join("-" * w for w in widths)]
    out += [line(row) for row in table.cells]
    trailer = _trailer(table)
    if trailer:
        out.append("")
        out += trailer
    return "\n".join(out) + "\n"
