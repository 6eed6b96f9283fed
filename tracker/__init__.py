"""Compliance and remediation tracker for the Stand van Defensie."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask, request

from tracker import api, cli, edge, web
from tracker.domain.errors import ConfigurationError
from tracker.domain.roles import ROLES
from tracker.services import evidence, integrity, listener
from tracker.services.context import Tracker, clock_on
from tracker.services.definitions import load_registry
from tracker.storage.database import make_engine
from tracker.web.errors import page as error_page

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    # Where the SQLite database and the session key live (tests and several servers on one machine choose).
    instance = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("TRACKER_INSTANCE_PATH")
    app = Flask(__name__, instance_relative_config=True, static_folder="web/static", instance_path=instance)
    app.config.from_mapping(
        SECRET_KEY=None,
        ENV="development",
        DATABASE_URL=None,
        WORKFLOWS_DIR=str(PROJECT_ROOT / "workflows"),
        SEED_DIR=str(PROJECT_ROOT / "seed"),
        MAX_CONTENT_LENGTH=1024 * 1024,  # 1 MB: far above any real request; larger ones get 413
    )
    app.config.from_prefixed_env("TRACKER")  # TRACKER_DATABASE_URL -> DATABASE_URL, ...
    if test_config is not None:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    check_production(app)
    configure_secret(app)
    url = app.config["DATABASE_URL"] or f"sqlite:///{Path(app.instance_path) / 'tracker.db'}"
    app.config["DATABASE_URL"] = url
    # A malformed workflow definition raises DefinitionError here and stops start-up.
    registry = load_registry(app.config["WORKFLOWS_DIR"])
    tracker = Tracker(make_engine(url), registry)
    if "TODAY" in app.config:  # tests pin the day, and the clock runs on that day
        tracker.today = app.config["TODAY"]
        tracker.now = app.config.get("NOW") or clock_on(tracker.today)
    # How far back each role may date an event, e.g. TRACKER_BACKDATING_DAYS='{"eigenaar": 14}'.
    tracker.windows.update(backdating_days(app.config.get("BACKDATING_DAYS") or {}))
    app.extensions["tracker"] = tracker
    # The largest document any kind accepts: the body a view that takes documents may receive.
    app.config["MAX_DOCUMENT_LENGTH"] = evidence.limits(tracker)[0]
    # Definitions that no longer cover the log stop start-up here; projections computed with other
    # definitions are recomputed.
    integrity.ensure_current(tracker)
    listener.init_app(app)  # on PostgreSQL: hear other servers' new heads and account changes

    cli.init_app(app)
    web.init_app(app)
    api.init_app(app)
    edge.init_app(app, page=error_page)  # after the API: replaces flask-smorest's error handler with ours
    return app


def backdating_days(configured) -> dict[str, int]:
    if not isinstance(configured, dict) or not all(
            role in ROLES and type(days) is int and 0 <= days <= 36600 for role, days in configured.items()):
        raise ConfigurationError("BACKDATING_DAYS moet per rol (eigenaar, auditor, cio, beheerder) een aantal dagen "
                                 'geven, bijvoorbeeld {"eigenaar": 31, "auditor": 366}.')
    return dict(configured)


def is_production(app: Flask) -> bool:
    return str(app.config.get("ENV") or "").strip().lower() == "production"


def check_production(app: Flask) -> None:
    """Cookies are never readable by scripts; in production (TRACKER_ENV=production) they travel only over
    HTTPS, and a real secret key is required at start-up."""
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config["REMEMBER_COOKIE_HTTPONLY"] = True
    if not is_production(app):
        return
    if len(app.config.get("SECRET_KEY") or "") < MIN_SECRET:
        raise ConfigurationError(
            "Productiemodus (TRACKER_ENV=production) vereist een eigen geheime sleutel: zet TRACKER_SECRET_KEY op "
            f"een willekeurige waarde van minstens {MIN_SECRET} tekens, bijvoorbeeld met: "
            "python -c 'import secrets; print(secrets.token_urlsafe(48))'")
    app.config["SESSION_COOKIE_SECURE"] = True
    app.config["REMEMBER_COOKIE_SECURE"] = True


MIN_SECRET = 32
# Reviewed (B105): a file name, not a secret.
SECRET_FILE = "secret_key"  # nosec B105 - under instance/: written once by `make run`, `make serve` or `make db`


def configure_secret(app: Flask) -> None:
    """Sessions are signed with TRACKER_SECRET_KEY, or the key kept in instance/secret_key. No key is written in
    the code: without one the app serves no request (except under test, where each app gets a random key)."""
    key = app.config.get("SECRET_KEY")
    path = Path(app.instance_path) / SECRET_FILE
    if not key and path.exists():
        key = path.read_text(encoding="utf-8").strip()
    if not key and app.config.get("TESTING"):
        key = secrets.token_urlsafe(48)
    if key and len(key) < MIN_SECRET and not app.config.get("TESTING"):
        raise ConfigurationError(f"De geheime sleutel is korter dan {MIN_SECRET} tekens; maak een nieuwe, "
                                 "bijvoorbeeld met: python -c 'import secrets; print(secrets.token_urlsafe(48))'")
    app.config["SECRET_KEY"] = key or None
    if key:
        return

    @app.before_request
    def no_secret():
        if request.endpoint == "healthz":  # health needs no session
            return None
        return ("Deze installatie heeft geen geheime sleutel, dus geen veilige sessies. Zet TRACKER_SECRET_KEY of "
                f"maak {path} aan (make run en make serve doen dat), en start opnieuw."), 503
