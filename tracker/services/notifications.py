"""A user's notifications: items unblocked, claims sent back, deadlines passed — within the user's scope.

Notifications are computed from the log; each has a stable identity (the event, or the item with the dates that
made it one), under which a user marks it as read. A deadline moved or a forecast changed is a new notification."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import cast

from tracker.domain.access import Actor
from tracker.domain.errors import InvalidValue
from tracker.storage import event_store, notification_store, projection_store

from . import dutch
from .context import Tracker

MAX_MARKED = 100  # identities in one request: a page shows at most `limit` notifications

EVENTS = {
    "gedeblokkeerd": ("gedeblokkeerd", "Alle vereiste items zijn gereed: dit item kan verder."),
    "teruggestuurd": ("teruggestuurd", "De opvolging is teruggestuurd door de Algemene Rekenkamer."),
    "afgewezen": ("teruggestuurd", "De vervulling van deze voorwaarde is afgewezen door de CIO."),
}


@dataclass(frozen=True)
class Notification:
    kind: str  # gedeblokkeerd | teruggestuurd | deadline | risico
    item: str
    title: str
    on: date
    message: str
    id: str = ""  # stable identity: what a read mark names
    read: bool = False


def _ancestry(graph, key: str) -> list[str]:
    chain = [key]
    while chain[-1] in graph and graph.node(chain[-1]).parent is not None and len(chain) < 50:
        chain.append(graph.node(chain[-1]).parent)
    return chain


def for_actor(tracker: Tracker, actor: Actor, today: date | None = None, limit: int = 100) -> list[Notification]:
    today = today or tracker.today()
    with tracker.graphs.lock, tracker.read() as connection:
        graph = tracker.graphs.current(connection, event_store.head(connection)[0])

        def mine(key: str) -> bool:
            return actor.scope is None or key in graph and actor.scope in _ancestry(graph, key)

        found: list[Notification] = []
        for event in event_store.of_types(connection, list(EVENTS)):
            if mine(event.item):
                kind, message = EVENTS[event.type]
                reason = event.data.get("toelichting")
                found.append(Notification(kind, event.item, "", event.occurred_on,
                                          message + (f" Toelichting: {reason}" if reason else ""),
                                          f"gebeurtenis:{event.seq}"))
        for key, node in graph.nodes.items():
            if node.done or not mine(key):
                continue
            if node.deadline is not None and node.deadline < today:
                found.append(Notification("deadline", key, "", node.deadline,
                                          f"De deadline ({dutch.long_date(node.deadline)}) is verstreken.",
                                          f"deadline:{key}:{node.deadline.isoformat()}"))
            elif graph.at_risk(key):
                forecast, deadline = cast(date, graph.forecast[key]), cast(date, node.deadline)  # set when at risk
                found.append(Notification("risico", key, "", today,
                                          f"De prognose ({dutch.long_date(forecast)}) ligt na de deadline "
                                          f"({dutch.long_date(deadline)}).",
                                          f"risico:{key}:{forecast.isoformat()}:{deadline.isoformat()}"))
        found.sort(key=lambda n: n.on, reverse=True)
        found = found[:limit]
        titles = {p.item.key: p.item.title
                  for p in (projection_store.get(connection, k) for k in {n.item for n in found}) if p}
    read = notification_store.read_by(tracker.engine, actor.name)
    return [replace(n, title=titles.get(n.item, n.item), read=n.id in read) for n in found]


def unread(tracker: Tracker, actor: Actor, ids: list[str]) -> int:
    """How many of these notifications (the actor's current ones) the actor has not marked as read."""
    return len(set(ids) - notification_store.read_by(tracker.engine, actor.name)) if ids else 0


def mark_read(tracker: Tracker, actor: Actor, ids: list[str] | None) -> int:
    """Mark the actor's notifications with these identities as read (None: all of them); returns how many were
    unread. An identity that is not one of the actor's current notifications is refused, and nothing is marked."""
    current = {n.id for n in for_actor(tracker, actor)}
    wanted = current if ids is None else set(ids)
    if len(wanted) > MAX_MARKED and ids is not None:
        raise InvalidValue(f"U markeerde {len(wanted)} meldingen tegelijk; hoogstens {MAX_MARKED}.",
                           errors={"melding": [f"Hoogstens {MAX_MARKED}."]})
    unknown = sorted(wanted - current)
    if unknown:
        raise InvalidValue(f"Melding '{unknown[0][:80]}' is geen van uw huidige meldingen; laad de pagina Meldingen "
                           "opnieuw en kies een melding uit de lijst.", errors={"melding": ["Onbekende melding."]})
    return notification_store.mark(tracker.engine, actor.name, wanted, tracker.now())
