"""In a real browser with JavaScript off: marking a notification as read lowers the count in the navigation, and
the notifications and the beheerder's reminders page pass axe-core."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from .live import serious_violations, sign_in

COUNT = re.compile(r"Meldingen\s+(\d+)\s+ongelezen")


def unread(page) -> int:
    found = COUNT.search(page.get_by_role("navigation", name="Hoofdmenu").inner_text())
    return int(found.group(1)) if found else 0


def test_marking_as_read_works_without_javascript_and_the_pages_are_accessible(browser, live):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False, bypass_csp=True)
    page = context.new_page()
    try:
        sign_in(page, live, "beheerder")
        page.goto(f"{live}/meldingen")
        before = unread(page)
        assert before > 0
        page.get_by_role("button", name=re.compile("^Markeer als gelezen")).first.click()
        expect(page.get_by_text("Melding gemarkeerd als gelezen.")).to_be_visible()
        assert unread(page) == before - 1
        page.get_by_role("button", name="Alle meldingen markeren als gelezen").click()
        assert unread(page) == 0
        expect(page.get_by_role("button", name=re.compile("^Markeer als gelezen"))).to_have_count(0)
    finally:
        context.close()


def test_the_notifications_and_reminders_pages_pass_axe(page, live):
    sign_in(page, live, "beheerder")
    for url in ("/meldingen", "/beheer/herinneringen"):
        page.goto(live + url)
        assert serious_violations(page) == [], url
