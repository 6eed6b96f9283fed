"""The action forms on an item page: which the signed-in user may use, and reading them back."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tracker.domain import access
from tracker.domain.access import Actor
from tracker.domain.errors import InvalidValue, NotAllowed, TrackerError
from tracker.domain.events import NewEvent, StoredEvent
from tracker.domain.evidence import EVIDENCE
from tracker.domain.projection import Projected
from tracker.domain.roles import BEHEERDER
from tracker.domain.workflow import (
    AFTER_FIXING,
    CORRECTED,
    CREATED,
    LATE,
    MAINTENANCE,
    OUTSIDE_DUTIES,
    REASON,
    FieldSpec,
    Workflow,
)

EXTRA_FIELDS = {  # event data that is not an attribute of the item
    "op": FieldSpec("op", "text", "Vereist item (sleutel)"),
    "title": FieldSpec("title", "text", "Titel"),
    REASON: FieldSpec(REASON, "text", "Toelichting"),
}


MARKS = {  # what the tracker marked on an event, as the timeline says it
    OUTSIDE_DUTIES: "door een beheerder, buiten de normale taken",
    LATE: "late correctie",
    AFTER_FIXING: "correctie na vaststelling",
    MAINTENANCE: "onderhoud",
}


@dataclass(frozen=True)
class Action:
    event: str
    label: str
    to_label: str | None
    fields: list[tuple[FieldSpec, bool]]  # (spec, required)
    evidence: bool = False  # at least one document is required


def event_labels(workflow: Workflow) -> dict[str, str]:
    labels = {t.event: t.label for t in workflow.transitions}
    labels.update({old: labels[new] for old, new in workflow.renamed.get("events", {}).items() if new in labels})
    labels[CREATED] = "Aangemaakt"
    return labels


def _spec(workflow: Workflow, name: str) -> FieldSpec:
    return workflow.fields.get(name) or EXTRA_FIELDS.get(name) or FieldSpec(name, "text", name)


def actions_for(tracker, actor: Actor | None, projected: Projected, workflow: Workflow) -> list[Action]:
    """The transitions this user may make on this item now, as forms."""
    if actor is None:
        return []
    graph_ancestry = ancestry(tracker, projected.item.key)
    try:
        access.check_reach(actor, graph_ancestry)
    except NotAllowed:
        return []
    actions = []
    state = projected.item.state
    for transition in workflow.allowed(state):
        if transition.system:
            continue
        try:
            access.check_role(actor, transition.roles, transition.event)
        except NotAllowed:
            continue
        names = list(dict.fromkeys(transition.required + transition.optional + (REASON,)))
        if transition.event == CORRECTED:  # only the fields this role may set
            names = [n for n in names
                     if actor.role == BEHEERDER or actor.role in (workflow.roles_for(n) or (actor.role,))]
        fields = [(_spec(workflow, n), n in transition.required) for n in names]
        target = transition.to_state(state)
        actions.append(Action(transition.event, transition.label,
                              workflow.state_label(target) if target != state else None, fields, transition.evidence))
    return actions


def ancestry(tracker, key: str) -> list[str]:
    from tracker.services import queries

    chain = [key]
    current = queries.get_item(tracker, key)
    while current.item.parent is not None and len(chain) < 50:
        chain.append(current.item.parent)
        current = queries.get_item(tracker, current.item.parent)
    return chain


@dataclass
class Submitted:
    """What the user typed, kept whole so that an error never loses it."""

    event: str
    version: int | None
    occurred_on: str
    values: dict[str, str] = field(default_factory=dict)
    raw_version: str = ""  # as sent: a version that is no number is refused, never ignored
    documents: list[str] = field(default_factory=list)  # names of the files chosen (a browser never sends them again)

    @classmethod
    def from_form(cls, form) -> Submitted:
        raw_version = form.get("version", "")
        values = {k[5:]: v for k, v in form.items() if k.startswith("veld-")}
        # ASCII digits only: str.isdigit also takes '²', which int() refuses.
        version = int(raw_version) if re.fullmatch(r"[0-9]{1,9}", raw_version) else None
        return cls(form.get("event", ""), version,
                   form.get("occurred_on", "").strip(), values, raw_version)

    def command(self, key: str, actor: str, workflow: Workflow, evidence: list[str] | None = None) -> NewEvent:
        """The event the form asks for; `evidence`: the SHA-256 digests of the documents it brought."""
        if self.raw_version and self.version is None:
            raise InvalidValue(f"Versie '{self.raw_version[:20]}' is ongeldig: verwacht 1 tot 9 cijfers 0-9. Laad "
                               "het item opnieuw.", errors={"version": ["Geen versie."]})
        occurred = None
        if self.occurred_on:
            try:
                occurred = date.fromisoformat(self.occurred_on)
            except ValueError:
                from tracker.domain.errors import InvalidDate

                raise InvalidDate("Vul de datum in als JJJJ-MM-DD.",
                                  errors={"occurred_on": ["Ongeldige datum."]}) from None
        data: dict = {name: value.strip() for name, value in self.values.items() if value.strip() != ""}
        if evidence:
            data[EVIDENCE] = list(evidence)
        return NewEvent(key, self.event, data, actor, occurred, self.version)

    def state(self, error: TrackerError) -> dict:
        return {"event": self.event, "values": dict(self.values), "occurred_on": self.occurred_on,
                "version": self.version, "message": error.message, "errors": error.errors or {},
                "documents": list(self.documents)}


def changes_since(history: list[StoredEvent], version: int | None) -> list[StoredEvent]:
    """The events a stale form did not know about: who changed the item meanwhile."""
    return [e for e in history if version is None or e.version > version]


STARTS = ("gestart", "overgenomen_als_lopend")


def baseline(history: list[StoredEvent], workflow: Workflow) -> str | None:
    """The date planned when the item (last) started: what delivery on time is measured against."""
    field = workflow.deadline_field
    starts = [e for e in history if e.type in STARTS and field and e.data.get(field)]
    return starts[-1].data[field] if starts and field else None


def conditions_reopened(projected: Projected) -> int:
    """A started project with conditions the CIO has not (or no longer) accepted: how many."""
    if projected.item.state != "gestart" or projected.progress is None:
        return 0
    done, total = projected.progress
    return total - done


def series(history: list[StoredEvent], workflow: Workflow) -> tuple[list[FieldSpec], list[StoredEvent]]:
    """Fields that belong to their event (a verdict per VO year) and the events that carry them, newest first."""
    specs = [spec for spec in workflow.fields.values() if spec.per_event]
    names = {spec.name for spec in specs}
    return specs, [e for e in reversed(history) if names & set(e.data)]
