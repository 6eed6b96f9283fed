"""`tracker verify` re-hashes every stored document: one changed byte or one lost chunk is named with the document
(its name and the start of its SHA-256) and every event that names it; so is an event naming a document that is
not stored."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import text

from tests.documents import PDF, digest
from tracker.domain.events import NewEvent
from tracker.services import evidence, integrity, recording
from tracker.storage import evidence_store

KEY = "munitiebeheer-a10"
HEAD = b"%PDF-1.4\n"
BIG = b"%PDF-1.4\n" + bytes(range(256)) * 9000  # a little over 2 MB: three chunks


def claim_with(tracker, content: bytes, name: str) -> tuple[str, int]:
    """Record "opgevolgd" on KEY naming an uploaded document; (its digest, the event's seq)."""
    upload = evidence.prepare(tracker, io.BytesIO(content), name)
    command = NewEvent(KEY, "opgevolgd", {"toelichting": "Tellingen geborgd; zie het verslag.",
                                          "bewijs": [upload.document.sha256]}, "beheerder")
    recorded = recording.record_many(tracker, [command], None, uploads=[upload])
    return upload.document.sha256, recorded[0].event.seq


def tamper(tracker, sql: str, **params) -> None:
    with tracker.write() as connection:
        connection.execute(text(sql), params)


def verify(seeded_runner) -> tuple[int, str]:
    result = seeded_runner.invoke(args=["verify"])
    return result.exit_code, result.output


def test_an_untouched_database_with_documents_verifies(seeded, seeded_runner):
    sha, _ = claim_with(seeded, BIG, "Telverslag november.pdf")
    assert sha == digest(BIG)
    code, output = verify(seeded_runner)
    assert code == 0, output
    assert "In orde" in output


def test_one_changed_byte_names_the_document_and_its_event(seeded, seeded_runner):
    sha, seq = claim_with(seeded, BIG, "Telverslag november.pdf")
    with seeded.read() as connection:
        original = bytes(connection.execute(text("SELECT data FROM document_chunks WHERE sha256 = :s AND n = 1"),
                                            {"s": sha}).scalar_one())
    changed = original[:10] + bytes([original[10] ^ 1]) + original[11:]
    tamper(seeded, "UPDATE document_chunks SET data = :d WHERE sha256 = :s AND n = 1", d=changed, s=sha)

    code, output = verify(seeded_runner)
    assert code == 1
    assert "'Telverslag november.pdf'" in output and sha[:12] in output
    assert "SHA-256" in output and f"gebeurtenis {seq} (" in output and KEY in output
    assert f"eerste afwijkende gebeurtenis {seq}." in output
    result = integrity.verify(seeded)
    assert result.first_bad_seq == seq and len(result.problems) == 1


def test_a_document_named_twice_names_both_events(seeded, seeded_runner):
    sha, first = claim_with(seeded, PDF, "verslag.pdf")
    again = NewEvent(KEY, "teruggestuurd", {"toelichting": "Verslag onvolledig."}, "auditor")
    recording.record(seeded, again)
    _, second = claim_with(seeded, PDF, "verslag.pdf")
    tamper(seeded, "UPDATE document_chunks SET data = :d WHERE sha256 = :s AND n = 0", d=HEAD, s=sha)

    code, output = verify(seeded_runner)
    assert code == 1
    assert f"gebeurtenis {first} (" in output and f"gebeurtenis {second} (" in output
    assert f"{len(HEAD)} bytes in plaats van {len(PDF)}" in output.replace(".", "")


@pytest.mark.parametrize(("chunk", "words"), [(1, "deel 2 van de inhoud ontbreekt"), (2, "bytes in plaats van")])
def test_a_deleted_chunk_is_named(seeded, seeded_runner, chunk, words):
    sha, seq = claim_with(seeded, BIG, "Telverslag november.pdf")
    tamper(seeded, "DELETE FROM document_chunks WHERE sha256 = :s AND n = :n", s=sha, n=chunk)

    code, output = verify(seeded_runner)
    assert code == 1
    assert "'Telverslag november.pdf'" in output and sha[:12] in output and words in output
    assert f"gebeurtenis {seq} (" in output


def test_an_event_naming_a_document_that_is_not_stored_is_named(seeded, seeded_runner):
    sha, seq = claim_with(seeded, PDF, "verslag.pdf")
    tamper(seeded, "DELETE FROM document_chunks WHERE sha256 = :s", s=sha)
    tamper(seeded, "DELETE FROM document_uploads WHERE sha256 = :s", s=sha)
    tamper(seeded, "DELETE FROM documents WHERE sha256 = :s", s=sha)
    with seeded.read() as connection:
        assert evidence_store.missing(connection) == [(seq, sha)]

    code, output = verify(seeded_runner)
    assert code == 1
    assert f"Gebeurtenis {seq} (" in output and f"noemt document {sha[:12]}…, dat niet is opgeslagen" in output


def test_a_lost_link_between_event_and_document_asks_for_a_rebuild(seeded, seeded_runner):
    sha, _ = claim_with(seeded, PDF, "verslag.pdf")
    tamper(seeded, "DELETE FROM event_documents WHERE sha256 = :s", s=sha)
    code, output = verify(seeded_runner)
    assert code == 1 and "register van bewijs" in output
    assert seeded_runner.invoke(args=["rebuild"]).exit_code == 0
    assert verify(seeded_runner)[0] == 0
