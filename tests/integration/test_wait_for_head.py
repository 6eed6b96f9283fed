"""Waiting for a newer head of the log (what the live stream does between two pages), on either database.

Under test nothing listens unless asked: a test process opens many databases, and SQLite never listens. Then
`wait_for_head` polls the head; with a listener (PostgreSQL, tests/reliability/test_announcements.py) it is woken.
"""
import threading
import time

from tracker.domain.events import NewEvent
from tracker.services import listener, queries, recording


def remark(tracker, text="tussendoor"):
    return recording.record(tracker, NewEvent("munitiebeheer-a10", "opmerking", {"toelichting": text})).event.seq


def test_it_returns_as_soon_as_another_writer_moves_the_head(seeded):
    head = queries.head_seq(seeded)
    seen = {}

    def waiter():
        seen["head"] = listener.wait_for_head(seeded, head, timeout=20)
        seen["at"] = time.monotonic()

    thread = threading.Thread(target=waiter)
    thread.start()
    time.sleep(0.3)
    written = remark(seeded)
    wrote_at = time.monotonic()
    thread.join(timeout=30)
    assert seen["head"] == written == head + 1
    assert seen["at"] - wrote_at < 5  # woken by the write (a poll), long before the timeout of 20 s


def test_a_head_already_past_returns_at_once(seeded):
    head = queries.head_seq(seeded)
    started = time.monotonic()
    assert listener.wait_for_head(seeded, head - 5, timeout=20) == head
    assert time.monotonic() - started < 5


def test_without_a_new_event_it_returns_the_same_head_after_the_timeout(seeded):
    head = queries.head_seq(seeded)
    started = time.monotonic()
    assert listener.wait_for_head(seeded, head, timeout=0.6) == head
    assert time.monotonic() - started >= 0.6


def test_under_test_no_listener_starts_by_itself(seeded_app):
    tracker = seeded_app.extensions["tracker"]
    assert seeded_app.test_client().get("/healthz").status_code == 200
    assert listener.heard(tracker) is None  # SQLite never listens; PostgreSQL only with LISTEN set
