"""GET /api/v1/events/stream and /live: new events as Server-Sent Events, in order, within the reader's scope; a
reconnecting client (Last-Event-ID) misses nothing; bad ids are refused; a stream is bounded and pings when quiet.

The streams are read as a client reads them: chunk by chunk from the app's response, disconnecting by closing it."""
from __future__ import annotations

import http.client
import json
import threading
import time

import pytest

from tests.api_fixtures import ApiClient
from tests.conftest import make_app
from tests.server import Server
from tests.sse import Stream
from tracker.domain.access import Actor
from tracker.domain.errors import ConfigurationError
from tracker.services import account_admin, accounts, queries, stream
from tracker.storage import feed_store

IN_SCOPE = ("munitiebeheer-a1", "munitiebeheer")  # the eigenaar's scope is munitiebeheer: the scope and below
OUT_OF_SCOPE = "autorisatiebeheer-a1"


@pytest.fixture
def app(databases, api_template):
    app = make_app(databases.copy(api_template[0]), STREAM_SECONDS=1.0, STREAM_HEARTBEAT_SECONDS=15)
    yield app
    app.extensions["tracker"].engine.dispose()


@pytest.fixture
def client(app, tokens):
    def make(name: str | None) -> ApiClient:
        made = ApiClient(app, tokens[name] if name else None)
        made.admin = tokens["beheerder"]
        return made
    return make


def open_stream(api: ApiClient, last_event_id: str | None = None, query: str = "") -> Stream:
    headers = {"Last-Event-ID": last_event_id} if last_event_id is not None else {}
    response = api.client.get("/api/v1/events/stream" + query, headers=api.headers(headers), buffered=False)
    assert response.status_code == 200, response.get_data(as_text=True)
    return Stream(response)


def remark(api: ApiClient, key: str, text: str) -> int:
    answer = api.post(f"/api/v1/items/{key}/events", {"type": "opmerking", "data": {"toelichting": text}},
                      headers={"If-Match": api.version(key)})
    assert answer.status_code == 201, answer.json
    return answer.json["seq"]


def test_a_reconnecting_client_gets_everything_after_its_last_id_and_only_within_its_scope(app, client):
    beheer, owner, reader = client("beheerder"), client("eigenaar"), client("lezer")
    start = queries.head_seq(app.extensions["tracker"])
    first = [remark(beheer, IN_SCOPE[0], "een"), remark(beheer, OUT_OF_SCOPE, "twee"),
             remark(beheer, IN_SCOPE[1], "drie")]

    stream = open_stream(owner, query=f"?after={start}")  # a client that cannot set headers
    seen = next(stream.events())
    stream.close()  # disconnects after the first event
    assert seen["seq"] == first[0] and seen["item"] == IN_SCOPE[0]

    later = [remark(beheer, OUT_OF_SCOPE, "vier"), remark(beheer, IN_SCOPE[0], "vijf")]
    again = list(open_stream(owner, str(seen["seq"])).events())  # the stream ends by itself (STREAM_SECONDS)
    assert [e["seq"] for e in again] == [first[2], later[1]]
    assert [e["data"]["toelichting"] for e in again] == ["drie", "vijf"]

    everything = list(open_stream(reader, str(seen["seq"])).events())  # a reader without a scope sees all
    assert [e["seq"] for e in everything] == [first[1], first[2], later[0], later[1]]


def test_each_event_carries_what_a_page_shows(app, client):
    beheer, reader = client("beheerder"), client("lezer")
    tracker = app.extensions["tracker"]
    beheerder = Actor("beheerder", "beheerder")
    account_admin.change(tracker, beheerder, "beheerder", "beheerder", None, "B. de Beheerder")
    start = queries.head_seq(tracker)
    remark(beheer, "munitiebeheer-a10", "eerst")
    answer = beheer.post("/api/v1/items/munitiebeheer-a10/events", {"type": "niet_overgenomen",
                                                                  "data": {"toelichting": "Past niet meer."}},
                         headers={"If-Match": beheer.version("munitiebeheer-a10")})
    assert answer.status_code == 201, answer.json
    remarked, declined = list(open_stream(reader, str(start)).events())
    assert declined["item"] == "munitiebeheer-a10" and declined["parent"] == "munitiebeheer"
    assert declined["topic"] == "onvolkomenheden" and declined["kind"] == "aanbeveling"
    assert declined["title"].startswith("Aanbeveling 10:")
    assert declined["type"] == "niet_overgenomen" and declined["label"] == "Niet overnemen"
    assert declined["state"] == "niet_overgenomen" and declined["state_label"] == "niet overgenomen"
    assert declined["actor"] == "beheerder" and declined["actor_name"] == "B. de Beheerder"
    assert declined["version"] == answer.json["version"] and declined["hash"] == answer.json["hash"]
    assert declined["data"] == {"toelichting": "Past niet meer."} and "idempotency_key" not in declined
    # Each event with the state just after it, not the item's state now.
    assert remarked["label"] == "Opmerking plaatsen" and remarked["state"] == "in_uitvoering"


def test_a_long_catch_up_arrives_complete_and_in_order_read_a_page_at_a_time(app, client, monkeypatch):
    head = queries.head_seq(app.extensions["tracker"])
    reads: list[tuple[int, int]] = []
    real = feed_store.after

    def counted(connection, seq, limit):
        reads.append((seq, limit))
        return real(connection, seq, limit)

    monkeypatch.setattr(stream, "PAGE", 40)
    monkeypatch.setattr(feed_store, "after", counted)
    got = [e["seq"] for e in open_stream(client("lezer"), str(head - 450)).events()]
    assert got == list(range(head - 449, head + 1))
    assert {limit for _, limit in reads} == {40} and len(reads) >= 450 // 40
    assert [seq for seq, _ in reads[:3]] == [head - 450, head - 410, head - 370]


def test_without_an_id_only_new_events_arrive_as_they_are_recorded(app, client):
    beheer, reader = client("beheerder"), client("lezer")
    remark(beheer, IN_SCOPE[0], "van voor de verbinding")
    app.config["STREAM_SECONDS"] = 10
    stream = open_stream(reader)
    written: list[int] = []
    writer = threading.Timer(0.3, lambda: written.append(remark(beheer, IN_SCOPE[0], "terwijl u kijkt")))
    writer.start()
    began = time.monotonic()
    event = next(stream.events())
    stream.close()
    writer.join()
    assert event["seq"] == written[0] and event["data"]["toelichting"] == "terwijl u kijkt"
    assert time.monotonic() - began < 5


def test_a_quiet_stream_pings_hints_its_retry_and_ends_in_bounded_time(app, client):
    app.config.update(STREAM_SECONDS=0.6, STREAM_HEARTBEAT_SECONDS=0.2)
    began = time.monotonic()
    response = client("lezer").client.get("/api/v1/events/stream", headers=client("lezer").headers(),
                                          buffered=False)
    assert response.mimetype == "text/event-stream"
    assert response.headers["X-Accel-Buffering"] == "no" and response.headers["Cache-Control"] == "no-store"
    blocks = list(Stream(response).blocks())
    assert 0.5 < time.monotonic() - began < 5
    assert blocks[0] == {"retry": "3000"}
    assert {"": "ping"} in blocks[1:] and not any("data" in b for b in blocks)


def test_a_revoked_token_or_an_ended_session_ends_its_stream_within_a_heartbeat(app, client):
    tracker = app.extensions["tracker"]
    app.config.update(STREAM_SECONDS=20, STREAM_HEARTBEAT_SECONDS=0.2, WTF_CSRF_ENABLED=False)
    accounts.set_password(tracker, "auditor", "een-lang-wachtwoord")
    web = app.test_client()
    assert web.post("/aanmelden", data={"name": "auditor", "password": "een-lang-wachtwoord"}).status_code == 302
    for name, opened, end in (
            ("lezer", lambda: open_stream(client("lezer")), lambda: accounts.revoke(tracker, "lezer")),
            ("auditor", lambda: Stream(web.get("/live", buffered=False)),
             lambda: accounts.sign_out(tracker, "auditor"))):
        stream_ = opened()
        ender = threading.Timer(0.5, end)
        began = time.monotonic()
        ender.start()
        blocks = list(stream_.blocks())  # ends by itself once the account is read again
        ender.join()
        assert time.monotonic() - began < 5, name
        assert blocks[0] == {"retry": "3000"}


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "١٢", " 12x", "9" * 19, "1_000"])
def test_an_id_that_is_no_sequence_number_is_refused_in_dutch(client, value):
    answer = client("lezer").get("/api/v1/events/stream", headers={"Last-Event-ID": value})
    assert answer.status_code == 400, answer.get_data(as_text=True)
    assert answer.json["message"].startswith("Last-Event-ID") and "geen volgnummer" in answer.json["message"]
    assert answer.json["errors"] == {"Last-Event-ID": ["Geen volgnummer."]}


def test_an_id_past_the_head_and_a_bad_query_are_refused(app, client):
    head = queries.head_seq(app.extensions["tracker"])
    past = client("lezer").get("/api/v1/events/stream", headers={"Last-Event-ID": str(head + 1)})
    assert past.status_code == 422 and f"ligt na de laatste gebeurtenis ({head})" in past.json["message"]
    query = client("lezer").get("/api/v1/events/stream?after=tien")
    assert query.status_code == 400 and query.json["message"].startswith("after 'tien'")
    unknown = client("lezer").get("/api/v1/events/stream?na=3")
    assert unknown.status_code == 422


def test_the_header_wins_over_the_query(app, client):
    beheer = client("beheerder")
    start = queries.head_seq(app.extensions["tracker"])
    seqs = [remark(beheer, IN_SCOPE[0], "een"), remark(beheer, IN_SCOPE[0], "twee")]
    got = list(open_stream(client("lezer"), str(seqs[0]), query=f"?after={start}").events())
    assert [e["seq"] for e in got] == seqs[1:]


def test_a_stream_needs_a_token_or_a_session(app, client, tokens):
    answer = app.test_client().get("/api/v1/events/stream")
    assert answer.status_code == 401 and answer.json["message"].startswith("Aanmelden vereist")
    assert app.test_client().get("/api/v1/events/stream", headers={"Authorization": "Bearer fout"}).status_code == 401
    assert app.test_client().get("/live").status_code == 401


def test_the_pages_stream_follows_the_session_and_its_scope(app, client):
    tracker = app.extensions["tracker"]
    accounts.set_password(tracker, "eigenaar", "een-lang-wachtwoord")
    app.config["WTF_CSRF_ENABLED"] = False
    web = app.test_client()
    assert web.post("/aanmelden", data={"name": "eigenaar", "password": "een-lang-wachtwoord"}).status_code == 302
    beheer = client("beheerder")
    start = queries.head_seq(tracker)
    seqs = [remark(beheer, OUT_OF_SCOPE, "buiten"), remark(beheer, IN_SCOPE[0], "binnen")]
    response = web.get(f"/live?after={start}", buffered=False)
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    assert [e["seq"] for e in Stream(response).events()] == seqs[1:]
    assert web.get("/live", headers={"Last-Event-ID": "x"}).status_code == 400


@pytest.mark.parametrize("setting, value", [("STREAM_SECONDS", -1), ("STREAM_SECONDS", "vijf"),
                                            ("STREAM_HEARTBEAT_SECONDS", 0), ("STREAM_SECONDS", True)])
def test_a_malformed_stream_setting_stops_start_up_naming_it(databases, setting, value):
    with pytest.raises(ConfigurationError, match=rf"^{setting} moet een aantal seconden zijn"):
        make_app(databases.empty(), **{setting: value})


def test_the_stream_is_documented(app):
    spec = app.test_client().get("/api/v1/openapi.json").json
    operation = spec["paths"]["/api/v1/events/stream"]["get"]
    assert "text/event-stream" in operation["responses"]["200"]["content"]
    assert any(p["name"] == "Last-Event-ID" and p["in"] == "header" for p in operation["parameters"])
    assert {"seq", "title", "label", "actor_name", "state", "state_label"} <= set(
        spec["components"]["schemas"]["LiveEvent"]["properties"])


class ThreadedServer(Server):
    """gunicorn as `make serve` runs it: threaded workers, so that a held stream does not hold the worker."""

    def __init__(self, url: str, **config):
        super().__init__(url, workers=1, options=("--worker-class", "gthread", "--threads", "4"),
                         env={f"TRACKER_{name}": str(value) for name, value in config.items()})


def read_until(response, needle: bytes, seconds: float) -> bytes:
    """What a streamed HTTP response sends until `needle` appears (chunk by chunk, as it arrives)."""
    received, deadline = b"", time.monotonic() + seconds
    while needle not in received:
        assert time.monotonic() < deadline, received[-500:]
        chunk = response.read1(65536)
        assert chunk, "the stream ended"
        received += chunk
    return received


def test_a_threaded_server_streams_while_it_serves_others(databases, api_template, tokens):
    url = databases.copy(api_template[0])
    server = ThreadedServer(url, STREAM_SECONDS=30, STREAM_HEARTBEAT_SECONDS=0.5).start()
    try:
        streams = []
        for _ in range(2):  # two readers held open: the single worker still answers the write below
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
            connection.request("GET", "/api/v1/events/stream", headers={"Authorization": f"Bearer {tokens['lezer']}"})
            response = connection.getresponse()
            assert response.status == 200 and response.getheader("Content-Type").startswith("text/event-stream")
            assert response.getheader("X-Accel-Buffering") == "no"
            read_until(response, b"retry: 3000\n\n", 10)  # sent at once, not held back until the end
            streams.append((connection, response))
        read_until(streams[0][1], b": ping\n\n", 10)

        write = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
        auth = {"Authorization": f"Bearer {tokens['beheerder']}"}
        write.request("GET", f"/api/v1/items/{IN_SCOPE[0]}", headers=auth)
        answer = write.getresponse()
        etag = answer.getheader("ETag")
        answer.read()
        began = time.monotonic()
        write.request("POST", f"/api/v1/items/{IN_SCOPE[0]}/events",
                      body=json.dumps({"type": "opmerking", "data": {"toelichting": "over de lijn"}}),
                      headers={**auth, "If-Match": etag, "Content-Type": "application/json"})
        answer = write.getresponse()
        assert answer.status == 201, answer.read()
        seq = json.loads(answer.read())["seq"]
        for _, response in streams:
            received = read_until(response, b"over de lijn", 10)
            assert f"id: {seq}\nevent: gebeurtenis\n".encode() in received
        assert time.monotonic() - began < 10
        for connection, _ in streams:
            connection.close()
        write.close()
    finally:
        server.stop()
