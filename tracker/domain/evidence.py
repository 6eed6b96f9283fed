"""Evidence: the documents behind a claim, named in an event by their SHA-256 so that the hash chain covers their
content. Which types and sizes a kind accepts comes from its definition; these are the rules, the bytes live in
storage."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import InvalidValue, MissingField, TooLarge, UnsupportedType
from .naming import quoted

EVIDENCE = "bewijs"  # the event field: a list of SHA-256 digests
MAX_DOCUMENTS = 20  # per event
DEFAULT_MAX_MB = 25
DIGEST = re.compile(r"[0-9a-f]{64}")

# Groups a definition names (`[evidence] types = [...]`), each with the media types its content may show.
GROUPS: Mapping[str, tuple[str, frozenset[str]]] = {
    "pdf": ("PDF", frozenset({"application/pdf"})),
    "office": ("Office-documenten", frozenset({
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"})),
    "opendocument": ("OpenDocument", frozenset({
        "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation"})),
    "afbeelding": ("afbeeldingen (PNG, JPEG, GIF, WebP)", frozenset({
        "image/png", "image/jpeg", "image/gif", "image/webp"})),
    "tekst": ("platte tekst", frozenset({"text/plain"})),
    "e-mail": ("e-mail (.eml, .msg)", frozenset({"message/rfc822", "application/vnd.ms-outlook"})),
}
DEFAULT_GROUPS = tuple(GROUPS)
PREVIEWED = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"})


@dataclass(frozen=True, slots=True)
class EvidenceRules:
    """What documents a kind accepts: groups of types and a size per document."""

    groups: tuple[str, ...] = DEFAULT_GROUPS
    max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024

    @property
    def media_types(self) -> frozenset[str]:
        return frozenset().union(*(GROUPS[g][1] for g in self.groups))

    def describe(self) -> str:
        names = [GROUPS[g][0] for g in self.groups]
        return ", ".join(names[:-1]) + (" of " if len(names) > 1 else "") + names[-1]


@dataclass(frozen=True, slots=True)
class Document:
    """A stored document as a message or a page names it."""

    sha256: str
    size: int
    media_type: str
    name: str


def digests(value: Any) -> list[str]:
    """The `bewijs` field's value: one to twenty SHA-256 digests (lowercase hexadecimal), each once."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise InvalidValue("Bewijs is een lijst met SHA-256-sommen van geüploade documenten.",
                           errors={EVIDENCE: ["Verwacht: een lijst met SHA-256-sommen."]})
    if len(value) > MAX_DOCUMENTS:
        raise InvalidValue(f"Hoogstens {MAX_DOCUMENTS} documenten per gebeurtenis.",
                           errors={EVIDENCE: [f"Hoogstens {MAX_DOCUMENTS}."]})
    found: list[str] = []
    for digest in value:
        text = digest.strip().lower() if isinstance(digest, str) else ""
        if not DIGEST.fullmatch(text):
            shown = str(digest)[:20]
            raise InvalidValue(f"'{shown}' is geen SHA-256-som (64 hexadecimale tekens).",
                               errors={EVIDENCE: ["Geen SHA-256-som."]})
        if text not in found:
            found.append(text)
    return found


def check_required(required: bool, data: Mapping[str, Any], action: str, rules: EvidenceRules) -> None:
    """A transition that asks for evidence gets at least one document."""
    if required and not data.get(EVIDENCE):
        raise MissingField(f"{action} vraagt om bewijs: voeg ten minste één document toe ({rules.describe()}, "
                           f"hoogstens {rules.max_bytes // (1024 * 1024)} MB per bestand).",
                           errors={EVIDENCE: ["Ten minste één document."]})


def check_accepted(documents: Iterable[Document], rules: EvidenceRules, where: str) -> None:
    """Every named document is of a type and size this kind accepts."""
    for document in documents:
        if document.media_type not in rules.media_types:
            raise UnsupportedType(f"{quoted(document.name)} is {document.media_type}; bij {where} zijn toegestaan: "
                                  f"{rules.describe()}.", errors={EVIDENCE: ["Type niet toegestaan."]})
        if document.size > rules.max_bytes:
            raise TooLarge(f"{quoted(document.name)} is groter dan {rules.max_bytes // (1024 * 1024)} MB, het "
                           f"maximum bij {where}.", errors={EVIDENCE: ["Te groot."]})
