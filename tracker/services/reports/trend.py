"""How a count developed over time: items of a kind in a done state, sampled at a series of peildata."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from tracker.domain.workflow import Workflow


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


def done_over_time(history: Iterable[tuple], workflow: Workflow, dates: list[date]) -> list[tuple[int, int]]:
    """(done, total) of items at the end of each date, in one sweep over their states over time.

    `history`: (item, seq, occurred_on, state) rows, one at each item's creation and at each change of its
    state (the item_states projection): no event needs replaying."""
    ordered = sorted(history, key=lambda row: (row[2], row[1]))
    states: dict[str, str] = {}
    done = 0
    result = []
    position = 0
    for day in sorted(dates):
        while position < len(ordered) and ordered[position][2] <= day:
            key, _, _, state = ordered[position]
            position += 1
            before = states.get(key)
            done += workflow.is_done(state) - (before is not None and workflow.is_done(before))
            states[key] = state
        result.append((done, len(states)))
    return result
