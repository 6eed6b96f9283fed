"""Plain dictionaries of items for the CLI, the API and the pages: one shape everywhere."""
from __future__ import annotations

from datetime import date

from tracker.domain import timing
from tracker.domain.progress import label_for
from tracker.domain.projection import Projected
from tracker.domain.workflow import Registry


def transitions(projected: Projected, registry: Registry) -> list[dict]:
    item = projected.item
    return [
        {"event": t.event, "to": t.to_state(item.state), "label": t.label}
        for t in registry(item.kind).allowed(item.state) if not t.system
    ]


def progress(projected: Projected, registry: Registry) -> dict | None:
    if projected.progress is None:
        return None
    done, total = projected.progress
    return {"done": done, "total": total, "label": label_for(projected.item, registry, done, total)}


def item_dict(projected: Projected, registry: Registry, on: date | None = None) -> dict:
    """The item as of `on` (the peildatum, or today): overdue and at risk depend on the date."""
    item = projected.item
    workflow = registry(item.kind)
    return {
        "key": item.key,
        "kind": item.kind,
        "title": item.title,
        "state": item.state,
        "state_label": workflow.state_label(item.state),
        "version": item.version,
        "parent": item.parent,
        "topic": projected.topic,
        "illustratief": item.illustratief,
        "done": projected.done,
        "cycle": item.cycle,
        "attributes": dict(item.attributes),
        "progress": progress(projected, registry),
        "blocked": projected.blocked,
        "forecast": projected.forecast.isoformat() if projected.forecast else None,
        "deadline": projected.deadline.isoformat() if projected.deadline else None,
        "at_risk": timing.at_risk(projected, on) if on else projected.at_risk,
        "forecast_expired": timing.forecast_expired(projected, on) if on else False,
        "overdue": timing.overdue(projected, on) if on else False,
        # A started project whose conditions the CIO has not (or no longer) accepted: it is flagged.
        "conditions_not_accepted": (projected.progress[1] - projected.progress[0]
                                    if item.state == "gestart" and projected.progress else 0),
        "created_on": item.created_on.isoformat(),
        "updated_on": item.updated_on.isoformat(),
        "transitions": transitions(projected, registry),
    }
