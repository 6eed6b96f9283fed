"""gunicorn as a separate process group on a test database, for tests that kill or load a real server."""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from tracker import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, url: str, workers: int = 2, options: tuple[str, ...] = (), env: dict | None = None):
        """`options`: more gunicorn options (a worker class, threads); `env`: more settings for the app."""
        self.url, self.workers, self.options, self.env = url, workers, options, env or {}
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.secret = secrets.token_urlsafe(48)  # one key for all its workers, as instance/secret_key would be

    def start(self) -> Server:
        env = {**os.environ, "TRACKER_DATABASE_URL": self.url, "PYTHONPATH": str(PROJECT_ROOT),
               "TRACKER_SECRET_KEY": self.secret, **self.env}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", str(self.workers), *self.options,
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning", "--graceful-timeout", "2", "wsgi:app"],
            cwd=PROJECT_ROOT, env=env, start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=2).read()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    def kill(self) -> None:
        """SIGKILL to the master and every worker at once: no chance to finish anything."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
