"""Hand-written SQL on the driver's cursor, for the statements on the append path.

SQLAlchemy Core costs 50–100 µs per statement here, more than SQLite itself; an append runs
about ten of them inside the write lock. These statements are plain, portable SQL with
`:name` parameters, rewritten once per paramstyle (SQLite `?`, psycopg `%(name)s`) and run
on the DBAPI cursor of the connection's current transaction. Everything else keeps using Core.
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from itertools import islice
from typing import Any, cast

from sqlalchemy import Connection, Engine, Result

_NAME = re.compile(r"(?<!:):([a-z_][a-z0-9_]*)")


def register_sqlite_adapters() -> None:
    """Bind dates and times on SQLite as text exactly as SQLAlchemy's SQLite types store them, so either path
    reads the other's rows. The driver applies these in C, per value, only to values of these types: much
    cheaper than converting every row in Python (about a million rows on a rebuild)."""
    sqlite3.register_adapter(date, date.isoformat)
    sqlite3.register_adapter(datetime, _sqlite_datetime)


def _sqlite_datetime(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


class Sql:
    def __init__(self, text: str):
        self.text = text
        self.names = _NAME.findall(text)
        self._qmark = _NAME.sub("?", text)
        self._pyformat = _NAME.sub(lambda m: f"%({m.group(1)})s", text.replace("%", "%%"))

    def run(self, connection: Connection, params: Mapping[str, Any] | None = None):
        """Execute within the connection's transaction; returns the DBAPI cursor."""
        return self._execute(connection.connection.cursor(), connection.dialect.paramstyle, params)

    def _execute(self, cursor, paramstyle: str, params: Mapping[str, Any] | None):
        params = params or {}
        if paramstyle == "qmark":
            cursor.execute(self._qmark, [params[name] for name in self.names])
        else:
            cursor.execute(self._pyformat, dict(params))
        return cursor

    def one(self, connection: Connection, params: Mapping[str, Any] | None = None) -> dict | None:
        """The first row as a dict by column name, or None."""
        return _first(self.run(connection, params))

    def glance(self, engine: Engine, params: Mapping[str, Any] | None = None) -> dict | None:
        """Run this single statement outside any transaction and return its first row (dict), or None.

        One statement is a consistent read by itself. Without BEGIN and ROLLBACK it costs one round trip
        instead of three on PostgreSQL (about 0.35 ms each request on loopback): what the per-request
        reads (head of the log, the signed-in account) need."""
        raw = engine.raw_connection()
        driver = cast(Any, raw.driver_connection)  # the driver's own connection (psycopg or sqlite3)
        postgres = engine.dialect.paramstyle != "qmark"
        try:
            if postgres:
                driver.autocommit = True  # SQLite connections are in autocommit mode already (database.py)
            return _first(self._execute(raw.cursor(), engine.dialect.paramstyle, params))
        finally:
            if postgres:
                driver.autocommit = False
            raw.close()


def _first(cursor) -> dict | None:
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip((d[0] for d in cursor.description), row, strict=True))


def tuples(result: Result) -> Iterable[tuple[Any, ...]]:
    """The rows of `result`, typed as the plain tuples they unpack like (Result.tuples(), the typing-only way
    to say so, is deprecated since SQLAlchemy 2.1)."""
    return cast("Iterable[tuple[Any, ...]]", result)


def bulk_insert(connection: Connection, table: str, columns: list[str], rows, batch: int = 10_000) -> None:
    """Insert many rows (tuples in `columns` order): COPY on PostgreSQL, executemany in batches on SQLite."""
    qmark = connection.dialect.paramstyle == "qmark"
    if not qmark:  # PostgreSQL: COPY, an order of magnitude faster than row-by-row inserts
        with cast(Any, connection.connection.cursor()) as cursor:  # psycopg's cursor: has copy()
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    marks = ", ".join(["?"] * len(columns))
    # Reviewed (B608): only column names and placeholders are formatted in; every value is bound.
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # nosec B608
    rows = iter(rows)
    cursor = connection.connection.cursor()
    try:
        while chunk := list(islice(rows, batch)):
            cursor.executemany(sql, chunk)
    finally:
        cursor.close()
