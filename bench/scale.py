"""The tracker at scale: the generated data set (100,000 or 1,000,000 events) on SQLite and PostgreSQL.

Per database and size: rebuild rate; each of the four reports as of a peildatum; GET of the dashboard and
of /api/v1/topics under gunicorn (2 workers, 8 connections, wrk) against a Flask hello-world under the same
settings (p95 latency and requests/s); the p95 latency of three API reads as of a peildatum, answered from
the items' histories (one recommendation, the first page of a topic's onvolkomenheden, an onvolkomenheid's
dependency graph): computed on every request (another peildatum each time; one connection, and with 8 as a
figure without a target) and kept (the same peildatum, 8 connections: computed once per head of the log); the
peak memory of a worker. Every figure goes to results.json.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import re
import secrets
import statistics
import subprocess
import time
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

from bench import http as load
from bench.common import clean_up_later, print_results, result, scratch_dir
from bench.generate import generate
from tracker import PROJECT_ROOT, create_app
from tracker.services import accounts, integrity, reporting, transfer
from tracker.storage.database import create_schema

REPORTS = ("onvolkomenheden", "cio-oordelen", "nigs", "open-op-orde")
PEILDATUM = date(2025, 12, 31)
P95 = Path(__file__).with_name("p95.lua")
PEILDATA = Path(__file__).with_name("peildata.lua")  # another peildatum on every request: nothing from a cache
PASSWORD = secrets.token_urlsafe(16)  # a fresh throwaway account per run
# API reads as of PEILDATUM, on keys that exist at every size of the generated data set (bench/generate.py):
# an aanbeveling, the first page of the topic's onvolkomenheden, an onvolkomenheid's dependency graph.
AS_OF = (("asof_item", "/api/v1/items/g-onv-5-a3?peildatum={day}"),
         ("asof_topic", "/api/v1/items?parent=g-onv&peildatum={day}&page_size=50"),
         ("asof_graph", "/api/v1/items/g-onv-5/graph?peildatum={day}"))


def fresh_database(backend: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{Path(scratch_dir('tracker-scale-')) / 'scale.db'}"
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = make_url(subprocess.run([str(PROJECT_ROOT / "tests" / "postgres.sh"), "start"], capture_output=True,
                                     text=True, check=True).stdout.strip())
    name = f"scale_{int(time.time() * 1000)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    clean_up_later(lambda: _drop(server, name))
    return server.set(database=name).render_as_string(hide_password=False)


def _drop(server, name: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def settle(tracker) -> None:
    """Let the database finish writing the bulk load before a timed step: otherwise the rebuild pays for the
    import's dirty pages (PostgreSQL's checkpointer, SQLite's write-ahead log) on a 2-core machine."""
    with tracker.engine.connect() as connection:
        if tracker.engine.dialect.name == "postgresql":
            connection.exec_driver_sql("CHECKPOINT")
        else:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def loaded(backend: str, events: int) -> tuple:
    dataset = generate(events)
    url = fresh_database(backend)
    tracker = create_app({"DATABASE_URL": url}).extensions["tracker"]
    create_schema(tracker.engine)
    started = time.perf_counter()
    with dataset.open(encoding="utf-8") as lines:
        header = transfer.import_(tracker, lines)
    return url, tracker, header["events"], time.perf_counter() - started


def signed_in_cookie(base: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/aanmelden", timeout=60).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', page)
    form = urllib.parse.urlencode({"csrf_token": token.group(1) or token.group(2), "name": "bench",
                                   "password": PASSWORD}).encode()
    opener.open(f"{base}/aanmelden", data=form, timeout=600).read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def warm(url: str, headers: dict, rounds: int = 12) -> None:
    """Let each worker compute its caches before measuring (the first dashboard at 1M takes seconds)."""
    subprocess.run(["wrk", "-t2", "-c2", "-d1s", "--timeout", "120s"]
                   + [x for k, v in headers.items() for x in ("-H", f"{k}: {v}")] + [url], capture_output=True)
    for _ in range(rounds):
        request = urllib.request.Request(url, headers=headers)
        urllib.request.urlopen(request, timeout=300).read()


def measure(url: str, seconds: int, headers: dict, script: Path = P95, args: tuple = (),
            connections: int = 8) -> tuple[float, float]:
    """(requests/s, p95 in ms) with 8 connections (or as many as given; at least one per wrk thread)."""
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    if args:
        command += ["--", *args]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise RuntimeError(output)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p95 = float(re.search(r"p95_us=([\d.]+)", output).group(1)) / 1000
    return rps, p95


def worker_peak_mb(master: subprocess.Popen) -> float:
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return max(peaks)


def http_figures(url: str, tracker, seconds: int, prefix: str) -> list[dict]:
    accounts.create(tracker, "bench", "beheerder")
    accounts.set_password(tracker, "bench", PASSWORD)
    token = accounts.new_token(tracker, "bench")
    env = {"TRACKER_DATABASE_URL": url, "PYTHONPATH": str(PROJECT_ROOT)}
    ours, ours_url = load.serve("wsgi:app", env)
    hello, hello_url = load.serve("bench.hello:create_app()", env)
    out = []
    try:
        api = {"Authorization": f"Bearer {token}"}
        page = {"Cookie": signed_in_cookie(ours_url)}
        dashboard = f"{ours_url}/?peildatum={PEILDATUM.isoformat()}"
        warm(f"{ours_url}/api/v1/topics", api)
        warm(dashboard, page)
        warm(hello_url + "/", {})
        hello_rps, hello_p95 = measure(hello_url + "/", seconds, {})
        measured = {}
        for name, target, headers in (("topics", f"{ours_url}/api/v1/topics", api), ("dashboard", dashboard, page)):
            rps, p95 = measured[name] = measure(target, seconds, headers)
            out.append(result(f"{prefix}.http.{name}.p95", p95, "ms", 50.0, 1.0, lower_is_better=True))
            out.append(result(f"{prefix}.http.{name}.rps", rps, "req/s", hello_rps, 0.5))
        for name, path in AS_OF:
            # Computed on every request (each asks another peildatum of 2025): what one reader looking back
            # waits, one request at a time; and, not a target, the same with 8 connections at once.
            _, p95 = measure(ours_url, seconds, api, PEILDATA, (path,), connections=1)
            out.append(result(f"{prefix}.http.{name}.p95", p95, "ms", 50.0, 1.0, lower_is_better=True))
            _, p95 = measure(ours_url, seconds, api, PEILDATA, (path,))
            out.append(result(f"{prefix}.http.{name}.p95_8_connections", p95, "ms", 50.0, 0, lower_is_better=True))
            # The same peildatum again and again, 8 connections (the board on the report date): kept per head of
            # the log after its first computation.
            target = ours_url + path.format(day=PEILDATUM.isoformat())
            warm(target, api)
            _, p95 = measure(target, seconds, api)
            out.append(result(f"{prefix}.http.{name}_kept.p95", p95, "ms", 50.0, 1.0, lower_is_better=True))
        # Not a target: the hello-world sending a body as large as the dashboard's, what sending it costs alone.
        size = len(urllib.request.urlopen(urllib.request.Request(dashboard, headers=page), timeout=60).read())
        same_size, _ = measure(f"{hello_url}/bytes/{size}", seconds, {})
        out.append(result(f"{prefix}.http.dashboard.rps_vs_hello_same_size", measured["dashboard"][0], "req/s",
                          same_size, 0))
        out.append(result(f"{prefix}.memory.worker_peak", worker_peak_mb(ours), "MB", 300.0, 1.0, lower_is_better=True))
    finally:
        for process in (ours, hello):
            process.terminate()
            process.wait(timeout=30)
    return out


def run_one(backend: str, events: int, seconds: int) -> list[dict]:
    url, tracker, count, import_seconds = loaded(backend, events)
    prefix = f"scale.{backend}.{events // 1000}k"
    out = [result(f"{prefix}.import", count / import_seconds, "events/s", None, 0)]
    settle(tracker)
    started = time.perf_counter()
    integrity.rebuild(tracker)
    out.append(result(f"{prefix}.rebuild", count / (time.perf_counter() - started), "events/s", 100_000, 1.0))
    for name in REPORTS:
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            reporting.report(tracker, name, PEILDATUM)
            timings.append(time.perf_counter() - started)
        out.append(result(f"{prefix}.report.{name}", statistics.median(timings), "s", 1.0, 1.0, lower_is_better=True))
    out += http_figures(url, tracker, seconds, prefix)
    tracker.engine.dispose()
    if backend == "postgresql":  # gone now, so its autovacuum cannot disturb the next measurement
        from sqlalchemy.engine import make_url

        database = make_url(url)
        _drop(database.set(database="postgres"), database.database)
    return out


def run(quick: bool = False, backends=("sqlite", "postgresql")) -> list[dict]:
    sizes = (100_000,) if quick else (100_000, 1_000_000)
    seconds = 3 if quick else 10
    results = []
    for events in sizes:
        for backend in backends:
            results += run_one(backend, events, seconds)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--backend", action="append")
    args = parser.parse_args()
    print_results(run(args.quick, tuple(args.backend or ("sqlite", "postgresql"))))
