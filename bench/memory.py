"""Worker memory under gunicorn while the dashboard is asked for 1,000 distinct peildata.

Each worker keeps rendered dashboards in a bounded read cache (64 entries, least recently used first out), so
its memory must stay flat however many distinct peildata are asked: the growth of each worker's resident memory
(VmRSS) from after one warm-up request to after the 1,000 peildata, the largest over the workers, against a
limit of 10 MB (target: ratio ≥ 1). The seeded database on SQLite; the requests come one at a time.
"""
from __future__ import annotations

import argparse
import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

from bench import http as load
from bench.common import print_results, result, scratch_dir, scratch_tracker
from bench.scale import PASSWORD, signed_in_cookie
from tracker import PROJECT_ROOT
from tracker.services import accounts, seeding

PEILDATA = 1000
FIRST = date(2020, 1, 1)
LIMIT_MB = 10.0


def worker_rss_mb(master_pid: int) -> dict[int, float]:
    """Resident memory of each gunicorn worker (the master's children), in MB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return {int(pid): int(re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text()).group(1)) / 1024
            for pid in children}


def ask(url: str, cookie: str) -> None:
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookie}), timeout=120) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")


def run(quick: bool = False) -> list[dict]:
    tracker = scratch_tracker(scratch_dir("tracker-memory-"))
    seeding.seed(tracker, PROJECT_ROOT / "seed")
    accounts.create(tracker, "bench", "beheerder")
    accounts.set_password(tracker, "bench", PASSWORD)
    env = {"TRACKER_DATABASE_URL": str(tracker.engine.url), "PYTHONPATH": str(PROJECT_ROOT)}
    tracker.engine.dispose()
    server, url = load.serve("wsgi:app", env)
    try:
        cookie = signed_in_cookie(url)
        with ThreadPoolExecutor(2) as pool:  # both workers warm: code loaded, one dashboard rendered
            list(pool.map(lambda _: ask(f"{url}/?peildatum={FIRST.isoformat()}", cookie), range(8)))
        before = worker_rss_mb(server.pid)
        days = [FIRST + timedelta(days=offset + 1) for offset in range(PEILDATA)]
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda day: ask(f"{url}/?peildatum={day.isoformat()}", cookie), days))
        after = worker_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    growth = max(after[pid] - before.get(pid, after[pid]) for pid in after)
    return [result("memory.dashboard_1000_peildata.worker_growth", max(growth, 0.01), "MB", LIMIT_MB, 1.0,
                   lower_is_better=True)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    print_results(run(parser.parse_args().quick))
