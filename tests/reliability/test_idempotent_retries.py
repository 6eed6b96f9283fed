"""Idempotency under retries after a dropped connection: the retry gets the first answer, one event is written."""
import http.client
import io
import json
import socket
import time

from tests.documents import PDF
from tests.server import Server
from tracker.domain.access import Actor
from tracker.services import evidence, queries


def raw_post(port, path, headers, body):
    """Send the request and hang up at once, without reading the answer: a dropped connection."""
    connection = socket.create_connection(("127.0.0.1", port))
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}",
             "Content-Type: application/json", "Connection: close"] + [f"{k}: {v}" for k, v in headers.items()]
    connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
    connection.close()


def test_a_retry_after_a_dropped_connection_writes_one_event(served):
    url, tracker, token = served
    version = queries.get_item(tracker, "munitiebeheer-a10").item.version
    path = "/api/v1/items/munitiebeheer-a10/events"
    headers = {"Authorization": f"Bearer {token}", "If-Match": f'"{version}"', "Idempotency-Key": "poging-42"}
    document = evidence.store(tracker, evidence.prepare(tracker, io.BytesIO(PDF), "verslag.pdf"),
                              Actor("beheer", "beheerder"))
    body = json.dumps({"type": "opgevolgd", "data": {"toelichting": "RYLAP uitgerold",
                                                     "bewijs": [document["sha256"]]}}).encode()
    server = Server(url).start()
    try:
        raw_post(server.port, path, headers, body)  # the client never sees this answer
        answers = []
        for _ in range(3):  # the client retries, more than once
            time.sleep(0.2)
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            connection.request("POST", path, body=body, headers={**headers, "Content-Type": "application/json"})
            response = connection.getresponse()
            answers.append((response.status, json.loads(response.read())))
            connection.close()
    finally:
        server.stop()
    assert {status for status, _ in answers} == {201}
    assert len({answer["seq"] for _, answer in answers}) == 1  # always the same, first event
    history = queries.history(tracker, "munitiebeheer-a10")
    assert [e.type for e in history].count("opgevolgd") == 1
    assert (history[-1].idempotency_account, history[-1].idempotency_key) == ("beheer", "poging-42")
