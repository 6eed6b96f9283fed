"""Append rate of the `eventsourcing` library's recorders (run in its own venv: .venv-bench).

Prints one JSON object. One event per transaction, like the tracker's append benchmark; the SQLite
database is set to WAL with synchronous=FULL, the tracker's durability setting.
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
import uuid

from eventsourcing.persistence import StoredEvent

STATE = json.dumps({"toelichting": "opgevolgd met onderbouwing in het dossier"}).encode()


def rate(recorder, n: int) -> float:
    ids = [uuid.uuid4() for _ in range(100)]
    versions = dict.fromkeys(ids, 0)
    started = time.perf_counter()
    for i in range(n):
        originator = ids[i % len(ids)]
        versions[originator] += 1
        recorder.insert_events([StoredEvent(originator, versions[originator], "tracker.Opgevolgd", STATE)])
    return n / (time.perf_counter() - started)


def sqlite(n: int) -> dict:
    from eventsourcing import sqlite as es_sqlite

    create = es_sqlite.SQLiteConnectionPool._create_connection

    def with_full_sync(pool):
        # The pragma is per connection: set it on each connection the library's pool makes.
        connection = create(pool)
        connection._sqlite_conn.execute("PRAGMA synchronous=FULL")
        return connection

    es_sqlite.SQLiteConnectionPool._create_connection = with_full_sync
    with tempfile.TemporaryDirectory(prefix="es-bench-") as directory:
        datastore = es_sqlite.SQLiteDatastore(directory + "/es.db")
        recorder = es_sqlite.SQLiteApplicationRecorder(datastore)
        recorder.create_table()
        value = rate(recorder, n)
        with datastore.transaction(commit=False) as cursor:
            cursor.execute("PRAGMA synchronous")
            synchronous = cursor.fetchone()[0]
            cursor.execute("PRAGMA journal_mode")
            mode = cursor.fetchone()[0]
    return {"backend": "sqlite", "rate": value, "journal_mode": mode, "synchronous": synchronous}


def postgres(n: int, host: str, port: int, user: str, dbname: str) -> dict:
    from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore

    datastore = PostgresDatastore(dbname=dbname, host=host, port=port, user=user, password="")
    recorder = PostgresApplicationRecorder(datastore)
    recorder.create_table()
    return {"backend": "postgresql", "rate": rate(recorder, n)}


if __name__ == "__main__":
    n = int(sys.argv[2])
    if sys.argv[1] == "sqlite":
        print(json.dumps(sqlite(n)))
    else:
        host, port, user, dbname = sys.argv[3:7]
        print(json.dumps(postgres(n, host, int(port), user, dbname)))
