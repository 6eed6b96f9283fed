"""E-mail over SMTP (the standard library's smtplib), configured by one URL:

- `smtp://host:port` — plain SMTP (port 25 by default), for a relay on the same host or network;
- `smtp+starttls://user:password@host:port` — upgraded to TLS with STARTTLS before anything else (port 587);
- `smtps://user:password@host:port` — TLS from the first byte (port 465).

User name and password are optional and percent-encoded in the URL. The server's certificate is checked against
the system's trusted CAs, or against the CA file given (an internal CA). A failure is a `MailFailed` with a Dutch
message that never contains the password.
"""
from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import unquote, urlsplit

from tracker.domain.errors import ConfigurationError

SCHEMES = {"smtp": (25, "geen"), "smtp+starttls": (587, "starttls"), "smtps": (465, "tls")}
TIMEOUT = 30.0  # seconds for connecting and for each reply: a hanging server fails the run, never stalls it


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # geen | starttls | tls
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    ca_file: str | None = None
    timeout: float = TIMEOUT

    @property
    def server(self) -> str:
        """How the server is named in messages and records: host and port, never the credentials."""
        return f"{self.host}:{self.port}"


class MailFailed(Exception):
    """A message that was not delivered. `fatal`: the connection is gone, so the next message cannot use it."""

    def __init__(self, message: str, fatal: bool = False):
        super().__init__(message)
        self.message = message
        self.fatal = fatal


def smtp_settings(url: str | None, ca_file: str | None = None, timeout: float = TIMEOUT) -> SmtpSettings:
    """The settings in TRACKER_SMTP_URL, refused with a message that says what a valid URL looks like."""
    example = "bijvoorbeeld smtp+starttls://gebruiker:wachtwoord@mail.example.nl:587"
    if not url:
        raise ConfigurationError(f"TRACKER_SMTP_URL ontbreekt: zet het adres van de mailserver, {example}.")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise ConfigurationError(f"TRACKER_SMTP_URL heeft een ongeldige poort; {example}.") from None
    if parts.scheme not in SCHEMES:
        raise ConfigurationError(f"TRACKER_SMTP_URL begint met '{parts.scheme}://'; gebruik smtp://, "
                                 f"smtp+starttls:// of smtps://, {example}.")
    if not parts.hostname:
        raise ConfigurationError(f"TRACKER_SMTP_URL noemt geen mailserver; {example}.")
    default_port, security = SCHEMES[parts.scheme]
    return SmtpSettings(parts.hostname, port or default_port, security,
                        unquote(parts.username) if parts.username else None,
                        unquote(parts.password) if parts.password is not None else None, ca_file or None, timeout)


def message(sender: str, to: str, subject: str, text: str) -> EmailMessage:
    """A plain-text message in UTF-8, marked as sent automatically (RFC 3834: no out-of-office replies)."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(text)
    return mail


class Outbox:
    """One connection to the mail server, opened at the first message and closed at the end of the block."""

    def __init__(self, settings: SmtpSettings):
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *_exc) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass  # the messages are handed over already; a rude goodbye changes nothing
            self._smtp = None

    def send(self, mail: EmailMessage) -> None:
        smtp = self._connection()
        try:
            smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as error:
            reasons = "; ".join(f"{code} {_text(reply)}" for code, reply in error.recipients.values())
            raise MailFailed(f"Mailserver {self.settings.server} weigerde het adres {mail['To']}: {reasons}.") from None
        except smtplib.SMTPSenderRefused as error:
            raise MailFailed(f"Mailserver {self.settings.server} weigerde de afzender {mail['From']}: "
                             f"{error.smtp_code} {_text(error.smtp_error)}.") from None
        except smtplib.SMTPResponseException as error:
            raise MailFailed(f"Mailserver {self.settings.server} weigerde het bericht: {error.smtp_code} "
                             f"{_text(error.smtp_error)}.") from None
        except (smtplib.SMTPException, OSError) as error:
            self._smtp = None
            raise MailFailed(f"Verbinding met mailserver {self.settings.server} verbroken: {_reason(error)}.",
                             fatal=True) from None

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            self._smtp = self._connect()
        return self._smtp

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        context = ssl.create_default_context(cafile=s.ca_file) if s.security != "geen" else None
        smtp: smtplib.SMTP | None = None
        try:
            if s.security == "tls":
                smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            smtp.ehlo()
            if s.security == "starttls":
                if not smtp.has_extn("starttls"):
                    raise MailFailed(f"Mailserver {s.server} biedt geen STARTTLS aan; de verbinding is niet "
                                     "versleuteld en daarom niet gebruikt.", fatal=True)
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.username:
                smtp.login(s.username, s.password or "")
            return smtp
        except MailFailed:
            _close(smtp)
            raise
        except smtplib.SMTPAuthenticationError:
            _close(smtp)
            raise MailFailed(f"Mailserver {s.server} weigerde de aanmelding van {s.username}: controleer "
                             "gebruikersnaam en wachtwoord in TRACKER_SMTP_URL.", fatal=True) from None
        except ssl.SSLError as error:
            _close(smtp)
            raise MailFailed(f"Geen veilige verbinding met mailserver {s.server}: {_reason(error)}.",
                             fatal=True) from None
        except (smtplib.SMTPException, OSError) as error:
            _close(smtp)
            raise MailFailed(f"Mailserver {s.server} is niet bereikbaar: {_reason(error)}.", fatal=True) from None


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        try:
            smtp.close()
        except OSError:
            pass  # closing a broken connection: nothing left to save


def _text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _reason(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "verbinding geweigerd"
    if isinstance(error, socket.timeout | TimeoutError):
        return "geen antwoord binnen de wachttijd"
    if isinstance(error, socket.gaierror):
        return "onbekende hostnaam"
    return str(error) or type(error).__name__
