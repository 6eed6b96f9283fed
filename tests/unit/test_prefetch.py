"""Reading the log on PostgreSQL overlaps fetching and folding; nothing is lost, errors reach the reader."""
import pytest

from tracker.storage.event_store import _prefetched


class FakeCursor:
    def __init__(self, rows, fail_after=None):
        self.rows, self.fail_after, self.fetches = list(rows), fail_after, 0

    def fetchmany(self, size):
        self.fetches += 1
        if self.fail_after is not None and self.fetches > self.fail_after:
            raise ConnectionError("server gone")
        batch, self.rows = self.rows[:size], self.rows[size:]
        return batch


def test_every_row_arrives_in_order():
    batches = list(_prefetched(FakeCursor(range(25)), 10))
    assert [len(b) for b in batches] == [10, 10, 5]
    assert [r for b in batches for r in b] == list(range(25))


def test_a_failed_fetch_is_raised_to_the_reader():
    with pytest.raises(ConnectionError, match="server gone"):
        list(_prefetched(FakeCursor(range(25), fail_after=1), 10))


def test_stopping_early_stops_the_helper():
    cursor = FakeCursor(range(10_000))
    reader = _prefetched(cursor, 10)
    next(reader)
    reader.close()  # the helper was blocked on a full queue: it must be released, not left fetching
    fetched = cursor.fetches
    assert fetched < 1000 and cursor.fetches == fetched
