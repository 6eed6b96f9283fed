"""Helpers shared by the benchmarks: a scratch tracker, results as ratios against a limit measured in the same run."""
from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from datetime import date
from pathlib import Path

from tracker import create_app
from tracker.domain.events import NewEvent
from tracker.services.recording import record_many
from tracker.storage.database import create_schema

RESULTS = Path(__file__).parent / "results.json"
_CLEANUPS: list = []  # scratch databases and directories, removed when the run ends (they reach gigabytes)


@atexit.register
def _clean_up() -> None:
    while _CLEANUPS:
        _CLEANUPS.pop()()


def clean_up_later(action) -> None:
    _CLEANUPS.append(action)


def scratch_dir(prefix: str) -> str:
    directory = tempfile.mkdtemp(prefix=prefix)
    clean_up_later(lambda: shutil.rmtree(directory, ignore_errors=True))
    return directory


def scratch_tracker(directory: str | None = None, url: str | None = None):
    """A tracker on a new, empty SQLite database (same engine settings as production)."""
    directory = directory or scratch_dir("tracker-bench-")
    url = url or f"sqlite:///{Path(directory) / 'bench.db'}"
    tracker = create_app({"DATABASE_URL": url}).extensions["tracker"]
    create_schema(tracker.engine)
    return tracker


def result(name: str, value: float, unit: str, limit: float | None, target: float, *, lower_is_better=False) -> dict:
    """`ratio` is value/limit (or limit/value when lower is better); `ok` when it meets `target`."""
    if limit:
        ratio = (limit / value) if lower_is_better else (value / limit)
    else:  # the entry is itself a measured limit
        ratio = 1.0
    return {"name": name, "value": round(value, 3), "unit": unit, "limit": round(limit, 3) if limit else limit,
            "ratio": round(ratio, 3), "target": target, "ok": ratio >= target}


def tree(topic_key: str, onvolkomenheden: int, per_onv: int, on: date = date(2024, 1, 2)) -> list[NewEvent]:
    """Creation events of a topic with onvolkomenheden and their recommendations."""
    commands = [NewEvent(topic_key, "aangemaakt", {"kind": "thema", "title": "Bench"}, "bench", on)]
    for o in range(onvolkomenheden):
        okey = f"{topic_key}-o{o}"
        commands.append(NewEvent(okey, "aangemaakt", {"kind": "onvolkomenheid", "title": f"O{o}",
                                                      "parent": topic_key}, "bench", on))
        for a in range(per_onv):
            commands.append(NewEvent(f"{okey}-a{a}", "aangemaakt", {"kind": "aanbeveling", "title": f"A{a}",
                                                                  "parent": okey}, "bench", on))
    return commands


def status_event(key: str, n: int, on: date = date(2024, 1, 2)) -> NewEvent:
    """The n-th status change of a recommendation: followed, sent back, followed, ..."""
    if n % 2 == 0:
        return NewEvent(key, "opgevolgd", {"toelichting": f"opgevolgd {n}"}, "bench", on)
    return NewEvent(key, "teruggestuurd", {"toelichting": f"teruggestuurd {n}"}, "bench", on)


def load(tracker, commands, batch: int = 5000) -> None:
    for start in range(0, len(commands), batch):
        record_many(tracker, commands[start:start + batch])


def print_results(results: list[dict]) -> None:
    for r in results:
        print(json.dumps(r, ensure_ascii=False))
