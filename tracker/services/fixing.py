"""Fixed peildata: the Bestuursraad fixes a report's peildatum, and from then on the figures it saw stay what
they were. Fixing is an event on the report's topic; a later correction dated on or before the fixed peildatum
(a beheerder's, with a reason) is recorded, shown, and counted only when asked for."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import orjson
from sqlalchemy import Connection, select

from tracker.storage import projection_store
from tracker.storage.schema import events
from tracker.storage.sql import tuples

from .context import Tracker

FIXED = "peildatum_vastgesteld"


@dataclass(frozen=True)
class Fixing:
    report: str
    topic: str
    peildatum: date
    seq: int
    actor: str
    recorded_at: datetime


def fixings(connection: Connection) -> list[Fixing]:
    """Every fixing, oldest first (the events of the topics, found through the index on item keys)."""
    topics = [p.item.key for p in projection_store.select_items(connection, kind="thema")]
    query = (select(events.c.seq, events.c.item_key, events.c.data, events.c.actor, events.c.recorded_at)
             .where(events.c.item_key.in_(topics), events.c.type == FIXED).order_by(events.c.seq))
    found = []
    for seq, topic, data, actor, recorded_at in tuples(connection.execute(query)):
        values = orjson.loads(data)
        found.append(Fixing(values["rapport"], topic, date.fromisoformat(values["vastgestelde_peildatum"]), seq,
                            actor, recorded_at if isinstance(recorded_at, datetime)
                            else datetime.fromisoformat(recorded_at)))
    return found


def fixed_per_topic(connection: Connection) -> dict[str, date]:
    """Per topic, the latest peildatum fixed for any of its reports."""
    latest: dict[str, date] = {}
    for fixing in fixings(connection):
        latest[fixing.topic] = max(latest.get(fixing.topic, fixing.peildatum), fixing.peildatum)
    return latest


def fixing_of(tracker: Tracker, report: str, peildatum: date) -> Fixing | None:
    with tracker.read() as connection:
        return next((f for f in fixings(connection) if f.report == report and f.peildatum == peildatum), None)
