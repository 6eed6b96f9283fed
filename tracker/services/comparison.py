"""Two peildata side by side, for the Bestuursraad: each topic's headline figure at both dates and the
difference, which items changed state, which onvolkomenheden are new or resolved, which forecasts slipped,
what became overdue or at risk, and the corrections recorded after a fixed peildatum.

Each date is read once (its headlines from one snapshot, every item and the dependency graph from the
histories), never item by item."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from tracker.domain.errors import InvalidValue
from tracker.storage import event_store, projection_store

from . import dutch
from .catalog import BY_TOPIC, HEADLINE_FIGURES
from .comparison_changes import ItemDiff, Stand, diffs, newly, slips, state_label
from .context import Tracker
from .dashboard import headlines_of, previous_peildatum
from .fixing import FIXED, Fixing, fixings
from .headlines import Headline
from .queries import check_day
from .reporting import snapshot, snapshot_known

# The kind of item each topic's headline figure counts: where its figure's link leads.
FIGURE_KINDS = {"onvolkomenheden": "aanbeveling", "cio-oordelen": "it_project", "nigs": "nigs_traject",
                "open-op-orde": "defensieonderdeel"}


@dataclass(frozen=True)
class Figure:
    """A topic's headline figure at `van` and at `tot`. At a fixed peildatum it is the figure as fixed; what later
    corrections make of it is beside it (`corrected_*`, only when they change it)."""

    label_van: str | None  # e.g. "9 van 12 aanbevelingen opgevolgd"; None: the topic did not exist yet
    label_tot: str
    van: float | None
    tot: float
    difference: float | None
    change: str  # "+3", "−0,2", "geen wijziging" or "nieuw"
    fixed_van: bool = False
    fixed_tot: bool = False
    corrected_van: str | None = None
    corrected_tot: str | None = None


@dataclass(frozen=True)
class StateChange:
    """An item whose state at `tot` differs from its state at `van` (absent at van: state None)."""

    key: str
    title: str
    topic: str
    kind: str
    parent: str | None
    state_van: str | None
    state_tot: str
    label_van: str | None
    label_tot: str
    corrected: bool = False  # a correction after a fixed peildatum touched it


@dataclass(frozen=True)
class Slip:
    """A forecast that moved later between the dates."""

    key: str
    title: str
    topic: str
    kind: str
    forecast_van: date
    forecast_tot: date
    days: int


@dataclass(frozen=True)
class Flagged:
    """An item overdue or at risk at `tot` that was not so at `van`."""

    key: str
    title: str
    topic: str
    kind: str
    state_label: str
    deadline: date | None
    forecast: date | None


@dataclass(frozen=True)
class Correction:
    """An event recorded after a peildatum was fixed and dated on or before it: shown, and counted in the figure
    of that peildatum only as `corrected_van`/`corrected_tot`."""

    report: str
    topic: str
    fixed_peildatum: date
    seq: int
    key: str
    title: str
    label: str  # what happened, in the words of the item's workflow
    occurred_on: date
    recorded_at: datetime  # UTC
    actor: str
    reason: str | None


@dataclass(frozen=True)
class TopicComparison:
    key: str
    title: str
    figure: Figure | None  # None: the topic has no headline figure
    figure_kind: str | None  # the kind of item the figure counts (aanbeveling for "x van y opgevolgd")
    changed: list[StateChange] = field(default_factory=list)  # every item whose state differs
    done: list[StateChange] = field(default_factory=list)  # became done (e.g. opgevolgd), below the top level
    new: list[StateChange] = field(default_factory=list)  # top-level items (onvolkomenheden) created in between
    resolved: list[StateChange] = field(default_factory=list)  # top-level items done in between (opgelost)
    slipped: list[Slip] = field(default_factory=list)
    overdue: list[Flagged] = field(default_factory=list)
    at_risk: list[Flagged] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)


@dataclass(frozen=True)
class Comparison:
    van: date
    tot: date
    topics: list[TopicComparison]

    def topic(self, key: str) -> TopicComparison | None:
        return next((t for t in self.topics if t.key == key), None)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO strings."""
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def default_dates(tracker: Tracker, van: date | None, tot: date | None) -> tuple[date, date]:
    """What is compared when a date is left out: tot today, van the report date before tot (30 June or
    31 December, see dashboard.previous_peildatum)."""
    tot = tot or tracker.today()
    return van or previous_peildatum(tot), tot


def check_dates(tracker: Tracker, van: date, tot: date) -> None:
    """Both dates within what the log can answer for (see queries.check_day), and van before tot."""
    check_day(tracker, van, "Van")
    check_day(tracker, tot, "Tot")
    if van >= tot:
        raise InvalidValue(f"Van ({van.isoformat()}) ligt niet vóór tot ({tot.isoformat()}); kies een van-datum "
                           "vóór de tot-datum.", errors={"van": ["Moet vóór tot liggen."]})


def compare(tracker: Tracker, van: date, tot: date) -> Comparison:
    """The tracker as it stood at the end of `van` against the end of `tot` (van before tot)."""
    check_dates(tracker, van, tot)
    with tracker.read() as connection:
        fixed = [f for f in fixings(connection) if van <= f.peildatum <= tot]
        found = {f: [e for e in event_store.recorded_under(connection, f.topic, f.peildatum, f.seq)
                     if e.type != FIXED] for f in fixed}
        titles = projection_store.kinds_and_titles(connection, {e.item for events in found.values() for e in events})
    corrections = [_correction(tracker, f, e, titles) for f, events in found.items() for e in events]
    figures_van = _headlines(tracker, van, fixed)
    figures_tot = _headlines(tracker, tot, fixed)
    with tracker.read() as connection:
        stand_van = Stand.read(connection, van)
        stand_tot = Stand.read(connection, tot)
    topics = []
    for then in stand_tot.topics():
        changes = diffs(stand_van, stand_tot, then.key)
        topics.append(_topic(tracker, then.key, then.title, stand_van, stand_tot, changes,
                             _figure(figures_van.get(then.key), figures_tot.get(then.key)),
                             [c for c in corrections if c.topic == then.key]))
    return Comparison(van, tot, topics)


def _headlines(tracker: Tracker, day: date, fixed: list[Fixing]) -> dict[str, tuple[Headline, bool, Headline | None]]:
    """Per topic: the headline at `day` (as fixed, where its report was fixed on that day), whether it was fixed,
    and the headline counting everything recorded since (only where fixed). One snapshot for the day, and one
    more per fixing of it; each reduced to its headlines before the next is built."""
    now = headlines_of(snapshot(tracker, day, HEADLINE_FIGURES))
    result: dict[str, tuple[Headline, bool, Headline | None]] = {key: (h, False, None) for key, h in now.items()}
    for fixing in fixed:
        if fixing.peildatum != day or fixing.topic not in now or BY_TOPIC[fixing.topic].name != fixing.report:
            continue
        then = headlines_of(snapshot_known(tracker, day, fixing.seq - 1)).get(fixing.topic)
        if then is not None:
            result[fixing.topic] = (then, True, now[fixing.topic] if now[fixing.topic].label != then.label else None)
    return result


def _figure(van: tuple[Headline, bool, Headline | None] | None,
            tot: tuple[Headline, bool, Headline | None] | None) -> Figure | None:
    if tot is None:
        return None
    after, fixed_tot, corrected_tot = tot
    if van is None:
        return Figure(None, after.label, None, after.figure, None, "nieuw", False, fixed_tot, None,
                      corrected_tot.label if corrected_tot else None)
    before, fixed_van, corrected_van = van
    difference = round(after.figure - before.figure, 6)  # without float noise: 2,7 − 2,5 is 0,2
    return Figure(before.label, after.label, before.figure, after.figure, difference, change_text(difference),
                  fixed_van, fixed_tot, corrected_van.label if corrected_van else None,
                  corrected_tot.label if corrected_tot else None)


def change_text(difference: float) -> str:
    """+3, −0,2 or "geen wijziging" (a real minus sign, as the dashboard shows it)."""
    if abs(difference) < 1e-9:
        return "geen wijziging"
    whole = float(difference).is_integer()
    shown = str(int(abs(difference))) if whole else dutch.number(abs(difference))
    return ("+" if difference > 0 else "−") + shown


def _topic(tracker: Tracker, key: str, title: str, van: Stand, tot: Stand, changes: list[ItemDiff],
           figure: Figure | None, corrections: list[Correction]) -> TopicComparison:
    registry, touched = tracker.registry, {c.key for c in corrections}

    def change(diff: ItemDiff) -> StateChange:
        after = diff.after
        return StateChange(after.key, after.title, after.topic, after.kind, after.parent,
                           diff.before.state if diff.before else None, after.state,
                           state_label(registry, diff.before), state_label(registry, after) or after.state,
                           after.key in touched)

    def flagged(item: str) -> Flagged:
        then = tot.items[item]
        return Flagged(item, then.title, then.topic, then.kind, state_label(registry, then) or then.state,
                       then.deadline, tot.forecast(item))

    top = [d for d in changes if d.after.parent == key]
    below = [d for d in changes if d.after.parent != key]
    keys = [d.after.key for d in changes]
    return TopicComparison(
        key, title, figure, FIGURE_KINDS.get(key),
        changed=[change(d) for d in changes if d.state_changed],
        done=[change(d) for d in below if d.became_done],
        new=[change(d) for d in top if d.before is None],
        resolved=[change(d) for d in top if d.became_done],
        slipped=[Slip(k, tot.items[k].title, key, tot.items[k].kind, before, after, days)
                 for k, before, after, days in slips(van, tot, keys)],
        overdue=[flagged(k) for k in newly(van, tot, keys, "overdue")],
        at_risk=[flagged(k) for k in newly(van, tot, keys, "at_risk")],
        corrections=corrections)


def _correction(tracker: Tracker, fixing: Fixing, event, titles: dict[str, tuple[str, str]]) -> Correction:
    kind, title = titles.get(event.item, ("", event.item))
    label = tracker.registry(kind).event_label(event.type) if kind in tracker.registry else event.type
    return Correction(fixing.report, fixing.topic, fixing.peildatum, event.seq, event.item, title, label,
                      event.occurred_on, event.recorded_at, event.actor, event.data.get("toelichting"))
