"""Progress of a parent over its children: "10 van 12 aanbevelingen opgevolgd"."""
from __future__ import annotations

from .fields import LABEL_ATTRIBUTE  # lets one topic item word its own progress...
from .items import Item
from .workflow import Registry

KIND_ATTRIBUTE = "voortgang_soort"  # ...and choose which kind of child it counts


def label_for(parent: Item, registry: Registry, done: int, total: int) -> str | None:
    spec = registry(parent.kind).progress
    template = parent.attributes.get(LABEL_ATTRIBUTE) or (spec.label if spec else None)
    if template is None:
        return None
    # Plain replacement, never str.format: a label is data, and format would read attributes and indexes.
    return str(template).replace("{done}", str(done)).replace("{total}", str(total))


def counts_toward(parent: Item, child_kind: str, registry: Registry) -> bool:
    """Whether a child of this kind counts in the parent's progress."""
    spec = registry(parent.kind).progress
    if spec is None:
        return False
    chosen = parent.attributes.get(KIND_ATTRIBUTE)
    return child_kind == chosen if chosen else spec.counts(child_kind)

