"""Recording events: every rule checked, then the event and the projection written in one transaction."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Mapping

from sqlalchemy import Connection

from tracker.domain import access
from tracker.domain import items as rules
from tracker.domain.access import Actor
from tracker.domain.errors import IdempotencyKeyReused, NotAllowed, TrackerError, UnknownItem
from tracker.domain.events import NewEvent, StoredEvent, canonical_json, chain_hash, same_request
from tracker.domain.items import Item, apply, created
from tracker.domain.progress import KIND_ATTRIBUTE, counts_toward, progress_of
from tracker.domain.graph import DependencyGraph
from tracker.domain.projection import Projected, node_of
from tracker.domain.workflow import Workflow
from tracker.storage import event_store, projection_store

from . import dependencies
from .context import Tracker


@dataclass(frozen=True, slots=True)
class Recorded:
    event: StoredEvent
    replayed: bool = False  # an idempotent retry: the original event, nothing written


def record(tracker: Tracker, command: NewEvent, actor: Actor | None = None) -> Recorded:
    """Append one event. `actor=None` is a trusted local caller (CLI, seed)."""
    return record_many(tracker, [command], actor)[0]


def record_many(tracker: Tracker, commands: Iterable[NewEvent], actor: Actor | None = None) -> list[Recorded]:
    """Append several events as one command: all of them or none."""
    with tracker.graphs.lock:
        appender = None
        try:
            with tracker.write() as connection:
                appender = Appender(tracker, connection)
                results = [appender.append(command, actor) for command in commands]
        except BaseException:
            if appender is not None and appender.graph_changed:
                tracker.graphs.invalidate()  # the in-memory graph saw changes that were rolled back
            raise
        if appender.graph_changed:
            tracker.graphs.advanced_to(appender.head_seq)
        return results


class Appender:
    """Appends within one open write transaction, keeping the chain head between events."""

    def __init__(self, tracker: Tracker, connection: Connection):
        self.tracker = tracker
        self.connection = connection
        self.registry = tracker.registry
        self._head: tuple[int, str] | None = None
        self._graph: DependencyGraph | None = None
        self.graph_changed = False

    @property
    def head_seq(self) -> int:
        return self._head[0] if self._head else 0

    def graph(self) -> DependencyGraph:
        if self._graph is None:
            if self._head is None:
                self._head = event_store.head(self.connection)
            self._graph = self.tracker.graphs.current(self.connection, self._head[0])
        return self._graph

    def append(self, command: NewEvent, actor: Actor | None) -> Recorded:
        self.graph()  # bring this process's graph up to the log before this command changes it
        if command.idempotency_key is not None:
            earlier = event_store.by_idempotency_key(self.connection, command.idempotency_key)
            if earlier is not None:
                return self._replayed(earlier, command)
        occurred_on = command.occurred_on or self.tracker.today()
        if rules.is_creation(command.type):
            return self._create(command, occurred_on, actor)
        return self._change(command, occurred_on, actor)

    # --- the two kinds of append ------------------------------------------

    def _create(self, command: NewEvent, occurred_on: date, actor: Actor | None) -> Recorded:
        data = command.data if isinstance(command.data, Mapping) else {}
        workflow = self.registry(str(data.get("kind", "")))
        parent_key = data.get("parent") or None
        parent = projection_store.get(self.connection, parent_key) if parent_key else None
        ancestry = [command.item] + (self._ancestry(parent.item.key) if parent else [])
        access.check_reach(actor, ancestry)
        existing = projection_store.get(self.connection, command.item)
        rules.check_new_item(command.item, existing.item if existing else None, workflow,
                             parent.item if parent else None, parent_key)
        rules.check_version(0, command.expected_version, command.item)
        access.check_role(actor, workflow.create_roles, f"een nieuwe {workflow.label.lower()}")
        allowed, required = rules.creation_fields(workflow)
        clean = rules.clean_data(data, workflow, allowed, required, f"een nieuwe {workflow.label.lower()}")
        if not clean.get("parent"):
            clean.pop("parent", None)
        rules.check_date(occurred_on, self.tracker.today(), None, command.item)
        stored = self._store(command, 1, clean, occurred_on)
        item = created(stored, workflow)
        topic = parent.topic if parent else item.key
        done = workflow.is_done(item.state)
        progress = (0, 0) if workflow.progress else None
        projected = Projected(item, topic, done, progress, stored.seq, stored.seq)
        projection_store.insert_one(self.connection, projected)
        projection_store.add_state(self.connection, item.key, stored.seq, occurred_on, item.state)
        if parent is not None:
            self._count_child(parent, item, was_done=None, is_done=done)
        self.graph_changed = True
        graph = self.graph()
        changed = graph.put(node_of(projected, workflow))
        if graph.is_blocked(item.key) or graph.forecast.get(item.key) is not None:
            changed.add(item.key)  # otherwise the inserted row already holds the right values
        self._write_graph_fields(changed)
        return Recorded(stored)

    def _change(self, command: NewEvent, occurred_on: date, actor: Actor | None, internal: bool = False) -> Recorded:
        current = projection_store.get(self.connection, command.item)
        if current is None:
            raise UnknownItem(f"Item {command.item} bestaat niet.")
        item = current.item
        workflow = self.registry(item.kind)
        access.check_reach(actor, self._ancestry(item.key))  # before anything is revealed about the item
        rules.check_version(item.version, command.expected_version, item.key)
        transition = rules.transition_for(item, command.type, workflow)
        if transition.system and not internal:
            raise NotAllowed(f"'{command.type}' wordt door het volgsysteem zelf vastgelegd, niet door gebruikers.")
        access.check_role(actor, transition.roles, f"'{command.type}' op {item.key}")
        allowed = transition.required + transition.optional + (rules.REASON,)
        clean = rules.clean_data(command.data, workflow, allowed, transition.required,
                                 f"'{command.type}' op {item.key}")
        rules.check_date(occurred_on, self.tracker.today(), item.updated_on, item.key)
        if transition.requires_done_children:
            rules.check_children_done(item, transition, self._open_children(item, transition), workflow,
                                      self.registry)
        dependencies.check(self, item, workflow, transition, clean)
        stored = self._store(command, item.version + 1, clean, occurred_on)
        after = apply(item, stored, workflow)
        done = workflow.is_done(after.state)
        projected = Projected(after, current.topic, done, current.progress, current.created_seq, stored.seq,
                              current.blocked, current.forecast, current.at_risk)
        projection_store.save(self.connection, projected)
        if after.state != item.state:
            projection_store.add_state(self.connection, item.key, stored.seq, occurred_on, after.state)
        if item.parent is not None and done != current.done:
            parent = projection_store.get(self.connection, item.parent)
            self._count_child(parent, after, was_done=current.done, is_done=done)
        if KIND_ATTRIBUTE in clean:  # the item now counts another kind of child: count afresh
            self._recount(after)
        self.graph_changed = True
        dependencies.apply(self, projected, workflow, stored, became_done=done and not current.done)
        return Recorded(stored)

    def append_internal(self, command: NewEvent) -> Recorded:
        """An event the tracker writes itself, in the same transaction (e.g. gedeblokkeerd)."""
        return self._change(command, command.occurred_on, None, internal=True)

    def _write_graph_fields(self, keys, unchanged: Projected | None = None) -> None:
        """Write blocked/forecast/at_risk of `keys`; `unchanged`: a row already known to hold them."""
        graph = self.graph()
        for key in keys:
            if unchanged is not None and key == unchanged.item.key and (
                    unchanged.blocked, unchanged.forecast, unchanged.at_risk) == (
                    graph.is_blocked(key), graph.forecast.get(key), graph.at_risk(key)):
                continue
            projection_store.set_graph_fields(self.connection, key, graph.is_blocked(key), graph.forecast.get(key),
                                              graph.at_risk(key))

    # --- helpers ----------------------------------------------------------

    def _store(self, command: NewEvent, version: int, data: dict[str, Any], occurred_on: date) -> StoredEvent:
        if self._head is None:
            self._head = event_store.head(self.connection)
        last_seq, prev_hash = self._head
        seq = last_seq + 1
        recorded_at = self.tracker.now()
        data_json = canonical_json(data)
        digest = chain_hash(prev_hash, seq, command.item, version, command.type, data_json, command.actor,
                            occurred_on, recorded_at, command.idempotency_key)
        stored = StoredEvent(seq, command.item, version, command.type, data, command.actor, occurred_on,
                             recorded_at, command.idempotency_key, prev_hash, digest)
        event_store.append(self.connection, stored, data_json)
        self._head = (seq, digest)
        return stored

    def _ancestry(self, key: str) -> list[str]:
        """The key and those of every item above it, up to the topic (from the graph: no queries)."""
        graph = self.graph()
        chain = [key]
        while chain[-1] in graph and graph.node(chain[-1]).parent is not None and len(chain) < 50:
            chain.append(graph.node(chain[-1]).parent)
        return chain

    def _open_children(self, item: Item, transition) -> list[Item]:
        children = projection_store.select_items(self.connection, parent=item.key)
        return [c.item for c in children if c.item.kind in transition.requires_done_children and not c.done]

    def _count_child(self, parent: Projected, child: Item, was_done: bool | None, is_done: bool) -> None:
        """Keep the parent's (done, total) counters in step with one child's change."""
        if parent.progress is None or not counts_toward(parent.item, child, self.registry):
            return
        done, total = parent.progress
        if was_done is None:
            total += 1
        else:
            done -= was_done
        done += is_done
        projection_store.set_progress(self.connection, parent.item.key, done, total)

    def _recount(self, item: Item) -> None:
        children = [c.item for c in projection_store.select_items(self.connection, parent=item.key)]
        figure = progress_of(item, children, self.registry)
        if figure is not None:
            projection_store.set_progress(self.connection, item.key, figure.done, figure.total)

    def _replayed(self, earlier: StoredEvent, command: NewEvent) -> Recorded:
        occurred_on = command.occurred_on or earlier.occurred_on
        data = _normalised(command.data, self._workflow_for(earlier))
        if not same_request(earlier, command, data, occurred_on):
            raise IdempotencyKeyReused(
                f"Idempotentiesleutel '{command.idempotency_key}' is al gebruikt voor een andere gebeurtenis "
                f"({earlier.type} op {earlier.item}, volgnummer {earlier.seq}); kies een nieuwe sleutel.",
                seq=earlier.seq,
            )
        return Recorded(earlier, replayed=True)

    def _workflow_for(self, event: StoredEvent) -> Workflow | None:
        kind = event.data.get("kind") if rules.is_creation(event.type) else None
        if kind is None:
            current = projection_store.get(self.connection, event.item)
            kind = current.item.kind if current else None
        return self.registry(kind) if kind in self.registry else None


def _normalised(data: Mapping[str, Any], workflow: Workflow | None) -> dict[str, Any]:
    """The request's data as it would have been stored, so that a retry compares equal."""
    if not isinstance(data, Mapping) or workflow is None:
        return dict(data) if isinstance(data, Mapping) else {}
    out = {}
    for name, value in data.items():
        try:
            out[name] = rules.clean_value(workflow, name, value)
        except TrackerError:  # an invalid retry simply does not match
            out[name] = value
    if not out.get("parent"):
        out.pop("parent", None)
    return out
