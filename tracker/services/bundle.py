"""Export and import as one bundle: a tar file holding the event log (`events.jsonl`, exactly the lines of a plain
export), every stored document an event names (`bewijs/<sha256>`) and what is known about each (`bewijs.jsonl`:
name, type, size, who uploaded it and when).

Documents go in and out chunk by chunk, never whole in memory: on export each is read from its stored chunks
straight into the tar; on import each member is stored chunk by chunk while it is hashed, and a member whose
content does not hash to its name is refused with everything else, in the import's one transaction."""
from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, NamedTuple

from sqlalchemy import Connection

from tracker.domain.errors import InvalidValue
from tracker.domain.events import format_timestamp
from tracker.domain.evidence import DIGEST, GROUPS, Document
from tracker.domain.naming import quoted
from tracker.storage import evidence_store

from . import evidence_check, transfer
from .context import Tracker
from .evidence import safe_name

SUFFIX = ".tar"
EVENTS = "events.jsonl"
METADATA = "bewijs.jsonl"
FOLDER = "bewijs/"
CHUNK = evidence_store.CHUNK
BATCH = 1000  # digests per query
FIELDS = {"sha256", "size", "media_type", "name", "uploaded_by", "uploaded_at"}
MEDIA_TYPES = frozenset().union(*(types for _, types in GROUPS.values()))


def is_bundle(name: str) -> bool:
    return name.lower().endswith(SUFFIX)


class Chunks:
    """A file's read(n) over an iterator of chunks, filling each read across chunk boundaries (as tarfile
    expects): never more than one chunk is held."""

    def __init__(self, chunks: Iterable[bytes]):
        self._chunks: Iterator[bytes] = iter(chunks)
        self._rest = b""

    def read(self, n: int) -> bytes:
        parts: list[bytes] = []
        while n > 0:
            if not self._rest:
                self._rest = next(self._chunks, b"")
                if not self._rest:
                    break
            parts.append(self._rest[:n])
            self._rest = self._rest[n:]
            n -= len(parts[-1])
        return b"".join(parts)


class Hashed:
    """A file's read(n) that hashes and counts what passes through it."""

    def __init__(self, read: Callable[[int], bytes]):
        self._read = read
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, n: int = CHUNK) -> bytes:
        data = self._read(n)
        self.digest.update(data)
        self.size += len(data)
        return data

    def finish(self) -> tuple[str, int]:
        """Read what is left; the SHA-256 and size of everything read."""
        while self.read(CHUNK):
            pass
        return self.digest.hexdigest(), self.size


def _member(name: str, size: int, when: datetime) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o644, int(when.timestamp())
    return info


def export(tracker: Tracker, path: Path) -> tuple[dict, int]:
    """Write a bundle to `path` (first under a temporary name, so a refused export leaves nothing half written).
    Returns the log's header and the number of documents."""
    partial = path.with_name(path.name + ".onvolledig")
    try:
        with tracker.read() as connection, tempfile.TemporaryFile() as log, tempfile.TemporaryFile() as facts:
            text = io.TextIOWrapper(log, encoding="utf-8", newline="\n")
            named: set[str] = set()
            header = transfer.write_log(tracker, connection, text, named)
            text.flush()
            text.detach()  # the spool stays open for the tar
            stored = _write_facts(connection, sorted(named), facts)
            now = tracker.now()
            with tarfile.TarFile(partial, "w", format=tarfile.PAX_FORMAT, copybufsize=CHUNK) as archive:
                _add_spool(archive, METADATA, facts, now)
                for sha, (size, name) in stored.items():
                    _add_document(archive, connection, sha, size, name, now)
                _add_spool(archive, EVENTS, log, now)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return header, len(named)


def _write_facts(connection: Connection, named: list[str], out: IO[bytes]) -> dict[str, tuple[int, str]]:
    """One `bewijs.jsonl` line per named document into `out`; the size and name of each, in the given order. A
    named document that is not stored refuses the export."""
    stored: dict[str, tuple[int, str]] = {}
    for start in range(0, len(named), BATCH):
        found = evidence_store.details(connection, named[start:start + BATCH])
        for sha in named[start:start + BATCH]:
            row = found.get(sha)
            if row is None:
                raise InvalidValue(f"Een gebeurtenis noemt document {sha[:12]}…, dat niet is opgeslagen; voer "
                                   "'tracker verify' uit. Er is niets geëxporteerd.")
            facts = {"sha256": sha, "size": row["size"], "media_type": row["media_type"], "name": row["name"],
                     "uploaded_by": row["uploaded_by"], "uploaded_at": format_timestamp(row["uploaded_at"])}
            out.write((json.dumps(facts, ensure_ascii=False, separators=(",", ":")) + "\n").encode())
            stored[sha] = (row["size"], row["name"])
    return stored


def _add_spool(archive: tarfile.TarFile, name: str, spool: IO[bytes], now: datetime) -> None:
    size = spool.seek(0, os.SEEK_END)
    spool.seek(0)
    archive.addfile(_member(name, size, now), spool)


def _add_document(archive: tarfile.TarFile, connection: Connection, sha: str, size: int, name: str,
                  now: datetime) -> None:
    content = Hashed(Chunks(evidence_check.stream(connection, sha, evidence_check.chunk_numbers(connection, sha)))
                     .read)
    try:
        archive.addfile(_member(FOLDER + sha, size, now), content)
    except OSError:
        if content.size >= size:
            raise
    if content.finish() != (sha, size):
        raise InvalidValue(f"Document {quoted(name)} ({sha[:12]}…) is beschadigd opgeslagen: de inhoud komt niet "
                           "overeen met de SHA-256-som of de grootte; voer 'tracker verify' uit. Er is niets "
                           "geëxporteerd.")


def import_(tracker: Tracker, path: Path) -> tuple[dict, int]:
    """Load a bundle into an empty database: its documents, then its events through the rules of a plain
    import, in one transaction. Returns the log's header and the number of documents."""
    try:
        archive = tarfile.open(path, "r:")
    except (tarfile.TarError, OSError):
        raise InvalidValue(f"{path.name} is geen leesbare tar-bundel; niets geïmporteerd.") from None
    with archive:
        members = _members(archive)
        facts = _metadata(archive, members.get(METADATA))
        contents = {name.removeprefix(FOLDER): info for name, info in members.items() if name.startswith(FOLDER)}
        for sha in sorted(facts.keys() ^ contents.keys()):
            where = f"in {METADATA} maar niet als {FOLDER}{sha[:12]}…" if sha in facts else \
                f"als {FOLDER}{sha[:12]}… maar niet in {METADATA}"
            raise InvalidValue(f"Document {sha[:12]}… staat {where}; niets geïmporteerd.")
        for sha, info in contents.items():
            if info.size != facts[sha].document.size:
                raise InvalidValue(f"{FOLDER}{sha[:12]}… is {info.size} bytes, {METADATA} zegt "
                                   f"{facts[sha].document.size}; niets geïmporteerd.")

        def store(connection: Connection) -> dict[str, Document]:
            for sha, info in sorted(contents.items(), key=lambda pair: pair[1].offset):  # in the file's order
                fact, source = facts[sha], archive.extractfile(info)
                content = Hashed(source.read if source else Chunks(()).read)
                d = fact.document
                evidence_store.put(connection, sha, d.size, d.media_type, d.name, fact.uploaded_by, fact.uploaded_at,
                                   content)  # type: ignore[arg-type]  # all it needs is read()
                if content.finish() != (sha, d.size):
                    raise InvalidValue(f"{FOLDER}{sha[:12]}… heeft niet de inhoud die zijn naam belooft (de "
                                       "SHA-256-som wijkt af); niets geïmporteerd.")
            return {sha: fact.document for sha, fact in facts.items()}

        if EVENTS not in members:
            raise InvalidValue(f"De bundel mist {EVENTS}; niets geïmporteerd.")
        lines = io.TextIOWrapper(archive.extractfile(members[EVENTS]) or io.BytesIO(), encoding="utf-8")
        try:
            header = transfer.import_(tracker, lines, store)
        except UnicodeDecodeError:
            raise InvalidValue(f"{EVENTS} is geen UTF-8-tekst; niets geïmporteerd.") from None
        except tarfile.TarError:
            raise InvalidValue("De bundel is afgebroken (een onderdeel is korter dan zijn kop belooft); niets "
                               "geïmporteerd.") from None
    return header, len(facts)


def _members(archive: tarfile.TarFile) -> dict[str, tarfile.TarInfo]:
    """The bundle's members by name: only the log, the metadata and documents named by their SHA-256, each once
    and each a plain file."""
    members: dict[str, tarfile.TarInfo] = {}
    try:
        for info in archive:
            name = info.name
            known = name in (EVENTS, METADATA) or (name.startswith(FOLDER)
                                                   and DIGEST.fullmatch(name.removeprefix(FOLDER)) is not None)
            if not known or not info.isfile():
                raise InvalidValue(f"De bundel bevat '{name[:80]}', dat er niet in hoort (verwacht: {EVENTS}, "
                                   f"{METADATA} en {FOLDER}<sha256>); niets geïmporteerd.")
            if name in members:
                raise InvalidValue(f"De bundel bevat '{name[:80]}' meer dan eens; niets geïmporteerd.")
            members[name] = info
    except tarfile.TarError:
        raise InvalidValue("De bundel is beschadigd of afgebroken (geen geldige tar); niets geïmporteerd.") from None
    return members


class Fact(NamedTuple):
    document: Document
    uploaded_by: str
    uploaded_at: datetime


def _metadata(archive: tarfile.TarFile, info: tarfile.TarInfo | None) -> dict[str, Fact]:
    """`bewijs.jsonl`, one document a line, every value checked as an upload would have been."""
    if info is None:
        return {}
    facts: dict[str, Fact] = {}
    source = archive.extractfile(info) or io.BytesIO()
    try:
        for number, line in enumerate(io.TextIOWrapper(source, encoding="utf-8"), start=1):
            if line.strip():
                fact = _fact(line, number)
                if fact.document.sha256 in facts:
                    raise InvalidValue(f"{METADATA}, regel {number}: document staat er al eerder in; niets "
                                       "geïmporteerd.")
                facts[fact.document.sha256] = fact
    except UnicodeDecodeError:
        raise InvalidValue(f"{METADATA} is geen UTF-8-tekst; niets geïmporteerd.") from None
    return facts


def _fact(line: str, number: int) -> Fact:
    where = f"{METADATA}, regel {number}"
    try:
        e = json.loads(line)
    except ValueError:
        raise InvalidValue(f"{where}: geen geldige JSON; niets geïmporteerd.") from None
    if not isinstance(e, dict) or set(e) != FIELDS:
        raise InvalidValue(f"{where}: verwacht de velden {', '.join(sorted(FIELDS))}; niets geïmporteerd.")
    sha, size, media_type, name, by, at = (e[k] for k in ("sha256", "size", "media_type", "name", "uploaded_by",
                                                         "uploaded_at"))
    if not isinstance(sha, str) or not DIGEST.fullmatch(sha):
        raise InvalidValue(f"{where}: 'sha256' is geen SHA-256-som; niets geïmporteerd.")
    if type(size) is not int or size < 1:
        raise InvalidValue(f"{where}: 'size' is geen positief geheel getal; niets geïmporteerd.")
    if media_type not in MEDIA_TYPES:
        raise InvalidValue(f"{where}: 'media_type' {str(media_type)[:100]!r} is geen type dat het volgsysteem "
                           "aanneemt; niets geïmporteerd.")
    if not isinstance(name, str) or safe_name(name) != name:
        raise InvalidValue(f"{where}: 'name' is geen veilige bestandsnaam; niets geïmporteerd.")
    if not isinstance(by, str) or not 1 <= len(by) <= 100:
        raise InvalidValue(f"{where}: 'uploaded_by' moet 1 tot 100 tekens lang zijn; niets geïmporteerd.")
    try:
        uploaded_at = datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        uploaded_at = None
    if uploaded_at is None or uploaded_at.tzinfo is not None or format_timestamp(uploaded_at) != at:
        raise InvalidValue(f"{where}: 'uploaded_at' staat niet in de vorm JJJJ-MM-DDTUU:MM:SS.ffffff; niets "
                           "geïmporteerd.")
    return Fact(Document(sha, size, media_type, name), by, uploaded_at)
