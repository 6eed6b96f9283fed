"""Loading the seed: the report's facts as events, idempotently.

Every seed event carries an idempotency key derived from what it is (item, type and
its ordinal among that item's events of that type), so a second run finds every key
already stored and writes nothing.
"""
from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker.domain.errors import InvalidValue
from tracker.domain.events import NewEvent
from tracker.domain.workflow import ASSIGNED, CREATED, DUE_FIELD, OWNER_FIELD, UNIT_FIELD

from . import seed_cio, seed_nigs
from .context import Tracker
from .recording import record_many

GENERATORS = {"cio": seed_cio.generate, "nigs": seed_nigs.generate}

SEED_ACTOR = "seed"


@dataclass(frozen=True)
class SeedResult:
    added: int
    present: int


def seed(tracker: Tracker, directory: str | Path) -> SeedResult:
    commands = list(commands_from(Path(directory)))
    results = record_many(tracker, commands)
    present = sum(r.replayed for r in results)
    return SeedResult(added=len(results) - present, present=present)


def commands_from(directory: Path) -> list[NewEvent]:
    """Every seed event, ordered by business date; within a date the order of the files is kept."""
    dated: list[tuple[date, NewEvent]] = []
    for path in sorted(directory.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise InvalidValue(f"{path.name}: geen geldige TOML: {exc}") from None
        if "generator" in data:
            dated += GENERATORS[data["generator"]](data)
        dated += [_creation(entry) for entry in data.get("items", [])]
        dated += [_event(entry) for entry in data.get("events", [])]
        dated += _assignments(data)
    dated.sort(key=lambda pair: pair[0])  # stable
    return list(with_keys(command for _, command in dated))


def with_keys(commands: Iterable[NewEvent]) -> Iterable[NewEvent]:
    counts: dict[tuple[str, str], int] = {}
    for command in commands:
        n = counts[(command.item, command.type)] = counts.get((command.item, command.type), 0) + 1
        yield NewEvent(command.item, command.type, command.data, command.actor, command.occurred_on,
                       None, f"seed:{command.item}:{command.type}:{n}")


def _assignments(data: dict) -> list[tuple[date, NewEvent]]:
    """Who answers for an item, in which unit, and by when (`[[verantwoordelijk]]`). With `onderliggend`, the
    items under it get the same owner and unit, and as deadline the 31st of December of its `gereed` year as it
    stood when they were assigned (a later re-plan of the onvolkomenheid does not move them)."""
    created = {entry["key"]: entry for entry in data.get("items", [])}
    plans = sorted(((entry["on"], entry["item"], entry["data"]["gereed"]) for entry in data.get("events", [])
                    if "gereed" in entry.get("data", {})), key=lambda plan: plan[0])

    def ready(key: str, on: date) -> int | None:
        known = [year for day, item, year in plans if item == key and day <= on]
        later = [year for day, item, year in plans if item == key]
        return known[-1] if known else (later[0] if later else None)

    out = []
    for entry in data.get("verantwoordelijk", []):
        who = {OWNER_FIELD: entry["eigenaar"], UNIT_FIELD: entry["onderdeel"]}
        targets = [(entry["item"], who)]
        if entry.get("onderliggend"):
            targets += [(key, who) for key, child in created.items() if child.get("parent") == entry["item"]]
        for key, values in targets:
            on = max(entry["on"], created[key]["on"]) if key in created else entry["on"]
            year = ready(entry["item"], on) if key != entry["item"] else None
            due = {DUE_FIELD: f"{year}-12-31"} if year else {}
            out.append((on, NewEvent(key, ASSIGNED, {**values, **due, "toelichting": entry.get(
                "toelichting", "Eigenaar en defensieonderdeel vastgelegd bij de start van het volgsysteem.")},
                SEED_ACTOR, on)))
    return out


def _creation(entry: dict) -> tuple[date, NewEvent]:
    data = {"kind": entry["kind"], "title": entry["title"], **entry.get("fields", {})}
    if entry.get("parent"):
        data["parent"] = entry["parent"]
    if entry.get("illustratief"):
        data["illustratief"] = True
    on = entry["on"]
    return on, NewEvent(entry["key"], CREATED, data, entry.get("actor", SEED_ACTOR), on)


def _event(entry: dict) -> tuple[date, NewEvent]:
    on = entry["on"]
    return on, NewEvent(entry["item"], entry["type"], entry.get("data", {}), entry.get("actor", SEED_ACTOR), on)
