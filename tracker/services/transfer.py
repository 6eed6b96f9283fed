"""Moving the event log between databases: export as JSON lines with the chain head; import through the same
rules as recording, so that a log recording would refuse is refused whole, naming its first bad line.
Projections are computed from the imported events; accounts are not moved. A database with documents moves as a
bundle (`bundle`), which uses the same lines and the same checks."""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import IO, cast

from sqlalchemy import Connection

from tracker.domain.decisions import Circumstances, decide
from tracker.domain.errors import DefinitionError, InvalidValue, TrackerError, VersionConflict
from tracker.domain.events import GENESIS_HASH, NewEvent, StoredEvent, canonical_json, chain_hash, format_timestamp
from tracker.domain.evidence import EVIDENCE, Document, check_accepted
from tracker.domain.graph import DependencyGraph
from tracker.domain.naming import quoted
from tracker.domain.projection import SYSTEM_ACTOR, MemoryRows, replay, words_of
from tracker.domain.vocabulary import check_covered
from tracker.domain.workflow import CREATED, Registry
from tracker.storage import event_store, evidence_store, projection_store
from tracker.storage.schema import events
from tracker.storage.sql import bulk_insert

from .context import Tracker
from .integrity import PROJECTION_KEY, projection_stamp, unreadable

FORMAT = "tracker-export"
VERSION = 1
FIELDS = {"seq", "item", "version", "type", "data", "actor", "occurred_on", "recorded_at", "idempotency_key",
          "prev_hash", "hash"}
OPTIONAL = {"idempotency_account"}  # absent from exports made before keys had an account
HASH = re.compile(r"[0-9a-f]{64}")
# The clock of `occurred_on` is the local date, that of `recorded_at` UTC: a day apart around midnight.
CLOCKS_APART = timedelta(days=1)
BATCH = 10_000


def export(tracker: Tracker, out: IO[str]) -> dict:
    """Write a header line (format, count, chain head) and one line per event, oldest first. A log whose events
    name documents is refused before anything is written: these lines cannot carry them (a bundle can). Uploads
    no event names yet are not part of the log."""
    with tracker.read() as connection:
        if evidence_store.named_count(connection):
            raise InvalidValue("De gebeurtenissen noemen documenten (bewijs); een export als JSON-regels neemt die "
                               "niet mee. "
                               "Exporteer naar een bestand dat eindigt op .tar: dan gaan de documenten mee in de "
                               "bundel. Er is niets geëxporteerd.")
        return write_log(tracker, connection, out)


def write_log(tracker: Tracker, connection: Connection, out: IO[str], named: set[str] | None = None) -> dict:
    """The export's lines, read within `connection`'s snapshot; every digest an event names goes into `named`."""
    seq, head = event_store.head(connection)
    header = {"format": FORMAT, "version": VERSION, "events": seq, "head": head,
              "exported_at": format_timestamp(tracker.now())}
    out.write(json.dumps(header, ensure_ascii=False) + "\n")
    for row in event_store.stream_raw(connection):
        number, item, version, type_, data, actor, occurred_on, recorded_at, key, prev_hash, hash_, account = row
        problem = unreadable(row)
        try:
            if problem:
                raise ValueError(problem)
            line = {
                "seq": number, "item": item, "version": version, "type": type_, "data": json.loads(data),
                "actor": actor, "occurred_on": occurred_on.isoformat(),
                "recorded_at": format_timestamp(recorded_at), "idempotency_key": key,
                "idempotency_account": account, "prev_hash": prev_hash, "hash": hash_,
            }
        except (AttributeError, TypeError, ValueError):
            what = problem or "gegevens zijn geen JSON"
            raise InvalidValue(f"Gebeurtenis {number} is onleesbaar opgeslagen ({what}); voer 'tracker verify' "
                               "uit. De export is onvolledig.") from None
        if line["idempotency_account"] is None:
            del line["idempotency_account"]  # as older exports wrote it
        evidence = line["data"].get(EVIDENCE) if isinstance(line["data"], dict) else None
        if named is not None and isinstance(evidence, list):
            named.update(d for d in evidence if isinstance(d, str))
        out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
    return header


def _header(lines: Iterator[str]) -> dict:
    try:
        header = json.loads(next(lines))
    except (StopIteration, ValueError):
        raise InvalidValue("Het exportbestand is leeg of begint niet met een kopregel.") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("version") != VERSION:
        raise InvalidValue(f"Dit is geen exportbestand van het volgsysteem (verwacht {FORMAT} versie {VERSION}).")
    count, head = header.get("events"), header.get("head")
    valid_head = isinstance(head, str) and (head == GENESIS_HASH or HASH.fullmatch(head))
    if type(count) is not int or count < 0 or not valid_head:
        raise InvalidValue("De kopregel van het exportbestand mist een geldig aantal gebeurtenissen ('events') of "
                           "een geldige ketenkop ('head'); niets geïmporteerd.")
    return header


def _parse(line: str, number: int) -> StoredEvent:
    """One line as a stored event, every value of the right type."""
    try:
        e = json.loads(line)
    except ValueError:
        raise InvalidValue(f"Regel {number}: geen geldige JSON.") from None
    if not isinstance(e, dict) or not FIELDS <= set(e) <= FIELDS | OPTIONAL:
        found = sorted((set(e) - OPTIONAL) ^ FIELDS) if isinstance(e, dict) else []
        raise InvalidValue(f"Regel {number}: geen gebeurtenis" + (f" (velden wijken af: {', '.join(found)})."
                                                                   if found else "."))
    wrong = [name for name, kind in (("seq", int), ("version", int), ("item", str), ("type", str), ("data", dict),
                                     ("actor", str), ("occurred_on", str), ("recorded_at", str), ("prev_hash", str),
                                     ("hash", str)) if type(e[name]) is not kind]
    account = e.get("idempotency_account")
    wrong += [name for name, value in (("idempotency_key", e["idempotency_key"]), ("idempotency_account", account))
              if value is not None and not isinstance(value, str)]
    if wrong:
        raise InvalidValue(f"Regel {number}: ongeldig type voor {', '.join(wrong)}.")
    if not 1 <= len(e["actor"]) <= 100 or len(e["type"]) > 60:
        raise InvalidValue(f"Regel {number}: 'actor' of 'type' heeft een ongeldige lengte.")
    if account is not None and (not 1 <= len(account) <= 100 or e["idempotency_key"] is None):
        raise InvalidValue(f"Regel {number}: 'idempotency_account' moet 1 tot 100 tekens lang zijn en hoort bij "
                           "een 'idempotency_key'.")
    if e["idempotency_key"] is not None and not 1 <= len(e["idempotency_key"]) <= 200:
        raise InvalidValue(f"Regel {number}: 'idempotency_key' moet 1 tot 200 tekens lang zijn.")
    try:
        occurred_on = date.fromisoformat(e["occurred_on"])
        recorded_at = datetime.fromisoformat(e["recorded_at"])
    except ValueError:
        raise InvalidValue(f"Regel {number}: 'occurred_on' of 'recorded_at' is geen geldige datum.") from None
    if recorded_at.tzinfo is not None or format_timestamp(recorded_at) != e["recorded_at"]:
        raise InvalidValue(f"Regel {number}: 'recorded_at' staat niet in de vorm JJJJ-MM-DDTUU:MM:SS.ffffff.")
    return StoredEvent(e["seq"], e["item"], e["version"], e["type"], e["data"], e["actor"], occurred_on, recorded_at,
                       e["idempotency_key"], e["prev_hash"], e["hash"], account)


class Checker:
    """Every line checked as recording would check it, plus its place in the chain."""

    def __init__(self, registry: Registry, documents: Mapping[str, Document] | None = None):
        self.registry = registry
        self.documents = documents or {}  # what the import brings along: an event may name only these
        self.expected_seq, self.prev = 1, GENESIS_HASH
        self.last_recorded: datetime | None = None
        self.keys: set[tuple[str | None, str]] = set()  # (account, key)
        self.number = 1  # the line being checked

    def __call__(self, event: StoredEvent, rows: MemoryRows, graph: DependencyGraph) -> None:
        try:
            self._check(event, rows, graph)
        except DefinitionError as error:
            raise DefinitionError(f"Regel {self.number}: {error.message} Niets geïmporteerd.",
                                  **error.details) from None
        except TrackerError as error:
            raise InvalidValue(f"Regel {self.number} (gebeurtenis {event.seq} op {event.item[:100]}): "
                               f"{error.message.rstrip('.')}; niets geïmporteerd.") from None

    def _check(self, event: StoredEvent, rows: MemoryRows, graph: DependencyGraph) -> None:
        data_json = canonical_json(event.data)
        digest = chain_hash(event.prev_hash, event.seq, event.item, event.version, event.type, data_json,
                            event.actor, event.occurred_on, event.recorded_at, event.idempotency_key,
                            event.idempotency_account)
        if event.seq != self.expected_seq or event.prev_hash != self.prev or digest != event.hash:
            raise InvalidValue("past niet in de hashketen.")
        self.expected_seq, self.prev = event.seq + 1, event.hash
        if self.last_recorded is not None and event.recorded_at < self.last_recorded:
            raise InvalidValue("het tijdstip van vastleggen ligt vóór dat van de vorige gebeurtenis.")
        self.last_recorded = event.recorded_at
        if event.idempotency_key is not None:
            owned = (event.idempotency_account, event.idempotency_key)
            if owned in self.keys:
                raise InvalidValue("de idempotentiesleutel komt al eerder voor (van hetzelfde account).")
            self.keys.add(owned)
        current = rows.get(event.item) if event.type != CREATED else None
        kind = str(event.data.get("kind")) if event.type == CREATED else (current.item.kind if current else None)
        if kind is not None:
            check_covered(self.registry, [(word, event.seq) for word in words_of(kind, event)])
        canonical = self.registry.canonical(event, None if event.type == CREATED else kind)
        command = NewEvent(event.item, canonical.type, dict(canonical.data), event.actor, event.occurred_on,
                           event.version - 1, event.idempotency_key, event.idempotency_account)
        when = Circumstances(event.recorded_at.date() + CLOCKS_APART, None, internal=True)
        try:
            decision = decide(command, rows, graph, self.registry, when)
        except VersionConflict:
            known = current.item.version if current else 0
            raise InvalidValue(f"versie {event.version} volgt niet op versie {known}.") from None
        if canonical_json(decision.data) != canonical_json(canonical.data):
            raise InvalidValue("de gegevens wijken af van wat vastleggen zou hebben opgeslagen.")
        workflow = self.registry(cast(str, kind))  # decided: the item exists, or this event creates it
        if decision.data.get(EVIDENCE):
            absent = [d for d in decision.data[EVIDENCE] if d not in self.documents]
            if absent:
                raise InvalidValue(f"de gebeurtenis noemt document {absent[0][:12]}…, dat niet in de import zit "
                                   "(een export met documenten is een .tar-bundel)")
            title = str(event.data.get("title")) if event.type == CREATED else (current.item.title if current
                                                                                  else event.item)
            check_accepted([self.documents[d] for d in decision.data[EVIDENCE]], workflow.evidence, quoted(title))
        transition = workflow.transition(canonical.type, current.item.state) if current else None
        if (transition is not None and transition.system) != (event.actor == SYSTEM_ACTOR):
            raise InvalidValue(f"alleen het volgsysteem ('{SYSTEM_ACTOR}') legt '{event.type}' vast, en niets anders.")


Documents = Callable[[Connection], Mapping[str, Document]]


def import_(tracker: Tracker, lines: Iterable[str], documents: Documents | None = None) -> dict:
    """Load an export into an empty database, in one transaction: all of it or nothing. `documents` stores the
    documents that come with the events (a bundle's), in that transaction before the events, and returns them:
    the documents the events may name."""
    lines = iter(lines)
    header = _header(lines)
    columns = [c.name for c in events.columns]
    with tracker.write() as connection:
        if event_store.count(connection):
            raise InvalidValue("De database bevat al gebeurtenissen; importeer alleen in een lege database.")
        checker = Checker(tracker.registry, documents(connection) if documents else None)
        pending: list[list] = []

        def parsed() -> Iterator[StoredEvent]:
            for number, line in enumerate(lines, start=2):
                if not line.strip():
                    continue
                checker.number = number
                event = _parse(line, number)
                yield event
                pending.append([event.seq, event.item, event.version, event.type, canonical_json(event.data),
                                event.actor, event.occurred_on, event.recorded_at, event.idempotency_key,
                                event.prev_hash, event.hash, event.idempotency_account])
                if len(pending) >= BATCH:
                    bulk_insert(connection, "events", columns, pending)
                    pending.clear()

        replayed = replay(parsed(), tracker.registry, graph=DependencyGraph(), check=checker)
        bulk_insert(connection, "events", columns, pending)
        if checker.expected_seq - 1 != header["events"] or checker.prev != header["head"]:
            raise InvalidValue(f"Het bestand eindigt bij gebeurtenis {checker.expected_seq - 1} "
                               f"met kop {checker.prev}, maar de kop belooft {header['events']} gebeurtenissen "
                               f"met kop {header['head']}; niets geïmporteerd.")
        event_store.analyze(connection)
        projection_store.replace_all(connection, replayed)
        projection_store.set_meta(connection, PROJECTION_KEY, projection_stamp(tracker))
    tracker.graphs.invalidate()
    tracker.words.clear()
    return header
