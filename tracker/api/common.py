"""Helpers shared by the API views: versions from headers, common error documentation."""
from __future__ import annotations

import json
import re

from flask_smorest import Blueprint
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request

from tracker.domain.errors import BadRequest, PreconditionRequired
from tracker.edge import strict_loads

from .auth import authenticate
from .schemas import FoutSchema

READ_ERRORS = (401, 404, 422)
VERSION_TAG = re.compile(r"[0-9]{1,9}")  # ASCII digits: str.isdigit also takes '²', which int() refuses
WRITE_ERRORS = (400, 401, 403, 404, 409, 422, 428)


class StrictParser(FlaskParser):
    """webargs parses request bodies with json.loads of its own: here with the app's strict rules (no NaN or
    Infinity, no integer Python cannot parse), so that those are a 400 naming the problem."""

    def _raw_load_json(self, req):
        if not is_json_request(req):
            return core.missing
        body = req.get_data(cache=True)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise json.JSONDecodeError(f"Geen geldige UTF-8: {error.reason}", doc="", pos=error.start) from None
        return strict_loads(text)


PAGINATION_HEADER = {"description": "JSON: total, total_pages, first_page, last_page, page, previous_page, next_page",
                     "schema": {"type": "string"}}


class ApiBlueprint(Blueprint):
    def _document_pagination_metadata(self, spec, resp_doc):
        """The pagination header is one JSON text (as it is sent), not a header-encoded object."""
        resp_doc.setdefault("headers", {})[self.PAGINATION_HEADER_NAME] = PAGINATION_HEADER


def blueprint(name: str, import_name: str, url_prefix: str, description: str) -> Blueprint:
    blp = ApiBlueprint(name, import_name, url_prefix=url_prefix, description=description)
    blp.ARGUMENTS_PARSER = StrictParser()
    blp.before_request(authenticate)
    return blp


def document_errors(blp: Blueprint, codes):
    def decorate(view):
        for code in codes:
            view = blp.alt_response(code, schema=FoutSchema(), description="Fout")(view)
        return view
    return decorate


def expected_version(headers: dict, creating: bool) -> int:
    """The version the client read, from If-Match (or If-None-Match: * to create). Required."""
    if creating and headers.get("if_none_match", "").strip() == "*":
        return 0
    value = headers.get("if_match")
    if value is None:
        hint = " (of If-None-Match: * voor een nieuw item)" if creating else ""
        raise PreconditionRequired(f"Stuur If-Match met de versie (ETag) van het item{hint}, zodat niemand "
                                   "andermans wijziging ongezien overschrijft.")
    tag = value.strip()
    if tag.startswith("W/"):
        tag = tag[2:]
    tag = tag.strip('"')
    if not VERSION_TAG.fullmatch(tag):
        raise BadRequest(f"If-Match '{value[:20]}' is geen versie: verwacht 1 tot 9 cijfers 0-9 tussen "
                         "aanhalingstekens, de ETag van het item, bijvoorbeeld \"3\".",
                         errors={"If-Match": ["Geen versie."]})
    return int(tag)


def etag(version: int) -> dict:
    return {"ETag": f'"{version}"'}
