"""`tracker rebuild` and `tracker verify`: projections from events, and tamper evidence."""
import pytest
from sqlalchemy import select, text

from tracker.services import integrity
from tracker.storage.schema import items


def projection_rows(tracker):
    with tracker.read() as connection:
        return [tuple(row) for row in connection.execute(select(items).order_by(items.c.key))]


def tamper(tracker, sql, **params):
    with tracker.write() as connection:
        connection.execute(text(sql), params)


def verify(runner):
    result = runner.invoke(args=["verify"])
    return result.exit_code, result.output


def test_rebuild_leaves_the_projections_identical(seeded, seeded_runner):
    before = projection_rows(seeded)
    assert len(before) > 40
    result = seeded_runner.invoke(args=["rebuild"])
    assert result.exit_code == 0, result.output
    assert f"{len(before)} items" in result.output
    assert projection_rows(seeded) == before
    assert verify(seeded_runner)[0] == 0


def test_verify_passes_on_an_untouched_log_and_shows_the_chain_head(seeded, seeded_runner):
    code, output = verify(seeded_runner)
    assert code == 0, output
    assert "ketenkop" in output and "projecties gelijk" in output


def test_editing_one_events_data_is_named_by_sequence_number(seeded, seeded_runner):
    tamper(seeded, "UPDATE events SET data = replace(data, 'Inkoop', 'Inkoopje') WHERE seq = 2")
    code, output = verify(seeded_runner)
    assert code != 0
    assert "Gebeurtenis 2 " in output and "gewijzigd" in output
    assert "eerste afwijkende gebeurtenis 2." in output


def test_editing_the_actor_or_date_is_detected_too(seeded, seeded_runner):
    tamper(seeded, "UPDATE events SET actor = 'iemand anders' WHERE seq = 40")
    code, output = verify(seeded_runner)
    assert code != 0 and "eerste afwijkende gebeurtenis 40." in output


def test_a_deleted_event_is_named(seeded, seeded_runner):
    tamper(seeded, "DELETE FROM events WHERE seq = 30")
    code, output = verify(seeded_runner)
    assert code != 0
    assert "volgnummer(s) 30–30 ontbreken" in output
    assert "eerste afwijkende gebeurtenis 31." in output


def test_an_inserted_event_is_named(seeded, seeded_runner):
    with seeded.read() as connection:
        last = connection.execute(text("SELECT max(seq) FROM events")).scalar()
    tamper(seeded, "INSERT INTO events (seq, item_key, version, type, data, actor, occurred_on, recorded_at, "
                   "idempotency_key, prev_hash, hash) SELECT :seq, item_key, 99, 'opmerking', "
                   "'{\"toelichting\":\"ingevoegd\"}', actor, occurred_on, recorded_at, NULL, hash, hash "
                   "FROM events WHERE seq = :last", seq=last + 1, last=last)
    code, output = verify(seeded_runner)
    assert code != 0
    assert f"eerste afwijkende gebeurtenis {last + 1}." in output


def test_reordered_events_are_named(seeded, seeded_runner):
    tamper(seeded, "UPDATE events SET seq = -1 WHERE seq = 10")
    tamper(seeded, "UPDATE events SET seq = 10 WHERE seq = 11")
    tamper(seeded, "UPDATE events SET seq = 11 WHERE seq = -1")
    code, output = verify(seeded_runner)
    assert code != 0
    assert "eerste afwijkende gebeurtenis 10." in output


def test_a_projection_that_drifted_from_the_events_is_reported_and_rebuilt(seeded, seeded_runner):
    tamper(seeded, "UPDATE items SET state = 'opgevolgd' WHERE key = 'munitiebeheer-a10'")
    code, output = verify(seeded_runner)
    assert code != 0 and "munitiebeheer-a10 wijkt af" in output
    assert seeded_runner.invoke(args=["rebuild"]).exit_code == 0
    assert verify(seeded_runner)[0] == 0


@pytest.mark.parametrize("count", [1, 25])
def test_verification_reports_the_event_count(seeded, count):
    result = integrity.verify(seeded)
    assert result.ok and result.events > count
