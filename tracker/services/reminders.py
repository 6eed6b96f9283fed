"""What each account is reminded of by e-mail, decided the way Mijn werk decides whose items are whose.

An owner (an eigenaar, whose scope holds the items): the open items in that scope that are overdue or whose
deadline falls within `due_days`. Anyone a transition marks as awaited (an auditor for claimed follow-ups, the CIO
for declared conditions and new projects; `awaited` in the definitions): the items in its scope that have waited in
that state longer than `wait_days`. Accounts with nothing to be told get no reminder.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tracker.domain import timing
from tracker.domain.projection import Projected
from tracker.domain.roles import EIGENAAR
from tracker.domain.workflow import Registry
from tracker.storage import account_store, event_store, projection_store, reminder_store
from tracker.storage.schema import AccountRow

from . import dutch
from .context import Tracker

DUE_DAYS = 14
WAIT_DAYS = 10
MAX_DAYS = 366


@dataclass(frozen=True)
class Entry:
    key: str
    title: str
    why: str  # e.g. "achterstallig: uiterlijk 31 december 2025"


@dataclass(frozen=True)
class Part:
    kind: str  # achterstallig | binnenkort | wacht
    title: str
    entries: list[Entry]


@dataclass(frozen=True)
class Digest:
    """Everything one account is reminded of on one day."""

    account: str
    name: str  # how the message addresses the person: the display name, else the account name
    email: str | None
    parts: list[Part]

    @property
    def keys(self) -> list[str]:
        return [e.key for part in self.parts for e in part.entries]


def reminded_roles(registry: Registry) -> set[str]:
    """The roles that can receive reminders: owners, and every role some transition awaits."""
    return {EIGENAAR} | {role for workflow in registry for t in workflow.transitions if t.awaited for role in t.roles}


def digests(tracker: Tracker, today: date, due_days: int = DUE_DAYS, wait_days: int = WAIT_DAYS) -> list[Digest]:
    """One digest per active account that has something to be reminded of, by account name."""
    roles = reminded_roles(tracker.registry)
    people = [a for a in account_store.every(tracker.engine) if a.active and a.role in roles]
    found = []
    with tracker.graphs.lock, tracker.read() as connection:
        graph = tracker.graphs.current(connection, event_store.head(connection)[0])
        everything = projection_store.select_items(connection)
        named = {p.item.key: p.item for p in everything}
        open_items = [p for p in everything if _trackable(tracker.registry, p)]
        waiting = _waiting(tracker.registry, connection)
        since = reminder_store.in_state_since(connection, {p.item.key for *_, rows in waiting for p in rows})
        for person in people:
            scope = _within(graph, person.scope) if person.scope else None
            parts = []
            if person.role == EIGENAAR:
                parts += _due(open_items, scope, today, due_days)
            parts += _awaited(waiting, since, person, scope, today, wait_days)
            parts = [Part(part.kind, part.title, [_in_context(entry, named) for entry in part.entries])
                     for part in parts if part.entries]
            if parts:
                found.append(Digest(person.name, person.display_name or person.name, person.email, parts))
    return found


def _in_context(entry: Entry, named: dict) -> Entry:
    """A title with its parent's, unless the parent is a topic: many conditions are called "Actualiseer de business
    case", and the message must say of which project."""
    item = named.get(entry.key)
    parent = named.get(item.parent) if item is not None and item.parent else None
    if parent is None or parent.parent is None:
        return entry
    return Entry(entry.key, f"{entry.title} ({parent.title})", entry.why)


def _within(graph, key: str) -> set[str]:
    found, stack = {key}, [key]
    while stack:
        for child in graph.children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def _trackable(registry: Registry, p: Projected) -> bool:
    """Work that can be finished (as on Mijn werk): an open item of a kind that has done states."""
    return not p.done and bool(registry(p.item.kind).done_states)


def _due(items: list[Projected], scope: set[str] | None, today: date, due_days: int) -> list[Part]:
    horizon = today + timedelta(days=due_days)
    mine = [p for p in items if p.deadline is not None and p.deadline <= horizon
            and (scope is None or p.item.key in scope)]
    mine.sort(key=lambda p: (p.deadline, p.created_seq))
    overdue = [Entry(p.item.key, p.item.title, f"uiterlijk {dutch.long_date(p.deadline)}, "
                     f"{_days((today - p.deadline).days)} te laat")
               for p in mine if timing.overdue(p, today) and p.deadline is not None]
    soon = [Entry(p.item.key, p.item.title, f"uiterlijk {dutch.long_date(p.deadline)}"
                  + (" (vandaag)" if p.deadline == today else ""))
            for p in mine if not timing.overdue(p, today)]
    return [Part("achterstallig", "Achterstallig", overdue), Part("binnenkort", f"Deadline binnen {_days(due_days)}",
                                                                    soon)]


def _waiting(registry: Registry, connection) -> list[tuple[str, str, tuple[str, ...], list[Projected]]]:
    """Per awaited transition (once per kind and source states): the kind's plural, what its items wait for, whose
    roles they wait for, and the items."""
    found, seen = [], set()
    for workflow in registry:
        for transition in workflow.transitions:
            if transition.awaited is None or (workflow.kind, transition.sources) in seen:
                continue
            seen.add((workflow.kind, transition.sources))
            rows = [p for state in transition.sources
                    for p in projection_store.select_items(connection, kind=workflow.kind, state=state)]
            found.append((workflow.plural.capitalize(), transition.awaited, transition.roles, rows))
    return found


def _awaited(waiting, since: dict[str, date], person: AccountRow, scope: set[str] | None, today: date,
             wait_days: int) -> list[Part]:
    parts = []
    for plural, awaited, roles, rows in waiting:
        if person.role not in roles:
            continue
        mine = [(since.get(p.item.key, p.item.updated_on), p) for p in rows
                if scope is None or p.item.key in scope]
        long = sorted((day, p.created_seq, p) for day, p in mine if (today - day).days > wait_days)
        parts.append(Part("wacht", f"{plural} die langer dan {_days(wait_days)} op u wachten — {awaited}",
                          [Entry(p.item.key, p.item.title,
                                 f"sinds {dutch.long_date(day)}, {_days((today - day).days)}")
                           for day, _, p in long]))
    return parts


def _days(n: int) -> str:
    return "1 dag" if n == 1 else f"{n} dagen"
