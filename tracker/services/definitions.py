"""Load and validate the workflow definitions in `workflows/*.toml`.

A malformed definition stops start-up with a DefinitionError naming the file and
the field, e.g. `workflows/aanbeveling.toml: transitions.2.to: onbekende staat 'klaar'`.
"""
from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from tracker.domain.errors import DefinitionError
from tracker.domain.roles import BEHEERDER, EIGENAAR, ROLES, WRITE_ROLES
from tracker.domain.workflow import (
    ANY_STATE,
    ASSIGNED,
    CORRECTED,
    CREATED,
    DEPENDENCY_ADDED,
    DEPENDENCY_REMOVED,
    DUE_FIELD,
    MARKS,
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

NAME = validate.Regexp(r"^[a-z][a-z0-9_]*$", error="gebruik kleine letters, cijfers en '_'")
FIELD_TYPES = ("text", "integer", "decimal", "date", "year", "boolean", "choice", "item")
RESERVED_EVENTS = (CREATED, REMARK, CORRECTED, DEPENDENCY_ADDED, DEPENDENCY_REMOVED, PLANNED, UNBLOCKED, ASSIGNED)
Role = fields.String(validate=validate.OneOf(ROLES))


class FieldSchema(Schema):
    class Meta:
        unknown = RAISE

    type = fields.String(required=True, validate=validate.OneOf(FIELD_TYPES))
    label = fields.String(required=True)
    min = fields.Float(load_default=None)
    max = fields.Float(load_default=None)
    choices = fields.List(fields.String(), load_default=list)
    required = fields.Boolean(load_default=False)
    # Who may set it, corrections included; by default the roles of the transitions that carry it (or, for a
    # field only set when the item is created, the roles that create it).
    roles = fields.List(Role, load_default=None)
    published = fields.Boolean(load_default=False)  # a VO year: events carrying it start at its Verantwoordingsdag
    kind = fields.String(load_default=None, validate=NAME)  # type "item": the kind of item it names
    unique_under_parent = fields.Boolean(load_default=False)  # no two items under one parent name the same value
    per_event = fields.Boolean(load_default=False)  # belongs to the event that carries it, not kept on the item
    from_year = fields.Boolean(load_default=False)  # a year: events carrying it are dated in or after that year

    @validates_schema
    def _years(self, data, **_):
        for option in ("published", "from_year"):
            if data[option] and data["type"] != "year":
                raise ValidationError("alleen voor een veld van type 'year'", option)
        if (data["type"] == "item") != (data["kind"] is not None):
            raise ValidationError("een veld van type 'item' noemt de soort waarnaar het verwijst, en alleen dat",
                                  "kind")

    @validates_schema
    def _choices(self, data, **_):
        if data["type"] == "choice" and not data["choices"]:
            raise ValidationError("een keuzeveld heeft 'choices' nodig", "choices")


class TransitionSchema(Schema):
    class Meta:
        unknown = RAISE

    event = fields.String(required=True, validate=NAME)
    label = fields.String(required=True)
    from_ = fields.List(fields.String(), data_key="from", required=True, validate=validate.Length(min=1))
    to = fields.String(load_default=None)
    roles = fields.List(Role, required=True, validate=validate.Length(min=1))
    required = fields.List(fields.String(), load_default=list)
    optional = fields.List(fields.String(), load_default=list)
    new_cycle = fields.Boolean(load_default=False)
    needs_prerequisites = fields.Boolean(load_default=False)
    requires_done_children = fields.List(fields.String(), load_default=list)
    # A transition into a done state waits for every prerequisite, unless this says why it need not.
    while_blocked = fields.String(load_default=None, validate=validate.Length(min=10))
    # Items in its `from` states wait for its roles: they are on those people's work lists, with this reason.
    awaited = fields.String(load_default=None, validate=validate.Length(min=3, max=100))


class ProgressSchema(Schema):
    class Meta:
        unknown = RAISE

    # Filled in by replacing {done} and {total}, never by str.format: any other brace is refused.
    label = fields.String(required=True, validate=validate.Regexp(
        r"\A(?:[^{}]|\{done\}|\{total\})*\Z", error="alleen de plaatshouders {{done}} en {{total}} zijn "
        "toegestaan, bijvoorbeeld '{{done}} van {{total}} aanbevelingen opgevolgd' (gevonden: '{input}')"))
    child_kind = fields.String(load_default=None)


class RenamedSchema(Schema):
    """Names a definition once used, and what they are called now (the log keeps the old names)."""

    class Meta:
        unknown = RAISE

    states = fields.Dict(keys=fields.String(validate=NAME), values=fields.String(validate=NAME), load_default=dict)
    events = fields.Dict(keys=fields.String(validate=NAME), values=fields.String(validate=NAME), load_default=dict)
    fields_ = fields.Dict(keys=fields.String(validate=NAME), values=fields.String(validate=NAME),
                          data_key="fields", load_default=dict)


class WorkflowSchema(Schema):
    class Meta:
        unknown = RAISE

    kind = fields.String(required=True, validate=NAME)
    label = fields.String(required=True)
    plural = fields.String(required=True)
    parents = fields.List(fields.String(), load_default=list)
    create_roles = fields.List(Role, load_default=lambda: [BEHEERDER])
    states = fields.Dict(keys=fields.String(validate=NAME), values=fields.String(), required=True,
                         validate=validate.Length(min=1))
    initial_state = fields.String(required=True)
    done_states = fields.List(fields.String(), load_default=list)
    cyclic = fields.Boolean(load_default=False)
    counting = fields.String(load_default=None)  # how its items count in a report, in words
    score_field = fields.String(load_default=None)
    deadline_field = fields.String(load_default=None)
    fields_ = fields.Dict(keys=fields.String(validate=NAME), values=fields.Nested(FieldSchema),
                          data_key="fields", load_default=dict)
    progress = fields.Nested(ProgressSchema, load_default=None)
    transitions = fields.List(fields.Nested(TransitionSchema), load_default=list)
    renamed = fields.Nested(RenamedSchema, load_default=lambda: {"states": {}, "events": {}, "fields_": {}})

    @validates_schema
    def _renames(self, data, **_):
        renamed = data["renamed"]
        events = {t["event"] for t in data["transitions"]} | set(RESERVED_EVENTS)
        for section, key, known in (("states", "states", data["states"]), ("events", "events", events),
                                    ("fields", "fields_", set(data["fields_"]) | {REASON, "title", PLAN_FIELD})):
            for old, new in renamed[key].items():
                if new not in known:
                    raise ValidationError({"renamed": {section: {old: [f"onbekende nieuwe naam '{new}'"]}}})
                if old in known:
                    raise ValidationError({"renamed": {section: {old: ["de oude naam bestaat nog"]}}})

    @validates_schema
    def _consistent(self, data, **_):
        states = data["states"]
        declared = data["fields_"]
        if data["initial_state"] not in states:
            raise ValidationError(f"onbekende staat '{data['initial_state']}'", "initial_state")
        for name in data["done_states"]:
            if name not in states:
                raise ValidationError(f"onbekende staat '{name}'", "done_states")
        if data["score_field"] and declared.get(data["score_field"], {}).get("type") != "decimal":
            raise ValidationError("moet een veld van type 'decimal' zijn", "score_field")
        if data["deadline_field"] and declared.get(data["deadline_field"], {}).get("type") not in ("year", "date"):
            raise ValidationError("moet een veld van type 'year' of 'date' zijn", "deadline_field")
        for builtin in (PLAN_FIELD, TITLE, OWNER_FIELD, UNIT_FIELD, DUE_FIELD, *MARKS):
            if builtin in declared:
                raise ValidationError(f"'{builtin}' is ingebouwd", "fields")
        for i, t in enumerate(data["transitions"]):
            for source in t["from_"]:
                if source != ANY_STATE and source not in states:
                    raise ValidationError({"transitions": {i: {"from": [f"onbekende staat '{source}'"]}}})
            if t["to"] is not None and t["to"] not in states:
                raise ValidationError({"transitions": {i: {"to": [f"onbekende staat '{t['to']}'"]}}})
            if t["event"] in RESERVED_EVENTS:
                raise ValidationError({"transitions": {i: {"event": [f"'{t['event']}' is ingebouwd"]}}})
            for key in ("required", "optional"):
                for name in t[key]:
                    if name != REASON and name not in declared:
                        raise ValidationError({"transitions": {i: {key: [f"onbekend veld '{name}'"]}}})
        if data["cyclic"] and not any(t["new_cycle"] for t in data["transitions"]):
            raise ValidationError("een cyclische soort heeft een overgang met new_cycle = true nodig", "cyclic")


def _flatten(messages, prefix="") -> list[str]:
    out = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key == "value" and prefix:  # marshmallow's wrapper around a Dict value
                out += _flatten(value, prefix)
                continue
            name = "fields" if key == "fields_" else ("from" if key == "from_" else str(key))
            out += _flatten(value, f"{prefix}.{name}" if prefix else name)
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        out.append(f"{prefix or '(bestand)'}: {'; '.join(messages)}")
    else:
        for value in messages:
            out += _flatten(value, prefix)
    return out


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
        raise DefinitionError(f"{source}: " + " | ".join(_flatten(exc.messages)), file=source) from None
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
