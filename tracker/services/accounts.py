"""Accounts, passwords and API tokens. No default credentials exist: every account is created here."""
from __future__ import annotations

import functools
import hashlib
import re
import secrets
from datetime import timedelta

from werkzeug.security import check_password_hash, generate_password_hash

from tracker.domain.access import Actor
from tracker.domain.errors import DuplicateItem, InvalidValue, NotAuthenticated, TooManyAttempts, UnknownItem
from tracker.domain.roles import BEHEERDER, EIGENAAR, ROLES
from tracker.storage import account_store, announcements, projection_store
from tracker.storage.schema import AccountRow

from .context import Tracker

# Reviewed (B105): not a password: a documented development default refused in production, or a token prefix.
TOKEN_PREFIX = "tvd_"  # nosec B105
MIN_PASSWORD = 12
MAX_PASSWORD = 200  # the sign-in form refuses longer ones too
MAX_NAME = 100
MAX_EMAIL = 320
# One address, no display name: a local part and a domain with a dot, nothing that could start a new header.
EMAIL = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\".]+")


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(tracker: Tracker, name: str, role: str, scope: str | None = None,
           display_name: str | None = None, email: str | None = None) -> Actor:
    name = (name or "").strip()
    shown = checked_display_name(display_name)
    address = checked_email(email)
    if not name or len(name) > MAX_NAME:
        raise InvalidValue(f"De accountnaam is {len(name)} tekens lang; geef een naam van 1 tot {MAX_NAME} tekens.",
                           errors={"name": ["Ongeldige naam."]})
    if "\x00" in name or not name.isprintable():
        raise InvalidValue("De accountnaam bevat een ongeldig teken; gebruik zichtbare tekens.",
                           errors={"name": ["Ongeldig teken."]})
    check_role_and_scope(tracker, role, scope)
    if account_store.find(tracker.engine, name) is not None:
        raise DuplicateItem(f"Account {name} bestaat al.")
    account_store.add(tracker.engine, AccountRow(name=name, role=role, scope=scope or None, display_name=shown,
                                                 email=address, active=True, created_at=tracker.now()))
    return Actor(name, role, scope or None)


def check_role_and_scope(tracker: Tracker, role: str, scope: str | None) -> None:
    """A known role; an eigenaar needs a scope, and a scope is a topic or item that exists."""
    if role not in ROLES:
        raise InvalidValue(f"Onbekende rol '{role}'; kies uit: {', '.join(ROLES)}.", errors={"role": ["Onbekend."]})
    if role == EIGENAAR and not scope:
        raise InvalidValue("Een eigenaar heeft een bereik nodig: een thema of item waarbinnen het account werkt.",
                           errors={"scope": ["Verplicht voor een eigenaar."]})
    if scope:
        with tracker.read() as connection:
            if projection_store.get(connection, scope) is None:
                raise InvalidValue(f"Bereik {scope} bestaat niet als thema of item; geef de sleutel van een "
                                   "thema (bijvoorbeeld onvolkomenheden) of item (bijvoorbeeld munitiebeheer).",
                                   errors={"scope": ["Geen thema of item."]})


def checked_display_name(display_name: str | None) -> str | None:
    """The display name as stored: trimmed, None when empty."""
    shown = (display_name or "").strip()
    if len(shown) > MAX_NAME:
        raise InvalidValue(f"De weergavenaam is {len(shown)} tekens lang; hoogstens {MAX_NAME} tekens.",
                           errors={"display_name": [f"Hoogstens {MAX_NAME} tekens."]})
    if shown and not shown.isprintable():
        raise InvalidValue("De weergavenaam bevat een ongeldig teken; gebruik zichtbare tekens.",
                           errors={"display_name": ["Ongeldig teken."]})
    return shown or None


def checked_email(email: str | None) -> str | None:
    """The e-mail address as stored: trimmed, None when empty; refused when it is not one plain address."""
    address = (email or "").strip()
    if not address:
        return None
    if len(address) > MAX_EMAIL or not address.isprintable() or not EMAIL.fullmatch(address):
        raise InvalidValue(f"'{address[:60]}' is geen geldig e-mailadres; geef één adres zoals "
                           f"naam@mindef.nl (hoogstens {MAX_EMAIL} tekens, zonder spaties of naam erbij).",
                           errors={"email": ["Geen geldig e-mailadres."]})
    return address


def set_email(tracker: Tracker, name: str, email: str | None) -> str | None:
    """Give the account an e-mail address for reminders (empty: none); returns the address as stored."""
    address = checked_email(email)
    if not account_store.update(tracker.engine, name, email=address):
        raise UnknownItem(f"Account {name} bestaat niet.")
    return address


def display_names(tracker: Tracker) -> dict[str, str]:
    """Account name -> display name, for the accounts that have one (histories show these)."""
    return account_store.display_names(tracker.engine)


def bootstrap(tracker: Tracker, name: str = "beheerder") -> str | None:
    """A local administrator with a random password, returned once; None when the account exists."""
    if get(tracker, name) is not None:
        return None
    password = secrets.token_urlsafe(15)
    create(tracker, name, BEHEERDER)
    set_password(tracker, name, password)
    return password


def set_password(tracker: Tracker, name: str, password: str) -> None:
    """A new password ends every session, token and unused one-time link of the account, and lifts a lockout."""
    check_password(password)
    if not account_store.update(tracker.engine, name, password_hash=generate_password_hash(password)):
        raise UnknownItem(f"Account {name} bestaat niet.")
    _end_everything(tracker, name)
    account_store.clear_failures(tracker.engine, name)


def check_password(password: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidValue(f"Het wachtwoord is {len(password)} tekens lang; een wachtwoord heeft {MIN_PASSWORD} tot "
                           f"{MAX_PASSWORD} tekens.",
                           errors={"password": [f"{MIN_PASSWORD} tot {MAX_PASSWORD} tekens."]})
    if "\x00" in password:
        raise InvalidValue("Het wachtwoord bevat een ongeldig teken (NUL).", errors={"password": ["Ongeldig teken."]})


def _end_everything(tracker: Tracker, name: str) -> int:
    account_store.next_generation(tracker.engine, name)
    account_store.end_links(tracker.engine, name, tracker.now())
    revoked = account_store.revoke_tokens(tracker.engine, name, tracker.now())
    announcements.account_changed(tracker.engine, name)
    return revoked


def sign_out(tracker: Tracker, name: str) -> None:
    """Signing out ends every web session of the account, on every worker and server."""
    account_store.next_generation(tracker.engine, name)
    announcements.account_changed(tracker.engine, name)


def deactivate(tracker: Tracker, name: str) -> None:
    """No sign-in, no token and no session of the account works any more."""
    if not account_store.update(tracker.engine, name, active=False):
        raise UnknownItem(f"Account {name} bestaat niet.")
    _end_everything(tracker, name)


def new_token(tracker: Tracker, name: str) -> str:
    """A new API token for the account. Only its hash is stored: show it once."""
    if account_store.find(tracker.engine, name) is None:
        raise UnknownItem(f"Account {name} bestaat niet.")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    account_store.add_token(tracker.engine, name, _hash_token(token), tracker.now())
    return token


def revoke(tracker: Tracker, name: str) -> int:
    """Revoke every token of the account and end its sessions; returns how many tokens."""
    if account_store.find(tracker.engine, name) is None:
        raise UnknownItem(f"Account {name} bestaat niet.")
    return _end_everything(tracker, name)


def by_token(tracker: Tracker, token: str) -> Actor:
    """The account behind an API token, read on every request: a revoked token or a deactivated account is
    refused at once, by every worker."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        raise NotAuthenticated("Ongeldig of ingetrokken token.")
    row = account_store.by_token_hash(tracker.engine, _hash_token(token))
    if row is None:
        raise NotAuthenticated("Ongeldig of ingetrokken token.")
    return Actor(row["name"], row["role"], row["scope"])


MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
THROTTLE_WINDOW = timedelta(minutes=15)


def by_password(tracker: Tracker, name: str, password: str, address: str = "onbekend") -> Actor:
    """Sign in. Five failures on an account in 15 minutes lock that account until the window passes or a
    beheerder sets a new password; twenty from one address refuse that address's further wrong attempts. A name
    that is no account counts only against the address, so invented names never lock a real account, and the
    right password of an account that is not locked is accepted from any address."""
    address = (address or "onbekend")[:64]
    name = (name or "")[:100]
    since = tracker.now() - THROTTLE_WINDOW
    row = account_store.find(tracker.engine, name)
    if row is not None and account_store.failures_since(tracker.engine, since, name=name) >= MAX_FAILURES_PER_ACCOUNT:
        raise TooManyAttempts("Te veel mislukte aanmeldpogingen voor dit account. Probeer het over een kwartier "
                              "opnieuw, of vraag een beheerder uw wachtwoord opnieuw in te stellen.")
    # Compare against a dummy hash when the account is unknown, so timing does not reveal it.
    stored = row.password_hash if row is not None and row.password_hash else _dummy_hash()
    valid = check_password_hash(stored, password or "")
    if row is not None and row.active and row.password_hash and valid:
        account_store.clear_failures(tracker.engine, name)
        return Actor(row.name, row.role, row.scope)
    from_here = account_store.failures_since(tracker.engine, since, address=address)
    account_store.add_failure(tracker.engine, name if row is not None else "", address, tracker.now())
    if from_here + 1 >= MAX_FAILURES_PER_ADDRESS:
        raise TooManyAttempts("Te veel mislukte aanmeldpogingen vanaf dit adres. Probeer het over een kwartier "
                              "opnieuw; met de juiste naam en het juiste wachtwoord kunt u zich wel aanmelden.")
    raise NotAuthenticated("Onbekende combinatie van naam en wachtwoord.")


def get(tracker: Tracker, name: str) -> Actor | None:
    """The active account of this name, or None."""
    row = account_store.active(tracker.engine, name)
    return Actor(row["name"], row["role"], row["scope"]) if row is not None else None


def in_session(tracker: Tracker, name: str, generation: int) -> Actor | None:
    """The account of a session cookie, if the account is active and the session not ended since."""
    row = account_store.active(tracker.engine, name)
    if row is None or row["session_generation"] != generation:
        return None
    return Actor(row["name"], row["role"], row["scope"])


def generation(tracker: Tracker, name: str) -> int:
    row = account_store.active(tracker.engine, name)
    return row["session_generation"] if row is not None else -1


@functools.cache
def _dummy_hash() -> str:
    return generate_password_hash("geen-account-" + secrets.token_hex(8))
