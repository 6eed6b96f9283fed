"""Compliance and remediation tracker for the Stand van Defensie."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, current_app

from tracker.definitions import load_registry
from tracker.services.context import Tracker
from tracker.storage.database import make_engine

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True, static_folder="web/static")
    app.config.from_mapping(
        SECRET_KEY="dev-only-not-for-production",
        DATABASE_URL=None,
        WORKFLOWS_DIR=str(PROJECT_ROOT / "workflows"),
        SEED_DIR=str(PROJECT_ROOT / "seed"),
    )
    app.config.from_prefixed_env("TRACKER")  # TRACKER_DATABASE_URL -> DATABASE_URL, ...
    if test_config is not None:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    url = app.config["DATABASE_URL"] or f"sqlite:///{Path(app.instance_path) / 'tracker.db'}"
    app.config["DATABASE_URL"] = url
    # A malformed workflow definition raises DefinitionError here and stops start-up.
    registry = load_registry(app.config["WORKFLOWS_DIR"])
    tracker = Tracker(make_engine(url), registry)
    if "TODAY" in app.config:  # tests pin the clock
        tracker.today = app.config["TODAY"]
    app.extensions["tracker"] = tracker

    from tracker import api, cli, web

    cli.init_app(app)
    web.init_app(app)
    api.init_app(app)
    return app


def current_tracker() -> Tracker:
    return current_app.extensions["tracker"]
