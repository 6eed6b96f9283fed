"""Append rate through the service layer against two limits measured in the same run and settings.

1. Raw SQLAlchemy Core single-row INSERT + COMMIT on the same engine (WAL and synchronous=FULL on SQLite;
   fsync and synchronous_commit on PostgreSQL): the physical limit of one durable commit. Target ≥ 0.25.
2. The `eventsourcing` library's application recorder, one event per transaction, with the same
   durability (its SQLite connections set to synchronous=FULL). Target ≥ 1.0. The library is installed
   only for the benchmark, in .venv-bench (see the Makefile).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, insert

from bench.common import load, print_results, result, scratch_tracker, status_event, tree
from bench.scale import fresh_database
from tracker import PROJECT_ROOT
from tracker.services.recording import record

TARGET = 0.25
ES_PYTHON = PROJECT_ROOT / ".venv-bench" / "bin" / "python"


def service_rate(url: str, n: int) -> float:
    tracker = scratch_tracker(url=url)
    keys = [f"b-o{o}-a{a}" for o in range(10) for a in range(10)]
    load(tracker, tree("b", 10, 10))
    started = time.perf_counter()
    for i in range(n):
        record(tracker, status_event(keys[i % len(keys)], i // len(keys)))
    rate = n / (time.perf_counter() - started)
    tracker.engine.dispose()
    return rate


def raw_rate(url: str, n: int) -> float:
    tracker = scratch_tracker(url=url)
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
    rate = n / (time.perf_counter() - started)
    engine.dispose()
    return rate


def eventsourcing_rate(backend: str, n: int) -> float | None:
    if not ES_PYTHON.exists():
        return None
    args = [str(ES_PYTHON), str(Path(__file__).with_name("eventsourcing_rate.py")), backend, str(n)]
    if backend == "postgresql":
        from sqlalchemy.engine import make_url

        url = make_url(fresh_database("postgresql"))
        args += [url.host, str(url.port), url.username, url.database]
    return json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)["rate"]


def run(quick: bool = False, backends=("sqlite", "postgresql")) -> list[dict]:
    n = 500 if quick else 3000
    out = []
    for backend in backends:
        raw = raw_rate(fresh_database(backend), n)
        service = service_rate(fresh_database(backend), n)
        out += [result(f"append.{backend}.raw_core_commits", raw, "events/s", None, 0),
                result(f"append.{backend}.service", service, "events/s", raw, TARGET)]
        library = eventsourcing_rate(backend, n)
        if library is not None:
            out += [result(f"append.{backend}.eventsourcing_recorder", library, "events/s", None, 0),
                    result(f"append.{backend}.service_vs_eventsourcing", service, "events/s", library, 1.0)]
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--backend", action="append")
    args = parser.parse_args()
    print_results(run(args.quick, tuple(args.backend or ("sqlite", "postgresql"))))
