"""Two processes writing one item: optimistic versions and BEGIN IMMEDIATE lose no update."""
import json
import multiprocessing
import shutil
from datetime import date

import pytest

from tracker import PROJECT_ROOT, create_app
from tracker.domain.events import NewEvent
from tracker.services import integrity, queries
from tracker.services.recording import record

from .workers import COUNTER_WORKFLOW, append_own_items, increment, race_once

SPAWN = multiprocessing.get_context("spawn")


@pytest.fixture
def counter_db(tmp_path, databases):
    workflows = tmp_path / "workflows"
    shutil.copytree(PROJECT_ROOT / "workflows", workflows)
    (workflows / "teller.toml").write_text(COUNTER_WORKFLOW)
    url = databases.empty()
    tracker = create_app({"DATABASE_URL": url, "WORKFLOWS_DIR": str(workflows)}).extensions["tracker"]
    record(tracker, NewEvent("teller", "aangemaakt", {"kind": "teller", "title": "Teller", "waarde": 0}, "test",
                             date(2026, 1, 1)))
    return url, str(workflows), tracker


def run(target, *args):
    processes = [SPAWN.Process(target=target, args=args) for _ in range(2)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=300)
        assert p.exitcode == 0


def test_same_expected_version_exactly_one_wins(counter_db):
    url, workflows, tracker = counter_db
    results = SPAWN.Queue()
    run(race_once, url, workflows, SPAWN.Barrier(2), results)
    outcomes = sorted(results.get(timeout=10) for _ in range(2))
    assert outcomes == ["conflict", "ok"]
    item = queries.get_item(tracker, "teller").item
    assert (item.version, item.attributes["waarde"]) == (2, 1)


def test_two_processes_times_a_thousand_read_then_write_lose_nothing(counter_db):
    url, workflows, tracker = counter_db
    results = SPAWN.Queue()
    run(increment, url, workflows, 1000, results)
    conflicts = [results.get(timeout=10) for _ in range(2)]
    item = queries.get_item(tracker, "teller").item
    assert item.attributes["waarde"] == 2000
    assert item.version == 2001
    values = [e.data["waarde"] for e in queries.history(tracker, "teller")[1:]]
    assert values == list(range(1, 2001))  # every increment exactly once, in order
    assert integrity.verify(tracker).ok
    print(json.dumps({"conflicts_retried": conflicts}))


def test_two_processes_appending_to_different_items_keep_one_chain(counter_db):
    """The hash chain must stay a single line when two writers append at once (PostgreSQL: advisory lock)."""
    url, workflows, tracker = counter_db
    results = SPAWN.Queue()
    processes = [SPAWN.Process(target=append_own_items, args=(url, workflows, name, 300, results))
                 for name in ("links", "rechts")]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=300)
        assert p.exitcode == 0
    assert sorted(results.get(timeout=10) for _ in processes) == [300, 300]
    verification = integrity.verify(tracker)
    assert verification.ok, verification.problems
    assert verification.events == 1 + 2 * (1 + 300)
