"""Code run in separate processes by the concurrency tests (spawned, so importable by name)."""
from __future__ import annotations

from datetime import date

from tracker import create_app
from tracker.domain.errors import VersionConflict
from tracker.domain.events import NewEvent
from tracker.services import queries
from tracker.services.recording import record

COUNTER_WORKFLOW = """
kind = "teller"
label = "Teller"
plural = "tellers"
initial_state = "actief"
[states]
actief = "actief"
[fields.waarde]
type = "integer"
label = "Waarde"
[[transitions]]
event = "opgehoogd"
label = "Ophogen"
from = ["actief"]
roles = ["beheerder"]
required = ["waarde"]
"""


def _tracker(db_url: str, workflows: str):
    return create_app({"DATABASE_URL": db_url, "WORKFLOWS_DIR": workflows}).extensions["tracker"]


def increment(db_url: str, workflows: str, iterations: int, results) -> None:
    """Read the counter, write counter + 1 with the version read; on a conflict read again."""
    tracker = _tracker(db_url, workflows)
    conflicts = 0
    done = 0
    while done < iterations:
        item = queries.get_item(tracker, "teller").item
        try:
            record(tracker, NewEvent("teller", "opgehoogd", {"waarde": item.attributes["waarde"] + 1}, "proces",
                                     date(2026, 1, 1), expected_version=item.version))
            done += 1
        except VersionConflict:
            conflicts += 1
    results.put(conflicts)


def race_once(db_url: str, workflows: str, barrier, results) -> None:
    """Both processes read the same version, wait for each other, then both try to write."""
    tracker = _tracker(db_url, workflows)
    item = queries.get_item(tracker, "teller").item
    barrier.wait()
    try:
        record(tracker, NewEvent("teller", "opgehoogd", {"waarde": item.attributes["waarde"] + 1}, "proces",
                                 date(2026, 1, 1), expected_version=item.version))
        results.put("ok")
    except VersionConflict:
        results.put("conflict")


def append_own_items(db_url: str, workflows: str, name: str, count: int, results) -> None:
    """Create an own counter and raise it `count` times, as fast as possible."""
    tracker = _tracker(db_url, workflows)
    record(tracker, NewEvent(f"teller-{name}", "aangemaakt", {"kind": "teller", "title": name, "waarde": 0},
                             "proces", date(2026, 1, 1)))
    for i in range(count):
        record(tracker, NewEvent(f"teller-{name}", "opgehoogd", {"waarde": i + 1}, "proces", date(2026, 1, 1)))
    results.put(count)
