"""Announcements between app servers on one PostgreSQL database: LISTEN/NOTIFY.

Two channels. `tracker_head` carries the new head of the log, sent inside the append's transaction, so it is
delivered when (and only when) the events are committed. `tracker_accounts` carries the name of an account
whose sign-in, sessions, tokens, role, scope or display name changed, sent after that change is committed.
SQLite serves from one machine and announces nothing.
"""
from __future__ import annotations

import threading
from collections.abc import Callable

import psycopg
from sqlalchemy import Connection, Engine
from sqlalchemy.engine import make_url

from .sql import Sql

HEAD_CHANNEL = "tracker_head"
ACCOUNTS_CHANNEL = "tracker_accounts"
HEARTBEAT_SECONDS = 5.0  # a silent connection is checked (and the head re-read) this often
CONNECT_SECONDS = 5

_NOTIFY = Sql("SELECT pg_notify(:channel, :payload)")
_HEAD = "SELECT coalesce(max(seq), 0) FROM events"


def _postgres(dialect_name: str) -> bool:
    return dialect_name == "postgresql"


def head_moved(connection: Connection, seq: int) -> None:
    """Within the append's transaction: delivered on commit, never for a write that was rolled back."""
    if _postgres(connection.dialect.name):
        _NOTIFY.run(connection, {"channel": HEAD_CHANNEL, "payload": str(seq)})


def account_changed(engine: Engine, name: str) -> None:
    """After the change to the account is committed, so whoever hears it reads the new state."""
    if _postgres(engine.dialect.name):
        _NOTIFY.glance(engine, {"channel": ACCOUNTS_CHANNEL, "payload": name[:200]})


def conninfo(url: str) -> str:
    """The libpq address of a SQLAlchemy URL (`postgresql+psycopg://...` -> `postgresql://...`)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def listen(url: str, on_head: Callable[[int], None], on_accounts: Callable[[str | None], None],
           on_connected: Callable[[], None], stop: threading.Event) -> None:
    """LISTEN on both channels until `stop` is set or the connection fails (then the exception propagates: the
    caller reconnects). After connecting, and at every heartbeat, the head is read: what was announced while no
    one listened is not lost, and a dead connection is noticed. `on_accounts(None)`: changes may have been
    missed."""
    # TCP keepalives: a peer that vanished without closing (a failed-over host) is noticed within ~20 s.
    with psycopg.connect(conninfo(url), autocommit=True, connect_timeout=CONNECT_SECONDS, keepalives=1,
                         keepalives_idle=10, keepalives_interval=5, keepalives_count=2,
                         application_name="tracker-listener") as connection:
        connection.execute(f"LISTEN {HEAD_CHANNEL}")
        connection.execute(f"LISTEN {ACCOUNTS_CHANNEL}")
        on_accounts(None)  # whatever changed while this worker was not listening
        on_head(_read_head(connection))
        on_connected()
        while not stop.is_set():
            for notice in connection.notifies(timeout=HEARTBEAT_SECONDS):
                if notice.channel == HEAD_CHANNEL and notice.payload.isdigit():
                    on_head(int(notice.payload))
                elif notice.channel == ACCOUNTS_CHANNEL:
                    on_accounts(notice.payload or None)
            on_head(_read_head(connection))


def _read_head(connection: psycopg.Connection) -> int:
    row = connection.execute(_HEAD).fetchone()
    return int(row[0]) if row else 0
