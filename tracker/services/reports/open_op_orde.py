"""Section 7.2: maturity of information management, realisatie against streefwaarde and norm."""
from __future__ import annotations

from tracker.services import dutch

from .table import Snapshot, Table, one_decimal

TARGET_EVENT = "streefwaarde_vastgesteld"


def _scored_kinds(snapshot: Snapshot) -> dict[str, str]:
    """Kinds whose workflow is scored, with the field that holds the score."""
    return {w.kind: w.score_field for w in snapshot.registry if w.score_field}


def unit_scores(snapshot: Snapshot) -> dict[tuple[str, int], float]:
    """Each unit's latest score per year (the last measurement event of that year wins)."""
    scored = _scored_kinds(snapshot)
    latest: dict[tuple[str, int], float] = {}
    for fact in snapshot.facts:
        found = snapshot.items.get(fact.item)
        if found is None or found.item.kind not in scored:
            continue
        field = scored[found.item.kind]
        if field in fact.data and "jaar" in fact.data:
            latest[(fact.item, fact.data["jaar"])] = fact.data[field]
    return latest


def targets(snapshot: Snapshot) -> dict[int, dict[str, float]]:
    found: dict[int, dict[str, float]] = {}
    for fact in snapshot.facts:
        if fact.type == TARGET_EVENT:
            found[fact.data["jaar"]] = {"streefwaarde": fact.data["streefwaarde"], "norm": fact.data["norm"]}
    return found


def realisatie(snapshot: Snapshot) -> dict[int, float]:
    per_year: dict[int, list[float]] = {}
    for (_, year), score in unit_scores(snapshot).items():
        per_year.setdefault(year, []).append(score)
    return {year: one_decimal(sum(scores) / len(scores)) for year, scores in per_year.items()}


def build(snapshot: Snapshot) -> Table:
    goals, realised = targets(snapshot), realisatie(snapshot)
    years = sorted(set(goals) | set(realised))
    rows = [{"jaar": y, "realisatie": realised.get(y), "streefwaarde": goals.get(y, {}).get("streefwaarde"),
             "norm": goals.get(y, {}).get("norm")} for y in years]
    cells = [
        ["Informatiehuishouding - realisatiescore"] + [dutch.number(r["realisatie"]) for r in rows],
        ["Streefwaarde"] + [dutch.number(r["streefwaarde"]) for r in rows],
        ["Norm"] + [dutch.number(r["norm"], 0 if r["norm"] is not None and float(r["norm"]).is_integer() else 1)
                    for r in rows],
    ]
    notes = []
    for r in rows:
        if r["realisatie"] is not None and r["streefwaarde"] is not None:
            gap = one_decimal(r["realisatie"] - r["streefwaarde"])
            side = "onder" if gap < 0 else ("boven" if gap > 0 else "gelijk aan")
            amount = f"{dutch.number(abs(gap))} " if gap else ""
            ending = f"; de norm is {dutch.number(r['norm'], 0)}." if r["norm"] else "."
            notes.append(f"Realisatie {r['jaar']}: {dutch.number(r['realisatie'])} "
                         f"tegen streefwaarde {dutch.number(r['streefwaarde'])}: "
                         f"{amount}{side} de streefwaarde" + ending)
    footnotes = ["Realisatie: het gemiddelde van de laatste score van ieder defensieonderdeel in dat jaar "
                 "(BZK-model: 1 ad hoc, 2 herhaalbaar, 3 gedefinieerd, 4 gemanaged)."]
    return Table("open-op-orde", "Basis op orde - informatiehuishouding volwassenheidsniveau (score 1-4)",
                 snapshot.peildatum, rows, [""] + [str(y) for y in years], cells, footnotes, notes)


def build_units(snapshot: Snapshot) -> Table:
    rows, cells = [], []
    for (key, year), score in sorted(unit_scores(snapshot).items(), key=lambda kv: (kv[0][1], kv[0][0])):
        item = snapshot.items[key].item
        rows.append({"onderdeel": item.title, "jaar": year, "score": score, "illustratief": item.illustratief})
        cells.append([item.title, str(year), dutch.number(score)])
    return Table("open-op-orde-onderdelen", "Volwassenheidsscore per defensieonderdeel", snapshot.peildatum, rows,
                 ["Defensieonderdeel", "Jaar", "Score"], cells, [], [],
                 illustratief=any(r["illustratief"] for r in rows))
