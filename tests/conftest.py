"""Shared fixtures in the flaskr style: `app`, `client`, `runner`, plus a seeded variant.

Seeding runs once per session into a template database file; each test that wants the
seeded data gets its own copy, so tests stay independent and fast.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tracker import PROJECT_ROOT, create_app
from tracker.services import seeding
from tracker.storage.database import create_schema


def make_app(db_path: Path, **config):
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{db_path}", **config})
    return app


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    app = make_app(path)
    tracker = app.extensions["tracker"]
    create_schema(tracker.engine)
    seeding.seed(tracker, PROJECT_ROOT / "seed")
    tracker.engine.dispose()
    return path


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path / "tracker.db")
    create_schema(app.extensions["tracker"].engine)
    yield app
    app.extensions["tracker"].engine.dispose()


@pytest.fixture
def seeded_app(tmp_path, seeded_template):
    path = tmp_path / "tracker.db"
    shutil.copy(seeded_template, path)
    app = make_app(path)
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
