"""A seeded database with an administrator token, for tests that run a real server against it."""
import os

import pytest

from tests.conftest import make_app
from tests.databases import URL_VARIABLE
from tracker.services import accounts

# Several app servers share one database only on PostgreSQL (SQLite serves from one machine), and they hear each
# other through PostgreSQL's LISTEN/NOTIFY: these two modules belong to the suite's PostgreSQL pass and are not
# collected in the SQLite pass, where there is nothing for them to test.
collect_ignore = [] if os.environ.get(URL_VARIABLE) else ["test_two_servers.py", "test_announcements.py"]


@pytest.fixture
def served(databases, seeded_template):
    url = databases.copy(seeded_template)
    app = make_app(url)
    tracker = app.extensions["tracker"]
    accounts.create(tracker, "beheer", "beheerder")
    token = accounts.new_token(tracker, "beheer")
    yield url, tracker, token
    tracker.engine.dispose()
