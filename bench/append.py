"""Append rate through the service layer against raw SQLAlchemy Core single-row commits.

Both run in the same process, on the same kind of database file with the same engine
settings (WAL, synchronous=FULL, busy timeout): the raw insert is the physical limit of
one durable commit; the service adds validation, hashing and projection updates.
"""
from __future__ import annotations

import argparse
import time
from datetime import date, datetime

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, insert

from bench.common import load, print_results, result, scratch_tracker, status_event, tree
from tracker.domain.events import NewEvent
from tracker.services.recording import record

TARGET = 0.25


def service_rate(n: int) -> float:
    tracker = scratch_tracker()
    keys = [f"b-o{o}-a{a}" for o in range(10) for a in range(10)]
    load(tracker, tree("b", 10, 10))
    started = time.perf_counter()
    for i in range(n):
        key = keys[i % len(keys)]
        record(tracker, status_event(key, i // len(keys)))
    return n / (time.perf_counter() - started)


def raw_rate(n: int) -> float:
    tracker = scratch_tracker()
    engine = tracker.engine
    table = Table("raw_events", MetaData(), Column("seq", Integer, primary_key=True), Column("item_key", String(100)),
                  Column("version", Integer), Column("type", String(60)), Column("data", Text),
                  Column("actor", String(100)), Column("recorded_at", DateTime), Column("hash", String(64)))
    table.create(engine)
    started = time.perf_counter()
    for i in range(n):
        with engine.begin() as connection:
            connection.execute(insert(table).values(item_key="b-o1-a1", version=i, type="opgevolgd",
                                                    data='{"toelichting":"x"}', actor="bench",
                                                    recorded_at=datetime(2026, 1, 1), hash="0" * 64))
    return n / (time.perf_counter() - started)


def run(quick: bool = False) -> list[dict]:
    n = 500 if quick else 3000
    raw = raw_rate(n)
    service = service_rate(n)
    return [
        result("append.raw_core_commits", raw, "events/s", None, 0),
        result("append.service", service, "events/s", raw, TARGET),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    print_results(run(parser.parse_args().quick))
