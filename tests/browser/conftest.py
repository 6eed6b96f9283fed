"""Browser fixtures: one Chromium (Debian's, installed by .ci/run) and a live server per test."""
from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from .live import CHROMIUM, CHROMIUM_ARGS, prepare_database, serve


@pytest.fixture(scope="session")
def browser_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "template.db"
    prepare_database(path)
    return path


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live(browser_template, tmp_path):
    with serve(browser_template, tmp_path) as base:
        yield base


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
