"""An item's state as a pure fold over its events, and the rules an event must pass first."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple

from . import evidence
from .errors import (
    DuplicateItem,
    IllegalTransition,
    InvalidDate,
    InvalidValue,
    MissingField,
    PrerequisitesNotDone,
    UnknownEventType,
    UnknownField,
    UnknownItem,
    VersionConflict,
)
from .events import StoredEvent
from .evidence import EVIDENCE
from .fields import LABEL_ATTRIBUTE, MAX_TEXT, check_label, coerce
from .naming import kind_word, quoted, subject
from .workflow import CREATED, REASON, Transition, Workflow, describe_allowed

# `\Z`, not `$`: `$` also matches before a final newline, and "munitiebeheer-a10\n" is no key.
KEY_PATTERN = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,99}\Z")
MAX_KEY = 100
MAX_TITLE = 500
MAX_IDEMPOTENCY_KEY = 150
MAX_ACCOUNT = 100
CREATE_FIELDS = ("kind", "title", "parent", "illustratief", REASON, EVIDENCE)


class Item(NamedTuple):
    """One item as folded from its events. Immutable; a NamedTuple because replay builds one per event and a
    tuple is built four times faster than a frozen dataclass."""

    key: str
    kind: str
    title: str
    parent: str | None
    state: str
    version: int
    attributes: Mapping[str, Any]
    illustratief: bool
    cycle: int
    created_on: date
    updated_on: date


def created(event: StoredEvent, workflow: Workflow) -> Item:
    data = event.data
    return Item(
        key=event.item,
        kind=workflow.kind,
        title=data["title"],
        parent=data.get("parent"),
        state=workflow.initial_state,
        version=event.version,
        attributes={k: v for k, v in data.items() if k in workflow.kept},
        illustratief=bool(data.get("illustratief", False)),
        cycle=1,
        created_on=event.occurred_on,
        updated_on=event.occurred_on,
    )


def apply(item: Item, event: StoredEvent, workflow: Workflow) -> Item:
    """The item after `event`. Raises IllegalTransition if the log contradicts the workflow."""
    transition = workflow._index.get((event.type, item.state))  # once per event on every replay: no detours
    if transition is None:
        raise IllegalTransition(
            f"Gebeurtenis {event.seq} ({event.type}) past niet bij {item.key} in staat {item.state}.",
            seq=event.seq,
        )
    attributes, title, data = item.attributes, item.title, event.data
    if data:
        fields = workflow.kept
        changed: dict[str, Any] | None = None  # copied on the first field the event sets
        for name in data:
            if name in fields:
                if changed is None:
                    changed = dict(attributes)
                changed[name] = data[name]
        if changed is not None:
            attributes = changed
        title = data.get("title", title)
    # Built field by field rather than with dataclasses.replace: this runs once per event on replay.
    return Item(
        item.key, item.kind, title, item.parent, transition.target or item.state, event.version, attributes,
        item.illustratief, item.cycle + 1 if transition.new_cycle else item.cycle, item.created_on,
        event.occurred_on,
    )


def fold(events: Iterable[StoredEvent], workflow_of) -> Item | None:
    """State after the given events of one item; `workflow_of(kind)` looks definitions up."""
    item: Item | None = None
    for event in events:
        if item is None:
            item = created(event, workflow_of(event.data["kind"]))
        else:
            item = apply(item, event, workflow_of(item.kind))
    return item


# --- rules checked before anything is written ------------------------------

def check_key(key: str) -> None:
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        raise InvalidValue(
            f"Sleutel '{str(key)[:40]}' is ongeldig: gebruik letters, cijfers, '.', '_' of '-' "
            "(hoogstens 100 tekens, beginnend met een letter of cijfer).",
            errors={"key": ["Ongeldige sleutel."]},
        )


def check_idempotency(key: str, account: str | None) -> None:
    """An idempotency key of 1 to 150 characters, from an account of at most 100."""
    if not isinstance(key, str) or not 1 <= len(key) <= MAX_IDEMPOTENCY_KEY:
        raise InvalidValue(f"De idempotentiesleutel is {len(str(key))} tekens lang; toegestaan zijn 1 tot "
                           f"{MAX_IDEMPOTENCY_KEY} tekens.", errors={"Idempotency-Key": ["Ongeldige lengte."]})
    check_text("Idempotency-Key", key)
    if account is not None and (not isinstance(account, str) or not 1 <= len(account) <= MAX_ACCOUNT):
        raise InvalidValue(f"De accountnaam bij de idempotentiesleutel is langer dan {MAX_ACCOUNT} tekens.",
                           errors={"account": ["Te lang."]})


def check_version(current: int, expected: int | None, key: str, title: str | None = None) -> None:
    """`title`: the item's (None: a new item, named by the key it would get)."""
    if expected is not None and expected != current:
        raise version_conflict(key, title, current, expected)


def version_conflict(key: str, title: str | None, current: int, expected: int,
                     by: str | None = None) -> VersionConflict:
    """The refusal of a stale write, naming the item by its title and, when known, who changed it meanwhile."""
    who = f" door {by}" if by else ""
    return VersionConflict(
        f"{quoted(title) if title is not None else key} is intussen gewijzigd{who}: u ging uit van versie "
        f"{expected}, de huidige versie is {current}. Laad het item opnieuw en probeer het nog eens.",
        current_version=current,
        expected_version=expected,
        item=key,
        title=title,
    )


def check_date(occurred_on: date, today: date, last: date | None, name: str) -> None:
    """`name`: the item as the message names it (quoted title)."""
    if occurred_on > today:
        raise InvalidDate(
            f"De datum {occurred_on.isoformat()} ligt in de toekomst; een gebeurtenis kan pas worden "
            f"vastgelegd als ze heeft plaatsgevonden (uiterlijk {today.isoformat()}).",
            errors={"occurred_on": ["Datum ligt in de toekomst."]},
        )
    if last is not None and occurred_on < last:
        raise InvalidDate(
            f"De datum {occurred_on.isoformat()} ligt vóór de laatste gebeurtenis van {name} "
            f"({last.isoformat()}); leg een correctie vast als nieuwe gebeurtenis op of na die datum.",
            errors={"occurred_on": [f"Niet vóór {last.isoformat()}."]},
        )


def clean_data(data: Mapping[str, Any], workflow: Workflow, allowed: Iterable[str],
               required: Iterable[str], item_label: str) -> dict[str, Any]:
    """Coerce the fields an event carries; refuse unknown, missing or invalid ones."""
    if not isinstance(data, Mapping):
        raise InvalidValue("Gegevens moeten een object met velden zijn.", errors={"data": ["Geen object."]})
    allowed = set(allowed)
    unknown = sorted(k for k in data if k not in allowed)
    if unknown:
        raise UnknownField(
            f"Onbekend veld {', '.join(unknown)} voor {item_label}; toegestaan: "
            f"{', '.join(sorted(allowed)) or 'geen velden'}.",
            errors={name: ["Onbekend veld."] for name in unknown},
        )
    clean = {name: clean_value(workflow, name, value) for name, value in data.items()}
    missing = [name for name in required if clean.get(name) in (None, "")]
    if missing:
        labels = [workflow.fields[n].label if n in workflow.fields else n for n in missing]
        raise MissingField(
            f"Voor {item_label} is verplicht: {', '.join(labels)}.",
            errors={name: ["Verplicht veld."] for name in missing},
        )
    return clean


def clean_value(workflow: Workflow, name: str, value: Any) -> Any:
    """One field's stored value: typed by the workflow's field spec, else plain text."""
    spec = workflow.fields.get(name)
    if spec is not None:
        value = coerce(spec, value)
        return check_label(spec.label, value) if name == LABEL_ATTRIBUTE else value
    if name == "illustratief":
        return value if isinstance(value, bool) else str(value).strip().lower() in ("ja", "true", "1")
    if name == EVIDENCE:
        return evidence.digests(value)
    if value is None or isinstance(value, (dict, list)):
        raise InvalidValue(f"Veld {name} moet tekst zijn.", errors={name: ["Verwacht: tekst."]})
    text = check_text(name, str(value).strip())
    return check_label(name, text) if name == LABEL_ATTRIBUTE else text


def check_text(name: str, text: str) -> str:
    """Text that can be stored: no NUL characters, no lone surrogates (both would fail in the database), and
    no longer than its limit (a title 500 characters, every other text 10,000), the same on every database."""
    limit = MAX_TITLE if name == "title" else MAX_TEXT
    if len(text) > limit:
        label = "De titel" if name == "title" else f"Veld {name}"
        raise InvalidValue(f"{label} is {len(text)} tekens lang; hoogstens {limit} tekens zijn toegestaan.",
                           errors={name: [f"Hoogstens {limit} tekens."]})
    if "\x00" in text:
        raise InvalidValue(f"Veld {name} bevat een ongeldig teken (NUL).", errors={name: ["Ongeldig teken."]})
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidValue(f"Veld {name} bevat een ongeldig teken (geen geldige Unicode).",
                           errors={name: ["Ongeldig teken."]}) from None
    return text


def transition_for(item: Item, event_type: str, workflow: Workflow) -> Transition:
    if not workflow.knows_event(event_type):
        raise UnknownEventType(
            f"Onbekend gebeurtenistype '{event_type}' voor {kind_word(workflow.label)} {quoted(item.title)}; "
            f"bekend zijn: {', '.join(workflow.event_types)}.",
            allowed=[{"event": t.event, "to": t.to_state(item.state)} for t in workflow.allowed(item.state)],
        )
    transition = workflow.transition(event_type, item.state)
    if transition is None:
        hint = " Stappen mogen niet worden overgeslagen." if workflow.cyclic else ""
        raise IllegalTransition(
            f"{subject(item.title, workflow.label)} staat op '{workflow.state_label(item.state)}'; "
            f"'{workflow.event_label(event_type)}' is daar niet toegestaan.{hint} "
            f"Toegestaan: {describe_allowed(workflow, item.state)}.",
            state=item.state,
            allowed=[{"event": t.event, "to": t.to_state(item.state)} for t in workflow.allowed(item.state)],
        )
    return transition


def check_children_done(item: Item, transition: Transition, open_children: list[Item], workflow: Workflow,
                        registry) -> None:
    """Children of the kinds the transition names (e.g. voorwaarden) must all be done first."""
    if not open_children:
        return
    kinds = " of ".join(registry(k).plural for k in transition.requires_done_children)
    listed = ", ".join(quoted(c.title) for c in open_children[:10])
    more = f" en nog {len(open_children) - 10}" if len(open_children) > 10 else ""
    raise PrerequisitesNotDone(
        f"{subject(item.title, workflow.label)} kan '{transition.label}' niet vastleggen: nog niet alle {kinds} "
        f"zijn afgerond: {listed}{more}.",
        blocking=[c.key for c in open_children],
    )


def check_new_item(key: str, existing: Item | None, workflow: Workflow, parent: Item | None,
                   parent_key: str | None) -> None:
    check_key(key)
    if existing is not None:
        raise DuplicateItem(f"Item {key} bestaat al: {quoted(existing.title)}.")
    if workflow.parents:
        if parent_key is None:
            raise MissingField(
                f"Een {kind_word(workflow.label)} hoort onder een {' of '.join(workflow.parents)}; geef 'parent' op.",
                errors={"parent": ["Verplicht veld."]},
            )
        if parent is None:
            raise UnknownItem(f"Bovenliggend item {parent_key} bestaat niet.")
        if parent.kind not in workflow.parents:
            raise InvalidValue(
                f"Een {kind_word(workflow.label)} kan niet onder {quoted(parent.title)} ({parent.kind}) staan; "
                f"toegestaan: {', '.join(workflow.parents)}.",
                errors={"parent": ["Ongeldig bovenliggend item."]},
            )
    elif parent_key is not None:
        raise InvalidValue(
            f"Een {kind_word(workflow.label)} staat bovenaan en heeft geen bovenliggend item.",
            errors={"parent": ["Niet toegestaan."]},
        )


def creation_fields(workflow: Workflow) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(allowed, required) data fields of the `aangemaakt` event of this kind."""
    allowed = CREATE_FIELDS + tuple(workflow.fields)
    required = ("kind", "title") + tuple(n for n, s in workflow.fields.items() if s.required)
    return allowed, required


def is_creation(event_type: str) -> bool:
    return event_type == CREATED
