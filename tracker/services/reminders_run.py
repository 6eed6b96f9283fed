"""A run of the reminders (`tracker herinneringen`, once a day from a timer): write each account's reminder of the
day once, then try to deliver every reminder of the day that has not arrived yet.

A second run on the same day sends nothing that arrived already and tries again what did not (the mail server was
down, an address was missing). A reminder of an earlier day that never arrived is not sent any more: that day's run
wrote a new one with what is due now. Every attempt is recorded, with its error; a beheerder sees what failed.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from tracker.domain.access import Actor
from tracker.domain.errors import ConfigurationError, InvalidValue, NotAllowed
from tracker.domain.roles import BEHEERDER
from tracker.storage import account_store, reminder_store
from tracker.storage.reminder_store import Reminder

from . import accounts, mail, reminders, reminders_text
from .context import Tracker

SHOWN_DAYS = 7  # how far back the beheerder's page lists deliveries


@dataclass(frozen=True)
class Settings:
    smtp: mail.SmtpSettings
    sender: str
    base_url: str


def settings(config: Mapping) -> Settings:
    """The mail settings in the application's configuration (TRACKER_SMTP_URL, TRACKER_MAIL_FROM,
    TRACKER_BASE_URL and optionally TRACKER_SMTP_CA_FILE), refused with a message naming what is missing."""
    smtp = mail.smtp_settings(config.get("SMTP_URL"), config.get("SMTP_CA_FILE"))
    sender = str(config.get("MAIL_FROM") or "").strip()
    if not sender:
        raise ConfigurationError("TRACKER_MAIL_FROM ontbreekt: het afzenderadres van de herinneringen, bijvoorbeeld "
                                 "volgsysteem@mindef.nl.")
    try:
        accounts.checked_email(sender)
    except InvalidValue:
        raise ConfigurationError(f"TRACKER_MAIL_FROM '{sender[:60]}' is geen geldig e-mailadres; geef één adres, "
                                 "bijvoorbeeld volgsysteem@mindef.nl.") from None
    base = str(config.get("BASE_URL") or "").strip()
    if not base.startswith(("https://", "http://")):
        raise ConfigurationError("TRACKER_BASE_URL ontbreekt of begint niet met https://: de herinneringen linken "
                                 "naar Mijn werk op dat adres, bijvoorbeeld https://volgsysteem.mindef.nl.")
    return Settings(smtp, sender, base)


def days(value, name: str, default: int) -> int:
    """A number of days from the configuration or the command line: a whole number from 0 to 366."""
    if value is None or value == "":
        return default
    if type(value) is not int and not (isinstance(value, str) and value.strip().isdigit()):
        raise ConfigurationError(f"{name} moet een heel aantal dagen zijn (0 tot {reminders.MAX_DAYS}), niet "
                                 f"'{str(value)[:20]}'.")
    number = int(value)
    if not 0 <= number <= reminders.MAX_DAYS:
        raise ConfigurationError(f"{name} is {number}; kies 0 tot {reminders.MAX_DAYS} dagen.")
    return number


@dataclass
class Outcome:
    sent: list[tuple[str, str]] = field(default_factory=list)  # (account, address)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (account, error)
    without_address: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # arrived in an earlier run today


def preview(tracker: Tracker, base_url: str, due_days: int = reminders.DUE_DAYS,
            wait_days: int = reminders.WAIT_DAYS) -> list[tuple[reminders.Digest, str, str]]:
    """What a run would write today, as (digest, subject, body), without writing or sending anything."""
    today = tracker.today()
    return [(d, reminders_text.subject(d), reminders_text.body(d, today, base_url))
            for d in reminders.digests(tracker, today, due_days, wait_days)]


def run(tracker: Tracker, config: Settings, due_days: int = reminders.DUE_DAYS,
        wait_days: int = reminders.WAIT_DAYS) -> Outcome:
    today = tracker.today()
    written = {r.account for r in reminder_store.on_day(tracker.engine, today)}
    for digest in reminders.digests(tracker, today, due_days, wait_days):
        if digest.account not in written:  # a reminder, once written, is what the day's runs deliver
            reminder_store.add(tracker.engine, digest.account, today, reminders_text.subject(digest),
                               reminders_text.body(digest, today, config.base_url), digest.keys, tracker.now())
    outcome = Outcome()
    with mail.Outbox(config.smtp) as outbox:
        down: str | None = None  # the server could not be reached: the rest of the run is not tried
        for reminder in reminder_store.on_day(tracker.engine, today):
            if reminder.delivered is not None:
                outcome.already.append(reminder.account)
                continue
            down = _deliver(tracker, config, outbox, reminder, outcome, down)
    return outcome


def _deliver(tracker: Tracker, config: Settings, outbox: mail.Outbox, reminder: Reminder, outcome: Outcome,
             down: str | None) -> str | None:
    account = account_store.find(tracker.engine, reminder.account)
    address = account.email if account is not None and account.active else None
    error: str | None
    if account is None or not account.active:
        error = f"Account {reminder.account} bestaat niet meer of is gedeactiveerd; niet verzonden."
    elif address is None:
        error = (f"Account {reminder.account} heeft geen e-mailadres; vul het in bij Beheer › Accounts of met "
                 f"'tracker user email {reminder.account} ADRES'.")
        outcome.without_address.append(reminder.account)
    elif down is not None:
        error = down
    else:
        try:
            outbox.send(mail.message(config.sender, address, reminder.subject, reminder.body))
            error = None
        except mail.MailFailed as failed:
            error = failed.message
            down = failed.message if failed.fatal else None
    reminder_store.add_attempt(tracker.engine, reminder.id, tracker.now(), address,
                               config.smtp.server if address else None, error)
    if error is None and address is not None:
        outcome.sent.append((reminder.account, address))
    elif address is not None:
        outcome.failed.append((reminder.account, error or ""))
    return down


@dataclass(frozen=True)
class Row:
    reminder: Reminder
    status: str  # what became of it, in words


@dataclass(frozen=True)
class Overview:
    undelivered: list[Row]
    recent: list[Row]
    without_address: list[str]  # accounts that would get reminders but have no address


def overview(tracker: Tracker, by: Actor) -> Overview:
    if by.role != BEHEERDER:
        raise NotAllowed(f"Alleen een beheerder ziet de herinneringen; u bent aangemeld met de rol {by.role}.")
    today = tracker.today()
    roles = reminders.reminded_roles(tracker.registry)
    missing = [a.name for a in account_store.every(tracker.engine) if a.active and a.role in roles and not a.email]
    return Overview([Row(r, _status(r, today)) for r in reminder_store.undelivered(tracker.engine)],
                    [Row(r, _status(r, today)) for r in reminder_store.recent(
                        tracker.engine, today - timedelta(days=SHOWN_DAYS))],
                    missing)


def _status(reminder: Reminder, today: date) -> str:
    if reminder.delivered is not None:
        return "bezorgd bij de mailserver"
    if not reminder.attempts:
        return "nog niet geprobeerd"
    if reminder.day == today:
        return "mislukt; de volgende run vandaag probeert het opnieuw"
    return "mislukt; niet meer verzonden (de run van een latere dag stelt zo nodig een nieuwe herinnering op)"
