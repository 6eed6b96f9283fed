"""Report pages with a peildatum selector, and exports to CSV, XLSX and Markdown."""
from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import login_required

from tracker import edge
from tracker.domain.errors import BadRequest, NotAllowed, TrackerError
from tracker.domain.roles import BEHEERDER
from tracker.services import board, catalog, comparison_formats, csv_forms, dutch, fixing, reporting, workbooks
from tracker.services.comparison import compare as compare_peildata
from tracker.services.comparison import default_dates
from tracker.services.context import current_tracker
from tracker.services.report_formats import ILLUSTRATIVE, as_csv, as_markdown
from tracker.services.reports.table import Table

from .auth import current_actor
from .pages import date_arg, parse_day, peildatum_arg

bp = Blueprint("reports", __name__, template_folder="templates")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


@bp.get(f"/rapporten/{comparison_formats.NAME}")
@login_required
def compare():
    """Two peildata side by side; a date the log cannot answer for shows the form again with the reason."""
    tracker = current_tracker()
    typed = {name: request.args.get(name, "").strip()[:20] for name in ("van", "tot")}
    try:
        van, tot = default_dates(tracker, date_arg("van", "Van"), date_arg("tot", "Tot"))
        found = compare_peildata(tracker, van, tot)
    except TrackerError as error:
        return render_template("vergelijking.html", found=None, typed=typed, error=error), edge.status_of(error)
    return render_template("vergelijking.html", found=found, typed={"van": van.isoformat(), "tot": tot.isoformat()},
                           error=None, moves=lambda topic: comparison_formats.moves(topic, tracker.registry))


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
    form = csv_forms.form(request.args.get("vorm"))
    table = _table(name)
    return _download(csv_forms.encode(as_csv(table, form), form, download=True), "text/csv", name, table, "csv")


@bp.get("/rapporten/<name>.md")
@login_required
def export_markdown(name: str):
    table = _table(name)
    return _download(as_markdown(table).encode("utf-8"), "text/markdown", name, table, "md")


@bp.get("/rapporten/<name>.xlsx")
@login_required
def export_xlsx(name: str):
    table = _table(name)
    return _download(workbooks.report_workbook(table), XLSX, name, table, "xlsx")
