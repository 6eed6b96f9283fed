"""HTTP throughput under gunicorn (2 workers) against a Flask hello-world under the same settings.

GET /api/v1/topics (target ≥ 0.5 of hello-world's requests/s) and POST of events (target ≥ 0.2).
The load comes from wrk (Debian package `wrk`), 2 threads; the server and wrk share the machine.
"""
from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.common import print_results, result, scratch_dir, scratch_tracker
from tracker import PROJECT_ROOT
from tracker.services import accounts, seeding

GUNICORN = [sys.executable, "-m", "gunicorn", "--workers", "2", "--log-level", "warning"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(app: str, env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(GUNICORN + ["--bind", f"127.0.0.1:{port}", app], cwd=PROJECT_ROOT,
                               env={**os.environ, "TRACKER_SECRET_KEY": secrets.token_urlsafe(48), **env})
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            break
        except Exception:
            time.sleep(0.1)
    return process, url


def wrk(url: str, seconds: int, connections: int, headers: dict, script: str | None = None, args=()) -> float:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url] + (["--", *args] if args else []), capture_output=True, text=True,
                            check=True).stdout
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if bad:
        raise RuntimeError(f"{bad.group(1)} failed requests against {url}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def run(quick: bool = False) -> list[dict]:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk ontbreekt: installeer het Debian-pakket 'wrk' (make bench doet dat als root).")
    seconds = 3 if quick else 10
    directory = scratch_dir("tracker-http-")
    tracker = scratch_tracker(directory)
    seeding.seed(tracker, PROJECT_ROOT / "seed")
    accounts.create(tracker, "bench", "beheerder")
    token = accounts.new_token(tracker, "bench")
    env = {"TRACKER_DATABASE_URL": str(tracker.engine.url), "PYTHONPATH": str(PROJECT_ROOT)}
    tracker.engine.dispose()
    auth = {"Authorization": f"Bearer {token}"}
    script = str(Path(__file__).with_name("post_events.lua"))
    ours, ours_url = serve("wsgi:app", env)
    hello, hello_url = serve("bench.hello:create_app()", env)
    try:
        figures = {}
        for name, url in (("hello", hello_url), ("ours", ours_url)):
            figures[name, "get"] = wrk(f"{url}/api/v1/topics", seconds, 8, auth)
            figures[name, "post"] = wrk(url, seconds, 4, {}, script, ["munitiebeheer", token, name])
    finally:
        for process in (ours, hello):
            process.terminate()
            process.wait(timeout=10)
    return [
        result("http.hello_get", figures["hello", "get"], "req/s", None, 0),
        result("http.get_topics", figures["ours", "get"], "req/s", figures["hello", "get"], 0.5),
        result("http.hello_post", figures["hello", "post"], "req/s", None, 0),
        result("http.post_events", figures["ours", "post"], "req/s", figures["hello", "post"], 0.2),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    print_results(run(parser.parse_args().quick))
