"""What every use case needs: the database, the workflow definitions and a clock."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Any, TypeVar

from cachetools import LRUCache
from sqlalchemy import Engine

from tracker.domain.workflow import Registry
from tracker.storage import database, event_store

from .dutch import ZONE
from .graphs import GraphCache

T = TypeVar("T")
BACKDATING_DAYS = {"eigenaar": 31, "cio": 31, "auditor": 366, "rekenkamer": 366, "beheerder": 31}
READ_CACHE_SIZE = 64


class ReadCache(LRUCache):
    """Read models and rendered pages keyed on what they answer (a name, or a page and its peildatum), each
    stored with the head of the log it was computed at. Bounded: past READ_CACHE_SIZE entries the least recently
    used one goes, so a worker's memory stays flat however many distinct peildata are asked. One lock, because
    threaded servers share it and an LRU reorders itself on every read."""

    def __init__(self, maxsize: int = READ_CACHE_SIZE):
        super().__init__(maxsize)
        self._lock = threading.RLock()

    def __getitem__(self, key):
        with self._lock:
            return super().__getitem__(key)

    def __setitem__(self, key, value) -> None:
        with self._lock:
            super().__setitem__(key, value)

    def __delitem__(self, key) -> None:
        with self._lock:
            super().__delitem__(key)

    def get(self, key, default=None):
        with self._lock:
            return super().get(key, default)

    def clear(self) -> None:  # also from another thread (the listener), while a request reads
        with self._lock:
            super().clear()


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def clock_on(today: Callable[[], date], hour: int = 10) -> Callable[[], datetime]:
    """A clock that runs on a pinned day (what tests pin): from `hour` UTC on `today()`, moving with real time, so
    that what is recorded "today" is known on that day and later records stay later."""
    start = time.monotonic()
    return lambda: datetime.combine(today(), dtime(hour)) + timedelta(seconds=time.monotonic() - start)


def _dutch_today() -> date:
    """Today as the Ministry counts it: the date in the Netherlands, whatever the server's own zone (between
    midnight and 01:00 or 02:00 Dutch time, UTC still says yesterday)."""
    return datetime.now(ZONE).date()


@dataclass
class Tracker:
    engine: Engine
    registry: Registry
    today: Callable[[], date] = field(default=_dutch_today)
    now: Callable[[], datetime] = field(default=_utc_now)
    graphs: GraphCache = field(init=False)
    read_cache: ReadCache = field(init=False, default_factory=ReadCache)  # name -> (head seq, value)
    words: set = field(init=False, default_factory=set)  # names the log is known to use (vocabulary)
    # How many days back each role may date an event (a beheerder further, with a reason).
    windows: dict = field(default_factory=lambda: dict(BACKDATING_DAYS))

    def __post_init__(self):
        self.graphs = GraphCache(self.registry)

    def write(self):
        return database.write(self.engine)

    def read(self):
        return database.read(self.engine)

    def remembered(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What `compute()` answers for this state of the log, computed once: a read that depends only on the
        events (such as anything as of a peildatum) is kept under `key` with the head it was computed at."""
        head = event_store.head_now(self.engine)[0]
        kept: Any = self.read_cache.get(key)
        if kept is not None and kept[0] == head:
            return kept[1]
        value = compute()
        self.read_cache[key] = (head, value)
        return value


def current_tracker() -> Tracker:
    """The tracker of the application handling the current request or command (set up by the app factory)."""
    from flask import current_app

    return current_app.extensions["tracker"]
