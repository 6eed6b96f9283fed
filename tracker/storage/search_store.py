"""The full-text index of titles, reasons and plans: one row per event that carries text, maintained in the
append's transaction and rebuilt with the other projections. SQLite searches with FTS5, PostgreSQL with a
tsvector in the Dutch configuration (so "toelichtingen" finds "toelichting")."""
from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Connection

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 10


def _sqlite(connection: Connection) -> bool:
    return connection.dialect.name == "sqlite"


def add(connection: Connection, rows: Iterable[tuple[int, str, str]]) -> None:
    """Index (seq, item key, text) rows."""
    rows = list(rows)
    if not rows:
        return
    cursor = connection.connection.cursor()
    try:
        if _sqlite(connection):
            cursor.executemany("INSERT INTO search (rowid, item_key, body) VALUES (?, ?, ?)", rows)
        else:
            cursor.executemany("INSERT INTO search (seq, item_key, body) VALUES (%s, %s, to_tsvector('dutch', %s))",
                               rows)
    finally:
        cursor.close()


def clear(connection: Connection) -> None:
    connection.exec_driver_sql("DELETE FROM search")


def terms(query: str) -> list[str]:
    """The words of a query, at most MAX_TERMS: anything else a user types is not syntax."""
    return WORD.findall(query or "")[:MAX_TERMS]


def matching(connection: Connection, query: str) -> set[str]:
    """Keys of items whose title, reasons or plans contain every word of the query (as a prefix)."""
    words = terms(query)
    if not words:
        return set()
    cursor = connection.connection.cursor()
    try:
        if _sqlite(connection):
            expression = " ".join('"' + w.replace('"', "") + '"*' for w in words)
            cursor.execute("SELECT DISTINCT item_key FROM search WHERE search MATCH ?", (expression,))
        else:
            expression = " & ".join(f"{w}:*" for w in words)
            cursor.execute("SELECT DISTINCT item_key FROM search WHERE body @@ to_tsquery('dutch', %s)",
                           (expression,))
        return {key for (key,) in cursor.fetchall()}
    finally:
        cursor.close()
