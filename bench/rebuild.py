"""Rebuild rate: throw the projections away and replay every event (target ≥ 100,000 events/s)."""
from __future__ import annotations

import argparse
import time

from bench.common import load, print_results, result, scratch_tracker, status_event, tree
from tracker.services import integrity

TARGET_RATE = 100_000


def populate(tracker, events: int) -> int:
    onv, per = 100, 20  # 2,000 recommendations under 100 onvolkomenheden
    commands = tree("r", onv, per)
    keys = [f"r-o{o}-a{a}" for o in range(onv) for a in range(per)]
    i = 0
    while len(commands) < events:
        commands.append(status_event(keys[i % len(keys)], i // len(keys)))
        i += 1
    load(tracker, commands, batch=20_000)
    return len(commands)


def run(quick: bool = False) -> list[dict]:
    events = 100_000 if quick else 200_000
    tracker = scratch_tracker()
    count = populate(tracker, events)
    started = time.perf_counter()
    integrity.rebuild(tracker)
    rate = count / (time.perf_counter() - started)
    return [result("rebuild.rate", rate, "events/s", TARGET_RATE, 1.0)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    print_results(run(parser.parse_args().quick))
