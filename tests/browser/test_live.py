"""Live updates in a real browser: an open dashboard shows the new figure when someone else records, and an item
page being filled in keeps what was typed while its figures change. The pages run under their own
Content-Security-Policy here (no bypass), so the script and its stream must be allowed by it."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .live import claim, sign_in

FIGURE = re.compile(r"^(\d+) van (\d+) aanbevelingen opgevolgd")
WAIT = 20_000  # ms: the stream polls the head on SQLite; a fetch of the page follows


@pytest.fixture
def open_page(browser):
    """New pages under the pages' own CSP; console errors (a refused script or connection) are collected."""
    contexts, errors = [], []

    def make():
        context = browser.new_context(locale="nl-NL")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("console", lambda message: errors.append(message.text) if message.type == "error"
                and not message.location.get("url", "").endswith("/favicon.ico") else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    make.errors = errors
    yield make
    for context in contexts:
        context.close()


def figure(text: str) -> tuple[int, int]:
    found = FIGURE.match(text.strip())
    assert found, text
    return int(found.group(1)), int(found.group(2))


def test_an_open_dashboard_shows_the_new_figure_after_an_owner_records(open_page, live):
    board = open_page()
    sign_in(board, live, "lezer")
    board.goto(f"{live}/")
    headline = board.locator("#kop-onvolkomenheden")
    done, total = figure(headline.inner_text())
    notice = board.locator("[data-live-melding]")
    expect(notice).to_be_hidden()
    board.evaluate("window.nietHerladen = true")  # gone if the page were loaded again

    owner = open_page()
    sign_in(owner, live, "eigenaar")
    claim(owner, live, "munitiebeheer-a10")

    expect(headline).to_have_text(re.compile(rf"^{done + 1} van {total} "), timeout=WAIT)
    assert board.evaluate("window.nietHerladen") is True  # swapped in place
    expect(board.locator("[data-live-status]")).to_have_text(
        re.compile(r"^Bijgewerkt: Opgevolgd melden bij Aanbeveling 10"), timeout=WAIT)
    expect(board.locator("[data-live=wijzigingen]")).to_contain_text("Opgevolgd melden")
    expect(notice).to_be_hidden()  # nothing was in use: everything was brought up to date
    assert not open_page.errors


def test_an_item_page_keeps_a_half_typed_form_while_its_figures_change(open_page, live):
    page = open_page()
    sign_in(page, live, "beheerder")
    page.goto(f"{live}/item/munitiebeheer")
    progress = page.locator("[data-live=stand] dt", has_text="Voortgang").locator("xpath=following-sibling::dd[1]")
    done, total = figure(progress.inner_text())
    page.locator("summary", has_text="Opmerking plaatsen").click()
    typed = page.locator("details[open] form").get_by_label("Toelichting")
    typed.fill("Half getypte opmerking over de telling")

    owner = open_page()
    sign_in(owner, live, "eigenaar")
    claim(owner, live, "munitiebeheer-a10")

    expect(progress).to_have_text(re.compile(rf"^{done + 1} van {total} "), timeout=WAIT)
    expect(typed).to_have_value("Half getypte opmerking over de telling")
    expect(typed).to_be_focused()
    notice = page.locator("[data-live-melding]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("bijgewerkt, behalve wat u aan het invullen bent")
    expect(notice.get_by_role("link", name="Ververs de pagina")).to_have_attribute("href", "/item/munitiebeheer")
    assert not open_page.errors


def test_a_page_on_a_peildatum_does_not_listen(open_page, live):
    page = open_page()
    sign_in(page, live, "lezer")
    page.goto(f"{live}/?peildatum=2025-12-31")
    expect(page.locator("script[src$='live.js']")).to_have_count(0)
    expect(page.locator("[data-live-bron]")).to_have_count(0)
    page.goto(f"{live}/item/munitiebeheer?peildatum=2025-12-31")
    expect(page.locator("script[src$='live.js']")).to_have_count(0)
