"""The Bestuursraad's pack in a real browser: a reader opens it from the dashboard, reads it as a page, prints that
page (Chromium's own printout, A4 with page numbers) and downloads the PDF, whose summary page is drawn as PNG."""
import io
import re
import subprocess
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from .live import serious_violations, sign_in


def pdf_page_png(pdf: Path, number: int, png: Path, resolution: int = 80) -> Path:
    """Page `number` of a PDF as a PNG (Debian's poppler-utils: pdftoppm)."""
    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-singlefile", "-r", str(resolution), "-f", str(number), "-l", str(number),
                    str(pdf), str(stem)], check=True, capture_output=True, timeout=60)
    return png


def texts(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_a_reader_opens_prints_and_downloads_the_pack_from_the_dashboard(page, live, tmp_path):
    sign_in(page, live, "lezer")
    page.goto(f"{live}/?peildatum=2025-12-31")
    page.get_by_role("link", name="bekijken en afdrukken").click()
    expect(page.get_by_role("heading", name="Pakket voor de Bestuursraad")).to_be_visible()
    expect(page.get_by_text("Vergeleken met 30 juni 2025", exact=True)).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Beveiliging Militaire Objecten").first).to_contain_text(
        "10 (van 12) aanbevelingen opgevolgd**")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert serious_violations(page) == []

    page.set_viewport_size({"width": 390, "height": 844})  # a phone: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    printed = texts(page.pdf(format="A4", print_background=True))  # what the browser's print dialog makes
    assert len(printed) > 5 and "Samenvatting" in printed[1]
    for number, text in enumerate(printed, 1):
        assert f"pagina {number} van {len(printed)}" in text
    assert "Terug naar het dashboard" not in " ".join(printed)  # the page's own links do not print

    with page.expect_download() as info:
        page.get_by_role("link", name="Downloaden (PDF)").click()
    download = info.value
    assert download.suggested_filename == "pakket-bestuursraad-2025-12-31.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    pages = texts(saved.read_bytes())
    summary = next(number for number, text in enumerate(pages, 1) if text.lstrip().startswith("Samenvatting")
                   or "\nSamenvatting\n" in text)
    png = pdf_page_png(saved, summary, tmp_path / "pakket-samenvatting.png")
    assert png.read_bytes().startswith(b"\x89PNG")
    width, height = int.from_bytes(png.read_bytes()[16:20], "big"), int.from_bytes(png.read_bytes()[20:24], "big")
    assert abs(height / width - 297 / 210) < 0.01  # A4, portrait
    assert re.search(r"pagina \d+ van \d+", pages[summary - 1])
