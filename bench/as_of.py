"""Reads as of a peildatum against the same reads now, under gunicorn (2 workers), on the seeded database with
50,000 more events (quick: 5,000).

The extra events go through the service layer in batches, spread as a year of use would spread them: 2,000 new
aanbevelingen under the seven onvolkomenheden with their status changes (started, followed, sometimes sent back
and followed again, sometimes verified), and remarks (`opmerking`) on every aanbeveling for the rest. Each
item's dates run from its last event up to today, so the peildatum (2025-12-31) falls inside their histories.
(What an as-of read of one item costs grows with that item's own history and, for a parent, with its children;
not with the rest of the log.) Per pair, 20 sequential requests each (urllib, alternating, after 5 warm-up requests of
each) and the median latency: the read as of a peildatum (value; another day of late 2025 on every request, so
none comes from the read cache) against the same read now (limit), target
at most three times as long (ratio ≥ 0.333):

- one aanbeveling: `GET /api/v1/items/munitiebeheer-a10` (`as_of.item_vs_now`),
- an onvolkomenheid with its children: `GET /api/v1/items/munitiebeheer` (`as_of.parent_vs_now`),
- its dependency graph: `GET /api/v1/items/munitiebeheer/graph` (`as_of.graph_vs_now`).
"""
from __future__ import annotations

import argparse
import random
import statistics
import time
import urllib.request
from datetime import date, timedelta

from bench.common import load, print_results, result, scratch_dir, scratch_tracker
from bench.http import serve
from tracker import PROJECT_ROOT
from tracker.domain.events import NewEvent
from tracker.services import accounts, seeding
from tracker.storage import projection_store

PEILDATUM = date(2025, 12, 31)
PARENT = "munitiebeheer"
FIRST_NEW = date(2025, 1, 6)  # the new aanbevelingen are created from here on (after every parent's creation)
ACTOR = "bench"
TARGET = round(1 / 3, 3)  # at most three times as long as the same read now
WARM_UP, REQUESTS = 5, 20
PAIRS = (("item", f"/api/v1/items/{PARENT}-a10"),
         ("parent", f"/api/v1/items/{PARENT}"),
         ("graph", f"/api/v1/items/{PARENT}/graph"))


def spread(rng: random.Random, first: date, last: date, count: int) -> list[date]:
    """`count` dates between first and last, in order (so an item's dates never go backwards)."""
    days = max(0, (last - first).days)
    return sorted(first + timedelta(days=rng.randrange(days + 1)) for _ in range(count))


def new_recommendation(rng: random.Random, key: str, parent: str, today: date) -> list[NewEvent]:
    """A new aanbeveling under `parent` and its status changes, on dates that only move forward."""
    steps = ["gestart", "opgevolgd"]
    if rng.random() < 0.3:
        steps += ["teruggestuurd", "opgevolgd"]
    if rng.random() < 0.4:
        steps.append("geverifieerd")
    steps = steps[:rng.randrange(len(steps) + 1)]  # some are still open or underway
    on, *later = spread(rng, FIRST_NEW, today, 1 + len(steps))
    out = [NewEvent(key, "aangemaakt", {"kind": "aanbeveling", "title": f"Aanbeveling {key}", "parent": parent},
                    ACTOR, on)]
    for step, day in zip(steps, later, strict=True):
        data = {"toelichting": f"{step} ({day.isoformat()})"} if step in ("opgevolgd", "teruggestuurd") else {}
        out.append(NewEvent(key, step, data, ACTOR, day))
    return out


def extra_events(tracker, total: int, today: date) -> list[NewEvent]:
    """About `total` events, spread as a year of use would spread them: new aanbevelingen under every
    onvolkomenheid with their status changes, and remarks on every aanbeveling, old and new."""
    rng = random.Random(20251231)
    with tracker.engine.connect() as connection:
        parents = [p.item.key for p in projection_store.select_items(connection, kind="onvolkomenheid")]
        existing = {p.item.key: p.item.updated_on
                    for p in projection_store.select_items(connection, kind="aanbeveling")}
    commands: list[NewEvent] = []
    for n in range(total // 25):  # 2,000 at 50,000 events
        key = f"{parents[n % len(parents)]}-bench-{n}"
        commands += new_recommendation(rng, key, parents[n % len(parents)], today)
        existing[key] = commands[-1].occurred_on
    keys = sorted(existing)
    remarks = max(0, total - len(commands))
    per_item: dict[str, int] = {}
    for _ in range(remarks):
        key = rng.choice(keys)
        per_item[key] = per_item.get(key, 0) + 1
    for key, count in per_item.items():
        for n, day in enumerate(spread(rng, existing[key], today, count)):
            commands.append(NewEvent(key, "opmerking", {"toelichting": f"Voortgangsoverleg {n}"}, ACTOR, day))
    # The log in date order, as it would have been written; the sort is stable, so each item keeps its order.
    return sorted(commands, key=lambda c: c.occurred_on)


def elapsed_ms(url: str, headers: dict) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=120) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return (time.perf_counter() - started) * 1000


def measure(base: str, path: str, headers: dict) -> tuple[float, float]:
    """(median ms now, median ms as of a peildatum), requests alternating so both see the same machine. Each
    read as of a peildatum asks another day (counting back from PEILDATUM), so none is answered from the read
    cache: every one is computed from the histories."""
    now = base + path
    days = iter(PEILDATUM - timedelta(days=n) for n in range(WARM_UP + REQUESTS))
    for _ in range(WARM_UP):
        elapsed_ms(now, headers)
        elapsed_ms(f"{now}?peildatum={next(days).isoformat()}", headers)
    without, with_ = [], []
    for _ in range(REQUESTS):
        without.append(elapsed_ms(now, headers))
        with_.append(elapsed_ms(f"{now}?peildatum={next(days).isoformat()}", headers))
    return statistics.median(without), statistics.median(with_)


def run(quick: bool = False) -> list[dict]:
    total = 5_000 if quick else 50_000
    directory = scratch_dir("tracker-asof-")
    tracker = scratch_tracker(directory)
    seeding.seed(tracker, PROJECT_ROOT / "seed")
    load(tracker, extra_events(tracker, total, date.today()), batch=5000)
    accounts.create(tracker, "bench", "beheerder")
    token = accounts.new_token(tracker, "bench")
    env = {"TRACKER_DATABASE_URL": str(tracker.engine.url), "PYTHONPATH": str(PROJECT_ROOT)}
    tracker.engine.dispose()
    auth = {"Authorization": f"Bearer {token}"}
    process, base = serve("wsgi:app", env)
    try:
        figures = {name: measure(base, path, auth) for name, path in PAIRS}
    finally:
        process.terminate()
        process.wait(timeout=10)
    return [result(f"as_of.{name}_vs_now", with_, "ms", without, TARGET, lower_is_better=True)
            for name, (without, with_) in figures.items()]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    print_results(run(parser.parse_args().quick))
