"""A seeded database with an administrator token, for tests that run a real server against it."""
import pytest

from tests.conftest import make_app
from tracker.services import accounts


@pytest.fixture
def served(databases, seeded_template):
    url = databases.copy(seeded_template)
    app = make_app(url)
    tracker = app.extensions["tracker"]
    accounts.create(tracker, "beheer", "beheerder")
    token = accounts.new_token(tracker, "beheer")
    yield url, tracker, token
    tracker.engine.dispose()
