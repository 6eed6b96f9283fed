"""A webhook receiver for tests: an HTTP server on a localhost port (http.server, in a thread) that keeps every
request it is sent, answering each with the status it is told to (200 unless told otherwise).

`webhook_receiver(port=None, received=None)` starts one; it stops at the end of the test. `stop()` closes the
port (a sender then finds nobody listening), and a new receiver started on the same port with the same `received`
list carries on where the old one left off.
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from standardwebhooks import Webhook


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)

    @property
    def seq(self) -> int:
        return self.json["data"]["seq"]

    def verified(self, secret: str) -> dict:
        """The payload, after the signature was checked with the library the sender signs with (raises if not)."""
        return Webhook(secret).verify(self.body, self.headers)


@dataclass
class Behaviour:
    status: int = 200
    delay: float = 0.0  # seconds before answering (a slow receiver)
    location: str | None = None  # for a redirect


class _Server(ThreadingHTTPServer):
    allow_reuse_address = True  # restart on the same port at once, however the last connection ended
    daemon_threads = True


class Receiver:
    def __init__(self, port: int = 0, received: list[Request] | None = None, behaviour: Behaviour | None = None):
        self.received: list[Request] = received if received is not None else []
        self.behaviour = behaviour or Behaviour()
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's hook name)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with receiver.lock:
                    receiver.received.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()},
                                                     body))
                behaviour = receiver.behaviour
                if behaviour.delay:
                    time.sleep(behaviour.delay)
                self.send_response(behaviour.status)
                if behaviour.location:
                    self.send_header("Location", behaviour.location)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = _Server(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/webhook"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        if self.thread.is_alive():
            self.server.shutdown()
            self.server.server_close()
            self.thread.join(timeout=10)

    def seqs(self) -> list[int]:
        with self.lock:
            return [r.seq for r in self.received]


@dataclass
class Receivers:
    started: list[Receiver] = field(default_factory=list)

    def __call__(self, port: int = 0, received: list[Request] | None = None,
                 behaviour: Behaviour | None = None) -> Receiver:
        receiver = Receiver(port, received, behaviour)
        self.started.append(receiver)
        return receiver


@pytest.fixture
def webhook_receiver():
    receivers = Receivers()
    yield receivers
    for receiver in receivers.started:
        receiver.stop()


def first_arrivals(received: list[Request]) -> list[int]:
    """The sequence numbers in the order they first arrived (repeats of an earlier message left out)."""
    seen: set[int] = set()
    order = []
    for request in received:
        if request.seq not in seen:
            seen.add(request.seq)
            order.append(request.seq)
    return order
