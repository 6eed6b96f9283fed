"""What the other app servers announce, heard by each worker process.

On PostgreSQL every append announces the new head of the log and every change to an account announces the
account (tracker.storage.announcements). Each worker process keeps one daemon thread with its own connection
that LISTENs for both: it remembers the latest head, wakes whoever waits for a newer one (`wait_for_head`), and
empties the worker's read cache when an account changed (pages show display names).

The announcements only make things faster, never right: every request still reads the head of the log, the
signed-in account and the API token from the database. A dropped listener connection therefore serves nothing
stale; waiters fall back to polling until the thread has reconnected.

SQLite serves from one machine: nothing is announced, nothing listens, and `wait_for_head` polls the head.
"""
from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from typing import TYPE_CHECKING

from tracker.storage import announcements, event_store

from .context import Tracker

if TYPE_CHECKING:
    from flask import Flask

POLL_SECONDS = 0.25  # SQLite, or PostgreSQL while the listener is (re)connecting
RECONNECT_SECONDS = 0.5
MAX_RECONNECT_SECONDS = 5.0

log = logging.getLogger(__name__)


class HeadListener:
    """One per worker process and database: the latest head heard, and a condition to wait on."""

    def __init__(self, url: str):
        self.url = url
        self.head = 0
        self.connected = False
        self.changed = threading.Condition()
        self._trackers: list[weakref.ref[Tracker]] = []
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None

    def serve(self, tracker: Tracker) -> None:
        """Also empty this tracker's read cache when an account changes."""
        with self.changed:
            if not any(ref() is tracker for ref in self._trackers):
                self._trackers = [ref for ref in self._trackers if ref() is not None] + [weakref.ref(tracker)]

    def heard_head(self, seq: int) -> None:
        with self.changed:
            self.head = max(self.head, seq)
            self.changed.notify_all()

    def heard_account(self, _name: str | None) -> None:
        with self.changed:
            trackers = [t for t in (ref() for ref in self._trackers) if t is not None]
        for tracker in trackers:
            tracker.read_cache.clear()

    def set_connected(self, connected: bool) -> None:
        with self.changed:
            self.connected = connected
            self.changed.notify_all()  # waiters switch between waiting and polling

    def wait(self, after_seq: int, seconds: float) -> None:
        """Until a head past `after_seq` is heard, the connection drops, or `seconds` pass."""
        with self.changed:
            self.changed.wait_for(lambda: self.head > after_seq or not self.connected, timeout=seconds)

    def run(self) -> None:
        pause, first = RECONNECT_SECONDS, True
        while not self.stopping.is_set():
            try:
                announcements.listen(self.url, self.heard_head, self.heard_account,
                                     lambda: self.set_connected(True), self.stopping)
            except Exception as dropped:  # noqa: BLE001 - whatever broke the connection: reconnect after a pause
                if self.connected or first:  # said once per outage, not at every attempt
                    log.warning("Luisterverbinding met de database verbroken (%s); opnieuw verbinden.", dropped)
                    pause = RECONNECT_SECONDS
            first = False
            self.set_connected(False)
            self.stopping.wait(pause)
            pause = min(pause * 2, MAX_RECONNECT_SECONDS)  # a database that stays away is not hammered


_listeners: dict[tuple[int, str], HeadListener] = {}
_start_lock = threading.Lock()


def _key(tracker: Tracker) -> tuple[int, str]:
    # The process id: a thread does not survive fork, so a forked worker starts its own.
    return os.getpid(), tracker.engine.url.render_as_string(hide_password=False)


def listening(tracker: Tracker) -> HeadListener:
    """This process's listener for the tracker's database, started on first use."""
    key = _key(tracker)
    listener = _listeners.get(key)
    if listener is None:
        with _start_lock:
            listener = _listeners.get(key)
            if listener is None:
                listener = HeadListener(key[1])
                listener.thread = threading.Thread(target=listener.run, daemon=True, name="tracker-listener")
                listener.thread.start()
                _listeners[key] = listener
    listener.serve(tracker)
    return listener


def heard(tracker: Tracker) -> HeadListener | None:
    """This process's listener for the tracker's database, if one was started."""
    return _listeners.get(_key(tracker))


def stop(tracker: Tracker) -> None:
    """Stop listening to the tracker's database in this process (within one heartbeat)."""
    with _start_lock:
        listener = _listeners.pop(_key(tracker), None)
    if listener is not None:
        listener.stopping.set()


def init_app(app: Flask) -> None:
    """Listen in every worker process that serves requests on PostgreSQL: started by its first request, so
    after a pre-forking server (gunicorn) has forked. Off under test unless LISTEN is set (TRACKER_LISTEN=true):
    a test process opens many databases and would keep a connection to each."""
    tracker: Tracker = app.extensions["tracker"]
    if tracker.engine.dialect.name != "postgresql" or not app.config.get("LISTEN", not app.config.get("TESTING")):
        return
    started: set[int] = set()

    @app.before_request
    def _listen() -> None:
        if os.getpid() not in started:
            listening(tracker)
            started.add(os.getpid())


def wait_for_head(tracker: Tracker, after_seq: int, timeout: float) -> int:
    """The head of the log as soon as it passes `after_seq`, or after `timeout` seconds the head as it is then
    (possibly still `after_seq`). The answer is always read from the database; the listener, where it runs,
    only says when to read it."""
    deadline = time.monotonic() + max(timeout, 0.0)
    head = event_store.head_now(tracker.engine)[0]
    listener = heard(tracker)
    while head <= after_seq:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        if listener is not None and listener.connected and listener.head <= after_seq:
            listener.wait(after_seq, left)
        else:  # no listener, or it heard a head the database does not show yet: poll
            time.sleep(min(POLL_SECONDS, left))
        head = event_store.head_now(tracker.engine)[0]
    return head
