"""Is the database reachable and what does it hold?"""
from __future__ import annotations

from tracker.storage import event_store
from tracker.storage.database import schema_exists

from .context import Tracker


def check(tracker: Tracker) -> dict:
    if not schema_exists(tracker.engine):
        return {"database": "leeg (voer 'tracker init-db' uit)", "events": 0, "head": None}
    with tracker.read() as connection:
        seq, head = event_store.head(connection)
    return {"database": "ok", "dialect": tracker.engine.dialect.name, "events": seq, "head": head}
