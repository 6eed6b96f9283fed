"""Reports rendered as text, Markdown, CSV or JSON (one place, used by the CLI, the API and the pages)."""
from __future__ import annotations

import csv
import io
import json

from tracker.services.reports.table import Table

FORMATS = ("text", "md", "csv", "json")
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
    return "" if value is None else value


def _trailer(table: Table) -> list[str]:
    lines = list(table.footnotes) + list(table.notes) + list(table.known) + list(table.corrections)
    if table.illustratief:
        lines.append(ILLUSTRATIVE)
    return lines


def as_markdown(table: Table) -> str:
    escape = lambda s: s.replace("|", "\\|")  # noqa: E731
    lines = [f"**{table.title}** (peildatum {table.peildatum.isoformat()})", "",
             "| " + " | ".join(escape(h) for h in table.header) + " |",
             "|" + "|".join("---" for _ in table.header) + "|"]
    lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in table.cells]
    trailer = _trailer(table)
    if trailer:
        lines.append("")
        for line in trailer:
            lines += [line, ""]
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
