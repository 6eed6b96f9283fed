"""Two app servers on one PostgreSQL database behind HAProxy, as in production (docs/deploy.md), for tests.

Each server is gunicorn with its own workers (tests/server.py); all share one session key, as servers behind one
balancer must. HAProxy runs in the foreground with docs/haproxy.cfg, the addresses passed in its environment.
`Client` speaks HTTP with urllib (a cookie jar for web sessions) and never raises on an HTTP status.
"""
from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from tests.server import Server, free_port
from tracker import PROJECT_ROOT

HAPROXY_CONFIG = PROJECT_ROOT / "docs" / "haproxy.cfg"
SERVER_HEADER = "X-Tracker-Server"  # set by docs/haproxy.cfg: which server answered
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@dataclass
class Answer:
    status: int
    headers: Message  # case-insensitive, as HTTP header names are
    body: bytes

    def json(self):
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Client:
    """One user agent on one address: a bearer token, or a web session (cookies) after `sign_in`."""

    def __init__(self, base: str, token: str | None = None):
        self.base, self.token = base, token
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  _NoRedirect())

    def request(self, method: str, path: str, body=None, headers=None, form=None, timeout: float = 30) -> Answer:
        sent = dict(headers or {})
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            data, sent["Content-Type"] = json.dumps(body).encode(), "application/json"
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=sent)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as refused:
            return Answer(refused.code, refused.headers, refused.read())

    def get(self, path: str, **kw) -> Answer:
        return self.request("GET", path, **kw)

    def post(self, path: str, body=None, **kw) -> Answer:
        return self.request("POST", path, body, **kw)

    def record(self, item: str, type_: str, data: dict, version: str | None) -> Answer:
        """Append an event: with If-Match `version`, or as a new item (If-None-Match: *) when None."""
        precondition = {"If-Match": version} if version is not None else {"If-None-Match": "*"}
        return self.post(f"/api/v1/items/{item}/events", {"type": type_, "data": data}, headers=precondition)

    def sign_in(self, name: str, password: str) -> None:
        form = self._csrf("/aanmelden")
        answer = self.request("POST", "/aanmelden", form={"csrf_token": form, "name": name, "password": password})
        if answer.status != 302:
            raise RuntimeError(f"aanmelden mislukt: {answer.status} {answer.text[:200]}")

    def submit(self, page: str, action: str, fields: dict) -> Answer:
        """Post a form of `page` to `action`, with the CSRF token the page carries."""
        return self.request("POST", action, form={"csrf_token": self._csrf(page), **fields})

    def _csrf(self, page: str) -> str:
        found = CSRF.search(self.get(page).text)
        if found is None:
            raise RuntimeError(f"geen CSRF-token op {page}")
        return found.group(1)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer to look at, not to follow


class Balancer:
    """HAProxy in the foreground (`-db`), round robin over the servers, health-checked on /healthz."""

    def __init__(self, backends: list[Server], directory: Path):
        if len(backends) != 2:
            raise ValueError("docs/haproxy.cfg names two app servers")
        self.backends, self.directory = backends, directory
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.log = None

    def start(self, seconds: float = 30) -> Balancer:
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"  # `make balancer` installs Debian's haproxy
        env = {**os.environ, "TRACKER_BIND": f"127.0.0.1:{self.port}",
               **{f"TRACKER_APP_{n}": f"127.0.0.1:{s.port}" for n, s in enumerate(self.backends, start=1)}}
        self.log = open(self.directory / "haproxy.log", "wb")
        self.process = subprocess.Popen([haproxy, "-db", "-f", str(HAPROXY_CONFIG)], env=env, cwd=self.directory,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline, seen = time.monotonic() + seconds, set()
        while time.monotonic() < deadline and len(seen) < len(self.backends):  # every server up and answering
            if self.process.poll() is not None:
                raise RuntimeError("haproxy stopped: " + (self.directory / "haproxy.log").read_text()[-2000:])
            try:
                answer = Client(self.base).get("/healthz", timeout=2)
                if answer.status == 200:
                    seen.add(answer.headers.get(SERVER_HEADER))
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        if len(seen) < len(self.backends):
            raise RuntimeError(f"haproxy did not reach every server (seen: {sorted(s or '-' for s in seen)})")
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        if self.log is not None:
            self.log.close()


class Cluster:
    """`servers` gunicorn servers of `workers` workers each on database `url`, and HAProxy before them."""

    def __init__(self, url: str, directory: Path, servers: int = 2, workers: int = 2):
        key = secrets.token_urlsafe(48)  # one session key for every server behind the balancer
        self.servers = [Server(url, workers=workers) for _ in range(servers)]
        for server in self.servers:
            server.secret = key
        self.balancer = Balancer(self.servers, directory)

    def start(self) -> Cluster:
        failures: list[BaseException] = []

        def start(server: Server) -> None:
            try:
                server.start()
            except BaseException as failed:  # noqa: BLE001 - reported below, from the test's own thread
                failures.append(failed)

        threads = [threading.Thread(target=start, args=(s,)) for s in self.servers]  # side by side: half the wait
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        try:
            if failures:
                raise failures[0]
            self.balancer.start()
        except BaseException:
            self.stop()  # nothing left running when the cluster does not come up
            raise
        return self

    def stop(self) -> None:
        self.balancer.stop()
        for server in self.servers:
            server.stop()
