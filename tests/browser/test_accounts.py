"""Accounts in a real browser: a beheerder creates an account and passes on a one-time link; the new user sets a
password through it and signs in."""
from playwright.sync_api import expect

from .live import PASSWORD, serious_violations

NEW_PASSWORD = "mijn-eigen-wachtwoord-2026"


def sign_in(page, base: str, name: str, password: str = PASSWORD) -> None:
    """Sign in and wait for the greeting, wherever the account lands first."""
    page.goto(f"{base}/aanmelden")
    page.get_by_label("Accountnaam").fill(name)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("status").filter(has_text=f"U bent aangemeld als {name} ")).to_be_visible()


def test_a_new_user_gets_a_password_through_a_one_time_link(browser, page, live):
    sign_in(page, live, "beheerder")
    page.get_by_role("link", name="Accounts").click()
    expect(page.get_by_role("heading", name="Accounts", exact=True)).to_be_visible()
    page.get_by_label("Accountnaam").fill("j-de-vries")
    page.get_by_label("Weergavenaam (optioneel)").fill("J. de Vries (DMO)")
    page.get_by_label("Rol").select_option("eigenaar")
    page.get_by_label("Bereik (thema of item)").fill("munitiebeheer")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("heading", name="Account j-de-vries")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Account j-de-vries aangemaakt")).to_be_visible()
    page.get_by_role("button", name="Eenmalige link maken").click()
    link = page.get_by_role("textbox", name="Eenmalige link").input_value()
    assert link.startswith(f"{live}/wachtwoord/")

    newcomer = browser.new_context(locale="nl-NL")
    try:
        other = newcomer.new_page()
        other.set_default_timeout(15_000)
        other.goto(link)
        expect(other.get_by_text("Stel het wachtwoord in voor account j-de-vries")).to_be_visible()
        other.get_by_label("Nieuw wachtwoord", exact=True).fill(NEW_PASSWORD)
        other.get_by_label("Nieuw wachtwoord nogmaals").fill(NEW_PASSWORD)
        other.get_by_role("button", name="Wachtwoord instellen").click()
        other.wait_for_url(f"{live}/aanmelden")
        expect(other.get_by_role("status").filter(has_text="Meld u nu aan")).to_be_visible()
        other.get_by_label("Accountnaam").fill("j-de-vries")
        other.get_by_label("Wachtwoord").fill(NEW_PASSWORD)
        other.get_by_role("button", name="Aanmelden").click()
        expect(other.get_by_role("status").filter(has_text="U bent aangemeld als j-de-vries (eigenaar).")
               ).to_be_visible()
        assert other.get_by_role("link", name="Accounts").count() == 0
        other.goto(link)
        expect(other.get_by_text("Deze link is al gebruikt")).to_be_visible()
    finally:
        newcomer.close()

    page.goto(f"{live}/beheer/accounts/j-de-vries")  # the link was shown once: the account page has none now
    expect(page.get_by_role("textbox", name="Eenmalige link")).to_have_count(0)
    page.goto(f"{live}/beheer/accounts")
    row = page.get_by_role("row").filter(has_text="j-de-vries")
    expect(row).to_contain_text("J. de Vries (DMO)")
    expect(row).to_contain_text("eigenaar")


def test_a_form_error_keeps_what_was_typed(page, live):
    sign_in(page, live, "beheerder")
    page.goto(f"{live}/beheer/accounts")
    page.get_by_label("Accountnaam").fill("zonder-bereik")
    page.get_by_label("Weergavenaam (optioneel)").fill("Z. Bereik")
    page.get_by_label("Rol").select_option("eigenaar")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("alert").filter(has_text="Een eigenaar heeft een bereik nodig")).to_be_visible()
    expect(page.get_by_label("Accountnaam")).to_have_value("zonder-bereik")
    expect(page.get_by_label("Weergavenaam (optioneel)")).to_have_value("Z. Bereik")
    expect(page.get_by_label("Rol")).to_have_value("eigenaar")


def test_everyone_changes_their_own_password_and_stays_signed_in(page, live):
    sign_in(page, live, "lezer")
    page.get_by_role("link", name="Wachtwoord wijzigen").click()
    page.get_by_label("Huidig wachtwoord").fill("proef-wachtwoord-2026")
    page.get_by_label("Nieuw wachtwoord", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Nieuw wachtwoord nogmaals").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    expect(page.get_by_role("status").filter(has_text="Uw wachtwoord is gewijzigd")).to_be_visible()
    page.goto(f"{live}/meldingen")
    expect(page.get_by_role("heading", name="Meldingen")).to_be_visible()


def test_the_account_pages_are_accessible(browser, page, live):
    sign_in(page, live, "beheerder")
    for url in ("/beheer/accounts", "/beheer/accounts/eigenaar", "/account/wachtwoord"):
        page.goto(live + url)
        assert serious_violations(page) == [], url
    page.goto(f"{live}/beheer/accounts/lezer")
    page.get_by_role("button", name="Eenmalige link maken").click()
    assert serious_violations(page) == [], "eenmalige link"
    link = page.get_by_role("textbox", name="Eenmalige link").input_value()
    page.goto(link)
    assert serious_violations(page) == [], "/wachtwoord/<token>"
