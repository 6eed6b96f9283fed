"""The published tables as of a peildatum, computed from the events on or before that date."""
from __future__ import annotations

from datetime import date

from tracker.domain.errors import UnknownReport
from tracker.domain.projection import replay
from tracker.domain.reports import cio, nigs, onvolkomenheden, open_op_orde
from tracker.domain.reports.table import Snapshot, Table
from tracker.storage import event_store

from .context import Tracker

# The four reports of the brief first, then the derived figures behind them.
REPORTS = {
    "onvolkomenheden": onvolkomenheden.build,
    "cio-oordelen": cio.build_opinions,
    "nigs": nigs.build,
    "open-op-orde": open_op_orde.build,
    "onvolkomenheden-oordelen": onvolkomenheden.build_verdicts,
    "cio-bevindingen": cio.build_findings,
    "cio-levering": cio.build_deliveries,
    "open-op-orde-onderdelen": open_op_orde.build_units,
}


def snapshot(tracker: Tracker, peildatum: date) -> Snapshot:
    with tracker.read() as connection:
        facts = list(event_store.facts(connection, until=peildatum))
    return Snapshot(peildatum, replay(facts, tracker.registry), facts, tracker.registry)


def report(tracker: Tracker, name: str, peildatum: date | None = None) -> Table:
    if name not in REPORTS:
        raise UnknownReport(f"Onbekend rapport '{name}'; beschikbaar: {', '.join(REPORTS)}.",
                            errors={"name": ["Onbekend rapport."]})
    return REPORTS[name](snapshot(tracker, peildatum or tracker.today()))
