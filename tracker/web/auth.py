"""Signing in and out with the same accounts as the API (Flask-Login, CSRF via Flask-WTF)."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from tracker.domain.access import Actor
from tracker.domain.errors import NotAuthenticated, TooManyAttempts
from tracker.services import accounts, work
from tracker.services.context import current_tracker

from .security import client_address, trusted_proxies

bp = Blueprint("auth", __name__, template_folder="templates")
login_manager = LoginManager()  # set up by tracker.web.init_app


class WebUser(UserMixin):
    def __init__(self, actor: Actor, generation: int):
        self.actor = actor
        self.generation = generation

    def get_id(self) -> str:
        # The session generation it was signed in under: a later sign-out, new password, revoke or
        # deactivation raises the account's generation and ends this session everywhere.
        return f"{self.generation}:{self.actor.name}"

    @property
    def name(self) -> str:
        return self.actor.name

    @property
    def role(self) -> str:
        return self.actor.role


@login_manager.user_loader
def load_user(session_id: str) -> WebUser | None:
    generation, _, name = session_id.partition(":")
    if not (generation.isascii() and generation.isdigit()) or not name:
        return None
    actor = accounts.in_session(current_tracker(), name, int(generation))
    return WebUser(actor, int(generation)) if actor else None


def current_actor() -> Actor | None:
    return current_user.actor if current_user.is_authenticated else None


def signed_in_actor() -> Actor:
    """The actor behind a view that requires signing in (login_required has turned everyone else away)."""
    actor = current_actor()
    if actor is None:
        raise NotAuthenticated("Meld u eerst aan.")
    return actor


class LoginForm(FlaskForm):
    name = StringField("Accountnaam", validators=[
        DataRequired("Vul uw accountnaam in."),
        Length(max=accounts.MAX_NAME, message=f"Een accountnaam heeft hoogstens {accounts.MAX_NAME} tekens.")])
    password = PasswordField("Wachtwoord", validators=[
        DataRequired("Vul uw wachtwoord in."),
        Length(max=accounts.MAX_PASSWORD, message=f"Een wachtwoord heeft {accounts.MIN_PASSWORD} tot "
                                                  f"{accounts.MAX_PASSWORD} tekens.")])


def _safe_next(target: str | None, first: str) -> str:
    """Only local paths: never send someone elsewhere after signing in. Without one: `first`, their first page
    (Mijn werk for anyone with work, else the dashboard)."""
    if not target:
        return first
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return first
    return target


@bp.route("/aanmelden", methods=["GET", "POST"])
def login():
    form = LoginForm()
    error, status = None, 200
    if form.validate_on_submit():
        try:
            address = client_address(request.remote_addr, request.headers.get("X-Forwarded-For"),
                                     trusted_proxies(current_app))
            actor = accounts.by_password(current_tracker(), form.name.data.strip(), form.password.data, address)
        except NotAuthenticated as refused:
            error, status = refused.message, 401
        except TooManyAttempts as refused:
            error, status = refused.message, 429
        else:
            login_user(WebUser(actor, accounts.generation(current_tracker(), actor.name)))
            first = url_for("work.mine") if work.has_work(actor) else url_for("pages.dashboard")
            flash(f"U bent aangemeld als {actor.name} ({actor.role}).", "ok")
            return redirect(_safe_next(request.args.get("next"), first))
    if form.errors and not error:
        status = 422
    return render_template("login.html", form=form, error=error), status


@bp.post("/afmelden")
@login_required
def logout():
    accounts.sign_out(current_tracker(), current_user.actor.name)
    logout_user()
    flash("U bent afgemeld.", "info")
    return redirect(url_for("auth.login"))
