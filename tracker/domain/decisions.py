"""What a command must pass before it becomes an event. Recording and import both decide through here.

Besides the workflow's rules: who may set which field (a beheerder may do more, and is marked for it), and
honest dates (not before the item or its parent existed, not further back than the actor's window, not on or
before a peildatum the Bestuursraad fixed).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from . import access, evidence
from . import items as rules
from .access import ROLE_LABELS, Actor
from .dates import verantwoordingsdag
from .errors import (
    DuplicateItem,
    InvalidDate,
    InvalidValue,
    MissingField,
    NotAllowed,
    PrerequisitesNotDone,
    UnknownItem,
)
from .events import NewEvent
from .evidence import EVIDENCE
from .graph import DependencyGraph
from .naming import kind_word, quoted, subject
from .projection import Projected, Rows
from .roles import BEHEERDER
from .workflow import (
    AFTER_FIXING,
    DEPENDENCY_ADDED,
    DEPENDENCY_REMOVED,
    LATE,
    MARKS,
    OUTSIDE_DUTIES,
    REASON,
    UNBLOCKED,
    Registry,
    Transition,
    Workflow,
)


@dataclass(frozen=True, slots=True)
class Decision:
    version: int  # of the event to store
    data: dict[str, Any]  # as it will be stored
    occurred_on: date


@dataclass(frozen=True, slots=True)
class Circumstances:
    """Who asks and when. `actor=None`: a trusted local caller (seed, maintenance, an import's own actors),
    to whom roles, windows and fixed peildata do not apply. `internal`: the tracker's own follow-ups (e.g.
    gedeblokkeerd), and an import replaying them. `window`: how many days back the actor may date an event.
    `fixed`: per topic, the latest peildatum the Bestuursraad fixed."""

    today: date
    actor: Actor | None = None
    internal: bool = False
    window: int | None = None
    fixed: Mapping[str, date] = field(default_factory=dict)


def decide(command: NewEvent, rows: Rows, graph: DependencyGraph | None, registry: Registry,
           when: Circumstances) -> Decision:
    occurred_on = command.occurred_on or when.today
    data = dict(command.data) if isinstance(command.data, Mapping) else command.data
    marks: dict[str, bool] = {}
    if when.actor is None and isinstance(data, dict):  # a trusted caller brings its own marks (an import)
        for mark in MARKS:
            if mark in data:
                if data.pop(mark) is not True:
                    raise InvalidValue(f"Markering {mark} heeft alleen de waarde true.", errors={mark: ["Ongeldig."]})
                marks[mark] = True
    command = NewEvent(command.item, command.type, data, command.actor, command.occurred_on,
                       command.expected_version, command.idempotency_key)
    if rules.is_creation(command.type):
        decision = _create(command, occurred_on, rows, graph, registry, when)
    else:
        decision = _change(command, occurred_on, rows, graph, registry, when)
    decision.data.update(marks)
    return decision


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


def _titles(rows: Rows, known: dict | None = None):
    """Names for a message: an item's title where it is known, else its key."""
    def title(key: str) -> str:
        if known and key in known:
            return known[key]
        row = rows.get(key)
        return row.item.title if row is not None else key
    return title


def _create(command: NewEvent, occurred_on: date, rows: Rows, graph, registry: Registry,
            when: Circumstances) -> Decision:
    data = command.data if isinstance(command.data, dict) else {}
    workflow = registry(str(data.get("kind", "")))
    parent_key = data.get("parent") or None
    parent = rows.get(parent_key) if isinstance(parent_key, str) else None
    access.check_reach(when.actor, [command.item] + (ancestry(parent.item.key, rows, graph) if parent else []),
                       _titles(rows, {command.item: str(data.get("title") or command.item)}))
    existing = rows.get(command.item) if isinstance(command.item, str) else None
    rules.check_new_item(command.item, existing.item if existing else None, workflow,
                         parent.item if parent else None, parent_key)
    rules.check_version(0, command.expected_version, command.item)
    access.check_role(when.actor, workflow.create_roles, f"een nieuwe {kind_word(workflow.label)}")
    allowed, required = rules.creation_fields(workflow)
    clean = rules.clean_data(command.data, workflow, allowed, required, f"een nieuwe {kind_word(workflow.label)}")
    if not clean.get("parent"):
        clean.pop("parent", None)
    rules.check_date(occurred_on, when.today, None, command.item)
    _check_years(workflow, clean, occurred_on)
    _check_references(command.item, workflow, clean, parent_key, rows)
    if parent is not None and occurred_on < parent.item.created_on:
        raise InvalidDate(
            f"{subject(clean['title'], workflow.label)} kan niet bestaan vóór {quoted(parent.item.title)} "
            f"({parent.item.created_on.isoformat()}); kies een datum op of na die dag.",
            errors={"occurred_on": [f"Niet vóór {parent.item.created_on.isoformat()}."]})
    topic = parent.topic if parent is not None else command.item
    _check_time(command, occurred_on, topic, when, clean)
    return Decision(1, clean, occurred_on)


def _change(command: NewEvent, occurred_on: date, rows: Rows, graph, registry: Registry,
            when: Circumstances) -> Decision:
    current = rows.get(command.item) if isinstance(command.item, str) else None
    if current is None:
        raise UnknownItem(f"Item {str(command.item)[:100]} bestaat niet.")
    item = current.item
    workflow = registry(item.kind)
    # before anything is revealed about the item
    access.check_reach(when.actor, ancestry(item.key, rows, graph), _titles(rows))
    rules.check_version(item.version, command.expected_version, item.key, item.title)
    transition = rules.transition_for(item, command.type, workflow)
    if transition.system and not when.internal:
        raise NotAllowed(f"'{transition.label}' wordt door het volgsysteem zelf vastgelegd, niet door gebruikers.")
    action = f"'{transition.label}' op {quoted(item.title)}"
    access.check_role(when.actor, transition.roles, action)
    allowed = transition.required + transition.optional + (REASON, EVIDENCE)
    clean = rules.clean_data(command.data, workflow, allowed, transition.required, action)
    _check_fields(quoted(item.title), workflow, transition, clean, when)
    rules.check_date(occurred_on, when.today, item.updated_on, quoted(item.title))
    _check_years(workflow, clean, occurred_on)
    _check_references(item.key, workflow, clean, item.parent, rows)
    _check_time(command, occurred_on, current.topic, when, clean)
    if transition.requires_done_children:
        open_children = [c.item for c in rows.children(item.key)
                         if c.item.kind in transition.requires_done_children and not c.done]
        rules.check_children_done(item, transition, open_children, workflow, registry)
    _check_dependencies(current, workflow, transition, clean, occurred_on, rows, graph, registry)
    # People bring documents where the definitions ask for them (asked last: whether the claim may be made at all
    # comes first); the seed and an import replay what was accepted.
    evidence.check_required(transition.evidence and when.actor is not None, clean, action, workflow.evidence)
    return Decision(item.version + 1, clean, occurred_on)


def _duty(roles) -> str:
    return " of ".join(ROLE_LABELS[r] for r in roles) or "het volgsysteem zelf"


def _check_fields(name: str, workflow: Workflow, transition: Transition, data: dict, when: Circumstances) -> None:
    """Each field belongs to the roles that may set it. A beheerder may set any, but outside the normal duties
    only with a reason, and the event says so. `name`: the item as the message names it."""
    actor = when.actor
    if actor is None:
        return
    foreign = [(name, roles) for name in data if (roles := workflow.roles_for(name)) is not None
               and actor.role not in roles]
    if actor.role != BEHEERDER:
        if foreign:
            labels = ", ".join(f"{workflow.fields[n].label if n in workflow.fields else n} ({_duty(r)})"
                               for n, r in foreign)
            raise NotAllowed(f"U mag op {name} niet wijzigen: {labels}. Dat zijn de gegevens van een andere rol.",
                             role=actor.role, errors={n: ["Niet uw gegeven."] for n, _ in foreign})
        return
    if foreign or BEHEERDER not in transition.roles:
        if not data.get(REASON):
            raise MissingField(
                f"Als beheerder legt u hier iets vast dat normaal aan de rol {_duty(transition.roles)} is; "
                "geef in de toelichting aan waarom.", errors={REASON: ["Verplicht buiten de normale taken."]})
        data[OUTSIDE_DUTIES] = True


def _check_references(key: str, workflow: Workflow, data: dict, parent: str | None, rows: Rows) -> None:
    """A field naming another item names one that exists, of its kind; where it must be unique under the parent
    (one NIGS traject per employer per route), no sibling names it already."""
    for name, value in data.items():
        spec = workflow.fields.get(name)
        if spec is None or spec.refers_to is None:
            continue
        other = rows.get(value)
        if other is None or other.item.kind != spec.refers_to:
            raise UnknownItem(f"{spec.label} {value} staat niet in het register ({spec.refers_to}).",
                              errors={name: ["Onbekend in het register."]})
        if spec.unique_under_parent and parent is not None:
            twin = next((c for c in rows.children(parent)
                         if c.item.key != key and c.item.attributes.get(name) == value), None)
            if twin is not None:
                raise DuplicateItem(f"{quoted(other.item.title)} heeft hier al een {kind_word(workflow.label)}: "
                                    f"{quoted(twin.item.title)}; één per {kind_word(spec.label)}.",
                                    errors={name: ["Komt al voor."]})


def _check_years(workflow: Workflow, data: dict, occurred_on: date) -> None:
    """A verdict or recommendation exists from its VO's publication; a measurement for a year is not dated before
    that year begins (so no year after the date's own is measured)."""
    for name, value in data.items():
        spec = workflow.fields.get(name)
        if spec is None or not isinstance(value, int):
            continue
        if spec.published and occurred_on < (published := verantwoordingsdag(value)):
            raise InvalidDate(
                f"Het verantwoordingsonderzoek {value} is pas op {published.isoformat()} gepubliceerd "
                f"(Verantwoordingsdag); wat eruit voortkomt kan niet op {occurred_on.isoformat()} bestaan.",
                errors={"occurred_on": [f"Op of na {published.isoformat()}."]})
        if spec.from_year and occurred_on < date(value, 1, 1):
            raise InvalidDate(
                f"{spec.label} {value} kan niet op {occurred_on.isoformat()} zijn vastgesteld: dat jaar was toen nog "
                f"niet begonnen.", errors={name: [f"Hoogstens {occurred_on.year}."]})


def _check_time(command: NewEvent, occurred_on: date, topic: str, when: Circumstances, data: dict) -> None:
    """How far back the actor may date an event, and what a fixed peildatum closes."""
    actor = when.actor
    if actor is None:
        return
    if when.window is not None and occurred_on < when.today - timedelta(days=when.window):
        if actor.role != BEHEERDER:
            raise InvalidDate(
                f"De datum {occurred_on.isoformat()} ligt {(when.today - occurred_on).days} dagen terug; met de rol "
                f"{ROLE_LABELS[actor.role]} mag u hoogstens {when.window} dagen terug dateren. Vraag een beheerder "
                "om een late correctie.", errors={"occurred_on": [f"Hoogstens {when.window} dagen terug."]})
        if not data.get(REASON):
            raise MissingField(f"Een late correctie (meer dan {when.window} dagen terug) vraagt een toelichting.",
                               errors={REASON: ["Verplicht bij een late correctie."]})
        data[LATE] = True
    fixed = when.fixed.get(topic)
    if fixed is not None and occurred_on <= fixed:
        if actor.role != BEHEERDER:
            raise InvalidDate(
                f"De peildatum {fixed.isoformat()} is vastgesteld: gebeurtenissen op of vóór die datum kunnen niet "
                "meer worden vastgelegd. Kies een latere datum, of vraag een beheerder om een correctie na "
                "vaststelling.", errors={"occurred_on": [f"Na {fixed.isoformat()}."]})
        if not data.get(REASON):
            raise MissingField(f"Een correctie na vaststelling van peildatum {fixed.isoformat()} vraagt een "
                               "toelichting.", errors={REASON: ["Verplicht bij een correctie na vaststelling."]})
        data[AFTER_FIXING] = True


def _check_dependencies(current: Projected, workflow: Workflow, transition: Transition, data: dict,
                        occurred_on: date, rows: Rows, graph: DependencyGraph | None, registry: Registry) -> None:
    """A start or completion while blocked, an edge to nothing or one that closes a cycle, a reaction that names
    nothing: each refused before anything is written."""
    item = current.item
    finishing = (transition.target is not None and workflow.is_done(transition.target)
                 and transition.while_blocked is None)
    if (transition.needs_prerequisites or finishing) and graph is not None and item.key in graph:
        blocking = sorted(graph.blocking(item.key))
        if blocking:
            found = [p for p in (rows.get(k) for k in blocking) if p is not None]
            listed = ", ".join(f"{quoted(p.item.title)} ({registry(p.item.kind).state_label(p.item.state)})"
                               for p in found)
            raise PrerequisitesNotDone(
                f"{subject(item.title, workflow.label)} kan '{transition.label}' niet vastleggen: het wacht nog op "
                f"{listed}.", blocking=blocking)
    if transition.event == DEPENDENCY_ADDED:
        other = rows.get(data["op"])
        if other is None:
            raise UnknownItem(f"Item {data['op'][:100]} bestaat niet; {quoted(item.title)} kan er niet van afhangen.",
                              errors={"op": ["Onbekend item."]})
        if other.item.created_on > occurred_on:
            raise InvalidDate(f"{quoted(other.item.title)} bestaat pas vanaf {other.item.created_on.isoformat()}; "
                              "een afhankelijkheid ervan kan niet eerder ingaan.",
                              errors={"occurred_on": ["Te vroeg."]})
        if graph is not None:
            graph.check_new_edge(item.key, data["op"], lambda key: _named(key, rows))
    elif (transition.event == DEPENDENCY_REMOVED and graph is not None
          and data["op"] not in graph.prerequisites(item.key)):
        raise InvalidValue(f"{quoted(item.title)} hangt niet af van {_named(data['op'], rows)}.",
                           errors={"op": ["Bestaat niet."]})
    elif transition.event == UNBLOCKED:
        if rows.get(data["door"]) is None:
            raise UnknownItem(f"Item {data['door'][:100]} bestaat niet; het kan {quoted(item.title)} niet "
                              "deblokkeren.", errors={"door": ["Onbekend item."]})
        if graph is not None and graph.is_blocked(item.key):
            waiting = sorted(graph.blocking(item.key))
            raise PrerequisitesNotDone(f"{quoted(item.title)} wacht nog op "
                                       f"{', '.join(_named(k, rows) for k in waiting)}; het is niet "
                                       "gedeblokkeerd.", blocking=waiting)


def _named(key: str, rows: Rows) -> str:
    """An item as a message names it: by its (shortened) title; by its key only when there is no such item."""
    found = rows.get(key)
    return quoted(found.item.title) if found is not None else str(key)[:100]
