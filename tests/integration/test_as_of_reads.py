"""Reads as of a peildatum come from the histories, not from a replay of the log; they agree with a replay of
every event up to that date, item for item, edge for edge."""
from datetime import date, timedelta

import pytest

from tracker.domain import timing
from tracker.domain.events import NewEvent
from tracker.domain.projection import replay
from tracker.services import as_of, dashboard, graph_view, listing, queries
from tracker.services.graph_view import _describe, _neighbourhood
from tracker.services.recording import record
from tracker.storage import event_store

DAYS = [date(2018, 12, 31), date(2020, 1, 1), date(2022, 9, 22), date(2024, 12, 31), date(2025, 6, 30),
        date(2025, 10, 10), date(2025, 12, 31)]


def replayed(tracker, day):
    with tracker.read() as connection:
        return replay(list(event_store.facts(connection, until=day)), tracker.registry)


@pytest.fixture
def busier(seeded):
    """The seed plus edges added and removed and items finished on later dates: histories with some depth."""
    today = seeded.today()
    steps = [
        NewEvent("munitiebeheer-a10", "afhankelijkheid_toegevoegd", {"op": "autorisatiebeheer-sap-grc"}, "t",
                 today - timedelta(days=20)),
        NewEvent("munitiebeheer-a10", "afhankelijkheid_verwijderd", {"op": "autorisatiebeheer-sap-grc"}, "t",
                 today - timedelta(days=5)),
        NewEvent("autorisatiebeheer-roger", "afgerond", {"toelichting": "Capaciteit geregeld"}, "t",
                 today - timedelta(days=10)),
    ]
    for step in steps:
        record(seeded, step)
    return seeded


def test_items_as_of_any_date_equal_a_replay_up_to_that_date(busier):
    for day in DAYS + [busier.today() - timedelta(days=12), busier.today() - timedelta(days=7)]:
        expected = replayed(busier, day).items
        got = {p.item.key: p for p in queries.list_items(busier, peildatum=day)}
        assert got.keys() == expected.keys(), day
        different = [k for k in expected if got[k] != expected[k]]
        assert not different, (day, different[:3], [(got[k], expected[k]) for k in different[:1]])


@pytest.mark.parametrize("key", ["autorisatiebeheer", "autorisatiebeheer-a2", "onvolkomenheden", "munitiebeheer-a10"])
def test_graph_views_as_of_a_date_equal_those_of_a_replay(busier, key):
    for day in (date(2025, 10, 10), busier.today() - timedelta(days=12)):
        everything = replayed(busier, day)
        if key not in everything.items:
            continue
        keys = _neighbourhood(everything.graph, key)
        titles = {k: (everything.items[k].item.title, everything.items[k].item.state) for k in keys}
        assert graph_view.graph_view(busier, key, day) == _describe(everything.graph, key, titles, keys)


def test_dashboard_counts_follow_the_peildatum(busier):
    for day in DAYS:
        everything = replayed(busier, day)
        expected = {}
        for p in everything.items.values():
            figure = expected.setdefault(p.topic, [-1, 0, 0, 0])
            figure[0] += 1
            figure[1] += p.blocked
            figure[2] += timing.at_risk(p, day)
            figure[3] += timing.overdue(p, day)
        with busier.read() as connection:
            assert as_of.counts(connection, day) == {t: tuple(f) for t, f in expected.items()}, day
    early = dashboard.dashboard(busier, date(2020, 1, 1))
    now = dashboard.dashboard(busier, busier.today())
    assert sum(t.blocked for t in early.topics) == 0 and sum(t.at_risk for t in early.topics) == 0
    assert sum(t.blocked for t in now.topics) > 0


def test_pages_of_a_list_as_of_a_date_equal_the_sorted_replay(busier):
    """Sorts on what an item's history holds project only the page; the others project every candidate. Both
    give, page by page, what sorting a replay up to that date gives."""
    for day in (date(2025, 10, 10), busier.today() - timedelta(days=12)):
        everything = sorted(replayed(busier, day).items.values(), key=lambda p: p.created_seq)
        for sort, descending in [(s, False) for s in sorted(listing.SORTS)] + [("uiterlijk", True), ("titel", True)]:
            expected = listing._ordered(everything, listing.SORTS[sort][1], descending)
            got, page = [], 1
            size = 60 if sort in listing.FROM_HISTORY else 250  # the others project every candidate per page
            while True:
                found = listing.find(busier, listing.Filters(peildatum=day), sort, descending, page, size)
                assert found.total == len(expected)
                got += found.rows
                if page >= found.pages:
                    break
                page += 1
            assert [p.item.key for p in got] == [p.item.key for p in expected], (sort, day, descending)
            assert got == expected


def test_a_page_as_of_a_date_filters_overdue_and_deadlines_like_the_replay(busier):
    day = busier.today() - timedelta(days=12)
    everything = sorted(replayed(busier, day).items.values(), key=lambda p: p.created_seq)
    expected = [p for p in everything if timing.overdue(p, day)]
    assert expected, "the seed has items overdue on that day"
    found = listing.find(busier, listing.Filters(peildatum=day, overdue=True), "aangemaakt", False, 1, 500)
    assert [p.item.key for p in found.rows] == [p.item.key for p in expected]
    first = min(p.deadline for p in expected)
    found = listing.find(busier, listing.Filters(peildatum=day, deadline_to=first), "aangemaakt", False, 1, 500)
    assert [p.item.key for p in found.rows] == [p.item.key for p in everything
                                                if p.deadline is not None and p.deadline <= first]
