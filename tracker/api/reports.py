"""GET /api/v1/reports/<name>: each declared report's rows as of a peildatum, one route and row schema per report
(so a generated client knows every column and its type)."""
from __future__ import annotations

from flask import Response
from flask.views import MethodView
from marshmallow import RAISE, Schema, fields

from tracker.services import catalog, comparison, comparison_formats, csv_forms, reporting
from tracker.services.context import current_tracker
from tracker.services.report_formats import render

from .common import READ_ERRORS, blueprint, document_errors
from .comparison_schemas import ComparisonQuerySchema, ComparisonSchema
from .schemas import ReportQuerySchema

blp = blueprint("api_reports", __name__, "/api/v1/reports", "De gepubliceerde tabellen per peildatum")
MEDIA = {"csv": "text/csv; charset=utf-8", "md": "text/markdown; charset=utf-8", "text": "text/plain; charset=utf-8"}
FIELDS = {catalog.STR: fields.String, catalog.INT: fields.Integer, catalog.BOOL: fields.Boolean,
          catalog.NUMBER: fields.Float}


def row_schema(report: catalog.Report) -> type[Schema]:
    """The schema of one row of the report, from its declaration."""
    declared = {name: FIELDS[kind.rstrip("?")](required=True, allow_none=kind.endswith("?"))
                for name, kind in report.rows.items()}
    camel = "".join(part.capitalize() for part in report.name.split("-"))
    return Schema.from_dict(declared, name=f"Rij{camel}")


def _view(report: catalog.Report) -> type[MethodView]:
    rows = row_schema(report)

    @blp.arguments(ReportQuerySchema(), location="query", unknown=RAISE)
    @blp.response(200, rows(many=True), description="Rijen van het rapport (of csv/md/text bij ?format=)")
    @blp.doc(responses={"200": {"content": {
        "application/json": {"schema": rows(many=True)},
        **{m.split(";")[0]: {"schema": {"type": "string"}} for m in MEDIA.values()}}}})
    @document_errors(blp, READ_ERRORS)
    def get(self, args):
        table = reporting.report(current_tracker(), report.name, args.get("peildatum"), args.get("bekend_op"),
                                 args.get("vo_jaar"))
        headers = {"X-Peildatum": table.peildatum.isoformat()}
        if table.corrections or table.known:  # the rows are those of a fixed peildatum or of a past day
            headers["X-Stand"] = " ".join(table.known)[:500].encode("ascii", "replace").decode()
            corrections = sum(line.startswith("Correctie") for line in table.corrections)
            headers["X-Correcties-Na-Vaststelling"] = str(corrections)
        fmt = args["format"]
        if fmt != "json":
            form = csv_forms.FORMS[args["vorm"]]
            response = Response(csv_forms.encode(render(table, fmt, form), form), mimetype=MEDIA[fmt].split(";")[0])
            response.headers.update(headers)
            return response
        return table.rows, 200, headers

    get.__doc__ = f"{catalog.full_title(report)}, per peildatum"
    return type(f"Rapport{rows.__name__[3:]}", (MethodView,), {"get": get})


for _report in catalog.REPORTS:
    blp.route(f"/{_report.name}")(_view(_report))


@blp.route(f"/{comparison_formats.NAME}")
class Vergelijking(MethodView):
    @blp.arguments(ComparisonQuerySchema(), location="query", unknown=RAISE)
    @blp.response(200, ComparisonSchema(), description="Per thema het kerncijfer op beide peildata en wat er "
                                                       "veranderde (of csv/text bij ?format=)")
    @blp.doc(responses={"200": {"content": {"application/json": {"schema": ComparisonSchema},
                                            "text/csv": {"schema": {"type": "string"}},
                                            "text/plain": {"schema": {"type": "string"}}}}})
    @document_errors(blp, READ_ERRORS)
    def get(self, args):
        """Twee peildata vergeleken: kerncijfers, gewijzigde items, verschoven prognoses, correcties"""
        tracker = current_tracker()
        van, tot = comparison.default_dates(tracker, args.get("van"), args.get("tot"))
        found = comparison.compare(tracker, van, tot)
        headers = {"X-Van": van.isoformat(), "X-Tot": tot.isoformat()}
        if args["format"] != "json":
            form = csv_forms.FORMS[args["vorm"]]
            text = comparison_formats.render(found, args["format"], tracker.registry, form)
            response = Response(csv_forms.encode(text, form) if args["format"] == "csv" else text,
                                mimetype=MEDIA[args["format"]].split(";")[0])
            response.headers.update(headers)
            return response
        return found.as_dict(), 200, headers
