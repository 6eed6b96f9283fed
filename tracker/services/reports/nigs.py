"""Section 6.2: per NIGS route, the employers per step and those that completed all four."""
from __future__ import annotations

from collections import Counter
from typing import Any

from tracker.services import dutch

from .table import Snapshot, Table

STEPS = ["niet_gestart", "inventariseren", "beoordelen", "maatregelen_treffen", "borgen", "doorlopen"]
HEADERS = ["Route", "Werkgevers", "Niet gestart", "Inventariseren", "Beoordelen", "Maatregelen treffen", "Borgen",
           "Vier stappen doorlopen"]
REGISTER = "werkgever"


def build(snapshot: Snapshot) -> Table:
    rows, cells, considered = [], [], []
    register = snapshot.of_kind(REGISTER)
    illustrative = any(p.item.illustratief for p in register)
    for route in snapshot.of_kind("nigs_route"):
        if route.item.state != "actief":
            considered.append(route.item.title)
            continue
        trajects = [c for c in snapshot.children(route.item.key) if c.item.kind == "nigs_traject"]
        illustrative = illustrative or any(c.item.illustratief for c in trajects)
        steps = Counter(c.item.state for c in trajects)
        # Each registered employer counts once: a traject is one employer (recording refuses a second one on
        # a route), and an employer without a traject on this route has not started on it.
        employers = max(len(register), len(trajects))
        steps["niet_gestart"] = employers - sum(steps[s] for s in STEPS if s != "niet_gestart")
        row: dict[str, Any] = {"route": route.item.title, "werkgevers": employers, **{s: steps[s] for s in STEPS},
               "illustratief": any(c.item.illustratief for c in trajects)}
        rows.append(row)
        cells.append([row["route"], str(row["werkgevers"])] + [str(row[s]) for s in STEPS])
    notes = []
    if considered:
        notes.append(f"In overweging: {dutch.enumeration(considered)}.")
    counting = snapshot.registry("nigs_traject").counting
    footnotes = [counting] if counting else []
    return Table("nigs", "Stand van zaken Nadere Inventarisatie Gevaarlijke Stoffen", snapshot.peildatum, rows,
                 HEADERS, cells, footnotes, notes, illustratief=illustrative)
