"""A user's notifications: items unblocked, claims sent back, deadlines passed — within the user's scope."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

from tracker.domain.access import Actor
from tracker.storage import event_store, projection_store

from .context import Tracker

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
                                          message + (f" Toelichting: {reason}" if reason else "")))
        for key, node in graph.nodes.items():
            if node.done or not mine(key):
                continue
            if node.deadline is not None and node.deadline < today:
                found.append(Notification("deadline", key, "", node.deadline,
                                          f"De deadline ({node.deadline.isoformat()}) is verstreken."))
            elif graph.at_risk(key):
                forecast, deadline = cast(date, graph.forecast[key]), cast(date, node.deadline)  # set when at risk
                found.append(Notification("risico", key, "", today,
                                          f"De prognose ({forecast.isoformat()}) ligt na de deadline "
                                          f"({deadline.isoformat()})."))
        found.sort(key=lambda n: n.on, reverse=True)
        found = found[:limit]
        titles = {p.item.key: p.item.title
                  for p in (projection_store.get(connection, k) for k in {n.item for n in found}) if p}
    return [Notification(n.kind, n.item, titles.get(n.item, n.item), n.on, n.message) for n in found]
