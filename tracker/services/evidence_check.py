"""Verifying the documents behind the log. An event names a document by its SHA-256, so the hash chain covers the
event; this covers the bytes it points to: every stored document is read again chunk by chunk, its SHA-256 and
size recomputed, and each document that changed or lost chunks is named with every event that names it. So is
every event that names a document that is not stored at all.

Which event names which document is taken from the events' own data (what the chain covers), not from the
`event_documents` projection; that projection is compared with a replay like the others."""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator

from sqlalchemy import Connection, select

from tracker.domain.events import StoredEvent
from tracker.domain.evidence import EVIDENCE
from tracker.domain.naming import quoted
from tracker.storage import evidence_store, projection_store
from tracker.storage.schema import document_chunks, event_documents
from tracker.storage.sql import tuples

Report = Callable[[int | None, str], None]


def chunk_numbers(connection: Connection, sha256: str) -> list[int]:
    query = select(document_chunks.c.n).where(document_chunks.c.sha256 == sha256).order_by(document_chunks.c.n)
    return [n for (n,) in tuples(connection.execute(query))]


def stream(connection: Connection, sha256: str, numbers: Iterable[int]) -> Iterator[bytes]:
    """The chunks `numbers` of a document, one query each on this connection (so within its snapshot): only one
    chunk is ever in memory, whatever the document's size."""
    for n in numbers:
        data = connection.execute(select(document_chunks.c.data).where(
            document_chunks.c.sha256 == sha256, document_chunks.c.n == n)).scalar()
        if data is not None:
            yield bytes(data)


def named_by(events: Iterable[StoredEvent]) -> dict[str, list[StoredEvent]]:
    """Every digest the events name in their `bewijs`, with the events naming it, oldest first."""
    found: dict[str, list[StoredEvent]] = {}
    for event in events:
        value = event.data.get(EVIDENCE) if isinstance(event.data, dict) else None
        for digest in value if isinstance(value, list) else ():
            if isinstance(digest, str):
                found.setdefault(digest, []).append(event)
    return found


def damage(connection: Connection, sha256: str, size: int) -> str | None:
    """What is wrong with a stored document's content, in words, or None."""
    numbers = chunk_numbers(connection, sha256)
    gaps = sorted(set(range(numbers[-1] + 1)) - set(numbers)) if numbers else []
    digest, length = hashlib.sha256(), 0
    for chunk in stream(connection, sha256, numbers):
        digest.update(chunk)
        length += len(chunk)
    if not numbers:
        return "de inhoud ontbreekt (geen enkel deel opgeslagen)"
    if gaps:
        return f"deel {', '.join(str(n + 1) for n in gaps)} van de inhoud ontbreekt"
    if length != size:
        return f"de inhoud is {length:,} bytes in plaats van {size:,}".replace(",", ".")
    if digest.hexdigest() != sha256:
        return "de inhoud komt niet overeen met de SHA-256-som"
    return None


def check(connection: Connection, events: list[StoredEvent], report: Report) -> None:
    """Re-hash every stored document and look up every document an event names; `report(seq, message)` for each
    document that changed (at the first event naming it) and each event naming a document that is not stored."""
    naming = named_by(events)
    titles = projection_store.kinds_and_titles(connection, {e.item for named in naming.values() for e in named})

    def event_words(event: StoredEvent) -> str:
        title = titles.get(event.item, (None, None))[1]
        return f"gebeurtenis {event.seq} ({quoted(title)}, {event.item})" if title else \
            f"gebeurtenis {event.seq} ({event.item})"

    stored = evidence_store.all_documents(connection)
    for document in stored:
        problem = damage(connection, document.sha256, document.size)
        if problem is None:
            continue
        by = naming.get(document.sha256, [])
        where = ("; genoemd in " + ", ".join(event_words(e) for e in by)) if by else \
            "; door geen gebeurtenis genoemd (een upload die op zijn gebeurtenis wacht)"
        report(by[0].seq if by else None, f"Document {quoted(document.name)} ({document.sha256[:12]}…) is gewijzigd "
                                          f"of beschadigd: {problem}{where}.")
    present = {d.sha256 for d in stored}
    for digest, by in naming.items():
        if digest not in present:
            for event in by:
                report(event.seq, f"{event_words(event)[:1].upper()}{event_words(event)[1:]} noemt document "
                                  f"{digest[:12]}…, dat niet is opgeslagen.")


def links(connection: Connection) -> list[tuple[int, str]]:
    """The `event_documents` projection: (seq, digest), in order."""
    query = select(event_documents.c.seq, event_documents.c.sha256).order_by(event_documents.c.seq,
                                                                            event_documents.c.sha256)
    return [(seq, sha) for seq, sha in tuples(connection.execute(query))]
