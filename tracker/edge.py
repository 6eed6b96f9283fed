"""What the web pages and the API share at the HTTP edge: the one place where refusals become status codes,
errors as `{code, status, message, errors}` JSON under /api/ and as the Dutch error page elsewhere (never a
stack trace), the guard on request bodies, and CSRF protection for the forms."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import cast
from urllib.parse import quote

from flask import Flask, Response, current_app, jsonify, request, stream_with_context
from flask.json.provider import DefaultJSONProvider
from flask_wtf.csrf import CSRFProtect
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from tracker.domain import errors as e

STATUS = [  # most specific first
    (e.NotAuthenticated, 401),
    (e.TooManyAttempts, 429),
    (e.NotAllowed, 403),
    (e.NotFound, 404),
    (e.Gone, 410),
    (e.Conflict, 409),
    (e.ValidationFailed, 422),
    (e.PreconditionRequired, 428),
    (e.UnsupportedType, 415),
    (e.TooLarge, 413),
    (e.BadRequest, 400),
]
DUTCH = {  # marshmallow/webargs messages as a Dutch reader expects them
    "Missing data for required field.": "Verplicht veld.",
    "Unknown field.": "Onbekend veld.",
    "Not a valid string.": "Geen geldige tekst.",
    "Not a valid date.": "Geen geldige datum (JJJJ-MM-DD).",
    "Not a valid integer.": "Geen geldig geheel getal.",
    "Not a valid boolean.": "Geen geldige waarde (true of false).",
    "Not a valid mapping type.": "Geen object.",
    "Invalid input type.": "Ongeldig type.",
    "Field may not be null.": "Mag niet leeg zijn.",
    "Invalid JSON body.": "Geen geldige JSON.",
}
log = logging.getLogger(__name__)
csrf = CSRFProtect()  # the forms of the web pages; the API's blueprints are exempt (tokens, no cookies)


def status_of(error: e.TrackerError) -> int:
    return next((code for cls, code in STATUS if isinstance(error, cls)), 400)


def _payload(code: int, message: str, errors: dict | None = None, **extra) -> dict:
    body = {"code": code, "status": HTTP_STATUS_CODES.get(code, "Error"), "message": message}
    if errors:
        body["errors"] = errors
    body.update({k: v for k, v in extra.items() if v is not None})
    return body


def _translate(messages):
    if isinstance(messages, dict):
        return {k: _translate(v) for k, v in messages.items()}
    if isinstance(messages, list):
        return [DUTCH.get(m, m) if isinstance(m, str) else _translate(m) for m in messages]
    return DUTCH.get(messages, messages) if isinstance(messages, str) else messages


def domain_error(error: e.TrackerError):
    code = status_of(error)
    d = error.details
    body = _payload(code, error.message, error.errors, reason=error.code,
                    current_version=d.get("current_version"), allowed=d.get("allowed"),
                    blocking=d.get("blocking"), cycle=d.get("cycle"))
    response = jsonify(body)
    response.status_code = code
    if code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="tracker"'
    return response


def http_error(error: HTTPException):
    code = cast(int, error.code)  # Flask returns an HTTPException without a code unhandled
    data = getattr(error, "data", None) or {}
    errors = _translate(data.get("messages") or data.get("errors") or {})
    if error.code == 422 or (error.code == 400 and errors):
        fields = ", ".join(sorted(_field_names(errors))) or "onbekend"
        message = f"De aanvraag is ongeldig: controleer {fields}."
    else:
        message = {404: "Deze pagina of dit item bestaat niet.", 405: "Deze methode is hier niet toegestaan.",
                   413: "De aanvraag is te groot: een document mag hoogstens "
                        f"{current_app.config['MAX_DOCUMENT_LENGTH'] // (1024 * 1024)} MB zijn, een ander verzoek "
                        f"hoogstens {current_app.config['MAX_CONTENT_LENGTH'] // (1024 * 1024)} MB.",
                   415: "Stuur JSON (Content-Type: application/json)."}.get(
            code, error.description or HTTP_STATUS_CODES.get(code, "Fout"))
    response = jsonify(_payload(code, message, errors))
    response.status_code = code
    for name, value in (data.get("headers") or {}).items():
        response.headers[name] = value
    return response


def _field_names(errors, prefix=""):
    for key, value in errors.items():
        if key in ("json", "query", "headers", "path") and isinstance(value, dict):
            yield from _field_names(value, prefix)
        else:
            yield f"{prefix}{key}"


def unexpected(error: Exception):
    log.exception("Onverwachte fout bij %s %s", request.method, request.path)
    response = jsonify(_payload(500, "Er ging iets mis aan onze kant; de fout is vastgelegd. Er is niets opgeslagen."))
    response.status_code = 500
    return response


def init_app(app: Flask, page: Callable) -> None:
    """One set of handlers for the whole app: JSON under /api/, `page(status, message)` elsewhere."""
    app.json = StrictJSONProvider(app)

    def on_domain_error(error: e.TrackerError):
        return domain_error(error) if _api() else page(status_of(error), error.message)

    def on_http_error(error: HTTPException):
        return http_error(error) if _api() else page(error.code or 500, None)

    def on_unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return on_http_error(error)
        if _api():
            return unexpected(error)
        log.exception("Onverwachte fout bij %s %s", request.method, request.path)
        return page(500, None)

    @app.before_request
    def refuse_hostile_bodies():
        """No NUL characters anywhere (PostgreSQL cannot store them and no one types them) and no JSON
        nested deeper than any real request: both are refused before anything parses them.

        A view that takes documents (`takes_documents`) gets a body as large as a document may be, parsed as it
        streams in (files go to temporary files, never whole into memory); there only the form's text fields are
        checked, since a document's bytes may hold anything."""
        query = request.query_string.decode("latin-1")
        if "\x00" in request.path or "\x00" in query or "%00" in query:
            raise e.BadRequest("Het verzoek bevat een ongeldig teken (NUL).")
        view = app.view_functions.get(request.endpoint or "")
        takes = getattr(view, "takes_documents", False) or getattr(getattr(view, "view_class", None),
                                                                   "takes_documents", False)
        if takes and request.mimetype == "multipart/form-data":
            request.max_content_length = app.config["MAX_DOCUMENT_LENGTH"] + ENVELOPE
            if any("\x00" in value for values in request.form.listvalues() for value in values):
                raise e.BadRequest("Het verzoek bevat een ongeldig teken (NUL).")
            return
        body = request.get_data(cache=True)
        if b"\x00" in body or b"\\u0000" in body or b"%00" in body:
            raise e.BadRequest("Het verzoek bevat een ongeldig teken (NUL).")
        if body and request.is_json and json_depth(body) > MAX_JSON_DEPTH:
            raise e.BadRequest(f"De JSON is dieper genest dan {MAX_JSON_DEPTH} niveaus.")

    # Registered before CSRF protection: its hook parses the form, after which the raw body is gone and the
    # guard above could no longer see a NUL in it.
    csrf.init_app(app)

    app.register_error_handler(e.TrackerError, on_domain_error)
    app.register_error_handler(HTTPException, on_http_error)
    app.register_error_handler(Exception, on_unexpected)


MAX_JSON_DEPTH = 32
ENVELOPE = 64 * 1024  # what multipart adds around the documents and the form's fields


def takes_documents(view):
    """Mark a view (or MethodView class) that receives documents (multipart): its body may be as large as a
    document."""
    view.takes_documents = True
    return view


def document_response(document: dict, chunks: Iterable[bytes], inline: bool = False) -> Response:
    """A stored document as a download: streamed chunk by chunk, under its own safe name, as an attachment
    (inline only for a preview the page shows), never interpreted as anything but its recognised type."""
    name = document["name"]
    fallback = "".join(c if c.isascii() and (c.isalnum() or c in "._- ") else "_" for c in name) or "document"
    disposition = "inline" if inline else "attachment"
    response = Response(stream_with_context(iter(chunks)), mimetype=document["media_type"], direct_passthrough=True)
    response.headers["Content-Disposition"] = f'{disposition}; filename="{fallback}"; filename*=UTF-8\'\'{quote(name)}'
    response.headers["Content-Length"] = str(document["size"])
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox" + ("" if not inline else "; "
                                                                                 "frame-ancestors 'self'")
    response.headers["ETag"] = f'"{document["sha256"]}"'
    if inline:  # shown in a frame of the item's own page, nowhere else
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


def strict_loads(text: str | bytes):
    """JSON as this app reads it: NaN, Infinity and -Infinity are no JSON numbers and are refused, and so is an
    integer too long for Python to parse (over 4,300 digits), each as a 400 naming what was wrong. Invalid JSON
    still raises json.JSONDecodeError, which the callers answer as 400."""
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError:
        raise
    except ValueError:  # int() refuses more than sys.get_int_max_str_digits() digits while parsing
        raise e.BadRequest("De JSON bevat een getal van meer dan 4300 cijfers; getallen hebben hoogstens 30 tekens.",
                           errors={"json": ["Getal te lang."]}) from None


def _no_constant(name: str):
    raise e.BadRequest(f"De JSON bevat {name}; dat is geen getal. Stuur een eindig getal, bijvoorbeeld 2.5.",
                       errors={"json": [f"{name} is geen getal."]})


class StrictJSONProvider(DefaultJSONProvider):
    """request.get_json() and everything else reading JSON through Flask use strict_loads."""

    def loads(self, s: str | bytes, **kwargs):
        return strict_loads(s)


def json_depth(body: bytes) -> int:
    """How deeply arrays and objects nest, counted without parsing (brackets inside strings ignored)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _api() -> bool:
    return request.path.startswith("/api/")
