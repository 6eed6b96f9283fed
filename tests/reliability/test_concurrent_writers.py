"""4 gunicorn workers and 50 clients writing one item with If-Match: versions contiguous, no lost update,
every loser gets 409 (on SQLite and on PostgreSQL, whichever the suite runs on)."""
import json
import threading
import urllib.error
import urllib.request
from collections import Counter

import pytest

from tests.server import Server
from tracker.services import integrity, queries

ITEM = "munitiebeheer-a10"


def client(base, token, rounds, barrier, outcomes, remarks):
    headers = {"Authorization": f"Bearer {token}"}
    for round_ in range(rounds):
        read = urllib.request.Request(f"{base}/api/v1/items/{ITEM}", headers=headers)
        with urllib.request.urlopen(read, timeout=60) as response:
            version = response.headers["ETag"]
        barrier.wait(timeout=120)  # everyone read the same version, now everyone writes
        text = f"{threading.current_thread().name} ronde {round_}"
        body = json.dumps({"type": "opmerking", "data": {"toelichting": text}}).encode()
        write = urllib.request.Request(f"{base}/api/v1/items/{ITEM}/events", data=body, method="POST",
                                       headers={**headers, "Content-Type": "application/json", "If-Match": version})
        try:
            with urllib.request.urlopen(write, timeout=120) as response:
                outcomes.append(response.status)
                remarks.append(text)
        except urllib.error.HTTPError as refused:
            outcomes.append(refused.code)
            body = json.loads(refused.read())
            assert refused.code != 409 or body["current_version"] >= int(version.strip('"'))
        barrier.wait(timeout=120)


def race(served, clients: int, rounds: int, workers: int = 4):
    url, tracker, token = served
    before = queries.get_item(tracker, ITEM).item.version
    server = Server(url, workers=workers).start()
    outcomes, remarks = [], []
    barrier = threading.Barrier(clients)
    try:
        threads = [threading.Thread(target=client, name=f"klant-{i}",
                                    args=(server.base, token, rounds, barrier, outcomes, remarks))
                   for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=600)
    finally:
        server.stop()
    counts = Counter(outcomes)
    history = queries.history(tracker, ITEM)
    return before, counts, history, remarks, tracker


@pytest.mark.parametrize("rounds", [3])
def test_fifty_clients_one_item_four_workers(served, rounds):
    before, counts, history, remarks, tracker = race(served, clients=50, rounds=rounds)
    print(json.dumps({"clients": 50, "rounds": rounds, "outcomes": dict(counts)}))
    assert set(counts) <= {201, 409}  # every loser gets 409, nothing else
    assert counts[201] == rounds  # exactly one winner per round: all read the same version
    assert counts[409] == 49 * rounds
    assert [e.version for e in history] == list(range(1, len(history) + 1))  # contiguous
    assert history[-1].version == before + counts[201]  # no lost update
    written = [e.data.get("toelichting") for e in history[-counts[201]:]]
    assert sorted(written) == sorted(remarks)  # each acknowledged write is there, and only those
    assert integrity.verify(tracker).ok


@pytest.mark.soak
def test_fifty_clients_one_item_many_rounds(served):
    before, counts, history, remarks, tracker = race(served, clients=50, rounds=40)
    print(json.dumps({"clients": 50, "rounds": 40, "outcomes": dict(counts)}))
    assert set(counts) <= {201, 409} and counts[201] == 40
    assert integrity.verify(tracker).ok
