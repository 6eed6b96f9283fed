"""Dutch notation in templates, through the one module that formats numbers and dates."""
from __future__ import annotations

from flask import Flask, g

from tracker.domain.errors import TrackerError
from tracker.services import accounts, dutch, queries
from tracker.services.context import current_tracker


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


def display_name(name) -> str:
    """An account's display name where it has one, else the name itself. The display names are read once per
    request, however many events a history shows."""
    if not name:
        return "" if name is None else str(name)
    names = g.get("display_names")
    if names is None:
        names = g.display_names = accounts.display_names(current_tracker())
    return names.get(name, name)


def title_of(key) -> str:
    """An item as people name it: by its title (a scope, a parent), the key only when the item is gone."""
    if not key:
        return ""
    try:
        return queries.get_item(current_tracker(), str(key)).item.title
    except TrackerError:
        return str(key)


def register(app: Flask) -> None:
    app.add_template_filter(title_of)
    app.add_template_filter(nl_number)
    app.add_template_filter(display_name)
    app.add_template_filter(dutch.long_date, "nl_date")
    app.add_template_filter(dutch.moment, "nl_datetime")
    app.add_template_filter(nl_value)
