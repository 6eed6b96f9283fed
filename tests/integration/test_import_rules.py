"""An import goes through the same rules as recording: a crafted log whose chain and header are in order, but
which recording would have refused, is refused whole, naming its first bad line, and nothing is written."""
import io
import json
from datetime import UTC, date, datetime

import pytest

from tests.conftest import make_app
from tracker import PROJECT_ROOT
from tracker.domain.errors import InvalidValue, TrackerError
from tracker.domain.events import canonical_json, chain_hash, format_timestamp
from tracker.services import integrity, seeding, transfer
from tracker.storage import event_store
from tracker.storage.database import create_schema


@pytest.fixture(scope="module")
def honest_export(tmp_path_factory):
    app = make_app(f"sqlite:///{tmp_path_factory.mktemp('bron') / 'bron.db'}")
    source = app.extensions["tracker"]
    create_schema(source.engine)
    seeding.seed(source, PROJECT_ROOT / "seed")
    out = io.StringIO()
    transfer.export(source, out)
    source.engine.dispose()
    return out.getvalue()


def crafted(export: str, *events: dict) -> tuple[str, int]:
    """The export with these events appended, chained as the tracker would chain them, and the header fixed:
    only the rules can tell them apart. Returns the text and the line number of the first crafted event."""
    lines = export.splitlines()
    header = json.loads(lines[0])
    last = json.loads(lines[-1])
    seq, prev = last["seq"], last["hash"]
    first_line = len(lines) + 1
    for event in events:
        seq += 1
        record = {"seq": seq, "item": event["item"], "version": event["version"], "type": event["type"],
                  "data": event["data"], "actor": event.get("actor", "aanvaller"),
                  "occurred_on": event.get("occurred_on", "2026-11-01"),
                  "recorded_at": event.get("recorded_at", format_timestamp(datetime.now(UTC).replace(tzinfo=None))),
                  "idempotency_key": None, "prev_hash": prev}
        record["hash"] = chain_hash(prev, seq, record["item"], record["version"], record["type"],
                                    canonical_json(record["data"]), record["actor"],
                                    date.fromisoformat(record["occurred_on"]),
                                    datetime.fromisoformat(record["recorded_at"]), None)
        prev = record["hash"]
        lines.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    header.update(events=seq, head=prev)
    lines[0] = json.dumps(header)
    return "\n".join(lines) + "\n", first_line


def version_of(export: str, key: str) -> int:
    return max(json.loads(line)["version"] for line in export.splitlines()[1:] if json.loads(line)["item"] == key)


CASES = {
    "score 99 in jaar 1": lambda x: [dict(item="ooo-koninklijke-marine", type="volwassenheid_gemeten",
                                          version=version_of(x, "ooo-koninklijke-marine") + 1,
                                          data={"score": 99, "jaar": 1})],
    "datum in 9999": lambda x: [dict(item="munitiebeheer", type="opmerking", version=version_of(x, "munitiebeheer") + 1,
                                     data={"toelichting": "later"}, occurred_on="9999-12-31")],
    "datum terug in de tijd": lambda x: [dict(item="munitiebeheer", type="opmerking",
                                              version=version_of(x, "munitiebeheer") + 1,
                                              data={"toelichting": "vroeger"}, occurred_on="2001-01-01")],
    "sleutel met html": lambda x: [dict(item="<img src=x onerror=alert(1)>/../x", type="aangemaakt", version=1,
                                        data={"kind": "aanbeveling", "title": "x", "parent": "munitiebeheer"})],
    "deblokkering door niets": lambda x: [dict(item="munitiebeheer-a10", type="gedeblokkeerd", actor="systeem",
                                               version=version_of(x, "munitiebeheer-a10") + 1,
                                               data={"door": "bestaat-niet"})],
    "titel in een opmerking": lambda x: [dict(item="munitiebeheer", type="opmerking",
                                              version=version_of(x, "munitiebeheer") + 1,
                                              data={"toelichting": "x", "title": "Gehackt", "onbekend": 1})],
    "versiesprong": lambda x: [dict(item="munitiebeheer", type="opmerking", version=version_of(x, "munitiebeheer") + 2,
                                    data={"toelichting": "sprong"})],
    "tijd terug": lambda x: [dict(item="munitiebeheer", type="opmerking", version=version_of(x, "munitiebeheer") + 1,
                                  data={"toelichting": "x"}, recorded_at="2001-01-01T00:00:00.000000")],
    "onbekend item": lambda x: [dict(item="bestaat-niet", type="opmerking", version=2, data={"toelichting": "x"})],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_import_refuses_a_log_recording_would_refuse(tracker, honest_export, case):
    text, line = crafted(honest_export, *CASES[case](honest_export))
    with pytest.raises(TrackerError, match=f"^Regel {line}\\b") as refused:
        transfer.import_(tracker, io.StringIO(text))
    assert "niets geïmporteerd" in refused.value.message.lower()
    with tracker.read() as connection:
        assert event_store.count(connection) == 0
    assert integrity.verify(tracker).ok


def test_an_honest_log_with_an_appended_honest_event_imports(tracker, honest_export):
    text, _ = crafted(honest_export, dict(item="munitiebeheer", type="opmerking",
                                          version=version_of(honest_export, "munitiebeheer") + 1,
                                          data={"toelichting": "Gewoon een opmerking"}))
    header = transfer.import_(tracker, io.StringIO(text))
    with tracker.read() as connection:
        assert event_store.head(connection) == (header["events"], header["head"])
    assert integrity.verify(tracker).ok


def test_a_header_without_a_count_is_refused_with_a_message(tracker, honest_export):
    lines = honest_export.splitlines()
    lines[0] = json.dumps({"format": "tracker-export", "version": 1})
    with pytest.raises(InvalidValue, match="kopregel"):
        transfer.import_(tracker, io.StringIO("\n".join(lines)))
