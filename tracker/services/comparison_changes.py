"""What changed per item between two peildata: state, forecast, overdue and at risk, from every item and the
dependency graph as they stood on each date (one read per date, see as_of.whole_graph)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from tracker.domain import timing
from tracker.domain.graph import DependencyGraph
from tracker.domain.workflow import Registry
from tracker.storage.history_store import Then

from . import as_of


@dataclass(frozen=True)
class Stand:
    """Every item and the dependency graph at the end of `day`."""

    day: date
    graph: DependencyGraph
    items: dict[str, Then]

    @classmethod
    def read(cls, connection: Connection, day: date) -> Stand:
        graph, items = as_of.whole_graph(connection, day)
        return cls(day, graph, items)

    def forecast(self, key: str) -> date | None:
        return self.graph.forecast.get(key)

    def overdue(self, key: str) -> bool:
        then = self.items[key]
        return timing.passed(then.done, then.deadline, self.day)

    def at_risk(self, key: str) -> bool:
        """As the dashboard counts it: the forecast passes the deadline, or has passed while still open."""
        then = self.items[key]
        return self.graph.at_risk(key) or timing.passed(then.done, self.forecast(key), self.day)

    def topics(self) -> list[Then]:
        return sorted((t for t in self.items.values() if t.kind == "thema"), key=lambda t: t.created_seq)


@dataclass(frozen=True)
class ItemDiff:
    """One item at both dates (`before` None: it did not exist yet at the first)."""

    before: Then | None
    after: Then

    @property
    def state_changed(self) -> bool:
        return self.before is None or self.before.state != self.after.state

    @property
    def became_done(self) -> bool:
        return self.after.done and (self.before is None or not self.before.done)


def diffs(van: Stand, tot: Stand, topic: str) -> list[ItemDiff]:
    """The items of `topic` at `tot` (the topic itself left out), in the order they were created."""
    found = sorted((t for t in tot.items.values() if t.topic == topic and t.key != topic),
                   key=lambda t: t.created_seq)
    return [ItemDiff(van.items.get(t.key), t) for t in found]


def slips(van: Stand, tot: Stand, keys: Iterable[str]) -> list[tuple[str, date, date, int]]:
    """(key, forecast at van, forecast at tot, days later) of the items still open at `tot` whose forecast moved
    later, the largest slip first."""
    found = []
    for key in keys:
        if key not in van.items or tot.items[key].done:
            continue
        before, after = van.forecast(key), tot.forecast(key)
        if before is not None and after is not None and after > before:
            found.append((key, before, after, (after - before).days))
    return sorted(found, key=lambda s: -s[3])


def newly(van: Stand, tot: Stand, keys: Iterable[str], flag: str) -> list[str]:
    """The keys flagged (`overdue` or `at_risk`) at `tot` that were not so at `van` (or did not exist yet)."""
    check_van, check_tot = getattr(van, flag), getattr(tot, flag)
    return [k for k in keys if check_tot(k) and not (k in van.items and check_van(k))]


def state_label(registry: Registry, then: Then | None) -> str | None:
    if then is None:
        return None
    return registry(then.kind).state_label(then.state) if then.kind in registry else then.state
