"""Items and `requires` edges as they stood on a date, read from their histories (no replay of the log).

An item's dates never go backwards, so what it was on a date is its last history row on or before that date;
the same holds for each edge, which is recorded by the dependent's own events.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import NamedTuple, cast

from sqlalchemy import Connection

CHUNK = 500  # keys per statement: well under every driver's limit on parameters


class Then(NamedTuple):
    """An item as it stood on a date: identity from the items table, the rest from its history."""

    key: str
    kind: str
    title: str
    parent: str | None
    topic: str
    illustratief: bool
    created_on: date
    created_seq: int
    state: str
    seq: int
    done: bool
    plan: date | None
    deadline: date | None


def _day(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _chunks(keys: Iterable[str]) -> Iterator[list[str]]:
    keys = sorted(set(keys))
    for start in range(0, len(keys), CHUNK):
        yield keys[start:start + CHUNK]


def _stream(connection: Connection, sql: str, params: list, batch: int = 5000) -> Iterator[tuple]:
    """Plain SQL with `?` marks on the driver's cursor (rewritten to `%s` for psycopg), row by row."""
    qmark = connection.dialect.paramstyle == "qmark"
    params = [p.isoformat() if qmark and isinstance(p, date) else p for p in params]
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql if qmark else sql.replace("?", "%s"), params)
        while rows := cursor.fetchmany(batch):
            yield from rows
    finally:
        cursor.close()


def _run(connection: Connection, sql: str, params: list) -> Sequence[tuple]:
    return list(_stream(connection, sql, params))


_COLUMNS = ("i.key, i.kind, i.title, i.parent_key, i.topic_key, i.illustratief, i.created_on, i.created_seq, "
            "s.state, s.seq, s.done, s.plan, s.deadline")
_LATEST = "s.seq = (SELECT MAX(s2.seq) FROM item_states s2 WHERE s2.item_key = i.key AND s2.occurred_on <= ?)"
# PostgreSQL: each item's newest state row up to the date by one backward index scan. With the join above its
# planner, misjudging how many items a skewed parent or date filter leaves, hashes every state row instead
# (170 ms for a page of onvolkomenheden at a million events, against 3 ms).
_LATERAL = ("CROSS JOIN LATERAL (SELECT s2.state, s2.seq, s2.done, s2.plan, s2.deadline FROM item_states s2 "
            "WHERE s2.item_key = i.key AND s2.occurred_on <= ? ORDER BY s2.occurred_on DESC, s2.seq DESC LIMIT 1) s")


def _then(row) -> Then:
    key, kind, title, parent, topic, illustratief, created_on, created_seq, state, seq, done, plan, deadline = row
    if created_on.__class__ is str:  # SQLite gives dates back as text; PostgreSQL as dates (thousands per read)
        created_on = date.fromisoformat(created_on)
        plan = plan and date.fromisoformat(plan)
        deadline = deadline and date.fromisoformat(deadline)
    return Then(key, kind, title, parent, topic, bool(illustratief), created_on, created_seq, state, seq, bool(done),
                plan, deadline)


def _latest(connection: Connection, where: str, params: list, day: date, order: str = "") -> Sequence[tuple]:
    """The items matching `where` (on `items i`) with their state at the end of `day`, as rows of _COLUMNS."""
    # Reviewed (B608): only constant SQL and placeholders are formatted in; every value is bound.
    if connection.dialect.name == "postgresql":
        sql = f"SELECT {_COLUMNS} FROM items i {_LATERAL} WHERE {where}{order}"  # nosec B608
        return _run(connection, sql, [day] + params)
    sql = (f"SELECT {_COLUMNS} FROM items i JOIN item_states s ON s.item_key = i.key "  # nosec B608
           f"WHERE {where} AND {_LATEST}{order}")
    return _run(connection, sql, params + [day])


def items_as_of(connection: Connection, keys: Iterable[str], day: date) -> dict[str, Then]:
    """These items as they stood at the end of `day` (absent: not yet created then)."""
    found: dict[str, Then] = {}
    for chunk in _chunks(keys):
        marks = ", ".join("?" * len(chunk))
        for row in _latest(connection, f"i.key IN ({marks}) AND i.created_on <= ?", chunk + [day], day):
            found[row[0]] = _then(row)
    return found


def every_item_as_of(connection: Connection, day: date) -> dict[str, Then]:
    # Reviewed (B608): only constant SQL is formatted in; every value is bound.
    sql = (f"SELECT {_COLUMNS} FROM items i JOIN item_states s ON s.item_key = i.key "  # nosec B608
           f"WHERE i.created_on <= ? AND {_LATEST}")
    return {row[0]: _then(row) for row in _run(connection, sql, [day, day])}


class Standing(NamedTuple):
    """What counting an item as of a date needs of it, and no more."""

    key: str
    topic: str
    parent: str | None
    done: bool
    plan: date | None
    deadline: date | None


def every_standing_as_of(connection: Connection, day: date) -> Iterator[Standing]:
    """Every item that existed at the end of `day`, row by row: counts over all items at a million events hold
    one small tuple per item, never a list of full rows beside them. Topic and parent keys are shared strings."""
    # Reviewed (B608): only constant SQL is formatted in; every value is bound.
    sql = ("SELECT i.key, i.topic_key, i.parent_key, s.done, s.plan, s.deadline "  # nosec B608
           f"FROM items i JOIN item_states s ON s.item_key = i.key WHERE i.created_on <= ? AND {_LATEST}")
    shared: dict[str, str] = {}
    for key, topic, parent, done, plan, deadline in _stream(connection, sql, [day, day]):
        topic = shared.setdefault(topic, topic)
        parent = shared.setdefault(parent, parent) if parent is not None else None
        yield Standing(key, topic, parent, bool(done), _day(plan), _day(deadline))


def children_then(connection: Connection, parents: Iterable[str], day: date) -> dict[str, list[Then]]:
    """The children of these items as they stood at the end of `day`, in the order they were created."""
    found: dict[str, list[Then]] = {}
    for chunk in _chunks(parents):
        marks = ", ".join("?" * len(chunk))
        for row in _latest(connection, f"i.parent_key IN ({marks}) AND i.created_on <= ?", chunk + [day], day,
                           " ORDER BY i.created_seq"):
            then = _then(row)
            found.setdefault(cast(str, then.parent), []).append(then)  # selected by parent_key
    return found


def children_as_of(connection: Connection, parents: Iterable[str], day: date) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for chunk in _chunks(parents):
        marks = ", ".join("?" * len(chunk))
        # Reviewed (B608): only placeholders are formatted in; every value is bound.
        sql = (f"SELECT parent_key, key FROM items WHERE parent_key IN ({marks}) AND created_on <= ? "  # nosec B608
               "ORDER BY created_seq")
        for parent, key in _run(connection, sql, chunk + [day]):
            found.setdefault(parent, []).append(key)
    return found


_EDGE_LATEST = ("h.present = ? AND h.seq = (SELECT MAX(h2.seq) FROM dependency_history h2 "
                "WHERE h2.dependent = h.dependent AND h2.prerequisite = h.prerequisite AND h2.occurred_on <= ?)")


def edges_as_of(connection: Connection, day: date, dependents: Iterable[str] | None = None,
                prerequisites: Iterable[str] | None = None) -> set[tuple[str, str]]:
    """(dependent, prerequisite) edges that stood at the end of `day`: of these dependents, of these
    prerequisites, or (neither given) all of them."""
    if dependents is None and prerequisites is None:
        # Reviewed (B608): only constant SQL is formatted in; every value is bound.
        sql = f"SELECT h.dependent, h.prerequisite FROM dependency_history h WHERE {_EDGE_LATEST}"  # nosec B608
        return set(map(tuple, _run(connection, sql, [True, day])))
    column, keys = ("dependent", dependents) if dependents is not None else ("prerequisite", prerequisites)
    found: set[tuple[str, str]] = set()
    for chunk in _chunks(cast(Iterable[str], keys)):  # one of the two is given (neither: answered above)
        marks = ", ".join("?" * len(chunk))
        # Reviewed (B608): only a column name and placeholders are formatted in; every value is bound.
        sql = (f"SELECT h.dependent, h.prerequisite FROM dependency_history h "  # nosec B608
               f"WHERE h.{column} IN ({marks}) AND h.occurred_on <= ? AND {_EDGE_LATEST}")
        found |= set(map(tuple, _run(connection, sql, chunk + [day, True, day])))
    return found


def candidates_as_of(connection: Connection, day: date, *, topic: str | None = None, parent: str | None = None,
                     kind: str | None = None) -> list[Then]:
    """Items that existed at the end of `day`, optionally under a topic, a parent or of a kind, in the order
    they were created."""
    conditions, params = [], []
    for column, value in (("i.topic_key", topic), ("i.parent_key", parent), ("i.kind", kind)):
        if value is not None:
            conditions.append(f"{column} = ?")
            params.append(value)
    where = "".join(f" AND {c}" for c in conditions)
    return [_then(row) for row in _latest(connection, f"i.created_on <= ?{where}", [day] + params, day,
                                          " ORDER BY i.created_seq")]
