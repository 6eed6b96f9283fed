"""GET /api/v1/reports/pakket: the Bestuursraad's pack as a PDF, the same document the dashboard offers."""
from __future__ import annotations

from flask import Response
from flask.views import MethodView
from marshmallow import RAISE, fields

from tracker.services import pack_pdf
from tracker.services.context import current_tracker

from .common import READ_ERRORS, blueprint, document_errors
from .schemas import StrictSchema

blp = blueprint("api_pack", __name__, "/api/v1/reports", "Het pakket voor de Bestuursraad")


class PackQuerySchema(StrictSchema):
    peildatum = fields.Date(metadata={"description": "Stand per deze datum (standaard: vandaag)"})
    vergelijk = fields.Date(metadata={"description": "Vergelijken met deze datum, vóór de peildatum (standaard: de "
                                                     "rapportdatum ervoor, 30 juni of 31 december)"})


@blp.route("/pakket")
class Pack(MethodView):
    @blp.arguments(PackQuerySchema(), location="query", unknown=RAISE)
    @blp.doc(responses={"200": {"description": "Het pakket als PDF",
                                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}})
    @document_errors(blp, READ_ERRORS)
    def get(self, args):
        """Het pakket voor de Bestuursraad (PDF): kerncijfers en verschillen, tabellen, kritieke paden met risico,
        achterstallige items en correcties na vaststelling"""
        name, content = pack_pdf.document(current_tracker(), args.get("peildatum"), args.get("vergelijk"))
        return Response(content, mimetype="application/pdf",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
