"""Export and import: a database moved (SQLite to PostgreSQL when the suite runs on PostgreSQL) keeps
its chain head, every event and every report."""
import io
import json
from datetime import date

import pytest

from tests.conftest import make_app
from tracker import PROJECT_ROOT
from tracker.domain.errors import InvalidValue
from tracker.services import integrity, reporting, seeding, transfer
from tracker.storage import event_store
from tracker.storage.database import create_schema

REPORTS = ("onvolkomenheden", "cio-oordelen", "nigs", "open-op-orde")


@pytest.fixture(scope="module")
def sqlite_export(tmp_path_factory):
    """A seeded SQLite database, always SQLite, and its export."""
    app = make_app(f"sqlite:///{tmp_path_factory.mktemp('bron') / 'bron.db'}")
    source = app.extensions["tracker"]
    create_schema(source.engine)
    seeding.seed(source, PROJECT_ROOT / "seed")
    out = io.StringIO()
    header = transfer.export(source, out)
    reports = {name: reporting.report(source, name, date(2025, 12, 31)).rows for name in REPORTS}
    source.engine.dispose()
    return out.getvalue(), header, reports


def test_an_import_keeps_the_chain_head_every_event_and_the_reports(tracker, sqlite_export):
    text, header, reports = sqlite_export
    assert transfer.import_(tracker, io.StringIO(text)) == header
    with tracker.read() as connection:
        assert event_store.head(connection) == (header["events"], header["head"])
    assert integrity.verify(tracker).ok
    for name in REPORTS:
        assert reporting.report(tracker, name, date(2025, 12, 31)).rows == reports[name]
    again = io.StringIO()
    transfer.export(tracker, again)
    assert again.getvalue().splitlines()[1:] == text.splitlines()[1:]  # the same lines, byte for byte


def test_import_refuses_a_database_that_already_has_events(seeded, sqlite_export):
    with pytest.raises(InvalidValue, match="lege database"):
        transfer.import_(seeded, io.StringIO(sqlite_export[0]))


@pytest.mark.parametrize("damage", ["edit", "drop", "truncate"])
def test_a_damaged_export_imports_nothing(tracker, sqlite_export, damage):
    lines = sqlite_export[0].splitlines()
    if damage == "edit":
        lines[40] = lines[40].replace('"actor":"', '"actor":"x')
    elif damage == "drop":
        del lines[40]
    else:
        lines = lines[:-5]
    with pytest.raises(InvalidValue, match="niets geïmporteerd"):
        transfer.import_(tracker, io.StringIO("\n".join(lines)))
    with tracker.read() as connection:
        assert event_store.count(connection) == 0


def test_cli_export_then_import(tmp_path, seeded_runner, runner):
    target = tmp_path / "export.jsonl"
    exported = seeded_runner.invoke(args=["export", "--output", str(target)])
    assert exported.exit_code == 0 and "ketenkop" in exported.stderr
    header = json.loads(target.read_text(encoding="utf-8").splitlines()[0])
    imported = runner.invoke(args=["import", str(target)])
    assert imported.exit_code == 0 and header["head"] in imported.output
    assert runner.invoke(args=["verify"]).exit_code == 0
