"""The workflow definitions are held against the log: a name the log uses may not silently disappear; a rename
declared in the definition leaves every report and history as it was."""
import json
import os
import shutil
import subprocess
import sys
from datetime import date

import pytest

from tests.conftest import make_app, url_of
from tracker import PROJECT_ROOT
from tracker.domain.errors import DefinitionError
from tracker.services import integrity, queries, reporting

REPORTS = ("onvolkomenheden", "cio-oordelen", "nigs", "open-op-orde")


@pytest.fixture
def workflows(tmp_path):
    target = tmp_path / "workflows"
    shutil.copytree(PROJECT_ROOT / "workflows", target)
    return target


def rename_state(workflows, old: str, new: str, declare: bool) -> None:
    path = workflows / "aanbeveling.toml"
    text = path.read_text(encoding="utf-8").replace(f'"{old}"', f'"{new}"').replace(f"\n{old} = ", f"\n{new} = ")
    if declare:
        text += f'\n[renamed.states]\n{old} = "{new}"\n'
    path.write_text(text, encoding="utf-8")


def rename_event(workflows, old: str, new: str) -> None:
    path = workflows / "aanbeveling.toml"
    text = path.read_text(encoding="utf-8").replace(f'event = "{old}"', f'event = "{new}"')
    path.write_text(text + f'\n[renamed.events]\n{old} = "{new}"\n', encoding="utf-8")


def snapshot(tracker) -> dict:
    return {
        "reports": {name: reporting.report(tracker, name, date(2025, 12, 31)).rows for name in REPORTS},
        "history": [e.as_dict() for e in queries.history(tracker, "munitiebeheer-a10")],
        "item": queries.get_item(tracker, "munitiebeheer-a10", date(2025, 6, 30)).item.state,
    }


def test_a_state_renamed_without_saying_so_stops_start_up_naming_it(seeded, workflows):
    rename_state(workflows, "in_uitvoering", "in_behandeling", declare=False)
    with pytest.raises(DefinitionError, match="staat 'in_uitvoering' ontbreekt, maar gebeurtenis [0-9]+ gebruikt"):
        make_app(url_of(seeded), WORKFLOWS_DIR=str(workflows))


def test_verify_on_the_command_line_stops_naming_the_file_and_the_state(seeded, workflows):
    rename_state(workflows, "in_uitvoering", "in_behandeling", declare=False)
    env = {**os.environ, "TRACKER_DATABASE_URL": url_of(seeded), "TRACKER_WORKFLOWS_DIR": str(workflows)}
    done = subprocess.run([sys.executable, "-c", "from tracker.cli import main; main()", "verify"], env=env,
                          capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert done.returncode == 2
    assert "aanbeveling.toml" in done.stderr and "'in_uitvoering'" in done.stderr


def test_a_declared_state_rename_changes_no_report_and_no_history(seeded, workflows):
    before = snapshot(seeded)
    rename_state(workflows, "in_uitvoering", "in_behandeling", declare=True)
    renamed = make_app(url_of(seeded), WORKFLOWS_DIR=str(workflows)).extensions["tracker"]
    after = snapshot(renamed)
    assert after["reports"] == before["reports"]
    assert after["history"] == before["history"]
    assert before["item"] == "in_uitvoering" and after["item"] == "in_behandeling"
    assert integrity.verify(renamed).ok
    renamed.engine.dispose()


def test_a_declared_event_rename_keeps_history_and_reports(seeded, workflows):
    before = snapshot(seeded)
    rename_event(workflows, "gestart", "begonnen")
    renamed = make_app(url_of(seeded), WORKFLOWS_DIR=str(workflows)).extensions["tracker"]
    assert snapshot(renamed) == before
    assert integrity.verify(renamed).ok
    allowed = [t["event"] for t in
               json.loads(json.dumps([{"event": t.event} for t in renamed.registry("aanbeveling").allowed("open")]))]
    assert "begonnen" in allowed and "gestart" not in allowed
    renamed.engine.dispose()
