"""Dutch notation in templates, through the one module that formats numbers and dates."""
from __future__ import annotations

from flask import Flask

from tracker.services import dutch


def nl_number(value, decimals: int = 1) -> str:
    return "" if value == "" else dutch.number(value, decimals)


def nl_value(value) -> str:
    """Any attribute value the Dutch way."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return dutch.number(value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dutch.long_date(value)
        except ValueError:
            return value
    return "" if value is None else str(value)


def register(app: Flask) -> None:
    app.add_template_filter(nl_number)
    app.add_template_filter(dutch.long_date, "nl_date")
    app.add_template_filter(dutch.moment, "nl_datetime")
    app.add_template_filter(nl_value)
