"""Mijn werk: what waits for the signed-in person, each row saying why it is there.

An owner: the open items in their scope, overdue first, then by deadline. Anyone a transition marks as awaited
(`awaited` in the definitions: an auditor for claimed follow-ups, the CIO for declared conditions and new
projects): the items waiting for them, oldest first. A beheerder: open items without an owner, or without a
deadline or plan.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.domain import timing
from tracker.domain.access import Actor
from tracker.domain.projection import Projected
from tracker.domain.roles import BEHEERDER, EIGENAAR, LEZER
from tracker.domain.workflow import OWNER_FIELD, PLAN_FIELD, Registry
from tracker.storage import event_store, projection_store

from . import dutch
from .context import Tracker

LIMIT = 500


@dataclass(frozen=True)
class Row:
    item: Projected
    why: str


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[Row]
    bulk: list[tuple[str, str]]  # (event, label) the person may record on several of these items at once


def has_work(actor: Actor | None) -> bool:
    return actor is not None and actor.role != LEZER


def my_work(tracker: Tracker, actor: Actor) -> list[Section]:
    today = tracker.today()
    with tracker.graphs.lock, tracker.read() as connection:
        graph = tracker.graphs.current(connection, event_store.head(connection)[0])
        scope = _under(graph, actor.scope) if actor.scope else None
        sections = []
        if actor.role == EIGENAAR:
            sections.append(_owned(tracker.registry, connection, scope, today))
        sections += _awaited(tracker.registry, connection, actor, scope)
        if actor.role == BEHEERDER:
            sections.append(_unassigned(tracker.registry, connection, today))
    return [s for s in sections if s.rows]


def _under(graph, key: str) -> set[str]:
    found, stack = {key}, [key]
    while stack:
        for child in graph.children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def _owned(registry: Registry, connection, scope: set[str] | None, today: date) -> Section:
    rows = [p for p in projection_store.select_items(connection, keys=scope) if _trackable(registry, p)]
    rows.sort(key=lambda p: (not timing.overdue(p, today), p.deadline is None, p.deadline or date.max,
                             p.created_seq))
    return Section("Open items in uw bereik", [Row(p, _why_open(p, today)) for p in rows[:LIMIT]],
                   [("opmerking", "Opmerking plaatsen")])


def _trackable(registry: Registry, p: Projected) -> bool:
    """Work that can be finished: an open item of a kind that has done states (not a topic or a register)."""
    return not p.done and bool(registry(p.item.kind).done_states)


def _why_open(p: Projected, today: date) -> str:
    if timing.overdue(p, today) and p.deadline is not None:
        return f"achterstallig: uiterlijk {dutch.long_date(p.deadline)}"
    reasons = [f"uiterlijk {dutch.long_date(p.deadline)}" if p.deadline else "geen deadline"]
    if p.blocked:
        reasons.append("geblokkeerd")
    if timing.forecast_expired(p, today) and p.forecast is not None:
        reasons.append(f"prognose {dutch.long_date(p.forecast)} verlopen")
    elif p.at_risk and p.forecast is not None:
        reasons.append(f"met risico: prognose {dutch.long_date(p.forecast)}")
    return "; ".join(reasons)


def _awaited(registry: Registry, connection, actor: Actor, scope: set[str] | None) -> list[Section]:
    sections = []
    for workflow in registry:
        for transition in workflow.transitions:
            if transition.awaited is None or actor.role not in transition.roles:
                continue
            rows = []
            for state in transition.sources:
                rows += [p for p in projection_store.select_items(connection, kind=workflow.kind, state=state,
                                                                   keys=scope)]
            rows.sort(key=lambda p: (p.item.updated_on, p.last_seq))  # oldest first
            bulk = [(t.event, t.label) for t in workflow.transitions
                    if set(t.sources) == set(transition.sources) and actor.role in t.roles and not t.system]
            sections.append(Section(f"{workflow.plural.capitalize()}: {transition.awaited}",
                                    [Row(p, f"sinds {dutch.long_date(p.item.updated_on)}") for p in rows[:LIMIT]],
                                    bulk))
    return sections


def _unassigned(registry: Registry, connection, today: date) -> Section:
    rows = []
    for p in projection_store.select_items(connection):
        if not _trackable(registry, p):
            continue
        missing = [what for what, absent in (("eigenaar", not p.item.attributes.get(OWNER_FIELD)),
                                             ("deadline of planning", p.deadline is None and
                                              not p.item.attributes.get(PLAN_FIELD))) if absent]
        if missing:
            rows.append(Row(p, "zonder " + " en zonder ".join(missing)))
    return Section("Items zonder eigenaar of planning", rows[:LIMIT], [])
