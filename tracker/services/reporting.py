"""The published tables as of a peildatum, computed from the events on or before that date.

Each report reads only what it needs of the log: the events of a few kinds of item (folded), the state
as of the peildatum of other kinds (from the item_states projection), and events of a few types. So a
report as of any date stays fast when the log holds a million events.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.domain.errors import UnknownReport
from tracker.domain.items import Item
from tracker.domain.projection import Projected, replay, with_progress
from tracker.domain.reports import cio, nigs, onvolkomenheden, open_op_orde
from tracker.domain.reports.table import Snapshot, Table
from tracker.storage import event_store, projection_store

from .context import Tracker


@dataclass(frozen=True)
class Needs:
    kinds: frozenset = field(default_factory=frozenset)  # items folded from their own events
    states: frozenset = field(default_factory=frozenset)  # items known by their state as of the date only
    types: frozenset = field(default_factory=frozenset)  # events of these types, of any item
    history: frozenset = field(default_factory=frozenset)  # kinds whose states over time are needed

    def __or__(self, other: "Needs") -> "Needs":
        return Needs(self.kinds | other.kinds, self.states | other.states, self.types | other.types,
                     self.history | other.history)


ONVOLKOMENHEDEN = Needs(frozenset({"onvolkomenheid"}), frozenset({"aanbeveling"}))
OPINIONS = Needs(states=frozenset({"it_project"}), types=frozenset(cio.OUTCOMES))
MATURITY = Needs(states=frozenset({"defensieonderdeel"}),
                 types=frozenset({"volwassenheid_gemeten", open_op_orde.TARGET_EVENT}))
NIGS = Needs(frozenset({"nigs_route"}), frozenset({"nigs_traject"}))
TREND = Needs(history=frozenset({"aanbeveling"}))
TOPICS = Needs(kinds=frozenset({"thema"}))
HEADLINE_FIGURES = TOPICS | ONVOLKOMENHEDEN | OPINIONS | MATURITY | NIGS
DASHBOARD = HEADLINE_FIGURES | TREND
TOPIC_PAGE = {"onvolkomenheden": TOPICS | ONVOLKOMENHEDEN | TREND, "cio-oordelen": TOPICS | OPINIONS,
              "nigs": TOPICS | NIGS, "open-op-orde": TOPICS | MATURITY}

# The four reports of the brief first, then the derived figures behind them.
REPORTS = {
    "onvolkomenheden": (onvolkomenheden.build, ONVOLKOMENHEDEN),
    "cio-oordelen": (cio.build_opinions, OPINIONS),
    "nigs": (nigs.build, NIGS),
    "open-op-orde": (open_op_orde.build, MATURITY),
    "onvolkomenheden-oordelen": (onvolkomenheden.build_verdicts, ONVOLKOMENHEDEN),
    "cio-bevindingen": (cio.build_findings, Needs(frozenset({"bevinding"}), frozenset({"it_project"}))),
    "cio-levering": (cio.build_deliveries, Needs(frozenset({"it_project"}), types=frozenset({"opgeleverd"}))),
    "open-op-orde-onderdelen": (open_op_orde.build_units, MATURITY),
}
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
    if name not in REPORTS:
        raise UnknownReport(f"Onbekend rapport '{name}'; beschikbaar: {', '.join(REPORTS)}.",
                            errors={"name": ["Onbekend rapport."]})
    build, needs = REPORTS[name]
    return build(snapshot(tracker, peildatum or tracker.today(), needs))
