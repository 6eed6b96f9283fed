"""Rebuilding projections from the log, verifying the log and the projections, and keeping the definitions
held against the log."""
from __future__ import annotations

import gc
import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.exc import SQLAlchemyError

from tracker.domain.errors import DefinitionError, TrackerError
from tracker.domain.events import GENESIS_HASH, StoredEvent, chain_hash
from tracker.domain.projection import VERSION as PROJECTION_VERSION
from tracker.domain.projection import Word, replay, words_of
from tracker.domain.vocabulary import check_covered
from tracker.domain.workflow import CREATED
from tracker.storage import database, event_store, projection_store

from . import evidence_check
from .context import Tracker

MAX_PROBLEMS = 20
PROJECTION_KEY = "projectie"
log = logging.getLogger(__name__)


def projection_stamp(tracker: Tracker) -> str:
    """What the projections were computed with: this projection and these definitions."""
    return f"{PROJECTION_VERSION}:{tracker.registry.fingerprint}"


def rebuild(tracker: Tracker) -> int:
    """Throw the projections away and compute them again from the events. Returns the item count."""
    with tracker.write() as connection:
        count = _rebuild(tracker, connection)
    tracker.graphs.invalidate()
    tracker.words.clear()
    return count


def _rebuild(tracker: Tracker, connection) -> int:
    # A replay allocates millions of small containers and no cycles: the cyclic collector would only
    # rescan them over and over.
    enabled = gc.isenabled()
    gc.disable()
    try:
        replayed = replay(event_store.facts(connection), tracker.registry)
        projection_store.replace_all(connection, replayed)
        projection_store.set_meta(connection, PROJECTION_KEY, projection_stamp(tracker))
        return len(replayed.items)
    finally:
        if enabled:
            gc.enable()


def ensure_current(tracker: Tracker) -> bool:
    """At start-up and after `init-db`: refuse definitions that no longer cover the log, and recompute the
    projections when they were computed with other definitions or by an older version. Returns whether it
    recomputed them. A database that is unreachable or not yet set up is left to `init-db` and `/healthz`."""
    try:
        if not database.schema_current(tracker.engine):
            return False
        with tracker.read() as connection:
            check_covered(tracker.registry, projection_store.words(connection))
            if projection_store.meta_value(connection, PROJECTION_KEY) == projection_stamp(tracker):
                return False
        with tracker.write() as connection:  # another worker may have done it meanwhile
            if projection_store.meta_value(connection, PROJECTION_KEY) == projection_stamp(tracker):
                return False
            if event_store.count(connection) == 0:
                projection_store.set_meta(connection, PROJECTION_KEY, projection_stamp(tracker))
                return False
            log.warning("Projecties worden opnieuw berekend: ze zijn berekend met andere definities of een "
                        "oudere versie.")
            _rebuild(tracker, connection)
    except SQLAlchemyError as error:
        log.warning("Database niet bereikbaar bij het starten (%s); zie /healthz.", type(error).__name__)
        return False
    tracker.graphs.invalidate()
    tracker.words.clear()
    return True


@dataclass
class Verification:
    events: int = 0
    head: str = GENESIS_HASH
    problems: list[tuple[int | None, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad_seq(self) -> int | None:
        return next((seq for seq, _ in self.problems if seq is not None), None)

    def add(self, seq: int | None, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append((seq, message))


def verify(tracker: Tracker) -> Verification:
    """Check the hash chain, sequence and versions; that the definitions cover every name the log uses; that
    the projections equal a replay; and that every stored document still hashes to its SHA-256 (the events that
    name it are named with it), and every document an event names is stored."""
    result = Verification()
    with tracker.read() as connection:
        events, words = _check_chain(event_store.stream_raw(connection), result)
        if result.ok:
            stored_words = projection_store.words(connection)
            try:
                check_covered(tracker.registry, {**{w: s for w, s in stored_words.items() if w.category == "state"},
                                                 **words})
            except DefinitionError as error:
                result.add(error.details.get("seq"), error.message)
        if result.ok:
            _check_projections(tracker, connection, events, result)
        evidence_check.check(connection, events, result.add)
    return result


def _check_chain(rows, result: Verification) -> tuple[list[StoredEvent], dict[Word, int]]:
    expected_seq, prev_hash = 1, GENESIS_HASH
    versions: dict[str, int] = {}
    kinds: dict[str, str] = {}
    words: dict[Word, int] = {}
    events = []
    for row in rows:
        seq, item, version, type_, data, actor, occurred_on, recorded_at, key, stored_prev, stored_hash, account = row
        result.events += 1
        problem = unreadable(row)
        if problem:  # nothing below can be computed from it: name it and go on with the next
            result.add(seq, f"Gebeurtenis {seq}: {problem}.")
            expected_seq, prev_hash = (seq + 1 if type(seq) is int else expected_seq), stored_hash
            continue
        if seq != expected_seq:
            if seq > expected_seq:
                result.add(seq, f"Gebeurtenis {seq}: volgnummer(s) {expected_seq}–{seq - 1} ontbreken "
                                "(verwijderd of verschoven).")
            else:
                result.add(seq, f"Gebeurtenis {seq}: volgnummer staat niet op zijn plaats (ingevoegd?).")
        if stored_prev != prev_hash:
            result.add(seq, f"Gebeurtenis {seq}: vorige-hash sluit niet aan op gebeurtenis {seq - 1} "
                            "(ingevoegd, verwijderd of van volgorde gewisseld).")
        expected = chain_hash(stored_prev, seq, item, version, type_, data, actor, occurred_on, recorded_at, key,
                              account)
        if expected != stored_hash:
            result.add(seq, f"Gebeurtenis {seq} ({type_} op {item}): inhoud komt niet overeen met de hash "
                            "(gewijzigd).")
        if version != versions.get(item, 0) + 1:
            result.add(seq, f"Gebeurtenis {seq}: versie {version} van {item} volgt niet op versie "
                            f"{versions.get(item, 0)}.")
        versions[item] = version
        expected_seq, prev_hash = seq + 1, stored_hash
        try:
            parsed = json.loads(data)
        except ValueError:
            result.add(seq, f"Gebeurtenis {seq}: gegevens zijn geen geldige JSON.")
            continue
        event = StoredEvent(seq, item, version, type_, parsed, actor, occurred_on, recorded_at, key, stored_prev,
                            stored_hash, account)
        if type_ == CREATED and isinstance(parsed, dict):
            kinds.setdefault(item, str(parsed.get("kind")))
        for word in words_of(kinds.get(item, "?"), event) if isinstance(parsed, dict) else ():
            words.setdefault(word, seq)
        events.append(event)
    result.head = prev_hash
    return events, words


def unreadable(row: tuple) -> str | None:
    """What makes a stored row impossible to check, in words, or None."""
    seq, item, version, type_, data, actor, occurred_on, recorded_at, key, prev, hash_, account = row
    if type(seq) is not int:
        return f"volgnummer '{str(seq)[:40]}' is geen getal"
    if type(version) is not int:
        return f"versie '{str(version)[:40]}' is geen getal"
    if not isinstance(occurred_on, date) or isinstance(occurred_on, datetime):
        return f"datum '{str(occurred_on)[:40]}' is geen datum (JJJJ-MM-DD)"
    if not isinstance(recorded_at, datetime):
        return f"tijdstip van vastleggen '{str(recorded_at)[:40]}' is geen tijdstip"
    texts = {"item": item, "type": type_, "gegevens": data, "actor": actor, "vorige hash": prev, "hash": hash_}
    wrong = [name for name, value in texts.items() if not isinstance(value, str)]
    wrong += [name for name, value in (("idempotentiesleutel", key), ("account van de sleutel", account))
              if value is not None and not isinstance(value, str)]
    return f"{', '.join(wrong)} is geen tekst" if wrong else None


def _check_projections(tracker: Tracker, connection, events: list[StoredEvent], result: Verification) -> None:
    try:
        replayed = replay(events, tracker.registry)
    except TrackerError as error:
        result.add(error.details.get("seq"), f"Herberekening mislukt: {error.message}")
        return
    stamp = projection_store.meta_value(connection, PROJECTION_KEY)
    if stamp is not None and stamp != projection_stamp(tracker):
        result.add(None, "De projecties zijn berekend met andere workflowdefinities; voer 'tracker rebuild' uit.")
    if projection_store.all_moments(connection) != replayed.moments:
        result.add(None, "De items door de tijd (item_states) wijken af van de herberekening; voer "
                         "'tracker rebuild' uit.")
    if projection_store.all_edge_changes(connection) != replayed.edge_changes:
        result.add(None, "De afhankelijkheden door de tijd wijken af van de herberekening; voer "
                         "'tracker rebuild' uit.")
    if evidence_check.links(connection) != sorted(replayed.documents):
        result.add(None, "Het register van bewijs (welke gebeurtenis welk document noemt) wijkt af van de "
                         "herberekening; voer 'tracker rebuild' uit.")
    if projection_store.words(connection) != replayed.words:
        result.add(None, "De woordenlijst van de gebeurtenissen wijkt af van de herberekening; voer "
                         "'tracker rebuild' uit.")
    stored_edges = projection_store.all_edges(connection)
    for dependent, prerequisite in sorted(replayed.edges ^ stored_edges):
        where = "ontbreekt in" if (dependent, prerequisite) in replayed.edges else "staat ten onrechte in"
        result.add(None, f"Afhankelijkheid {dependent} → {prerequisite} {where} de projectie; "
                         "voer 'tracker rebuild' uit.")
    expected = replayed.items
    stored = {p.item.key: p for p in projection_store.all_rows(connection)}
    for key in sorted(expected.keys() | stored.keys()):
        want, have = expected.get(key), stored.get(key)
        if want != have:
            seq = want.last_seq if want else (have.last_seq if have else None)
            what = "ontbreekt in de projectie" if have is None else (
                "staat in de projectie maar niet in de gebeurtenissen" if want is None else
                "wijkt af van de herberekening")
            result.add(seq, f"Item {key} {what} (laatste gebeurtenis {seq}); voer 'tracker rebuild' uit.")
