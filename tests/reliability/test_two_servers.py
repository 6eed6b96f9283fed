"""Two app servers (gunicorn, two workers each) on one PostgreSQL database behind HAProxy, as in production.

What one server answers, the other knows at once: reads after a write (also of a cached read model), optimistic
concurrency across servers, a dependency added on one server that blocks on the other, a deactivated account
and a revoked token refused by both, a changed display name on the other server's cached dashboard (heard
through the announcement, since no event moves the head). Last, one server is killed under load: the balancer
fails over and no acknowledged write is lost.

Collected only when the suite runs on PostgreSQL (see conftest.py). One cluster serves the whole module;
the kill comes last.
"""
from __future__ import annotations

import json
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date

import pytest

from tests.cluster import SERVER_HEADER, Client, Cluster
from tests.conftest import make_app
from tracker.services import accounts, integrity, queries
from tracker.storage import event_store

PASSWORD = "twee-servers-" + "wachtwoord"  # noqa: S105 - a throwaway account of a throwaway database
PARENT = "munitiebeheer"


@dataclass
class Setup:
    tracker: object
    token: str
    cluster: Cluster

    def client(self, n: int | None, token: str | None = None) -> Client:
        """A client of server `n` directly, or of the balancer (None)."""
        base = self.cluster.balancer.base if n is None else self.cluster.servers[n].base
        return Client(base, self.token if token is None else token)


@pytest.fixture(scope="module")
def setup(databases, seeded_template, tmp_path_factory):
    url = databases.copy(seeded_template)
    app = make_app(url)
    tracker = app.extensions["tracker"]
    accounts.create(tracker, "beheer", "beheerder")
    accounts.set_password(tracker, "beheer", PASSWORD)
    token = accounts.new_token(tracker, "beheer")
    cluster = Cluster(url, tmp_path_factory.mktemp("cluster")).start()
    yield Setup(tracker, token, cluster)
    cluster.stop()
    tracker.engine.dispose()


def new_item(client: Client, key: str, kind: str = "aanbeveling") -> dict:
    answer = client.record(key, "aangemaakt", {"kind": kind, "title": f"Twee servers {key}", "parent": PARENT}, None)
    assert answer.status == 201, answer.text
    return answer.json()


def topic_items(client: Client, topic: str = "onvolkomenheden") -> int:
    """The number of items of a topic, from the topics read model (cached per worker until the head moves)."""
    answer = client.get("/api/v1/topics")
    assert answer.status == 200, answer.text
    return next(row["items"] for row in answer.json() if row["key"] == topic)


def test_a_write_answered_by_one_server_is_read_at_once_by_the_other(setup):
    a, b = setup.client(0), setup.client(1)
    count = topic_items(a)
    for client in (a, b, a, b):  # every worker has the topics cached before the writes
        assert topic_items(client) == count
    for n in range(6):
        writer, reader = (a, b) if n % 2 == 0 else (b, a)
        created = new_item(writer, f"lezen-{n}")
        seen = reader.get(f"/api/v1/items/lezen-{n}")
        assert seen.status == 200, seen.text
        assert seen.json()["version"] == created["version"] == 1
        assert seen.headers["ETag"] == '"1"'
        count += 1
        assert topic_items(reader) == count  # the cached read model noticed the other server's write
        assert topic_items(writer) == count

    balanced = setup.client(None)
    version = balanced.get("/api/v1/items/lezen-0").headers["ETag"]
    served: list[tuple[str, str]] = []
    for n in range(6):
        wrote = balanced.record("lezen-0", "opmerking", {"toelichting": f"via de balancer {n}"}, version)
        assert wrote.status == 201, wrote.text
        read = balanced.get("/api/v1/items/lezen-0")
        assert read.json()["version"] == wrote.json()["version"]  # whichever server answered the read
        version = read.headers["ETag"]
        served.append((wrote.headers[SERVER_HEADER], read.headers[SERVER_HEADER]))
    assert {name for pair in served for name in pair} == {"app1", "app2"}  # both servers answered
    assert any(w != r for w, r in served)  # and a read came from the server that did not write


def writer(client: Client, item: str, rounds: int, barrier: threading.Barrier, outcomes: list, remarks: list):
    for round_ in range(rounds):
        version = client.get(f"/api/v1/items/{item}").headers["ETag"]
        barrier.wait(timeout=60)  # everyone has read the same version: now everyone writes
        text = f"{threading.current_thread().name} ronde {round_}"
        answer = client.record(item, "opmerking", {"toelichting": text}, version)
        outcomes.append(answer.status)
        if answer.status == 201:
            remarks.append(text)
        barrier.wait(timeout=60)


def test_twenty_writers_on_both_servers_lose_no_update(setup):
    item, rounds, clients = "wedloop", 3, 20
    new_item(setup.client(None), item)
    before = queries.get_item(setup.tracker, item).item.version
    outcomes: list[int] = []
    remarks: list[str] = []
    barrier = threading.Barrier(clients)
    threads = [threading.Thread(target=writer, name=f"schrijver-{i}",
                                args=(setup.client(i % 2), item, rounds, barrier, outcomes, remarks))
               for i in range(clients)]  # half on each server
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    counts = Counter(outcomes)
    print(json.dumps({"writers": clients, "rounds": rounds, "outcomes": counts}))
    assert set(counts) <= {201, 409}  # every loser is told, nothing else happens
    assert counts[201] == rounds  # all read the same version: one winner per round, whichever server it used
    history = queries.history(setup.tracker, item)
    assert [e.version for e in history] == list(range(1, len(history) + 1))
    assert history[-1].version - before == counts[201]  # the version advanced once per 201: no update lost
    assert sorted(e.data["toelichting"] for e in history[-counts[201]:]) == sorted(remarks)


def refused_everywhere_within(clients: list[Client], seconds: float) -> float:
    """How long until every client (several requests each, so every worker) gets 401."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if all(c.get("/api/v1/topics").status == 401 for c in clients for _ in range(3)):
            return time.monotonic() - start
        time.sleep(0.02)
    raise AssertionError(f"nog niet overal geweigerd na {seconds} s")


def test_a_token_revoked_on_one_server_is_refused_on_both_within_a_second(setup):
    tokens = {}
    for name in ("tijdelijk", "ander"):
        accounts.create(setup.tracker, name, "lezer")
        tokens[name] = accounts.new_token(setup.tracker, name)
    for token in tokens.values():
        for n in (0, 1, 0, 1):
            assert setup.client(n, token).get("/api/v1/topics").status == 200

    web = setup.client(0, token="")  # a beheerder in the browser, on server 1
    web.sign_in("beheer", PASSWORD)
    done = web.submit("/beheer/accounts/tijdelijk", "/beheer/accounts/tijdelijk/deactiveren", {})
    assert done.status == 302, done.text
    took = refused_everywhere_within([setup.client(n, tokens["tijdelijk"]) for n in (0, 1)], 1.0)

    accounts.revoke(setup.tracker, "ander")  # what `tracker user revoke ander` does, on an admin host
    took_cli = refused_everywhere_within([setup.client(n, tokens["ander"]) for n in (0, 1)], 1.0)
    print(json.dumps({"deactivated_refused_after_s": round(took, 3), "revoked_refused_after_s": round(took_cli, 3)}))
    assert setup.client(1).get("/api/v1/topics").status == 200  # other accounts go on


def test_a_display_name_changed_on_one_server_shows_on_the_others_cached_dashboard(setup):
    balanced = setup.client(None)
    version = balanced.get(f"/api/v1/items/{PARENT}").headers["ETag"]
    assert balanced.record(PARENT, "opmerking", {"toelichting": "Laatste wijziging"}, version).status == 201
    viewer = setup.client(1, token="")
    viewer.sign_in("beheer", PASSWORD)
    for _ in range(4):  # rendered once per worker, then cached until the head moves
        page = viewer.get("/")
        assert page.status == 200, page.text
        assert ">beheer</td>" in page.text and "Bureau Beheer" not in page.text  # the latest change, by account

    web = setup.client(0, token="")
    web.sign_in("beheer", PASSWORD)
    changed = web.submit("/beheer/accounts/beheer", "/beheer/accounts/beheer/wijzigen",
                         {"display_name": "Bureau Beheer", "role": "beheerder", "scope": "", "email": ""})
    assert changed.status == 302, changed.text
    # No event was recorded, so the head did not move: only the announcement empties the other server's cache.
    deadline = time.monotonic() + 1.0
    while "Bureau Beheer" not in viewer.get("/").text:
        assert time.monotonic() < deadline, "de nieuwe weergavenaam is na 1 s nog niet op de andere server"
        time.sleep(0.05)
    for _ in range(4):
        assert "Bureau Beheer" in viewer.get("/").text


def test_a_dependency_added_on_one_server_blocks_on_the_other(setup):
    a, b = setup.client(0), setup.client(1)
    for key in ("afh-later", "afh-eerst"):
        new_item(a, key, kind="maatregel")
    for _ in range(4):  # server 2's workers hold the dependency graph before the edge is added
        assert b.get("/api/v1/items/afh-later/dependencies").json()["prerequisites"] == []
    version = a.get("/api/v1/items/afh-later").headers["ETag"]
    added = a.post("/api/v1/items/afh-later/dependencies", {"op": "afh-eerst"}, headers={"If-Match": version})
    assert added.status == 201, added.text

    item = b.get("/api/v1/items/afh-later").json()
    assert item["blocked"] is True
    for _ in range(4):  # each of server 2's workers refuses the start, naming what it waits for
        version = b.get("/api/v1/items/afh-later").headers["ETag"]
        refused = b.record("afh-later", "gestart", {}, version)
        assert refused.status == 422, refused.text
        assert refused.json()["reason"] == "voorwaarden_niet_gereed"
        assert refused.json()["blocking"] == ["afh-eerst"]
        assert "Twee servers afh-eerst" in refused.json()["message"]
    assert queries.get_item(setup.tracker, "afh-later").item.state == "gepland"

    for event, data in (("gestart", {}), ("afgerond", {"toelichting": "Klaar op server 2"})):
        version = b.get("/api/v1/items/afh-eerst").headers["ETag"]
        assert b.record("afh-eerst", event, data, version).status == 201
    version = a.get("/api/v1/items/afh-later").headers["ETag"]
    started = a.record("afh-later", "gestart", {}, version)  # server 1 saw the prerequisite finish on server 2
    assert started.status == 201, started.text
    assert b.get("/api/v1/items/afh-later").json()["blocked"] is False


def load(client: Client, name: str, acknowledged: list, failed: Counter, stop: threading.Event):
    n = 0
    while not stop.is_set():
        n += 1
        key = f"val-{name}-{n}"
        try:
            answer = client.record(key, "aangemaakt", {"kind": "aanbeveling", "title": f"Onder last {key}",
                                                       "parent": PARENT}, None)
        except OSError:  # the connection broke: no answer, so not acknowledged
            failed["verbroken"] += 1
            continue
        if answer.status == 201:
            acknowledged.append((key, answer.json()["seq"], answer.headers.get(SERVER_HEADER), time.monotonic()))
        else:
            failed[answer.status] += 1


def test_killing_one_server_under_load_loses_no_acknowledged_write(setup):
    balanced = setup.client(None)
    acknowledged: list = []
    failed: Counter = Counter()
    stop = threading.Event()
    threads = [threading.Thread(target=load, args=(balanced, str(w), acknowledged, failed, stop)) for w in range(8)]
    for t in threads:
        t.start()
    time.sleep(2.0)
    killed_at = time.monotonic()
    setup.cluster.servers[1].kill()  # SIGKILL to its gunicorn master and both workers, mid-write
    time.sleep(3.0)
    stop.set()
    for t in threads:
        t.join(timeout=60)

    before = {server for _, _, server, at in acknowledged if at < killed_at}
    after = [server for _, _, server, at in acknowledged if at > killed_at + 1.5]
    print(json.dumps({"acknowledged": len(acknowledged), "failed": failed, "before_kill": sorted(before),
                      "after_kill": Counter(after)}))
    assert before == {"app1", "app2"}  # both servers took writes
    assert after and set(after) == {"app1"}  # then the balancer sent everything to the survivor
    with setup.tracker.read() as connection:
        stored = {e.item: e.seq for e in event_store.of_items(connection, [k for k, *_ in acknowledged], date.max)}
    missing = [key for key, seq, _, _ in acknowledged if stored.get(key) != seq]
    assert missing == []  # every 201 is in the log, at the sequence number it was answered with
    verification = integrity.verify(setup.tracker)
    assert verification.ok, verification.problems

