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
    return {year: mean for year, (mean, _) in measured(snapshot).items()}


def measured(snapshot: Snapshot) -> dict[int, tuple[float, int]]:
    """Per year: the mean of the units' latest scores in it, and how many units were measured."""
    per_year: dict[int, list[float]] = {}
    for (_, year), score in unit_scores(snapshot).items():
        per_year.setdefault(year, []).append(score)
    return {year: (one_decimal(sum(scores) / len(scores)), len(scores)) for year, scores in per_year.items()}


def units(snapshot: Snapshot) -> int:
    scored = _scored_kinds(snapshot)
    return sum(1 for p in snapshot.items.values() if p.item.kind in scored)


YEARS_SHOWN = 3  # the published table shows the peildatum's year and the two after it
BASIS = 3  # level 3 of the BZK model: "basis op orde"


def coverage(count: int, of: int) -> str:
    return f"{count} van {of} onderdelen gemeten" + (", voorlopig" if count < of else "")


def build(snapshot: Snapshot) -> Table:
    goals, found, all_units = targets(snapshot), measured(snapshot), units(snapshot)
    first = snapshot.peildatum.year
    years = list(range(first, first + YEARS_SHOWN))
    rows = []
    for y in years:
        mean, count = found.get(y, (None, 0))
        rows.append({"jaar": y, "realisatie": mean, "streefwaarde": goals.get(y, {}).get("streefwaarde"),
                     "norm": goals.get(y, {}).get("norm"), "gemeten": count, "onderdelen": all_units,
                     "voorlopig": mean is not None and count < all_units})
    cells = [
        ["Informatiehuishouding - realisatiescore"] + [dutch.number(r["realisatie"]) + (" (voorlopig)" if r["voorlopig"]
                                                                                         else "") for r in rows],
        ["Streefwaarde"] + [dutch.number(r["streefwaarde"]) for r in rows],
        ["Norm"] + [dutch.number(r["norm"], 0 if r["norm"] is not None and float(r["norm"]).is_integer() else 1)
                    for r in rows],
    ]
    notes = []
    for r in rows:
        if r["realisatie"] is not None:
            notes.append(f"Realisatie {r['jaar']}: {coverage(int(r['gemeten'] or 0), int(r['onderdelen'] or 0))}.")
        if r["realisatie"] is not None and r["streefwaarde"] is not None:
            gap = one_decimal(r["realisatie"] - r["streefwaarde"])
            side = "onder" if gap < 0 else ("boven" if gap > 0 else "gelijk aan")
            amount = f"{dutch.number(abs(gap))} " if gap else ""
            ending = f"; de norm is {dutch.number(r['norm'], 0)}." if r["norm"] else "."
            notes.append(f"Realisatie {r['jaar']}: {dutch.number(r['realisatie'])} "
                         f"tegen streefwaarde {dutch.number(r['streefwaarde'])}: "
                         f"{amount}{side} de streefwaarde" + ending)
    footnotes = ["Realisatie: het gemiddelde van de laatste score van ieder defensieonderdeel in dat jaar; zolang niet "
                 "alle onderdelen zijn gemeten is zij voorlopig (BZK-model: 1 ad hoc, 2 herhaalbaar, 3 gedefinieerd, "
                 "4 gemanaged)."]
    horizon = max((y for y, g in goals.items() if g.get("streefwaarde") == g.get("norm")), default=None)
    if horizon is not None:
        footnotes.append(f"Doel van het programma: niveau {dutch.number(goals[horizon]['norm'], 0)} in {horizon}; "
                         f"niveau {BASIS} is 'basis op orde'.")
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
