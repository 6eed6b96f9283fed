"""GET /api/v1/reports/<name>: the published tables as rows, as of a peildatum."""
from __future__ import annotations

from flask import Response, jsonify
from flask.views import MethodView
from marshmallow import RAISE

from tracker.services import reporting
from tracker.services.report_formats import render

from .common import READ_ERRORS, blueprint, document_errors
from .schemas import REPORT_ROWS, ReportQuerySchema

blp = blueprint("api_reports", __name__, "/api/v1/reports", "De gepubliceerde tabellen per peildatum")
MEDIA = {"csv": "text/csv; charset=utf-8", "md": "text/markdown; charset=utf-8", "text": "text/plain; charset=utf-8"}


@blp.route("/<string:name>")
class Report(MethodView):
    @blp.arguments(ReportQuerySchema(), location="query", unknown=RAISE)
    @blp.doc(responses={"200": {"description": "Rijen van het rapport (of csv/md/text bij ?format=)", "content": {
        "application/json": {"schema": REPORT_ROWS}, **{m.split(";")[0]: {"schema": {"type": "string"}}
                                                        for m in MEDIA.values()}}}})
    @document_errors(blp, READ_ERRORS)
    def get(self, args, name):
        """onvolkomenheden, cio-oordelen, nigs, open-op-orde (en afgeleide rapporten), per peildatum"""
        from tracker.services.context import current_tracker

        table = reporting.report(current_tracker(), name, args.get("peildatum"))
        fmt = args["format"]
        if fmt == "json":
            response = jsonify(table.rows)
        else:
            response = Response(render(table, fmt), mimetype=MEDIA[fmt].split(";")[0])
        response.headers["X-Peildatum"] = table.peildatum.isoformat()
        return response
