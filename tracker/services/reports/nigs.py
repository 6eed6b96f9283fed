"""Section 6.2: per NIGS route, the employers per step and those that completed all four."""
from __future__ import annotations

from collections import Counter
from typing import Any

from tracker.services import dutch

from .table import Snapshot, Table

STEPS = ["inventariseren", "beoordelen", "maatregelen_treffen", "borgen", "doorlopen"]
HEADERS = ["Route", "Werkgevers", "Inventariseren", "Beoordelen", "Maatregelen treffen", "Borgen",
           "Vier stappen doorlopen"]


def build(snapshot: Snapshot) -> Table:
    rows, cells, considered = [], [], []
    illustrative = False
    for route in snapshot.of_kind("nigs_route"):
        if route.item.state != "actief":
            considered.append(route.item.title)
            continue
        employers = [c for c in snapshot.children(route.item.key) if c.item.kind == "nigs_traject"]
        illustrative = illustrative or any(c.item.illustratief for c in employers)
        steps = Counter(c.item.state for c in employers)
        row: dict[str, Any] = {"route": route.item.title, "werkgevers": len(employers), **{s: steps[s] for s in STEPS},
               "illustratief": any(c.item.illustratief for c in employers)}
        rows.append(row)
        cells.append([row["route"], str(row["werkgevers"])] + [str(row[s]) for s in STEPS])
    notes = []
    if considered:
        notes.append(f"In overweging: {dutch.enumeration(considered)}.")
    footnotes = ["Per route telt iedere decentrale werkgever één keer: in de stap waaraan hij werkt, of als "
                 "'vier stappen doorlopen' wanneer hij in zijn huidige cyclus alle vier stappen heeft afgerond."]
    return Table("nigs", "Stand van zaken Nadere Inventarisatie Gevaarlijke Stoffen", snapshot.peildatum, rows,
                 HEADERS, cells, footnotes, notes, illustratief=illustrative)
