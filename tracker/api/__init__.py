"""HTTP API under /api/v1 (flask-smorest), described by /api/v1/openapi.json."""
from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from tracker import edge

from .schemas import FoutSchema


def init_app(app: Flask) -> None:
    app.config.setdefault("API_TITLE", "Volgsysteem verbetertrajecten Defensie")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault("API_SPEC_OPTIONS", {
        "info": {"description": "Gebeurtenissen, voortgang, afhankelijkheden en rapporten van de Stand van "
                                "Defensie. Aanmelden met 'Authorization: Bearer <token>'."},
        "security": [{"bearerAuth": []}],
        "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
    })
    api = TrackerApi(app)
    from . import evidence, items, pack, reports, stream, topics, webhooks

    for blueprint in (topics.blp, topics.chain_blp, items.blp, reports.blp, evidence.blp, pack.blp, stream.blp,
                      webhooks.blp):
        api.register_blueprint(blueprint)
        edge.csrf.exempt(blueprint)  # token-authenticated, no cookies: CSRF cannot apply
    stream.document(api)
    app.add_url_rule("/api/v1/docs", "api_docs", docs)


class TrackerApi(Api):
    """flask-smorest with one error format: its default error responses are documented as ours."""

    ERROR_SCHEMA = FoutSchema


def docs():
    """Interactive documentation (Swagger UI) without inline script, so the strict CSP holds."""
    from flask import render_template

    return render_template("api_docs.html")
