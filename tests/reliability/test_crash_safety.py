"""Crash safety: writes through gunicorn while the server is killed with SIGKILL, several times.

After each restart every write that was answered 201 is present, nothing unanswered is half-applied
(`verify`: the chain is intact and the projections equal a replay).
"""
import http.client
import json
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.server import Server
from tracker.services import integrity, queries


def writer(base, token, name, acknowledged, stop):
    n = 0
    while not stop.is_set():
        n += 1
        key = f"crash-{name}-{n}"
        body = json.dumps({"type": "aangemaakt", "data": {"kind": "aanbeveling", "title": f"Crash {key}",
                                                          "parent": "munitiebeheer"}}).encode()
        request = urllib.request.Request(f"{base}/api/v1/items/{key}/events", data=body, method="POST", headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json", "If-None-Match": "*"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                if response.status == 201:
                    acknowledged.append((key, json.loads(response.read())["seq"]))
        except (urllib.error.URLError, http.client.HTTPException, OSError):
            # The server is gone (perhaps after the status line, before the body: not an answer either);
            # try again until told to stop.
            time.sleep(0.01)


def run_with_kills(served, kills: int, writers: int = 4, seconds: float = 1.2):
    url, tracker, token = served
    acknowledged: list = []
    for _ in range(kills):
        server = Server(url).start()
        stop = threading.Event()
        threads = [threading.Thread(target=writer, args=(server.base, token, f"{len(acknowledged)}-{w}",
                                                         acknowledged, stop)) for w in range(writers)]
        for t in threads:
            t.start()
        time.sleep(seconds)
        server.kill()  # in the middle of the writes
        stop.set()
        for t in threads:
            t.join(timeout=30)
        verification = integrity.verify(tracker)  # after each kill: intact, and projections = replay
        assert verification.ok, verification.problems
    tracker.graphs.invalidate()
    missing = [key for key, _ in acknowledged if not _exists(tracker, key)]
    return acknowledged, missing


def _exists(tracker, key):
    try:
        return queries.get_item(tracker, key).item.version == 1
    except Exception:
        return False


def test_every_acknowledged_write_survives_three_kills(served):
    acknowledged, missing = run_with_kills(served, kills=3)
    print(json.dumps({"kills": 3, "acknowledged": len(acknowledged), "missing": len(missing)}))
    assert len(acknowledged) > 20  # the load really ran
    assert missing == []


@pytest.mark.soak
def test_every_acknowledged_write_survives_twenty_kills(served):
    acknowledged, missing = run_with_kills(served, kills=20, seconds=3)
    print(json.dumps({"kills": 20, "acknowledged": len(acknowledged), "missing": len(missing)}))
    assert missing == []
