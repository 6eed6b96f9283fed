"""Backup and restore round trips give identical reports and the same chain head."""
import io
import sqlite3
import subprocess
from datetime import date

from sqlalchemy.engine import make_url

from tests.conftest import make_app
from tracker.services import integrity, queries, reporting, transfer

PEILDATA = [date(2023, 12, 31), date(2024, 12, 31), date(2025, 12, 31)]
REPORTS = ("onvolkomenheden", "cio-oordelen", "nigs", "open-op-orde")


def figures(tracker):
    return {(name, day): reporting.report(tracker, name, day).rows for name in REPORTS for day in PEILDATA}


def test_export_and_import_into_an_empty_database(seeded, databases):
    target = make_app(databases.empty()).extensions["tracker"]
    out = io.StringIO()
    transfer.export(seeded, out)
    transfer.import_(target, io.StringIO(out.getvalue()))
    assert queries.chain_head(target) == queries.chain_head(seeded)
    assert figures(target) == figures(seeded)
    assert integrity.verify(target).ok
    target.engine.dispose()


def test_the_databases_own_backup_restores_identically(seeded, databases, tmp_path):
    """SQLite: the online backup API. PostgreSQL: pg_dump and pg_restore."""
    if seeded.engine.dialect.name == "sqlite":
        copy = tmp_path / "backup.db"
        with sqlite3.connect(seeded.engine.url.database) as source, sqlite3.connect(copy) as destination:
            source.backup(destination)
        restored_url = f"sqlite:///{copy}"
    else:
        url = seeded.engine.url
        dump = tmp_path / "tracker.dump"
        connection = ["-h", url.host, "-p", str(url.port), "-U", url.username]
        subprocess.run(["pg_dump", "--format=custom", "-f", str(dump), *connection, url.database], check=True)
        restored_url = databases.new_url()
        subprocess.run(["pg_restore", "--no-owner", "-d", make_url(restored_url).database, *connection, str(dump)],
                       check=True)
    restored = make_app(restored_url).extensions["tracker"]
    assert queries.chain_head(restored) == queries.chain_head(seeded)
    assert figures(restored) == figures(seeded)
    assert integrity.verify(restored).ok
    restored.engine.dispose()
