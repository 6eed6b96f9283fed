"""Items, lists, graph views and counts as they stood on a peildatum, without replaying the log.

An item comes from its own events up to that date; its progress from its children's history; its blocked
flag, forecast and risk from the dependency graph of that date, loaded only as far as they reach: from each
asked-for item along its prerequisites and children, through items that were still open then (a finished
item adds nothing to a forecast).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from tracker.domain import timing
from tracker.domain.errors import UnknownItem
from tracker.domain.graph import DependencyGraph, Node
from tracker.domain.progress import counts_toward
from tracker.domain.projection import MemoryRows, Projected, Projector
from tracker.domain.workflow import Registry
from tracker.storage import event_store, history_store, projection_store
from tracker.storage.history_store import Then


@dataclass
class Loaded:
    """What a read as of a date loaded: the items reached, the children of every item expanded, the edges."""

    graph: DependencyGraph
    found: dict[str, Then]
    children: dict[str, list[str]]


def graph_of(connection: Connection, registry: Registry, targets: Iterable[str], day: date,
             known: dict[str, Then] | None = None, lean: bool = False) -> Loaded:
    """The graph of `day` over the targets and everything their forecasts depend on. `lean` leaves finished
    items other than the targets out of the graph (they add nothing to a forecast or a block): enough for the
    targets' own figures, not for drawing their neighbourhood."""
    parents = {parent for workflow in registry for parent in workflow.parents}  # kinds that can have children
    targets = set(targets)
    found = dict(known or {})
    found.update(history_store.items_as_of(connection, targets - found.keys(), day))
    edges: set[tuple[str, str]] = set()
    children: dict[str, list[str]] = {}
    frontier = {k for k in targets if k in found}
    expanded: set[str] = set()
    while frontier:
        grow = sorted(k for k in frontier if (k in targets or not found[k].done) and k not in expanded)
        expanded.update(grow)
        if not grow:
            break
        required = history_store.edges_as_of(connection, day, dependents=grow)
        below = history_store.children_then(connection, [k for k in grow if found[k].kind in parents], day)
        for parent, kids in below.items():
            children[parent] = [kid.key for kid in kids]
            for kid in kids:
                found.setdefault(kid.key, kid)
        edges |= required
        reached = {b for _, b in required} | {kid.key for kids in below.values() for kid in kids}
        new = {b for _, b in required} - found.keys()
        found.update(history_store.items_as_of(connection, new, day))
        frontier = (reached & found.keys()) - expanded
    members = {k: t for k, t in found.items() if not t.done or k in targets} if lean else found
    nodes = [Node(t.key, t.parent, t.done, t.plan, t.deadline) for t in members.values()]
    graph = DependencyGraph.build(nodes, [(a, b) for a, b in edges if a in members and b in members])
    return Loaded(graph, found, children)


def reach(connection: Connection, start: Iterable[str], day: date, direction: str) -> set[str]:
    """Everything reachable from `start` on `day` by following children ("below"), prerequisites
    ("requires") or dependents ("required_by"), the start included."""
    found, frontier = set(start), set(start)
    while frontier:
        if direction == "below":
            reached = {c for keys in history_store.children_as_of(connection, frontier, day).values() for c in keys}
        elif direction == "requires":
            reached = {b for _, b in history_store.edges_as_of(connection, day, dependents=frontier)}
        else:
            reached = {a for a, _ in history_store.edges_as_of(connection, day, prerequisites=frontier)}
        frontier = reached - found
        found |= frontier
    return found


def whole_graph(connection: Connection, day: date) -> tuple[DependencyGraph, dict[str, Then]]:
    """Every item and edge of `day` (for counts over everything)."""
    found = history_store.every_item_as_of(connection, day)
    edges = [(a, b) for a, b in history_store.edges_as_of(connection, day) if a in found and b in found]
    return DependencyGraph.build((Node(t.key, t.parent, t.done, t.plan, t.deadline) for t in found.values()),
                                 edges), found


def folded(connection: Connection, registry: Registry, keys: Iterable[str], day: date) -> dict[str, Projected]:
    """Each item from its own events up to `day`, through the same projection as appending (its place in the
    tree, progress and graph fields are not known from its own events: the caller adds them). An item whose
    last event lies on or before `day` stood then as it stands now (its dates never go backwards)."""
    current = {p.item.key: p for p in projection_store.get_many(connection, keys)}
    settled = {key: p for key, p in current.items() if p.item.updated_on <= day}
    rows = MemoryRows()
    projector = Projector(registry, rows)
    for event in event_store.of_items(connection, current.keys() - settled.keys(), day):
        rows.write(projector.apply(event))
    return {**rows.rows, **settled}


def projected(connection: Connection, registry: Registry, keys: list[str], day: date,
              loaded: Loaded | None = None, known: dict[str, Then] | None = None) -> list[Projected]:
    """The items (in the order asked) as they stood on `day`, complete: fields, progress, blocked, forecast."""
    loaded = loaded or graph_of(connection, registry, keys, day, known, lean=True)
    found, graph = loaded.found, loaded.graph
    present = [k for k in keys if k in found]
    rows = folded(connection, registry, present, day)
    result = []
    for key in present:
        then, item = found[key], rows[key].item
        progress = None
        if registry(then.kind).progress is not None:
            counted = [found[c] for c in loaded.children.get(key, ()) if c in found]
            counting = {kind: counts_toward(item, kind, registry) for kind in {c.kind for c in counted}}
            counted = [c for c in counted if counting[c.kind]]
            progress = (sum(c.done for c in counted), len(counted))
        result.append(Projected(item, then.topic, then.done, progress, then.created_seq, rows[key].last_seq,
                                graph.is_blocked(key), graph.forecast.get(key), graph.at_risk(key), then.deadline))
    return result



def item(connection: Connection, registry: Registry, key: str, day: date) -> Projected:
    found = projected(connection, registry, [key], day)
    if not found:
        raise UnknownItem(f"Item {key} bestaat niet op peildatum {day.isoformat()}.")
    return found[0]


def counts(connection: Connection, day: date) -> dict[str, tuple[int, int, int, int]]:
    """Per topic as of `day`: items under it, how many were blocked, at risk and overdue (see domain.timing).

    Only open items go into the graph: a finished one adds nothing to a forecast and is never at risk, and
    whether an item is blocked (a prerequisite still open) is read straight off the edges. At a million events
    that keeps the graph of a date to the items still open then."""
    found = {s.key: s for s in history_store.every_standing_as_of(connection, day)}
    edges = [(a, b) for a, b in history_store.edges_as_of(connection, day) if a in found and b in found]
    blocked = {a for a, b in edges if not found[b].done}
    still_open = [s for s in found.values() if not s.done]
    graph = DependencyGraph.build((Node(s.key, s.parent, False, s.plan, s.deadline) for s in still_open),
                                  [(a, b) for a, b in edges if not found[a].done and not found[b].done])
    del edges
    result: dict[str, list[int]] = {}
    for key, standing in found.items():
        figure = result.setdefault(standing.topic, [-1, 0, 0, 0])  # the topic itself is not under it
        figure[0] += 1
        figure[1] += key in blocked
        if not standing.done:
            figure[2] += graph.at_risk(key) or timing.passed(False, graph.forecast.get(key), day)
            figure[3] += timing.passed(False, standing.deadline, day)
    return {topic: (n, b, r, o) for topic, (n, b, r, o) in result.items()}
