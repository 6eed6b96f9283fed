"""Recording events: each command decided by the rules, stored on the chain and projected, in one transaction.

Reactions the projection returns (a dependent that became unblocked) are queued and appended in the same
transaction, right after the event that caused them.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection

from tracker.domain import evidence
from tracker.domain import items as rules
from tracker.domain.access import Actor
from tracker.domain.decisions import Circumstances, Decision, decide
from tracker.domain.errors import IdempotencyKeyReused, InvalidValue, TrackerError, VersionConflict
from tracker.domain.events import NewEvent, StoredEvent, canonical_json, chain_hash, same_request
from tracker.domain.evidence import EVIDENCE
from tracker.domain.graph import DependencyGraph
from tracker.domain.naming import quoted
from tracker.domain.projection import SYSTEM_ACTOR, Projector
from tracker.domain.roles import BEHEERDER
from tracker.domain.workflow import Workflow
from tracker.storage import announcements, event_store, evidence_store, projection_store, webhook_store

from . import accounts, fixing
from .context import Tracker
from .evidence import Upload
from .integrity import PROJECTION_KEY, projection_stamp


@dataclass(frozen=True, slots=True)
class Recorded:
    event: StoredEvent
    replayed: bool = False  # an idempotent retry: the original event, nothing written


def record(tracker: Tracker, command: NewEvent, actor: Actor | None = None) -> Recorded:
    """Append one event. `actor=None` is a trusted local caller (CLI, seed)."""
    return record_many(tracker, [command], actor)[0]


def record_many(tracker: Tracker, commands: Iterable[NewEvent], actor: Actor | None = None,
                uploads: Sequence[Upload] = ()) -> list[Recorded]:
    """Append several events as one command: all of them or none. `uploads`: documents received with the
    command (a form's files), stored in the same transaction as the events that name them."""
    with tracker.graphs.lock:
        appender = None
        try:
            with tracker.write() as connection:
                for upload in uploads:
                    evidence_store.put(connection, upload.document.sha256, upload.document.size,
                                       upload.document.media_type, upload.document.name,
                                       actor.name if actor else "volgsysteem", tracker.now(), upload.content)
                appender = Appender(tracker, connection)
                results = [appender.append(command, actor) for command in commands]
                if appender.graph_changed:  # other servers hear the new head when this commits
                    announcements.head_moved(connection, appender.head_seq)
        except BaseException as refused:
            if appender is not None and appender.graph_changed:
                tracker.graphs.invalidate()  # the in-memory graph saw changes that were rolled back
            if isinstance(refused, VersionConflict):
                raise _with_author(tracker, refused) from None
            raise
        if appender.graph_changed:
            tracker.graphs.advanced_to(appender.head_seq)
            tracker.words.update(appender.projector.seen)
        return results


class Appender:
    """Appends within one open write transaction, keeping the chain head between events."""

    def __init__(self, tracker: Tracker, connection: Connection):
        self.tracker = tracker
        self.connection = connection
        self.registry = tracker.registry
        self.rows = projection_store.StoreRows(connection)
        self._head = event_store.head(connection)
        self._graph: DependencyGraph = tracker.graphs.current(connection, self._head[0])
        if not tracker.words:
            tracker.words.update(projection_store.words(connection))
            if self._head[0] == 0:  # a new log: its projections are computed with these definitions from the start
                projection_store.set_meta(connection, PROJECTION_KEY, projection_stamp(tracker))
        self.projector = Projector(self.registry, self.rows, self._graph, set(tracker.words))
        self.fixed = fixing.fixed_per_topic(connection)
        self.graph_changed = False

    @property
    def head_seq(self) -> int:
        return self._head[0]

    def append(self, command: NewEvent, actor: Actor | None) -> Recorded:
        if command.idempotency_key is not None:
            rules.check_idempotency(command.idempotency_key, command.idempotency_account)
            earlier = event_store.by_idempotency_key(self.connection, command.idempotency_key,
                                                     command.idempotency_account)
            if earlier is not None:
                return self._replayed(earlier, command)
        queue: list[tuple[NewEvent, bool]] = [(command, False)]
        first: StoredEvent | None = None
        while queue:
            next_command, internal = queue.pop(0)
            who = None if internal else actor
            when = Circumstances(self.tracker.today(), who, internal,
                                 self.tracker.windows.get(who.role) if who is not None else None, self.fixed)
            decision = decide(next_command, self.rows, self._graph, self.registry, when)
            if decision.data.get(EVIDENCE):
                self._check_documents(next_command, decision.data[EVIDENCE], who)
            stored = self._store(next_command, decision)
            self.graph_changed = True
            changes = self.projector.apply(stored)
            projection_store.write(self.connection, changes, stored.seq, stored.item)
            if changes.words:
                projection_store.add_words(self.connection, changes.words, stored.seq)
            queue[0:0] = [(follow_up, True) for follow_up in changes.follow_ups]
            first = first or stored
        return Recorded(cast(StoredEvent, first))  # the command itself, stored first

    def _store(self, command: NewEvent, decision: Decision) -> StoredEvent:
        last_seq, prev_hash = self._head
        seq = last_seq + 1
        recorded_at = self.tracker.now()
        data_json = canonical_json(decision.data)
        key, account = command.idempotency_key, command.idempotency_account if command.idempotency_key else None
        digest = chain_hash(prev_hash, seq, command.item, decision.version, command.type, data_json, command.actor,
                            decision.occurred_on, recorded_at, key, account)
        stored = StoredEvent(seq, command.item, decision.version, command.type, decision.data, command.actor,
                             decision.occurred_on, recorded_at, key, prev_hash, digest, account)
        event_store.append(self.connection, stored, data_json)
        webhook_store.enqueue(self.connection, seq, command.type)  # the outbox commits or rolls back with it
        self._head = (seq, digest)
        return stored

    def _check_documents(self, command: NewEvent, digests: list[str], actor: Actor | None) -> None:
        """The named documents are stored (an upload not yet named by any event only by its uploader) and of a
        type and size the item's kind accepts."""
        found = evidence_store.facts(self.connection, digests)
        for digest in digests:
            known = found.get(digest)
            if known is None or (actor is not None and actor.role != BEHEERDER
                                 and not evidence_store.naming_events(self.connection, digest)
                                 and not evidence_store.sent_by(self.connection, digest, actor.name)):
                raise InvalidValue(f"Document {digest[:12]}… is niet gevonden; upload het eerst "
                                   "(POST /api/v1/evidence) en noem dan de SHA-256-som die u terugkreeg.",
                                   errors={EVIDENCE: ["Onbekend document."]})
        kind = command.data.get("kind") if rules.is_creation(command.type) else None
        current = self.rows.get(command.item)
        workflow = self.registry(str(kind or (current.item.kind if current else "")))
        title = str(command.data.get("title")) if kind else (current.item.title if current else command.item)
        evidence.check_accepted([found[d] for d in digests], workflow.evidence, quoted(title))

    def _replayed(self, earlier: StoredEvent, command: NewEvent) -> Recorded:
        occurred_on = command.occurred_on or earlier.occurred_on
        data = _normalised(command.data, self._workflow_for(earlier))
        if not same_request(earlier, command, data, occurred_on):
            raise IdempotencyKeyReused(
                f"Idempotentiesleutel '{command.idempotency_key}' is al gebruikt voor een andere gebeurtenis "
                f"({earlier.type} op {earlier.item}, volgnummer {earlier.seq}); kies een nieuwe sleutel.",
                seq=earlier.seq,
            )
        return Recorded(earlier, replayed=True)

    def _workflow_for(self, event: StoredEvent) -> Workflow | None:
        kind = event.data.get("kind") if rules.is_creation(event.type) else None
        if kind is None:
            current = self.rows.get(event.item)
            kind = current.item.kind if current else None
        return self.registry(kind) if kind is not None and kind in self.registry else None


def _with_author(tracker: Tracker, conflict: VersionConflict) -> VersionConflict:
    """A stale write's refusal naming who changed the item since the version the writer knew (read after the
    write was rolled back; the accounts' display names where they have one)."""
    d = conflict.details
    key, expected = d.get("item"), d.get("expected_version")
    if key is None or expected is None:
        return conflict
    with tracker.read() as connection:
        since = [e for e in event_store.of_item(connection, key) if e.version > expected]
        projected = projection_store.get(connection, key)  # another writer's (a race at the insert): its title
    if not since or projected is None:
        return conflict
    shown = {**accounts.display_names(tracker), SYSTEM_ACTOR: "het volgsysteem"}
    names = list(dict.fromkeys(shown.get(e.actor, e.actor) for e in since))
    by = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
    return rules.version_conflict(key, projected.item.title, since[-1].version, expected, by)


def _normalised(data: Mapping[str, Any], workflow: Workflow | None) -> dict[str, Any]:
    """The request's data as it would have been stored, so that a retry compares equal."""
    if not isinstance(data, Mapping) or workflow is None:
        return dict(data) if isinstance(data, Mapping) else {}
    out = {}
    for name, value in data.items():
        try:
            out[name] = rules.clean_value(workflow, name, value)
        except TrackerError:  # an invalid retry simply does not match
            out[name] = value
    if not out.get("parent"):
        out.pop("parent", None)
    return out
