"""Finding items: full-text search, filters on every column that matters, sorting and pages, now or as of a
peildatum. One query shape for the item list page, its exports and the API."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any, TypeVar

from tracker.domain import timing
from tracker.domain.errors import InvalidValue
from tracker.domain.projection import Projected
from tracker.storage import history_store, projection_store, search_store
from tracker.storage.history_store import Then

from . import as_of
from .context import Tracker
from .queries import check_day

T = TypeVar("T")

# Sort keys as users name them -> (projection column, what a row as of a date sorts on)
SORTS = {
    "titel": ("title", lambda p: p.item.title.lower()),
    "soort": ("kind", lambda p: p.item.kind),
    "staat": ("state", lambda p: p.item.state),
    "uiterlijk": ("deadline", lambda p: p.deadline),
    "prognose": ("forecast", lambda p: p.forecast),
    "eigenaar": ("owner", lambda p: p.item.attributes.get("eigenaar")),
    "onderdeel": ("unit", lambda p: p.item.attributes.get("onderdeel")),
    "bijgewerkt": ("updated_on", lambda p: p.item.updated_on),
    "aangemaakt": ("created_seq", lambda p: p.created_seq),
}
# The sorts whose value an item's history row holds as of a date (a title can change by a later event)
FROM_HISTORY: dict[str, Callable[[Then], Any]] = {
    "soort": lambda t: t.kind,
    "staat": lambda t: t.state,
    "uiterlijk": lambda t: t.deadline,
    "aangemaakt": lambda t: t.created_seq,
}
MAX_PAGE = 500
MAX_PAGES = 1_000_000  # far beyond any log; an offset past it would not fit a database integer


@dataclass(frozen=True)
class Filters:
    q: str | None = None  # words in titles, reasons and plans
    topic: str | None = None
    parent: str | None = None
    kind: str | None = None
    state: str | None = None
    unit: str | None = None
    owner: str | None = None
    blocked: bool | None = None
    at_risk: bool | None = None
    overdue: bool | None = None
    illustratief: bool | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    peildatum: date | None = None

    def as_args(self) -> dict:
        """The filters that are set, for links that keep them."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, "")}


@dataclass(frozen=True)
class Page:
    rows: list[Projected]
    total: int
    page: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


def find(tracker: Tracker, filters: Filters, sort: str = "uiterlijk", descending: bool = False, page: int = 1,
         size: int = 50) -> Page:
    if sort not in SORTS:
        raise InvalidValue(f"Onbekende sortering '{sort[:30]}'; kies uit: {', '.join(SORTS)}.",
                           errors={"sort": ["Onbekende sortering."]})
    if not 1 <= size <= MAX_PAGE or not 1 <= page <= MAX_PAGES:
        raise InvalidValue(f"Pagina's hebben 1 tot {MAX_PAGE} items; pagina 1 tot {MAX_PAGES:_}".replace("_", ".")
                           + ".", errors={"page": ["Buiten bereik."]})
    check_day(tracker, filters.peildatum)
    if filters.deadline_from and filters.deadline_to and filters.deadline_from > filters.deadline_to:
        raise InvalidValue("De deadline 'vanaf' ligt na 'tot en met'.", errors={"deadline_from": ["Na 'tot'."]})
    if filters.peildatum is None:
        return _find(tracker, filters, sort, descending, page, size)
    return tracker.remembered(("items", filters, sort, descending, page, size),
                              lambda: _find(tracker, filters, sort, descending, page, size))


def _find(tracker: Tracker, filters: Filters, sort: str, descending: bool, page: int, size: int) -> Page:
    with tracker.read() as connection:
        keys = search_store.matching(connection, filters.q) if filters.q and filters.q.strip() else None
        if keys is not None and not keys:
            return Page([], 0, page, size)
        if filters.peildatum is None:
            rows, total = projection_store.search_items(
                connection, keys=keys, on=tracker.today(), order=SORTS[sort][0], descending=descending,
                offset=(page - 1) * size, limit=size, **_columns(filters))
            return Page(rows, total, page, size)
        day = filters.peildatum
        candidates = [t for t in history_store.candidates_as_of(connection, day, topic=filters.topic,
                                                                parent=filters.parent, kind=filters.kind)
                      if (filters.state is None or t.state == filters.state) and (keys is None or t.key in keys)
                      and (filters.illustratief is None or t.illustratief == filters.illustratief)]
        if sort in FROM_HISTORY and not _needs_projection(filters):
            # Sorted and filtered on what the histories hold: only the page's items are projected.
            candidates = [t for t in candidates if _matches_then(t, filters, day)]
            chosen = _ordered(candidates, FROM_HISTORY[sort], descending)[(page - 1) * size: page * size]
            rows = as_of.projected(connection, tracker.registry, [t.key for t in chosen], day,
                                   known={t.key: t for t in chosen})
            return Page(rows, len(candidates), page, size)
        rows = as_of.projected(connection, tracker.registry, [t.key for t in candidates], day,
                               known={t.key: t for t in candidates})
    rows = [p for p in rows if _matches(p, filters, day)]
    ordered = _ordered(rows, SORTS[sort][1], descending)
    return Page(ordered[(page - 1) * size: page * size], len(ordered), page, size)


def _ordered(rows: list[T], column: Callable[[T], Any], descending: bool) -> list[T]:
    """Sorted on `column` (stable, so ties keep the order of creation); what has no value last, either way."""
    present = sorted((r for r in rows if column(r) is not None), key=column, reverse=descending)
    return present + [r for r in rows if column(r) is None]


def _needs_projection(f: Filters) -> bool:
    """Filters on what only a projected item knows: its fields, its place in the dependency graph."""
    return any(v is not None for v in (f.unit, f.owner, f.blocked, f.at_risk))


def _matches_then(t: Then, f: Filters, day: date) -> bool:
    return ((f.overdue is None or timing.passed(t.done, t.deadline, day) == f.overdue)
            and (f.deadline_from is None or (t.deadline is not None and t.deadline >= f.deadline_from))
            and (f.deadline_to is None or (t.deadline is not None and t.deadline <= f.deadline_to)))


def _columns(filters: Filters) -> dict:
    return {name: value for name, value in vars(replace(filters, q=None, peildatum=None)).items()
            if name not in ("q", "peildatum")}


def _matches(p: Projected, f: Filters, day: date) -> bool:
    attributes = p.item.attributes
    return ((f.unit is None or attributes.get("onderdeel") == f.unit)
            and (f.owner is None or attributes.get("eigenaar") == f.owner)
            and (f.blocked is None or p.blocked == f.blocked)
            and (f.at_risk is None or timing.at_risk(p, day) == f.at_risk)
            and (f.overdue is None or timing.overdue(p, day) == f.overdue)
            and (f.deadline_from is None or (p.deadline is not None and p.deadline >= f.deadline_from))
            and (f.deadline_to is None or (p.deadline is not None and p.deadline <= f.deadline_to)))


def owners(tracker: Tracker) -> list[str]:
    """Every owner named on an item: what the owner filter offers."""
    with tracker.read() as connection:
        return projection_store.distinct(connection, "owner")


def topics(tracker: Tracker) -> list[tuple[str, str]]:
    """(key, title) of every topic: what the topic filter offers."""
    with tracker.read() as connection:
        return [(p.item.key, p.item.title) for p in projection_store.select_items(connection, kind="thema")]


def states(tracker: Tracker, kind: str | None = None) -> list[tuple[str, str]]:
    """(state, label) the state filter offers: those of the chosen kind, or of every kind."""
    workflows = [tracker.registry(kind)] if kind and kind in tracker.registry else list(tracker.registry)
    offered: dict[str, str] = {}
    for workflow in workflows:
        for state, label in workflow.states.items():
            offered.setdefault(state, label)
    return sorted(offered.items(), key=lambda pair: pair[1].lower())


def units(tracker: Tracker) -> list[tuple[str, str]]:
    """(key, title) of every defensieonderdeel: what the unit filter offers."""
    with tracker.read() as connection:
        return [(p.item.key, p.item.title) for p in projection_store.select_items(connection, kind="defensieonderdeel")]
