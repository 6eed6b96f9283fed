"""Moving the event log between databases: export as JSON lines with the chain head, import with the
chain checked on the way in. Projections are rebuilt from the imported events; accounts are not moved."""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import IO, Iterable, Iterator

from tracker.domain.errors import InvalidValue
from tracker.domain.events import GENESIS_HASH, canonical_json, chain_hash, format_timestamp
from tracker.domain.projection import replay_all
from tracker.storage import event_store, projection_store
from tracker.storage.schema import events
from tracker.storage.sql import bulk_insert

from .context import Tracker

FORMAT = "tracker-export"
VERSION = 1


def export(tracker: Tracker, out: IO[str]) -> dict:
    """Write a header line (format, count, chain head) and one line per event, oldest first."""
    with tracker.read() as connection:
        seq, head = event_store.head(connection)
        header = {"format": FORMAT, "version": VERSION, "events": seq, "head": head,
                  "exported_at": format_timestamp(tracker.now())}
        out.write(json.dumps(header, ensure_ascii=False) + "\n")
        for row in event_store.stream_raw(connection):
            number, item, version, type_, data, actor, occurred_on, recorded_at, key, prev_hash, hash_ = row
            out.write(json.dumps({
                "seq": number, "item": item, "version": version, "type": type_, "data": json.loads(data),
                "actor": actor, "occurred_on": occurred_on.isoformat(), "recorded_at": format_timestamp(recorded_at),
                "idempotency_key": key, "prev_hash": prev_hash, "hash": hash_,
            }, ensure_ascii=False, separators=(",", ":")) + "\n")
    return header


def _rows(lines: Iterable[str], header: dict) -> Iterator[dict]:
    """Each event as a table row, its place in the chain and its hash checked."""
    expected_seq, prev = 1, GENESIS_HASH
    for number, line in enumerate(lines, start=2):
        if not line.strip():
            continue
        try:
            e = json.loads(line)
            row = {"seq": int(e["seq"]), "item_key": e["item"], "version": int(e["version"]), "type": e["type"],
                   "data": canonical_json(e["data"]), "actor": e["actor"],
                   "occurred_on": date.fromisoformat(e["occurred_on"]),
                   "recorded_at": datetime.fromisoformat(e["recorded_at"]),
                   "idempotency_key": e.get("idempotency_key"), "prev_hash": e["prev_hash"], "hash": e["hash"]}
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidValue(f"Regel {number} van het exportbestand is onleesbaar ({exc}).") from None
        digest = chain_hash(row["prev_hash"], row["seq"], row["item_key"], row["version"], row["type"], row["data"],
                            row["actor"], row["occurred_on"], row["recorded_at"], row["idempotency_key"])
        if row["seq"] != expected_seq or row["prev_hash"] != prev or digest != row["hash"]:
            raise InvalidValue(f"Gebeurtenis {row['seq']} (regel {number}) past niet in de keten; niets geïmporteerd.")
        expected_seq, prev = row["seq"] + 1, row["hash"]
        yield row
    if expected_seq - 1 != header["events"] or prev != header["head"]:
        raise InvalidValue(f"Het bestand eindigt bij gebeurtenis {expected_seq - 1} met kop {prev}, maar de kop "
                           f"belooft {header['events']} gebeurtenissen met kop {header['head']}; niets geïmporteerd.")


def import_(tracker: Tracker, lines: Iterable[str]) -> dict:
    """Load an export into an empty database, in one transaction: all of it or nothing."""
    lines = iter(lines)
    try:
        header = json.loads(next(lines))
    except (StopIteration, ValueError):
        raise InvalidValue("Het exportbestand is leeg of begint niet met een kopregel.") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("version") != VERSION:
        raise InvalidValue(f"Dit is geen exportbestand van het volgsysteem (verwacht {FORMAT} versie {VERSION}).")
    with tracker.write() as connection:
        if event_store.count(connection):
            raise InvalidValue("De database bevat al gebeurtenissen; importeer alleen in een lege database.")
        columns = [c.name for c in events.columns]
        bulk_insert(connection, "events", columns, ([row[c] for c in columns] for row in _rows(lines, header)))
        event_store.analyze(connection)
        replayed = replay_all(event_store.facts(connection), tracker.registry, with_states=True)
        projection_store.replace_all(connection, replayed.items.values(), replayed.edges, replayed.states)
    tracker.graphs.invalidate()
    return header
