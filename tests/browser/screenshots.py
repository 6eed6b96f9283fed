"""`make screenshots`: pictures of the main pages for the README (docs/screenshots/)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tracker import PROJECT_ROOT

from .live import CHROMIUM, CHROMIUM_ARGS, prepare_database, serve, sign_in

PAGES = {
    "dashboard": "/?peildatum=2025-12-31",
    "thema-onvolkomenheden": "/thema/onvolkomenheden?peildatum=2025-12-31",
    "item-munitiebeheer": "/item/munitiebeheer",
    "graaf-autorisatiebeheer": "/item/autorisatiebeheer/graaf?peildatum=2025-10-10",
    "rapport-cio-oordelen": "/rapporten/cio-oordelen?peildatum=2025-12-31",
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
            browser.close()


if __name__ == "__main__":
    import sys

    main(only=sys.argv[1:] or None)
