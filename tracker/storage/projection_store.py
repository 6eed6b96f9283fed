"""The `items` projection: current state, hierarchy and parents' progress counters."""
from __future__ import annotations

import json
from datetime import date
from typing import Iterable

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from tracker.domain.items import Item
from tracker.domain.projection import Projected

from .schema import dependencies, items


# Statements built once and reused with parameters (cheap on the hot append path).
_GET = select(items).where(items.c.key == bindparam("k"))
_INSERT = insert(items)
_SAVE = update(items).where(items.c.key == bindparam("k"))
_GRAPH = update(items).where(items.c.key == bindparam("k")).values(
    blocked=bindparam("b"), forecast=bindparam("f"), at_risk=bindparam("r"))
_ADD_EDGE = insert(dependencies)
_REMOVE_EDGE = delete(dependencies).where(dependencies.c.dependent == bindparam("a"),
                                          dependencies.c.prerequisite == bindparam("b"))
_PROGRESS = update(items).where(items.c.key == bindparam("k")).values(
    progress_done=bindparam("d"), progress_total=bindparam("t"))


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _projected(row) -> Projected:
    m = row._mapping
    item = Item(
        key=m["key"], kind=m["kind"], title=m["title"], parent=m["parent_key"], state=m["state"],
        version=m["version"], attributes=json.loads(m["attributes"]), illustratief=bool(m["illustratief"]),
        cycle=m["cycle"], created_on=_as_date(m["created_on"]), updated_on=_as_date(m["updated_on"]),
    )
    progress = None if m["progress_total"] is None else (m["progress_done"], m["progress_total"])
    return Projected(item, m["topic_key"], bool(m["done"]), progress, m["created_seq"], m["last_seq"],
                     bool(m["blocked"]), _as_date(m["forecast"]) if m["forecast"] else None, bool(m["at_risk"]))


def _values(p: Projected) -> dict:
    item = p.item
    return {
        "key": item.key, "kind": item.kind, "title": item.title, "parent_key": item.parent,
        "topic_key": p.topic, "state": item.state, "version": item.version,
        "attributes": json.dumps(item.attributes, sort_keys=True, ensure_ascii=False),
        "illustratief": item.illustratief, "done": p.done, "cycle": item.cycle,
        "progress_done": p.progress[0] if p.progress else None,
        "progress_total": p.progress[1] if p.progress else None,
        "created_on": item.created_on, "updated_on": item.updated_on,
        "created_seq": p.created_seq, "last_seq": p.last_seq,
        "blocked": p.blocked, "forecast": p.forecast, "at_risk": p.at_risk,
    }


def get(connection: Connection, key: str) -> Projected | None:
    row = connection.execute(_GET, {"k": key}).first()
    return _projected(row) if row else None


def insert_one(connection: Connection, projected: Projected) -> None:
    connection.execute(_INSERT, _values(projected))


def save(connection: Connection, projected: Projected) -> None:
    values = _values(projected)
    values["k"] = values.pop("key")
    connection.execute(_SAVE, values)


def set_progress(connection: Connection, key: str, done: int, total: int) -> None:
    connection.execute(_PROGRESS, {"k": key, "d": done, "t": total})


def set_graph_fields(connection: Connection, key: str, blocked: bool, forecast: date | None, at_risk: bool) -> None:
    connection.execute(_GRAPH, {"k": key, "b": blocked, "f": forecast, "r": at_risk})


def add_edge(connection: Connection, dependent: str, prerequisite: str) -> None:
    connection.execute(_ADD_EDGE, {"dependent": dependent, "prerequisite": prerequisite})


def remove_edge(connection: Connection, dependent: str, prerequisite: str) -> None:
    connection.execute(_REMOVE_EDGE, {"a": dependent, "b": prerequisite})


def all_edges(connection: Connection) -> set[tuple[str, str]]:
    return {(a, b) for a, b in connection.execute(select(dependencies.c.dependent, dependencies.c.prerequisite))}


def replace_all(connection: Connection, rows: Iterable[Projected], edges: Iterable[tuple[str, str]] = ()) -> None:
    connection.execute(delete(items))
    connection.execute(delete(dependencies))
    batch = [_values(p) for p in rows]
    for start in range(0, len(batch), 5000):
        connection.execute(insert(items), batch[start:start + 5000])
    pairs = [{"dependent": a, "prerequisite": b} for a, b in edges]
    for start in range(0, len(pairs), 5000):
        connection.execute(insert(dependencies), pairs[start:start + 5000])


def select_items(connection: Connection, *, topic: str | None = None, parent: str | None = None,
                 state: str | None = None, kind: str | None = None, blocked: bool | None = None,
                 at_risk: bool | None = None, keys: Iterable[str] | None = None) -> list[Projected]:
    query = select(items)
    if keys is not None:
        query = query.where(items.c.key.in_(list(keys)))
    if blocked is not None:
        query = query.where(items.c.blocked == blocked)
    if at_risk is not None:
        query = query.where(items.c.at_risk == at_risk)
    if topic is not None:
        query = query.where(items.c.topic_key == topic)
    if parent is not None:
        query = query.where(items.c.parent_key == parent)
    if state is not None:
        query = query.where(items.c.state == state)
    if kind is not None:
        query = query.where(items.c.kind == kind)
    return [_projected(row) for row in connection.execute(query.order_by(items.c.created_seq))]


def all_rows(connection: Connection) -> list[Projected]:
    return [_projected(row) for row in connection.execute(select(items).order_by(items.c.key))]
