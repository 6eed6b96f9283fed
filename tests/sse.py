"""A Server-Sent Events client for tests: reads a streamed response as an EventSource would, block by block, and
disconnects by closing it."""
from __future__ import annotations

import json


def parse(block: str) -> dict:
    """One SSE block as its fields (several data lines joined by a newline); comment lines under ''."""
    found: dict = {}
    for line in block.split("\n"):
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        found[name] = found[name] + "\n" + value if name in found else value
    return found


class Stream:
    def __init__(self, response):
        self.response = response
        self.chunks = response.iter_encoded()
        self.buffer = ""

    def blocks(self):
        for chunk in self.chunks:
            self.buffer += chunk.decode("utf-8")
            while "\n\n" in self.buffer:
                block, self.buffer = self.buffer.split("\n\n", 1)
                yield parse(block)

    def events(self):
        """Each event's data (JSON), checked against its SSE id and name."""
        for block in self.blocks():
            if "data" in block:
                assert block["event"] == "gebeurtenis", block
                body = json.loads(block["data"])
                assert int(block["id"]) == body["seq"], block
                yield body

    def close(self) -> None:
        self.response.close()
