"""Reports, trend and latest changes read only part of the log; they agree with a replay of every event."""
from datetime import date

from tracker.domain.events import NewEvent
from tracker.services import catalog, dashboard, reporting
from tracker.services.recording import record
from tracker.services.reports.trend import done_over_time, quarter_ends
from tracker.storage import projection_store

PUBLISHED = date(2025, 12, 31)


def _counted_by_replay(tracker, day):
    everything = reporting.snapshot(tracker, day)  # every event folded: the slow, obvious answer
    recommendations = everything.of_kind("aanbeveling")
    return sum(p.done for p in recommendations), len(recommendations)


def test_the_trend_from_state_history_equals_a_full_replay_at_each_quarter(seeded):
    days = quarter_ends(date(2022, 1, 1), PUBLISHED)
    with seeded.read() as connection:
        history = projection_store.state_history(connection, "aanbeveling", PUBLISHED)
    trend = done_over_time(history, seeded.registry("aanbeveling"), days)
    assert trend == [_counted_by_replay(seeded, day) for day in days]
    assert trend[-1] == (34, 38)


def test_a_backdated_follow_up_moves_the_trend_from_its_own_date_on(seeded):
    record(seeded, NewEvent("munitiebeheer-a10", "opgevolgd", {"toelichting": "Afgerond"}, "t", date(2026, 2, 3)))
    days = [PUBLISHED, date(2026, 2, 2), date(2026, 2, 3)]
    with seeded.read() as connection:
        history = projection_store.state_history(connection, "aanbeveling", date(2026, 3, 31))
    assert done_over_time(history, seeded.registry("aanbeveling"), days) == [(34, 38), (34, 38), (35, 38)]


def test_latest_changes_are_newest_first_and_stop_at_the_peildatum(seeded):
    record(seeded, NewEvent("munitiebeheer-a10", "opgevolgd", {"toelichting": "Afgerond"}, "tester",
                            date(2026, 2, 3)))
    board = dashboard.dashboard(seeded, date(2026, 3, 31))
    first = board.changes[0]
    assert (first.item, first.occurred_on, first.actor) == ("munitiebeheer-a10", date(2026, 2, 3), "tester")
    assert [c.occurred_on for c in board.changes] == sorted((c.occurred_on for c in board.changes), reverse=True)
    earlier = dashboard.dashboard(seeded, PUBLISHED)
    assert all(c.occurred_on <= PUBLISHED for c in earlier.changes) and len(earlier.changes) == 12


def test_each_report_from_its_selected_reads_equals_one_from_every_event(seeded):
    # A state change after some of the peildata below, so the "changed since" lookup is exercised too.
    record(seeded, NewEvent("munitiebeheer-a10", "opgevolgd", {"toelichting": "Afgerond"}, "t", date(2026, 2, 3)))
    for day in (date(2023, 6, 30), date(2024, 12, 31), PUBLISHED, date(2026, 2, 2), date(2026, 6, 30)):
        everything = reporting.snapshot(seeded, day)
        for declared in catalog.REPORTS:
            selected = reporting.report(seeded, declared.name, day)
            assert selected.rows == declared.build(everything).rows, (declared.name, day)
