"""Appending events through the service layer, against a real SQLite database."""
from datetime import date

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError

from tracker.domain.errors import (
    DuplicateItem,
    IdempotencyKeyReused,
    IllegalTransition,
    InvalidDate,
    InvalidValue,
    MissingField,
    UnknownItem,
    VersionConflict,
)
from tracker.domain.events import NewEvent
from tracker.services import queries
from tracker.services.recording import record, record_many
from tracker.storage import event_store
from tracker.storage.schema import events


def head_and_count(tracker):
    with tracker.read() as connection:
        return event_store.head(connection), event_store.count(connection)


def progress(tracker, key, peildatum=None):
    return queries.get_item(tracker, key, peildatum).progress


def create(tracker, key, kind, title, parent=None, on=date(2025, 1, 6), **fields):
    data = {"kind": kind, "title": title, **fields}
    if parent:
        data["parent"] = parent
    return record(tracker, NewEvent(key, "aangemaakt", data, "test", on)).event


def small_tree(tracker):
    create(tracker, "t", "thema", "Thema")
    create(tracker, "o", "onvolkomenheid", "Onvolkomenheid", parent="t")
    create(tracker, "o-a1", "aanbeveling", "Eerste", parent="o")
    create(tracker, "o-a2", "aanbeveling", "Tweede", parent="o")


def test_creating_children_counts_them_in_the_parents_progress(tracker):
    small_tree(tracker)
    assert progress(tracker, "o") == (0, 2)
    assert progress(tracker, "t") == (0, 1)
    item = queries.get_item(tracker, "o-a1").item
    assert (item.state, item.version, item.parent) == ("open", 1, "o")


def test_following_a_recommendation_moves_the_parent_to_ten_of_ten(seeded):
    assert progress(seeded, "munitiebeheer") == (9, 10)
    now = queries.get_item(seeded, "munitiebeheer-a10").item.version
    stored = record(seeded, NewEvent("munitiebeheer-a10", "opgevolgd", {"toelichting": "Afgerond"}, "eigenaar",
                                     date(2026, 2, 3), expected_version=now)).event
    assert (stored.version, stored.type, stored.data) == (now + 1, "opgevolgd", {"toelichting": "Afgerond"})
    assert progress(seeded, "munitiebeheer") == (10, 10)
    assert queries.get_item(seeded, "munitiebeheer-a10").item.state == "opgevolgd"


def test_sending_back_a_claim_lowers_the_count_again(seeded):
    record(seeded, NewEvent("cryptobeheer-a1", "teruggestuurd", {"toelichting": "Bewijs ontbreekt"},
                            "Algemene Rekenkamer", date(2026, 5, 20)))
    assert progress(seeded, "cryptobeheer") == (2, 3)
    assert queries.get_item(seeded, "cryptobeheer-a1").item.state == "in_uitvoering"


def test_stale_version_is_refused_and_writes_nothing(seeded):
    before = head_and_count(seeded)
    now = queries.get_item(seeded, "munitiebeheer-a10").item.version
    with pytest.raises(VersionConflict, match=f"de huidige versie is {now}"):
        record(seeded, NewEvent("munitiebeheer-a10", "opgevolgd", {"toelichting": "x"}, "a", date(2026, 1, 5),
                                expected_version=now - 1))
    assert head_and_count(seeded) == before


@pytest.mark.parametrize("command, error", [
    (NewEvent("munitiebeheer-a10", "geverifieerd", {}, "a"), IllegalTransition),
    (NewEvent("munitiebeheer-a10", "opgevolgd", {}, "a"), MissingField),
    (NewEvent("bestaat-niet", "opgevolgd", {"toelichting": "x"}, "a"), UnknownItem),
    (NewEvent("munitiebeheer", "planning_gewijzigd", {"gereed": "later", "toelichting": "x"}, "a"), InvalidValue),
    (NewEvent("munitiebeheer-a10", "opgevolgd", {"toelichting": "x"}, "a", date(2020, 1, 1)), InvalidDate),
])
def test_a_rejected_event_leaves_no_trace(seeded, command, error):
    before = head_and_count(seeded)
    item_before = queries.get_item(seeded, "munitiebeheer-a10")
    with pytest.raises(error):
        record(seeded, command)
    assert head_and_count(seeded) == before
    assert queries.get_item(seeded, "munitiebeheer-a10") == item_before


def test_several_events_in_one_command_are_all_or_nothing(seeded):
    before = head_and_count(seeded)
    with pytest.raises(IllegalTransition):
        record_many(seeded, [
            NewEvent("munitiebeheer-a10", "opgevolgd", {"toelichting": "x"}, "a", date(2026, 1, 5)),
            NewEvent("munitiebeheer-a10", "opgevolgd", {"toelichting": "nog eens"}, "a", date(2026, 1, 5)),
        ])
    assert head_and_count(seeded) == before
    assert progress(seeded, "munitiebeheer") == (9, 10)


def test_idempotent_retry_returns_the_original_and_writes_nothing(seeded):
    command = NewEvent("munitiebeheer-a10", "opgevolgd", {"toelichting": "x"}, "a", date(2026, 1, 5),
                       expected_version=queries.get_item(seeded, "munitiebeheer-a10").item.version,
                       idempotency_key="verzoek-1")
    first = record(seeded, command)
    after_first = head_and_count(seeded)
    again = record(seeded, command)
    assert again.replayed and again.event == first.event
    assert head_and_count(seeded) == after_first


def test_idempotency_key_reused_for_another_payload_is_refused(seeded):
    record(seeded, NewEvent("munitiebeheer-a10", "opgevolgd", {"toelichting": "x"}, "a", date(2026, 1, 5),
                            idempotency_key="verzoek-2"))
    before = head_and_count(seeded)
    with pytest.raises(IdempotencyKeyReused, match="verzoek-2"):
        record(seeded, NewEvent("munitiebeheer-a10", "opmerking", {"toelichting": "anders"}, "a",
                                date(2026, 1, 5), idempotency_key="verzoek-2"))
    assert head_and_count(seeded) == before


def test_creating_an_existing_item_or_under_the_wrong_parent_is_refused(tracker):
    small_tree(tracker)
    with pytest.raises(DuplicateItem):
        create(tracker, "o-a1", "aanbeveling", "Dubbel", parent="o")
    with pytest.raises(InvalidValue, match="kan niet onder 'Thema'"):
        create(tracker, "x-a1", "aanbeveling", "Verkeerd", parent="t")
    with pytest.raises(MissingField, match="parent"):
        create(tracker, "x-a2", "aanbeveling", "Wees")


def test_the_database_refuses_a_duplicate_item_version(seeded):
    with seeded.read() as connection:
        row = connection.execute(select(events).where(events.c.seq == 5)).mappings().one()
    with pytest.raises(IntegrityError):
        with seeded.write() as connection:
            connection.execute(insert(events).values({**row, "seq": 100000, "idempotency_key": None}))


def test_state_as_of_an_earlier_peildatum_uses_only_events_up_to_that_date(seeded):
    assert progress(seeded, "inkoop", date(2023, 12, 31)) == (1, 3)
    assert progress(seeded, "inkoop", date(2024, 12, 31)) == (2, 3)
    assert progress(seeded, "inkoop", date(2025, 12, 31)) == (3, 3)
    past = queries.get_item(seeded, "vastgoedbeheer-a1", date(2024, 4, 1)).item
    known = [e for e in queries.history(seeded, "vastgoedbeheer-a1") if e.occurred_on <= date(2024, 4, 1)]
    assert (past.state, past.version) == ("opgevolgd", len(known))
    with pytest.raises(UnknownItem, match="op peildatum 2020-01-01"):
        queries.get_item(seeded, "munitiebeheer", date(2020, 1, 1))


def test_the_database_is_set_up_for_durable_serialised_writes(tracker):
    with tracker.read() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        else:
            assert connection.execute(text("SHOW synchronous_commit")).scalar() == "on"
            assert connection.execute(text("SHOW fsync")).scalar() == "on"
    with tracker.write() as connection:  # writers hold the chain lock (SQLite: BEGIN IMMEDIATE)
        if connection.dialect.name == "postgresql":
            held = connection.execute(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                           "AND pid = pg_backend_pid() AND granted")).scalar()
            assert held == 1
        else:
            import sqlite3

            other = sqlite3.connect(tracker.engine.url.database, timeout=0)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            other.close()
