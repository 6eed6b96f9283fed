"""The whole projection as a pure function of the event log.

The appender maintains the same rows incrementally; `replay` is what `rebuild`,
`verify` and every as-of-peildatum question use, so both paths must agree.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .events import StoredEvent
from .items import Item, apply, created
from .progress import counts_toward
from .workflow import CREATED, Registry


@dataclass(frozen=True, slots=True)
class Projected:
    """An item plus what is derived from its place in the tree and the log."""

    item: Item
    topic: str  # key of the root ancestor
    done: bool
    progress: tuple[int, int] | None  # (done, total) over counted children; None: no progress kind
    created_seq: int
    last_seq: int


def replay(events: Iterable[StoredEvent], registry: Registry) -> dict[str, Projected]:
    """Fold every event, in sequence order, into one Projected per item."""
    state: dict[str, Item] = {}
    topic: dict[str, str] = {}
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for event in events:
        key = event.item
        if event.type == CREATED and key not in state:
            item = created(event, registry(event.data["kind"]))
            topic[key] = topic[item.parent] if item.parent is not None else key
            first[key] = event.seq
        else:
            previous = state[key]
            item = apply(previous, event, registry(previous.kind))
        state[key] = item
        last[key] = event.seq
    return finish(state, topic, first, last, registry)


def finish(state: dict[str, Item], topic: dict[str, str], first: dict[str, int], last: dict[str, int],
           registry: Registry) -> dict[str, Projected]:
    done = {key: registry(item.kind).is_done(item.state) for key, item in state.items()}
    progress: dict[str, list[int]] = {
        key: [0, 0] for key, item in state.items() if registry(item.kind).progress is not None
    }
    for key, item in state.items():
        parent = state.get(item.parent) if item.parent is not None else None
        if parent is not None and key in done and parent.key in progress and counts_toward(parent, item, registry):
            figure = progress[parent.key]
            figure[0] += done[key]
            figure[1] += 1
    return {
        key: Projected(item, topic[key], done[key], tuple(progress[key]) if key in progress else None,
                       first[key], last[key])
        for key, item in state.items()
    }
