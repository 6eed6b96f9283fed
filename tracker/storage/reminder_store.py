"""Reminders sent by e-mail and every attempt to deliver them. A reminder is written once per account per day; an
attempt is appended, never changed, so what was sent to whom, when, and what went wrong stays readable."""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.exc import IntegrityError

from .operational_schema import reminder_attempts, reminders
from .schema import item_states
from .sql import tuples

CHUNK = 500  # keys per IN list: well below every driver's limit on bound parameters


@dataclass(frozen=True)
class Attempt:
    at: datetime
    address: str | None
    server: str | None
    error: str | None  # None: the mail server accepted it


@dataclass(frozen=True)
class Reminder:
    id: int
    account: str
    day: date
    subject: str
    body: str
    items: list[str]
    created_at: datetime
    attempts: list[Attempt]

    @property
    def delivered(self) -> Attempt | None:
        return next((a for a in self.attempts if a.error is None), None)

    @property
    def last(self) -> Attempt | None:
        return self.attempts[-1] if self.attempts else None


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _moment(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _with_attempts(connection: Connection, rows) -> list[Reminder]:
    rows = list(rows)
    found: dict[int, list[Attempt]] = {row.id: [] for row in rows}
    ids = list(found)
    for start in range(0, len(ids), CHUNK):
        query = (select(reminder_attempts).where(reminder_attempts.c.reminder.in_(ids[start:start + CHUNK]))
                 .order_by(reminder_attempts.c.id))
        for a in connection.execute(query):
            found[a.reminder].append(Attempt(_moment(a.at), a.address, a.server, a.error))
    return [Reminder(row.id, row.account, _day(row.day), row.subject, row.body, json.loads(row.items),
                     _moment(row.created_at), found[row.id]) for row in rows]


def on_day(engine: Engine, day: date) -> list[Reminder]:
    """The reminders of one day, by account."""
    with engine.connect() as connection:
        rows = connection.execute(select(reminders).where(reminders.c.day == day).order_by(reminders.c.account))
        return _with_attempts(connection, rows)


def add(engine: Engine, account: str, day: date, subject: str, body: str, items: list[str], at: datetime) -> bool:
    """Write the day's reminder of an account; False when another run wrote it first (it stays as written)."""
    try:
        with engine.begin() as connection:
            connection.execute(insert(reminders).values(account=account, day=day, subject=subject, body=body,
                                                        items=json.dumps(items), created_at=at))
    except IntegrityError:
        return False
    return True


def add_attempt(engine: Engine, reminder: int, at: datetime, address: str | None, server: str | None,
                error: str | None) -> None:
    with engine.begin() as connection:
        connection.execute(insert(reminder_attempts).values(reminder=reminder, at=at, address=address,
                                                            server=server, error=error))


def undelivered(engine: Engine, limit: int = 200) -> list[Reminder]:
    """Reminders without a successful attempt, newest day first: what a beheerder should look at."""
    delivered = select(reminder_attempts.c.reminder).where(reminder_attempts.c.error.is_(None))
    with engine.connect() as connection:
        rows = connection.execute(select(reminders).where(reminders.c.id.not_in(delivered))
                                  .order_by(reminders.c.day.desc(), reminders.c.account).limit(limit))
        return _with_attempts(connection, rows)


def recent(engine: Engine, since: date, limit: int = 200) -> list[Reminder]:
    """Reminders of the days since `since`, newest first, delivered or not."""
    with engine.connect() as connection:
        rows = connection.execute(select(reminders).where(reminders.c.day >= since)
                                  .order_by(reminders.c.day.desc(), reminders.c.account).limit(limit))
        return _with_attempts(connection, rows)


def count_undelivered(engine: Engine) -> int:
    delivered = select(reminder_attempts.c.reminder).where(reminder_attempts.c.error.is_(None))
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(reminders)
                                  .where(reminders.c.id.not_in(delivered))).scalar_one()


def in_state_since(connection: Connection, keys: Iterable[str]) -> dict[str, date]:
    """For each item, the date it entered the state it is in now: the first of the trailing rows of its history
    that share its latest state (a plan or deadline changed in between does not restart the wait)."""
    keys = sorted(set(keys))
    since: dict[str, date] = {}
    for start in range(0, len(keys), CHUNK):
        query = (select(item_states.c.item_key, item_states.c.occurred_on, item_states.c.state)
                 .where(item_states.c.item_key.in_(keys[start:start + CHUNK]))
                 .order_by(item_states.c.item_key, item_states.c.seq.desc()))
        latest: dict[str, str] = {}
        finished: set[str] = set()  # reached an earlier state: the rest of the item's rows are older still
        for key, occurred_on, state in tuples(connection.execute(query)):
            if key in finished:
                continue
            if latest.setdefault(key, state) != state:
                finished.add(key)
                continue
            since[key] = _day(occurred_on)
    return since
