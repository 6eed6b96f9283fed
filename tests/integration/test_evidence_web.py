"""Evidence on the web pages: documents chosen in an item's form go in with the event or not at all, are
downloaded and previewed only by those who may read their item, and every refusal is shown beside the field."""
from __future__ import annotations

import io
import re
from datetime import date

import pytest

from tests.conftest import make_app
from tests.documents import EXE, digest, tiny_pdf
from tracker.services import accounts, queries
from tracker.storage import evidence_store

PASSWORD = "een-lang-wachtwoord"
TODAY = date(2026, 11, 28)
ITEM = "munitiebeheer-a10"  # an open recommendation under Munitiebeheer
INVALID_FIELD = re.compile(r'<div class="utrecht-form-field utrecht-form-field--invalid">(.*?)</div>', re.S)


@pytest.fixture
def app(databases, seeded_template):
    app = make_app(databases.copy(seeded_template), TODAY=lambda: TODAY)
    app.config["WTF_CSRF_ENABLED"] = False
    yield app
    app.extensions["tracker"].engine.dispose()


def person(app, name: str, role: str, scope: str | None = None):
    tracker = app.extensions["tracker"]
    accounts.create(tracker, name, role, scope)
    accounts.set_password(tracker, name, PASSWORD)
    client = app.test_client()
    assert client.post("/aanmelden", data={"name": name, "password": PASSWORD}).status_code == 302
    return client


def version(client, key: str = ITEM) -> str:
    return re.search(r'name="version" value="(\d+)"', client.get(f"/item/{key}").get_data(as_text=True)).group(1)


def claim(client, files: list[tuple[bytes, str]], reason: str = "Tellingen elk kwartaal uitgevoerd",
          event: str = "opgevolgd", key: str = ITEM):
    data = {"event": event, "version": version(client, key), "veld-toelichting": reason, "occurred_on": "2026-11-20",
            "bewijs": [(io.BytesIO(content), name) for content, name in files]}
    return client.post(f"/item/{key}/vastleggen", data=data, content_type="multipart/form-data")


def stored(app) -> tuple[int, int]:
    """(events in the log, documents stored)."""
    tracker = app.extensions["tracker"]
    with tracker.read() as connection:
        documents = evidence_store.count(connection)
    return queries.chain_head(tracker)["events"], documents


def field_errors(html: str) -> list[str]:
    return INVALID_FIELD.findall(html)


def test_a_form_with_a_document_records_the_event_naming_its_digest(app):
    owner = person(app, "piet", "eigenaar", "munitiebeheer")
    pdf = tiny_pdf()
    answer = claim(owner, [(pdf, "telverslag 2026.pdf")])
    assert answer.status_code == 302, answer.get_data(as_text=True)[:500]
    last = queries.history(app.extensions["tracker"], ITEM)[-1]
    assert (last.type, last.data["bewijs"], last.actor) == ("opgevolgd", [digest(pdf)], "piet")
    page = owner.get(f"/item/{ITEM}").get_data(as_text=True)
    assert "staat: <strong>opgevolgd</strong>" in page
    assert f'href="/bewijs/{digest(pdf)}">telverslag 2026.pdf</a>' in page


def test_two_documents_in_one_form_are_both_named(app):
    owner = person(app, "piet", "eigenaar", "munitiebeheer")
    first, second = tiny_pdf("Telling 1"), tiny_pdf("Telling 2")
    assert claim(owner, [(first, "telling-1.pdf"), (second, "telling-2.pdf")]).status_code == 302
    assert queries.history(app.extensions["tracker"], ITEM)[-1].data["bewijs"] == [digest(first), digest(second)]


def test_a_program_named_pdf_is_refused_as_415_beside_the_field_and_nothing_is_stored(app):
    owner = person(app, "piet", "eigenaar", "munitiebeheer")
    before = stored(app)
    answer = claim(owner, [(EXE, "rapport.pdf")], reason="Mijn getypte toelichting")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 415
    errors = field_errors(html)
    assert len(errors) == 1 and 'for="bewijs-opgevolgd"' in errors[0], errors
    assert "herkend aan de inhoud, niet aan de naam" in errors[0]
    assert ">Mijn getypte toelichting</textarea>" in html
    assert "U had gekozen: rapport.pdf" in html  # a browser never sends the files again: the form says so
    assert stored(app) == before
    assert queries.get_item(app.extensions["tracker"], ITEM).item.state == "in_uitvoering"


def test_a_claim_without_the_required_document_is_refused_beside_the_field(app):
    owner = person(app, "piet", "eigenaar", "munitiebeheer")
    before = stored(app)
    answer = claim(owner, [], reason="Afgerond")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    errors = field_errors(html)
    assert len(errors) == 1 and "Ten minste één document." in errors[0], errors
    assert "vraagt om bewijs" in html and ">Afgerond</textarea>" in html
    assert stored(app) == before


def test_the_field_says_which_types_and_sizes_and_whether_it_is_required(app):
    owner = person(app, "piet", "eigenaar", "munitiebeheer")
    html = owner.get(f"/item/{ITEM}").get_data(as_text=True)
    assert html.count('enctype="multipart/form-data"') == html.count('action="/item/munitiebeheer-a10/vastleggen"')
    required = re.search(r'<label class="utrecht-form-label" for="bewijs-opgevolgd">([^<]+)</label>\s*'
                         r'<p class="utrecht-form-field-description"[^>]*>([^<]+)</p>', html)
    assert required.group(1) == "Bewijs (documenten) (verplicht)"
    assert "PDF" in required.group(2) and "25 MB per bestand" in required.group(2)
    remark = re.search(r'for="bewijs-opmerking">([^<]+)</label>', html)
    assert remark.group(1) == "Bewijs (documenten)"
    assert re.search(r'<input class="file-input" type="file" id="bewijs-opgevolgd" name="bewijs" multiple', html)


def test_a_body_too_large_to_take_keeps_what_was_typed_and_says_so_beside_the_field(app):
    app.config["MAX_DOCUMENT_LENGTH"] = 1024 * 1024
    owner = person(app, "piet", "eigenaar", "munitiebeheer")
    before = stored(app)
    big = tiny_pdf() + b"%" + b"0" * (1200 * 1024)
    answer = claim(owner, [(big, "groot.pdf")], reason="Getypt voor een te groot bestand")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 413
    errors = field_errors(html)
    assert len(errors) == 1 and 'for="bewijs-opgevolgd"' in errors[0] and "Samen groter dan 1 MB." in errors[0]
    assert ">Getypt voor een te groot bestand</textarea>" in html
    assert stored(app) == before


def test_a_download_is_an_attachment_under_a_safe_name_never_sniffed(app):
    owner = person(app, "piet", "eigenaar", "munitiebeheer")
    pdf = tiny_pdf()
    assert claim(owner, [(pdf, "../../geheim/telling: <2026>?.pdf")]).status_code == 302
    answer = owner.get(f"/bewijs/{digest(pdf)}")
    assert answer.status_code == 200 and answer.data == pdf
    disposition = answer.headers["Content-Disposition"]
    assert disposition == "attachment; filename=\"telling 2026.pdf\"; filename*=UTF-8''telling%202026.pdf", disposition
    assert "/" not in disposition.split("filename*=")[0] and ".." not in disposition
    assert answer.headers["Content-Type"] == "application/pdf"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in answer.headers["Content-Security-Policy"]
    assert "no-store" in answer.headers["Cache-Control"]
    preview = owner.get(f"/bewijs/{digest(pdf)}/voorbeeld")
    assert preview.status_code == 200 and preview.data == pdf
    assert preview.headers["Content-Disposition"].startswith("inline;")
    assert preview.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in preview.headers["Content-Security-Policy"]


def test_only_pdfs_and_images_are_previewed(app):
    owner = person(app, "piet", "eigenaar", "munitiebeheer")
    text = b"Verslag van de telling: geen verschillen.\n"
    assert claim(owner, [(text, "verslag.txt")]).status_code == 302
    assert owner.get(f"/bewijs/{digest(text)}").status_code == 200
    answer = owner.get(f"/bewijs/{digest(text)}/voorbeeld")
    assert answer.status_code == 404 and "geen voorbeeld" in answer.get_data(as_text=True)
    page = owner.get(f"/item/{ITEM}").get_data(as_text=True)
    assert "verslag.txt" in page and "/voorbeeld" not in page


def test_outside_its_scope_a_document_does_not_exist(app):
    owner = person(app, "piet", "eigenaar", "munitiebeheer")
    pdf = tiny_pdf()
    assert claim(owner, [(pdf, "telverslag.pdf")]).status_code == 302
    elsewhere = person(app, "bmo", "eigenaar", "beveiliging-militaire-objecten")
    for url in (f"/bewijs/{digest(pdf)}", f"/bewijs/{digest(pdf)}/voorbeeld", f"/bewijs/{'0' * 64}",
                "/bewijs/geen-som"):
        answer = elsewhere.get(url)
        assert answer.status_code == 404, url
        assert "Niet gevonden" in answer.get_data(as_text=True) and pdf not in answer.data
    page = elsewhere.get(f"/item/{ITEM}").get_data(as_text=True)
    assert "telverslag.pdf" in page and f"/bewijs/{digest(pdf)}" not in page
    reader = person(app, "bestuursraad", "lezer")
    assert reader.get(f"/bewijs/{digest(pdf)}").data == pdf
    anonymous = app.test_client().get(f"/bewijs/{digest(pdf)}")
    assert anonymous.status_code == 302 and "/aanmelden" in anonymous.headers["Location"]


def test_the_auditor_sees_the_claim_with_its_documents_and_verifies_it(app):
    owner = person(app, "piet", "eigenaar", "munitiebeheer")
    pdf = tiny_pdf()
    assert claim(owner, [(pdf, "telverslag.pdf")], reason="Tellingen elk kwartaal").status_code == 302
    auditor = person(app, "rekenkamer-auditor", "auditor")
    html = auditor.get(f"/item/{ITEM}").get_data(as_text=True)
    section = html[html.index('id="melding"'):html.index('id="acties"')]
    assert "Melding ter beoordeling" in section and "Opvolging gemeld: wacht op verificatie." in section
    assert "Tellingen elk kwartaal" in section and "20 november 2026" in section
    assert f'href="/bewijs/{digest(pdf)}">telverslag.pdf</a>' in section
    assert re.search(r"PDF, \d+ bytes · toegevoegd door piet op \d+ [a-z]+ \d{4} \d\d:\d\d", section), section
    assert f'<iframe class="document__preview" src="/bewijs/{digest(pdf)}/voorbeeld" title="Voorbeeld van ' \
           f'telverslag.pdf"' in section
    answer = auditor.post(f"/item/{ITEM}/vastleggen", data={"event": "geverifieerd", "version": version(auditor)})
    assert answer.status_code == 302
    html = auditor.get(f"/item/{ITEM}").get_data(as_text=True)
    assert "staat: <strong>geverifieerd</strong>" in html and 'id="melding"' not in html
    timeline = html[html.index('id="tijdlijn"'):]
    assert f'Bewijs: <a class="utrecht-link" href="/bewijs/{digest(pdf)}">telverslag.pdf</a>' in timeline


def test_sizes_are_written_the_dutch_way():
    from tracker.web.documents import size_label

    assert [size_label(n) for n in (1, 512, 8600, 1024 * 1024 * 1.2, 25 * 1024 * 1024)] == \
        ["1 byte", "512 bytes", "8,4 kB", "1,2 MB", "25,0 MB"]
