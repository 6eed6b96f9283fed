"""Evidence in a real browser: an owner attaches a PDF to the claim, the auditor reads it in the page (Chrome's own
PDF viewer, under the pages' real Content-Security-Policy), downloads the same bytes and verifies the claim."""
from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.documents import tiny_pdf

from .live import serious_violations, sign_in

ITEM = "/item/munitiebeheer-a10"
NAME = "telverslag-munitie-2026.pdf"
PHONE = {"width": 390, "height": 844}


def open_action(page, label):
    page.locator("summary", has_text=label).click()
    return page.locator("details[open] form")


def claim_followed(page, live, pdf: bytes) -> None:
    page.goto(live + ITEM)
    form = open_action(page, "Opgevolgd melden")
    expect(form.get_by_text("Bewijs (documenten) (verplicht)")).to_be_visible()
    form.get_by_label("Toelichting").fill("Tellingen worden elk kwartaal uitgevoerd en vastgelegd")
    form.get_by_label("Bewijs (documenten)").set_input_files(
        {"name": NAME, "mimeType": "application/pdf", "buffer": pdf})
    form.get_by_role("button", name="Opgevolgd melden").click()
    expect(page.get_by_role("status").filter(has_text="Vastgelegd: Opgevolgd melden.")).to_be_visible()
    expect(page.get_by_text("staat: opgevolgd")).to_be_visible()


def shown_by_chrome(page) -> bool:
    """Whether Chrome's PDF viewer opened the document in the page's frame (it says how many pages it has)."""
    frame = page.locator("iframe.document__preview")
    for attempt in range(2):
        frame.scroll_into_view_if_needed()  # the frame loads lazily, when it comes into view
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            viewers = [f for f in page.frames if f.url.startswith("chrome-extension://")]
            try:
                if viewers and viewers[0].locator("#pagelength").inner_text(timeout=500).strip() == "1":
                    return True
            except Exception:  # noqa: BLE001 (the viewer is still being built)
                pass
            time.sleep(0.2)
        if attempt == 0:
            page.reload()
    return False


def test_an_owner_attaches_a_pdf_and_the_auditor_reads_downloads_and_verifies_it(browser, page, live, tmp_path):
    pdf = tiny_pdf("Telling munitievoorraden Q3 2026")
    sign_in(page, live, "eigenaar")
    claim_followed(page, live, pdf)
    timeline = page.locator("ol.timeline li").first
    expect(timeline.get_by_role("link", name=NAME)).to_be_visible()

    # The pages' real Content-Security-Policy, as a user's browser applies it (the `page` fixture bypasses it).
    context = browser.new_context(locale="nl-NL", accept_downloads=True)
    try:
        auditor = context.new_page()
        auditor.set_default_timeout(15_000)
        complaints: list[str] = []
        auditor.on("console", lambda m: complaints.append(m.text) if "Content Security Policy" in m.text else None)
        sign_in(auditor, live, "auditor")
        auditor.goto(live + ITEM)
        claim = auditor.locator("section.claim")
        expect(claim.get_by_role("heading", name="Melding ter beoordeling")).to_be_visible()
        expect(claim).to_contain_text("Opvolging gemeld: wacht op verificatie.")
        expect(claim).to_contain_text("Tellingen worden elk kwartaal uitgevoerd en vastgelegd")
        document = claim.locator("li.document")
        expect(document.get_by_role("link", name=NAME)).to_be_visible()
        expect(document).to_contain_text(re.compile(r"PDF, \d+ bytes · toegevoegd door eigenaar op \d+ \w+ \d{4}"))
        frame = document.locator(f'iframe[title="Voorbeeld van {NAME}"]')
        expect(frame).to_be_visible()
        assert shown_by_chrome(auditor), "Chrome's PDF viewer did not open the document in the page"
        assert not complaints, complaints

        with auditor.expect_download() as info:
            document.get_by_role("link", name=NAME).click()
        download = info.value
        assert download.suggested_filename == NAME
        download.save_as(tmp_path / NAME)
        assert (tmp_path / NAME).read_bytes() == pdf

        # By keyboard: in headless Chromium a mouse click just below the frame holding the PDF viewer may go to
        # that frame after the page scrolled (its hit-test area lags behind); keys reach the page itself.
        auditor.locator("summary", has_text="Verifiëren (Rekenkamer)").press("Enter")
        form = auditor.locator("details[open] form")
        form.get_by_role("button", name="Verifiëren (Rekenkamer)").press("Enter")
        expect(auditor.get_by_text("staat: geverifieerd")).to_be_visible()
        expect(auditor.locator("section.claim")).to_have_count(0)
        expect(auditor.locator("ol.timeline").get_by_role("link", name=NAME)).to_be_visible()
    finally:
        context.close()


def test_a_claim_without_a_document_shows_the_dutch_message_beside_the_field(page, live):
    sign_in(page, live, "eigenaar")
    page.goto(live + ITEM)
    form = open_action(page, "Opgevolgd melden")
    form.get_by_label("Toelichting").fill("Afgerond volgens plan")
    form.get_by_role("button", name="Opgevolgd melden").click()
    expect(page.get_by_role("alert")).to_contain_text("vraagt om bewijs: voeg ten minste één document toe")
    reopened = page.locator("details[open] form")
    field = reopened.locator(".utrecht-form-field--invalid")
    expect(field).to_have_count(1)
    expect(field).to_contain_text("Bewijs (documenten) (verplicht)")
    expect(field).to_contain_text("Ten minste één document.")
    expect(reopened.get_by_label("Bewijs (documenten)")).to_have_attribute("aria-invalid", "true")
    expect(reopened.get_by_label("Toelichting")).to_have_value("Afgerond volgens plan")
    expect(page.get_by_text("staat: in uitvoering")).to_be_visible()


def test_a_renamed_program_is_refused_beside_the_field(page, live):
    sign_in(page, live, "eigenaar")
    page.goto(live + ITEM)
    form = open_action(page, "Opgevolgd melden")
    form.get_by_label("Toelichting").fill("Zie bijlage")
    program = b"MZ" + b"\x00" * 58 + (0x80).to_bytes(4, "little") + b"\x00" * 64 + b"PE\x00\x00" + b"\x00" * 380
    form.get_by_label("Bewijs (documenten)").set_input_files(
        {"name": "rapport.pdf", "mimeType": "application/pdf", "buffer": program})
    form.get_by_role("button", name="Opgevolgd melden").click()
    field = page.locator("details[open] form .utrecht-form-field--invalid")
    expect(field).to_contain_text("herkend aan de inhoud, niet aan de naam")
    expect(page.locator("details[open] form")).to_contain_text("U had gekozen: rapport.pdf")
    expect(page.locator("details[open] form").get_by_label("Toelichting")).to_have_value("Zie bijlage")


def test_the_claim_with_its_preview_is_accessible_and_fits_a_phone(page, live):
    sign_in(page, live, "eigenaar")
    claim_followed(page, live, tiny_pdf())
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert serious_violations(page) == []
    page.set_viewport_size(PHONE)
    page.reload()
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    width, window = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= window, f"{width} px wide in a window of {window} px"
    box = page.locator("iframe.document__preview").bounding_box()
    assert box is not None and box["x"] + box["width"] <= window
