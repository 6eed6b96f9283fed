"""Events: what is asked to be recorded, what was stored, and the hash chain over them."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

GENESIS_HASH = "0" * 64


@dataclass(frozen=True, slots=True)
class NewEvent:
    """A request to append one event to one item."""

    item: str
    type: str
    data: Mapping[str, Any] = field(default_factory=dict)
    actor: str = "systeem"
    occurred_on: date | None = None  # None: today
    expected_version: int | None = None  # None: no optimistic check
    idempotency_key: str | None = None
    # Whose key it is: the same key from two accounts is two requests (None: a trusted local caller's key).
    idempotency_account: str | None = None


@dataclass(frozen=True, slots=True)
class StoredEvent:
    seq: int
    item: str
    version: int
    type: str
    data: Mapping[str, Any]
    actor: str
    occurred_on: date
    recorded_at: datetime
    idempotency_key: str | None
    prev_hash: str
    hash: str
    idempotency_account: str | None = None  # last, so that older positional constructions stay valid

    def as_dict(self) -> dict:
        return {
            "seq": self.seq,
            "item": self.item,
            "version": self.version,
            "type": self.type,
            "data": dict(self.data),
            "actor": self.actor,
            "occurred_on": self.occurred_on.isoformat(),
            "recorded_at": format_timestamp(self.recorded_at),
            "idempotency_key": self.idempotency_key,
            "idempotency_account": self.idempotency_account,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


class Fact(NamedTuple):
    """The part of a stored event that a replay needs (a StoredEvent has the same attributes)."""

    seq: int
    item: str
    version: int
    type: str
    data: Mapping[str, Any]
    occurred_on: date


def canonical_json(data: Mapping[str, Any]) -> str:
    """One text per value: sorted keys, no spaces, UTF-8 kept. Stored and hashed as is."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def format_timestamp(moment: datetime) -> str:
    # Fixed width with microseconds: isoformat() drops them when zero, which would
    # make the hashed text depend on the clock.
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")


def chain_hash(
    prev_hash: str,
    seq: int,
    item: str,
    version: int,
    type_: str,
    data_json: str,
    actor: str,
    occurred_on: date,
    recorded_at: datetime,
    idempotency_key: str | None,
    idempotency_account: str | None = None,
) -> str:
    """SHA-256 over every stored column of the event plus the previous event's hash.

    The idempotency key is hashed as it always was when it has no account (every event recorded before keys
    had one keeps its digest), and as the pair [account, key] when it has one."""
    record = [
        prev_hash,
        seq,
        item,
        version,
        type_,
        data_json,
        actor,
        occurred_on.isoformat(),
        format_timestamp(recorded_at),
        idempotency_key if idempotency_account is None else [idempotency_account, idempotency_key],
    ]
    text = json.dumps(record, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def same_request(stored: StoredEvent, new: NewEvent, data: Mapping[str, Any], occurred_on: date) -> bool:
    """Does a retried request (same idempotency key) ask for exactly the stored event?"""
    return (
        stored.item == new.item
        and stored.type == new.type
        and canonical_json(stored.data) == canonical_json(data)
        and stored.occurred_on == occurred_on
    )
