"""Worker memory under gunicorn while a 25 MB document goes in and out.

One sync worker on the seeded database (SQLite). After a warm-up (one small upload and download, so the code is
loaded) its resident memory is the idle figure; then a 25 MB PDF-looking document (b"%PDF-1.4\\n" and random
bytes) is uploaded through POST /api/v1/evidence and downloaded again, both streamed on this side too (the
multipart body is a generator, the download is read in pieces and hashed). The worker's peak resident memory
during each transfer (VmHWM after resetting it through /proc/<pid>/clear_refs, and VmRSS sampled every
millisecond) is held against a limit of idle + 50 MB, measured in the same run (target: ratio ≥ 1). Streamed,
a transfer costs the worker a few MB (a chunk or two in flight); every whole copy of the document it held would
add 25 MB, so two copies, or one beside the buffers of a parser, pass the limit.
"""
from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import random
import re
import secrets
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.common import print_results, result, scratch_dir, scratch_tracker
from bench.http import free_port
from tracker import PROJECT_ROOT
from tracker.services import accounts, seeding

SIZE = 25 * 1024 * 1024  # the largest document the definitions accept
PIECE = 1024 * 1024
HEADROOM_MB = 50.0
BOUNDARY = "bench-" + secrets.token_hex(12)


def serve(env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", "1", "--worker-class", "sync", "--timeout", "300",
               "--log-level", "warning", "--bind", f"127.0.0.1:{port}", "wsgi:app"]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT,
                               env={**os.environ, "TRACKER_SECRET_KEY": secrets.token_urlsafe(48), **env})
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            return process, url
        except Exception:
            time.sleep(0.1)
    raise RuntimeError("gunicorn kwam niet op")


def worker(master: int) -> int:
    for _ in range(50):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("geen gunicorn-worker gevonden")


def memory_mb(pid: int, field: str) -> float:
    found = re.search(rf"{field}:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    return int(found.group(1)) / 1024 if found else 0.0


@contextmanager
def peak(pid: int) -> Iterator[list[float]]:
    """The worker's peak resident memory while the block runs: VmHWM after resetting it (clear_refs 5, where
    the kernel allows it), and VmRSS sampled meanwhile; the larger of the two lands in the list it yields."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        reset = True
    except OSError:
        reset = False
    samples = [memory_mb(pid, "VmRSS")]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            samples.append(memory_mb(pid, "VmRSS"))
            time.sleep(0.001)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out: list[float] = []
    try:
        yield out
    finally:
        done.set()
        thread.join()
        out.append(max(max(samples), memory_mb(pid, "VmHWM") if reset else 0.0))


def document(size: int, seed: int) -> Iterator[bytes]:
    """A PDF-looking document, one piece at a time."""
    rng = random.Random(seed)
    head = b"%PDF-1.4\n"
    yield head
    left = size - len(head)
    while left > 0:
        piece = rng.randbytes(min(PIECE, left))
        left -= len(piece)
        yield piece


def upload(url: str, token: str, size: int, seed: int) -> tuple[str, str]:
    """POST the document as multipart, the body a generator; (the digest sent, the digest the server answered)."""
    before = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"bewijs-{seed}.pdf\"\r\n"
              "Content-Type: application/pdf\r\n\r\n").encode()
    after = f"\r\n--{BOUNDARY}--\r\n".encode()
    digest = hashlib.sha256()

    def body() -> Iterator[bytes]:
        yield before
        for piece in document(size, seed):
            digest.update(piece)
            yield piece
        yield after

    host = url.removeprefix("http://")
    connection = http.client.HTTPConnection(host, timeout=300)
    connection.request("POST", "/api/v1/evidence", body=body(), headers={
        "Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
        "Content-Length": str(len(before) + size + len(after))})
    response = connection.getresponse()
    answer = response.read()
    connection.close()
    if response.status != 201:
        raise RuntimeError(f"upload: {response.status} {answer[:300]!r}")
    return digest.hexdigest(), json.loads(answer)["sha256"]


def download(url: str, token: str, sha256: str) -> tuple[str, int]:
    """GET the document, read and hashed in pieces; (its digest, its size)."""
    connection = http.client.HTTPConnection(url.removeprefix("http://"), timeout=300)
    connection.request("GET", f"/api/v1/evidence/{sha256}", headers={"Authorization": f"Bearer {token}"})
    response = connection.getresponse()
    if response.status != 200:
        raise RuntimeError(f"download: {response.status} {response.read()[:300]!r}")
    digest, size = hashlib.sha256(), 0
    while piece := response.read(64 * 1024):
        digest.update(piece)
        size += len(piece)
    connection.close()
    return digest.hexdigest(), size


def run(quick: bool = False) -> list[dict]:
    tracker = scratch_tracker(scratch_dir("tracker-evidence-"))
    seeding.seed(tracker, PROJECT_ROOT / "seed")
    accounts.create(tracker, "bench", "beheerder")
    token = accounts.new_token(tracker, "bench")
    env = {"TRACKER_DATABASE_URL": str(tracker.engine.url), "PYTHONPATH": str(PROJECT_ROOT)}
    tracker.engine.dispose()
    server, url = serve(env)
    try:
        pid = worker(server.pid)
        for seed in range(3):  # warm: every module of the upload and download paths loaded
            sent, _ = upload(url, token, 256 * 1024, seed)
            download(url, token, sent)
        idle = memory_mb(pid, "VmRSS")
        with peak(pid) as up:
            sent, answered = upload(url, token, SIZE, 25)
        if answered != sent:
            raise RuntimeError(f"de server noemt {answered}, verstuurd is {sent}")
        with peak(pid) as down:
            received, size = download(url, token, sent)
        if (received, size) != (sent, SIZE):
            raise RuntimeError(f"gedownload {size} bytes met SHA-256 {received}, verwacht {SIZE} en {sent}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    limit = idle + HEADROOM_MB
    return [result("evidence.worker_idle", idle, "MB", None, 0),
            result("evidence.upload_25mb.worker_peak", up[0], "MB", limit, 1.0, lower_is_better=True),
            result("evidence.download_25mb.worker_peak", down[0], "MB", limit, 1.0, lower_is_better=True)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    print_results(run(parser.parse_args().quick))
