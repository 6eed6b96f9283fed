"""Documents, addressed by the SHA-256 of their content, kept in chunks of 1 MB in the database itself (so one
backup and one export hold everything), and which event names which document."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import BinaryIO

from sqlalchemy import Connection, Engine, delete, exists, func, insert, select

from tracker.domain.evidence import Document

from .schema import document_chunks, document_uploads, documents, event_documents, events
from .sql import bulk_insert, tuples

CHUNK = 1024 * 1024


def _document(row) -> Document:
    return Document(row.sha256, row.size, row.media_type, row.name)


def put(connection: Connection, sha256: str, size: int, media_type: str, name: str, by: str, at: datetime,
        content: BinaryIO) -> bool:
    """Store a document read from `content` (positioned at its start) chunk by chunk. A document already stored
    (the same content) is kept as it is. Returns whether it was new."""
    sent = select(document_uploads.c.account).where(document_uploads.c.sha256 == sha256,
                                                     document_uploads.c.account == by)
    if connection.execute(select(documents.c.sha256).where(documents.c.sha256 == sha256)).first() is not None:
        if connection.execute(sent).first() is None:
            connection.execute(insert(document_uploads).values(sha256=sha256, account=by))
        return False
    connection.execute(insert(documents).values(sha256=sha256, size=size, media_type=media_type, name=name,
                                                uploaded_by=by, uploaded_at=at))
    connection.execute(insert(document_uploads).values(sha256=sha256, account=by))
    n = 0
    while chunk := content.read(CHUNK):
        connection.execute(insert(document_chunks).values(sha256=sha256, n=n, data=chunk))
        n += 1
    return True


def facts(connection: Connection, digests: Iterable[str]) -> dict[str, Document]:
    wanted = sorted(set(digests))
    if not wanted:
        return {}
    rows = connection.execute(select(documents).where(documents.c.sha256.in_(wanted)))
    return {row.sha256: _document(row) for row in rows}


def details(connection: Connection, digests: Iterable[str]) -> dict[str, dict]:
    """Everything a page shows about each document: name, type, size, who uploaded it and when."""
    wanted = sorted(set(digests))
    if not wanted:
        return {}
    rows = connection.execute(select(documents).where(documents.c.sha256.in_(wanted)))
    return {row.sha256: {**row._mapping, "uploaded_at": row.uploaded_at.replace(tzinfo=UTC)} for row in rows}


def sent_by(connection: Connection, sha256: str, account: str) -> bool:
    """Whether this account has sent the document's content."""
    query = select(document_uploads.c.account).where(document_uploads.c.sha256 == sha256,
                                                      document_uploads.c.account == account)
    return connection.execute(query).first() is not None


def naming_events(connection: Connection, sha256: str) -> list[tuple[int, str]]:
    """(seq, item key) of every event that names the document, oldest first."""
    query = (select(event_documents.c.seq, events.c.item_key)
             .join(events, events.c.seq == event_documents.c.seq)
             .where(event_documents.c.sha256 == sha256).order_by(event_documents.c.seq))
    return [(seq, key) for seq, key in tuples(connection.execute(query))]


def chunks(engine: Engine, sha256: str) -> Iterator[bytes]:
    """The content, one chunk per query: only one chunk is ever in memory, whatever the document's size."""
    n = 0
    while True:
        with engine.connect() as connection:
            data = connection.execute(select(document_chunks.c.data).where(
                document_chunks.c.sha256 == sha256, document_chunks.c.n == n)).scalar()
        if data is None:
            return
        yield bytes(data)
        n += 1


def link(connection: Connection, seq: int, digests: Iterable[str]) -> None:
    """The projection's part: event `seq` names these documents (in the append's transaction)."""
    rows = [{"seq": seq, "sha256": d} for d in digests]
    if rows:
        connection.execute(insert(event_documents), rows)


def replace_links(connection: Connection, rows: list[tuple[int, str]]) -> None:
    connection.execute(delete(event_documents))
    bulk_insert(connection, "event_documents", ["seq", "sha256"], rows)


def remove_unnamed(connection: Connection, before: datetime) -> int:
    """Remove the documents uploaded before `before` that no event names: uploads whose event never came."""
    unnamed = select(documents.c.sha256).where(
        documents.c.uploaded_at < before,
        ~exists().where(event_documents.c.sha256 == documents.c.sha256))
    stale = [row[0] for row in connection.execute(unnamed)]
    if stale:
        connection.execute(delete(document_uploads).where(document_uploads.c.sha256.in_(stale)))
        connection.execute(delete(document_chunks).where(document_chunks.c.sha256.in_(stale)))
        connection.execute(delete(documents).where(documents.c.sha256.in_(stale)))
    return len(stale)


def all_documents(connection: Connection) -> list[Document]:
    return [_document(row) for row in connection.execute(select(documents).order_by(documents.c.sha256))]


def missing(connection: Connection) -> list[tuple[int, str]]:
    """(seq, digest) of every event that names a document that is not stored."""
    query = select(event_documents.c.seq, event_documents.c.sha256).where(
        ~exists().where(documents.c.sha256 == event_documents.c.sha256)).order_by(event_documents.c.seq)
    return [(seq, sha) for seq, sha in tuples(connection.execute(query))]


def count(connection: Connection) -> int:
    return connection.execute(select(func.count()).select_from(documents)).scalar_one()


def named_count(connection: Connection) -> int:
    """How many documents some event names (evidence, as opposed to uploads still waiting for their event)."""
    return connection.execute(select(func.count(func.distinct(event_documents.c.sha256)))).scalar_one()

