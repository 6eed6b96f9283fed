"""What an item is as of a date, beyond its state: overdue (open past its deadline), a forecast that expired
(open, and the date it was forecast for has passed), and at risk (its forecast passes its deadline, or expired).
The projection stores what does not depend on the date; these follow from it and the peildatum."""
from __future__ import annotations

from datetime import date

from .projection import Projected


def passed(done: bool, day: date | None, on: date) -> bool:
    """An open item whose date (deadline or forecast) lies before `on`."""
    return not done and day is not None and day < on


def overdue(projected: Projected, on: date) -> bool:
    return passed(projected.done, projected.deadline, on)


def forecast_expired(projected: Projected, on: date) -> bool:
    return passed(projected.done, projected.forecast, on)


def at_risk(projected: Projected, on: date) -> bool:
    return projected.at_risk or forecast_expired(projected, on)
