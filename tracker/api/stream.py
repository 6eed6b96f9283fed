"""GET /api/v1/events/stream: every new event as Server-Sent Events (tracker.services.stream), within the
account's scope."""
from __future__ import annotations

from flask import Response, current_app, request, stream_with_context
from flask.views import MethodView
from flask_smorest import Api
from marshmallow import RAISE, Schema, fields, validate

from tracker.domain.access import Actor
from tracker.domain.errors import NotAuthenticated
from tracker.services import accounts, stream
from tracker.services.context import current_tracker

from .auth import current_actor
from .common import blueprint, document_errors
from .schemas import StrictSchema

blp = blueprint("api_stream", __name__, "/api/v1/events", "Live: nieuwe gebeurtenissen als Server-Sent Events")


class StreamQuerySchema(StrictSchema):
    after = fields.String(validate=validate.Length(max=40), metadata={
        "description": "Voor clients zonder headers: het volgnummer (id) van de laatst ontvangen gebeurtenis; "
                       "Last-Event-ID gaat voor"})


class LiveEventSchema(Schema):
    """What each `data:` line of the stream holds (JSON)."""

    seq = fields.Integer(required=True, metadata={"description": "Volgnummer, ook het SSE-id"})
    item = fields.String(required=True)
    version = fields.Integer(required=True)
    type = fields.String(required=True)
    data = fields.Dict(required=True)
    actor = fields.String(required=True, metadata={"description": "Het account"})
    occurred_on = fields.String(required=True)
    recorded_at = fields.String(required=True)
    prev_hash = fields.String(required=True)
    hash = fields.String(required=True)
    title = fields.String(required=True, metadata={"description": "Titel van het item"})
    kind = fields.String(allow_none=True)
    parent = fields.String(allow_none=True)
    topic = fields.String(allow_none=True)
    label = fields.String(required=True, metadata={"description": "Wat er gebeurde, bijv. 'Opgevolgd melden'"})
    actor_name = fields.String(required=True, metadata={"description": "Wie, met de weergavenaam van het account"})
    state = fields.String(allow_none=True, metadata={"description": "Staat van het item direct na de gebeurtenis"})
    state_label = fields.String(allow_none=True)


STREAM_DOC = {
    "description": (
        "text/event-stream. Per gebeurtenis: `id: <seq>`, `event: gebeurtenis`, `data: <LiveEvent als JSON>`; "
        "een regel `: ping` als het even stil is, en `retry:` vooraf. Het antwoord eindigt na een begrensde tijd "
        "(standaard 5 minuten); maak dan opnieuw verbinding met Last-Event-ID."),
    # Each event as the HTML specification parses it (the generic Schema Object of OpenAPI for this media type):
    # `data` is the LiveEvent as JSON text, `id` its seq.
    "content": {stream.MEDIA_TYPE: {"schema": {
        "type": "object", "required": ["data"],
        "properties": {
            "data": {"type": "string", "contentMediaType": "application/json",
                     "contentSchema": {"$ref": "#/components/schemas/LiveEvent"}},
            "event": {"type": "string", "enum": ["gebeurtenis"]},
            "id": {"type": "string", "pattern": "^[0-9]+$"},
            "retry": {"type": "integer", "minimum": 0}}}}},
}
LAST_EVENT_ID = {"in": "header", "name": "Last-Event-ID", "required": False, "schema": {"type": "string"},
                 "description": "Het id van de laatst ontvangen gebeurtenis: u krijgt eerst alles daarna. Zonder: "
                                "alleen nieuwe gebeurtenissen"}


@blp.route("/stream")
class Stream(MethodView):
    @blp.arguments(StreamQuerySchema(), location="query", unknown=RAISE)
    @blp.doc(parameters=[LAST_EVENT_ID], responses={"200": STREAM_DOC})
    @document_errors(blp, (400, 401, 422))
    def get(self, args):
        """Live: elke nieuwe gebeurtenis in volgorde, binnen het bereik van uw account (Server-Sent Events)"""
        tracker = current_tracker()
        after = stream.start_after(tracker, request.headers.get("Last-Event-ID"), args.get("after"))
        token = request.headers.get("Authorization", "").partition(" ")[2].strip()  # checked by authenticate

        def recheck() -> Actor | None:
            try:
                return accounts.by_token(tracker, token)
            except NotAuthenticated:  # revoked, or its account deactivated, since the stream began
                return None

        body = stream.events(tracker, current_actor(), after, stream.Settings.of(current_app.config), recheck)
        return Response(stream_with_context(body), mimetype=stream.MEDIA_TYPE, headers=stream.HEADERS)


def document(api: Api) -> None:
    """The shape of each message's data, for generated clients."""
    api.spec.components.schema("LiveEvent", schema=LiveEventSchema)
