"""Helpers shared by the API views: versions from headers, common error documentation."""
from __future__ import annotations

from flask_smorest import Blueprint

from tracker.domain.errors import BadRequest, PreconditionRequired

from .auth import authenticate
from .schemas import FoutSchema

READ_ERRORS = (401, 404, 422)
WRITE_ERRORS = (400, 401, 403, 404, 409, 422, 428)


def blueprint(name: str, import_name: str, url_prefix: str, description: str) -> Blueprint:
    blp = Blueprint(name, import_name, url_prefix=url_prefix, description=description)
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
    if not tag.isdigit() or len(tag) > 9:
        raise BadRequest(f"If-Match '{value[:20]}' is geen versie; stuur de ETag, bijvoorbeeld \"3\".",
                         errors={"If-Match": ["Geen versie."]})
    return int(tag)


def etag(version: int) -> dict:
    return {"ETag": f'"{version}"'}
