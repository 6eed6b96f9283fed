"""Server-rendered pages. Until the full interface exists: topics with progress, and a health check."""
from __future__ import annotations

from flask import Blueprint, Flask, jsonify, render_template
from sqlalchemy.exc import SQLAlchemyError

from tracker.services import health, queries
from tracker.services.views import item_dict

bp = Blueprint("web", __name__, template_folder="templates")


@bp.get("/")
def home():
    from tracker import current_tracker

    tracker = current_tracker()
    topics = [item_dict(p, tracker.registry) for p in queries.list_items(tracker, kind="thema")]
    return render_template("home.html", topics=topics)


@bp.get("/healthz")
def healthz():
    from tracker import current_tracker

    try:
        status = health.check(current_tracker())
    except SQLAlchemyError as error:
        return jsonify(status="fout", database="onbereikbaar", detail=type(error).__name__), 503
    return jsonify(status="ok", **status), 200


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
