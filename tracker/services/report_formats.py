"""Reports rendered as text, Markdown, CSV or JSON (one place, used by the CLI, the API and the pages).

CSV comes in two forms (csv_forms): `nl`, the table as the page shows it, for a Dutch Excel; `internationaal`,
the machine rows of the JSON form, for scripts."""
from __future__ import annotations

import json
import re

from tracker.services.reports.table import Table

from . import csv_forms
from .csv_forms import as_text_cell  # noqa: F401  (the formula guard, where the other exports find it)

FORMATS = ("text", "md", "csv", "json")
# What could end a table cell, or start code, an image or a link (both need '['), an autolink or HTML (both
# need '<'). The report's own marks ('2022*', '**') and parentheses stay as they are: they build none of these.
MARKDOWN_SPECIAL = re.compile(r"([\\`\[\]|<>])")
AUTOLINK = re.compile(r"(?i)(://|\bwww\.)")  # what GitHub-flavoured Markdown turns into a link by itself
ILLUSTRATIVE = ("Illustratief: de afzonderlijke items achter deze cijfers zijn voorbeeldgegevens, geen "
                "gepubliceerde gegevens; waar de Stand van Defensie aantallen noemt, komen ze daarmee overeen.")


def render(table: Table, fmt: str, form: csv_forms.Form = csv_forms.NL) -> str:
    if fmt == "csv":
        return as_csv(table, form)
    return {"text": as_text, "md": as_markdown, "json": as_json}[fmt](table)


def as_json(table: Table) -> str:
    return json.dumps(table.rows, ensure_ascii=False, indent=2)


def as_csv(table: Table, form: csv_forms.Form = csv_forms.INTERNATIONAAL) -> str:
    """`nl`: the header and cells the page shows (Dutch notation, with footnote marks), then the title and the
    notes. `internationaal`: the rows of the JSON form, one column per field, with decimal points."""
    if form.dutch:
        return csv_forms.write(table.header, table.cells, form, [title_line(table, form)] + trailer(table))
    if not table.rows:
        return ""
    return csv_forms.write(list(table.rows[0]), (row.values() for row in table.rows), form)


def title_line(table: Table, form: csv_forms.Form = csv_forms.NL) -> str:
    return f"{table.title} — peildatum {csv_forms.cell(table.peildatum, form)}"


def markdown_cell(text) -> str:
    """One table cell (or line) of Markdown: on one line, with every character escaped that would make a cell
    border, code, an image, a link or HTML of it, so that the text shows as typed and loads nothing."""
    one_line = " ".join(str(text).splitlines()) if text is not None else ""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", one_line.replace("\r", " ").replace("\n", " "))
    return AUTOLINK.sub(lambda m: ":\\/\\/" if m.group(1) == "://" else m.group(1)[:3] + "\\.", escaped)


def trailer(table: Table) -> list[str]:
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
    after = trailer(table)
    if after:
        lines.append("")
        for line in after:
            lines += [escape(line), ""]
        lines.pop()
    return "\n".join(lines) + "\n"


def as_text(table: Table) -> str:
    widths = [max(len(row[i]) for row in [table.header] + table.cells) for i in range(len(table.header))]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()  # noqa: E731
    out = [f"{table.title} — peildatum {table.peildatum.isoformat()}", "", line(table.header),
           "  ".join("-" * w for w in widths)]
    out += [line(row) for row in table.cells]
    after = trailer(table)
    if after:
        out.append("")
        out += after
    return "\n".join(out) + "\n"
