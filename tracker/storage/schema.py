"""Tables. `events` is the only source of truth; `items` is a projection that can be rebuilt."""
from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    text,
)
from sqlmodel import Field, SQLModel


def _table(row: type[SQLModel]) -> Table:
    """The Core table of a table model (SQLModel sets `__table__` without declaring it to type checkers)."""
    return cast(Table, inspect(row).local_table)


class EventRow(SQLModel, table=True):
    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("item_key", "version", name="uq_events_item_version"),
        # An idempotency key belongs to the account that sent it: (account, key) is unique, and so is a key
        # without an account (a trusted local caller's, or one recorded before keys had an account).
        UniqueConstraint("idempotency_account", "idempotency_key", name="uq_events_idempotency"),
        Index("uq_events_idempotency_unowned", "idempotency_key", unique=True,
              sqlite_where=text("idempotency_account IS NULL"),
              postgresql_where=text("idempotency_account IS NULL")),
    )

    # Assigned by the appender (last + 1) so that it is part of the hashed record.
    seq: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    item_key: str = Field(max_length=100, index=True)
    version: int
    type: str = Field(max_length=60)
    data: str = Field(sa_column=Column(Text, nullable=False))  # canonical JSON, hashed as stored
    actor: str = Field(max_length=100)
    occurred_on: date = Field(index=True)
    recorded_at: datetime = Field(sa_column=Column(DateTime, nullable=False))  # naive UTC
    idempotency_key: str | None = Field(default=None, max_length=200)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)
    idempotency_account: str | None = Field(default=None, max_length=100)  # added last (migration 0006)


class ItemRow(SQLModel, table=True):
    __tablename__ = "items"

    key: str = Field(primary_key=True, max_length=100)
    kind: str = Field(max_length=60, index=True)
    title: str = Field(max_length=500)
    parent_key: str | None = Field(default=None, max_length=100, index=True)
    topic_key: str = Field(max_length=100, index=True)  # root ancestor, for topic filters
    state: str = Field(max_length=60, index=True)
    version: int
    attributes: str = Field(sa_column=Column(Text, nullable=False))  # JSON object
    illustratief: bool = False
    done: bool = False
    cycle: int = 1
    progress_done: int | None = None
    progress_total: int | None = None
    created_on: date
    updated_on: date
    blocked: bool = Field(default=False, index=True)  # a prerequisite is not done
    forecast: date | None = None  # the later of its own plan and what it depends on
    at_risk: bool = Field(default=False, index=True)  # forecast passes its deadline
    deadline: date | None = Field(default=None, index=True)  # what it is held to: overdue when open past it
    owner: str | None = Field(default=None, max_length=200, index=True)  # who answers for it (for filters)
    unit: str | None = Field(default=None, max_length=100, index=True)  # its defensieonderdeel (for filters)
    created_seq: int = Field(index=True)  # creation order: the order data was entered (published order)
    last_seq: int


class ItemStateRow(SQLModel, table=True):
    """Projection of each item over time: one row at creation and one whenever its state, plan or deadline
    changes.

    What an item was on a peildatum is the row with the latest `seq` among those with `occurred_on` on or
    before it (an item's dates never go backwards), so reports, item pages and graph views as of any date
    read these rows instead of replaying events."""

    __tablename__ = "item_states"
    __table_args__ = (Index("ix_item_states_item_date", "item_key", "occurred_on", "seq"),)

    # Keyed by the event's sequence number: rows arrive in that order, so inserting them stays cheap.
    seq: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    item_key: str = Field(max_length=100)
    occurred_on: date
    state: str = Field(max_length=60)
    done: bool = False
    plan: date | None = None
    deadline: date | None = None


class DependencyChangeRow(SQLModel, table=True):
    """Projection of every `requires` edge over time: one row per edge added or removed. The edges as of a
    peildatum are, per pair, the latest row on or before it that says present."""

    __tablename__ = "dependency_history"
    __table_args__ = (Index("ix_dependency_history_dependent", "dependent", "occurred_on"),
                      Index("ix_dependency_history_prerequisite", "prerequisite", "occurred_on"))

    seq: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    dependent: str = Field(max_length=100)
    prerequisite: str = Field(max_length=100)
    occurred_on: date
    present: bool


class VocabularyRow(SQLModel, table=True):
    """Every name the log uses (kinds; states, event types and fields per kind) with the first event using it:
    what the workflow definitions must keep covering."""

    __tablename__ = "vocabulary"

    kind: str = Field(primary_key=True, max_length=60)
    category: str = Field(primary_key=True, max_length=10)
    name: str = Field(primary_key=True, max_length=100)
    seq: int


class MetaRow(SQLModel, table=True):
    """Small facts about the database itself, e.g. which definitions the projections were computed with."""

    __tablename__ = "meta"

    name: str = Field(primary_key=True, max_length=60)
    value: str = Field(sa_column=Column(Text, nullable=False))


class DependencyRow(SQLModel, table=True):
    """Projection of the `requires` edges: the dependent needs the prerequisite done first."""

    __tablename__ = "dependencies"

    dependent: str = Field(primary_key=True, max_length=100)
    prerequisite: str = Field(primary_key=True, max_length=100, index=True)


events = _table(EventRow)
items = _table(ItemRow)
dependencies = _table(DependencyRow)
item_states = _table(ItemStateRow)
dependency_history = _table(DependencyChangeRow)
vocabulary = _table(VocabularyRow)
meta = _table(MetaRow)
metadata = SQLModel.metadata


class AccountRow(SQLModel, table=True):
    """An account: a person or a system that signs in (web) or calls the API (tokens)."""

    __tablename__ = "accounts"

    name: str = Field(primary_key=True, max_length=100)
    role: str = Field(max_length=20)
    scope: str | None = Field(default=None, max_length=100)  # topic or item key
    display_name: str | None = Field(default=None, max_length=100)  # shown in histories instead of the name
    password_hash: str | None = Field(default=None, max_length=300)
    active: bool = True
    created_at: datetime = Field(sa_column=Column(DateTime, nullable=False))
    # Raised at sign-out, a password change, a revoke or a deactivation: every session cookie carries the
    # generation it was signed in under, and an older one is refused.
    session_generation: int = 0
    email: str | None = Field(default=None, max_length=320)  # where reminders go (migration 0011)


class TokenRow(SQLModel, table=True):
    """An API token, stored only as its SHA-256 (tokens are long random strings: no salt needed)."""

    __tablename__ = "api_tokens"

    id: int | None = Field(default=None, primary_key=True)
    account: str = Field(max_length=100, foreign_key="accounts.name", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(sa_column=Column(DateTime, nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(DateTime, nullable=True))


class PasswordLinkRow(SQLModel, table=True):
    """A one-time link to set an account's password, stored only as the SHA-256 of its token (a long random
    string, like an API token). It works once, and only until it expires."""

    __tablename__ = "password_links"

    id: int | None = Field(default=None, primary_key=True)
    account: str = Field(max_length=100, foreign_key="accounts.name", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(sa_column=Column(DateTime, nullable=False))
    expires_at: datetime = Field(sa_column=Column(DateTime, nullable=False))
    used_at: datetime | None = Field(default=None, sa_column=Column(DateTime, nullable=True))


class DocumentRow(SQLModel, table=True):
    """A document behind a claim, addressed by the SHA-256 of its content (what an event names). The content is
    kept in `document_chunks`, so that it goes in and out piece by piece, never whole in memory."""

    __tablename__ = "documents"

    sha256: str = Field(primary_key=True, max_length=64)
    size: int = Field(sa_column=Column(BigInteger, nullable=False))
    media_type: str = Field(max_length=100)  # judged from the content
    name: str = Field(max_length=200)  # the file name it was uploaded with, made safe
    uploaded_by: str = Field(max_length=100)
    uploaded_at: datetime = Field(sa_column=Column(DateTime, nullable=False, index=True))


class DocumentChunkRow(SQLModel, table=True):
    __tablename__ = "document_chunks"

    sha256: str = Field(primary_key=True, max_length=64, foreign_key="documents.sha256")
    n: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class DocumentUploadRow(SQLModel, table=True):
    """Who has sent a document's content (the same content twice is stored once): each of them may name it in an
    event before any event does."""

    __tablename__ = "document_uploads"

    sha256: str = Field(primary_key=True, max_length=64, foreign_key="documents.sha256")
    account: str = Field(primary_key=True, max_length=100)


class EventDocumentRow(SQLModel, table=True):
    """Projection: which event names which document (its `bewijs`). A document no event names is an upload
    waiting for its event, removed after a day."""

    __tablename__ = "event_documents"

    seq: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    sha256: str = Field(primary_key=True, max_length=64, index=True)


accounts = _table(AccountRow)
tokens = _table(TokenRow)
password_links = _table(PasswordLinkRow)


class SignInFailureRow(SQLModel, table=True):
    """A failed sign-in, kept briefly to slow down password guessing (per account and per address)."""

    __tablename__ = "sign_in_failures"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, index=True)
    address: str = Field(max_length=64, index=True)
    failed_at: datetime = Field(sa_column=Column(DateTime, nullable=False, index=True))


sign_in_failures = _table(SignInFailureRow)
documents = _table(DocumentRow)
document_chunks = _table(DocumentChunkRow)
document_uploads = _table(DocumentUploadRow)
event_documents = _table(EventDocumentRow)


# Operational records beside the log (reminders, read marks, webhooks): their own module, registered here so that
# one metadata holds every table.
from . import operational_schema  # noqa: E402,F401
