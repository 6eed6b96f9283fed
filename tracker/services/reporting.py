"""The published tables as of a peildatum, computed from the events on or before that date.

Each report reads only what it needs of the log: the events of a few kinds of item (folded), the state
as of the peildatum of other kinds (from the item_states projection), and events of a few types. So a
report as of any date stays fast when the log holds a million events.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from tracker.domain.errors import InvalidValue, UnknownReport
from tracker.domain.items import Item
from tracker.domain.projection import Projected, replay, with_progress
from tracker.services.reports.table import Snapshot, Table
from tracker.storage import event_store, projection_store

from . import dutch
from . import fixing as fixed
from .catalog import BY_NAME, Needs
from .context import Tracker
from .queries import check_day

EVERYTHING = None


def snapshot(tracker: Tracker, peildatum: date, needs: Needs | None = EVERYTHING) -> Snapshot:
    """Everything as of `peildatum`, or only what `needs` names (much less work on a large log)."""
    with tracker.read() as connection:
        if needs is EVERYTHING:
            facts = list(event_store.facts(connection, until=peildatum))
            return Snapshot(peildatum, replay(facts, tracker.registry).items, facts, tracker.registry)
        facts = event_store.facts_selected(connection, peildatum, needs.kinds, needs.types)
        rows = projection_store.states_as_of(connection, needs.states - needs.kinds, peildatum)
        history = {kind: projection_store.state_history(connection, kind, peildatum) for kind in needs.history}
    registry = tracker.registry
    keys = _folded_keys(facts, needs)
    folded = [f for f in facts if f.item in keys]
    items = replay(folded, registry, with_graph=False).items
    for row in rows:
        items.setdefault(row.key, state_only(row, registry))
    return Snapshot(peildatum, with_progress(items, registry), facts, registry, history)


def _folded_keys(facts, needs: Needs) -> set[str]:
    """Items whose creation is among the facts and whose kind is to be folded."""
    return {f.item for f in facts if f.type == "aangemaakt" and f.data.get("kind") in needs.kinds}


def state_only(row: projection_store.StateRow, registry) -> Projected:
    """An item known only by its state on a date (no fold of its events: its fields are not needed)."""
    item = Item(row.key, row.kind, row.title, row.parent_key, row.state, 0, {}, row.illustratief, 1,
                row.created_on, row.created_on)
    return Projected(item, row.topic_key, registry(row.kind).is_done(row.state), None, row.created_seq, row.seq)


def report(tracker: Tracker, name: str, peildatum: date | None = None, known_on: date | None = None,
           vo_jaar: int | None = None) -> Table:
    """A report as of `peildatum`. A fixed peildatum gives the figures as they were fixed, with every later
    correction and its effect listed beside them; `known_on` counts only what was recorded by the end of that
    day (in Dutch time)."""
    if name not in BY_NAME:
        raise UnknownReport(f"Onbekend rapport '{name}'; beschikbaar: {', '.join(BY_NAME)}.",
                            errors={"name": ["Onbekend rapport."]})
    declared = BY_NAME[name]
    check_day(tracker, peildatum)
    check_day(tracker, known_on, "Bekend op")
    day = peildatum or tracker.today()
    if vo_jaar is not None and not declared.vo_year:
        raise InvalidValue(f"Rapport {name} gaat niet over één verantwoordingsonderzoek; laat het VO-jaar weg.",
                           errors={"vo_jaar": ["Niet voor dit rapport."]})
    if declared.vo_year:
        build = declared.build
        declared = replace(declared, build=lambda snap: build(snap, vo_jaar))
    if known_on is not None:
        with tracker.read() as connection:
            through = event_store.last_recorded_by(connection, end_of_day_utc(known_on))
        table = declared.build(snapshot_known(tracker, day, through))
        return replace(table, known=[f"Zoals bekend op {dutch.long_date(known_on)}: alleen wat uiterlijk die dag "
                                     "is vastgelegd telt mee."])
    fixing = fixed.fixing_of(tracker, name, day) if declared.topic else None
    current = declared.build(snapshot(tracker, day, declared.needs))
    if fixing is None:
        return current
    table = declared.build(snapshot_known(tracker, day, fixing.seq - 1))
    known = [f"Peildatum vastgesteld op {dutch.long_date(fixing.recorded_at.date())} door {fixing.actor}: dit zijn "
             "de cijfers zoals vastgesteld."]
    return replace(table, known=known, corrections=corrections(tracker, fixing, table, current))


def corrections(tracker: Tracker, fixing, table: Table, current: Table) -> list[str]:
    """What was recorded after fixing, dated on or before the fixed peildatum, and how it changed the figures."""
    with tracker.read() as connection:
        found = event_store.recorded_under(connection, fixing.topic, fixing.peildatum, fixing.seq)
        titles = projection_store.kinds_and_titles(connection, [e.item for e in found])
    lines = []
    for event in found:
        kind, title = titles.get(event.item, ("", event.item))
        label = event.type.replace("_", " ")
        if kind in tracker.registry:
            label = next((t.label for t in tracker.registry(kind).transitions if t.event == event.type), label)
        reason = event.data.get("toelichting")
        lines.append(f"Correctie na vaststelling: {title}, {label.lower()} per {dutch.long_date(event.occurred_on)}, "
                     f"vastgelegd op {dutch.long_date(event.recorded_at.date())} door {event.actor}"
                     + (f": {reason}" if reason else "") + ".")
    before = {row[0]: row for row in table.cells}
    for row in current.cells:
        old = before.get(row[0])
        changed = [f"{header} {was} → {now}" for header, was, now in zip(current.header[1:], (old or [])[1:], row[1:],
                                                                          strict=False) if was != now]
        if old is None:
            lines.append(f"na vaststelling gecorrigeerd: {row[0]} toegevoegd")
        elif changed:
            lines.append(f"na vaststelling gecorrigeerd: {row[0]}: {'; '.join(changed)}")
    return lines


def end_of_day_utc(day: date) -> datetime:
    """The last moment of `day` in Dutch time, as the UTC time events are recorded in."""
    midnight = datetime.combine(day + timedelta(days=1), time(), tzinfo=dutch.ZONE)
    return midnight.astimezone(UTC).replace(tzinfo=None) - timedelta(microseconds=1)


def snapshot_known(tracker: Tracker, peildatum: date, through: int) -> Snapshot:
    """Everything as of `peildatum`, from the events recorded up to and including event `through`."""
    with tracker.read() as connection:
        facts = list(event_store.facts(connection, until=peildatum, through=through))
    return Snapshot(peildatum, replay(facts, tracker.registry).items, facts, tracker.registry)
