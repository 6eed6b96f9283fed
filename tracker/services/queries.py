"""Questions about items: now from the projection, as of a peildatum from the histories (see as_of)."""
from __future__ import annotations

from datetime import date

from tracker.domain import timing
from tracker.domain.errors import InvalidDate, UnknownItem
from tracker.domain.events import StoredEvent
from tracker.domain.items import KEY_PATTERN
from tracker.domain.projection import Projected
from tracker.storage import event_store, history_store, projection_store

from . import as_of
from .context import Tracker

LAST_DAY = date(2100, 12, 31)  # the last peildatum anything is asked for
DATE_FIELDS = {"Peildatum": "peildatum", "Bekend op": "bekend_op"}


def check_day(tracker: Tracker, day: date | None, label: str = "Peildatum") -> date | None:
    """`day` itself when the log can answer for it: from its first event's date up to and including
    2100-12-31. Every page, endpoint and command taking a peildatum (or a 'bekend op' date) checks it here, so
    a date the log cannot answer for is a clear refusal instead of an overflow deep inside a read. None (today)
    passes."""
    if day is None:
        return None
    name = DATE_FIELDS.get(label, label.lower().replace(" ", "_"))
    if day > LAST_DAY:
        raise InvalidDate(f"{label} {day.isoformat()} ligt na {LAST_DAY.isoformat()}; kies een datum tot en met "
                          "die dag.", errors={name: [f"Uiterlijk {LAST_DAY.isoformat()}."]})
    first = event_store.first_day(tracker.engine)
    if first is not None and day < first:
        raise InvalidDate(f"{label} {day.isoformat()} ligt vóór de eerste gebeurtenis ({first.isoformat()}); kies "
                          "een datum vanaf die dag.", errors={name: [f"Vanaf {first.isoformat()}."]})
    return day


def list_items(tracker: Tracker, *, topic: str | None = None, parent: str | None = None,
               state: str | None = None, kind: str | None = None, blocked: bool | None = None,
               at_risk: bool | None = None, peildatum: date | None = None) -> list[Projected]:
    return page_of_items(tracker, topic=topic, parent=parent, state=state, kind=kind, blocked=blocked,
                         at_risk=at_risk, peildatum=peildatum)[0]


def page_of_items(tracker: Tracker, *, topic: str | None = None, parent: str | None = None,
                  state: str | None = None, kind: str | None = None, blocked: bool | None = None,
                  at_risk: bool | None = None, peildatum: date | None = None,
                  window: slice | None = None) -> tuple[list[Projected], int]:
    """The items that match (those in `window` of them) and how many match in all. As of a peildatum only the
    window is computed in full, unless a filter needs every candidate's blocked flag or risk."""
    window = window or slice(None)
    check_day(tracker, peildatum)
    with tracker.read() as connection:
        if peildatum is None:
            rows = projection_store.select_items(connection, topic=topic, parent=parent, state=state, kind=kind,
                                                 blocked=blocked, at_risk=at_risk, on=tracker.today())
            return rows[window], len(rows)
        candidates = [t for t in history_store.candidates_as_of(connection, peildatum, topic=topic, parent=parent,
                                                                kind=kind)
                      if state is None or t.state == state]
        graph_filtered = blocked is not None or at_risk is not None
        chosen = candidates if graph_filtered else candidates[window]
        known = {t.key: t for t in chosen}
        rows = as_of.projected(connection, tracker.registry, [t.key for t in chosen], peildatum, known=known)
    if not graph_filtered:
        return rows, len(candidates)
    rows = [p for p in rows if (blocked is None or p.blocked == blocked)
            and (at_risk is None or timing.at_risk(p, peildatum) == at_risk)]
    return rows[window], len(rows)


def _known_shape(key: str) -> None:
    """A key that could never have been stored is simply unknown (and never reaches the database)."""
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        raise UnknownItem(f"Item {str(key)[:40]!r} bestaat niet.")


def get_item(tracker: Tracker, key: str, peildatum: date | None = None) -> Projected:
    _known_shape(key)
    check_day(tracker, peildatum)
    with tracker.read() as connection:
        if peildatum is None:
            found = projection_store.get(connection, key)
        else:
            rows = tracker.remembered(("item", key, peildatum),
                                      lambda: as_of.projected(connection, tracker.registry, [key], peildatum))
            found = rows[0] if rows else None
    if found is None:
        suffix = f" op peildatum {peildatum.isoformat()}" if peildatum else ""
        raise UnknownItem(f"Item {key} bestaat niet{suffix}.")
    return found


def history(tracker: Tracker, key: str) -> list[StoredEvent]:
    _known_shape(key)
    with tracker.read() as connection:
        found = event_store.of_item(connection, key)
    if not found:
        raise UnknownItem(f"Item {key} bestaat niet.")
    return found


def head_seq(tracker: Tracker) -> int:
    """The sequence number of the last event: what caches of read models are keyed on."""
    return event_store.head_now(tracker.engine)[0]


def chain_head(tracker: Tracker) -> dict:
    """How many events the log holds and the hash of the last one (to anchor elsewhere)."""
    seq, head = event_store.head_now(tracker.engine)
    return {"events": seq, "head": head}
