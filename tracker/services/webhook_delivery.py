"""Delivering webhooks from the outbox, in a process of its own (`tracker webhooks-bezorgen`).

Per subscriber, in the order of the log, at least once: an event is sent only when every earlier one has arrived,
and only a 2xx answer counts. A failure stops that subscriber and schedules its next attempt with exponential
back-off (doubling from `first_wait` up to `max_wait`); after `failing_after` failures in a row it is marked
failing, and it is still tried at the capped interval, so when it returns it catches up from where it stopped.
Each message is signed as Standard Webhooks prescribes, by the `standardwebhooks` library.
"""
from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import DBAPIError
from standardwebhooks import Webhook

from tracker.storage import webhook_store
from tracker.storage.webhook_store import Claim, Message

from .context import Tracker

MAX_ANSWER = 64 * 1024  # what is read of a receiver's answer (its body says nothing we keep)
LEASE_MARGIN = timedelta(seconds=30)  # beyond the HTTP timeout: how long a claim outlives a stalled process
USER_AGENT = "Volgsysteem-verbetertrajecten-webhooks/1"


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0  # seconds for one HTTP call, connecting included
    first_wait: float = 1.0  # seconds before the first retry
    max_wait: float = 300.0  # the cap of the back-off: a subscriber that is down is tried this often
    failing_after: int = 5  # failures in a row that mark a subscriber failing
    batch: int = 100  # outbox rows read at once
    per_pass: int = 1000  # events sent to one subscriber before the next gets its turn (the next pass goes on)


@dataclass
class Outcome:
    """What one pass did."""

    delivered: int = 0
    failed: list[tuple[int, int, str]] = field(default_factory=list)  # (subscriber, seq, error)
    now_failing: list[int] = field(default_factory=list)
    recovered: list[int] = field(default_factory=list)
    database_error: str | None = None  # the pass could not read or write the outbox


def utc_now() -> datetime:
    """Real time, even where the tracker's clock is pinned: leases, back-off and the signed timestamp (which the
    receiver checks against its own clock) need it."""
    return datetime.now(UTC).replace(tzinfo=None)


def process_name() -> str:
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"


def wait_after(failures: int, settings: Settings) -> float:
    """Seconds until the next attempt after this many failures in a row: 1, 2, 4, ... up to the cap."""
    return min(settings.max_wait, settings.first_wait * 2 ** min(max(failures - 1, 0), 30))


def message_id(seq: int) -> str:
    """The `webhook-id`: the same for every attempt of one event, so a receiver can drop a repeat."""
    return f"msg_{seq}"


def body(message: Message) -> str:
    """The JSON sent: the Standard Webhooks envelope around the event as the log holds it."""
    recorded = message.recorded_at.isoformat(timespec="microseconds") + "Z"
    return json.dumps({
        "type": message.type,
        "timestamp": recorded,
        "data": {"seq": message.seq, "item": message.item, "type": message.type, "data": message.data,
                 "actor": message.actor, "occurred_on": message.occurred_on.isoformat(), "recorded_at": recorded,
                 "hash": message.hash},
    }, ensure_ascii=False, separators=(",", ":"))


def headers(secret: str, msg_id: str, text: str, at: datetime) -> dict[str, str]:
    signed = at.replace(microsecond=0)
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(signed.replace(tzinfo=UTC).timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id, signed, text),
    }


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # a redirect is an answer, not a delivery: only 2xx counts


_OPENER = urllib.request.build_opener(_NoRedirects)


def post(url: str, text: str, sent_headers: dict[str, str], timeout: float) -> tuple[int | None, str | None]:
    """(HTTP status or None, error or None): error None means delivered (a 2xx answer)."""
    request = urllib.request.Request(url, data=text.encode("utf-8"), method="POST", headers=sent_headers)
    try:
        # Reviewed (B310): the URL was checked to be http(s) when a beheerder registered it.
        with _OPENER.open(request, timeout=timeout) as answer:  # nosec B310
            answer.read(MAX_ANSWER)
            status = answer.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, f"HTTP {error.code} {error.reason}".strip()
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            return None, f"geen antwoord binnen {timeout:g} s"
        return None, f"niet bereikbaar: {error.reason}"
    except TimeoutError:
        return None, f"geen antwoord binnen {timeout:g} s"
    except (http.client.HTTPException, OSError, ValueError) as error:
        return None, f"mislukt: {type(error).__name__}: {error}"
    if 200 <= status < 300:
        return status, None
    return status, f"HTTP {status}"


def _serve(tracker: Tracker, claim: Claim, settings: Settings, owner: str, outcome: Outcome,
           stop: threading.Event | None) -> None:
    """Send what waits for one claimed subscriber, in order, until it is done, fails, or the lease is lost."""
    engine, after, sent = tracker.engine, claim.delivered_through, 0
    failures, failing_since = claim.failures, claim.failing_since
    while (stop is None or not stop.is_set()) and sent < settings.per_pass:
        messages = webhook_store.pending(engine, claim.id, after, min(settings.batch, settings.per_pass - sent))
        if not messages:
            return
        for message in messages:
            text = body(message)
            status, error = post(claim.url, text, headers(claim.secret, message_id(message.seq), text, utc_now()),
                                 settings.timeout)
            done = utc_now()
            if error is None:
                lease = done + timedelta(seconds=settings.timeout) + LEASE_MARGIN
                if not webhook_store.delivered(engine, claim.id, message.seq, done, status or 200, owner, lease):
                    return  # removed meanwhile, or another process took over and sends from where it stands
                outcome.delivered += 1
                sent += 1
                if failing_since is not None:
                    outcome.recovered.append(claim.id)
                after, failures, failing_since = message.seq, 0, None
                if stop is not None and stop.is_set():
                    return
                continue
            failures += 1
            if failing_since is None and failures >= settings.failing_after:
                failing_since = done
                outcome.now_failing.append(claim.id)
            webhook_store.failed(engine, claim.id, message.seq, done, status, error[:1000], owner, failures,
                                 failing_since, done + timedelta(seconds=wait_after(failures, settings)))
            outcome.failed.append((claim.id, message.seq, error))
            return


def deliver(tracker: Tracker, settings: Settings | None = None, owner: str | None = None,
            stop: threading.Event | None = None) -> Outcome:
    """One pass: every subscriber that is due gets what waits for it (or one failed attempt)."""
    settings = settings or Settings()
    owner = owner or process_name()
    outcome = Outcome()
    for subscriber in webhook_store.due(tracker.engine, utc_now()):
        if stop is not None and stop.is_set():
            break
        now = utc_now()
        claim = webhook_store.claim(tracker.engine, subscriber, owner, now,
                                    now + timedelta(seconds=settings.timeout) + LEASE_MARGIN)
        if claim is None:
            continue  # another process is sending to it
        try:
            _serve(tracker, claim, settings, owner, outcome, stop)
        finally:
            webhook_store.release(tracker.engine, subscriber, owner)
    return outcome


def run(tracker: Tracker, settings: Settings, stop: threading.Event, interval: float = 1.0,
        report: Callable[[Outcome], None] = lambda outcome: None) -> None:
    """Deliver until `stop` is set: a pass, then (when it found nothing to do) a pause of `interval` seconds."""
    owner = process_name()
    while not stop.is_set():
        try:
            outcome = deliver(tracker, settings, owner, stop)
        except DBAPIError as error:  # the database is away for a moment: keep the process, try again
            outcome = Outcome(database_error=str(error.orig or error).splitlines()[0][:300])
        report(outcome)
        if not outcome.delivered:
            stop.wait(interval)
