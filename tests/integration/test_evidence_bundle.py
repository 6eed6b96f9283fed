"""A database with documents moves as one tar bundle: the event log in the export's own lines plus every document
an event names, checked on the way in (a member must hash to its name, an event may name only what the bundle
holds), all or nothing. A plain export of such a database is refused rather than losing the documents."""
from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.documents import PNG
from tests.integration.test_evidence_integrity import BIG, KEY, claim_with
from tracker.domain.events import NewEvent
from tracker.services import accounts, queries, recording
from tracker.services.transfer import FORMAT
from tracker.storage.schema import document_chunks, documents, events


@pytest.fixture
def with_documents(seeded):
    """The seeded log plus a claim naming a PDF of three chunks and, on a second claim, a PNG."""
    pdf, _ = claim_with(seeded, BIG, "Telverslag november.pdf")
    recording.record(seeded, NewEvent(KEY, "teruggestuurd", {"toelichting": "Telling onvolledig."}, "auditor"))
    png, _ = claim_with(seeded, PNG, "foto telling.png")
    return seeded, {pdf: BIG, png: PNG}


def counts(tracker) -> tuple[int, int, int]:
    with tracker.read() as connection:
        return tuple(connection.execute(select(func.count()).select_from(table)).scalar_one()
                     for table in (events, documents, document_chunks))


def members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as archive:
        return {info.name: archive.extractfile(info).read() for info in archive}


def rewrite(path: Path, target: Path, change) -> None:
    """Copy a bundle member by member, `change(name, content)` giving each member's new content (None: left
    out)."""
    with tarfile.open(target, "w") as out:
        for name, content in members(path).items():
            changed = change(name, content)
            if changed is not None:
                info = tarfile.TarInfo(name)
                info.size = len(changed)
                out.addfile(info, io.BytesIO(changed))


def export_bundle(seeded_runner, tmp_path) -> Path:
    target = tmp_path / "volgsysteem.tar"
    exported = seeded_runner.invoke(args=["export", "--output", str(target)])
    assert exported.exit_code == 0, exported.output
    assert "2 documenten" in exported.stderr
    return target


def test_a_bundle_moves_the_chain_and_the_same_document_bytes(with_documents, seeded_runner, app, runner,
                                                              tmp_path):
    source, content = with_documents
    bundle = export_bundle(seeded_runner, tmp_path)
    inside = members(bundle)
    assert set(inside) == {"events.jsonl", "bewijs.jsonl", *(f"bewijs/{sha}" for sha in content)}
    assert all(inside[f"bewijs/{sha}"] == data for sha, data in content.items())
    log = inside["events.jsonl"].decode().splitlines()
    assert json.loads(log[0])["format"] == FORMAT and len(log) == 1 + queries.chain_head(source)["events"]
    facts = [json.loads(line) for line in inside["bewijs.jsonl"].decode().splitlines()]
    assert {f["name"] for f in facts} == {"Telverslag november.pdf", "foto telling.png"}

    imported = runner.invoke(args=["import", str(bundle)])
    assert imported.exit_code == 0, imported.output
    assert "2 documenten" in imported.output
    assert queries.chain_head(app.extensions["tracker"]) == queries.chain_head(source)
    assert runner.invoke(args=["verify"]).exit_code == 0

    target = app.extensions["tracker"]
    accounts.create(target, "beheer", "beheerder")
    bearer = {"Authorization": f"Bearer {accounts.new_token(target, 'beheer')}"}
    for sha in content:
        download = app.test_client().get(f"/api/v1/evidence/{sha}", headers=bearer)
        assert download.status_code == 200 and hashlib.sha256(download.data).hexdigest() == sha
    with source.read() as before, target.read() as after:
        wanted = select(documents).order_by(documents.c.sha256)
        assert [tuple(r) for r in before.execute(wanted)] == [tuple(r) for r in after.execute(wanted)]


def test_a_plain_export_of_a_database_with_documents_is_refused(with_documents, seeded_runner, tmp_path):
    target = tmp_path / "log.jsonl"
    exported = seeded_runner.invoke(args=["export", "--output", str(target)])
    assert exported.exit_code == 1 and ".tar" in exported.output and "documenten" in exported.output
    assert not target.exists()


def test_a_bundle_that_cannot_be_written_leaves_nothing_behind(with_documents, seeded_runner, tmp_path):
    exported = seeded_runner.invoke(args=["export", "--output", str(tmp_path / "ontbreekt" / "volgsysteem.tar")])
    assert exported.exit_code == 1 and "niet schrijven" in exported.output and "Traceback" not in exported.output
    assert list(tmp_path.iterdir()) == []


def test_a_tampered_member_is_refused_and_nothing_is_written(with_documents, seeded_runner, app, runner, tmp_path):
    _, content = with_documents
    bundle = export_bundle(seeded_runner, tmp_path)
    pdf = next(sha for sha, data in content.items() if data == BIG)
    tampered = tmp_path / "gewijzigd.tar"
    rewrite(bundle, tampered, lambda name, data: data[:-1] + bytes([data[-1] ^ 1]) if name == f"bewijs/{pdf}"
            else data)

    imported = runner.invoke(args=["import", str(tampered)])
    assert imported.exit_code == 1 and f"bewijs/{pdf[:12]}" in imported.output
    assert "niets geïmporteerd" in imported.output and "Traceback" not in imported.output
    assert counts(app.extensions["tracker"]) == (0, 0, 0)


def test_an_event_naming_a_document_the_bundle_lacks_is_refused_naming_its_line(with_documents, seeded_runner, app,
                                                                              runner, tmp_path):
    _, content = with_documents
    bundle = export_bundle(seeded_runner, tmp_path)
    png = next(sha for sha, data in content.items() if data == PNG)
    lines = members(bundle)["events.jsonl"].decode().splitlines()
    line = next(number for number, text in enumerate(lines, start=1) if png in text)
    without = tmp_path / "zonder.tar"
    rewrite(bundle, without, lambda name, data: None if name == f"bewijs/{png}" else (
        b"".join(row + b"\n" for row in data.splitlines() if png.encode() not in row) if name == "bewijs.jsonl"
        else data))

    imported = runner.invoke(args=["import", str(without)])
    assert imported.exit_code == 1, imported.output
    assert f"Regel {line} " in imported.output and png[:12] in imported.output
    assert counts(app.extensions["tracker"]) == (0, 0, 0)

    plain = tmp_path / "events.jsonl"  # the log alone names documents it cannot bring
    plain.write_bytes(members(bundle)["events.jsonl"])
    refused = runner.invoke(args=["import", str(plain)])
    assert refused.exit_code == 1 and "Regel " in refused.output and ".tar" in refused.output
    assert counts(app.extensions["tracker"]) == (0, 0, 0)


@pytest.mark.parametrize("damage", ["member name", "not a tar", "cut in a document", "cut in the log"])
def test_a_bundle_that_is_not_one_is_refused(with_documents, seeded_runner, app, runner, tmp_path, damage):
    bundle = export_bundle(seeded_runner, tmp_path)
    broken = tmp_path / "kapot.tar"
    if damage == "member name":
        rewrite(bundle, broken, lambda name, data: data)
        with tarfile.open(broken, "a") as archive:
            info = tarfile.TarInfo("../etc/passwd")
            info.size = 1
            archive.addfile(info, io.BytesIO(b"x"))
    elif damage == "not a tar":
        broken.write_bytes(b"geen tar\n" * 200)
    elif damage == "cut in a document":
        broken.write_bytes(bundle.read_bytes()[:len(BIG)])  # the PDF comes before the log
    else:
        broken.write_bytes(bundle.read_bytes()[:-30_000])  # the log comes last
    imported = runner.invoke(args=["import", str(broken)])
    assert imported.exit_code == 1 and "niets geïmporteerd" in imported.output and "Traceback" not in imported.output
    assert counts(app.extensions["tracker"]) == (0, 0, 0)
