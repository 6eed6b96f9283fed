"""What the Bestuursraad sees first: each topic's headline figure, its change since the previous
peildatum, what is blocked or at risk, and the latest changes."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from tracker.services import dutch
from tracker.services.reports.table import Snapshot
from tracker.storage import event_store, projection_store

from . import accounts, as_of
from .catalog import BY_TOPIC, DASHBOARD, HEADLINE_FIGURES
from .context import Tracker
from .headlines import Headline
from .reporting import snapshot
from .views import item_dict


@dataclass(frozen=True)
class TopicSummary:
    key: str
    title: str
    paragraph: str
    headline: Headline
    change: str
    blocked: int
    at_risk: int
    illustratief: bool
    overdue: int = 0


@dataclass(frozen=True)
class Change:
    seq: int
    item: str
    title: str
    type: str
    actor: str
    occurred_on: date


@dataclass(frozen=True)
class Dashboard:
    peildatum: date
    previous: date
    topics: list[TopicSummary]
    changes: list[Change]
    also: list = field(default_factory=list)  # what the caller derived from the same snapshot


def previous_peildatum(day: date) -> date:
    """The Stand van Defensie appears twice a year: the last 30 June or 31 December before `day`."""
    earlier = (day.year - 1,) if day.year > date.min.year else ()  # no year before the first the calendar has
    for candidate in [date(day.year, 6, 30)] + [date(y, m, d) for y in earlier for m, d in ((12, 31), (6, 30))]:
        if candidate < day:
            return candidate
    return max(date.min, day - timedelta(days=min(182, (day - date.min).days)))


def _change(now: Headline, before: Headline | None, previous: date) -> str:
    if before is None:
        return f"nieuw sinds {dutch.long_date(previous)}"
    delta = now.figure - before.figure
    if abs(delta) < 1e-9:
        return f"geen wijziging sinds {dutch.long_date(previous)}"
    fraction = isinstance(delta, float) and not float(delta).is_integer()
    shown = dutch.number(abs(delta)) if fraction else str(int(abs(delta)))
    return f"{'+' if delta > 0 else '−'}{shown} sinds {dutch.long_date(previous)}"


def headlines_of(snap: Snapshot) -> dict[str, Headline]:
    """Each present topic's headline, from one snapshot."""
    return {key: report.headline(snap) for key, report in BY_TOPIC.items()
            if key in snap.items and report.headline is not None}


def dashboard(tracker: Tracker, peildatum: date,
              also: Callable[[Snapshot], list] = lambda now: []) -> Dashboard:
    """The dashboard as of `peildatum`; `also(now)` derives more from the same snapshot (the page's charts).

    The earlier peildatum's snapshot is reduced to its headlines before the current one is built, so that at
    a million events a worker never holds both."""
    previous = previous_peildatum(peildatum)
    earlier = headlines_of(snapshot(tracker, previous, HEADLINE_FIGURES))
    now = snapshot(tracker, peildatum, DASHBOARD)
    headlines = headlines_of(now)
    extra = also(now)
    topics_in_order = [(p.item.key, p.item.title, p.item.attributes.get("paragraaf", ""))
                       for p in sorted((p for p in now.items.values() if p.item.parent is None),
                                       key=lambda p: p.created_seq) if p.item.key in headlines]
    del now
    with tracker.read() as connection:  # blocked, at risk and overdue as of the peildatum
        # Nothing can have happened after today, so as of today the projection itself holds the answer.
        counts = (projection_store.topic_counts(connection, peildatum) if peildatum >= tracker.today()
                  else as_of.counts(connection, peildatum))
        illustrative = projection_store.topics_with_illustrative_items(connection)
    topics = []
    for key, title, paragraph in topics_in_order:
        _, blocked, at_risk, overdue = counts.get(key, (0, 0, 0, 0))
        topics.append(TopicSummary(key, title, paragraph, headlines[key],
                                   _change(headlines[key], earlier.get(key), previous), blocked, at_risk,
                                   key in illustrative, overdue))
    with tracker.read() as connection:
        recent = event_store.latest_changes(connection, peildatum, 12)
        known = projection_store.kinds_and_titles(connection, [f.item for f in recent])
    changes = [Change(f.seq, f.item, known[f.item][1], _label(tracker, known[f.item][0], f), "", f.occurred_on)
               for f in recent if f.item in known]
    return Dashboard(peildatum, previous, topics, _with_actors(tracker, changes), extra)


def _label(tracker: Tracker, kind: str, fact) -> str:
    """What happened, in the words of the item's workflow (e.g. "Opgevolgd melden")."""
    workflow = tracker.registry(kind)
    return next((t.label for t in workflow.transitions if t.event == fact.type), fact.type.replace("_", " "))


def _with_actors(tracker: Tracker, changes: list[Change]) -> list[Change]:
    """Who made each change, by display name where the account has one."""
    with tracker.read() as connection:
        actors = event_store.actors(connection, [c.seq for c in changes])
    shown = accounts.display_names(tracker) if actors else {}
    names = {seq: shown.get(name, name) for seq, name in actors.items()}
    return [Change(c.seq, c.item, c.title, c.type, names.get(c.seq, ""), c.occurred_on) for c in changes]


def topics_json(tracker: Tracker) -> bytes:
    """The topics as the API serves them, each with its headline of today, computed once per state of the log
    (keyed by its head)."""
    head = event_store.head_now(tracker.engine)[0]
    cached = tracker.read_cache.get("topics")
    if cached is not None and cached[0] == head:
        return cached[1]
    today = tracker.today()
    figures = headlines_of(snapshot(tracker, today, HEADLINE_FIGURES))
    with tracker.read() as connection:
        counts = projection_store.topic_counts(connection, today)
        roots = projection_store.select_items(connection, kind="thema")
    rows = []
    for p in roots:
        n, blocked, at_risk, overdue = counts.get(p.item.key, (0, 0, 0, 0))
        declared = BY_TOPIC.get(p.item.key)
        figure = figures.get(p.item.key)
        rows.append({**item_dict(p, tracker.registry, today), "items": n, "blocked_items": blocked,
                     "at_risk_items": at_risk, "overdue_items": overdue,
                     "report": declared.name if declared else None,
                     "headline": None if figure is None else {"label": figure.label, "value": round(figure.value, 1),
                                                              "figure": figure.figure, "lines": figure.lines}})
    payload = json.dumps(rows, ensure_ascii=False).encode("utf-8")
    tracker.read_cache["topics"] = (head, payload)
    return payload
