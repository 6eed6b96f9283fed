"""The Bestuursraad's pack on the web: /pakket shows it as a page that prints as the PDF does, /pakket.pdf
downloads that PDF. Anyone signed in may read it, a lezer of the Bestuursraad first of all."""
from __future__ import annotations

from flask import Blueprint, Response, url_for
from flask_login import login_required

from tracker.services import pack as pack_service
from tracker.services import pack_pdf
from tracker.services.charts import Chart
from tracker.services.context import current_tracker

from . import charts
from .pages import date_arg, peildatum_arg

bp = Blueprint("pack", __name__, template_folder="templates")


@bp.app_template_filter("grafiek")
def drawn(chart: Chart) -> charts.Drawn:
    """A chart as the pages draw it (inline SVG with its numbers), for templates rendered without a request too."""
    return charts.draw(chart)


def _dates():
    return pack_service.dates(current_tracker(), peildatum_arg(), date_arg("vergelijk", "Vergelijkingsdatum"))


@bp.get("/pakket")
@login_required
def page():
    day, earlier = _dates()
    found = pack_service.gather(current_tracker(), day, earlier)
    links = {"pdf": url_for("pack.pdf", peildatum=day.isoformat(), vergelijk=earlier.isoformat()),
             "dashboard": url_for("pages.dashboard", peildatum=day.isoformat())}
    return pack_pdf.html(found, links)


@bp.get("/pakket.pdf")
@login_required
def pdf():
    day, earlier = _dates()
    name, content = pack_pdf.document(current_tracker(), day, earlier)
    return Response(content, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})
