"""What the Bestuursraad's pack flags as of a peildatum: the critical paths of the items at risk, and the overdue
items with their owners. Both come from one read of that day's whole dependency graph (as the dashboard counts
them), so the pack's lists agree with the dashboard's counts and the item list's filters."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

from tracker.domain import timing
from tracker.domain.graph import DependencyGraph
from tracker.domain.workflow import OWNER_FIELD
from tracker.storage.history_store import Then

from . import accounts, as_of
from .context import Tracker

MAX_PATHS = 30  # a board reads the worst first; the rest is counted and one filter away in the item list
MAX_OVERDUE = 60


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    via: str | None  # how the step before depends on this one: "vereist" or "onderdeel"
    forecast: date | None
    state: str  # Dutch label


@dataclass(frozen=True)
class PathAtRisk:
    """An item at risk and the chain of items that sets its forecast, itself first."""

    key: str
    title: str
    topic: str
    kind: str  # Dutch label of its kind
    deadline: date | None
    forecast: date | None
    expired: bool  # its forecast date has passed while it is still open
    owner: str | None
    steps: list[Step]


@dataclass(frozen=True)
class OverdueItem:
    key: str
    title: str
    topic: str
    kind: str
    state: str
    deadline: date
    days: int  # past its deadline on the peildatum
    owner: str | None


@dataclass(frozen=True)
class Flags:
    paths: list[PathAtRisk]
    paths_total: int
    at_risk: int  # every item at risk, also those shown inside another item's path
    overdue: list[OverdueItem]
    overdue_total: int


def flags(tracker: Tracker, day: date, order: list[str]) -> Flags:
    """The flags as of `day`; `order` lists the topics in the order the pack shows them."""
    registry = tracker.registry
    with tracker.read() as connection:
        graph, found = as_of.whole_graph(connection, day)
        risky = [k for k, then in found.items() if _at_risk(graph, then, day)]
        late = [k for k, then in found.items() if timing.passed(then.done, then.deadline, day)]
        paths = {key: graph.critical_path(key) for key in risky}
        # An item at risk that lies on another one's path is shown there, as a step of the chain it delays.
        inside = {step.key for path in paths.values() for step in path[1:]}
        rank = {topic: i for i, topic in enumerate(order)}
        shown = sorted((k for k in risky if k not in inside), key=lambda k: _place(found[k], rank))
        late.sort(key=lambda k: (found[k].deadline or date.max, _place(found[k], rank)))
        owners = _owners(connection, registry, shown[:MAX_PATHS] + late[:MAX_OVERDUE], day)
    names = accounts.display_names(tracker) if owners else {}

    def owner(key: str) -> str | None:
        named = owners.get(key)
        return names.get(named, named) if named else None

    def topic(then: Then) -> str:
        return found[then.topic].title if then.topic in found else then.topic

    def state(then: Then) -> str:
        return registry(then.kind).state_label(then.state)

    path_list = []
    for key in shown[:MAX_PATHS]:
        then = found[key]
        steps = [Step(s.key, found[s.key].title, s.via, s.forecast, state(found[s.key])) for s in paths[key]]
        forecast = graph.forecast.get(key)
        path_list.append(PathAtRisk(key, then.title, topic(then), registry(then.kind).label, then.deadline, forecast,
                                    timing.passed(then.done, forecast, day), owner(key), steps))
    overdue = []
    for key in late[:MAX_OVERDUE]:
        then = found[key]
        deadline = cast(date, then.deadline)  # overdue: it has one
        overdue.append(OverdueItem(key, then.title, topic(then), registry(then.kind).label, state(then), deadline,
                                   (day - deadline).days, owner(key)))
    return Flags(path_list, len(shown), len(risky), overdue, len(late))


def _at_risk(graph: DependencyGraph, then: Then, day: date) -> bool:
    """At risk as the dashboard counts it: the forecast passes the deadline, or has passed while still open."""
    return graph.at_risk(then.key) or timing.passed(then.done, graph.forecast.get(then.key), day)


def _place(then: Then, rank: dict[str, int]) -> tuple:
    return rank.get(then.topic, len(rank)), then.deadline or date.max, then.title


def _owners(connection, registry, keys: list[str], day: date) -> dict[str, str]:
    """Each item's owner as it stood on `day` (from its own events: an owner may change)."""
    if not keys:
        return {}
    items = as_of.folded(connection, registry, keys, day)
    return {key: str(p.item.attributes[OWNER_FIELD]) for key, p in items.items()
            if p.item.attributes.get(OWNER_FIELD)}
