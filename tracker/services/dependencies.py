"""What the dependency graph adds to recording: checks before the append, reactions after it."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tracker.domain.errors import InvalidValue, PrerequisitesNotDone, UnknownItem
from tracker.domain.events import NewEvent, StoredEvent
from tracker.domain.items import Item
from tracker.domain.projection import Projected, node_of
from tracker.domain.workflow import DEPENDENCY_ADDED, DEPENDENCY_REMOVED, UNBLOCKED, Transition, Workflow
from tracker.storage import projection_store

if TYPE_CHECKING:
    from .recording import Appender

SYSTEM_ACTOR = "systeem"


def check(appender: "Appender", item: Item, workflow: Workflow, transition: Transition, data: dict) -> None:
    """Refuse, before anything is written: a start or completion while blocked, or a bad edge."""
    graph = appender.graph()
    if transition.needs_prerequisites:
        blocking = graph.blocking(item.key)
        if blocking:
            rows = {p.item.key: p.item for p in projection_store.select_items(appender.connection, keys=blocking)}
            listed = ", ".join(f"{k} ({rows[k].title}, {workflow_state(appender, rows[k])})" for k in sorted(blocking))
            raise PrerequisitesNotDone(
                f"{workflow.label} {item.key} kan '{transition.event}' niet vastleggen: het wacht nog op {listed}.",
                blocking=sorted(blocking),
            )
    if transition.event == DEPENDENCY_ADDED:
        other = data["op"]
        if projection_store.get(appender.connection, other) is None:
            raise UnknownItem(f"Item {other} bestaat niet; {item.key} kan er niet van afhangen.",
                              errors={"op": ["Onbekend item."]})
        graph.check_new_edge(item.key, other)
    elif transition.event == DEPENDENCY_REMOVED and data["op"] not in graph.prerequisites(item.key):
        raise InvalidValue(f"{item.key} hangt niet af van {data['op']}.", errors={"op": ["Bestaat niet."]})


def workflow_state(appender: "Appender", item: Item) -> str:
    return appender.registry(item.kind).state_label(item.state)


def apply(appender: "Appender", projected: Projected, workflow: Workflow, stored: StoredEvent,
          became_done: bool) -> None:
    """Bring the graph and its projection columns up to date, then react to a completion."""
    graph = appender.graph()
    key = projected.item.key
    affected = {key}
    node, old = node_of(projected, workflow), graph.node(key)
    if node != old:
        affected |= graph.put(node)
        if node.done != old.done:
            affected |= set(graph.dependents(key))  # their blocked flag changed
    if stored.type == DEPENDENCY_ADDED:
        projection_store.add_edge(appender.connection, key, stored.data["op"])
        affected |= graph.add_edge(key, stored.data["op"])
    elif stored.type == DEPENDENCY_REMOVED:
        projection_store.remove_edge(appender.connection, key, stored.data["op"])
        affected |= graph.remove_edge(key, stored.data["op"])
    appender._write_graph_fields(affected, unchanged=projected)
    if became_done:
        _unblock(appender, key, stored.occurred_on)


def _unblock(appender: "Appender", key: str, occurred_on: date) -> None:
    """Each dependent whose last open prerequisite this was gets a `gedeblokkeerd` event."""
    graph = appender.graph()
    for dependent in sorted(graph.dependents(key)):
        if graph.is_blocked(dependent) or graph.node(dependent).done:
            continue
        current = projection_store.get(appender.connection, dependent)
        when = max(occurred_on, current.item.updated_on)
        appender.append_internal(NewEvent(
            dependent, UNBLOCKED,
            {"door": key, "toelichting": f"Alle vereiste items zijn gereed; als laatste {key}."},
            SYSTEM_ACTOR, when))
