"""Webhook subscribers, registered by a beheerder: where signed messages about new events go, and which event types
each receives. The secret that signs them (Standard Webhooks: `whsec_` + base64) is shown once, when it is made.
Delivery itself is tracker.services.webhook_delivery, in a process of its own."""
from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from tracker.domain.access import Actor
from tracker.domain.errors import InvalidValue, NotAllowed, NotFound, UnknownEventType
from tracker.domain.roles import BEHEERDER
from tracker.domain.workflow import CREATED, Registry
from tracker.storage import event_store, webhook_store
from tracker.storage.webhook_store import ALL, Subscriber

from .context import Tracker

SECRET_PREFIX = "whsec_"  # nosec B105 - the prefix every Standard Webhooks secret carries, not a secret
SECRET_BYTES = 32
SECRET_RANGE = (24, 64)  # what the Standard Webhooks specification allows, in bytes
MAX_URL = 2000
SCHEMES = ("http", "https")
COMMAND_LINE = "opdrachtregel"  # who registered a subscriber from the command line (a trusted local caller)


@dataclass(frozen=True)
class Registered:
    subscriber: Subscriber
    secret: str  # shown once
    generated: bool  # made here rather than given


def status(subscriber: Subscriber) -> str:
    """'faalt' after too many failed attempts in a row (still retried), else 'actief'."""
    return "faalt" if subscriber.failing_since is not None else "actief"


def event_types(registry: Registry) -> list[str]:
    """Every event type the workflow definitions know, creation included."""
    known = {CREATED}
    for workflow in registry:
        known.update(workflow.event_types)
    return sorted(known)


def _require_beheerder(by: Actor | None) -> None:
    if by is not None and by.role != BEHEERDER:
        raise NotAllowed(f"Alleen een beheerder beheert webhooks; u bent aangemeld met de rol {by.role}.")


def checked_url(url: str) -> str:
    text = (url or "").strip()
    shown = text if len(text) <= 80 else text[:80] + "…"
    allowed = "alleen een http- of https-adres met een hostnaam, bijvoorbeeld https://ontvanger.mindef.nl/webhook"
    if not text:
        raise InvalidValue(f"Geef de URL van de ontvanger: {allowed}.", errors={"url": ["Verplicht."]})
    if len(text) > MAX_URL:
        raise InvalidValue(f"De URL is langer dan {MAX_URL} tekens; {allowed}.", errors={"url": ["Te lang."]})
    if any(ord(c) < 33 or ord(c) == 127 for c in text):
        raise InvalidValue(f"De URL '{shown.encode('unicode_escape').decode()}' bevat spaties of stuurtekens; "
                           f"{allowed}.", errors={"url": ["Ongeldige tekens."]})
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  (raises on a port that is no number)
    except ValueError:
        raise InvalidValue(f"'{shown}' is geen geldige URL; {allowed}.", errors={"url": ["Geen geldige URL."]}) \
            from None
    if parts.scheme.lower() not in SCHEMES:
        what = f"het schema '{parts.scheme}:'" if parts.scheme else "geen schema"
        raise InvalidValue(f"De URL '{shown}' heeft {what}; toegestaan is {allowed}.",
                           errors={"url": ["Alleen http of https."]})
    if not parts.hostname:
        raise InvalidValue(f"De URL '{shown}' noemt geen host; toegestaan is {allowed}.",
                           errors={"url": ["Geen host."]})
    return text


def checked_types(registry: Registry, names: Iterable[str] | None) -> list[str]:
    """The event types asked for, known ones only; none or `*`: every type."""
    wanted = list(dict.fromkeys(n.strip() for n in (names or ()) if n and n.strip()))
    if not wanted or ALL in wanted:
        return [ALL]
    known = set(event_types(registry))
    unknown = [name for name in wanted if name not in known]
    if unknown:
        shown = ", ".join(f"'{name[:60]}'" for name in unknown[:5])
        raise UnknownEventType(f"Onbekend gebeurtenistype {shown}; kies uit: {', '.join(sorted(known))}, of '*' "
                               "voor alle.", errors={"events": [f"Onbekend: {name[:60]}" for name in unknown[:5]]})
    return sorted(wanted)


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def checked_secret(secret: str) -> str:
    text = secret.strip()
    low, high = SECRET_RANGE
    problem = (f"Het geheim moet de vorm {SECRET_PREFIX}<base64> hebben, met {low} tot {high} bytes na het "
               "decoderen (laat het weg en het volgsysteem maakt er een).")
    if not text.startswith(SECRET_PREFIX) or len(text) > 200:
        raise InvalidValue(problem, errors={"secret": ["Ongeldig geheim."]})
    try:
        size = len(base64.b64decode(text[len(SECRET_PREFIX):], validate=True))
    except (binascii.Error, ValueError):
        raise InvalidValue(problem, errors={"secret": ["Geen geldige base64."]}) from None
    if not low <= size <= high:
        raise InvalidValue(problem, errors={"secret": [f"{size} bytes."]})
    return text


def register(tracker: Tracker, url: str, types: Iterable[str] | None = None, secret: str | None = None,
             by: Actor | None = None) -> Registered:
    """Add a subscriber. It receives the events recorded after this moment (the head of the log is read under the
    writers' lock, so no event falls between)."""
    _require_beheerder(by)
    url = checked_url(url)
    names = checked_types(tracker.registry, types)
    given = secret is not None and secret.strip() != ""
    secret = checked_secret(secret or "") if given else new_secret()
    with tracker.write() as connection:
        head = event_store.head(connection)[0]
        new_id = webhook_store.add(connection, url, secret, names, by.name if by else COMMAND_LINE, tracker.now(),
                                   head)
    return Registered(webhook_store.listing(tracker.engine, new_id)[0], secret, not given)


def overview(tracker: Tracker, by: Actor | None = None) -> list[Subscriber]:
    _require_beheerder(by)
    return webhook_store.listing(tracker.engine)


def get(tracker: Tracker, subscriber: int, by: Actor | None = None) -> Subscriber:
    _require_beheerder(by)
    found = webhook_store.listing(tracker.engine, subscriber)
    if not found:
        raise _unknown(subscriber)
    return found[0]


def remove(tracker: Tracker, subscriber: int, by: Actor | None = None) -> None:
    """Stop sending to a subscriber. What it received stays recorded; what waited for it is not sent."""
    _require_beheerder(by)
    if not webhook_store.remove(tracker.engine, subscriber, tracker.now()):
        raise _unknown(subscriber)


def _unknown(subscriber: int) -> NotFound:
    return NotFound(f"Webhook-abonnee {subscriber} bestaat niet of is al verwijderd; 'tracker webhook list' of "
                    "GET /api/v1/webhooks toont de abonnees.")
