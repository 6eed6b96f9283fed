"""Evidence: receiving documents, judging their type from their content, and handing them out to those who may
read the item they belong to.

A document is read once, in chunks, to compute its SHA-256 and size and to recognise its type; then it is
stored chunk by chunk. Neither step holds the whole document in memory.
"""
from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import BinaryIO

import filetype

from tracker.domain.access import Actor
from tracker.domain.decisions import ancestry
from tracker.domain.errors import NotAllowed, TooLarge, UnknownDocument, UnsupportedType
from tracker.domain.evidence import DIGEST, Document
from tracker.domain.roles import BEHEERDER, LEZER
from tracker.storage import evidence_store, projection_store

from .context import Tracker

READ = 1024 * 1024
KEPT_UNNAMED = timedelta(days=1)  # an upload whose event never comes is removed after this
CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: old Office documents and Outlook's .msg
OUTLOOK = "__substg1.0_".encode("utf-16-le")  # the streams every Outlook message holds
HEADER_LINE = re.compile(rb"\A(?:[A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)+\r?\n", re.S)
MAIL_HEADERS = re.compile(rb"^(?:from|to|subject|date|received|message-id):", re.I | re.M)


@dataclass(frozen=True)
class Upload:
    """A received document, read and recognised, waiting to be stored (its content rewound)."""

    document: Document
    content: BinaryIO


def limits(tracker: Tracker) -> tuple[int, frozenset[str]]:
    """The largest size and every type some kind accepts: what an upload is held to before it is stored (the kind
    its event belongs to may accept less; the event is checked again)."""
    workflows = list(tracker.registry)
    return (max(w.evidence.max_bytes for w in workflows),
            frozenset().union(*(w.evidence.media_types for w in workflows)))


def prepare(tracker: Tracker, content: BinaryIO, filename: str | None) -> Upload:
    """Read a document once: digest, size and type. Too large: 413; a type no kind accepts: 415."""
    largest, accepted = limits(tracker)
    name = safe_name(filename)
    digest, size, head = hashlib.sha256(), 0, b""
    text = codecs.getincrementaldecoder("utf-8-sig")()
    is_text, outlook, tail = True, False, b""
    while chunk := content.read(READ):
        size += len(chunk)
        if size > largest:
            raise TooLarge(f"'{name}' is groter dan {largest // (1024 * 1024)} MB, het maximum per document.")
        digest.update(chunk)
        if len(head) < 8192:
            head += chunk[:8192 - len(head)]
        outlook = outlook or OUTLOOK in tail + chunk
        tail = chunk[-len(OUTLOOK):]
        if is_text:
            is_text = _still_text(text, chunk)
    if size == 0:
        raise UnsupportedType(f"'{name}' is leeg.")
    media_type = _recognise(head, is_text and _still_text(text, b"", final=True), outlook)
    if media_type not in accepted:
        shown = "een type dat niet te herkennen is" if media_type is None else media_type
        raise UnsupportedType(f"'{name}' is {shown} (herkend aan de inhoud, niet aan de naam); toegestaan zijn PDF, "
                              "Office- en OpenDocument-bestanden, afbeeldingen, platte tekst en e-mail.")
    content.seek(0)
    return Upload(Document(digest.hexdigest(), size, media_type, name), content)


def _still_text(decoder, chunk: bytes, final: bool = False) -> bool:
    try:
        decoded = decoder.decode(chunk, final)
    except UnicodeDecodeError:
        return False
    return not any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f" for c in decoded)


def _recognise(head: bytes, is_text: bool, outlook: bool) -> str | None:
    if head.startswith(CFB) and outlook:
        return "application/vnd.ms-outlook"
    found = filetype.guess(head)
    if found is not None:
        return found.mime
    if is_text:
        body = head.removeprefix(codecs.BOM_UTF8)
        if HEADER_LINE.match(body) and len(MAIL_HEADERS.findall(body.split(b"\n\n", 1)[0])) >= 2:
            return "message/rfc822"
        return "text/plain"
    return None


def safe_name(filename: str | None) -> str:
    """The name a document is shown and downloaded under: no directories, no control or reserved characters."""
    name = unicodedata.normalize("NFC", filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable() and c not in '<>:"|?*')
    return name.strip(" .")[:150] or "document"


def store(tracker: Tracker, upload: Upload, actor: Actor) -> dict:
    """Store an upload on its own (the API: its event comes later and names it), and remove earlier uploads that
    no event came to name. Anyone who may record may bring documents; a reader may not."""
    if actor.role == LEZER:
        raise NotAllowed("Met de rol lezer kunt u kijken, maar geen documenten toevoegen.", role=actor.role)
    with tracker.write() as connection:
        evidence_store.put(connection, upload.document.sha256, upload.document.size, upload.document.media_type,
                           upload.document.name, actor.name, tracker.now(), upload.content)
        evidence_store.remove_unnamed(connection, tracker.now() - KEPT_UNNAMED)
        return evidence_store.details(connection, [upload.document.sha256])[upload.document.sha256]


def clean_up(tracker: Tracker) -> int:
    with tracker.write() as connection:
        return evidence_store.remove_unnamed(connection, tracker.now() - KEPT_UNNAMED)


def readable(tracker: Tracker, sha256: str, actor: Actor) -> dict:
    """What a page shows about a document this account may read; for anyone else it does not exist (404).

    A document is readable where its item is: by anyone without a scope, a beheerder, or an account whose scope
    holds an item whose event names it. An upload no event names yet is its uploader's alone."""
    unknown = UnknownDocument(f"Document {sha256[:12]}… bestaat niet of valt buiten uw bereik.")
    if not DIGEST.fullmatch(sha256):
        raise unknown
    with tracker.read() as connection:
        found = evidence_store.details(connection, [sha256]).get(sha256)
        if found is None:
            raise unknown
        naming = evidence_store.naming_events(connection, sha256)
        if not naming:
            if actor.role != BEHEERDER and not evidence_store.sent_by(connection, sha256, actor.name):
                raise unknown
            return found | {"events": []}
        if actor.scope is not None and actor.role != BEHEERDER:
            rows = projection_store.StoreRows(connection)
            if not any(actor.scope in ancestry(key, rows, None) for _, key in naming):
                raise unknown
    return found | {"events": naming}


def content(tracker: Tracker, sha256: str) -> Iterator[bytes]:
    return evidence_store.chunks(tracker.engine, sha256)


def about(tracker: Tracker, digests: list[str]) -> dict[str, dict]:
    """Name, type, size, uploader and time of these documents (for a timeline or a verification form)."""
    with tracker.read() as connection:
        return evidence_store.details(connection, digests)
