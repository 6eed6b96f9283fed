"""Dutch notation in templates: numbers with a comma, dates in words."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_datetime

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def nl_number(value, decimals: int = 1) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    return f"{float(value):.{decimals}f}".replace(".", ",")


def nl_date(value) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return format_date(value, "d MMMM y")


def nl_datetime(value) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return format_datetime(value, "d MMMM y HH:mm")


def nl_value(value) -> str:
    """Any attribute value the Dutch way."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return nl_number(value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return nl_date(value)
        except ValueError:
            return value
    return "" if value is None else str(value)


def register(app: Flask) -> None:
    app.add_template_filter(nl_number)
    app.add_template_filter(nl_date)
    app.add_template_filter(nl_datetime)
    app.add_template_filter(nl_value)
