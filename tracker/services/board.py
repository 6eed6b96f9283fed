"""What the Bestuursraad does with the figures: fixing a report's peildatum."""
from __future__ import annotations

from datetime import date

from tracker.domain.access import Actor
from tracker.domain.errors import InvalidValue, UnknownReport
from tracker.domain.events import NewEvent

from . import catalog
from .context import Tracker
from .fixing import FIXED, Fixing, fixing_of
from .queries import check_day
from .recording import record


def fix(tracker: Tracker, report: str, peildatum: date, actor: Actor | None, by: str) -> Fixing:
    """Fix `report`'s peildatum (a beheerder's act)."""
    declared = catalog.BY_NAME.get(report)
    if declared is None or declared.topic is None:
        names = ", ".join(r.name for r in catalog.REPORTS if r.topic)
        raise UnknownReport(f"Alleen de gepubliceerde rapporten hebben een vaststelbare peildatum: {names}.",
                            errors={"name": ["Niet vast te stellen."]})
    check_day(tracker, peildatum)
    if peildatum > tracker.today():
        raise InvalidValue(f"Peildatum {peildatum.isoformat()} ligt in de toekomst; stel alleen een verstreken "
                           "peildatum vast.", errors={"peildatum": ["In de toekomst."]})
    if fixing_of(tracker, report, peildatum) is not None:
        raise InvalidValue(f"De peildatum {peildatum.isoformat()} van {report} is al vastgesteld.",
                           errors={"peildatum": ["Al vastgesteld."]})
    stored = record(tracker, NewEvent(declared.topic, FIXED, {"rapport": report,
                                                              "vastgestelde_peildatum": peildatum.isoformat()},
                                      by), actor).event
    return Fixing(report, declared.topic, peildatum, stored.seq, stored.actor, stored.recorded_at)
