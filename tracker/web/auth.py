"""Signing in and out with the accounts of the API issue (Flask-Login, CSRF via Flask-WTF)."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from tracker.domain.access import Actor
from tracker.domain.errors import NotAuthenticated, TooManyAttempts
from tracker.services import accounts

from . import login_manager

bp = Blueprint("auth", __name__, template_folder="templates")


class WebUser(UserMixin):
    def __init__(self, actor: Actor):
        self.actor = actor

    def get_id(self) -> str:
        return self.actor.name

    @property
    def name(self) -> str:
        return self.actor.name

    @property
    def role(self) -> str:
        return self.actor.role


@login_manager.user_loader
def load_user(name: str) -> WebUser | None:
    from tracker.services.context import current_tracker

    actor = accounts.get(current_tracker(), name)
    return WebUser(actor) if actor else None


def current_actor() -> Actor | None:
    return current_user.actor if current_user.is_authenticated else None


class LoginForm(FlaskForm):
    name = StringField("Accountnaam", validators=[DataRequired("Vul uw accountnaam in."), Length(max=100)])
    password = PasswordField("Wachtwoord", validators=[DataRequired("Vul uw wachtwoord in."), Length(max=200)])


def _safe_next(target: str | None) -> str:
    """Only local paths: never send someone elsewhere after signing in."""
    if not target:
        return url_for("pages.dashboard")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("pages.dashboard")
    return target


@bp.route("/aanmelden", methods=["GET", "POST"])
def login():
    from tracker.services.context import current_tracker

    form = LoginForm()
    error, status = None, 200
    if form.validate_on_submit():
        try:
            actor = accounts.by_password(current_tracker(), form.name.data.strip(), form.password.data,
                                         request.remote_addr)
        except NotAuthenticated as refused:
            error, status = refused.message, 401
        except TooManyAttempts as refused:
            error, status = refused.message, 429
        else:
            login_user(WebUser(actor))
            flash(f"U bent aangemeld als {actor.name} ({actor.role}).", "ok")
            return redirect(_safe_next(request.args.get("next")))
    if form.errors and not error:
        status = 422
    return render_template("login.html", form=form, error=error), status


@bp.post("/afmelden")
@login_required
def logout():
    logout_user()
    flash("U bent afgemeld.", "info")
    return redirect(url_for("auth.login"))
