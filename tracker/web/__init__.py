"""Server-rendered pages in Dutch, for programme owners and the Bestuursraad. They work without JavaScript."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, abort, jsonify, send_from_directory
from flask_babel import Babel
from sqlalchemy.exc import SQLAlchemyError

from tracker.domain.access import Actor
from tracker.domain.errors import TrackerError
from tracker.domain.roles import BEHEERDER
from tracker.services import accounts, health

from . import filters, security
from .auth import login_manager

VENDOR = {  # URL prefix -> folder inside node_modules (installed by `make` from package-lock.json)
    "rhc-components": "@rijkshuisstijl-community/components-css/dist",
    "rhc-tokens": "@rijkshuisstijl-community/design-tokens/dist",
    "swagger-ui": "swagger-ui-dist",
}
SCRIPTS = {"swagger-ui"}  # the packages whose JavaScript is served too (the others: stylesheets only)


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "nl")
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Amsterdam")
    app.config.setdefault("NODE_MODULES", str(Path(app.root_path).parent / "node_modules"))
    Babel(app, locale_selector=lambda: "nl")
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Meld u aan om deze pagina te bekijken."
    login_manager.login_message_category = "info"
    filters.register(app)
    security.init_app(app)

    from . import auth, pages, reports, work

    app.register_blueprint(auth.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(reports.bp)
    app.register_blueprint(work.bp)
    from . import pack

    app.register_blueprint(pack.bp)
    from . import account_pages, notices, passwords, reminder_pages

    app.register_blueprint(account_pages.bp)
    app.register_blueprint(passwords.bp)
    app.register_blueprint(notices.bp)
    app.register_blueprint(reminder_pages.bp)
    from . import live

    app.register_blueprint(live.bp)
    app.add_url_rule("/healthz", "healthz", healthz)
    app.add_url_rule("/vendor/<package>/<path:filename>", "vendor", vendor)

    from flask_wtf.csrf import CSRFError

    from .errors import page

    @app.errorhandler(CSRFError)
    def csrf_refused(_error):
        return page(400, "Het formulier is verlopen of mist zijn beveiligingscode (CSRF). Laad de pagina opnieuw "
                         "en probeer het nog eens; wat u typte staat nog in het vorige venster.")


def healthz():
    """Up or not, for anyone (a load balancer asks anonymously); what the database holds and its chain head
    only for a beheerder, signed in or with a token."""
    from tracker.services.context import current_tracker

    try:
        status = health.check(current_tracker())
    except SQLAlchemyError as error:
        details = {"database": "onbereikbaar", "detail": type(error).__name__} if _beheerder() else {}
        return jsonify(status="fout", **details), 503
    return jsonify(status="ok", **(status if _beheerder() else {})), 200


def _beheerder() -> bool:
    from flask import request
    from flask_login import current_user

    from tracker.services.context import current_tracker

    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    actor: Actor | None
    try:
        if scheme.lower() == "bearer":
            actor = accounts.by_token(current_tracker(), token.strip())
        else:
            actor = current_user.actor if current_user.is_authenticated else None
    except (TrackerError, SQLAlchemyError):
        return False
    return actor is not None and actor.role == BEHEERDER


def vendor(package: str, filename: str):
    from flask import current_app

    folder = VENDOR.get(package)
    if folder is None or not (filename.endswith(".css") or (package in SCRIPTS and filename.endswith(".js"))):
        abort(404)
    return send_from_directory(Path(current_app.config["NODE_MODULES"]) / folder, filename, max_age=86400)
