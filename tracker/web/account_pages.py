"""Account management for a beheerder: the list of accounts, creating one, changing its role, scope and
display name, deactivating it and issuing a one-time link to set its password. Everyone else gets 403."""
from __future__ import annotations

from typing import cast

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_login import login_required
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length

from tracker import edge
from tracker.domain.access import Actor
from tracker.domain.errors import InvalidValue, NotAllowed, TrackerError
from tracker.domain.roles import BEHEERDER, ROLES
from tracker.services import account_admin, accounts, catalog
from tracker.services.context import current_tracker

from .auth import current_actor

bp = Blueprint("accounts", __name__, url_prefix="/beheer/accounts", template_folder="templates")

ROLE_LABELS = {  # what each role is for, as the form offers it
    "lezer": "lezer — leest alles",
    "eigenaar": "eigenaar — claims binnen een bereik",
    "auditor": "auditor — verifieert opvolging",
    "rekenkamer": "rekenkamer — oordeel van de Rekenkamer",
    "cio": "cio — CIO-oordelen en voorwaarden",
    "beheerder": "beheerder — accounts, afhankelijkheden, peildata",
}
NAME_LENGTH = f"Hoogstens {accounts.MAX_NAME} tekens."


class ChangeForm(FlaskForm):
    display_name = StringField("Weergavenaam (optioneel)", validators=[Length(max=accounts.MAX_NAME,
                                                                             message=NAME_LENGTH)])
    # The service checks the role and says so in Dutch (WTForms' own choice check speaks English).
    role = SelectField("Rol", choices=[SelectChoice(role, ROLE_LABELS.get(role, role)) for role in ROLES],
                       validate_choice=False)
    scope = StringField("Bereik (thema of item)", validators=[Length(max=accounts.MAX_NAME, message=NAME_LENGTH)])
    # Checked by the service, which says what a valid address looks like.
    email = EmailField("E-mailadres (optioneel)")


class CreateForm(ChangeForm):
    name = StringField("Accountnaam", validators=[DataRequired("Vul een accountnaam in."),
                                                  Length(max=accounts.MAX_NAME, message=NAME_LENGTH)])


@bp.before_request
@login_required
def only_beheerder():
    actor = current_actor()
    if actor is None or actor.role != BEHEERDER:
        raise NotAllowed("Alleen een beheerder beheert accounts. Vraag een beheerder als u een account nodig hebt "
                         "of een rol of bereik wilt laten wijzigen.")
    g.actor = actor


@bp.app_context_processor
def account_navigation():
    """The account pages' links in every page's header, built once (like the other links there)."""
    links = current_app.extensions.get("tracker_account_links")
    if links is None:
        links = current_app.extensions["tracker_account_links"] = {
            "accounts": url_for("accounts.index"), "password": url_for("passwords.change")}
    return {"account_links": links, "beheerder_role": BEHEERDER}


def _refusal(form: FlaskForm) -> InvalidValue:
    """What WTForms refused, as the domain's refusal, so that its status comes from the one mapping."""
    errors = {name: list(messages) for name, messages in form.errors.items()}
    return InvalidValue("Het formulier is niet volledig of onjuist ingevuld; zie de melding bij het veld.",
                        errors=errors)


def _show_on_fields(form: FlaskForm, error: TrackerError) -> None:
    for name, messages in (error.errors or {}).items():
        if name in form:
            form[name].errors = list(messages)


def _list_page(form: CreateForm, error: TrackerError | None = None):
    tracker = current_tracker()
    if error is not None:
        _show_on_fields(form, error)
    return render_template("accounts.html", accounts=account_admin.overview(tracker, cast(Actor, g.actor)),
                           form=form, error=error.message if error else None, scopes=_scopes(),
                           roles=ROLE_LABELS), edge.status_of(error) if error else 200


def _scopes() -> list[str]:
    return list(catalog.BY_TOPIC)


@bp.get("")
def index():
    return _list_page(CreateForm(role="lezer"))


@bp.post("")
def create():
    form = CreateForm()
    if not form.validate():
        return _list_page(form, _refusal(form))
    try:
        created = account_admin.create(current_tracker(), cast(Actor, g.actor), form.name.data or "",
                                       form.role.data or "", form.scope.data, form.display_name.data,
                                       form.email.data)
    except TrackerError as error:
        return _list_page(form, error)
    flash(f"Account {created.name} aangemaakt met rol {created.role}. Nog nodig voordat {created.name} kan "
          "aanmelden: een wachtwoord. Maak hieronder een eenmalige link en geef die door.", "ok")
    return redirect(url_for("accounts.detail", name=created.name))


def _detail_page(name: str, form: ChangeForm | None = None, error: TrackerError | None = None,
                 issued: account_admin.IssuedLink | None = None):
    view = account_admin.account(current_tracker(), cast(Actor, g.actor), name)
    if form is None:
        form = ChangeForm(role=view.role, scope=view.scope or "", display_name=view.display_name or "",
                          email=view.email or "")
    if error is not None:
        _show_on_fields(form, error)
    link = None
    if issued is not None:
        link = account_admin.link_url(issued.token, current_app.config.get("BASE_URL") or request.host_url)
    return render_template("account.html", account=view, form=form, scopes=_scopes(),
                           error=error.message if error else None, issued=issued, link=link,
                           is_self=view.name == cast(Actor, g.actor).name), edge.status_of(error) if error else 200


@bp.get("/<path:name>")
def detail(name: str):
    return _detail_page(name)


@bp.post("/<path:name>/wijzigen")
def change(name: str):
    form = ChangeForm()
    if not form.validate():
        return _detail_page(name, form, _refusal(form))
    try:
        changed = account_admin.change(current_tracker(), cast(Actor, g.actor), name, form.role.data or "",
                                       form.scope.data, form.display_name.data, form.email.data or "")
    except TrackerError as error:
        return _detail_page(name, form, error)
    flash(f"Account {changed.name} gewijzigd: rol {changed.role}"
          + (f", bereik {changed.scope}" if changed.scope else ", geen bereik") + ".", "ok")
    return redirect(url_for("accounts.detail", name=changed.name))


@bp.post("/<path:name>/deactiveren")
def deactivate(name: str):
    # Like every form, the button carries a CSRF token, checked by CSRFProtect before this view runs.
    try:
        account_admin.deactivate(current_tracker(), cast(Actor, g.actor), name)
    except TrackerError as error:
        return _detail_page(name, error=error)
    flash(f"Account {name} is gedeactiveerd: aanmelden, API-tokens, sessies en links van dit account werken niet "
          "meer.", "ok")
    return redirect(url_for("accounts.detail", name=name))


@bp.post("/<path:name>/link")
def link(name: str):
    try:
        issued = account_admin.issue_link(current_tracker(), cast(Actor, g.actor), name)
    except TrackerError as error:
        return _detail_page(name, error=error)
    # Shown in this answer only, never stored or flashed: only its hash is kept.
    return _detail_page(name, issued=issued)
