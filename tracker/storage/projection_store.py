"""The `items` projection: current state, hierarchy and parents' progress counters."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple, cast

import orjson
from sqlalchemy import ColumnElement, Connection, and_, case, delete, func, insert, not_, or_, select

from tracker.domain.items import Item
from tracker.domain.projection import Changes, EdgeChange, Moment, Projected, Replayed, Word
from tracker.domain.workflow import OWNER_FIELD, UNIT_FIELD

from . import evidence_store, search_store
from .schema import dependencies, dependency_history, item_states, items, meta, vocabulary
from .sql import Sql, bulk_insert, tuples

# The append path runs on the driver's cursor (see tracker.storage.sql).
_COLUMNS = [c.name for c in items.columns]
_GET = Sql("SELECT * FROM items WHERE key = :k")
# Reviewed (B608): only column names and placeholders are formatted in; every value is bound.
_INSERT = Sql(f"INSERT INTO items ({', '.join(_COLUMNS)}) VALUES ({', '.join(':' + c for c in _COLUMNS)})")  # nosec B608
# Reviewed (B608): only column names and placeholders are formatted in; every value is bound.
_SAVE = Sql("UPDATE items SET " + ", ".join(f"{c} = :{c}" for c in _COLUMNS if c != "key") + " WHERE key = :key")  # nosec B608
_STATE = Sql("INSERT INTO item_states (item_key, seq, occurred_on, state, done, plan, deadline) "
            "VALUES (:item, :seq, :occurred_on, :state, :done, :plan, :deadline)")
_ADD_EDGE = Sql("INSERT INTO dependencies (dependent, prerequisite) VALUES (:a, :b)")
_REMOVE_EDGE = Sql("DELETE FROM dependencies WHERE dependent = :a AND prerequisite = :b")
_EDGE_CHANGE = Sql("INSERT INTO dependency_history (seq, dependent, prerequisite, occurred_on, present) "
                   "VALUES (:seq, :dependent, :prerequisite, :occurred_on, :present)")
_MOMENT_COLUMNS = ["item_key", "seq", "occurred_on", "state", "done", "plan", "deadline"]
_EDGE_COLUMNS = ["seq", "dependent", "prerequisite", "occurred_on", "present"]


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _maybe_date(value) -> date | None:
    return None if value is None else _as_date(value)


def _projected(row) -> Projected:
    m = row if isinstance(row, dict) else row._mapping
    item = Item(
        key=m["key"], kind=m["kind"], title=m["title"], parent=m["parent_key"], state=m["state"],
        version=m["version"], attributes=orjson.loads(m["attributes"]), illustratief=bool(m["illustratief"]),
        cycle=m["cycle"], created_on=_as_date(m["created_on"]), updated_on=_as_date(m["updated_on"]),
    )
    progress = None if m["progress_total"] is None else (m["progress_done"], m["progress_total"])
    return Projected(item, m["topic_key"], bool(m["done"]), progress, m["created_seq"], m["last_seq"],
                     bool(m["blocked"]), _as_date(m["forecast"]) if m["forecast"] else None, bool(m["at_risk"]),
                     _as_date(m["deadline"]) if m["deadline"] else None)


def _values(p: Projected) -> dict:
    item = p.item
    return {
        "key": item.key, "kind": item.kind, "title": item.title, "parent_key": item.parent,
        "topic_key": p.topic, "state": item.state, "version": item.version,
        "attributes": orjson.dumps(item.attributes, option=orjson.OPT_SORT_KEYS).decode(),
        "illustratief": item.illustratief, "done": p.done, "cycle": item.cycle,
        "progress_done": p.progress[0] if p.progress else None,
        "progress_total": p.progress[1] if p.progress else None,
        "created_on": item.created_on, "updated_on": item.updated_on,
        "created_seq": p.created_seq, "last_seq": p.last_seq,
        "blocked": p.blocked, "forecast": p.forecast, "at_risk": p.at_risk, "deadline": p.deadline,
        "owner": item.attributes.get(OWNER_FIELD), "unit": item.attributes.get(UNIT_FIELD),
    }


def _in_order(values: dict) -> list:
    return [values[c] for c in _COLUMNS]


def get(connection: Connection, key: str) -> Projected | None:
    row = _GET.one(connection, {"k": key})
    return _projected(row) if row else None


def get_many(connection: Connection, keys: Iterable[str]) -> list[Projected]:
    """These items as they stand (absent keys left out), on the driver's cursor: every read as of a peildatum
    starts here, and Core's select with an IN list costs more than the read itself."""
    keys = sorted(set(keys))
    found = []
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        # Reviewed (B608): only placeholders are formatted in; every value is bound.
        statement = Sql(f"SELECT * FROM items WHERE key IN ({', '.join(f':k{i}' for i in range(len(chunk)))})")  # nosec B608
        cursor = statement.run(connection, {f"k{i}": key for i, key in enumerate(chunk)})
        names = [d[0] for d in cursor.description]
        found += [_projected(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]
    return found


class StoreRows:
    """The rows an event touches, read inside the append's transaction (what the projector reads)."""

    def __init__(self, connection: Connection):
        self.connection = connection

    def get(self, key: str) -> Projected | None:
        return get(self.connection, key)

    def children(self, key: str) -> list[Projected]:
        return select_items(self.connection, parent=key)


def write(connection: Connection, changes: Changes, seq: int, key: str) -> None:
    """Write what event `seq` on item `key` changed, in the append's transaction."""
    for row in changes.rows:
        (_INSERT if row.item.key == changes.created else _SAVE).run(connection, _values(row))
    for moment in changes.moments:
        _STATE.run(connection, moment._asdict())
    edge = changes.edge
    if edge is not None:
        (_ADD_EDGE if edge.present else _REMOVE_EDGE).run(connection, {"a": edge.dependent, "b": edge.prerequisite})
        _EDGE_CHANGE.run(connection, edge._asdict())
    if changes.text is not None:
        search_store.add(connection, [(seq, key, changes.text)])
    if changes.documents:
        evidence_store.link(connection, seq, changes.documents)


def all_edges(connection: Connection) -> set[tuple[str, str]]:
    query = select(dependencies.c.dependent, dependencies.c.prerequisite)
    return {(a, b) for a, b in tuples(connection.execute(query))}


def replace_all(connection: Connection, replayed: Replayed) -> None:
    """Replace every projection table with a replay's: items, edges, item history, edge history, vocabulary.

    Rows go in key order and the secondary indexes are dropped first and built afterwards: maintaining
    them row by row was most of a rebuild's cost at a million events."""
    tables = (items, dependencies, item_states, dependency_history, vocabulary)
    indexes = [index for table in tables for index in table.indexes]
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MB for this connection's bulk work
        for table in tables:
            connection.execute(delete(table))
    else:  # TRUNCATE writes no dead rows; dropping the indexes below locks the tables out just the same
        connection.exec_driver_sql("TRUNCATE " + ", ".join(t.name for t in tables))
    for index in indexes:
        index.drop(connection)
    rows = sorted(replayed.items.values(), key=lambda p: p.item.key)
    bulk_insert(connection, "items", _COLUMNS, (_in_order(_values(p)) for p in rows))
    bulk_insert(connection, "dependencies", ["dependent", "prerequisite"], sorted(replayed.edges))
    bulk_insert(connection, "item_states", _MOMENT_COLUMNS, replayed.moments)
    bulk_insert(connection, "dependency_history", _EDGE_COLUMNS, replayed.edge_changes)
    search_store.clear(connection)
    search_store.add(connection, replayed.texts)
    evidence_store.replace_links(connection, replayed.documents)
    bulk_insert(connection, "vocabulary", ["kind", "category", "name", "seq"],
                (tuple(word) + (seq,) for word, seq in sorted(replayed.words.items())))
    for index in indexes:
        index.create(connection)
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA cache_size=-2000")
    else:  # fresh statistics, or the planner treats the just-filled tables as empty
        connection.exec_driver_sql("ANALYZE " + ", ".join(t.name for t in tables))


def all_moments(connection: Connection) -> list[Moment]:
    query = select(*[item_states.c[c] for c in _MOMENT_COLUMNS]).order_by(item_states.c.seq)
    return [Moment(k, s, _as_date(d), st, bool(done), _maybe_date(plan), _maybe_date(deadline))
            for k, s, d, st, done, plan, deadline in tuples(connection.execute(query))]


def all_edge_changes(connection: Connection) -> list[EdgeChange]:
    query = select(*[dependency_history.c[c] for c in _EDGE_COLUMNS]).order_by(dependency_history.c.seq)
    return [EdgeChange(s, a, b, _as_date(d), bool(present))
            for s, a, b, d, present in tuples(connection.execute(query))]


def words(connection: Connection) -> dict[Word, int]:
    query = select(vocabulary.c.kind, vocabulary.c.category, vocabulary.c.name, vocabulary.c.seq)
    return {Word(kind, category, name): seq for kind, category, name, seq in tuples(connection.execute(query))}


def add_words(connection: Connection, found: Iterable[Word], seq: int) -> None:
    """Names the log did not use before; another writer may have added them meanwhile (then nothing happens)."""
    for word in found:
        exists = connection.execute(select(vocabulary.c.seq).where(
            vocabulary.c.kind == word.kind, vocabulary.c.category == word.category,
            vocabulary.c.name == word.name)).first()
        if exists is None:
            connection.execute(insert(vocabulary).values(kind=word.kind, category=word.category, name=word.name,
                                                         seq=seq))


def meta_value(connection: Connection, name: str) -> str | None:
    return connection.execute(select(meta.c.value).where(meta.c.name == name)).scalar_one_or_none()


def set_meta(connection: Connection, name: str, value: str) -> None:
    connection.execute(delete(meta).where(meta.c.name == name))
    connection.execute(insert(meta).values(name=name, value=value))


def risky(on: date):
    """At risk on `on`: the forecast passes the deadline, or the item is open and its forecast has passed."""
    return or_(items.c.at_risk, and_(items.c.done.is_(False), items.c.forecast < on))


def late(on: date):
    """Overdue on `on`: open, and the deadline has passed."""
    return and_(items.c.done.is_(False), items.c.deadline < on)


def select_items(connection: Connection, *, topic: str | None = None, parent: str | None = None,
                 state: str | None = None, kind: str | None = None, blocked: bool | None = None,
                 at_risk: bool | None = None, overdue: bool | None = None, on: date | None = None,
                 keys: Iterable[str] | None = None) -> list[Projected]:
    """`at_risk` and `overdue` as of `on` (today when not given: the caller's clock)."""
    query = select(items)
    if keys is not None:
        query = query.where(items.c.key.in_(list(keys)))
    if blocked is not None:
        query = query.where(items.c.blocked == blocked)
    if at_risk is not None:
        condition = risky(on) if on is not None else items.c.at_risk
        query = query.where(condition if at_risk else not_(condition))
    if overdue is not None and on is not None:
        query = query.where(late(on) if overdue else not_(late(on)))
    if topic is not None:
        query = query.where(items.c.topic_key == topic)
    if parent is not None:
        query = query.where(items.c.parent_key == parent)
    if state is not None:
        query = query.where(items.c.state == state)
    if kind is not None:
        query = query.where(items.c.kind == kind)
    return [_projected(row) for row in connection.execute(query.order_by(items.c.created_seq))]


def search_items(connection: Connection, *, keys: Iterable[str] | None, on: date, order: str, descending: bool,
                 offset: int, limit: int, topic: str | None = None, parent: str | None = None,
                 kind: str | None = None, state: str | None = None, unit: str | None = None,
                 owner: str | None = None, blocked: bool | None = None, at_risk: bool | None = None,
                 overdue: bool | None = None, illustratief: bool | None = None, deadline_from: date | None = None,
                 deadline_to: date | None = None) -> tuple[list[Projected], int]:
    """One page of the items that match, in `order` (a column; empty values last), and how many match in all."""
    conditions: list[ColumnElement[bool]] = []
    if keys is not None:
        conditions.append(items.c.key.in_(sorted(keys)))
    for column, value in (("topic_key", topic), ("parent_key", parent), ("kind", kind), ("state", state),
                          ("unit", unit), ("owner", owner), ("blocked", blocked), ("illustratief", illustratief)):
        if value is not None:
            conditions.append(items.c[column] == value)
    if at_risk is not None:
        conditions.append(risky(on) if at_risk else not_(risky(on)))
    if overdue is not None:
        conditions.append(late(on) if overdue else not_(late(on)))
    if deadline_from is not None:
        conditions.append(items.c.deadline >= deadline_from)
    if deadline_to is not None:
        conditions.append(items.c.deadline <= deadline_to)
    where = and_(*conditions) if conditions else None
    by = items.c[order]
    sort = by.desc() if descending else by.asc()
    query = select(items).order_by(by.is_(None), sort, items.c.created_seq).offset(offset).limit(limit)
    count = select(func.count()).select_from(items)
    if where is not None:
        query, count = query.where(where), count.where(where)
    rows = [_projected(row) for row in connection.execute(query)]
    return rows, connection.execute(count).scalar_one()


def distinct(connection: Connection, column: str) -> list[str]:
    query = select(items.c[column]).where(items.c[column].is_not(None)).distinct().order_by(items.c[column])
    return [value for (value,) in tuples(connection.execute(query))]


def all_rows(connection: Connection) -> list[Projected]:
    return [_projected(row) for row in connection.execute(select(items).order_by(items.c.key))]


def topic_counts(connection: Connection, on: date) -> dict[str, tuple[int, int, int, int]]:
    """Per topic: items under it, and how many of them are blocked, at risk and overdue on `on`."""
    query = select(items.c.topic_key, func.count(),
                   func.sum(case((items.c.blocked, 1), else_=0)),
                   func.sum(case((risky(on), 1), else_=0)),
                   func.sum(case((late(on), 1), else_=0))).group_by(items.c.topic_key)
    return {topic: (n - 1, int(b or 0), int(r or 0), int(o or 0))
            for topic, n, b, r, o in tuples(connection.execute(query))}


class StateRow(NamedTuple):
    key: str
    kind: str
    title: str
    parent_key: str | None
    topic_key: str
    illustratief: bool
    created_on: date
    created_seq: int
    state: str
    seq: int


def states_as_of(connection: Connection, kinds: Iterable[str], until: date,
                 parent: str | None = None) -> list[StateRow]:
    """Items of these kinds (or under this parent) that existed on `until`, with their state on that date.

    Tens of thousands of rows at a million events: tuples, with the few distinct kinds, parents, topics and
    states shared rather than repeated per row."""
    kinds = sorted(kinds)
    if not kinds and parent is None:
        return []
    qmark = connection.dialect.paramstyle == "qmark"
    mark = "?" if qmark else "%s"
    day = until.isoformat() if qmark else until
    which = f"i.kind IN ({', '.join([mark] * len(kinds))})" if kinds else f"i.parent_key = {mark}"
    columns = "i.key, i.kind, i.title, i.parent_key, i.topic_key, i.illustratief, i.created_on, i.created_seq"
    if qmark:
        # Reviewed (B608): only placeholders are formatted in; every value is bound.
        sql = (f"SELECT {columns}, s.state, s.seq FROM items i JOIN item_states s ON s.item_key = i.key "  # nosec B608
               f"WHERE {which} AND i.created_on <= {mark} AND s.seq = "
               f"(SELECT MAX(s2.seq) FROM item_states s2 WHERE s2.item_key = i.key AND s2.occurred_on <= {mark}) "
               "ORDER BY i.created_seq")
    else:
        # PostgreSQL: an item with no change of state after `until` stood then as it stands now (the common
        # case for a recent peildatum); only the others are looked up in their history, sorted once.
        # Reviewed (B608): only placeholders are formatted in; every value is bound.
        later = f"SELECT 1 FROM item_states l WHERE l.item_key = i.key AND l.occurred_on > {mark}"  # nosec B608
        sql = (f"SELECT {columns}, i.state, i.last_seq FROM items i WHERE {which} AND i.created_on <= {mark} "  # nosec B608
               f"AND NOT EXISTS ({later}) UNION ALL "
               f"SELECT * FROM (SELECT DISTINCT ON (s.item_key) {columns}, s.state, s.seq "
               f"FROM item_states s JOIN items i ON i.key = s.item_key WHERE {which} AND i.created_on <= {mark} "
               f"AND s.occurred_on <= {mark} AND EXISTS ({later}) ORDER BY s.item_key, s.seq DESC) changed "
               "ORDER BY created_seq")
    selection = kinds if kinds else [cast(str, parent)]  # no kinds: a parent (see above)
    params = selection + [day, day] if qmark else selection + [day, day] + selection + [day, day, day]
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql, params)
        shared: dict = {}
        share = shared.setdefault
        return [StateRow(key, share(kind, kind), title, parent_key and share(parent_key, parent_key),
                         share(topic, topic), bool(illustratief), _as_date(created_on), created_seq,
                         share(state, state), seq)
                for key, kind, title, parent_key, topic, illustratief, created_on, created_seq, state, seq
                in cursor.fetchall()]
    finally:
        cursor.close()


def topics_with_illustrative_items(connection: Connection) -> set[str]:
    query = select(items.c.topic_key).where(items.c.illustratief.is_(True)).distinct()
    return {topic for (topic,) in tuples(connection.execute(query))}


def state_history(connection: Connection, kind: str, until: date) -> list[tuple]:
    """(item, seq, occurred_on, state) of every item of `kind`: at creation and at each change, up to `until`."""
    query = (select(item_states.c.item_key, item_states.c.seq, item_states.c.occurred_on, item_states.c.state)
             .join(items, items.c.key == item_states.c.item_key)
             .where(items.c.kind == kind, item_states.c.occurred_on <= until))
    return [(k, s, _as_date(d), st) for k, s, d, st in connection.execute(query)]


def kinds_and_titles(connection: Connection, keys: Iterable[str]) -> dict[str, tuple[str, str]]:
    query = select(items.c.key, items.c.kind, items.c.title).where(items.c.key.in_(sorted(set(keys))))
    return {key: (kind, title) for key, kind, title in tuples(connection.execute(query))}
