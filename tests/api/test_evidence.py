"""Evidence through the API: upload, name in an event, download as the item's readers may; types judged from the
content, sizes bounded, nothing stored when refused."""
from __future__ import annotations

import hashlib
import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.documents import EML, EXE, PDF, PNG, TEXT, digest, docx, evidence_for, upload
from tracker.services import accounts, evidence
from tracker.storage.schema import document_chunks, documents


def stored(app) -> tuple[int, int]:
    with app.extensions["tracker"].read() as connection:
        return (connection.execute(select(func.count()).select_from(documents)).scalar_one(),
                connection.execute(select(func.count()).select_from(document_chunks)).scalar_one())


def claim(client, key: str, bewijs: list[str] | None):
    data = {"toelichting": "Tellingen borgen we maandelijks; zie het verslag."}
    if bewijs is not None:
        data["bewijs"] = bewijs
    return client.post(f"/api/v1/items/{key}/events", json={"type": "opgevolgd", "data": data},
                       headers={"If-Match": client.version(key)})


@pytest.fixture
def outsider(api_app):
    """An owner whose scope is another onvolkomenheid."""
    tracker = api_app.extensions["tracker"]
    accounts.create(tracker, "eigenaar-crypto", "eigenaar", "cryptobeheer")
    return {"Authorization": f"Bearer {accounts.new_token(tracker, 'eigenaar-crypto')}"}


def test_owner_claims_with_a_pdf_and_the_auditor_gets_the_same_bytes(as_role, api_app, outsider):
    owner, auditor = as_role("eigenaar"), as_role("auditor")
    answer = upload(owner.client, owner.headers(), PDF, "Telverslag november.pdf")
    assert answer.status_code == 201
    sent = answer.get_json()
    assert sent["sha256"] == digest(PDF) and sent["size"] == len(PDF) and sent["media_type"] == "application/pdf"
    claimed = claim(owner, "munitiebeheer-a10", [sent["sha256"]])
    assert claimed.status_code == 201 and claimed.get_json()["data"]["bewijs"] == [digest(PDF)]

    download = auditor.get(f"/api/v1/evidence/{sent['sha256']}")
    assert download.status_code == 200 and hashlib.sha256(download.data).hexdigest() == digest(PDF)
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert "Telverslag november.pdf" in download.headers["Content-Disposition"].replace("%20", " ")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    verified = auditor.post("/api/v1/items/munitiebeheer-a10/events",
                            json={"type": "geverifieerd", "data": {"toelichting": "Verslag gezien."}},
                            headers={"If-Match": auditor.version("munitiebeheer-a10")})
    assert verified.status_code == 201

    elsewhere = owner.client.get(f"/api/v1/evidence/{sent['sha256']}", headers=outsider)
    assert elsewhere.status_code == 404 and "bereik" in elsewhere.get_json()["message"]
    assert as_role("lezer").get(f"/api/v1/evidence/{sent['sha256']}").status_code == 200  # no scope: reads all


def test_a_claim_without_a_document_is_refused_naming_what_is_missing(as_role, api_app):
    owner = as_role("eigenaar")
    before = owner.version("munitiebeheer-a10")
    answer = claim(owner, "munitiebeheer-a10", None)
    assert answer.status_code == 422
    body = answer.get_json()
    assert "vraagt om bewijs" in body["message"] and "PDF" in body["message"] and "bewijs" in body["errors"]
    assert owner.version("munitiebeheer-a10") == before


def test_a_declared_condition_needs_evidence_too(as_role, api_app):
    tracker = api_app.extensions["tracker"]
    from tracker.services import queries

    condition = next(p for p in queries.list_items(tracker, kind="voorwaarde") if p.item.state == "open")
    beheer = as_role("beheerder")
    answer = beheer.post(f"/api/v1/items/{condition.item.key}/events",
                         json={"type": "vervuld", "data": {"toelichting": "Geregeld."}},
                         headers={"If-Match": beheer.version(condition.item.key)})
    assert answer.status_code == 422 and "bewijs" in answer.get_json()["errors"]
    answer = beheer.post(f"/api/v1/items/{condition.item.key}/events",
                         json={"type": "vervuld", "data": {"toelichting": "Geregeld.",
                                                           "bewijs": evidence_for(beheer.client, beheer.headers())}},
                         headers={"If-Match": beheer.version(condition.item.key)})
    assert answer.status_code == 201


def test_an_executable_named_pdf_is_refused_by_its_content_and_nothing_is_stored(as_role, api_app):
    before = stored(api_app)
    answer = upload(as_role("eigenaar").client, as_role("eigenaar").headers(), EXE, "rapport.pdf")
    assert answer.status_code == 415
    assert "application/x-msdownload" in answer.get_json()["message"] and "inhoud" in answer.get_json()["message"]
    assert stored(api_app) == before


def test_a_30_mb_file_is_refused_before_anything_is_stored(as_role, api_app):
    before = stored(api_app)
    big = io.BytesIO(b"%PDF-1.4\n" + b"0" * (30 * 1024 * 1024))
    owner = as_role("eigenaar")
    answer = owner.client.post("/api/v1/evidence", data={"bestand": (big, "groot.pdf")}, headers=owner.headers(),
                               content_type="multipart/form-data")
    assert answer.status_code == 413 and "25 MB" in answer.get_json()["message"]
    assert stored(api_app) == before


@pytest.mark.parametrize("content, name, media_type", [
    (PDF, "a.pdf", "application/pdf"),
    (PNG, "foto.png", "image/png"),
    (docx(), "notitie.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (EML, "bericht.eml", "message/rfc822"),
    (TEXT, "telling.txt", "text/plain"),
    (TEXT, "telling.pdf", "text/plain"),  # the name does not decide
])
def test_documents_are_recognised_by_their_content(as_role, content, name, media_type):
    owner = as_role("eigenaar")
    answer = upload(owner.client, owner.headers(), content, name)
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["media_type"] == media_type


@pytest.mark.parametrize("content, name", [
    (b"PK\x03\x04" + b"\x00" * 100, "archief.zip"),
    (b"", "leeg.pdf"),
    (b"tekst met een \x07 belteken", "raar.txt"),
    (b"\xff\xfe\x00\x01binair", "data.txt"),
])
def test_what_is_no_document_is_refused(as_role, content, name):
    owner = as_role("eigenaar")
    assert upload(owner.client, owner.headers(), content, name).status_code == 415


def test_naming_an_unknown_or_malformed_digest_is_refused(as_role):
    owner = as_role("eigenaar")
    for bewijs, words in (([digest(b"nooit geupload")], "niet gevonden"), (["abc"], "geen SHA-256"),
                          ("x" * 64, "geen SHA-256")):
        answer = claim(owner, "munitiebeheer-a10", bewijs if isinstance(bewijs, list) else [bewijs])
        assert answer.status_code == 422 and words in answer.get_json()["message"], answer.get_json()


def test_another_accounts_unnamed_upload_cannot_be_named(as_role, api_app):
    beheer, owner = as_role("beheerder"), as_role("eigenaar")
    theirs = evidence_for(beheer.client, beheer.headers(), TEXT, "concept.txt")
    answer = claim(owner, "munitiebeheer-a10", theirs)
    assert answer.status_code == 422 and "niet gevonden" in answer.get_json()["message"]
    assert owner.get(f"/api/v1/evidence/{theirs[0]}").status_code == 404  # nor read before an event names it


def test_a_reader_may_not_upload(as_role, api_app):
    before = stored(api_app)
    reader = as_role("lezer")
    assert upload(reader.client, reader.headers()).status_code == 403
    assert stored(api_app) == before
    assert upload(reader.client, {}).status_code == 401


def test_an_upload_no_event_names_is_removed_after_a_day(as_role, api_app):
    tracker = api_app.extensions["tracker"]
    owner = as_role("eigenaar")
    kept = evidence_for(owner.client, owner.headers(), PDF, "genoemd.pdf")
    assert claim(owner, "munitiebeheer-a10", kept).status_code == 201
    evidence_for(owner.client, owner.headers(), TEXT, "vergeten.txt")
    assert stored(api_app)[0] == 2
    later = tracker.now() + timedelta(days=1, minutes=1)
    tracker.now = lambda: later
    assert evidence.clean_up(tracker) == 1
    assert stored(api_app)[0] == 1 and owner.get(f"/api/v1/evidence/{kept[0]}").status_code == 200


def test_the_same_content_twice_is_stored_once(as_role, api_app):
    owner = as_role("eigenaar")
    first = evidence_for(owner.client, owner.headers(), PDF, "een.pdf")
    second = evidence_for(owner.client, owner.headers(), PDF, "twee.pdf")
    assert first == second and stored(api_app)[0] == 1


def test_a_download_name_cannot_carry_a_path_or_a_header(as_role):
    owner = as_role("eigenaar")
    answer = upload(owner.client, owner.headers(), TEXT, '..\\..\\etc/pass"wd\r\nX-Kwaad: ja.txt')
    assert answer.status_code == 201
    name = answer.get_json()["name"]
    assert "/" not in name and "\\" not in name and '"' not in name and "\r" not in name and "\n" not in name


def test_the_same_content_sent_by_two_accounts_may_be_named_by_each(as_role, api_app, outsider):
    owner, beheer = as_role("eigenaar"), as_role("beheerder")
    evidence_for(beheer.client, beheer.headers(), PDF, "van beheer.pdf")
    again = upload(owner.client, owner.headers(), PDF, "van de eigenaar.pdf")
    assert again.status_code == 201 and again.get_json()["sha256"] == digest(PDF)
    assert claim(owner, "munitiebeheer-a10", [digest(PDF)]).status_code == 201
    elsewhere = upload(owner.client, outsider, PDF, "zelfde inhoud.pdf")  # named under Munitiebeheer already
    assert elsewhere.status_code == 201 and elsewhere.get_json()["sha256"] == digest(PDF)
