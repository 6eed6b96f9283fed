"""How a count developed over time: items of a kind in a done state, sampled at a series of peildata."""
from __future__ import annotations

from datetime import date
from typing import Iterable

from tracker.domain.events import Fact
from tracker.domain.items import Item, apply, created
from tracker.domain.workflow import CREATED, Registry


def quarter_ends(first: date, last: date) -> list[date]:
    ends = []
    year, quarter = first.year, (first.month - 1) // 3
    while True:
        month = 3 * (quarter + 1)
        end = date(year, month, 30 if month in (6, 9) else 31)
        if end > last:
            break
        ends.append(end)
        quarter += 1
        if quarter == 4:
            year, quarter = year + 1, 0
    return ends


def done_over_time(facts: Iterable[Fact], registry: Registry, kind: str, dates: list[date]) -> list[tuple[int, int]]:
    """(done, total) of items of `kind` at the end of each date, in one sweep.

    Facts are taken in business-date order; an item's own events keep their order (its dates never go back)."""
    workflow = registry(kind)
    ordered = sorted(facts, key=lambda f: (f.occurred_on, f.seq))
    items: dict[str, Item] = {}
    done = 0
    result = []
    position = 0
    for day in sorted(dates):
        while position < len(ordered) and ordered[position].occurred_on <= day:
            fact = ordered[position]
            position += 1
            if fact.type == CREATED:
                if fact.data.get("kind") == kind:
                    items[fact.item] = created(fact, workflow)
                continue
            item = items.get(fact.item)
            if item is None:
                continue
            after = apply(item, fact, workflow)
            done += workflow.is_done(after.state) - workflow.is_done(item.state)
            items[fact.item] = after
        result.append((done, len(items)))
    return result
