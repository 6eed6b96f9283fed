"""`make screenshots`: pictures of the main pages for the README (docs/screenshots/)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.documents import tiny_pdf
from tracker import PROJECT_ROOT

from .live import CHROMIUM, CHROMIUM_ARGS, prepare_database, serve, sign_in

PAGES = {
    "dashboard": "/?peildatum=2025-12-31",
    "thema-onvolkomenheden": "/thema/onvolkomenheden?peildatum=2025-12-31",
    "item-munitiebeheer": "/item/munitiebeheer",
    "graaf-autorisatiebeheer": "/item/autorisatiebeheer/graaf?peildatum=2025-10-10",
    "rapport-cio-oordelen": "/rapporten/cio-oordelen?peildatum=2025-12-31",
    "vergelijking": "/rapporten/vergelijking?van=2025-06-30&tot=2025-12-31",
}
PHONE = {"dashboard-telefoon": "/?peildatum=2025-12-31"}  # at 390 x 844, as tests/browser/test_layout.py checks


def main(out: Path = PROJECT_ROOT / "docs" / "screenshots", only: list[str] | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'screenshots.db'}"
        prepare_database(url)
        with serve(url) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")
            sign_in(page, base, "eigenaar")
            for size, pages in (({"width": 1280, "height": 900}, PAGES), ({"width": 390, "height": 844}, PHONE)):
                page.set_viewport_size(size)
                for name, url in pages.items():
                    if only and name not in only:
                        continue
                    page.goto(base + url)
                    page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            if not only or "bewijs-auditor" in only:
                _evidence(browser, base, out)
            if not only or "pakket-samenvatting" in only:
                _pack(page, base, out)
            browser.close()


def _pack(page, base: str, out: Path) -> None:
    """The summary page of the Bestuursraad's pack, as the downloaded PDF shows it."""
    from .test_pack import pdf_page_png

    page.goto(base + "/pakket?peildatum=2025-12-31&vergelijk=2025-06-30")
    with page.expect_download() as info:
        page.get_by_role("link", name="Downloaden (PDF)").click()
    with tempfile.TemporaryDirectory() as tmp:
        saved = Path(tmp) / "pakket.pdf"
        info.value.save_as(saved)
        pdf_page_png(saved, 2, out / "pakket-samenvatting.png", resolution=110)


def _evidence(browser, base: str, out: Path) -> None:
    """An owner claims a recommendation followed with a PDF; the auditor's view of that claim."""
    owner = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    sign_in(owner, base, "eigenaar")
    owner.goto(base + "/item/munitiebeheer-a10")
    owner.locator("summary", has_text="Opgevolgd melden").click()
    form = owner.locator("details[open] form")
    form.get_by_label("Toelichting").fill("Tellingen worden elk kwartaal uitgevoerd en vastgelegd")
    form.get_by_label("Bewijs (documenten)").set_input_files(
        {"name": "telverslag-2026.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf("Telverslag 2026")})
    form.get_by_role("button", name="Opgevolgd melden").click()
    owner.get_by_text("staat: opgevolgd").wait_for()
    auditor = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    sign_in(auditor, base, "auditor")
    auditor.goto(base + "/item/munitiebeheer-a10")
    auditor.wait_for_timeout(1500)  # the PDF preview loads in its frame
    auditor.screenshot(path=str(out / "bewijs-auditor.png"), full_page=True)


if __name__ == "__main__":
    import sys

    main(only=sys.argv[1:] or None)
