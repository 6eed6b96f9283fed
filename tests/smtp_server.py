"""A real SMTP server for tests (aiosmtpd) on a free localhost port, keeping every message it accepts.

`smtp_server(port=None, tls=None, require_starttls=False, login=None)` starts one; it stops at the end of the test.
With `tls` (a certificate from `self_signed`) it offers STARTTLS; with `require_starttls` it refuses mail on a
connection that did not upgrade; with `login=(user, password)` it refuses mail from a client that did not sign in.
"""
from __future__ import annotations

import email
import email.policy
import socket
import ssl
import subprocess  # nosec B404 - openssl makes the test certificate
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage
    over_tls: bool
    signed_in_as: str | None

    @property
    def text(self) -> str:
        return self.message.get_content()


@dataclass
class Mailbox:
    received: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        parsed = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        user = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed, session.ssl is not None,
                                      user))
        return "250 OK"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.recipients]


class Server:
    def __init__(self, port: int, tls: tuple[Path, Path] | None, require_starttls: bool,
                 login: tuple[str, str] | None):
        self.port = port
        self.mailbox = Mailbox()
        options: dict = {}
        if tls is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(tls[0]), str(tls[1]))
            options.update(tls_context=context, require_starttls=require_starttls)
        if login is not None:
            options.update(authenticator=_authenticator(*login), auth_require_tls=tls is not None,
                           auth_required=True)
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=port, **options)

        self.running = False

    def start(self) -> Server:
        self.controller.start()
        self.running = True
        return self

    def stop(self) -> None:
        """Stop listening (the port refuses connections from now on); stopping twice is stopping once."""
        if self.running:
            self.controller.stop()
            self.running = False


def _authenticator(user: str, password: str):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
              and auth_data.password.decode() == password)
        return AuthResult(success=ok, auth_data=auth_data if ok else None)

    return authenticate


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for localhost and 127.0.0.1, valid for two days, and its key (made by openssl)."""
    cert, key = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",  # nosec
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


@pytest.fixture
def smtp_server() -> Iterator:
    started: list[Server] = []

    def start(port: int | None = None, tls: tuple[Path, Path] | None = None, require_starttls: bool = False,
              login: tuple[str, str] | None = None) -> Server:
        server = Server(port or free_port(), tls, require_starttls, login).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
