"""Browser fixtures: one Chromium (Debian's, installed by .ci/run) and a live server per test."""
from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from .live import CHROMIUM, CHROMIUM_ARGS, prepare_database, serve


@pytest.fixture(scope="session")
def browser_template(databases):
    url = databases.new_url()
    prepare_database(url)
    return url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live(databases, browser_template):
    with serve(databases.copy(browser_template)) as base:
        yield base


@pytest.fixture
def page(browser):
    # bypass_csp: axe-core is injected as a script; the pages' own CSP rightly forbids that.
    context = browser.new_context(locale="nl-NL", accept_downloads=True, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
