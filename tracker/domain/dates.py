"""Dates the domain fixes: when a verantwoordingsonderzoek is published."""
from __future__ import annotations

from datetime import date, timedelta

WEDNESDAY = 2


def verantwoordingsdag(vo_year: int) -> date:
    """Verantwoordingsdag of a VO year: the third Wednesday of May of the following year, when the Algemene
    Rekenkamer publishes its verdicts and recommendations on that year."""
    first = date(vo_year + 1, 5, 1)
    return first + timedelta(days=(WEDNESDAY - first.weekday()) % 7 + 14)
