"""Workflow definitions as plain data: states, transitions and fields of one item kind.

Definitions come from files in `workflows/` (see `tracker.services.definitions`); this module
only knows the shape and the rules, so it can be tested without any file.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple

from .evidence import EvidenceRules

ANY_STATE = "*"
CREATED = "aangemaakt"
REMARK = "opmerking"
CORRECTED = "gegevens_gewijzigd"
REASON = "toelichting"
DEPENDENCY_ADDED = "afhankelijkheid_toegevoegd"
DEPENDENCY_REMOVED = "afhankelijkheid_verwijderd"
PLANNED = "planning_vastgesteld"
UNBLOCKED = "gedeblokkeerd"
PLAN_FIELD = "gepland"
TITLE = "title"
# Who answers for an item, where, and by when: every kind carries these, each set by an event.
OWNER_FIELD = "eigenaar"  # an account or a named function, e.g. "Programma Munitiebeheer (COMMIT)"
UNIT_FIELD = "onderdeel"  # the defensieonderdeel (an item of that register)
DUE_FIELD = "uiterlijk"  # the deadline, unless the kind holds its items to another field (deadline_field)
UNITS = "defensieonderdeel"
ASSIGNED = "verantwoordelijkheid_vastgelegd"
# Marks the tracker itself writes into an event's data, never a user: what a reader of the history must see.
OUTSIDE_DUTIES = "buiten_taak"  # a beheerder did what is someone else's duty
LATE = "late_correctie"  # a beheerder dated it further back than the window allows
AFTER_FIXING = "na_vaststelling"  # dated on or before a peildatum the Bestuursraad fixed
MAINTENANCE = "onderhoud"  # recorded on the command line as maintenance, outside the rules of roles
MARKS = (OUTSIDE_DUTIES, LATE, AFTER_FIXING, MAINTENANCE)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    type: str  # text | integer | decimal | date | year | boolean | choice
    label: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    required: bool = False  # required when the item is created
    range_text: str | None = None  # the allowed range written out for messages, e.g. "1,0–4,0"
    roles: tuple[str, ...] = ()  # who may set it, corrections included (beheerder: always, shown as such)
    published: bool = False  # a VO year: an event carrying it is dated on or after that VO's Verantwoordingsdag
    from_year: bool = False  # a year: an event carrying it is dated in or after that year
    per_event: bool = False  # belongs to the event that carries it (a year's verdict), not kept on the item
    refers_to: str | None = None  # type "item": the kind of item it names
    unique_under_parent: bool = False  # no two items under one parent name the same value


@dataclass(frozen=True, slots=True)
class Transition:
    event: str
    sources: tuple[str, ...]
    target: str | None  # None: the state does not change
    label: str
    roles: tuple[str, ...]
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    new_cycle: bool = False
    needs_prerequisites: bool = False
    requires_done_children: tuple[str, ...] = ()  # kinds of children that must all be done first
    system: bool = False  # written by the tracker itself (e.g. gedeblokkeerd), never by a user
    while_blocked: str | None = None  # why this may reach a done state while a prerequisite is open
    awaited: str | None = None  # items in its source states wait for its roles (shown on their work list)
    evidence: bool = False  # recording it asks for at least one document

    def applies_to(self, state: str) -> bool:
        return ANY_STATE in self.sources or state in self.sources

    def to_state(self, state: str) -> str:
        return state if self.target is None else self.target


@dataclass(frozen=True, slots=True)
class Progress:
    label: str  # e.g. "{done} van {total} aanbevelingen opgevolgd"
    child_kind: str | None = None  # None: every direct child counts

    def counts(self, child_kind: str) -> bool:
        return self.child_kind is None or self.child_kind == child_kind


@dataclass(frozen=True)
class Workflow:
    kind: str
    label: str
    plural: str
    source: str  # file it came from, for messages
    states: Mapping[str, str]  # machine name -> Dutch label
    initial_state: str
    done_states: frozenset[str]
    transitions: tuple[Transition, ...]
    fields: Mapping[str, FieldSpec] = field(default_factory=dict)
    parents: tuple[str, ...] = ()
    create_roles: tuple[str, ...] = ("beheerder",)
    cyclic: bool = False
    score_field: str | None = None
    deadline_field: str | None = None  # what the item is held to (year: 31 December of it)
    progress: Progress | None = None
    title_roles: tuple[str, ...] = ("beheerder",)  # who may correct an item's title
    counting: str | None = None  # how its items count in a report, in words (printed with the report)
    evidence: EvidenceRules = field(default_factory=EvidenceRules)  # the documents its events may carry
    # Names this definition once used, and what they are called now: {"states"|"events"|"fields": {old: new}}
    renamed: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    _index: Mapping[tuple[str, str], Transition] = field(init=False, repr=False, compare=False)
    kept: frozenset[str] = field(init=False, repr=False, compare=False)  # fields an item keeps as attributes
    _events: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        index: dict[tuple[str, str], Transition] = {}
        for transition in self.transitions:
            sources = self.states if ANY_STATE in transition.sources else transition.sources
            for state in sources:
                index.setdefault((transition.event, state), transition)
        object.__setattr__(self, "_index", MappingProxyType(index))
        object.__setattr__(self, "_events", frozenset(t.event for t in self.transitions))
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))
        object.__setattr__(self, "kept", frozenset(n for n, spec in self.fields.items() if not spec.per_event))
        object.__setattr__(self, "states", MappingProxyType(dict(self.states)))
        object.__setattr__(self, "renamed", MappingProxyType({k: MappingProxyType(dict(v))
                                                             for k, v in self.renamed.items() if v}))

    def knows_event(self, event: str) -> bool:
        return event in self._events

    def transition(self, event: str, state: str) -> Transition | None:
        return self._index.get((event, state))

    def allowed(self, state: str) -> list[Transition]:
        """Transitions possible from `state`, in definition order."""
        return [t for t in self.transitions if t.applies_to(state)]

    def is_done(self, state: str) -> bool:
        return state in self.done_states

    def roles_for(self, name: str) -> tuple[str, ...] | None:
        """Who may set this field (None: not a field of this kind, e.g. toelichting, which anyone may write)."""
        if name == TITLE:
            return self.title_roles
        spec = self.fields.get(name)
        return spec.roles if spec is not None else None

    def state_label(self, state: str) -> str:
        return self.states.get(state, state)

    def event_label(self, event: str) -> str:
        """What people call this event: its transition's Dutch label ("Opgevolgd melden")."""
        return next((t.label for t in self.transitions if t.event == event), event.replace("_", " "))

    @property
    def event_types(self) -> list[str]:
        return sorted(self._events)


def describe_allowed(workflow: Workflow, state: str) -> str:
    """Dutch list of what may happen next, by the actions' labels, e.g. "'Opgevolgd melden' (→ opgevolgd),
    'Opmerking plaatsen'" (the machine names are in the refusal's `allowed`, for programs)."""
    parts = []
    for t in workflow.allowed(state):
        if t.system:
            continue
        if t.target is None or t.target == state:
            parts.append(f"'{t.label}'")
        else:
            parts.append(f"'{t.label}' (→ {workflow.state_label(t.target)})")
    return ", ".join(parts) if parts else "geen"


class Canonical(NamedTuple):
    """An event as the current definitions name it (same attributes as a stored event's fact)."""

    seq: int
    item: str
    version: int
    type: str
    data: Mapping[str, Any]
    occurred_on: date


class Registry:
    """All workflow definitions, by kind."""

    def __init__(self, workflows: Mapping[str, Workflow], fingerprint: str = ""):
        self._workflows = dict(workflows)
        self.fingerprint = fingerprint  # of the definition files: projections computed with others are stale
        self.renames = any(w.renamed for w in self._workflows.values())

    def canonical(self, event, kind: str | None):
        """The event with the event type and field names its kind's definition uses now (renames are declared
        in the definition, so the log itself never changes). `kind`: the item's kind; None for a creation."""
        workflow = self._workflows.get(kind if kind is not None else event.data.get("kind"))
        if workflow is None or not workflow.renamed:
            return event
        events, fields = workflow.renamed.get("events", {}), workflow.renamed.get("fields", {})
        data = {fields.get(name, name): value for name, value in event.data.items()} if fields else event.data
        return Canonical(event.seq, event.item, event.version, events.get(event.type, event.type), data,
                         event.occurred_on)

    def former_event_types(self, types) -> set[str]:
        """These event types and every name they had before (to find them in the log)."""
        wanted = set(types)
        for workflow in self._workflows.values():
            wanted |= {old for old, new in workflow.renamed.get("events", {}).items() if new in wanted}
        return wanted

    def __call__(self, kind: str) -> Workflow:
        try:
            return self._workflows[kind]
        except KeyError:
            from .errors import UnknownKind

            raise UnknownKind(
                f"Onbekende soort '{kind}'; bekend zijn: {', '.join(sorted(self._workflows))}.",
                errors={"kind": ["Onbekende soort."]},
            ) from None

    def __contains__(self, kind: str) -> bool:
        return kind in self._workflows

    def __iter__(self):
        return iter(self._workflows.values())

    def kinds(self) -> list[str]:
        return sorted(self._workflows)
