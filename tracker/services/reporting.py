"""The published tables as of a peildatum, computed from the events on or before that date.

Each report reads only what it needs of the log: the events of a few kinds of item (folded), the state
as of the peildatum of other kinds (from the item_states projection), and events of a few types. So a
report as of any date stays fast when the log holds a million events.
"""
from __future__ import annotations

from datetime import date

from tracker.domain.errors import UnknownReport
from tracker.domain.items import Item
from tracker.domain.projection import Projected, replay, with_progress
from tracker.services.reports.table import Snapshot, Table
from tracker.storage import event_store, projection_store

from .catalog import BY_NAME, Needs
from .context import Tracker


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


def report(tracker: Tracker, name: str, peildatum: date | None = None) -> Table:
    if name not in BY_NAME:
        raise UnknownReport(f"Onbekend rapport '{name}'; beschikbaar: {', '.join(BY_NAME)}.",
                            errors={"name": ["Onbekend rapport."]})
    declared = BY_NAME[name]
    return declared.build(snapshot(tracker, peildatum or tracker.today(), declared.needs))
