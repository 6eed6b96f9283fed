"""Report pages with a peildatum selector, and exports to CSV, XLSX and Markdown."""
from __future__ import annotations

import io
import re

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import login_required
from openpyxl import Workbook
from openpyxl.styles import Font

from tracker.domain.errors import BadRequest, NotAllowed
from tracker.domain.roles import BEHEERDER
from tracker.services import board, catalog, dutch, fixing, reporting
from tracker.services.context import current_tracker
from tracker.services.report_formats import ILLUSTRATIVE, as_csv, as_markdown
from tracker.services.reports.table import Table

from .auth import current_actor
from .pages import date_arg, parse_day, peildatum_arg

bp = Blueprint("reports", __name__, template_folder="templates")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DUTCH_NUMBER = re.compile(r"-?[0-9]{1,15}(?:,[0-9]{1,15})?")  # '2,7' or '-3'; '2.700' (thousands) stays text


def _table(name: str) -> Table:
    vo_jaar = request.args.get("vo_jaar", "").strip()
    if vo_jaar and not (vo_jaar.isascii() and vo_jaar.isdigit() and 2000 <= int(vo_jaar) <= 2100):
        raise BadRequest(f"VO-jaar '{vo_jaar[:10]}' is geen jaar tussen 2000 en 2100.")
    return reporting.report(current_tracker(), name, peildatum_arg(), date_arg("bekend_op", "Bekend op"),
                            int(vo_jaar) if vo_jaar else None)


@bp.get("/rapporten")
@login_required
def index():
    return render_template("reports.html", titles={r.name: catalog.full_title(r) for r in catalog.REPORTS})


@bp.get("/rapporten/<name>")
@login_required
def report(name: str):
    table = _table(name)
    actor = current_actor()
    declared = catalog.BY_NAME[name]
    can_fix = (actor is not None and actor.role == BEHEERDER and declared.topic is not None and not table.known
               and fixing.fixing_of(current_tracker(), name, table.peildatum) is None)
    return render_template("report.html", name=name, table=table, illustrative=ILLUSTRATIVE,
                           known_on=date_arg("bekend_op", "Bekend op"), can_fix=can_fix, vo_year=declared.vo_year,
                           vo_jaar=request.args.get("vo_jaar", "")[:4])


@bp.post("/rapporten/<name>/vaststellen")
@login_required
def fix(name: str):
    actor = current_actor()
    day = parse_day(request.form.get("peildatum", ""), "Peildatum")
    if actor is None or actor.role != BEHEERDER:
        raise NotAllowed("Alleen een beheerder stelt een peildatum vast, namens de Bestuursraad.")
    board.fix(current_tracker(), name, day, actor, actor.name)
    flash(f"Peildatum {dutch.long_date(day)} vastgesteld: deze cijfers blijven zoals ze nu zijn.", "ok")
    return redirect(url_for("reports.report", name=name, peildatum=day.isoformat()))


def _download(content: bytes, mimetype: str, name: str, table: Table, extension: str) -> Response:
    filename = f"{name}-{table.peildatum.isoformat()}.{extension}"
    return Response(content, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"',
                                                         "Cache-Control": "no-store"})


@bp.get("/rapporten/<name>.csv")
@login_required
def export_csv(name: str):
    table = _table(name)
    return _download(as_csv(table).encode("utf-8-sig"), "text/csv", name, table, "csv")


@bp.get("/rapporten/<name>.md")
@login_required
def export_markdown(name: str):
    table = _table(name)
    return _download(as_markdown(table).encode("utf-8"), "text/markdown", name, table, "md")


@bp.get("/rapporten/<name>.xlsx")
@login_required
def export_xlsx(name: str):
    table = _table(name)
    book = Workbook()
    sheet = book.active
    sheet.title = name[:31]
    _append(sheet, [f"{table.title} — peildatum {table.peildatum.isoformat()}"])
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    _append(sheet, table.header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in table.cells:
        _append(sheet, [_number(c) for c in row])
    sheet.append([])
    for line in table.footnotes + table.notes + ([ILLUSTRATIVE] if table.illustratief else []):
        _append(sheet, [line])
    buffer = io.BytesIO()
    book.save(buffer)
    return _download(buffer.getvalue(), XLSX, name, table, "xlsx")


def _append(sheet, values: list) -> None:
    """One row; every text a string cell. openpyxl makes a formula of text starting with '=': never here."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _number(cell: str):
    """Numbers as numbers in the spreadsheet (Dutch '2,7' becomes 2.7, '-3' stays -3); text stays text. ASCII
    digits only: str.isdigit also takes '²', which int() refuses."""
    text = cell.strip()
    if DUTCH_NUMBER.fullmatch(text):
        return float(text.replace(",", ".")) if "," in text else int(text)
    return cell
