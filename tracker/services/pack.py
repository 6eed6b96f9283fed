"""The Bestuursraad's pack for a meeting: everything its one PDF holds, as of a peildatum and set against an earlier
date. The chain head the figures rest on; each topic's headline figure, its development per half year and its
difference since the comparison date; each published table as its report shows it, with its chart; the critical
paths at risk; the overdue items with their owners; and the corrections recorded after a peildatum was fixed.

Gathering only: pack_pdf turns a Pack into HTML with the app's templates, and that into a PDF."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tracker.domain.errors import InvalidValue
from tracker.domain.events import GENESIS_HASH
from tracker.storage import event_store
from tracker.storage.schema import events

from . import accounts, dutch, reporting
from .catalog import BY_TOPIC, HEADLINE_FIGURES, TOPICS
from .charts import Chart
from .comparison import Comparison, Correction, TopicComparison, compare
from .context import Tracker
from .dashboard import headlines_of, previous_peildatum
from .headlines import Headline
from .pack_flags import Flags, flags
from .queries import check_day
from .reports.table import Table

TREND_POINTS = 4  # the peildatum and the three report dates before it: two years of the Stand van Defensie
SHOWN = 12  # items listed per kind of difference; the rest is counted


@dataclass(frozen=True)
class Anchor:
    """An event of the hash chain: its sequence number and hash (the hash covers every event before it)."""

    seq: int
    hash: str


@dataclass(frozen=True)
class Point:
    day: date
    value: float | None  # the headline figure; None when the topic had none yet (no measurement)

    @property
    def figure(self) -> str:
        """As printed: "34", "2,7"; "" for none."""
        if self.value is None:
            return ""
        return str(int(self.value)) if float(self.value).is_integer() else dutch.number(self.value)


@dataclass(frozen=True)
class TopicPart:
    key: str
    title: str
    paragraph: str
    report: str
    headline: Headline
    table: Table
    chart: Chart | None
    trend: list[Point]
    difference: TopicComparison | None

    @property
    def direction(self) -> str:
        """The development over the trend, in a word."""
        shown = [p.value for p in self.trend if p.value is not None]
        if len(shown) < 2:
            return "nieuw"
        first, last = round(shown[0], 1), round(shown[-1], 1)  # as printed: 2,71 and 2,74 are both 2,7
        return "stijgend" if last > first else "dalend" if last < first else "gelijk"


@dataclass(frozen=True)
class Pack:
    peildatum: date
    vergelijk: date
    anchor: Anchor  # the last event dated on or before the peildatum
    head: Anchor  # the last event of the log when the pack was made
    made_on: date
    trend_days: list[date]
    topics: list[TopicPart]
    flags: Flags
    corrections: list[Correction]
    kinds: dict[str, str]  # kind -> its Dutch name ("aanbeveling")
    names: dict[str, str]  # account -> display name, for who recorded a correction

    shown = SHOWN

    @property
    def filename(self) -> str:
        return f"pakket-bestuursraad-{self.peildatum.isoformat()}.pdf"

    @property
    def topic_titles(self) -> dict[str, str]:
        return {t.key: t.title for t in self.topics}


def dates(tracker: Tracker, peildatum: date | None, vergelijk: date | None) -> tuple[date, date]:
    """The peildatum (default today) and the comparison date (default the report date before it, or the log's first
    day when that came later), checked: both within what the log can answer for, the comparison date first."""
    check_day(tracker, peildatum)
    day = peildatum or tracker.today()
    earlier = vergelijk
    if earlier is None:
        first = event_store.first_day(tracker.engine)
        earlier = max(previous_peildatum(day), first) if first is not None and first < day else previous_peildatum(day)
    check_day(tracker, earlier, "Vergelijkingsdatum")
    if earlier >= day:
        raise InvalidValue(f"De vergelijkingsdatum {dutch.long_date(earlier)} ligt niet vóór de peildatum "
                           f"{dutch.long_date(day)}; kies een vergelijkingsdatum vóór de peildatum, bijvoorbeeld "
                           f"{previous_peildatum(day).isoformat()}.",
                           errors={"vergelijk": ["Moet vóór de peildatum liggen."]})
    return day, earlier


def gather(tracker: Tracker, peildatum: date | None = None, vergelijk: date | None = None) -> Pack:
    day, earlier = dates(tracker, peildatum, vergelijk)
    differences = compare(tracker, earlier, day)
    trend_days = _trend_days(tracker, day)
    trends = {d: headlines_of(reporting.snapshot(tracker, d, HEADLINE_FIGURES)) for d in trend_days}
    now = trends[day]
    named = {key: (p.item.title, str(p.item.attributes.get("paragraaf", "")))
             for key, p in reporting.snapshot(tracker, day, TOPICS).items.items() if key in now}
    order = sorted(now, key=lambda key: (BY_TOPIC[key].section or "", key))
    topics = [_topic(tracker, key, day, named[key], now[key], trends, trend_days, differences) for key in order]
    corrections = [c for t in differences.topics for c in t.corrections]
    return Pack(day, earlier, anchor_on(tracker, day), Anchor(*event_store.head_now(tracker.engine)),
                tracker.today(), trend_days, topics, flags(tracker, day, order), corrections,
                {w.kind: w.label for w in tracker.registry}, accounts.display_names(tracker) if corrections else {})


def anchor_on(tracker: Tracker, day: date) -> Anchor:
    """The last event (by sequence) dated on or before `day`: every figure as of that day rests on events up to
    and including it, so its hash anchors them (`tracker verify` checks the chain up to it)."""
    query = (select(events.c.seq, events.c.hash).where(events.c.occurred_on <= day)
             .order_by(events.c.seq.desc()).limit(1))
    with tracker.read() as connection:
        row = connection.execute(query).first()
    return Anchor(row[0], row[1]) if row else Anchor(0, GENESIS_HASH)


def _topic(tracker: Tracker, key: str, day: date, named: tuple[str, str], headline: Headline,
           trends: dict[date, dict[str, Headline]], trend_days: list[date], differences: Comparison) -> TopicPart:
    declared = BY_TOPIC[key]
    table = reporting.report(tracker, declared.name, day)
    chart = declared.chart(reporting.snapshot(tracker, day, declared.reads)) if declared.chart else None
    trend = [Point(d, _figure(trends[d].get(key))) for d in trend_days]
    return TopicPart(key, named[0], named[1] or declared.section or "", declared.name, headline, table, chart, trend,
                     differences.topic(key))


def _trend_days(tracker: Tracker, day: date) -> list[date]:
    """The peildatum and the report dates (30 June, 31 December) before it, from the log's first day on."""
    first = event_store.first_day(tracker.engine) or day
    found = [day]
    while len(found) < TREND_POINTS and previous_peildatum(found[0]) >= first:
        found.insert(0, previous_peildatum(found[0]))
    return found


def _figure(headline: Headline | None) -> float | None:
    """The figure a headline counts; None where there was none (a topic without a measurement yet has a headline
    without figure or lines)."""
    if headline is None or (not headline.figure and not headline.lines):
        return None
    return headline.figure
