"""Evidence on the pages: downloading and previewing a document, the documents a form brings, and how the item
page names them (type and size the Dutch way, the claim an auditor or the CIO judges)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from flask import Blueprint, current_app, request
from flask_login import login_required
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData
from werkzeug.wsgi import LimitedStream

from tracker import edge
from tracker.domain.access import Actor
from tracker.domain.errors import UnknownDocument
from tracker.domain.events import StoredEvent
from tracker.domain.evidence import EVIDENCE, MAX_DOCUMENTS, PREVIEWED, EvidenceRules
from tracker.domain.roles import BEHEERDER
from tracker.domain.workflow import CREATED, Transition, Workflow
from tracker.services import dutch, evidence

from .auth import current_actor

bp = Blueprint("documents", __name__)

MB = 1024 * 1024
TYPE_LABELS = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word-document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel-werkmap",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint-presentatie",
    "application/msword": "Word-document (oud formaat)",
    "application/vnd.ms-excel": "Excel-werkmap (oud formaat)",
    "application/vnd.ms-powerpoint": "PowerPoint-presentatie (oud formaat)",
    "application/vnd.oasis.opendocument.text": "OpenDocument-tekst",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument-rekenblad",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument-presentatie",
    "image/png": "PNG-afbeelding",
    "image/jpeg": "JPEG-afbeelding",
    "image/gif": "GIF-afbeelding",
    "image/webp": "WebP-afbeelding",
    "text/plain": "platte tekst",
    "message/rfc822": "e-mail",
    "application/vnd.ms-outlook": "Outlook-bericht",
}
EXTENSIONS = {  # what the file picker offers, beside the media types (the content decides, not the name)
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/msword": ".doc",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.ms-powerpoint": ".ppt",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.oasis.opendocument.presentation": ".odp",
    "image/png": ".png",
    "image/jpeg": ".jpg,.jpeg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "text/plain": ".txt",
    "message/rfc822": ".eml",
    "application/vnd.ms-outlook": ".msg",
}
FIELDS_READ = 256 * 1024  # of a body too large to take: how much is read to give back what was typed


def _tracker():
    from tracker.services.context import current_tracker

    return current_tracker()


# --- the routes -----------------------------------------------------------------------------------------------

@bp.get("/bewijs/<sha256>")
@login_required
def download(sha256: str):
    """The document as an attachment, for anyone who may read an item whose event names it (else: 404)."""
    tracker = _tracker()
    found = evidence.readable(tracker, sha256.lower(), cast(Actor, current_actor()))
    return edge.document_response(found, evidence.content(tracker, found["sha256"]))


@bp.get("/bewijs/<sha256>/voorbeeld")
@login_required
def preview(sha256: str):
    """A PDF or an image shown inline, in a frame or an image of the item page (other types: download them)."""
    tracker = _tracker()
    found = evidence.readable(tracker, sha256.lower(), cast(Actor, current_actor()))
    if found["media_type"] not in PREVIEWED:
        raise UnknownDocument(f"Van {found['name']} ({type_label(found['media_type'])}) is geen voorbeeld te tonen; "
                              "download het document.")
    return edge.document_response(found, evidence.content(tracker, found["sha256"]), inline=True)


# --- how pages name documents ---------------------------------------------------------------------------------

def type_label(media_type: str) -> str:
    return TYPE_LABELS.get(media_type, media_type)


def size_label(size: int) -> str:
    """In Dutch notation: "512 bytes", "8,4 kB", "1,2 MB"."""
    if size < 1024:
        return f"{size} {'byte' if size == 1 else 'bytes'}"
    if size < MB:
        kb = size / 1024
        return f"{dutch.number(kb, 1 if kb < 10 else 0)} kB"
    return f"{dutch.number(size / MB, 1)} MB"


def previewable(media_type: str) -> str | None:
    """How the page shows a preview: "frame" (PDF), "image", or None (no preview)."""
    if media_type not in PREVIEWED:
        return None
    return "image" if media_type.startswith("image/") else "frame"


def accept(rules: EvidenceRules) -> str:
    """The file picker's `accept`: the media types and file extensions of the kinds of documents allowed."""
    types = sorted(rules.media_types)
    return ",".join(types + [EXTENSIONS[t] for t in types if t in EXTENSIONS])


def hint(rules: EvidenceRules) -> str:
    """What a form says under its file field: which types, how large (each, and together in one form)."""
    each = rules.max_bytes // MB
    together = current_app.config.get("MAX_DOCUMENT_LENGTH", rules.max_bytes) // MB
    return (f"Toegestaan: {rules.describe()}; hoogstens {each} MB per bestand en {together} MB samen, "
            f"tot {MAX_DOCUMENTS} bestanden.")


def named(events: Iterable[StoredEvent]) -> list[str]:
    return [digest for e in events for digest in (e.data.get(EVIDENCE) or [])]


def may_open(actor: Actor | None, chain: list[str]) -> bool:
    """May this account open the documents of the item with this ancestry (the rule of evidence.readable)?"""
    return actor is not None and (actor.scope is None or actor.role == BEHEERDER or actor.scope in chain)


@dataclass(frozen=True)
class Claim:
    """The event that brought the item into its state, as the one who judges it reads it."""

    event: StoredEvent
    label: str
    awaited: str | None  # what the item waits for, when a transition from its state is awaited
    judges: tuple[str, ...]  # the events that judge it (the awaited transitions)


def claim(history: list[StoredEvent], workflow: Workflow, state: str, labels: dict[str, str]) -> Claim | None:
    """The latest event that changed the item's state, when the item waits for someone to judge it or when that
    event named documents; else None."""
    renamed = workflow.renamed.get("events", {})
    changing = {t.event for t in workflow.transitions if t.target is not None} | {CREATED}
    latest = next((e for e in reversed(history) if renamed.get(e.type, e.type) in changing), None)
    if latest is None:
        return None
    awaited: list[Transition] = [t for t in workflow.allowed(state) if t.awaited]
    if not awaited and not latest.data.get(EVIDENCE):
        return None
    return Claim(latest, labels.get(latest.type, latest.type.replace("_", " ")),
                 awaited[0].awaited if awaited else None, tuple(t.event for t in awaited))


# --- documents a form brings ----------------------------------------------------------------------------------

def chosen(files: MultiDict) -> list[Any]:
    """The files chosen in the form's field (an empty field sends one part without a name: no document)."""
    return [f for f in files.getlist(EVIDENCE) if f.filename]


def fields_of_refused_body() -> MultiDict:
    """The form's text fields from a body refused as too large before it was read (413), so that the form can be
    shown again with what was typed. The text fields come before the file field in the form, and so in the body:
    reading stops at the first file. The rest is then read and discarded (as far as a few times the largest body
    allowed), so that the browser gets the answer instead of a connection closed while it was still sending."""
    found: MultiDict = MultiDict()
    boundary = request.mimetype_params.get("boundary", "").encode("latin-1")
    length = request.content_length or 0
    if request.mimetype != "multipart/form-data" or not boundary or not length:
        return found
    stream = LimitedStream(request.environ["wsgi.input"], length)
    decoder = MultipartDecoder(boundary, max_form_memory_size=FIELDS_READ)
    name, value, read, done = None, bytearray(), 0, False
    try:
        while not done and read < FIELDS_READ:
            chunk = stream.read(16 * 1024)
            read += len(chunk)
            decoder.receive_data(chunk or None)
            event = decoder.next_event()
            while not isinstance(event, NeedData | Epilogue):
                if isinstance(event, File):
                    done = True
                    break
                if isinstance(event, Field):
                    name, value = event.name, bytearray()
                elif isinstance(event, Data) and name is not None:
                    value += event.data
                    if not event.more_data:
                        found.add(name, value.decode("utf-8", "replace"))
                event = decoder.next_event()
            if not chunk or isinstance(event, Epilogue):
                break
        if length <= 4 * current_app.config["MAX_DOCUMENT_LENGTH"]:
            while stream.read(1024 * 1024):
                pass
    except (ValueError, HTTPException):  # a malformed body: nothing to give back
        return MultiDict()
    return found
