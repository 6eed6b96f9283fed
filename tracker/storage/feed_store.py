"""The log read forward from a sequence number, one page at a time, and an item's state after an event: what a
live stream (tracker.services.stream) sends. Reads only; never the whole log at once."""
from __future__ import annotations

from datetime import date, datetime

import orjson
from sqlalchemy import Connection, select

from tracker.domain.events import StoredEvent

from .schema import events
from .sql import Sql

# An item's history has a row at its creation and at every change of state, plan or deadline (item_states):
# its state just after event `seq` is the one of the latest row at or before that event.
_STATE_AT = Sql("SELECT state FROM item_states WHERE item_key = :key AND seq <= :seq ORDER BY seq DESC LIMIT 1")


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _moment(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def after(connection: Connection, seq: int, limit: int) -> list[StoredEvent]:
    """At most `limit` events with a sequence number above `seq`, in sequence order."""
    query = select(events).where(events.c.seq > seq).order_by(events.c.seq).limit(limit)
    return [StoredEvent(row.seq, row.item_key, row.version, row.type, orjson.loads(row.data), row.actor,
                        _day(row.occurred_on), _moment(row.recorded_at), row.idempotency_key, row.prev_hash,
                        row.hash, row.idempotency_account)
            for row in connection.execute(query)]


def state_at(connection: Connection, key: str, seq: int) -> str | None:
    """The state of item `key` just after event `seq` (None: the item had no history yet)."""
    row = _STATE_AT.one(connection, {"key": key, "seq": seq})
    return row["state"] if row else None
