"""Section 7.1: CIO opinions per year, the findings split, and prioritised projects delivered on time."""
from __future__ import annotations

from collections import Counter
from datetime import date

from tracker.services import dutch

from .table import Snapshot, Table, percent

PROJECT = "it_project"
# Opinion event -> report column, in the published row order.
OUTCOMES = {
    "oordeel_positief": ("positief", "Positief"),
    "oordeel_negatief": ("negatief", "Negatief"),
    "oordeel_positief_met_adviezen": ("positief_met_adviezen", "Positief met adviezen"),
    "oordeel_positief_onder_voorwaarden": ("positief_onder_voorwaarden", "Positief onder voorwaarden"),
    "oordeel_uitgesteld": ("geen_oordeel", "Geen oordeel afgegeven/uitstel oordeel"),
}
CATEGORIES = {
    "capaciteit_en_risico": "onzekerheden rondom de beschikbare personele capaciteit en het beheersen van "
                            "onderkende risico's",
    "afhankelijkheden": "afhankelijkheden van andere projecten zonder concrete afspraken",
    "governance_en_planning": "tekortkomingen in de governance en het realisme van de planning",
    "budget_scope_architectuur": "knelpunten in de budgettaire planning, projectscope of de gekozen technische "
                                 "architectuur",
}
YEARS_SHOWN = 4  # the published table shows the peildatum's year and the three before it


def window(peildatum: date) -> list[int]:
    return list(range(peildatum.year - YEARS_SHOWN + 1, peildatum.year + 1))


def _is_project(snapshot: Snapshot, key: str) -> bool:
    found = snapshot.items.get(key)
    return found is not None and found.item.kind == PROJECT


def opinion_counts(snapshot: Snapshot) -> dict[int, Counter]:
    counts: dict[int, Counter] = {}
    for fact in snapshot.facts:
        if fact.type in OUTCOMES and _is_project(snapshot, fact.item):
            counts.setdefault(fact.occurred_on.year, Counter())[OUTCOMES[fact.type][0]] += 1
    return counts


STARTS = ("gestart", "overgenomen_als_lopend")


def after_negative(snapshot: Snapshot, first: int, last: int) -> tuple[int, int]:
    """Of the negative opinions in these years: how many projects started after it (once resubmitted and judged
    positive again), and how many did not (yet), as of the peildatum."""
    negative = [f for f in snapshot.facts if f.type == "oordeel_negatief" and first <= f.occurred_on.year <= last
                and _is_project(snapshot, f.item)]
    starts: dict[str, list[int]] = {}
    for fact in snapshot.facts:
        if fact.type in STARTS:
            starts.setdefault(fact.item, []).append(fact.seq)
    started = sum(1 for f in negative if any(seq > f.seq for seq in starts.get(f.item, ())))
    return started, len(negative) - started


def last_year_with_opinions(table: Table) -> dict:
    """The headline's row: the latest year that has opinions (the current year may have none yet)."""
    return next((r for r in reversed(table.rows) if r["totaal"]), table.rows[-1])


def build_opinions(snapshot: Snapshot) -> Table:
    counts = opinion_counts(snapshot)
    years = window(snapshot.peildatum)
    rows = []
    for year in years:
        c = counts.get(year, Counter())
        row = {"jaar": year, **{column: c[column] for column, _ in OUTCOMES.values()}}
        row["totaal"] = sum(c[column] for column, _ in OUTCOMES.values())
        rows.append(row)
    cells = [[label] + [str(r[column]) for r in rows] for column, label in OUTCOMES.values()]
    cells.append(["Totaal"] + [str(r["totaal"]) for r in rows])
    last_three = rows[-3:]
    total = sum(r["totaal"] for r in last_three)
    negative = sum(r["negatief"] for r in last_three)
    started, waiting = after_negative(snapshot, last_three[0]["jaar"], last_three[-1]["jaar"])
    notes = [f"In de periode {last_three[0]['jaar']} tot en met {last_three[-1]['jaar']} zijn {total} CIO-oordelen "
             f"afgegeven; in {negative} gevallen was het oordeel negatief. Na een negatief oordeel kan een project "
             f"niet starten: {started} daarvan zijn na een nieuw oordeel alsnog gestart, {waiting} (nog) niet."]
    return Table("cio-oordelen", "Aantal CIO-(positieve) oordelen gerealiseerd", snapshot.peildatum, rows,
                 ["CIO-oordelen"] + [str(y) for y in years], cells, [], notes, illustratief=False)


def period_totals(table: Table, first: int, last: int) -> dict[str, int]:
    """Totals over a range of years of the opinions table (e.g. 2023-2025: 71, of which 9 negative)."""
    chosen = [r for r in table.rows if first <= r["jaar"] <= last]
    return {"totaal": sum(r["totaal"] for r in chosen), "negatief": sum(r["negatief"] for r in chosen)}


def build_findings(snapshot: Snapshot) -> Table:
    per_year: dict[int, Counter] = {}
    for projected in snapshot.of_kind("bevinding"):
        if _is_project(snapshot, projected.item.parent or ""):
            per_year.setdefault(projected.item.created_on.year, Counter())[projected.item.attributes["categorie"]] += 1
    rows, cells, notes = [], [], []
    for year in sorted(per_year):
        counted = per_year[year]
        whole = sum(counted.values())
        parts = []
        for category, text in CATEGORIES.items():
            share = percent(counted[category], whole)
            rows.append({"jaar": year, "categorie": category, "aantal": counted[category], "percentage": share})
            cells.append([str(year), text, str(counted[category]), f"{share}%"])
            parts.append(f"{share}% {text}")
        notes.append(f"Bevindingen {year} ({whole}): " + dutch.enumeration(parts) + ".")
    return Table("cio-bevindingen", "Bevindingen in CIO-oordelen per categorie", snapshot.peildatum, rows,
                 ["Jaar", "Categorie", "Aantal", "Aandeel"], cells, [], notes, illustratief=True)


def baselines(snapshot: Snapshot) -> dict[str, str]:
    """Per project, the delivery date planned when it (last) started: what "on time" is measured against, however
    often it was re-planned afterwards."""
    found: dict[str, str] = {}
    for fact in snapshot.facts:
        if fact.type in STARTS and fact.data.get("gepland_opleveren"):
            found[fact.item] = fact.data["gepland_opleveren"]
    return found


def build_deliveries(snapshot: Snapshot) -> Table:
    delivered: dict[int, list[bool]] = {}
    planned_at_start = baselines(snapshot)
    for fact in snapshot.facts:
        if fact.type != "opgeleverd" or not _is_project(snapshot, fact.item):
            continue
        project = snapshot.items[fact.item].item
        if not project.attributes.get("geprioriteerd"):
            continue
        planned = planned_at_start.get(fact.item)
        on_time = planned is not None and fact.data.get("opgeleverd_op", "") <= planned
        delivered.setdefault(fact.occurred_on.year, []).append(on_time)
    years = [y for y in window(snapshot.peildatum)]
    rows = []
    for year in years:
        flags = delivered.get(year, [])
        rows.append({"jaar": year, "geleverd": len(flags), "binnen_de_tijd": sum(flags),
                     "percentage": percent(sum(flags), len(flags))})
    cells = [["% geprioriteerde projecten geleverd binnen de tijd"]
             + [f"{r['percentage']}%" if r["percentage"] is not None else "" for r in rows]]
    return Table("cio-levering", "% geprioriteerde projecten geleverd binnen de tijd", snapshot.peildatum, rows,
                 [""] + [str(y) for y in years], cells, [], [], illustratief=True)
