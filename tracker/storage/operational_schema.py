"""Operational records kept beside the event log, never part of it: reminders and their delivery attempts,
notifications marked read, webhook subscribers and their outbox. Who was told what, and when, stays readable."""
from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import Column, DateTime, Integer, Table, Text, UniqueConstraint, inspect
from sqlmodel import Field, SQLModel


def _table(row: type[SQLModel]) -> Table:
    return cast(Table, inspect(row).local_table)


class ReminderRow(SQLModel, table=True):
    """What one account was to be told by e-mail on one day: written once, never changed. Whether it arrived is
    told by its attempts. Operational, not part of the event log."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("account", "day", name="uq_reminders_account_day"),)

    id: int | None = Field(default=None, primary_key=True)
    account: str = Field(max_length=100, index=True)
    day: date = Field(index=True)  # the Dutch date of the run: one reminder per account per day
    subject: str = Field(max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))
    items: str = Field(sa_column=Column(Text, nullable=False))  # JSON list of the item keys it names
    created_at: datetime = Field(sa_column=Column(DateTime, nullable=False))


class ReminderAttemptRow(SQLModel, table=True):
    """One try to deliver a reminder: appended, never changed. No error: the mail server accepted it."""

    __tablename__ = "reminder_attempts"

    id: int | None = Field(default=None, primary_key=True)
    reminder: int = Field(foreign_key="reminders.id", index=True)
    at: datetime = Field(sa_column=Column(DateTime, nullable=False))
    address: str | None = Field(default=None, max_length=320)  # None: the account had no address then
    server: str | None = Field(default=None, max_length=300)  # host:port, never the password
    error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class NotificationReadRow(SQLModel, table=True):
    """A notification an account has marked as read (notifications are computed; this is their identity)."""

    __tablename__ = "notification_reads"

    account: str = Field(primary_key=True, max_length=100)
    notification: str = Field(primary_key=True, max_length=200)
    read_at: datetime = Field(sa_column=Column(DateTime, nullable=False))


reminders = _table(ReminderRow)
reminder_attempts = _table(ReminderAttemptRow)
notification_reads = _table(NotificationReadRow)


class WebhookSubscriberRow(SQLModel, table=True):
    """A receiver of signed webhooks (Standard Webhooks). Operational, not part of the event log. Removing one
    marks it removed: the deliveries made to it stay readable."""

    __tablename__ = "webhook_subscribers"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=2000)
    secret: str = Field(max_length=200)  # `whsec_` + base64: needed in full to sign, so kept as given
    created_at: datetime = Field(sa_column=Column(DateTime, nullable=False))
    created_by: str = Field(max_length=100)
    after_seq: int  # the head of the log when it was added: it receives the events after it
    removed_at: datetime | None = Field(default=None, sa_column=Column(DateTime, nullable=True))
    # Delivery is strictly in order, so one number says what has arrived: every event up to it.
    delivered_through: int = 0
    last_delivered_at: datetime | None = Field(default=None, sa_column=Column(DateTime, nullable=True))
    failures: int = 0  # consecutive failed attempts; 0 after any delivery
    failing_since: datetime | None = Field(default=None, sa_column=Column(DateTime, nullable=True))
    next_attempt_at: datetime | None = Field(default=None, sa_column=Column(DateTime, nullable=True))
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # Which delivery process may send to it now, and until when (two processes never send to one receiver).
    lease_owner: str | None = Field(default=None, max_length=100)
    lease_until: datetime | None = Field(default=None, sa_column=Column(DateTime, nullable=True))


class WebhookEventTypeRow(SQLModel, table=True):
    """An event type a subscriber receives; `*` for every type."""

    __tablename__ = "webhook_event_types"

    subscriber_id: int = Field(primary_key=True, foreign_key="webhook_subscribers.id")
    type: str = Field(primary_key=True, max_length=60)


class WebhookOutboxRow(SQLModel, table=True):
    """One event to deliver to one subscriber: written in the transaction that appends the event, marked when it
    arrived (never deleted), so what reached whom, when, stays auditable."""

    __tablename__ = "webhook_outbox"

    subscriber_id: int = Field(primary_key=True, foreign_key="webhook_subscribers.id")
    seq: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    attempts: int = 0
    last_attempt_at: datetime | None = Field(default=None, sa_column=Column(DateTime, nullable=True))
    status: int | None = None  # the HTTP status of the last attempt (None: no answer)
    error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # of the last failed attempt
    delivered_at: datetime | None = Field(default=None, sa_column=Column(DateTime, nullable=True))


webhook_subscribers = _table(WebhookSubscriberRow)
webhook_event_types = _table(WebhookEventTypeRow)
webhook_outbox = _table(WebhookOutboxRow)
