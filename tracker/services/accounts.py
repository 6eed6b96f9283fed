"""Accounts, passwords and API tokens. No default credentials exist: every account is created here."""
from __future__ import annotations

import functools
import hashlib
import secrets
import time

from datetime import timedelta

from sqlalchemy import delete, func, insert, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.domain.access import Actor
from tracker.domain.errors import DuplicateItem, InvalidValue, NotAuthenticated, TooManyAttempts, UnknownItem
from tracker.domain.roles import BEHEERDER, EIGENAAR, ROLES
from tracker.storage import projection_store
from tracker.storage.schema import accounts, sign_in_failures, tokens
from tracker.storage.sql import Sql

from .context import Tracker

# Reviewed (B105): not a password: a documented development default refused in production, or a token prefix.
TOKEN_PREFIX = "tvd_"  # nosec B105
MIN_PASSWORD = 12


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(tracker: Tracker, name: str, role: str, scope: str | None = None) -> Actor:
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise InvalidValue("Geef een accountnaam van 1 tot 100 tekens.", errors={"name": ["Ongeldige naam."]})
    if role not in ROLES:
        raise InvalidValue(f"Onbekende rol '{role}'; kies uit: {', '.join(ROLES)}.", errors={"role": ["Onbekend."]})
    if role == EIGENAAR and not scope:
        raise InvalidValue("Een eigenaar heeft een bereik nodig: --scope THEMA-of-ITEM.", errors={"scope": ["Verplicht."]})
    with tracker.write() as connection:
        if scope and projection_store.get(connection, scope) is None:
            raise UnknownItem(f"Bereik {scope} bestaat niet als thema of item.")
        if connection.execute(select(accounts.c.name).where(accounts.c.name == name)).first():
            raise DuplicateItem(f"Account {name} bestaat al.")
        connection.execute(insert(accounts).values(name=name, role=role, scope=scope or None,
                                                   active=True, created_at=tracker.now()))
    return Actor(name, role, scope or None)


def bootstrap(tracker: Tracker, name: str = "beheerder") -> str | None:
    """A local administrator with a random password, returned once; None when the account exists."""
    if get(tracker, name) is not None:
        return None
    password = secrets.token_urlsafe(15)
    create(tracker, name, BEHEERDER)
    set_password(tracker, name, password)
    return password


def set_password(tracker: Tracker, name: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidValue(f"Een wachtwoord heeft minstens {MIN_PASSWORD} tekens.",
                           errors={"password": ["Te kort."]})
    with tracker.write() as connection:
        done = connection.execute(update(accounts).where(accounts.c.name == name)
                                  .values(password_hash=generate_password_hash(password)))
        if done.rowcount == 0:
            raise UnknownItem(f"Account {name} bestaat niet.")


def new_token(tracker: Tracker, name: str) -> str:
    """A new API token for the account. Only its hash is stored: show it once."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with tracker.write() as connection:
        if not connection.execute(select(accounts.c.name).where(accounts.c.name == name)).first():
            raise UnknownItem(f"Account {name} bestaat niet.")
        connection.execute(insert(tokens).values(account=name, token_hash=_hash_token(token),
                                                 created_at=tracker.now()))
    return token


def revoke(tracker: Tracker, name: str) -> int:
    """Revoke every token of the account; returns how many (other processes notice within a second)."""
    tracker.read_cache.pop("tokens", None)
    with tracker.write() as connection:
        if not connection.execute(select(accounts.c.name).where(accounts.c.name == name)).first():
            raise UnknownItem(f"Account {name} bestaat niet.")
        done = connection.execute(update(tokens).where(tokens.c.account == name, tokens.c.revoked_at.is_(None))
                                  .values(revoked_at=tracker.now()))
    return done.rowcount


# Runs on every API request: plain SQL on the driver's cursor, one statement, no explicit transaction.
_BY_TOKEN = Sql("SELECT a.name, a.role, a.scope FROM api_tokens t JOIN accounts a ON a.name = t.account "
                "WHERE t.token_hash = :h AND t.revoked_at IS NULL AND a.active = :active")


def by_token(tracker: Tracker, token: str) -> Actor:
    """The account behind an API token. Valid answers are kept for SESSION_RECHECK_SECONDS, like signed-in
    pages: a revoked token stops working within that second, and a request costs one statement less."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        raise NotAuthenticated("Ongeldig of ingetrokken token.")
    digest = _hash_token(token)
    actor = _recently_checked(tracker, "tokens", digest, _BY_TOKEN, {"h": digest, "active": True})
    if actor is None:
        raise NotAuthenticated("Ongeldig of ingetrokken token.")
    return actor


def _recently_checked(tracker: Tracker, cache_name: str, key: str, query: Sql, params: dict) -> Actor | None:
    """The active account `query` finds, remembered for SESSION_RECHECK_SECONDS per worker: every request
    asks, and a deactivated account or revoked token has to stop working within that second."""
    cache = tracker.read_cache.setdefault(cache_name, {})
    known = cache.get(key)
    now = time.monotonic()
    if known is not None and now - known[0] < SESSION_RECHECK_SECONDS:
        return known[1]
    row = query.glance(tracker.engine, params)
    if row is None:
        cache.pop(key, None)
        return None
    if len(cache) > 10_000:
        cache.clear()
    actor = Actor(row["name"], row["role"], row["scope"])
    cache[key] = (now, actor)
    return actor


MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
THROTTLE_WINDOW = timedelta(minutes=15)


def by_password(tracker: Tracker, name: str, password: str, address: str = "onbekend") -> Actor:
    """Sign in; after too many failures (per account or per address) in 15 minutes, wait."""
    address = (address or "onbekend")[:64]
    name = (name or "")[:100]
    since = tracker.now() - THROTTLE_WINDOW
    with tracker.read() as connection:
        count = lambda column, value: connection.execute(  # noqa: E731
            select(func.count()).select_from(sign_in_failures)
            .where(column == value, sign_in_failures.c.failed_at >= since)).scalar_one()
        if count(sign_in_failures.c.name, name) >= MAX_FAILURES_PER_ACCOUNT or \
                count(sign_in_failures.c.address, address) >= MAX_FAILURES_PER_ADDRESS:
            raise TooManyAttempts("Te veel mislukte aanmeldpogingen. Probeer het over een kwartier opnieuw, "
                                  "of vraag een beheerder uw wachtwoord opnieuw in te stellen.")
        row = connection.execute(select(accounts).where(accounts.c.name == name)).first()
    # Compare against a dummy hash when the account is unknown, so timing does not reveal it.
    stored = row.password_hash if row is not None and row.password_hash else _dummy_hash()
    valid = check_password_hash(stored, password or "")
    if row is None or not row.active or not row.password_hash or not valid:
        with tracker.write() as connection:
            connection.execute(insert(sign_in_failures).values(name=name, address=address, failed_at=tracker.now()))
        raise NotAuthenticated("Onbekende combinatie van naam en wachtwoord.")
    with tracker.write() as connection:
        connection.execute(delete(sign_in_failures).where(sign_in_failures.c.name == name))
    return Actor(row.name, row.role, row.scope)


_ACTIVE = Sql("SELECT name, role, scope FROM accounts WHERE name = :name AND active = :active")


SESSION_RECHECK_SECONDS = 1.0


def get(tracker: Tracker, name: str) -> Actor | None:
    """The active account of this name (kept for a second, see _recently_checked), or None."""
    return _recently_checked(tracker, "accounts", name, _ACTIVE, {"name": name, "active": True})


@functools.cache
def _dummy_hash() -> str:
    return generate_password_hash("geen-account-" + secrets.token_hex(8))
