"""The web interface in a real browser: signing in, recording, reading, peildata and exports."""
import csv
import io
import re

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.documents import tiny_pdf

from .live import sign_in


def open_action(page, label):
    page.locator("summary", has_text=label).click()
    return page.locator("details[open] form")


def attach(form, name: str = "verslag.pdf") -> None:
    """Choose a PDF in the form's evidence field (a claim of "opgevolgd" asks for one)."""
    form.get_by_label("Bewijs (documenten)").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": tiny_pdf(name)})


def test_an_owner_records_followed_and_the_dashboard_shows_the_new_count(page, live):
    sign_in(page, live, "eigenaar")
    page.get_by_role("link", name="Dashboard").first.click()
    expect(page.get_by_text("34 van 38 aanbevelingen opgevolgd")).to_be_visible()
    page.goto(f"{live}/item/munitiebeheer-a10")
    form = open_action(page, "Opgevolgd melden")
    form.get_by_label("Toelichting").fill("RYLAP landelijk uitgerold")
    attach(form)
    form.get_by_role("button", name="Opgevolgd melden").click()
    expect(page.get_by_role("status").filter(has_text="Vastgelegd")).to_be_visible()
    expect(page.get_by_text("staat: opgevolgd")).to_be_visible()
    page.get_by_role("link", name="Dashboard").first.click()
    expect(page.get_by_text("35 van 38 aanbevelingen opgevolgd")).to_be_visible()
    page.goto(f"{live}/thema/onvolkomenheden")
    expect(page.get_by_role("cell", name="10 (van 10) aanbevelingen opgevolgd**")).to_be_visible()


def test_a_reader_sees_everything_but_cannot_act(page, live):
    sign_in(page, live, "lezer")
    page.goto(f"{live}/item/munitiebeheer-a10")
    expect(page.get_by_role("heading", name=re.compile("Aanbeveling 10"))).to_be_visible()
    expect(page.get_by_text("U kunt bij dit item niets vastleggen met uw rol (lezer)")).to_be_visible()
    assert page.locator("details.action").count() == 0
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    response = page.request.post(f"{live}/item/munitiebeheer-a10/vastleggen", form={
        "csrf_token": token, "event": "opgevolgd", "version": "2", "veld-toelichting": "toch"})
    assert response.status == 403 and "rol lezer" in response.text()


def test_a_peildatum_changes_the_table(page, live):
    sign_in(page, live, "lezer")
    page.goto(f"{live}/rapporten/onvolkomenheden")
    page.get_by_label("Peildatum").fill("2024-12-31")
    page.get_by_role("button", name="Toon stand").click()
    expect(page.get_by_text("Stand per 31 december 2024")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Inkoop")
    expect(row).to_contain_text("2 (van 3) aanbevelingen opgevolgd")
    page.get_by_label("Peildatum").fill("2025-12-31")
    page.get_by_role("button", name="Toon stand").click()
    expect(page.get_by_role("row").filter(has_text="Inkoop")).to_contain_text("3 (van 3) aanbevelingen opgevolgd")


def test_each_export_downloads_a_file_that_opens(page, live, tmp_path):
    sign_in(page, live, "lezer")
    page.goto(f"{live}/rapporten/cio-oordelen?peildatum=2025-12-31")
    files, names = {}, {}
    for number, label in enumerate(("CSV", "CSV internationaal", "Excel (XLSX)", "Markdown")):
        with page.expect_download() as info:
            page.get_by_role("link", name=label, exact=True).click()
        download = info.value
        names[label] = download.suggested_filename
        files[label] = tmp_path / f"{number}-{download.suggested_filename}"
        download.save_as(files[label])
    dutch = files["CSV"].read_bytes()
    assert dutch.startswith(b"\xef\xbb\xbf") and b"\r\n" in dutch  # what Excel needs to read it right
    rows = list(csv.reader(io.StringIO(dutch.decode("utf-8-sig")), delimiter=";"))
    assert ["Totaal", "29", "24", "17", "30"] in rows
    rows = list(csv.DictReader(io.StringIO(files["CSV internationaal"].read_text(encoding="utf-8-sig"))))
    assert [r["totaal"] for r in rows] == ["29", "24", "17", "30"]
    sheet = load_workbook(files["Excel (XLSX)"]).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["Totaal", 29, 24, 17, 30] in values
    assert "| Totaal | 29 | 24 | 17 | 30 |" in files["Markdown"].read_text(encoding="utf-8")
    assert names["CSV"] == names["CSV internationaal"] == "cio-oordelen-2025-12-31.csv"


def test_a_form_keeps_what_was_typed_and_shows_the_error_beside_the_field(page, live):
    sign_in(page, live, "eigenaar")
    page.goto(f"{live}/item/munitiebeheer-a10")
    form = open_action(page, "Opgevolgd melden")
    form.get_by_label("Toelichting").fill("Getypte toelichting")
    form.get_by_label("Datum waarop het gebeurde").fill("2099-01-15")
    form.get_by_role("button", name="Opgevolgd melden").click()
    field = page.locator(".utrecht-form-field--invalid")
    expect(field).to_contain_text("ligt in de toekomst")
    reopened = page.locator("details[open] form")
    expect(reopened.get_by_label("Datum waarop het gebeurde")).to_have_value("2099-01-15")
    expect(reopened.get_by_label("Toelichting")).to_have_value("Getypte toelichting")


def test_a_stale_form_says_who_changed_the_item_and_keeps_the_text(browser, page, live):
    sign_in(page, live, "eigenaar")
    page.goto(f"{live}/item/munitiebeheer-a10")
    form = open_action(page, "Opgevolgd melden")
    form.get_by_label("Toelichting").fill("Mijn zorgvuldige toelichting")
    attach(form)
    other = browser.new_context(locale="nl-NL").new_page()
    sign_in(other, live, "beheerder")
    other.goto(f"{live}/item/munitiebeheer-a10")
    remark = open_action(other, "Opmerking plaatsen")
    remark.get_by_label("Toelichting").fill("Even overleggen")
    remark.get_by_role("button", name="Opmerking plaatsen").click()
    expect(other.get_by_text("Vastgelegd: Opmerking plaatsen.")).to_be_visible()
    form.get_by_role("button", name="Opgevolgd melden").click()
    expect(page.get_by_role("alert")).to_contain_text("intussen gewijzigd")
    expect(page.get_by_role("alert")).to_contain_text("door beheerder")
    reopened = page.locator("details[open] form")
    expect(reopened.get_by_label("Toelichting")).to_have_value("Mijn zorgvuldige toelichting")
    attach(reopened)  # a browser never sends a chosen file twice: it is chosen again
    reopened.get_by_role("button", name="Opgevolgd melden").click()
    expect(page.get_by_text("staat: opgevolgd")).to_be_visible()


def test_signing_in_with_a_wrong_password_says_so(page, live):
    page.goto(f"{live}/aanmelden")
    page.get_by_label("Accountnaam").fill("eigenaar")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("Onbekende combinatie van naam en wachtwoord")
    expect(page.get_by_label("Accountnaam")).to_have_value("eigenaar")


def test_the_api_documentation_runs_swagger_ui_from_the_app_under_its_csp(browser, live):
    context = browser.new_context(locale="nl-NL")  # the real Content-Security-Policy, not bypassed
    try:
        page = context.new_page()
        requested, complaints = [], []
        page.on("request", lambda request: requested.append(request.url))
        page.on("console", lambda message: complaints.append(message.text) if message.type == "error" else None)
        page.goto(f"{live}/api/v1/docs")
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("Volgsysteem verbetertrajecten Defensie")
        expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
        assert requested and all(url.startswith(live) for url in requested), requested
        assert not [text for text in complaints if "Content Security Policy" in text], complaints
    finally:
        context.close()
