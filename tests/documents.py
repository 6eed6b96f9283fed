"""Documents for tests: small files of each kind the tracker recognises from their content, and uploading one
through the API to name it as evidence."""
from __future__ import annotations

import hashlib
import io
import zipfile

PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 240 + b"PE\x00\x00"
EML = (b"From: owner@mindef.nl\r\nTo: auditor@mindef.nl\r\nSubject: Bewijs opvolging\r\n"
       b"Date: Mon, 2 Nov 2026 10:00:00 +0100\r\n\r\nZie de bijlage.\r\n")
TEXT = b"Verslag van de telling: 1.204 stuks, geen verschillen.\n"


def tiny_pdf(text: str = "Bewijs van opvolging") -> bytes:
    """A valid one-page PDF with one line of text (its cross-reference table computed), which a viewer opens."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def upload(client, headers: dict, content: bytes = PDF, name: str = "bewijs.pdf"):
    """POST a document to /api/v1/evidence; the answer (its JSON holds the sha256 to name in `bewijs`)."""
    return client.post("/api/v1/evidence", data={"bestand": (io.BytesIO(content), name)}, headers=headers,
                       content_type="multipart/form-data")


def evidence_for(client, headers: dict, content: bytes = PDF, name: str = "bewijs.pdf") -> list[str]:
    """Upload a document and return the `bewijs` value naming it."""
    answer = upload(client, headers, content, name)
    assert answer.status_code == 201, answer.get_json()
    return [answer.get_json()["sha256"]]
