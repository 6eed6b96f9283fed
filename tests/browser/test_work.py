"""Mijn werk, the item list and recording on several items, in a real browser as the people who use them."""
import re

from playwright.sync_api import expect

from .live import claim, sign_in

CLAIMED = ["Aanbeveling 10: Borg periodieke tellingen van munitievoorraden.",
           "Aanbeveling 11: Neem aanpassingen voor middellange en lange termijn op in vastgoedprojecten.",
           "Aanbeveling 12: Beleg eigenaarschap van objectbeveiliging eenduidig."]


def test_an_owner_lands_on_mijn_werk_with_items_in_scope(page, live):
    sign_in(page, live, "eigenaar")
    expect(page).to_have_url(f"{live}/werk")
    expect(page.get_by_role("heading", name=re.compile("Open items in uw bereik"))).to_be_visible()
    expect(page.get_by_role("link", name=CLAIMED[0])).to_be_visible()
    expect(page.get_by_role("link", name="Inkoop", exact=True)).to_have_count(0)  # outside the scope


def test_an_auditor_verifies_three_claims_in_one_step(browser, page, live):
    beheer = browser.new_context(locale="nl-NL").new_page()
    sign_in(beheer, live, "beheerder")
    for key in ("munitiebeheer-a10", "beveiliging-militaire-objecten-a11", "beveiliging-militaire-objecten-a12"):
        claim(beheer, live, key)
    sign_in(page, live, "auditor")
    section = page.locator("section", has=page.get_by_role("heading", name=re.compile("wacht op verificatie")))
    for title in CLAIMED:
        section.get_by_role("checkbox", name=f"Kies {title}").check()
    section.get_by_label("Voor de gekozen items").select_option(label="Verifiëren (Rekenkamer)")
    section.get_by_label("Toelichting").fill("Steekproef akkoord")
    section.get_by_role("button", name="Vastleggen voor de gekozen items").click()
    expect(page.get_by_text("Vastgelegd op 3 items.")).to_be_visible()
    for title in CLAIMED:
        expect(page.get_by_role("link", name=title)).to_have_count(0)  # no longer waiting
    page.goto(f"{live}/item/munitiebeheer-a10")
    expect(page.get_by_text("staat: geverifieerd")).to_be_visible()


def test_searching_and_filtering_the_item_list_and_sharing_the_view(page, live):
    sign_in(page, live, "lezer")
    page.get_by_role("link", name="Items", exact=True).first.click()
    page.get_by_label("Zoeken in titels, toelichtingen en plannen").fill("munitievoorraden")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("link", name=CLAIMED[0])).to_be_visible()
    expect(page.get_by_text(re.compile(r"^1 item\b"))).to_be_visible()
    page.get_by_label("Zoeken in titels, toelichtingen en plannen").fill("")
    page.get_by_label("Achterstallig").select_option("ja")
    page.get_by_label("Defensieonderdeel").select_option(label="DOSCO")
    page.get_by_role("button", name="Toon").click()
    shared = page.url
    assert "overdue=ja" in shared and "unit=" in shared
    rows = page.locator("tbody tr")
    expect(rows.first).to_contain_text("achterstallig")
    expect(page.locator("th[aria-sort]")).to_have_attribute("aria-sort", "ascending")  # by deadline at first
    page.get_by_role("link", name=re.compile("^Uiterlijk")).click()
    expect(page.locator("th[aria-sort]")).to_have_attribute("aria-sort", "descending")
    assert "overdue=ja" in page.url
    again = page.context.new_page()
    again.goto(shared)
    expect(again.locator("tbody tr")).to_have_count(rows.count())


def test_the_dashboard_count_opens_the_list_that_explains_it(page, live):
    sign_in(page, live, "lezer")
    page.goto(f"{live}/?peildatum=2025-12-31")
    card = page.locator("section.card", has=page.get_by_role("heading", name="Onvolkomenheden Algemene Rekenkamer"))
    link = card.get_by_role("link", name=re.compile(r"\d+ achterstallig"))
    count = int(link.inner_text().split()[0])
    link.click()
    expect(page.get_by_text(re.compile(rf"^{count} items?, stand per 31 december 2025"))).to_be_visible()
    assert "peildatum=2025-12-31" in page.url
