"""What every use case needs: the database, the workflow definitions and a clock."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Engine

from tracker.domain.workflow import Registry
from tracker.storage import database

from .graphs import GraphCache

BACKDATING_DAYS = {"eigenaar": 31, "cio": 31, "auditor": 366, "beheerder": 31}


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class Tracker:
    engine: Engine
    registry: Registry
    today: Callable[[], date] = field(default=date.today)
    now: Callable[[], datetime] = field(default=_utc_now)
    graphs: GraphCache = field(init=False)
    read_cache: dict = field(init=False, default_factory=dict)  # name -> (head seq, value)
    words: set = field(init=False, default_factory=set)  # names the log is known to use (vocabulary)
    # How many days back each role may date an event (a beheerder further, with a reason).
    windows: dict = field(default_factory=lambda: dict(BACKDATING_DAYS))

    def __post_init__(self):
        self.graphs = GraphCache(self.registry)

    def write(self):
        return database.write(self.engine)

    def read(self):
        return database.read(self.engine)


def current_tracker() -> Tracker:
    """The tracker of the application handling the current request or command (set up by the app factory)."""
    from flask import current_app

    return current_app.extensions["tracker"]
