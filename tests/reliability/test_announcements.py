"""LISTEN/NOTIFY on PostgreSQL: what one server writes, the others' listeners hear; an account change empties
their read caches; a cut connection is made again. Collected only when the suite runs on PostgreSQL.

`tracker` listens as a worker of one server does; `other` is another server writing to the same database.
"""
import time

import psycopg
import pytest
from sqlalchemy import text

from tests.conftest import make_app, url_of
from tracker.domain.errors import IllegalTransition
from tracker.domain.events import NewEvent
from tracker.services import accounts, listener, recording
from tracker.storage import announcements


def eventually(check, seconds: float = 2.0) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@pytest.fixture
def servers(databases, seeded_template):
    url = databases.copy(seeded_template)
    app, other = make_app(url, LISTEN=True), make_app(url)
    tracker = app.extensions["tracker"]
    assert app.test_client().get("/healthz").status_code == 200  # the first request starts the listener
    heard = listener.heard(tracker)
    assert heard is not None and eventually(lambda: heard.connected, 10)
    yield tracker, heard, other.extensions["tracker"]
    listener.stop(tracker)
    tracker.engine.dispose()
    other.extensions["tracker"].engine.dispose()


def remark(tracker, text="gehoord"):
    return recording.record(tracker, NewEvent("munitiebeheer-a10", "opmerking", {"toelichting": text})).event.seq


def test_the_head_written_by_another_server_is_heard_and_wakes_a_waiter(servers):
    tracker, heard, other = servers
    before = heard.head
    seq = remark(other)
    # Within a second: the heartbeat that re-reads the head comes only every five.
    assert eventually(lambda: heard.head == seq, 1.0), (before, heard.head, seq)
    assert listener.wait_for_head(tracker, before, timeout=5) == seq


def test_a_commit_announces_its_head_once_and_a_refused_write_nothing(servers):
    _tracker, _heard, other = servers
    with psycopg.connect(announcements.conninfo(url_of(other)), autocommit=True) as connection:
        connection.execute(f"LISTEN {announcements.HEAD_CHANNEL}")
        with pytest.raises(IllegalTransition):  # an aanbeveling that is open cannot be verified: rolled back
            recording.record(other, NewEvent("munitiebeheer-a10", "geverifieerd", {}))
        assert list(connection.notifies(timeout=0.5)) == []
        results = recording.record_many(other, [
            NewEvent("munitiebeheer-a10", "opmerking", {"toelichting": f"samen {n}"}) for n in range(3)])
        heard = [n.payload for n in connection.notifies(timeout=1.0)]
    assert heard == [str(results[-1].event.seq)]  # one announcement per transaction: its last event


def test_an_account_change_empties_the_read_cache_of_every_listening_worker(servers):
    tracker, _heard, other = servers
    accounts.create(other, "tijdelijk", "lezer")
    accounts.new_token(other, "tijdelijk")
    tracker.read_cache["proef"] = (0, "gerenderd met de oude weergavenaam")
    accounts.revoke(other, "tijdelijk")
    assert eventually(lambda: "proef" not in tracker.read_cache, 1.0)


def test_a_cut_connection_is_made_again_and_heard_through(servers):
    tracker, heard, other = servers
    find = text("SELECT pid FROM pg_stat_activity WHERE application_name = 'tracker-listener' "
                "AND datname = current_database()")
    with other.engine.connect() as connection:
        (first,) = connection.execute(find).scalars().all()
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})

    def new_backend():
        with other.engine.connect() as connection:
            pids = connection.execute(find).scalars().all()
        return len(pids) == 1 and pids[0] != first and heard.connected

    assert eventually(new_backend, 10)
    seq = remark(other, "na het herstel")
    assert eventually(lambda: heard.head == seq, 1.0)
    assert listener.wait_for_head(tracker, seq - 1, timeout=5) == seq
