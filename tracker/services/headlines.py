"""Each topic's headline figure: what the dashboard, the topics in the API and the Bestuursraad see first."""
from __future__ import annotations

from dataclasses import dataclass

from tracker.services import dutch
from tracker.services.reports import cio, nigs, onvolkomenheden, open_op_orde
from tracker.services.reports.table import Snapshot


@dataclass(frozen=True)
class Headline:
    value: float  # what the progress bar shows, 0..100
    label: str
    figure: float  # the number compared between peildata
    lines: list[str]


def onvolkomenheden_headline(s: Snapshot) -> Headline:
    rows = onvolkomenheden.build(s).rows
    done, total = sum(r["opgevolgd"] for r in rows), sum(r["totaal"] for r in rows)
    severe = sum(r["ernstig"] for r in rows)
    solved = sum(p.item.state == "opgelost" for p in s.of_kind("onvolkomenheid"))
    return Headline(100 * done / total if total else 0, f"{done} van {total} aanbevelingen opgevolgd", done,
                    [f"{len(rows)} onvolkomenheden, waarvan {severe} ernstig; {solved} opgelost volgens de "
                     "Algemene Rekenkamer."])


def cio_headline(s: Snapshot) -> Headline:
    table = cio.build_opinions(s)
    row = cio.last_year_with_opinions(table)
    positive = row["positief"] + row["positief_met_adviezen"] + row["positief_onder_voorwaarden"]
    share = 100 * positive / row["totaal"] if row["totaal"] else 0
    return Headline(share, f"{positive} van {row['totaal']} CIO-oordelen in {row['jaar']} positief", positive,
                    [table.notes[0]])


def nigs_headline(s: Snapshot) -> Headline:
    rows = nigs.build(s).rows
    done, total = sum(r["doorlopen"] for r in rows), sum(r["werkgevers"] for r in rows)
    lines = [f"{r['route']}: {r['doorlopen']} van {r['werkgevers']} werkgevers" for r in rows]
    return Headline(100 * done / total if total else 0,
                    f"{done} van {total} trajecten hebben de vier stappen doorlopen", done, lines)


def open_op_orde_headline(s: Snapshot) -> Headline:
    found, goals = open_op_orde.measured(s), open_op_orde.targets(s)
    years = [y for y in found if y <= s.peildatum.year]
    if not years:
        return Headline(0, "Nog geen volwassenheidsmeting", 0, [])
    year = max(years)
    mean, count = found[year]
    of = open_op_orde.units(s)
    goal = goals.get(year, {})
    norm = goal.get("norm") or 4.0
    target = f" tegen streefwaarde {dutch.number(goal['streefwaarde'])}" if goal.get("streefwaarde") else ""
    provisional = " (voorlopig)" if count < of else ""
    return Headline(100 * mean / norm, f"Realisatie {year}: {dutch.number(mean)}{provisional}{target}", mean,
                    [f"{open_op_orde.coverage(count, of).capitalize()}.", f"Norm: {dutch.number(norm, 0)} "
                     "(BZK-model, score 1–4)."])
