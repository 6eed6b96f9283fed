"""Accounts managed by a beheerder (list, create, change role and scope, deactivate), one-time links to set a
password, and changing one's own password. The command line makes the same changes through tracker.services
.accounts; here every change names who makes it, and only a beheerder may."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from werkzeug.security import check_password_hash

from tracker.domain.access import Actor
from tracker.domain.errors import Conflict, Gone, InvalidValue, NotAllowed, TooManyAttempts, UnknownItem
from tracker.domain.roles import BEHEERDER
from tracker.storage import account_store, announcements
from tracker.storage.schema import AccountRow

from . import accounts
from .context import Tracker

LINK_VALID = timedelta(hours=72)
LINK_PATH = "/wachtwoord/"
MAX_TOKEN = 100  # a link's token is 43 characters; anything much longer is no link of ours


@dataclass(frozen=True)
class AccountView:
    name: str
    display_name: str | None
    role: str
    scope: str | None
    active: bool
    has_password: bool
    created_at: datetime
    email: str | None = None  # where reminders go


@dataclass(frozen=True)
class IssuedLink:
    account: str
    token: str  # shown once: only its SHA-256 is stored
    expires_at: datetime


def _view(row: AccountRow) -> AccountView:
    return AccountView(row.name, row.display_name, row.role, row.scope, row.active, bool(row.password_hash),
                       row.created_at, row.email)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _require_beheerder(by: Actor) -> None:
    if by.role != BEHEERDER:
        raise NotAllowed(f"Alleen een beheerder beheert accounts; u bent aangemeld met de rol {by.role}.")


def overview(tracker: Tracker, by: Actor) -> list[AccountView]:
    _require_beheerder(by)
    return [_view(row) for row in account_store.every(tracker.engine)]


def account(tracker: Tracker, by: Actor, name: str) -> AccountView:
    _require_beheerder(by)
    row = account_store.find(tracker.engine, name)
    if row is None:
        raise UnknownItem(f"Account {name} bestaat niet.")
    return _view(row)


def create(tracker: Tracker, by: Actor, name: str, role: str, scope: str | None,
           display_name: str | None, email: str | None = None) -> AccountView:
    _require_beheerder(by)
    created = accounts.create(tracker, name, role, (scope or "").strip() or None, display_name, email)
    return account(tracker, by, created.name)


def _other_active_beheerders(tracker: Tracker, name: str) -> int:
    return sum(1 for row in account_store.every(tracker.engine)
               if row.active and row.role == BEHEERDER and row.name != name)


def change(tracker: Tracker, by: Actor, name: str, role: str, scope: str | None,
           display_name: str | None, email: str | None = None) -> AccountView:
    """A new role, scope, display name and e-mail address (None: the address stays; empty: no address). Sessions
    go on: each request reads the account's role afresh."""
    current = account(tracker, by, name)
    scope = (scope or "").strip() or None
    shown = accounts.checked_display_name(display_name)
    address = current.email if email is None else accounts.checked_email(email)
    accounts.check_role_and_scope(tracker, role, scope)
    if current.active and current.role == BEHEERDER and role != BEHEERDER and not _other_active_beheerders(
            tracker, name):
        raise Conflict(f"{name} is de enige actieve beheerder; maak eerst een ander account beheerder.",
                       errors={"role": ["Er blijft geen beheerder over."]})
    account_store.update(tracker.engine, name, role=role, scope=scope, display_name=shown, email=address)
    # Pages rendered with the old display name (the dashboard's latest changes) are cached per worker: this
    # one's now, every other worker's when it hears the announcement.
    tracker.read_cache.clear()
    announcements.account_changed(tracker.engine, name)
    return account(tracker, by, name)


def deactivate(tracker: Tracker, by: Actor, name: str) -> None:
    """No sign-in, token, session or link of the account works any more."""
    current = account(tracker, by, name)
    if name == by.name:
        raise Conflict("U kunt uw eigen account niet deactiveren; vraag dat een andere beheerder.")
    if not current.active:
        raise Conflict(f"Account {name} is al gedeactiveerd.")
    accounts.deactivate(tracker, name)


def issue_link(tracker: Tracker, by: Actor, name: str) -> IssuedLink:
    _require_beheerder(by)
    return new_link(tracker, name)


def new_link(tracker: Tracker, name: str) -> IssuedLink:
    """A one-time link for the account to set its password, valid for 72 hours. An older unused link of the
    account stops working. Only the token's hash is stored: show it once."""
    row = account_store.find(tracker.engine, name)
    if row is None:
        raise UnknownItem(f"Account {name} bestaat niet.")
    if not row.active:
        raise Conflict(f"Account {name} is gedeactiveerd; een link om een wachtwoord in te stellen helpt dan niet.")
    now = tracker.now()
    account_store.end_links(tracker.engine, name, now)
    token = secrets.token_urlsafe(32)
    account_store.add_link(tracker.engine, name, _digest(token), now, now + LINK_VALID)
    announcements.account_changed(tracker.engine, name)
    return IssuedLink(name, token, now + LINK_VALID)


def link_url(token: str, base: str | None = None) -> str:
    """The link as a beheerder passes it on: under `base` (TRACKER_BASE_URL) when given, else a path."""
    return (base or "").rstrip("/") + LINK_PATH + token


def link_account(tracker: Tracker, token: str) -> AccountView:
    """The account a one-time link is for, when the link still works."""
    link = account_store.link(tracker.engine, _digest(token)) if token and len(token) <= MAX_TOKEN else None
    if link is None:
        raise UnknownItem("Deze link om een wachtwoord in te stellen bestaat niet. Controleer of u de hele link "
                          "hebt overgenomen, of vraag een beheerder om een nieuwe.")
    if link.used_at is not None:
        raise Gone("Deze link is al gebruikt of vervangen door een nieuwere; een link werkt maar één keer. Vraag "
                   "een beheerder om een nieuwe link, of meld u aan met het wachtwoord dat u al instelde.")
    if link.expires_at <= tracker.now():
        raise Gone("Deze link is verlopen: een link is 72 uur geldig. Vraag een beheerder om een nieuwe link.")
    row = account_store.find(tracker.engine, link.account)
    if row is None or not row.active:
        raise Gone("Het account van deze link is gedeactiveerd; er kan geen wachtwoord meer voor worden ingesteld.")
    return _view(row)


def _check_new(password: str, repeated: str) -> None:
    accounts.check_password(password)
    if password != repeated:
        raise InvalidValue("De twee nieuwe wachtwoorden zijn niet gelijk; typ het nieuwe wachtwoord twee keer.",
                           errors={"repeated": ["Niet gelijk aan het nieuwe wachtwoord."]})


def set_password_by_link(tracker: Tracker, token: str, password: str, repeated: str) -> str:
    """Set the password through a one-time link, which then stops working; returns the account's name. Like any
    new password it ends every session and token of the account and lifts a lockout."""
    target = link_account(tracker, token)
    _check_new(password, repeated)
    if not account_store.use_link(tracker.engine, _digest(token), tracker.now()):
        raise Gone("Deze link is zojuist al gebruikt; een link werkt maar één keer.")
    accounts.set_password(tracker, target.name, password)
    return target.name


def change_own_password(tracker: Tracker, by: Actor, current: str, password: str, repeated: str,
                        address: str = "onbekend") -> None:
    """A signed-in user's new password, after the current one. A wrong current password counts as a failed
    sign-in, so this form cannot be used to guess it faster than the sign-in page."""
    since = tracker.now() - accounts.THROTTLE_WINDOW
    if account_store.failures_since(tracker.engine, since, name=by.name) >= accounts.MAX_FAILURES_PER_ACCOUNT:
        raise TooManyAttempts("Te veel mislukte pogingen voor dit account. Probeer het over een kwartier opnieuw.")
    row = account_store.find(tracker.engine, by.name)
    if row is None or not row.password_hash or not check_password_hash(row.password_hash, current or ""):
        account_store.add_failure(tracker.engine, by.name, (address or "onbekend")[:64], tracker.now())
        raise InvalidValue("Het huidige wachtwoord klopt niet.", errors={"current": ["Klopt niet."]})
    _check_new(password, repeated)
    if password == current:
        raise InvalidValue("Het nieuwe wachtwoord is gelijk aan het huidige; kies een ander wachtwoord.",
                           errors={"password": ["Gelijk aan het huidige."]})
    accounts.set_password(tracker, by.name, password)
