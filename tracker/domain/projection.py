"""The projection: one function from an event and the rows it touches to the row changes it makes.

Appending applies `Projector.apply` to each new event and writes what it returns; `replay` folds the
whole log through the same function. The rows an event touches are its item, its parent (progress) and,
when a dependency graph is kept alongside, the items whose blocked flag, forecast or risk it moves.
Reactions (a dependent that became unblocked) come back as follow-up commands for the caller to queue.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple, Protocol, cast

from .events import NewEvent
from .evidence import EVIDENCE
from .graph import DependencyGraph, Node
from .items import Item, apply, created
from .naming import quoted
from .progress import KIND_ATTRIBUTE, counts_toward
from .workflow import (
    CREATED,
    DEPENDENCY_ADDED,
    DEPENDENCY_REMOVED,
    DUE_FIELD,
    PLAN_FIELD,
    REASON,
    UNBLOCKED,
    Registry,
    Workflow,
)

SYSTEM_ACTOR = "systeem"
VERSION = 6  # of what the projection computes: stored projections made by another version are recomputed


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
    at_risk: bool = False  # its forecast passes its deadline
    deadline: date | None = None  # what it is held to (an open item past it is overdue)


class Moment(NamedTuple):
    """One row of an item's history: at its creation and whenever its state, plan or deadline changes.
    What an item was on any date is the last moment on or before it (dates never go backwards per item)."""

    item: str
    seq: int
    occurred_on: date
    state: str
    done: bool
    plan: date | None
    deadline: date | None


class EdgeChange(NamedTuple):
    """A `requires` edge added (present) or removed, as of the dependent's event."""

    seq: int
    dependent: str
    prerequisite: str
    occurred_on: date
    present: bool


class Word(NamedTuple):
    """A name the log uses: a kind, or a state, event type or field of a kind."""

    kind: str
    category: str  # kind | state | event | field
    name: str


class Changes(NamedTuple):
    rows: Iterable[Projected]  # every row this event creates or changes, with its final values
    created: str | None  # the key of the row this event creates
    moments: tuple[Moment, ...]
    edge: EdgeChange | None
    words: tuple[Word, ...]  # names not seen before by this projector
    follow_ups: tuple[NewEvent, ...]
    text: str | None = None  # what this event adds to the full-text index (title, reason, plans)
    documents: tuple[str, ...] = ()  # the SHA-256 digests of the documents this event names (its evidence)


class Rows(Protocol):
    """Where the projector reads the rows an event touches."""

    def get(self, key: str) -> Projected | None: ...

    def children(self, key: str) -> Iterable[Projected]: ...


def searchable(data: Mapping, workflow: Workflow) -> str | None:
    """The words of an event a search should find: its title, its reason and its text fields (plans)."""
    fields = workflow.fields
    parts = [value for name, value in data.items() if isinstance(value, str)
             and (name == REASON or name == "title" or (name in fields and fields[name].type == "text"))]
    return " ".join(parts) or None


def words_of(kind: str, event) -> list[Word]:
    """The names one event uses (its states come from the projection)."""
    found = [Word(kind, "event", event.type)] + [Word(kind, "field", name) for name in event.data]
    if event.type == CREATED:
        found.append(Word(kind, "kind", kind))
    return found


def _as_date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


NO_PLAN: tuple[None, None] = (None, None)


def plan_and_deadline(item: Item, workflow: Workflow) -> tuple[date | None, date | None]:
    """The item's own planned completion and what it is held to (a year: 31 December of it)."""
    attributes = item.attributes
    held_to = workflow.deadline_field or DUE_FIELD
    if held_to not in attributes and PLAN_FIELD not in attributes:
        return NO_PLAN
    deadline = None
    value = attributes.get(held_to)
    if value is not None:
        deadline = date(value, 12, 31) if isinstance(value, int) else _as_date(value)
    plan = _as_date(attributes.get(PLAN_FIELD)) or deadline
    return plan, deadline or plan


def node_of(projected: Projected, workflow: Workflow) -> Node:
    """What the dependency graph needs of an item: done, its own plan and its deadline."""
    plan, deadline = plan_and_deadline(projected.item, workflow)
    return Node(projected.item.key, projected.item.parent, projected.done, plan, deadline)


class Projector:
    """Applies events one at a time. `graph`: the dependency graph kept alongside (blocked, forecast, risk
    and follow-ups are then projected too); None leaves those to `finish_graph` after a whole replay."""

    def __init__(self, registry: Registry, rows: Rows, graph: DependencyGraph | None = None,
                 seen: set[Word] | None = None):
        self.registry = registry
        self.rows = rows
        self.graph = graph
        self.seen = seen if seen is not None else set()
        self._workflows = {workflow.kind: workflow for workflow in registry}
        self._shapes: dict[tuple[str, str], frozenset] = {}  # (kind, event type) -> field names seen
        self._states: set[tuple[str, str]] = set()
        self._touched: dict[str, Projected] = {}

    def _get(self, key: str) -> Projected | None:
        found = self._touched.get(key)
        return found if found is not None else self.rows.get(key)

    def apply(self, event) -> Changes:
        """The changes `event` makes (a StoredEvent, or any record with the same attributes).

        Runs once per event on a replay of a million events: locals and direct construction throughout."""
        touched: dict[str, Projected] = {}
        self._touched = touched
        registry, recorded, get = self.registry, event, self.rows.get
        if registry.renames:
            event = registry.canonical(event, None if event.type == CREATED else self._existing(event.item).item.kind)
        key, data, type_ = event.item, event.data, event.type
        moments: tuple[Moment, ...] = ()
        edge: EdgeChange | None = None
        follow_ups: tuple[NewEvent, ...] = ()
        if type_ == CREATED:
            workflow = self._workflows.get(data["kind"]) or registry(data["kind"])
            item = created(event, workflow)
            parent = self._get(item.parent) if item.parent is not None else None
            # A parent outside a partial replay still names the topic well enough.
            topic = (parent.topic if parent is not None else item.parent) if item.parent is not None else key
            plan, deadline = plan_and_deadline(item, workflow)
            row = Projected(item, topic, workflow.is_done(item.state), (0, 0) if workflow.progress else None,
                            event.seq, event.seq, deadline=deadline)
            touched[key] = row
            if parent is not None and parent.progress is not None and counts_toward(parent.item, item.kind, registry):
                done, total = parent.progress
                touched[parent.item.key] = parent._replace(progress=(done + row.done, total + 1))
            moments = (Moment(key, event.seq, event.occurred_on, item.state, row.done, plan, deadline),)
            before = None
        else:
            before = cast(Projected, get(key))  # every other event was decided against an existing item
            workflow = self._workflows[before.item.kind]
            item = apply(before.item, event, workflow)
            done = item.state in workflow.done_states
            row = Projected(item, before.topic, done, before.progress, before.created_seq, event.seq, before.blocked,
                            before.forecast, before.at_risk, before.deadline)
            touched[key] = row
            if done != before.done and item.parent is not None:
                parent = get(item.parent)
                if (parent is not None and parent.progress is not None
                        and counts_toward(parent.item, item.kind, registry)):
                    finished, total = parent.progress
                    touched[parent.item.key] = parent._replace(progress=(finished + done - before.done, total))
            if data:
                if KIND_ATTRIBUTE in data and row.progress is not None:  # it now counts another kind of child
                    counted = [c for c in self.rows.children(key) if counts_toward(item, c.item.kind, registry)]
                    row = touched[key] = row._replace(progress=(sum(c.done for c in counted), len(counted)))
                if type_ == DEPENDENCY_ADDED or type_ == DEPENDENCY_REMOVED:
                    edge = EdgeChange(event.seq, key, data["op"], event.occurred_on, type_ == DEPENDENCY_ADDED)
            moved = item.state != before.item.state
            if moved or (data and (PLAN_FIELD in data or DUE_FIELD in data
                                   or (workflow.deadline_field is not None and workflow.deadline_field in data))):
                plan, deadline = plan_and_deadline(item, workflow)
                if deadline != row.deadline:
                    row = touched[key] = row._replace(deadline=deadline)
                if moved or (plan, deadline) != plan_and_deadline(before.item, workflow):
                    moments = (Moment(key, event.seq, event.occurred_on, item.state, done, plan, deadline),)
        if self.graph is not None:
            follow_ups = self._graph(row, before, workflow, edge, event.occurred_on)
        words: list[Word] = []
        fields = self._shapes.get((workflow.kind, recorded.type))
        if fields is None or not recorded.data.keys() <= fields:  # most events use names already seen
            self._shapes[workflow.kind, recorded.type] = (fields or frozenset()) | recorded.data.keys()
            words = [w for w in words_of(workflow.kind, recorded) if w not in self.seen]
        if moments and (workflow.kind, row.item.state) not in self._states:
            self._states.add((workflow.kind, row.item.state))
            state = Word(workflow.kind, "state", row.item.state)
            if state not in self.seen:
                words.append(state)
        if words:
            self.seen.update(words)
        named = data.get(EVIDENCE) if data else None
        return Changes(touched.values(), key if before is None else None, moments, edge, tuple(words), follow_ups,
                       searchable(data, workflow) if data else None, tuple(named) if named else ())

    def _existing(self, key: str) -> Projected:
        return cast(Projected, self._get(key))  # the item of an event other than its creation exists

    def _put(self, row: Projected) -> None:
        self._touched[row.item.key] = row

    def _graph(self, row: Projected, before: Projected | None, workflow: Workflow, edge: EdgeChange | None,
               on: date) -> tuple[NewEvent, ...]:
        """Bring the graph up to date with this event; write the blocked flags, forecasts and risks it moved."""
        graph, key = cast(DependencyGraph, self.graph), row.item.key  # only called with a graph
        node = node_of(row, workflow)
        old = graph.nodes.get(key)
        affected = {key}
        if node != old:
            affected |= graph.put(node)
            if old is not None and node.done != old.done:
                affected |= set(graph.dependents(key))
        if edge is not None:
            change = graph.add_edge if edge.present else graph.remove_edge
            affected |= change(edge.dependent, edge.prerequisite)
        for other in affected:
            current = self._get(other)
            if current is None:
                continue
            fields = (graph.is_blocked(other), graph.forecast.get(other), graph.at_risk(other))
            if fields != (current.blocked, current.forecast, current.at_risk):
                self._put(current._replace(blocked=fields[0], forecast=fields[1], at_risk=fields[2]))
        if before is None or not row.done or before.done:
            return ()
        return tuple(self._unblocked(key, row.item.title, on))

    def _unblocked(self, key: str, title: str, on: date) -> Iterator[NewEvent]:
        """Each dependent whose last open prerequisite this was: a `gedeblokkeerd` for it (its reason names that
        prerequisite by its title, as the timeline shows it)."""
        graph = cast(DependencyGraph, self.graph)  # only called with a graph
        for dependent in sorted(graph.dependents(key)):
            if graph.is_blocked(dependent) or graph.node(dependent).done:
                continue
            current = self._existing(dependent)  # in the graph, so projected
            yield NewEvent(dependent, UNBLOCKED,
                           {"door": key, REASON: f"Alle vereiste items zijn gereed; als laatste {quoted(title)}."},
                           SYSTEM_ACTOR, max(on, current.item.updated_on))


class MemoryRows:
    """Rows held in memory: what a replay folds into."""

    def __init__(self):
        self.rows: dict[str, Projected] = {}
        self._children: dict[str, list[str]] = {}
        self.get = self.rows.get  # the dictionary's own lookup: called for nearly every event of a replay

    def children(self, key: str) -> Iterable[Projected]:
        return [self.rows[k] for k in self._children.get(key, ())]

    def write(self, changes: Changes) -> None:
        for row in changes.rows:
            self.rows[row.item.key] = row
        if changes.created is not None:
            parent = self.rows[changes.created].item.parent
            if parent is not None:
                self._children.setdefault(parent, []).append(changes.created)


@dataclass
class Replayed:
    items: dict[str, Projected]
    edges: set[tuple[str, str]]  # (dependent, prerequisite), as they stand after the last event
    moments: list[Moment] = field(default_factory=list)
    edge_changes: list[EdgeChange] = field(default_factory=list)
    words: dict[Word, int] = field(default_factory=dict)  # name -> seq of the first event using it
    graph: DependencyGraph | None = None
    texts: list[tuple[int, str, str]] = field(default_factory=list)  # (seq, item, text) for the full-text index
    documents: list[tuple[int, str]] = field(default_factory=list)  # (seq, digest): which event names which document


def replay(events: Iterable, registry: Registry, with_graph: bool = True, graph: DependencyGraph | None = None,
           check=None) -> Replayed:
    """Fold events, in sequence order, through the projector. `graph`: keep this graph current event by event
    (what an import that checks every rule needs); otherwise the graph is built once at the end.
    `check(event, rows, graph)`: called before each event is applied (rules an import enforces)."""
    rows = MemoryRows()
    projector = Projector(registry, rows, graph)
    moments: list[Moment] = []
    edge_changes: list[EdgeChange] = []
    edges: set[tuple[str, str]] = set()
    words: dict[Word, int] = {}
    texts: list[tuple[int, str, str]] = []
    documents: list[tuple[int, str]] = []
    table, children, seen_words = rows.rows, rows._children, words
    for event in events:
        if check is not None:
            check(event, rows, graph)
        changes = projector.apply(event)
        for row in changes.rows:  # MemoryRows.write, inlined: once per event
            table[row.item.key] = row
        if changes.created is not None:
            parent = table[changes.created].item.parent
            if parent is not None:
                children.setdefault(parent, []).append(changes.created)
        if changes.moments:
            moments.extend(changes.moments)
        edge = changes.edge
        if edge is not None:
            edge_changes.append(edge)
            if edge.present:
                edges.add((edge.dependent, edge.prerequisite))
            else:
                edges.discard((edge.dependent, edge.prerequisite))
        for word in changes.words:
            seen_words[word] = event.seq
        if changes.text is not None:
            texts.append((event.seq, event.item, changes.text))
        if changes.documents:
            documents.extend((event.seq, digest) for digest in changes.documents)
    items = rows.rows
    if graph is None and with_graph:
        graph = finish_graph(items, edges, registry)
    return Replayed(items, edges, moments, edge_changes, words, graph, texts, documents)


def finish_graph(items: dict[str, Projected], edges: Iterable[tuple[str, str]], registry: Registry) -> DependencyGraph:
    """Build the graph of every item at once and write its blocked flags, forecasts and risks into the rows."""
    graph = DependencyGraph.build((node_of(p, registry(p.item.kind)) for p in items.values()), edges)
    for key, p in items.items():
        fields = (graph.is_blocked(key), graph.forecast.get(key), graph.at_risk(key))
        if fields != (p.blocked, p.forecast, p.at_risk):
            items[key] = p._replace(blocked=fields[0], forecast=fields[1], at_risk=fields[2])
    return graph


def with_progress(projected: Mapping[str, Projected], registry: Registry) -> dict[str, Projected]:
    """Recount every parent's progress over the children present (after merging a partial replay with items
    known only by their state)."""
    counts: dict[str, list[int]] = {key: [0, 0] for key, p in projected.items()
                                    if registry(p.item.kind).progress is not None}
    for p in projected.values():
        parent = projected.get(p.item.parent) if p.item.parent is not None else None
        if parent is not None and parent.item.key in counts and counts_toward(parent.item, p.item.kind, registry):
            counts[parent.item.key][0] += p.done
            counts[parent.item.key][1] += 1
    return {key: p._replace(progress=(counts[key][0], counts[key][1])) if key in counts else p
            for key, p in projected.items()}
