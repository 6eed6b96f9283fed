"""Hand-written SQL on the driver's cursor, for the statements on the append path.

SQLAlchemy Core costs 50–100 µs per statement here, more than SQLite itself; an append runs
about ten of them inside the write lock. These statements are plain, portable SQL with
`:name` parameters, rewritten once per paramstyle (SQLite `?`, psycopg `%(name)s`) and run
on the DBAPI cursor of the connection's current transaction. Everything else keeps using Core.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Mapping

from sqlalchemy import Connection

_NAME = re.compile(r"(?<!:):([a-z_][a-z0-9_]*)")


def _sqlite_value(value: Any) -> Any:
    # Stored exactly as SQLAlchemy's SQLite types store them, so either path reads the other's rows.
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


class Sql:
    def __init__(self, text: str):
        self.text = text
        self.names = _NAME.findall(text)
        self._qmark = _NAME.sub("?", text)
        self._pyformat = _NAME.sub(lambda m: f"%({m.group(1)})s", text.replace("%", "%%"))

    def run(self, connection: Connection, params: Mapping[str, Any] | None = None):
        """Execute within the connection's transaction; returns the DBAPI cursor."""
        cursor = connection.connection.cursor()
        params = params or {}
        if connection.dialect.paramstyle == "qmark":
            cursor.execute(self._qmark, [_sqlite_value(params[name]) for name in self.names])
        else:
            cursor.execute(self._pyformat, dict(params))
        return cursor

    def one(self, connection: Connection, params: Mapping[str, Any] | None = None) -> dict | None:
        """The first row as a dict by column name, or None."""
        cursor = self.run(connection, params)
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip((d[0] for d in cursor.description), row))

    def all(self, connection: Connection, params: Mapping[str, Any] | None = None) -> list[dict]:
        cursor = self.run(connection, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
