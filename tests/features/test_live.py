"""Steps for live updates: what the page's script does, done through the same surface. An open page listens on
the address its markers name (data-live-bron) and, on an event that concerns it, fetches the address they name
(data-live-pagina) again; an API client holds the stream with its token. Each stream is held open in its own
thread, as a browser holds it, from the moment the scenario opens it."""
from __future__ import annotations

import html as markup
import json
import re
import threading
import time

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.features.personas import plain
from tests.sse import Stream

scenarios("live/live.feature")


class Listening:
    """A client holding a stream open, collecting the events it hears until it is closed."""

    def __init__(self, client, url: str, headers: dict | None = None):
        self.events: list[dict] = []
        self.status: int | None = None
        self.opened, self.stop = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold, args=(client, url, headers or {}), daemon=True)
        self.thread.start()
        # The stream starts where it stands when it answers: what is recorded after this is heard.
        assert self.opened.wait(30) and self.status == 200, self.status

    def _hold(self, client, url: str, headers: dict) -> None:
        response = client.get(url, headers=headers, buffered=False)
        self.status = response.status_code
        self.opened.set()
        if self.status != 200:
            return
        stream = Stream(response)
        try:
            for block in stream.blocks():
                if "data" in block:
                    self.events.append(stream_event(block))
                if self.stop.is_set():
                    return
        finally:
            stream.close()

    def heard(self, count: int, seconds: float = 20) -> list[dict]:
        """The events heard once there are `count` of them (or after `seconds`, however many there are)."""
        deadline = time.monotonic() + seconds
        while len(self.events) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return list(self.events)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10)


def stream_event(block: dict) -> dict:
    body = json.loads(block["data"])
    assert block["event"] == "gebeurtenis" and int(block["id"]) == body["seq"], block
    return body


@pytest.fixture
def listening(people):
    """Streams held open during a scenario: long enough to outlast it, pinging often so they close promptly."""
    people.app.config.update(STREAM_SECONDS=60, STREAM_HEARTBEAT_SECONDS=0.1)
    held: list[Listening] = []
    yield held
    for stream in held:
        stream.close()


def marker(page: str, name: str) -> str:
    found = re.search(rf'{name}="([^"]+)"', page)
    assert found, f"de pagina heeft geen {name}"
    return markup.unescape(found.group(1))


def headline(page: str, topic: str) -> str:
    """The figure on the card of this topic, from the region the script swaps."""
    cards = page[page.index('data-live="kaarten"'):]
    card = next(c for c in cards.split('<section class="card"')[1:] if f">{topic}</a></h2>" in c)
    return plain(re.search(r'<p class="card__headline"[^>]*>(.*?)</p>', card, re.S).group(1)).strip()


# --- the situation ------------------------------------------------------------------------------------------

@given("ik heb het dashboard open")
def dashboard_open(people, listening):
    page = people.current.page("/")
    people.seen["pagina"] = page
    people.seen["adres"] = marker(page, "data-live-pagina")
    listening.append(Listening(people.current.web, marker(page, "data-live-bron")))
    people.seen["stroom"] = listening[-1]


@given("ik volg de gebeurtenissen live")
def follow(people, listening):
    listening.append(Listening(people.current.api, "/api/v1/events/stream", people.current.headers()))
    people.seen["stroom"] = listening[-1]


@given(parsers.parse('het dashboard toont bij "{topic}" "{figure}"'))
def dashboard_shows(people, topic, figure):
    assert headline(people.seen["pagina"], topic) == figure


# --- what others do -----------------------------------------------------------------------------------------

@when(parsers.parse('de eigenaar van "{scope}" "{title}" als "{state}" meldt'))
def owner_claims(people, scope, title, state):
    owner = people.persona("eigenaar", people.key(scope))
    answer = owner.claim(people.key(title), state.replace(" ", "_"), {"toelichting": "Afgerond volgens plan."})
    assert answer.status_code == 201, answer.json


@when(parsers.parse('de beheerder bij "{title}" de opmerking "{text}" plaatst'))
def beheerder_remarks(people, title, text):
    answer = people.persona("beheerder").record(people.key(title), "opmerking", {"toelichting": text})
    assert answer.status_code == 201, answer.json


# --- what the open page and the client hear -----------------------------------------------------------------

@then(parsers.parse('hoort het open dashboard dat "{label}" is vastgelegd bij "{title}"'))
def dashboard_hears(people, label, title):
    key = people.key(title)
    events = people.seen["stroom"].heard(1)
    assert [(e["item"], e["label"]) for e in events] == [(key, label)], events
    assert events[0]["title"] == people.title(key) and events[0]["actor_name"]
    # Every event concerns the dashboard: the script fetches the page again.
    people.seen["bijgewerkt"] = people.current.page(people.seen["adres"])


@then(parsers.parse('toont het bijgewerkte dashboard bij "{topic}" "{figure}"'))
def updated_dashboard_shows(people, topic, figure):
    assert headline(people.seen["bijgewerkt"], topic) == figure


@then(parsers.parse('hoor ik live alleen de opmerking "{text}" bij "{title}"'))
def only_mine(people, text, title):
    # Events arrive in the order they were recorded: anything out of scope, recorded first, would be heard first.
    events = people.seen["stroom"].heard(1)
    assert [(e["item"], e["type"], e["data"].get("toelichting")) for e in events] == [
        (people.key(title), "opmerking", text)], events
