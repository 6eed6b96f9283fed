"""Load and validate the workflow definitions in `workflows/*.toml`.

A malformed definition stops start-up with a DefinitionError naming the file and
the field, e.g. `workflows/aanbeveling.toml: transitions.2.to: onbekende staat 'klaar'`.
"""
from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

from marshmallow import ValidationError

from tracker.domain.errors import DefinitionError
from tracker.domain.evidence import EvidenceRules
from tracker.domain.roles import BEHEERDER, EIGENAAR, WRITE_ROLES
from tracker.domain.workflow import (
    ANY_STATE,
    ASSIGNED,
    CORRECTED,
    DEPENDENCY_ADDED,
    DEPENDENCY_REMOVED,
    DUE_FIELD,
    OWNER_FIELD,
    PLAN_FIELD,
    PLANNED,
    REASON,
    REMARK,
    TITLE,
    UNBLOCKED,
    UNIT_FIELD,
    UNITS,
    FieldSpec,
    Progress,
    Registry,
    Transition,
    Workflow,
)
from tracker.services import dutch

from .definition_schema import WorkflowSchema, flatten


def _builtin_transitions(field_names: list[str]) -> list[Transition]:
    """Events every kind allows in every state: a remark, a correction, a plan, the dependency changes and the
    tracker's own `gedeblokkeerd`."""
    return [
        Transition(REMARK, (ANY_STATE,), None, "Opmerking plaatsen", WRITE_ROLES, required=(REASON,)),
        # Every writing role may correct, but only the fields it may set (FieldSpec.roles).
        Transition(CORRECTED, (ANY_STATE,), None, "Gegevens corrigeren", WRITE_ROLES,
                   required=(REASON,), optional=tuple(field_names) + (TITLE,)),
        Transition(PLANNED, (ANY_STATE,), None, "Planning vastleggen", (EIGENAAR, BEHEERDER),
                   required=(PLAN_FIELD, REASON)),
        Transition(ASSIGNED, (ANY_STATE,), None, "Eigenaar, onderdeel en deadline vastleggen", (BEHEERDER,),
                   optional=(OWNER_FIELD, UNIT_FIELD, DUE_FIELD, REASON)),
        Transition(DEPENDENCY_ADDED, (ANY_STATE,), None, "Afhankelijkheid toevoegen", (BEHEERDER,),
                   required=("op",), optional=(REASON,)),
        Transition(DEPENDENCY_REMOVED, (ANY_STATE,), None, "Afhankelijkheid verwijderen", (BEHEERDER,),
                   required=("op",), optional=(REASON,)),
        Transition(UNBLOCKED, (ANY_STATE,), None, "Gedeblokkeerd", (), required=("door",), optional=(REASON,),
                   system=True),
    ]


def _build(data: dict, source: str) -> Workflow:
    own = [
        Transition(
            t["event"], tuple(t["from_"]), t["to"], t["label"], tuple(t["roles"]),
            tuple(t["required"]), tuple(t["optional"]), t["new_cycle"], t["needs_prerequisites"],
            tuple(t["requires_done_children"]), while_blocked=t["while_blocked"], awaited=t["awaited"],
            evidence=t["evidence"],
        )
        for t in data["transitions"]
    ]
    create_roles = tuple(data["create_roles"])
    specs = {
        name: FieldSpec(name, f["type"], f["label"], f["min"], f["max"], tuple(f["choices"]), f["required"],
                        _range_text(f), tuple(f["roles"]) if f["roles"] else _carriers(name, own, create_roles),
                        f["published"], f["from_year"], f["per_event"], f["kind"], f["unique_under_parent"])
        for name, f in data["fields_"].items()
    }
    # Every item may carry a plan (the owner's), and an owner, a unit and a deadline (which a beheerder assigns).
    specs[PLAN_FIELD] = FieldSpec(PLAN_FIELD, "date", "Gepland gereed", roles=(EIGENAAR, BEHEERDER))
    specs[OWNER_FIELD] = FieldSpec(OWNER_FIELD, "text", "Eigenaar", roles=(BEHEERDER,))
    specs[UNIT_FIELD] = FieldSpec(UNIT_FIELD, "item", "Defensieonderdeel", roles=(BEHEERDER,), refers_to=UNITS)
    if data["deadline_field"] is None:
        specs[DUE_FIELD] = FieldSpec(DUE_FIELD, "date", "Uiterlijk", roles=(BEHEERDER,))
    assigned = (PLAN_FIELD, OWNER_FIELD, UNIT_FIELD, DUE_FIELD)
    transitions = own + _builtin_transitions([n for n in specs if n not in assigned])
    progress = data["progress"]
    renamed = data["renamed"]
    return Workflow(
        kind=data["kind"], label=data["label"], plural=data["plural"], source=source,
        states=data["states"], initial_state=data["initial_state"], done_states=frozenset(data["done_states"]),
        transitions=tuple(transitions), fields=specs, parents=tuple(data["parents"]),
        create_roles=create_roles, cyclic=data["cyclic"], score_field=data["score_field"],
        deadline_field=data["deadline_field"],
        progress=Progress(progress["label"], progress["child_kind"]) if progress else None,
        renamed={"states": renamed["states"], "events": renamed["events"], "fields": renamed["fields_"]},
        title_roles=tuple(dict.fromkeys(create_roles + (EIGENAAR,))),  # who names it, and its owner
        counting=" ".join(data["counting"].split()) if data["counting"] else None,
        evidence=EvidenceRules(tuple(data["evidence"]["types"]), data["evidence"]["max_mb"] * 1024 * 1024),
    )


def _carriers(name: str, transitions: list[Transition], create_roles: tuple[str, ...]) -> tuple[str, ...]:
    """The roles of the transitions that carry a field, or those that create the item when none does."""
    roles = [r for t in transitions if name in t.required or name in t.optional for r in t.roles]
    return tuple(dict.fromkeys(roles)) or create_roles


def _range_text(field: dict) -> str | None:
    if field["min"] is None and field["max"] is None:
        return None
    decimals = 1 if field["type"] == "decimal" else 0
    shown = [dutch.number(float(v) if decimals else int(v), decimals) if v is not None else "…"
             for v in (field["min"], field["max"])]
    return "–".join(shown).replace(".", "") if field["type"] == "year" else "–".join(shown)


def load_file(path: Path) -> Workflow:
    source = f"{path.parent.name}/{path.name}"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DefinitionError(f"{source}: geen geldige TOML: {exc}", file=source) from None
    try:
        data = WorkflowSchema().load(raw)
    except ValidationError as exc:
        raise DefinitionError(f"{source}: " + " | ".join(flatten(exc.messages)), file=source) from None
    return _build(data, source)


def load_registry(directory: str | Path) -> Registry:
    directory = Path(directory)
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise DefinitionError(f"{directory}: geen workflowdefinities (*.toml) gevonden.", file=str(directory))
    workflows: dict[str, Workflow] = {}
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        workflow = load_file(path)
        if workflow.kind in workflows:
            raise DefinitionError(
                f"{workflow.source}: kind: '{workflow.kind}' is al gedefinieerd in {workflows[workflow.kind].source}",
                file=workflow.source,
            )
        workflows[workflow.kind] = workflow
    for workflow in workflows.values():  # references between files
        for parent in workflow.parents:
            if parent not in workflows:
                raise DefinitionError(f"{workflow.source}: parents: onbekende soort '{parent}'", file=workflow.source)
        for i, transition in enumerate(workflow.transitions):
            for kind in transition.requires_done_children:
                if kind not in workflows or workflow.kind not in workflows[kind].parents:
                    raise DefinitionError(
                        f"{workflow.source}: transitions.{i}.requires_done_children: '{kind}' is geen soort "
                        f"die onder {workflow.kind} kan staan", file=workflow.source)
        for spec in workflow.fields.values():
            # The builtin unit field names a register a set of definitions may leave out; its values are then
            # refused one by one ("onbekend item"), not the definitions.
            if spec.refers_to is not None and spec.refers_to not in workflows and spec.name != UNIT_FIELD:
                raise DefinitionError(f"{workflow.source}: fields.{spec.name}.kind: onbekende soort '{spec.refers_to}'",
                                      file=workflow.source)
        child = workflow.progress.child_kind if workflow.progress else None
        if child is not None and child not in workflows:
            raise DefinitionError(
                f"{workflow.source}: progress.child_kind: onbekende soort '{child}'", file=workflow.source)
    return Registry(workflows, fingerprint=digest.hexdigest())
