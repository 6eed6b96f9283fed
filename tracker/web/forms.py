"""The action forms on an item page: which the signed-in user may use, and reading them back."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.domain import access
from tracker.domain.access import Actor
from tracker.domain.errors import NotAllowed, TrackerError
from tracker.domain.events import NewEvent, StoredEvent
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
    graph_ancestry = _ancestry(tracker, projected.item.key)
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
                              workflow.state_label(target) if target != state else None, fields))
    return actions


def _ancestry(tracker, key: str) -> list[str]:
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

    @classmethod
    def from_form(cls, form) -> Submitted:
        raw_version = form.get("version", "")
        values = {k[5:]: v for k, v in form.items() if k.startswith("veld-")}
        return cls(form.get("event", ""), int(raw_version) if raw_version.isdigit() else None,
                   form.get("occurred_on", "").strip(), values)

    def command(self, key: str, actor: str, workflow: Workflow) -> NewEvent:
        occurred = None
        if self.occurred_on:
            try:
                occurred = date.fromisoformat(self.occurred_on)
            except ValueError:
                from tracker.domain.errors import InvalidDate

                raise InvalidDate("Vul de datum in als JJJJ-MM-DD.",
                                  errors={"occurred_on": ["Ongeldige datum."]}) from None
        data = {name: value.strip() for name, value in self.values.items() if value.strip() != ""}
        return NewEvent(key, self.event, data, actor, occurred, self.version)

    def state(self, error: TrackerError) -> dict:
        return {"event": self.event, "values": dict(self.values), "occurred_on": self.occurred_on,
                "version": self.version, "message": error.message, "errors": error.errors or {}}


def changes_since(history: list[StoredEvent], version: int | None) -> list[StoredEvent]:
    """The events a stale form did not know about: who changed the item meanwhile."""
    return [e for e in history if version is None or e.version > version]
