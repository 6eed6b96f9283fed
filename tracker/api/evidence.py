"""Evidence: upload a document first (its SHA-256 comes back), then name that sum in an event's `bewijs`; download
it again as anyone who may read its item."""
from __future__ import annotations

from flask.views import MethodView

from tracker import edge
from tracker.services import evidence

from .auth import current_actor
from .common import blueprint, document_errors
from .schemas import DocumentSchema, UploadSchema

blp = blueprint("bewijs", __name__, "/api/v1/evidence",
                "Bewijs: documenten achter een melding, genoemd bij hun SHA-256-som")


def _tracker():
    from tracker.services.context import current_tracker

    return current_tracker()


@blp.route("")
@edge.takes_documents
class Documents(MethodView):
    @blp.arguments(UploadSchema, location="files")
    @blp.response(201, DocumentSchema())
    @document_errors(blp, (400, 401, 403, 413, 415, 422))
    def post(self, files):
        """Een document uploaden; noem de teruggegeven SHA-256-som daarna in 'bewijs' van een gebeurtenis (een
        document dat na een dag door geen gebeurtenis is genoemd, wordt verwijderd)"""
        tracker, actor = _tracker(), current_actor()
        upload = evidence.prepare(tracker, files["bestand"].stream, files["bestand"].filename)
        return evidence.store(tracker, upload, actor)


@blp.route("/<string:sha256>")
class Content(MethodView):
    @blp.response(200, description="Het document zelf (als bijlage)",
                  content_type="application/octet-stream")
    @document_errors(blp, (401, 404))
    def get(self, sha256):
        """Een document downloaden, voor wie het item mag lezen waarbij het hoort"""
        tracker = _tracker()
        found = evidence.readable(tracker, sha256.lower(), current_actor())
        return edge.document_response(found, evidence.content(tracker, found["sha256"]))
