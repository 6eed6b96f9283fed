"""Items, their events, dependencies and graph: /api/v1/items/..."""
from __future__ import annotations

import json

from flask import jsonify, request
from flask.views import MethodView
from marshmallow import RAISE

from tracker.domain.errors import BadRequest
from tracker.domain.events import NewEvent
from tracker.domain.items import MAX_IDEMPOTENCY_KEY
from tracker.domain.workflow import CREATED, DEPENDENCY_ADDED, DEPENDENCY_REMOVED
from tracker.services import graph_view, listing, queries, recording
from tracker.services.views import item_dict

from .auth import current_actor
from .common import PAGINATION_HEADER, READ_ERRORS, WRITE_ERRORS, blueprint, document_errors, etag, expected_version
from .schemas import (
    DependenciesSchema,
    EventSchema,
    GraphSchema,
    ItemQuerySchema,
    ItemSchema,
    NewDependencySchema,
    NewEventSchema,
    PageSchema,
    PeildatumSchema,
)

blp = blueprint("api_items", __name__, "/api/v1/items", "Items, hun gebeurtenissen en afhankelijkheden")


def _tracker():
    from tracker.services.context import current_tracker

    return current_tracker()


def _write_headers() -> dict:
    """If-Match, If-None-Match and Idempotency-Key, read directly (documented in WRITE_HEADERS)."""
    found = {"if_match": request.headers.get("If-Match"), "if_none_match": request.headers.get("If-None-Match", ""),
             "idempotency_key": request.headers.get("Idempotency-Key")}
    key = found["idempotency_key"]
    if key is not None and not 1 <= len(key) <= MAX_IDEMPOTENCY_KEY:
        raise BadRequest(f"Idempotency-Key is {len(key)} tekens lang; toegestaan zijn 1 tot {MAX_IDEMPOTENCY_KEY} "
                         "tekens.", errors={"Idempotency-Key": ["Ongeldige lengte."]})
    return found


def _record(key: str, event_type: str, data: dict, occurred_on):
    """One write: the actor is the authenticated account; If-Match is required."""
    headers = _write_headers()
    actor = current_actor()
    version = expected_version(headers, creating=event_type == CREATED)
    idempotency = headers.get("idempotency_key")
    # The key belongs to the account: the same key from another account is another request.
    command = NewEvent(key, event_type, data, actor.name, occurred_on, version, idempotency or None,
                       actor.name if idempotency else None)
    stored = recording.record(_tracker(), command, actor).event
    # Already in EventSchema's shape: skip marshmallow's dump on the write path.
    response = jsonify(stored.as_dict())
    response.status_code = 201
    response.headers.update(etag(stored.version))
    return response


WRITE_HEADERS = [
    {"in": "header", "name": "If-Match", "required": False, "schema": {"type": "string"},
     "description": "Versie van het item (ETag); verplicht, anders 428"},
    {"in": "header", "name": "If-None-Match", "required": False, "schema": {"type": "string"},
     "description": "'*' bij het aanmaken van een nieuw item"},
    {"in": "header", "name": "Idempotency-Key", "required": False,
     "schema": {"type": "string", "minLength": 1, "maxLength": 150},
     "description": "Herhaalt u het verzoek met dezelfde sleutel, dan krijgt u het eerste antwoord"},
]
PAGINATION = {"X-Pagination": PAGINATION_HEADER}


def _page(rows: list, args: dict) -> tuple[list, dict]:
    """One page of `rows` and the X-Pagination header describing all of them."""
    page, size = args.pop("page"), args.pop("page_size")
    total = len(rows)
    header = {"total": total, "total_pages": max(1, -(-total // size)), "page": page, "page_size": size}
    return rows[(page - 1) * size: page * size], {"X-Pagination": json.dumps(header)}


@blp.route("")
class Items(MethodView):
    @blp.arguments(ItemQuerySchema(), location="query", unknown=RAISE)
    @blp.response(200, ItemSchema(many=True))
    @blp.paginate(page_size=50, max_page_size=listing.MAX_PAGE)
    @document_errors(blp, (401, 422))
    def get(self, args, pagination_parameters):
        """Items: zoeken in titels, toelichtingen en plannen; filteren op thema, soort, staat, onderdeel, eigenaar,
        blokkade, risico, achterstalligheid, deadline en peildatum; sorteren; per pagina"""
        tracker = _tracker()
        sort, descending = args.pop("sort"), args.pop("desc")
        found = listing.find(tracker, listing.Filters(**args), sort, descending, pagination_parameters.page,
                             pagination_parameters.page_size)
        pagination_parameters.item_count = found.total
        on = args.get("peildatum") or tracker.today()
        return [item_dict(p, tracker.registry, on) for p in found.rows]


@blp.route("/<string:key>")
class Item(MethodView):
    @blp.arguments(PeildatumSchema(), location="query", unknown=RAISE)
    @blp.response(200, ItemSchema())
    @document_errors(blp, READ_ERRORS)
    def get(self, args, key):
        """Eén item met zijn versie (ook als ETag) en de toegestane overgangen"""
        tracker = _tracker()
        projected = queries.get_item(tracker, key, args.get("peildatum"))
        headers = {} if args.get("peildatum") else etag(projected.item.version)
        return item_dict(projected, tracker.registry, args.get("peildatum") or tracker.today()), 200, headers


@blp.route("/<string:key>/events")
class Events(MethodView):
    @blp.arguments(PageSchema(), location="query", unknown=RAISE)
    @blp.response(200, EventSchema(many=True), headers=PAGINATION)
    @document_errors(blp, READ_ERRORS)
    def get(self, args, key):
        """De gebeurtenissen van een item, oudste eerst"""
        rows, header = _page(queries.history(_tracker(), key), args)
        return [e.as_dict() for e in rows], 200, header

    @blp.arguments(NewEventSchema())
    @blp.response(201, EventSchema(), headers={"ETag": {"description": "Nieuwe versie", "schema": {"type": "string"}}})
    @blp.doc(parameters=WRITE_HEADERS)
    @document_errors(blp, WRITE_ERRORS)
    def post(self, body, key):
        """Leg een gebeurtenis vast. Vereist If-Match (of If-None-Match: * voor 'aangemaakt');
        Idempotency-Key maakt een herhaald verzoek veilig."""
        return _record(key, body["type"], body["data"], body["occurred_on"])


@blp.route("/<string:key>/dependencies")
class Dependencies(MethodView):
    @blp.response(200, DependenciesSchema())
    @document_errors(blp, READ_ERRORS)
    def get(self, key):
        """Wat dit item vereist en wat van dit item afhangt"""
        view = graph_view.graph_view(_tracker(), key)
        return {"key": key, "prerequisites": view["prerequisites"], "dependents": view["dependents"],
                "blocking": view["blocking"]}

    @blp.arguments(NewDependencySchema())
    @blp.response(201, EventSchema())
    @blp.doc(parameters=WRITE_HEADERS)
    @document_errors(blp, WRITE_ERRORS)
    def post(self, body, key):
        """Leg vast dat dit item pas verder kan als 'op' gereed is (vereist If-Match)"""
        return _record(key, DEPENDENCY_ADDED, body, None)


@blp.route("/<string:key>/dependencies/<string:other>")
class Dependency(MethodView):
    @blp.response(201, EventSchema())
    @blp.doc(parameters=WRITE_HEADERS)
    @document_errors(blp, WRITE_ERRORS)
    def delete(self, key, other):
        """Verwijder de afhankelijkheid van dit item van 'other' (vereist If-Match)"""
        return _record(key, DEPENDENCY_REMOVED, {"op": other}, None)


@blp.route("/<string:key>/graph")
class Graph(MethodView):
    @blp.arguments(PeildatumSchema(), location="query", unknown=RAISE)
    @blp.response(200, GraphSchema())
    @document_errors(blp, READ_ERRORS)
    def get(self, args, key):
        """Vereisten, afhankelijken, prognose, risico en kritiek pad"""
        return graph_view.graph_view(_tracker(), key, args.get("peildatum"))
