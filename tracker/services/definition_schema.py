"""The shape of a workflow definition (`workflows/*.toml`), checked field by field: what each key may hold and
how the parts of one file must agree. `definitions` builds the workflows from what passes."""
from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from tracker.domain.evidence import DEFAULT_MAX_MB, EVIDENCE, GROUPS
from tracker.domain.roles import BEHEERDER, ROLES
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
)

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
    evidence = fields.Boolean(load_default=False)  # recording it asks for at least one document


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


class EvidenceSchema(Schema):
    """Which documents the events of a kind may carry: groups of types and a size per document in MB."""

    class Meta:
        unknown = RAISE

    types = fields.List(fields.String(validate=validate.OneOf(GROUPS)), load_default=lambda: list(GROUPS),
                        validate=validate.Length(min=1))
    max_mb = fields.Integer(load_default=DEFAULT_MAX_MB, validate=validate.Range(min=1, max=100))


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
    evidence = fields.Nested(EvidenceSchema, load_default=lambda: {"types": list(GROUPS), "max_mb": DEFAULT_MAX_MB})
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
        for builtin in (PLAN_FIELD, TITLE, OWNER_FIELD, UNIT_FIELD, DUE_FIELD, EVIDENCE, *MARKS):
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


def flatten(messages, prefix="") -> list[str]:
    out = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key == "value" and prefix:  # marshmallow's wrapper around a Dict value
                out += flatten(value, prefix)
                continue
            name = "fields" if key == "fields_" else ("from" if key == "from_" else str(key))
            out += flatten(value, f"{prefix}.{name}" if prefix else name)
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        out.append(f"{prefix or '(bestand)'}: {'; '.join(messages)}")
    else:
        for value in messages:
            out += flatten(value, prefix)
    return out
