"""Engine set-up and transactions.

SQLite is configured for durability and for writers that never overwrite each other:
WAL (readers do not block the writer), synchronous=FULL (an acknowledged commit survives
power loss, not only a crash of the process), foreign keys, a busy timeout, and
BEGIN IMMEDIATE for write transactions so that a read-then-write path holds the write
lock from its first read: two writers are serialised instead of racing.
"""
from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect

from .sql import register_sqlite_adapters

BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "tracker_write"
# PostgreSQL: every write transaction takes this transaction-scoped advisory lock before it reads the
# chain head, so writers append one after the other and the hash chain stays a single line.
CHAIN_LOCK = 7410001


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        register_sqlite_adapters()
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})
        _configure_sqlite(engine)
        return engine
    # No pre-ping: one round trip less per request.
    return create_engine(url, pool_size=5, max_overflow=10, pool_recycle=1800)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event below emit BEGIN itself (pysqlite's own
        # implicit BEGIN is deferred and cannot be made IMMEDIATE).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection):
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """One write transaction: committed when the block ends, rolled back on any exception."""
    with _writer_turn(engine), engine.connect() as connection:
        connection = connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CHAIN_LOCK})")
            yield connection


_thread_locks: dict[str, threading.Lock] = {}
_lock_files: dict = {}


@contextmanager
def _writer_turn(engine: Engine) -> Iterator[None]:
    """Queue writers to one SQLite file in the kernel (flock) instead of in SQLite's busy handler.

    SQLite makes a blocked BEGIN IMMEDIATE sleep and retry with growing back-off (1, 2, 5, 10 ms...),
    so two busy processes spend most of their time asleep. A lock file hands the turn over the moment
    the previous writer commits. BEGIN IMMEDIATE stays: it is what guarantees the serialisation;
    this only makes the wait short. Threads of one process first take a process-local lock, because
    flock is held per open file, not per thread."""
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:":
        yield
        return
    lock = _thread_locks.setdefault(path, threading.Lock())
    with lock:
        handle = _lock_files.get(path)
        if handle is None:
            handle = _lock_files[path] = open(path + ".lock", "a")  # kept open: one per database per process
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    """A read transaction: one consistent snapshot for all queries inside it."""
    with engine.connect() as connection:
        with connection.begin():
            yield connection


MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def _alembic_config(connection: Connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def create_schema(engine: Engine) -> None:
    """Bring the schema to the latest migration (what `tracker init-db` does)."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")


def schema_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def schema_exists(engine: Engine) -> bool:
    return inspect(engine).has_table("events")


def schema_current(engine: Engine) -> bool:
    """Has `init-db` brought the schema up to the tables the projections need (the newest ones)?"""
    return inspect(engine).has_table("meta")
