"""The append-only event table: append, look up, stream. Nothing here updates or deletes."""
from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, cast

import orjson
from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import IntegrityError

from tracker.domain.errors import VersionConflict
from tracker.domain.events import GENESIS_HASH, Fact, StoredEvent
from tracker.domain.workflow import CREATED

from .schema import events, items
from .sql import Sql, tuples

_COLUMNS = (
    events.c.seq, events.c.item_key, events.c.version, events.c.type, events.c.data, events.c.actor,
    events.c.occurred_on, events.c.recorded_at, events.c.idempotency_key, events.c.prev_hash, events.c.hash,
    events.c.idempotency_account,
)


_FIELDS = ("seq, item_key, version, type, data, actor, occurred_on, recorded_at, idempotency_key, prev_hash, hash, "
           "idempotency_account")
# The append path runs on the driver's cursor (see tracker.storage.sql).
# Reviewed (B608): only column names and placeholders are formatted in; every value is bound.
_INSERT = Sql(f"INSERT INTO events ({_FIELDS}) VALUES (:seq, :item_key, :version, :type, :data, :actor, "  # nosec B608
              ":occurred_on, :recorded_at, :idempotency_key, :prev_hash, :hash, :idempotency_account)")
_HEAD = Sql("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
_FIRST_DAY = Sql("SELECT MIN(occurred_on) AS day FROM events")  # one step down the occurred_on index
# Reviewed (B608): only column names and placeholders are formatted in; every value is bound.
_BY_KEY = Sql(f"SELECT {_FIELDS} FROM events WHERE idempotency_key = :key "  # nosec B608
              "AND idempotency_account = :account")
_BY_UNOWNED_KEY = Sql(_BY_KEY.text.replace("= :account", "IS NULL"))  # a key without an account
_SINCE = Sql("SELECT seq, item_key, version, type, data, occurred_on FROM events WHERE seq > :seq "
             "ORDER BY seq LIMIT :n")


def _event(row) -> StoredEvent:
    seq, item, version, type_, data, actor, occurred_on, recorded_at, key, prev_hash, hash_, account = row
    return StoredEvent(seq, item, version, type_, orjson.loads(data), actor, _as_date(occurred_on),
                       _as_datetime(recorded_at), key, prev_hash, hash_, account)


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _as_datetime(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def head(connection: Connection) -> tuple[int, str]:
    """(sequence number, hash) of the last event, or (0, genesis) for an empty log."""
    row = _HEAD.run(connection).fetchone()
    return (row[0], row[1]) if row else (0, GENESIS_HASH)


def head_now(engine: Engine) -> tuple[int, str]:
    """The head as a single statement outside a transaction: what every request reads first."""
    row = _HEAD.glance(engine)
    return (row["seq"], row["hash"]) if row else (0, GENESIS_HASH)


def first_day(engine: Engine) -> date | None:
    """The business date of the earliest event (None: an empty log, or a date that cannot be read)."""
    day = _maybe(_as_date, (_FIRST_DAY.glance(engine) or {}).get("day"))
    return day if isinstance(day, date) else None


def append(connection: Connection, event: StoredEvent, data_json: str) -> None:
    """Insert one event. A duplicate (item, version) means another writer won: a version conflict."""
    try:
        _INSERT.run(connection, {
            "seq": event.seq, "item_key": event.item, "version": event.version, "type": event.type,
            "data": data_json, "actor": event.actor, "occurred_on": event.occurred_on,
            "recorded_at": event.recorded_at, "idempotency_key": event.idempotency_key,
            "prev_hash": event.prev_hash, "hash": event.hash, "idempotency_account": event.idempotency_account,
        })
    except (IntegrityError, cast(Any, connection.dialect.dbapi).IntegrityError):  # ours, or the driver's
        raise VersionConflict(
            f"{event.item} is intussen gewijzigd door een andere schrijver; laad het item opnieuw.",
            current_version=None, expected_version=event.version - 1, item=event.item,  # recording names it
        ) from None


def by_idempotency_key(connection: Connection, key: str, account: str | None = None) -> StoredEvent | None:
    """The event recorded with this key by this account (None: a key without an account)."""
    statement = _BY_KEY if account is not None else _BY_UNOWNED_KEY
    row = statement.run(connection, {"key": key, "account": account}).fetchone()
    return _event(row) if row else None


def of_item(connection: Connection, item: str, until: date | None = None) -> list[StoredEvent]:
    query = select(*_COLUMNS).where(events.c.item_key == item)
    if until is not None:
        query = query.where(events.c.occurred_on <= until)
    return [_event(row) for row in connection.execute(query.order_by(events.c.seq))]


def of_items(connection: Connection, keys: Iterable[str], until: date) -> list[Fact]:
    """The events of these items that occurred on or before `until`, in sequence order."""
    keys = sorted(set(keys))
    found: list[Fact] = []
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        query = (select(events.c.seq, events.c.item_key, events.c.version, events.c.type, events.c.data,
                        events.c.occurred_on)
                 .where(events.c.item_key.in_(chunk), events.c.occurred_on <= until))
        found += [Fact(s, i, v, t, orjson.loads(d), _as_date(o))
                  for s, i, v, t, d, o in tuples(connection.execute(query))]
    found.sort(key=lambda fact: fact.seq)
    return found


def facts(connection: Connection, until: date | None = None, batch: int = 10_000,
          through: int | None = None) -> Iterator[Fact]:
    """What a replay needs of each event, in sequence order.

    Read through the driver's own cursor inside the current transaction: replay is the
    hot path of rebuild and of every as-of-peildatum question, and SQLAlchemy's row
    processing would cost more than the replay itself.
    """
    placeholder = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    sql = "SELECT seq, item_key, version, type, data, occurred_on FROM events"
    conditions: list[str] = []
    values: list[Any] = []
    if until is not None:
        conditions.append(f"occurred_on <= {placeholder}")
        values.append(until.isoformat() if placeholder == "?" else until)
    if through is not None:  # the log as it stood when event `through` was recorded
        conditions.append(f"seq <= {placeholder}")
        values.append(through)
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    params = tuple(values)
    # On PostgreSQL a named (server-side) cursor streams the rows instead of loading them all at once.
    cursor = connection.connection.cursor() if placeholder == "?" else connection.connection.cursor(name="facts")
    try:
        cursor.execute(sql + " ORDER BY seq", params)
        loads, fromiso = orjson.loads, date.fromisoformat
        empty: dict[str, Any] = {}
        qmark = placeholder == "?"  # SQLite builds its rows holding the GIL: a helper thread only slows it
        for rows in (iter(lambda: cursor.fetchmany(batch), []) if qmark else _prefetched(cursor, batch)):
            for seq, item, version, type_, data, occurred_on in rows:
                # Many events carry no data at all ("{}"): share one empty dict instead of parsing.
                yield Fact(seq, item, version, type_, empty if data == "{}" else loads(data),
                           fromiso(occurred_on) if isinstance(occurred_on, str) else occurred_on)
    finally:
        cursor.close()


def _prefetched(cursor, batch: int) -> Iterator[list]:
    """The cursor's rows in batches, the next batch fetched by a helper thread while this one is folded.

    psycopg releases the GIL while it waits for the server, so reading and folding overlap (a rebuild at a
    million events: 10.0 s -> 8.7 s). Only the helper touches the cursor until it is done."""
    batches: queue.Queue = queue.Queue(maxsize=2)
    stop = threading.Event()

    def fetch() -> None:
        try:
            while not stop.is_set():
                rows = cursor.fetchmany(batch)
                batches.put(rows)
                if not rows:
                    return
        except BaseException as error:  # handed to the reader, raised there
            batches.put(error)

    helper = threading.Thread(target=fetch, name="facts-prefetch", daemon=True)
    helper.start()
    try:
        while True:
            rows = batches.get()
            if isinstance(rows, BaseException):
                raise rows
            if not rows:
                return
            yield rows
    finally:
        stop.set()
        while helper.is_alive():  # unblock a helper waiting on a full queue
            try:
                batches.get(timeout=0.05)
            except queue.Empty:
                pass
        helper.join()


def analyze(connection: Connection) -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL; SQLite plans well without them)."""
    if connection.dialect.name != "sqlite":
        connection.exec_driver_sql("ANALYZE events")


def count(connection: Connection) -> int:
    return connection.execute(select(func.count()).select_from(events)).scalar_one()


def stream_raw(connection: Connection, batch: int = 5000) -> Iterator[tuple]:
    """Rows as stored (data as text), in sequence order: what the hash covers. Untyped, so that a corrupt row
    (on SQLite a date that is no date, a version that is no number) reaches verify and export, which name it."""
    rows = connection.execution_options(yield_per=batch).exec_driver_sql(
        f"SELECT {_FIELDS} FROM events ORDER BY seq")  # nosec B608 - column names only
    for row in rows:  # dates and times converted where they can be
        yield (*row[:6], _maybe(_as_date, row[6]), _maybe(_as_datetime, row[7]), *row[8:])


def _maybe(convert, value):
    """`value` converted, or as stored when it cannot be (the caller reports it)."""
    try:
        return convert(value)
    except (TypeError, ValueError):
        return value


def facts_since(connection: Connection, seq: int, limit: int) -> list[Fact] | None:
    """Facts after `seq`, or None when there are more than `limit` of them (then reload instead)."""
    rows = _SINCE.run(connection, {"seq": seq, "n": limit + 1}).fetchall()
    if len(rows) > limit:
        return None
    return [Fact(s, i, v, t, orjson.loads(d), _as_date(o)) for s, i, v, t, d, o in rows]


def actors(connection: Connection, seqs: list[int]) -> dict[int, str]:
    if not seqs:
        return {}
    rows = tuples(connection.execute(select(events.c.seq, events.c.actor).where(events.c.seq.in_(seqs))))
    return {seq: actor for seq, actor in rows}


def last_recorded_by(connection: Connection, moment: datetime) -> int:
    """The sequence number of the last event recorded at or before `moment` (0: none yet)."""
    found = connection.execute(select(func.max(events.c.seq)).where(events.c.recorded_at <= moment)).scalar()
    return found or 0


def recorded_under(connection: Connection, topic: str, until: date, after: int) -> list[StoredEvent]:
    """Events of items under `topic` dated on or before `until` and recorded after event `after`."""
    query = (select(*_COLUMNS).join(items, items.c.key == events.c.item_key)
             .where(items.c.topic_key == topic, events.c.occurred_on <= until, events.c.seq > after)
             .order_by(events.c.seq))
    return [_event(row) for row in connection.execute(query)]


def latest_changes(connection: Connection, until: date, limit: int) -> list[Fact]:
    """The last `limit` events other than creations on or before `until`, by business date, newest first."""
    query = (select(events.c.seq, events.c.item_key, events.c.version, events.c.type, events.c.data,
                    events.c.occurred_on)
             .where(events.c.occurred_on <= until, events.c.type != CREATED)
             .order_by(events.c.occurred_on.desc(), events.c.seq.desc()).limit(limit))
    return [Fact(s, i, v, t, orjson.loads(d), _as_date(o))
            for s, i, v, t, d, o in tuples(connection.execute(query))]


def of_types(connection: Connection, types: list[str], limit: int = 500) -> list[StoredEvent]:
    """The latest events of these types, newest first."""
    query = select(*_COLUMNS).where(events.c.type.in_(types)).order_by(events.c.seq.desc()).limit(limit)
    return [_event(row) for row in connection.execute(query)]


def facts_selected(connection: Connection, until: date, kinds: Iterable[str] = (),
                   types: Iterable[str] = ()) -> list[Fact]:
    """Facts on or before `until` of items of these kinds, or of these event types, in sequence order.

    What a report needs of the log, read without touching the rest of it (plain SQL on the driver's cursor)."""
    kinds, types = sorted(kinds), sorted(types)
    if not kinds and not types:
        return []
    qmark = connection.dialect.paramstyle == "qmark"
    mark = "?" if qmark else "%s"
    conditions, params = [], []
    if kinds:
        # Reviewed (B608): only column names and placeholders are formatted in; every value is bound.
        conditions.append(f"e.item_key IN (SELECT key FROM items WHERE kind IN ({', '.join([mark] * len(kinds))}))")  # nosec B608
        params += kinds
    if types:
        conditions.append(f"e.type IN ({', '.join([mark] * len(types))})")
        params += types
    # Reviewed (B608): only column names and placeholders are formatted in; every value is bound.
    sql = (f"SELECT e.seq, e.item_key, e.version, e.type, e.data, e.occurred_on FROM events e "  # nosec B608
           f"WHERE e.occurred_on <= {mark} AND ({' OR '.join(conditions)}) ORDER BY e.seq")
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql, [until.isoformat() if qmark else until] + params)
        loads, fromiso = orjson.loads, date.fromisoformat
        facts = []
        for seq, item, version, type_, data, on in cursor.fetchall():
            data = loads(data)
            data.pop("toelichting", None)  # no report reads the reasons; at a million events they weigh most
            facts.append(Fact(seq, item, version, type_, data, fromiso(on) if isinstance(on, str) else on))
        return facts
    finally:
        cursor.close()
