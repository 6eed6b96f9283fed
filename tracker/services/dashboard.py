"""What the Bestuursraad sees first: each topic's headline figure, its change since the previous
peildatum, what is blocked or at risk, and the latest changes."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

from tracker.domain.reports import cio, nigs, onvolkomenheden, open_op_orde
from tracker.domain.reports.table import Snapshot, nl, nl_date
from tracker.storage import event_store, projection_store

from . import as_of
from .context import Tracker
from .reporting import DASHBOARD, HEADLINE_FIGURES, snapshot


@dataclass(frozen=True)
class Headline:
    value: float  # what the progress bar shows, 0..100
    label: str
    figure: float  # the number compared between peildata
    lines: list[str]


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
    for candidate in (date(day.year, 6, 30), date(day.year - 1, 12, 31), date(day.year - 1, 6, 30)):
        if candidate < day:
            return candidate
    return day - timedelta(days=182)


def _onvolkomenheden(s: Snapshot) -> Headline:
    rows = onvolkomenheden.build(s).rows
    done, total = sum(r["opgevolgd"] for r in rows), sum(r["totaal"] for r in rows)
    severe = sum(r["ernstig"] for r in rows)
    solved = sum(p.item.state == "opgelost" for p in s.of_kind("onvolkomenheid"))
    return Headline(100 * done / total if total else 0, f"{done} van {total} aanbevelingen opgevolgd", done,
                    [f"{len(rows)} onvolkomenheden, waarvan {severe} ernstig; {solved} opgelost volgens de "
                     "Algemene Rekenkamer."])


def _cio(s: Snapshot) -> Headline:
    table = cio.build_opinions(s)
    row = table.rows[-1]
    positive = row["positief"] + row["positief_met_adviezen"] + row["positief_onder_voorwaarden"]
    share = 100 * positive / row["totaal"] if row["totaal"] else 0
    return Headline(share, f"{positive} van {row['totaal']} CIO-oordelen in {row['jaar']} positief", positive,
                    [table.notes[0]])


def _nigs(s: Snapshot) -> Headline:
    rows = nigs.build(s).rows
    done, total = sum(r["doorlopen"] for r in rows), sum(r["werkgevers"] for r in rows)
    lines = [f"{r['route']}: {r['doorlopen']} van {r['werkgevers']} werkgevers" for r in rows]
    return Headline(100 * done / total if total else 0,
                    f"{done} van {total} trajecten hebben de vier stappen doorlopen", done, lines)


def _open_op_orde(s: Snapshot) -> Headline:
    rows = [r for r in open_op_orde.build(s).rows if r["realisatie"] is not None]
    if not rows:
        return Headline(0, "Nog geen volwassenheidsmeting", 0, [])
    row = rows[-1]
    norm = row["norm"] or 4.0
    target = f" tegen streefwaarde {nl(row['streefwaarde'])}" if row["streefwaarde"] is not None else ""
    return Headline(100 * row["realisatie"] / norm, f"Realisatie {row['jaar']}: {nl(row['realisatie'])}{target}",
                    row["realisatie"], [f"Norm: {nl(norm, 0)} (BZK-model, score 1–4)."])


HEADLINES = {"onvolkomenheden": _onvolkomenheden, "cio-oordelen": _cio, "nigs": _nigs,
             "open-op-orde": _open_op_orde}


def _change(now: Headline, before: Headline | None, previous: date) -> str:
    if before is None:
        return f"nieuw sinds {nl_date(previous)}"
    delta = now.figure - before.figure
    if abs(delta) < 1e-9:
        return f"geen wijziging sinds {nl_date(previous)}"
    shown = nl(abs(delta)) if isinstance(delta, float) and not float(delta).is_integer() else str(int(abs(delta)))
    return f"{'+' if delta > 0 else '−'}{shown} sinds {nl_date(previous)}"


def _headlines(snap: Snapshot) -> dict[str, Headline]:
    return {key: build(snap) for key, build in HEADLINES.items() if key in snap.items}


def dashboard(tracker: Tracker, peildatum: date,
              also: Callable[[Snapshot], list] = lambda now: []) -> Dashboard:
    """The dashboard as of `peildatum`; `also(now)` derives more from the same snapshot (the page's charts).

    The earlier peildatum's snapshot is reduced to its headlines before the current one is built, so that at
    a million events a worker never holds both."""
    previous = previous_peildatum(peildatum)
    earlier = _headlines(snapshot(tracker, previous, HEADLINE_FIGURES))
    now = snapshot(tracker, peildatum, DASHBOARD)
    headlines = _headlines(now)
    extra = also(now)
    topics_in_order = [(p.item.key, p.item.title, p.item.attributes.get("paragraaf", ""))
                       for p in sorted((p for p in now.items.values() if p.item.parent is None),
                                       key=lambda p: p.created_seq) if p.item.key in headlines]
    del now
    with tracker.read() as connection:  # blocked and at risk as of the peildatum
        # Nothing can have happened after today, so as of today the projection itself holds the answer.
        counts = (projection_store.topic_counts(connection) if peildatum >= tracker.today()
                  else as_of.counts(connection, peildatum))
        illustrative = projection_store.topics_with_illustrative_items(connection)
    topics = []
    for key, title, paragraph in topics_in_order:
        _, blocked, at_risk = counts.get(key, (0, 0, 0))
        topics.append(TopicSummary(key, title, paragraph, headlines[key],
                                   _change(headlines[key], earlier.get(key), previous), blocked, at_risk,
                                   key in illustrative))
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
    with tracker.read() as connection:
        actors = event_store.actors(connection, [c.seq for c in changes])
    return [Change(c.seq, c.item, c.title, c.type, actors.get(c.seq, ""), c.occurred_on) for c in changes]
