"""Progress of a parent over its children: "10 van 12 aanbevelingen opgevolgd"."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from .items import Item
from .workflow import Registry

LABEL_ATTRIBUTE = "voortgangslabel"  # lets one topic item word its own progress...
KIND_ATTRIBUTE = "voortgang_soort"  # ...and choose which kind of child it counts


@dataclass(frozen=True, slots=True)
class ProgressFigure:
    done: int
    total: int
    label: str


def label_for(parent: Item, registry: Registry, done: int, total: int) -> str | None:
    spec = registry(parent.kind).progress
    template = parent.attributes.get(LABEL_ATTRIBUTE) or (spec.label if spec else None)
    if template is None:
        return None
    return template.format(done=done, total=total)


def counts_toward(parent: Item, child: Item, registry: Registry) -> bool:
    spec = registry(parent.kind).progress
    if spec is None:
        return False
    chosen = parent.attributes.get(KIND_ATTRIBUTE)
    return child.kind == chosen if chosen else spec.counts(child.kind)


def child_done(child: Item, registry: Registry) -> bool:
    return registry(child.kind).is_done(child.state)


def progress_of(parent: Item, children: Iterable[Item], registry: Registry) -> ProgressFigure | None:
    if registry(parent.kind).progress is None:
        return None
    done = total = 0
    for child in children:
        if counts_toward(parent, child, registry):
            total += 1
            done += child_done(child, registry)
    return ProgressFigure(done, total, label_for(parent, registry, done, total))


def all_progress(items: Mapping[str, Item], registry: Registry) -> dict[str, ProgressFigure]:
    """Progress of every parent in one pass over the items."""
    children: dict[str, list[Item]] = {}
    for item in items.values():
        if item.parent is not None:
            children.setdefault(item.parent, []).append(item)
    result = {}
    for key, item in items.items():
        figure = progress_of(item, children.get(key, ()), registry)
        if figure is not None:
            result[key] = figure
    return result
