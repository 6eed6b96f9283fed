"""Webhooks: a beheerder registers receivers (command line and API), the append writes their outbox rows in its own
transaction, and a delivery pass sends each receiver its events in order, signed as Standard Webhooks prescribes,
until a 2xx answer; failures are retried with back-off and mark a receiver failing, without skipping anything."""
from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest
from sqlalchemy import update
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from tests.webhook_receiver import Behaviour, first_arrivals, webhook_receiver  # noqa: F401  (fixture)
from tracker.domain.access import Actor
from tracker.domain.errors import NotAllowed, TrackerError
from tracker.domain.events import NewEvent
from tracker.services import recording, webhook_delivery, webhooks
from tracker.storage import event_store, webhook_store
from tracker.storage.operational_schema import webhook_subscribers

FAST = webhook_delivery.Settings(timeout=2, first_wait=0.01, max_wait=0.05, failing_after=3)
ITEM = "munitiebeheer-a1"


def remark(tracker, text: str, item: str = ITEM) -> int:
    return recording.record(tracker, NewEvent(item, "opmerking", {"toelichting": text}, "beheer")).event.seq


def head(tracker) -> int:
    with tracker.read() as connection:
        return event_store.head(connection)[0]


def cli(seeded_app, *args):
    return seeded_app.test_cli_runner().invoke(args=list(args))


# --- registering ----------------------------------------------------------------------------------------------

def test_the_command_line_adds_lists_and_removes_a_subscriber_and_shows_the_secret_once(seeded_app):
    added = cli(seeded_app, "webhook", "add", "https://ontvanger.mindef.example.nl/hook", "--events",
                "opgevolgd,geverifieerd")
    assert added.exit_code == 0, added.output
    secret = added.stdout.strip().splitlines()[-1]
    assert secret.startswith("whsec_") and len(Webhook(secret)._whsecret) == webhooks.SECRET_BYTES
    listed = cli(seeded_app, "webhook", "list", "--format", "json")
    assert secret not in listed.output
    [row] = json.loads(listed.stdout)
    assert (row["url"], row["events"], row["status"], row["pending"]) == (
        "https://ontvanger.mindef.example.nl/hook", ["geverifieerd", "opgevolgd"], "actief", 0)
    assert secret not in cli(seeded_app, "webhook", "list").output
    assert cli(seeded_app, "webhook", "remove", str(row["id"])).exit_code == 0
    assert json.loads(cli(seeded_app, "webhook", "list", "--format", "json").stdout) == []
    again = cli(seeded_app, "webhook", "remove", str(row["id"]))
    assert again.exit_code == 1 and f"Webhook-abonnee {row['id']} bestaat niet" in again.output


def test_a_given_secret_is_used_and_not_printed(seeded_app):
    secret = webhooks.new_secret()
    added = cli(seeded_app, "webhook", "add", "http://127.0.0.1:9/x", "--secret", secret)
    assert added.exit_code == 0 and secret not in added.output, added.output
    assert json.loads(cli(seeded_app, "webhook", "list", "--format", "json").stdout)[0]["events"] == ["*"]


@pytest.mark.parametrize("url, named", [
    ("ftp://ontvanger.mindef.example.nl/hook", "het schema 'ftp:'"),
    ("javascript:alert(1)", "het schema 'javascript:'"),
    ("ontvanger.mindef.example.nl/hook", "geen schema"),
    ("https:///alleen-een-pad", "noemt geen host"),
    ("https://ontvanger.mindef.example.nl/met spatie", "spaties of stuurtekens"),
    ("http://[::1/hook", "geen geldige URL"),
    ("https://ontvanger.mindef.example.nl:poort/", "geen geldige URL"),
])
def test_a_url_that_is_not_http_or_https_is_refused_and_nothing_is_written(seeded_app, url, named):
    refused = cli(seeded_app, "webhook", "add", url)
    assert refused.exit_code == 1, refused.output
    assert named in refused.output and "alleen een http- of https-adres" in refused.output, refused.output
    assert webhook_store.listing(seeded_app.extensions["tracker"].engine, removed=True) == []


def test_unknown_event_types_and_malformed_secrets_are_refused(seeded_app):
    unknown = cli(seeded_app, "webhook", "add", "https://x.example.nl/", "--events", "opgevolgd,verzonnen")
    assert unknown.exit_code == 1 and "Onbekend gebeurtenistype 'verzonnen'" in unknown.output, unknown.output
    assert "opgevolgd" in unknown.output.split("kies uit:")[1]  # names what is allowed
    for secret in ("geheim", "whsec_niet-base64!", "whsec_" + "QUJD"):  # the last: 3 bytes, too short
        refused = cli(seeded_app, "webhook", "add", "https://x.example.nl/", "--secret", secret)
        assert refused.exit_code == 1 and "whsec_<base64>" in refused.output, refused.output
    assert webhook_store.listing(seeded_app.extensions["tracker"].engine, removed=True) == []


def test_the_api_registers_for_a_beheerder_only_and_shows_the_secret_only_once(as_role):
    beheerder = as_role("beheerder")
    created = beheerder.post("/api/v1/webhooks", json={"url": "https://x.example.nl/hook", "events": ["opgevolgd"]})
    assert created.status_code == 201, created.json
    assert created.json["secret"].startswith("whsec_") and created.json["events"] == ["opgevolgd"]
    listed = beheerder.get("/api/v1/webhooks")
    assert [r["id"] for r in listed.json] == [created.json["id"]]
    assert "secret" not in listed.json[0] and created.json["secret"] not in listed.get_data(as_text=True)
    one = beheerder.get(f"/api/v1/webhooks/{created.json['id']}")
    assert one.status_code == 200 and one.json["status"] == "actief" and "secret" not in one.json
    for role in ("lezer", "eigenaar", "auditor", "cio", "rekenkamer"):
        client = as_role(role)
        assert client.get("/api/v1/webhooks").status_code == 403
        refused = client.post("/api/v1/webhooks", json={"url": "https://y.example.nl/"})
        assert refused.status_code == 403 and "Alleen een beheerder" in refused.json["message"]
        assert client.delete(f"/api/v1/webhooks/{created.json['id']}").status_code == 403
    assert as_role(None).get("/api/v1/webhooks").status_code == 401
    assert len(beheerder.get("/api/v1/webhooks").json) == 1
    assert beheerder.delete(f"/api/v1/webhooks/{created.json['id']}").status_code == 204
    assert beheerder.delete(f"/api/v1/webhooks/{created.json['id']}").status_code == 404
    assert beheerder.get("/api/v1/webhooks").json == []
    assert beheerder.get("/api/v1/webhooks/99999999999").status_code == 404


def test_the_api_refuses_bad_input_with_a_dutch_422(as_role):
    beheerder = as_role("beheerder")
    bad = beheerder.post("/api/v1/webhooks", json={"url": "file:///etc/passwd"})
    assert bad.status_code == 422 and "het schema 'file:'" in bad.json["message"], bad.json
    assert bad.json["errors"] == {"url": ["Alleen http of https."]}
    unknown = beheerder.post("/api/v1/webhooks", json={"url": "https://x.example.nl/", "events": ["verzonnen"]})
    assert unknown.status_code == 422 and "Onbekend gebeurtenistype 'verzonnen'" in unknown.json["message"]
    short = beheerder.post("/api/v1/webhooks", json={"url": "https://x.example.nl/", "secret": "whsec_QUJD"})
    assert short.status_code == 422 and "24 tot 64 bytes" in short.json["message"]
    extra = beheerder.post("/api/v1/webhooks", json={"url": "https://x.example.nl/", "geheim": "x"})
    assert extra.status_code == 422
    assert beheerder.get("/api/v1/webhooks").json == []


# --- the outbox, written with the event -----------------------------------------------------------------------

def test_only_matching_active_subscribers_get_outbox_rows_from_the_moment_they_were_added(seeded):
    before = remark(seeded, "Voor de abonnees er waren.")
    everything = webhooks.register(seeded, "http://127.0.0.1:9/alles").subscriber.id
    remarks = webhooks.register(seeded, "http://127.0.0.1:9/opmerkingen", ["opmerking"]).subscriber.id
    claims = webhooks.register(seeded, "http://127.0.0.1:9/opgevolgd", ["opgevolgd", "geverifieerd"]).subscriber.id
    noted = remark(seeded, "Na het aanmelden.")
    created = recording.record(seeded, NewEvent("munitiebeheer-a99", "aangemaakt", {
        "kind": "aanbeveling", "title": "Nieuwe aanbeveling", "parent": "munitiebeheer"}, "beheer")).event.seq
    claimed = recording.record(seeded, NewEvent("munitiebeheer-a10", "opgevolgd", {"toelichting": "Afgerond."},
                                                "beheer")).event.seq
    webhooks.remove(seeded, remarks)
    later = remark(seeded, "Na het verwijderen.")
    rows = {(r.subscriber_id, r.seq) for r in webhook_store.outbox(seeded.engine)}
    assert rows == {(everything, noted), (everything, created), (everything, claimed), (everything, later),
                    (remarks, noted), (claims, claimed)}
    assert before < noted and not any(seq == before for _, seq in rows)


def test_an_append_that_is_rolled_back_leaves_no_outbox_row(seeded):
    webhooks.register(seeded, "http://127.0.0.1:9/alles")
    start = head(seeded)
    with pytest.raises(TrackerError):  # the second event is refused: neither is written, nor its outbox row
        recording.record_many(seeded, [NewEvent(ITEM, "opmerking", {"toelichting": "Eerste."}, "beheer"),
                                       NewEvent(ITEM, "bestaat_niet", {}, "beheer")])
    with pytest.raises(TrackerError):  # a stale version
        recording.record(seeded, NewEvent(ITEM, "opmerking", {"toelichting": "Oud."}, "beheer", expected_version=1))
    assert head(seeded) == start
    assert webhook_store.outbox(seeded.engine) == []
    written = remark(seeded, "Nu wel.")
    assert [(r.seq, r.delivered_at) for r in webhook_store.outbox(seeded.engine)] == [(written, None)]


def test_a_non_beheerder_is_refused_by_the_service(seeded):
    with pytest.raises(NotAllowed):
        webhooks.register(seeded, "https://x.example.nl/", by=Actor("e", "eigenaar", "munitiebeheer"))


# --- delivery -------------------------------------------------------------------------------------------------

def test_each_event_arrives_once_in_order_signed_with_the_subscribers_secret(seeded, webhook_receiver):  # noqa: F811
    receiver = webhook_receiver()
    registered = webhooks.register(seeded, receiver.url)
    seqs = [remark(seeded, f"Opmerking {n}.") for n in range(5)]
    outcome = webhook_delivery.deliver(seeded, FAST)
    assert (outcome.delivered, outcome.failed) == (5, [])
    assert [r.seq for r in receiver.received] == seqs
    with seeded.read() as connection:
        stored = {e.seq: e for e in event_store.of_item(connection, ITEM)}
    for request, seq in zip(receiver.received, seqs, strict=True):
        payload = request.verified(registered.secret)
        assert request.headers["webhook-id"] == f"msg_{seq}"
        assert request.headers["content-type"] == "application/json"
        assert payload["type"] == "opmerking" and payload["timestamp"].endswith("Z")
        data = payload["data"]
        assert (data["seq"], data["item"], data["type"], data["actor"]) == (seq, ITEM, "opmerking", "beheer")
        event = stored[seq]
        assert (data["hash"], data["data"], data["occurred_on"], data["recorded_at"]) == (
            event.hash, event.data, event.occurred_on.isoformat(), event.recorded_at.isoformat() + "Z")
    with pytest.raises(WebhookVerificationError):
        receiver.received[0].verified(webhooks.new_secret())  # another secret does not verify
    assert webhook_delivery.deliver(seeded, FAST).delivered == 0  # nothing twice
    rows = webhook_store.outbox(seeded.engine)
    assert [(r.attempts, r.status) for r in rows] == [(1, 200)] * 5 and all(r.delivered_at for r in rows)
    [subscriber] = webhooks.overview(seeded)
    assert (subscriber.delivered_through, subscriber.pending) == (seqs[-1], 0)


@pytest.mark.parametrize("behaviour, error", [
    (Behaviour(status=500), "HTTP 500"),
    (Behaviour(status=302, location="http://127.0.0.1:9/elders"), "HTTP 302"),
    (Behaviour(status=404), "HTTP 404"),
    (Behaviour(delay=0.5), "geen antwoord binnen 0.2 s"),
])
def test_only_a_2xx_answer_counts_and_failures_back_off_mark_failing_and_catch_up(seeded_app, webhook_receiver,  # noqa: F811
                                                                                  behaviour, error):
    tracker = seeded_app.extensions["tracker"]
    receiver = webhook_receiver(behaviour=behaviour)
    subscriber = webhooks.register(tracker, receiver.url).subscriber.id
    seqs = [remark(tracker, f"Opmerking {n}.") for n in range(3)]
    settings = webhook_delivery.Settings(timeout=0.2, first_wait=30, max_wait=60, failing_after=3)
    for attempt in range(1, 4):
        outcome = webhook_delivery.deliver(tracker, settings)
        assert outcome.delivered == 0 and [(s, q) for s, q, _ in outcome.failed] == [(subscriber, seqs[0])]
        assert error in outcome.failed[0][2], outcome
        [shown] = webhooks.overview(tracker)
        assert (shown.failures, webhooks.status(shown)) == (attempt, "faalt" if attempt >= 3 else "actief")
        wait = (shown.next_attempt_at - webhook_delivery.utc_now()).total_seconds()
        expected = min(30 * 2 ** (attempt - 1), 60)  # doubling, capped
        assert expected - 5 < wait <= expected and shown.pending == 3
        assert webhook_delivery.deliver(tracker, settings).failed == []  # not due yet: no attempt
        _due_now(tracker)
    assert outcome.now_failing == [subscriber]
    listed = json.loads(cli(seeded_app, "webhook", "list", "--format", "json").stdout)
    assert listed[0]["status"] == "faalt" and error in listed[0]["last_error"] and listed[0]["failing_since"]
    assert "faalt sinds" in cli(seeded_app, "webhook", "list").output
    assert {r.seq for r in receiver.received} == {seqs[0]}  # never the next one before the first arrived
    receiver.behaviour = Behaviour()
    recovered = webhook_delivery.deliver(tracker, settings)
    assert (recovered.delivered, recovered.recovered) == (3, [subscriber])
    assert first_arrivals(receiver.received) == seqs
    assert {r.headers["webhook-id"] for r in receiver.received if r.seq == seqs[0]} == {f"msg_{seqs[0]}"}
    [shown] = webhooks.overview(tracker)
    assert (webhooks.status(shown), shown.failures, shown.pending) == ("actief", 0, 0)
    first = webhook_store.outbox(tracker.engine)[0]
    assert first.attempts == 4 and first.status == 200 and error in (first.error or "")


def _due_now(tracker) -> None:
    """Skip the back-off wait: the subscriber's next attempt is due now."""
    with tracker.engine.begin() as connection:
        connection.execute(update(webhook_subscribers).values(next_attempt_at=None))


def test_back_off_doubles_up_to_its_cap():
    settings = webhook_delivery.Settings(first_wait=1, max_wait=300)
    assert [webhook_delivery.wait_after(n, settings) for n in (1, 2, 3, 4, 9, 10, 50)] == [1, 2, 4, 8, 256, 300, 300]


def test_a_pass_sends_one_subscriber_a_bounded_number_so_the_next_gets_its_turn(seeded, webhook_receiver):  # noqa: F811
    busy, quiet = webhook_receiver(), webhook_receiver()
    webhooks.register(seeded, busy.url)
    seqs = [remark(seeded, f"Opmerking {n}.") for n in range(5)]
    webhooks.register(seeded, quiet.url)
    last = remark(seeded, "Voor beide.")
    settings = webhook_delivery.Settings(timeout=2, per_pass=3)
    assert webhook_delivery.deliver(seeded, settings).delivered == 4  # three to the busy one, one to the quiet one
    assert (busy.seqs(), quiet.seqs()) == (seqs[:3], [last])
    assert webhook_delivery.deliver(seeded, settings).delivered == 3
    assert busy.seqs() == seqs + [last]


def test_a_removed_subscriber_is_sent_nothing_more(seeded, webhook_receiver):  # noqa: F811
    receiver = webhook_receiver()
    subscriber = webhooks.register(seeded, receiver.url).subscriber.id
    remark(seeded, "Een.")
    webhooks.remove(seeded, subscriber)
    assert webhook_delivery.deliver(seeded, FAST).delivered == 0 and receiver.received == []


def test_two_delivery_processes_at_once_never_send_one_subscriber_two_streams(seeded, webhook_receiver):  # noqa: F811
    receivers = [webhook_receiver(behaviour=Behaviour(delay=0.002)) for _ in range(3)]
    for receiver in receivers:
        webhooks.register(seeded, receiver.url)
    seqs = [remark(seeded, f"Opmerking {n}.") for n in range(40)]
    first = webhooks.overview(seeded)[0].id
    now = webhook_delivery.utc_now()
    assert webhook_store.claim(seeded.engine, first, "proces-a", now, now + timedelta(minutes=1)) is not None
    assert webhook_store.claim(seeded.engine, first, "proces-b", now, now + timedelta(minutes=1)) is None
    webhook_store.release(seeded.engine, first, "proces-a")
    assert webhook_store.claim(seeded.engine, first, "proces-b", now, now + timedelta(minutes=1)) is not None
    webhook_store.release(seeded.engine, first, "proces-b")

    def worker():
        while any(s.pending for s in webhooks.overview(seeded)):
            webhook_delivery.deliver(seeded, FAST)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for receiver in receivers:
        assert [r.seq for r in receiver.received] == seqs  # each exactly once, in order


def test_a_lease_left_by_a_process_that_died_runs_out(seeded, webhook_receiver):  # noqa: F811
    receiver = webhook_receiver()
    subscriber = webhooks.register(seeded, receiver.url).subscriber.id
    seq = remark(seeded, "Een.")
    now = webhook_delivery.utc_now()
    assert webhook_store.claim(seeded.engine, subscriber, "gestorven", now, now + timedelta(minutes=5))
    assert webhook_delivery.deliver(seeded, FAST).delivered == 0  # still held
    assert webhook_store.claim(seeded.engine, subscriber, "gestorven", now - timedelta(minutes=10),
                               now - timedelta(seconds=1))  # as if its lease ran out a second ago
    assert webhook_delivery.deliver(seeded, FAST).delivered == 1 and receiver.seqs() == [seq]


def test_the_delivery_command_runs_one_pass_and_says_what_it_did(seeded_app, webhook_receiver):  # noqa: F811
    tracker = seeded_app.extensions["tracker"]
    receiver = webhook_receiver()
    webhooks.register(tracker, receiver.url)
    remark(tracker, "Een.")
    remark(tracker, "Twee.")
    ran = cli(seeded_app, "webhooks-bezorgen", "--eenmaal")
    assert ran.exit_code == 0 and "2 bezorgd, 0 mislukt." in ran.output, ran.output
    receiver.stop()
    remark(tracker, "Drie.")
    failed = cli(seeded_app, "webhooks-bezorgen", "--eenmaal", "--timeout", "1")
    assert failed.exit_code == 1 and "niet bereikbaar" in failed.output and "0 bezorgd, 1 mislukt." in failed.output
