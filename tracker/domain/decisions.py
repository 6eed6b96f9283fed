"""What a command must pass before it becomes an event. Recording and import both decide through here."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from . import access
from . import items as rules
from .access import Actor
from .errors import InvalidValue, NotAllowed, PrerequisitesNotDone, UnknownItem
from .events import NewEvent
from .graph import DependencyGraph
from .projection import Rows
from .workflow import DEPENDENCY_ADDED, DEPENDENCY_REMOVED, REASON, UNBLOCKED, Registry, Transition, Workflow


@dataclass(frozen=True, slots=True)
class Decision:
    version: int  # of the event to store
    data: dict[str, Any]  # as it will be stored
    occurred_on: date


@dataclass(frozen=True, slots=True)
class Circumstances:
    """Who asks and when. `actor=None`: a trusted local caller (seed, maintenance, an import's own actors).
    `internal`: the tracker's own follow-ups (e.g. gedeblokkeerd), and an import replaying them."""

    today: date
    actor: Actor | None = None
    internal: bool = False


def decide(command: NewEvent, rows: Rows, graph: DependencyGraph | None, registry: Registry,
           when: Circumstances) -> Decision:
    occurred_on = command.occurred_on or when.today
    if rules.is_creation(command.type):
        return _create(command, occurred_on, rows, graph, registry, when)
    return _change(command, occurred_on, rows, graph, registry, when)


def ancestry(key: str, rows: Rows, graph: DependencyGraph | None) -> list[str]:
    """The key and those of every item above it, up to the topic (from the graph when there is one)."""
    chain = [key]
    while len(chain) < 50:
        if graph is not None and chain[-1] in graph:
            parent = graph.node(chain[-1]).parent
        else:
            row = rows.get(chain[-1])
            parent = row.item.parent if row is not None else None
        if parent is None:
            break
        chain.append(parent)
    return chain


def _create(command: NewEvent, occurred_on: date, rows: Rows, graph, registry: Registry,
            when: Circumstances) -> Decision:
    data = command.data if isinstance(command.data, dict) else {}
    workflow = registry(str(data.get("kind", "")))
    parent_key = data.get("parent") or None
    parent = rows.get(parent_key) if isinstance(parent_key, str) else None
    access.check_reach(when.actor, [command.item] + (ancestry(parent.item.key, rows, graph) if parent else []))
    existing = rows.get(command.item) if isinstance(command.item, str) else None
    rules.check_new_item(command.item, existing.item if existing else None, workflow,
                         parent.item if parent else None, parent_key)
    rules.check_version(0, command.expected_version, command.item)
    access.check_role(when.actor, workflow.create_roles, f"een nieuwe {workflow.label.lower()}")
    allowed, required = rules.creation_fields(workflow)
    clean = rules.clean_data(command.data, workflow, allowed, required, f"een nieuwe {workflow.label.lower()}")
    if not clean.get("parent"):
        clean.pop("parent", None)
    rules.check_date(occurred_on, when.today, None, command.item)
    return Decision(1, clean, occurred_on)


def _change(command: NewEvent, occurred_on: date, rows: Rows, graph, registry: Registry,
            when: Circumstances) -> Decision:
    current = rows.get(command.item) if isinstance(command.item, str) else None
    if current is None:
        raise UnknownItem(f"Item {str(command.item)[:100]} bestaat niet.")
    item = current.item
    workflow = registry(item.kind)
    access.check_reach(when.actor, ancestry(item.key, rows, graph))  # before anything is revealed about the item
    rules.check_version(item.version, command.expected_version, item.key)
    transition = rules.transition_for(item, command.type, workflow)
    if transition.system and not when.internal:
        raise NotAllowed(f"'{command.type}' wordt door het volgsysteem zelf vastgelegd, niet door gebruikers.")
    access.check_role(when.actor, transition.roles, f"'{command.type}' op {item.key}")
    allowed = transition.required + transition.optional + (REASON,)
    clean = rules.clean_data(command.data, workflow, allowed, transition.required, f"'{command.type}' op {item.key}")
    rules.check_date(occurred_on, when.today, item.updated_on, item.key)
    if transition.requires_done_children:
        open_children = [c.item for c in rows.children(item.key)
                         if c.item.kind in transition.requires_done_children and not c.done]
        rules.check_children_done(item, transition, open_children, workflow, registry)
    _check_dependencies(item, workflow, transition, clean, rows, graph, registry)
    return Decision(item.version + 1, clean, occurred_on)


def _check_dependencies(item, workflow: Workflow, transition: Transition, data: dict, rows: Rows,
                        graph: DependencyGraph | None, registry: Registry) -> None:
    """A start or completion while blocked, an edge to nothing or one that closes a cycle, a reaction that names
    nothing: each refused before anything is written."""
    if transition.needs_prerequisites and graph is not None:
        blocking = sorted(graph.blocking(item.key))
        if blocking:
            found = {k: rows.get(k) for k in blocking}
            listed = ", ".join(
                f"{k} ({found[k].item.title}, {registry(found[k].item.kind).state_label(found[k].item.state)})"
                for k in blocking if found[k] is not None)
            raise PrerequisitesNotDone(
                f"{workflow.label} {item.key} kan '{transition.event}' niet vastleggen: het wacht nog op {listed}.",
                blocking=blocking)
    if transition.event == DEPENDENCY_ADDED:
        other = data["op"]
        if rows.get(other) is None:
            raise UnknownItem(f"Item {other[:100]} bestaat niet; {item.key} kan er niet van afhangen.",
                              errors={"op": ["Onbekend item."]})
        if graph is not None:
            graph.check_new_edge(item.key, other)
    elif transition.event == DEPENDENCY_REMOVED and graph is not None and data["op"] not in graph.prerequisites(item.key):
        raise InvalidValue(f"{item.key} hangt niet af van {data['op'][:100]}.", errors={"op": ["Bestaat niet."]})
    elif transition.event == UNBLOCKED:
        if rows.get(data["door"]) is None:
            raise UnknownItem(f"Item {data['door'][:100]} bestaat niet; het kan {item.key} niet deblokkeren.",
                              errors={"door": ["Onbekend item."]})
        if graph is not None and graph.is_blocked(item.key):
            raise PrerequisitesNotDone(f"{item.key} wacht nog op {', '.join(sorted(graph.blocking(item.key)))}; "
                                       "het is niet gedeblokkeerd.", blocking=sorted(graph.blocking(item.key)))
