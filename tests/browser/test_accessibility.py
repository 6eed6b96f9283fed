"""axe-core on every page: no serious or critical violation (forms opened, so their fields are checked too)."""
import pytest

from .live import serious_violations, sign_in

PAGES = [
    "/", "/?peildatum=2024-12-31", "/thema/onvolkomenheden", "/thema/cio-oordelen", "/thema/nigs",
    "/thema/open-op-orde", "/item/munitiebeheer", "/item/munitiebeheer-a10", "/item/autorisatiebeheer-sap-grc",
    "/item/nigs-gbs-cmr1", "/item/ooo-koninklijke-marine", "/item/cio-oordelen-2025-085",
    "/item/autorisatiebeheer/graaf?peildatum=2025-10-10", "/rapporten", "/rapporten/onvolkomenheden",
    "/rapporten/nigs", "/rapporten/open-op-orde-onderdelen", "/meldingen", "/item/bestaat-niet",
]


def check(page, url):
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    violations = serious_violations(page)
    assert violations == [], f"{url}: {violations}"


def test_the_sign_in_page_is_accessible(page, live):
    page.goto(f"{live}/aanmelden")
    check(page, "/aanmelden")


@pytest.mark.parametrize("role", ["beheerder", "lezer"])
def test_every_page_is_accessible(page, live, role):
    sign_in(page, live, role)
    for url in PAGES:
        page.goto(live + url)
        check(page, url)
