"""Live updates: every new event, in sequence order, as Server-Sent Events, as far as the reader's scope reaches.

A stream starts after the last event the client saw (the `Last-Event-ID` header a reconnecting EventSource sends,
or `after=` for clients that cannot set headers), else at the head of the log: only what is new. It reads the log
forward a page at a time (never the whole log), waits for a newer head in between (`listener.wait_for_head`:
LISTEN/NOTIFY on PostgreSQL, polling on SQLite), sends a `: ping` comment when it has been quiet for a while so
proxies and clients know it is alive, and ends after a bounded time so that no worker thread is held for good:
the client reconnects with the last id it received and misses nothing.

The API (/api/v1/events/stream, bearer token) and the pages (/live, session) serve the same generator.
"""
from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import orjson
from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from tracker.domain.access import Actor
from tracker.domain.decisions import ancestry
from tracker.domain.errors import BadRequest, ConfigurationError, InvalidValue
from tracker.domain.events import StoredEvent
from tracker.domain.projection import SYSTEM_ACTOR, Projected
from tracker.domain.roles import BEHEERDER
from tracker.domain.workflow import Registry
from tracker.storage import feed_store, projection_store

from . import accounts, listener, queries
from .context import Tracker

MEDIA_TYPE = "text/event-stream"
# No shared cache may keep a stream, and no proxy may hold its events back (nginx reads X-Accel-Buffering).
HEADERS = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
EVENT = "gebeurtenis"  # the SSE event name of every message: one listener on the client hears them all
PAGE = 200  # events read per statement
SEQ = re.compile(r"[0-9]{1,18}")  # ASCII digits only: int() also takes '١٢' and '1_0'
HIDDEN = ("idempotency_key", "idempotency_account")  # about the writer's request, not about what happened
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    seconds: float = 300.0  # one response lasts at most this long; then the client reconnects
    heartbeat: float = 15.0  # a `: ping` after this long without a message
    retry_ms: int = 3000  # how long a client waits before it reconnects

    @classmethod
    def of(cls, config: Mapping) -> Settings:
        """From the app's configuration: TRACKER_STREAM_SECONDS and TRACKER_STREAM_HEARTBEAT_SECONDS."""
        values = []
        for name, default, low, high in (("STREAM_SECONDS", cls.seconds, 0, 3600),
                                         ("STREAM_HEARTBEAT_SECONDS", cls.heartbeat, 0.05, 300)):
            value = config.get(name, default)
            if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
                raise ConfigurationError(f"{name} moet een aantal seconden zijn van {low} tot en met {high} (nu: "
                                         f"{str(value)[:40]!r}), bijvoorbeeld {default:g}.")
            values.append(float(value))
        return cls(values[0], values[1])


def start_after(tracker: Tracker, last_event_id: str | None, after: str | None) -> int:
    """The sequence number a stream starts after: the header's, else the query's, else the head of the log.
    A number that is no sequence number, or one past the head (a log the client cannot have seen), is refused."""
    name, value = ("Last-Event-ID", last_event_id) if (last_event_id or "").strip() else ("after", after)
    head = queries.head_seq(tracker)
    if value is None or not value.strip():
        return head
    text = value.strip()
    if not SEQ.fullmatch(text):
        raise BadRequest(f"{name} '{value[:20]}' is geen volgnummer van een gebeurtenis: verwacht 1 tot 18 cijfers "
                         "0-9, het id van de laatst ontvangen gebeurtenis (of laat het weg voor alleen nieuwe).",
                         errors={name: ["Geen volgnummer."]})
    seq = int(text)
    if seq > head:
        raise InvalidValue(f"{name} {seq} ligt na de laatste gebeurtenis ({head}): die kan niet ontvangen zijn. "
                           f"Geef een volgnummer van 0 tot en met {head}, of laat het weg voor alleen nieuwe.",
                           errors={name: [f"Hoogstens {head}."]})
    return seq


class Reach:
    """Which items an account follows: every item, or with a scope (a beheerder aside) only the scope itself and
    what lies under it. An item's parent never changes, so each answer is kept for the stream's life."""

    MAX_KNOWN = 10_000

    def __init__(self, actor: Actor):
        self.actor = actor
        self.scope = actor.scope if actor.role != BEHEERDER else None
        self._known: dict[str, bool] = {}

    def sees(self, connection: Connection, key: str) -> bool:
        if self.scope is None:
            return True
        if key not in self._known:
            if len(self._known) >= self.MAX_KNOWN:
                self._known.clear()
            self._known[key] = self.scope in ancestry(key, projection_store.StoreRows(connection), None)
        return self._known[key]


def record(event: StoredEvent, projected: Projected | None, state: str | None, registry: Registry,
           names: Mapping[str, str]) -> dict:
    """An event as the API serves it, with what a reader wants beside it: the item's title, parent and topic,
    the event's Dutch label, who did it by display name, and the item's state just after it."""
    body = {k: v for k, v in event.as_dict().items() if k not in HIDDEN}
    item = projected.item if projected is not None else None
    workflow = registry(item.kind) if item is not None and item.kind in registry else None
    state = state or (item.state if item is not None else None)
    body.update(
        title=item.title if item else event.item, kind=item.kind if item else None,
        parent=item.parent if item else None, topic=projected.topic if projected else None,
        label=workflow.event_label(event.type) if workflow else event.type.replace("_", " "),
        actor_name=names.get(event.actor, event.actor),
        state=state, state_label=workflow.state_label(state) if workflow and state else state,
    )
    return body


def message(body: dict) -> str:
    """One SSE message; JSON escapes line breaks, so `data:` is one line."""
    return f"id: {body['seq']}\nevent: {EVENT}\ndata: {orjson.dumps(body).decode()}\n\n"


def _page(tracker: Tracker, reach: Reach, after: int) -> tuple[list[dict], int, bool]:
    """The visible events of the next page after `after`, the last sequence number read, and whether the page was
    full (more may follow at once)."""
    with tracker.read() as connection:
        found = feed_store.after(connection, after, PAGE)
        if not found:
            return [], after, False
        visible = [e for e in found if reach.sees(connection, e.item)]
        rows = {key: projection_store.get(connection, key) for key in {e.item for e in visible}}
        states = [feed_store.state_at(connection, e.item, e.seq) for e in visible]
    names = {**accounts.display_names(tracker), SYSTEM_ACTOR: "het volgsysteem"} if visible else {}
    bodies = [record(e, rows[e.item], state, tracker.registry, names) for e, state in zip(visible, states, strict=True)]
    return bodies, found[-1].seq, len(found) == PAGE


def events(tracker: Tracker, actor: Actor, after: int, settings: Settings,
           recheck: Callable[[], Actor | None] | None = None,
           clock: Callable[[], float] = time.monotonic) -> Iterator[str]:
    """The stream's text: a retry hint, then every visible event after `after` as it comes, pings when quiet,
    until `settings.seconds` have passed (or the database fails: the client then reconnects).

    `recheck` reads the account again (None: signed out, revoked, deactivated), at most once per heartbeat: an
    ended session or token ends its streams within that time, and a changed scope applies from then on."""
    end = clock() + settings.seconds
    reach = Reach(actor)
    yield f"retry: {settings.retry_ms}\n\n"
    spoke = checked = clock()
    try:
        while True:
            bodies, after, full = _page(tracker, reach, after)
            for body in bodies:
                yield message(body)
            now = clock()
            if bodies:
                spoke = now
            if now >= end:
                return
            if recheck is not None and now - checked >= settings.heartbeat:
                checked, current = now, recheck()
                if current is None:
                    return
                if current != reach.actor:
                    reach = Reach(current)
            if full:
                continue
            if now - spoke >= settings.heartbeat:
                yield ": ping\n\n"
                spoke = now
            listener.wait_for_head(tracker, after, min(end - now, settings.heartbeat - (now - spoke)))
    except SQLAlchemyError as error:
        log.warning("Live-stroom beëindigd: de database antwoordde niet (%s).", type(error).__name__)
