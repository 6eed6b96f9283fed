"""The read cache is bounded: however many distinct peildata are asked, it never holds more than its size."""
from datetime import date, timedelta

from tracker.services import accounts
from tracker.services.context import READ_CACHE_SIZE, ReadCache


def test_the_dashboard_for_a_thousand_peildata_keeps_the_cache_bounded(app):
    tracker = app.extensions["tracker"]
    accounts.create(tracker, "lezer", "lezer")
    accounts.set_password(tracker, "lezer", "een-lang-wachtwoord")
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    assert client.post("/aanmelden", data={"name": "lezer", "password": "een-lang-wachtwoord"}).status_code == 302
    largest = 0
    for offset in range(1000):
        day = date(2020, 1, 1) + timedelta(days=offset)
        assert client.get(f"/?peildatum={day.isoformat()}").status_code == 200
        largest = max(largest, len(tracker.read_cache))
    assert largest == READ_CACHE_SIZE  # it filled up, and went no further
    assert ("dashboard-html", date(2020, 1, 1) + timedelta(days=999)) in tracker.read_cache
    assert ("dashboard-html", date(2020, 1, 1)) not in tracker.read_cache  # the oldest went first


def test_the_least_recently_used_entry_goes_first():
    cache = ReadCache(maxsize=2)
    cache["a"], cache["b"] = 1, 2
    assert cache.get("a") == 1  # used: "b" is now the least recent
    cache["c"] = 3
    assert set(cache) == {"a", "c"} and cache.get("b") is None


def test_reads_as_of_a_peildatum_are_kept_until_the_log_changes(seeded):
    """A read as of a date is computed once per head of the log; an event dated on or before that date, recorded
    here or by another process on the same database, is in the next read."""
    from tracker import create_app
    from tracker.domain.events import NewEvent
    from tracker.services import graph_view, listing, queries
    from tracker.services.recording import record

    day = seeded.today() - timedelta(days=3)
    before = queries.get_item(seeded, "munitiebeheer-a10", day)
    assert queries.get_item(seeded, "munitiebeheer-a10", day) is before  # kept, not computed again
    page = listing.find(seeded, listing.Filters(parent="munitiebeheer", peildatum=day), "aangemaakt")
    view = graph_view.graph_view(seeded, "munitiebeheer", day)
    other = create_app({"TESTING": True, "DATABASE_URL": seeded.engine.url.render_as_string(hide_password=False),
                        "TODAY": seeded.today}).extensions["tracker"]
    record(other, NewEvent("munitiebeheer-a10", "opmerking", {"toelichting": "Nagekomen overleg"}, "t",
                           day - timedelta(days=1)))
    after = queries.get_item(seeded, "munitiebeheer-a10", day)
    assert after.item.version == before.item.version + 1
    again = listing.find(seeded, listing.Filters(parent="munitiebeheer", peildatum=day), "aangemaakt")
    assert again is not page
    assert [p.item.version for p in again.rows if p.item.key == "munitiebeheer-a10"] == [after.item.version]
    assert graph_view.graph_view(seeded, "munitiebeheer", day) is not view
