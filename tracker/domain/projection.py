"""The whole projection as a pure function of the event log.

The appender maintains the same rows incrementally; `replay` is what `rebuild`,
`verify` and every as-of-peildatum question use, so both paths must agree.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, NamedTuple

from .events import StoredEvent
from .graph import DependencyGraph, Node
from .items import Item, apply, created
from .progress import counts_toward
from .workflow import CREATED, DEPENDENCY_ADDED, DEPENDENCY_REMOVED, Registry, Workflow


class Projected(NamedTuple):
    """An item plus what is derived from its place in the tree and the log (immutable; a NamedTuple for
    the same reason as Item)."""

    item: Item
    topic: str  # key of the root ancestor
    done: bool
    progress: tuple[int, int] | None  # (done, total) over counted children; None: no progress kind
    created_seq: int
    last_seq: int
    blocked: bool = False  # a prerequisite is not done
    forecast: date | None = None
    at_risk: bool = False


@dataclass(frozen=True)
class Replayed:
    items: dict[str, Projected]
    edges: set[tuple[str, str]]  # (dependent, prerequisite)
    graph: DependencyGraph | None  # None when not asked for (partial replays for reports)
    states: list[tuple]  # (item, seq, occurred_on, state) at creation and at each change of state


def replay(events: Iterable[StoredEvent], registry: Registry) -> dict[str, Projected]:
    """Fold every event, in sequence order, into one Projected per item."""
    return replay_all(events, registry).items


def replay_all(events: Iterable[StoredEvent], registry: Registry, with_states: bool = False,
               with_graph: bool = True) -> Replayed:
    """Items, dependency edges and the dependency graph, all from the events (and, if asked, the states
    over time: one entry at each item's creation and at each change of its state)."""
    edges: set[tuple[str, str]] = set()
    states: list[tuple] = []
    state: dict[str, Item] = {}
    topic: dict[str, str] = {}
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    workflows = {w.kind: w for w in registry}  # a dict lookup per event instead of a call
    for event in events:
        key, type_ = event.item, event.type
        if type_ == CREATED and key not in state:
            item = created(event, registry(event.data["kind"]))
            # A parent outside a partial replay still names the topic well enough: its own topic if known.
            topic[key] = topic.get(item.parent, item.parent) if item.parent is not None else key
            first[key] = event.seq
            if with_states:
                states.append((key, event.seq, event.occurred_on, item.state))
        else:
            previous = state[key]
            item = apply(previous, event, workflows[previous.kind])
            if with_states and item.state != previous.state:
                states.append((key, event.seq, event.occurred_on, item.state))
            if type_ == DEPENDENCY_ADDED:
                edges.add((key, event.data["op"]))
            elif type_ == DEPENDENCY_REMOVED:
                edges.discard((key, event.data["op"]))
        state[key] = item
        last[key] = event.seq
    projected = finish(state, topic, first, last, registry)
    graph = None
    if with_graph:
        graph = DependencyGraph.build((node_of(p, registry(p.item.kind)) for p in projected.values()), edges)
        for key, p in projected.items():
            projected[key] = graph_fields(p, graph)
    return Replayed(projected, edges, graph, states)


def _as_date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def node_of(projected: Projected, workflow: Workflow) -> Node:
    """What the dependency graph needs of an item: done, its own plan and its deadline."""
    attributes = projected.item.attributes
    deadline = None
    if workflow.deadline_field and attributes.get(workflow.deadline_field) is not None:
        value = attributes[workflow.deadline_field]
        deadline = date(value, 12, 31) if isinstance(value, int) else _as_date(value)
    plan = _as_date(attributes.get("gepland")) or deadline
    return Node(projected.item.key, projected.item.parent, projected.done, plan, deadline or plan)


def graph_fields(projected: Projected, graph: DependencyGraph) -> Projected:
    key, p = projected.item.key, projected
    return Projected(p.item, p.topic, p.done, p.progress, p.created_seq, p.last_seq, graph.is_blocked(key),
                     graph.forecast.get(key), graph.at_risk(key))


def with_progress(projected: dict[str, Projected], registry: Registry) -> dict[str, Projected]:
    """Recount every parent's progress over the children present (e.g. after merging a partial replay)."""
    counts: dict[str, list[int]] = {key: [0, 0] for key, p in projected.items()
                                    if registry(p.item.kind).progress is not None}
    for p in projected.values():
        parent = projected.get(p.item.parent) if p.item.parent is not None else None
        if parent is not None and parent.item.key in counts and counts_toward(parent.item, p.item, registry):
            counts[parent.item.key][0] += p.done
            counts[parent.item.key][1] += 1
    return {key: p._replace(progress=tuple(counts[key])) if key in counts else p for key, p in projected.items()}


def finish(state: dict[str, Item], topic: dict[str, str], first: dict[str, int], last: dict[str, int],
           registry: Registry) -> dict[str, Projected]:
    done = {key: registry(item.kind).is_done(item.state) for key, item in state.items()}
    progress: dict[str, list[int]] = {
        key: [0, 0] for key, item in state.items() if registry(item.kind).progress is not None
    }
    for key, item in state.items():
        parent = state.get(item.parent) if item.parent is not None else None
        if parent is not None and key in done and parent.key in progress and counts_toward(parent, item, registry):
            figure = progress[parent.key]
            figure[0] += done[key]
            figure[1] += 1
    return {
        key: Projected(item, topic[key], done[key], tuple(progress[key]) if key in progress else None,
                       first[key], last[key])
        for key, item in state.items()
    }
