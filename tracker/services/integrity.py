"""Rebuilding projections from the log, and verifying the log and the projections."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from tracker.domain.errors import TrackerError
from tracker.domain.events import GENESIS_HASH, StoredEvent, chain_hash
from tracker.domain.projection import replay_all
from tracker.storage import event_store, projection_store

from .context import Tracker

MAX_PROBLEMS = 20


def rebuild(tracker: Tracker) -> int:
    """Throw the projections away and compute them again from the events. Returns the item count."""
    with tracker.write() as connection:
        result = replay_all(event_store.facts(connection), tracker.registry, with_states=True)
        projection_store.replace_all(connection, result.items.values(), result.edges, result.states)
    tracker.graphs.invalidate()
    return len(result.items)


def fill_missing_projections(tracker: Tracker) -> bool:
    """After a migration adds a projection table, fill it (by a rebuild) if the log already has events."""
    with tracker.read() as connection:
        needed = event_store.count(connection) > 0 and projection_store.count_states(connection) == 0
    if needed:
        rebuild(tracker)
    return needed


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
    """Check the hash chain, sequence and versions, then that the projections equal a replay."""
    result = Verification()
    with tracker.read() as connection:
        events = _check_chain(event_store.stream_raw(connection), result)
        if result.ok:
            _check_projections(tracker, connection, events, result)
    return result


def _check_chain(rows, result: Verification) -> list[StoredEvent]:
    expected_seq, prev_hash = 1, GENESIS_HASH
    versions: dict[str, int] = {}
    events = []
    for seq, item, version, type_, data, actor, occurred_on, recorded_at, key, stored_prev, stored_hash in rows:
        result.events += 1
        if seq != expected_seq:
            if seq > expected_seq:
                result.add(seq, f"Gebeurtenis {seq}: volgnummer(s) {expected_seq}–{seq - 1} ontbreken "
                                "(verwijderd of verschoven).")
            else:
                result.add(seq, f"Gebeurtenis {seq}: volgnummer staat niet op zijn plaats (ingevoegd?).")
        if stored_prev != prev_hash:
            result.add(seq, f"Gebeurtenis {seq}: vorige-hash sluit niet aan op gebeurtenis {seq - 1} "
                            "(ingevoegd, verwijderd of van volgorde gewisseld).")
        if chain_hash(stored_prev, seq, item, version, type_, data, actor, occurred_on, recorded_at, key) != stored_hash:
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
        events.append(StoredEvent(seq, item, version, type_, parsed, actor, occurred_on, recorded_at, key,
                                  stored_prev, stored_hash))
    result.head = prev_hash
    return events


def _check_projections(tracker: Tracker, connection, events: list[StoredEvent], result: Verification) -> None:
    try:
        replayed = replay_all(events, tracker.registry, with_states=True)
    except TrackerError as error:
        result.add(error.details.get("seq"), f"Herberekening mislukt: {error.message}")
        return
    expected = replayed.items
    if projection_store.all_states(connection) != replayed.states:
        result.add(None, "De toestanden door de tijd (item_states) wijken af van de herberekening; voer "
                         "'tracker rebuild' uit.")
    stored_edges = projection_store.all_edges(connection)
    for dependent, prerequisite in sorted(replayed.edges ^ stored_edges):
        where = "ontbreekt in" if (dependent, prerequisite) in replayed.edges else "staat ten onrechte in"
        result.add(None, f"Afhankelijkheid {dependent} → {prerequisite} {where} de projectie; "
                         "voer 'tracker rebuild' uit.")
    stored = {p.item.key: p for p in projection_store.all_rows(connection)}
    for key in sorted(expected.keys() | stored.keys()):
        want, have = expected.get(key), stored.get(key)
        if want != have:
            seq = want.last_seq if want else (have.last_seq if have else None)
            what = "ontbreekt in de projectie" if have is None else (
                "staat in de projectie maar niet in de gebeurtenissen" if want is None else
                "wijkt af van de herberekening")
            result.add(seq, f"Item {key} {what} (laatste gebeurtenis {seq}); voer 'tracker rebuild' uit.")
