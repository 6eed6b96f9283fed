"""Webhook delivery as it runs in production: `tracker webhooks-bezorgen` as a process of its own, a receiver on a
localhost port, 1,000 events recorded while it delivers. Halfway the receiver goes away for 30 seconds and comes
back on the same port: it still gets every event, in the order of the log, each signed with its secret; the only
repeats are retries of a message it had not acknowledged (same webhook-id, same body)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.webhook_receiver import first_arrivals, webhook_receiver  # noqa: F401  (fixture)
from tracker import PROJECT_ROOT
from tracker.domain.events import NewEvent
from tracker.services import recording, webhooks
from tracker.storage import event_store, webhook_store

WRITES = 1000
OUTAGE = 30.0  # seconds the receiver is away
ITEMS = [f"munitiebeheer-a{n}" for n in range(1, 11)]
FAILING_AFTER = 3
MAX_WAIT = 2.0  # the back-off cap for this run (production: 300 s)


def tracker_command() -> list[str]:
    script = Path(sys.executable).parent / "tracker"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from tracker.cli import main; main()"]


def write(tracker, start: int, count: int) -> list[int]:
    return [recording.record(tracker, NewEvent(ITEMS[n % len(ITEMS)], "opmerking",
                                               {"toelichting": f"Opmerking {n}."}, "beheer")).event.seq
            for n in range(start, start + count)]


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"binnen {seconds} s niet: {what}")


def test_a_receiver_gets_every_event_in_order_across_a_30_second_outage(served, webhook_receiver, tmp_path):  # noqa: F811
    url, tracker, _ = served
    started = time.monotonic()
    receiver = webhook_receiver()
    registered = webhooks.register(tracker, receiver.url)
    subscriber = registered.subscriber.id
    log = (tmp_path / "bezorgen.log").open("w")
    process = subprocess.Popen(
        tracker_command() + ["webhooks-bezorgen", "--interval", "0.1", "--timeout", "5", "--eerste-wachttijd", "0.2",
                             "--max-wachttijd", str(MAX_WAIT), "--falend-na", str(FAILING_AFTER)],
        cwd=PROJECT_ROOT, env={**os.environ, "TRACKER_DATABASE_URL": url, "PYTHONPATH": str(PROJECT_ROOT)},
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        seqs = write(tracker, 0, WRITES // 2)
        written_first = time.monotonic()
        wait_for(lambda: len(receiver.received) >= 50, 30, "de eerste berichten komen aan")
        receiver.stop()  # in the middle of the stream: what was sent but not answered is sent again
        down = time.monotonic()
        seqs += write(tracker, WRITES // 2, WRITES - WRITES // 2)
        written = time.monotonic()
        failing = wait_for(lambda: [s for s in webhooks.overview(tracker) if s.failing_since is not None], 20,
                           "de ontvanger staat op 'faalt'")
        assert failing[0].pending > 0 and "niet bereikbaar" in (failing[0].last_error or "")
        shown = subprocess.run(tracker_command() + ["webhook", "list"], cwd=PROJECT_ROOT, capture_output=True,
                               text=True, env={**os.environ, "TRACKER_DATABASE_URL": url}, timeout=60)
        assert f"{subscriber}  {receiver.url}" in shown.stdout and "faalt sinds" in shown.stdout, shown
        time.sleep(max(0.0, OUTAGE - (time.monotonic() - down)))
        before_return = len(receiver.received)
        back = webhook_receiver(port=receiver.port, received=receiver.received)
        back_at = time.monotonic()
        wait_for(lambda: webhook_store.listing(tracker.engine, subscriber)[0].pending == 0, 30,
                 "alles is bezorgd na de terugkeer")
        caught_up = time.monotonic()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        code = process.wait(timeout=30)
        log.close()
    output = (tmp_path / "bezorgen.log").read_text()
    assert code == 0 and "Gestopt." in output, output[-2000:]

    with tracker.read() as connection:
        logged = [e.seq for e in event_store.facts(connection) if e.seq > registered.subscriber.after_seq]
    assert logged == seqs and len(seqs) == WRITES  # every event after it was added, and only those
    received = back.received
    assert first_arrivals(received) == seqs  # all of them, none skipped, none before an earlier one
    first_body: dict[int, bytes] = {}
    for request in received:  # each one signed with the subscriber's secret; a repeat is the same message again
        payload = request.verified(registered.secret)
        assert request.headers["webhook-id"] == f"msg_{request.seq}" and payload["data"]["seq"] == request.seq
        assert first_body.setdefault(request.seq, request.body) == request.body
    [after] = webhooks.overview(tracker)
    assert (webhooks.status(after), after.failures, after.delivered_through) == ("actief", 0, seqs[-1])
    rows = webhook_store.outbox(tracker.engine, subscriber)
    assert [r.seq for r in rows] == seqs and all(r.delivered_at and r.status == 200 for r in rows)
    retried = max(rows, key=lambda r: r.attempts)  # the one that waited out the outage, tried at the capped pace
    assert retried.attempts >= OUTAGE / MAX_WAIT / 2 and "niet bereikbaar" in (retried.error or "")
    print(json.dumps({
        "writes": WRITES, "received": len(received), "repeats": len(received) - len(seqs),
        "arrived_before_outage": before_return, "attempts_during_outage": retried.attempts,
        "first_half_written_s": round(written_first - started, 1), "second_half_written_s": round(written - down, 1),
        "caught_up_after_return_s": round(caught_up - back_at, 1), "total_s": round(time.monotonic() - started, 1)}))
