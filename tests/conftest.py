"""Shared fixtures in the flaskr style: `app`, `client`, `runner`, plus a seeded variant.

Seeding runs once per session into a template database; each test that wants the seeded data gets its
own copy (a file copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL), so tests stay independent.
The database is SQLite unless TRACKER_TEST_DATABASE_URL names a PostgreSQL server (tests/postgres.sh).
"""
from __future__ import annotations

from datetime import date

import pytest

from tests.databases import for_tests
from tracker import PROJECT_ROOT, create_app
from tracker.services import seeding

SEEDED_ON = date(2026, 11, 28)  # the day the template database is seeded on (its events' recorded_at)


def make_app(url: str, **config):
    # A test client reads a response to its end: live event streams end at once unless a test asks for longer.
    return create_app({"TESTING": True, "DATABASE_URL": url, "STREAM_SECONDS": 0, **config})


def url_of(tracker) -> str:
    return tracker.engine.url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    dbs = for_tests(tmp_path_factory.mktemp("databases"))
    yield dbs
    dbs.cleanup()


@pytest.fixture(scope="session")
def seeded_template(databases) -> str:
    url = databases.empty()
    app = make_app(url, TODAY=lambda: SEEDED_ON)  # recorded on a known day, whatever day the suite runs
    tracker = app.extensions["tracker"]
    seeding.seed(tracker, PROJECT_ROOT / "seed")
    tracker.engine.dispose()
    return url


@pytest.fixture
def app(databases):
    app = make_app(databases.empty())
    yield app
    app.extensions["tracker"].engine.dispose()


@pytest.fixture
def seeded_app(databases, seeded_template):
    app = make_app(databases.copy(seeded_template))
    yield app
    app.extensions["tracker"].engine.dispose()


@pytest.fixture
def tracker(app):
    return app.extensions["tracker"]


@pytest.fixture
def seeded(seeded_app):
    return seeded_app.extensions["tracker"]


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def seeded_runner(seeded_app):
    return seeded_app.test_cli_runner()


from tests.api_fixtures import api_app, api_template, as_role, tokens  # noqa: E402,F401  (shared fixtures)
