"""Compliance and remediation tracker for the Stand van Defensie."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from tracker.services.definitions import load_registry
from tracker.domain.errors import ConfigurationError
from tracker.services import integrity
from tracker.services.context import Tracker
from tracker.storage.database import make_engine

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True, static_folder="web/static")
    app.config.from_mapping(
        SECRET_KEY=DEV_SECRET,
        ENV="development",
        DATABASE_URL=None,
        WORKFLOWS_DIR=str(PROJECT_ROOT / "workflows"),
        SEED_DIR=str(PROJECT_ROOT / "seed"),
        MAX_CONTENT_LENGTH=1024 * 1024,  # 1 MB: far above any real request; larger ones get 413
    )
    app.config.from_prefixed_env("TRACKER")  # TRACKER_DATABASE_URL -> DATABASE_URL, ...
    if test_config is not None:
        app.config.from_mapping(test_config)
    check_production(app)
    os.makedirs(app.instance_path, exist_ok=True)
    url = app.config["DATABASE_URL"] or f"sqlite:///{Path(app.instance_path) / 'tracker.db'}"
    app.config["DATABASE_URL"] = url
    # A malformed workflow definition raises DefinitionError here and stops start-up.
    registry = load_registry(app.config["WORKFLOWS_DIR"])
    tracker = Tracker(make_engine(url), registry)
    if "TODAY" in app.config:  # tests pin the clock
        tracker.today = app.config["TODAY"]
    app.extensions["tracker"] = tracker
    # Definitions that no longer cover the log stop start-up here; projections computed with other
    # definitions are recomputed.
    integrity.ensure_current(tracker)

    from tracker import api, cli, web

    cli.init_app(app)
    web.init_app(app)
    api.init_app(app)
    return app


# Reviewed (B105): not a password: a documented development default refused in production, or a token prefix.
DEV_SECRET = "dev-only-not-for-production"  # nosec B105


def check_production(app: Flask) -> None:
    """In production (TRACKER_ENV=production) a real SECRET_KEY is required and cookies are hardened."""
    production = app.config.get("ENV") == "production"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config["REMEMBER_COOKIE_HTTPONLY"] = True
    if not production:
        return
    secret = app.config.get("SECRET_KEY") or ""
    if secret == DEV_SECRET or len(secret) < 32:
        raise ConfigurationError(
            "Productiemodus (TRACKER_ENV=production) vereist een eigen geheime sleutel: zet TRACKER_SECRET_KEY op "
            "een willekeurige waarde van minstens 32 tekens, bijvoorbeeld met: "
            "python -c 'import secrets; print(secrets.token_urlsafe(48))'")
    app.config["SESSION_COOKIE_SECURE"] = True
    app.config["REMEMBER_COOKIE_SECURE"] = True



