"""Webhook subscribers and their outbox: one row per event to deliver to each subscriber, written in the append's
transaction (`enqueue`) and marked when it arrived, never deleted.

A delivery process claims a subscriber with a lease (`lease_owner`, `lease_until`) before it sends: a plain
UPDATE that only one process can win, on SQLite and PostgreSQL alike, and that holds no transaction open while
the receiver answers. A process that dies leaves a lease that runs out, and another one takes over.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

import orjson
from sqlalchemy import Connection, Engine, exists, func, insert, or_, select, update

from . import database
from .operational_schema import webhook_event_types, webhook_outbox, webhook_subscribers
from .schema import events
from .sql import Sql, tuples

ALL = "*"  # the event type that stands for every type
MAX_ID = 2**31 - 1  # an id beyond the column's range names no subscriber (and must not reach the database)

s, t, o = webhook_subscribers.c, webhook_event_types.c, webhook_outbox.c

# On the append path (the driver's cursor, see tracker.storage.sql): one statement, also when nobody subscribes.
_ENQUEUE = Sql("INSERT INTO webhook_outbox (subscriber_id, seq, attempts) "
               "SELECT DISTINCT s.id, :seq, 0 FROM webhook_subscribers s "
               "JOIN webhook_event_types t ON t.subscriber_id = s.id "
               "WHERE s.removed_at IS NULL AND t.type IN (:type, '*')")


@dataclass(frozen=True)
class Subscriber:
    id: int
    url: str
    types: tuple[str, ...]  # ("*",): every type
    created_at: datetime
    created_by: str
    after_seq: int
    removed_at: datetime | None
    delivered_through: int
    last_delivered_at: datetime | None
    failures: int
    failing_since: datetime | None
    next_attempt_at: datetime | None
    last_error: str | None
    pending: int  # events waiting for it


@dataclass(frozen=True)
class Claim:
    """A subscriber as the process holding its lease found it."""

    id: int
    url: str
    secret: str
    delivered_through: int
    failures: int
    failing_since: datetime | None


@dataclass(frozen=True)
class Message:
    """An outbox row with the event it carries."""

    seq: int
    attempts: int
    item: str
    type: str
    data: dict
    actor: str
    occurred_on: date
    recorded_at: datetime
    hash: str


@dataclass(frozen=True)
class OutboxRow:
    subscriber_id: int
    seq: int
    attempts: int
    last_attempt_at: datetime | None
    status: int | None
    error: str | None
    delivered_at: datetime | None


def enqueue(connection: Connection, seq: int, event_type: str) -> None:
    """Inside the append's transaction: one outbox row for each subscriber that receives this event type."""
    _ENQUEUE.run(connection, {"seq": seq, "type": event_type})


@contextmanager
def _writing(engine: Engine) -> Iterator[Connection]:
    """A short write transaction; on SQLite in the writers' queue (BEGIN IMMEDIATE), as every other writer."""
    if engine.dialect.name == "sqlite":
        with database.write(engine) as connection:
            yield connection
    else:
        with engine.begin() as connection:
            yield connection


def add(connection: Connection, url: str, secret: str, types: Iterable[str], by: str, at: datetime,
        after_seq: int) -> int:
    """In a write transaction that has read the head of the log (`after_seq`): the new subscriber's id."""
    result = connection.execute(insert(webhook_subscribers).values(
        url=url, secret=secret, created_at=at, created_by=by, after_seq=after_seq, delivered_through=after_seq,
        failures=0))
    new_id = int(cast(tuple, result.inserted_primary_key)[0])
    connection.execute(insert(webhook_event_types), [{"subscriber_id": new_id, "type": name} for name in types])
    return new_id


def remove(engine: Engine, subscriber: int, at: datetime) -> bool:
    """Mark a subscriber removed (False: no such subscriber, or removed already). Its deliveries stay."""
    if not 0 < subscriber <= MAX_ID:
        return False
    with _writing(engine) as connection:
        changed = connection.execute(update(webhook_subscribers)
                                     .where(s.id == subscriber, s.removed_at.is_(None)).values(removed_at=at))
        return changed.rowcount == 1


def _pending_count():
    return (select(func.count()).select_from(webhook_outbox)
            .where(o.subscriber_id == s.id, o.seq > s.delivered_through).scalar_subquery())


def listing(engine: Engine, subscriber: int | None = None, removed: bool = False) -> list[Subscriber]:
    """Subscribers by id (not removed ones unless asked), with what waits for each."""
    query = select(webhook_subscribers, _pending_count().label("pending")).order_by(s.id)
    if subscriber is not None:
        if not 0 < subscriber <= MAX_ID:
            return []
        query = query.where(s.id == subscriber)
    if not removed:
        query = query.where(s.removed_at.is_(None))
    with engine.connect() as connection:
        rows = list(connection.execute(query))
        types: dict[int, list[str]] = {}
        ids = [row.id for row in rows]
        if ids:
            for sid, name in tuples(connection.execute(select(t.subscriber_id, t.type)
                                                       .where(t.subscriber_id.in_(ids)).order_by(t.type))):
                types.setdefault(sid, []).append(name)
    return [Subscriber(row.id, row.url, tuple(types.get(row.id, ())), row.created_at, row.created_by, row.after_seq,
                       row.removed_at, row.delivered_through, row.last_delivered_at, row.failures,
                       row.failing_since, row.next_attempt_at, row.last_error, row.pending) for row in rows]


def due(engine: Engine, now: datetime) -> list[int]:
    """Subscribers with events waiting whose next attempt is due and whose lease (if any) has run out."""
    waiting = exists().where(o.subscriber_id == s.id, o.seq > s.delivered_through)
    query = (select(s.id).where(s.removed_at.is_(None), waiting,
                                or_(s.next_attempt_at.is_(None), s.next_attempt_at <= now),
                                or_(s.lease_until.is_(None), s.lease_until < now))
             .order_by(s.id))
    with engine.connect() as connection:
        return list(connection.execute(query).scalars())


def claim(engine: Engine, subscriber: int, owner: str, now: datetime, until: datetime) -> Claim | None:
    """Take the lease on a subscriber; None when another process holds it (or it was removed meanwhile)."""
    with _writing(engine) as connection:
        taken = connection.execute(
            update(webhook_subscribers)
            .where(s.id == subscriber, s.removed_at.is_(None),
                   or_(s.lease_owner.is_(None), s.lease_owner == owner, s.lease_until < now))
            .values(lease_owner=owner, lease_until=until))
        if taken.rowcount != 1:
            return None
        row = connection.execute(select(s.id, s.url, s.secret, s.delivered_through, s.failures, s.failing_since)
                                 .where(s.id == subscriber)).one()
    return Claim(row.id, row.url, row.secret, row.delivered_through, row.failures, row.failing_since)


def release(engine: Engine, subscriber: int, owner: str) -> None:
    with _writing(engine) as connection:
        connection.execute(update(webhook_subscribers).where(s.id == subscriber, s.lease_owner == owner)
                           .values(lease_owner=None, lease_until=None))


def pending(engine: Engine, subscriber: int, after: int, limit: int) -> list[Message]:
    """The next events waiting for a subscriber, oldest first."""
    e = events.c
    query = (select(o.seq, o.attempts, e.item_key, e.type, e.data, e.actor, e.occurred_on, e.recorded_at, e.hash)
             .join(events, e.seq == o.seq)
             .where(o.subscriber_id == subscriber, o.seq > after).order_by(o.seq).limit(limit))
    with engine.connect() as connection:
        return [Message(seq, attempts, item, type_, orjson.loads(data), actor, occurred_on, recorded_at, hash_)
                for seq, attempts, item, type_, data, actor, occurred_on, recorded_at, hash_
                in tuples(connection.execute(query))]


def delivered(engine: Engine, subscriber: int, seq: int, at: datetime, status: int, owner: str,
              lease_until: datetime) -> bool:
    """Mark an event delivered and move the subscriber past it, extending the lease; False: stop sending, the lease
    was lost (another process has taken over and sends from where it stands) or the subscriber was removed."""
    with _writing(engine) as connection:
        connection.execute(update(webhook_outbox).where(o.subscriber_id == subscriber, o.seq == seq)
                           .values(attempts=o.attempts + 1, last_attempt_at=at, status=status, delivered_at=at))
        moved = connection.execute(
            update(webhook_subscribers).where(s.id == subscriber, s.lease_owner == owner, s.removed_at.is_(None))
            .values(delivered_through=seq, last_delivered_at=at, failures=0, failing_since=None,
                    next_attempt_at=None, last_error=None, lease_until=lease_until))
        return moved.rowcount == 1


def failed(engine: Engine, subscriber: int, seq: int, at: datetime, status: int | None, error: str, owner: str,
           failures: int, failing_since: datetime | None, next_attempt_at: datetime) -> None:
    """Record a failed attempt on the event and when to try the subscriber again."""
    with _writing(engine) as connection:
        connection.execute(update(webhook_outbox).where(o.subscriber_id == subscriber, o.seq == seq)
                           .values(attempts=o.attempts + 1, last_attempt_at=at, status=status, error=error))
        connection.execute(update(webhook_subscribers).where(s.id == subscriber, s.lease_owner == owner)
                           .values(failures=failures, failing_since=failing_since, next_attempt_at=next_attempt_at,
                                   last_error=error))


def outbox(engine: Engine, subscriber: int | None = None) -> list[OutboxRow]:
    """Outbox rows in order (of one subscriber, or all): what was delivered to whom, when, after how many tries."""
    query = select(webhook_outbox).order_by(o.subscriber_id, o.seq)
    if subscriber is not None:
        query = query.where(o.subscriber_id == subscriber)
    with engine.connect() as connection:
        return [OutboxRow(r.subscriber_id, r.seq, r.attempts, r.last_attempt_at, r.status, r.error, r.delivered_at)
                for r in connection.execute(query)]
