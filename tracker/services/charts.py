"""What each topic's chart shows, built from the same snapshot as its report (the pages draw it as SVG)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker.services import dutch
from tracker.services.reports import cio, nigs, open_op_orde
from tracker.services.reports.table import Snapshot
from tracker.services.reports.trend import done_over_time, quarter_ends


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    css: str  # chart__bar--1 ... chart__bar--5, chart__bar--target


@dataclass(frozen=True)
class Chart:
    """A bar chart's content: its numbers, with a title and a description as its text alternative."""

    id: str
    title: str
    description: str
    labels: list[str]
    series: list[Series]
    stacked: bool = False
    y_max: float | None = None
    decimals: int = 0  # how its numbers are printed


def bar_chart(chart_id: str, title: str, description: str, labels, series, *, stacked: bool = False,
              y_max: float | None = None, decimals: int = 0) -> Chart:
    return Chart(chart_id, title, description, list(labels), list(series), stacked, y_max, decimals)


def followed(snapshot: Snapshot) -> Chart:
    history = snapshot.history.get("aanbeveling", ())
    first = min((row[2] for row in history), default=snapshot.peildatum)
    dates = quarter_ends(max(first, date(snapshot.peildatum.year - 3, 1, 1)), snapshot.peildatum)[-12:]
    if not dates or dates[-1] != snapshot.peildatum:
        dates.append(snapshot.peildatum)
    counts = done_over_time(history, snapshot.registry("aanbeveling"), dates)
    labels = [f"{d.year} K{(d.month - 1) // 3 + 1}" if d.month in (3, 6, 9, 12) and d.day >= 30 else dutch.long_date(d)
              for d in dates]
    last = counts[-1] if counts else (0, 0)
    return bar_chart(
        "opgevolgd", "Aanbevelingen opgevolgd per peildatum",
        "Aantal aanbevelingen van de Algemene Rekenkamer dat is opgevolgd, per kwartaal; "
        f"op {dutch.long_date(dates[-1])}: {last[0]} van {last[1]}.", labels,
        [Series("Opgevolgd", [d for d, _ in counts], "chart__bar--1"),
         Series("Totaal", [t for _, t in counts], "chart__bar--target")],
        )


def opinions(snapshot: Snapshot) -> Chart:
    rows = cio.build_opinions(snapshot).rows
    names = [("positief", "Positief"), ("positief_met_adviezen", "Met adviezen"),
             ("positief_onder_voorwaarden", "Onder voorwaarden"), ("negatief", "Negatief"),
             ("geen_oordeel", "Geen oordeel / uitstel")]
    series = [Series(label, [r[key] for r in rows], f"chart__bar--{i + 1}") for i, (key, label) in enumerate(names)]
    summary = "; ".join(f"{r['jaar']}: {r['totaal']} oordelen, {r['negatief']} negatief" for r in rows)
    return bar_chart("cio", "CIO-oordelen per jaar", f"Gestapelde staven per jaar. {summary}.",
                     [str(r["jaar"]) for r in rows], series, stacked=True)


def nigs_steps(snapshot: Snapshot) -> Chart:
    table = nigs.build(snapshot)
    steps = [("inventariseren", "Inventariseren"), ("beoordelen", "Beoordelen"),
             ("maatregelen_treffen", "Maatregelen treffen"), ("borgen", "Borgen"), ("doorlopen", "Doorlopen")]
    series = [Series("Niet gestart", [r["niet_gestart"] for r in table.rows], "chart__bar--none")]
    series += [Series(label, [r[key] for r in table.rows], f"chart__bar--{i + 1}")
               for i, (key, label) in enumerate(steps)]
    summary = "; ".join(f"{r['route']}: {r['doorlopen']} van {r['werkgevers']} doorlopen" for r in table.rows)
    return bar_chart("nigs", "NIGS: werkgevers per stap en route", f"Gestapelde staven per route. {summary}.",
                     [r["route"] for r in table.rows], series, stacked=True)


def maturity(snapshot: Snapshot) -> Chart:
    rows = open_op_orde.build(snapshot).rows
    summary = "; ".join(f"{r['jaar']}: realisatie {dutch.number(r['realisatie']) or 'nog niet gemeten'}, streefwaarde "
                        f"{dutch.number(r['streefwaarde'])}" for r in rows)
    return bar_chart("ooo", "Open op Orde: realisatie tegen streefwaarde", f"Score 1 tot 4 per jaar. {summary}.",
                     [str(r["jaar"]) for r in rows],
                     [Series("Realisatie", [r["realisatie"] for r in rows], "chart__bar--1"),
                      Series("Streefwaarde", [r["streefwaarde"] for r in rows], "chart__bar--target"),
                      Series("Norm", [r["norm"] for r in rows], "chart__bar--4")],
                     y_max=4, decimals=1)

