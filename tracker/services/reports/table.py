"""The shape every report has: machine rows for JSON/CSV, display cells as published, notes."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tracker.domain.events import Fact
from tracker.domain.projection import Projected
from tracker.domain.workflow import Registry


@dataclass(frozen=True)
class Snapshot:
    """Everything as it stood at the end of `peildatum`."""

    peildatum: date
    items: Mapping[str, Projected]
    facts: list[Fact]
    registry: Registry
    history: dict[str, list[tuple]] = field(default_factory=dict)  # kind -> (item, seq, occurred_on, state) rows

    def of_kind(self, kind: str) -> list[Projected]:
        return sorted((p for p in self.items.values() if p.item.kind == kind), key=lambda p: p.created_seq)

    def children(self, key: str) -> list[Projected]:
        return sorted((p for p in self.items.values() if p.item.parent == key), key=lambda p: p.created_seq)


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    peildatum: date
    rows: list[dict[str, Any]]  # JSON/CSV: plain values, no footnote marks
    header: list[str]  # display, as published
    cells: list[list[str]]  # display, Dutch notation, with footnote marks
    footnotes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # derived figures, as sentences
    illustratief: bool = False  # built on illustrative seed items
    known: list[str] = field(default_factory=list)  # as of which moment it was known: fixed, or known on a date
    corrections: list[str] = field(default_factory=list)  # recorded after fixing, with their effect


def one_decimal(value: float) -> float:
    """Half up, as a reader rounds (2,65 -> 2,7), not banker's rounding."""
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def percent(part: int, whole: int) -> int | None:
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
