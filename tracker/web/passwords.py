"""Passwords in the web: setting one through a one-time link (no sign-in needed: the link is the proof), and
changing one's own password when signed in."""
from __future__ import annotations

from typing import cast

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import login_required, login_user
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length

from tracker import edge
from tracker.domain.access import Actor
from tracker.domain.errors import InvalidValue, TrackerError
from tracker.services import account_admin, accounts
from tracker.services.context import current_tracker

from .auth import WebUser, current_actor
from .security import client_address, trusted_proxies

bp = Blueprint("passwords", __name__, template_folder="templates")

LENGTH = f"Een wachtwoord heeft {accounts.MIN_PASSWORD} tot {accounts.MAX_PASSWORD} tekens."


def _new_password(label: str, missing: str) -> PasswordField:
    return PasswordField(label, validators=[DataRequired(missing), Length(min=accounts.MIN_PASSWORD,
                                                                         max=accounts.MAX_PASSWORD, message=LENGTH)])


class NewPasswordForm(FlaskForm):
    password = _new_password("Nieuw wachtwoord", "Vul een nieuw wachtwoord in.")
    repeated = PasswordField("Nieuw wachtwoord nogmaals", validators=[DataRequired("Typ het nieuwe wachtwoord nog "
                                                                                   "een keer.")])


class ChangeForm(NewPasswordForm):
    current = PasswordField("Huidig wachtwoord", validators=[
        DataRequired("Vul uw huidige wachtwoord in."),
        Length(max=accounts.MAX_PASSWORD, message=LENGTH)])


def _refusal(form: FlaskForm) -> InvalidValue:
    """What WTForms refused, as the domain's refusal, so that its status comes from the one mapping."""
    return InvalidValue("Het formulier is niet volledig of onjuist ingevuld; zie de melding bij het veld.",
                        errors={name: list(messages) for name, messages in form.errors.items()})


def _render(template: str, form: FlaskForm, error: TrackerError | None, **context):
    for name, messages in (error.errors if error else {}).items():
        if name in form:
            form[name].errors = list(messages)
    return (render_template(template, form=form, error=error.message if error else None,
                            minimum=accounts.MIN_PASSWORD, maximum=accounts.MAX_PASSWORD, **context),
            edge.status_of(error) if error else 200)


@bp.route("/wachtwoord/<token>", methods=["GET", "POST"])
def by_link(token: str):
    """A new user's first password, or a forgotten one, through the link a beheerder passed on."""
    tracker = current_tracker()
    target = account_admin.link_account(tracker, token)  # 404 or 410 page when the link does not work
    form = NewPasswordForm()
    if request.method == "GET":
        return _render("password_link.html", form, None, account=target)
    if not form.validate():
        return _render("password_link.html", form, _refusal(form), account=target)
    try:
        name = account_admin.set_password_by_link(tracker, token, form.password.data or "",
                                                  form.repeated.data or "")
    except InvalidValue as error:
        return _render("password_link.html", form, error, account=target)
    flash(f"Het wachtwoord van {name} is ingesteld. Meld u nu aan met uw accountnaam en het nieuwe wachtwoord.",
          "ok")
    return redirect(url_for("auth.login"))


@bp.route("/account/wachtwoord", methods=["GET", "POST"])
@login_required
def change():
    """The signed-in user's own password. This session goes on; every other session and token ends."""
    tracker = current_tracker()
    actor = cast(Actor, current_actor())  # @login_required: signed in
    form = ChangeForm()
    if request.method == "GET":
        return _render("password_change.html", form, None)
    if not form.validate():
        return _render("password_change.html", form, _refusal(form))
    try:
        address = client_address(request.remote_addr, request.headers.get("X-Forwarded-For"),
                                 trusted_proxies(current_app))
        account_admin.change_own_password(tracker, actor, form.current.data or "", form.password.data or "",
                                          form.repeated.data or "", address)
    except TrackerError as error:
        return _render("password_change.html", form, error)
    # The new password raised the account's session generation: sign this browser in again under it.
    login_user(WebUser(actor, accounts.generation(tracker, actor.name)))
    flash("Uw wachtwoord is gewijzigd. Uw andere sessies en uw API-tokens zijn beëindigd.", "ok")
    return redirect(url_for("pages.dashboard"))

