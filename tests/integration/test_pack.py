"""The Bestuursraad's pack: one PDF for a meeting, from the command line, the dashboard and the API, with the
published tables, the differences since the comparison date, the critical paths at risk, the overdue items with
their owners and the corrections after a fixed peildatum."""
import io
import re
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.documents import PDF
from tracker.domain.errors import InvalidDate
from tracker.services import accounts, listing, pack, pack_pdf, pack_render, reporting
from tracker.services.comparison import compare
from tracker.storage import event_store

PEILDATUM, VERGELIJK = date(2025, 12, 31), date(2025, 6, 30)
PASSWORD = "een-lang-wachtwoord-voor-de-bestuursraad"


def invoke(runner, *args):
    return runner.invoke(args=[str(a) for a in args])


@pytest.fixture
def runner(seeded_runner):
    for name, role in (("bestuur", "lezer"), ("beheer", "beheerder")):
        assert invoke(seeded_runner, "user", "create", name, "--role", role).exit_code == 0
    return seeded_runner


@pytest.fixture
def reader(seeded_app, runner):
    """The web, signed in as the Bestuursraad's reader (account `bestuur`, role lezer)."""
    accounts.set_password(seeded_app.extensions["tracker"], "bestuur", PASSWORD)
    client = seeded_app.test_client()
    form = client.get("/aanmelden").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    signed = client.post("/aanmelden", data={"csrf_token": token, "name": "bestuur", "password": PASSWORD})
    assert signed.status_code == 302
    return client


def text_of(content: bytes) -> tuple[list[str], str]:
    """Each page's text, and the whole text with its white space made single spaces."""
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
    return pages, " ".join(" ".join(pages).split())


def plain(html: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html)
    for entity, char in (("&#39;", "'"), ("&quot;", '"'), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return " ".join(text.split())


def made_by_command(runner, tmp_path, *extra) -> bytes:
    out = tmp_path / "pack.pdf"
    result = invoke(runner, "pack", "--peildatum", PEILDATUM, "--vergelijk", VERGELIJK, "--output", out,
                    "--als", "bestuur", *extra)
    assert result.exit_code == 0, result.output
    assert "pack.pdf" in result.stdout and "31 december 2025" in result.stdout
    return out.read_bytes()


def test_the_pack_holds_the_published_tables_the_chain_head_and_page_numbers(runner, seeded, tmp_path):
    content = made_by_command(runner, tmp_path)
    assert content.startswith(b"%PDF")
    pages, text = text_of(content)
    assert "10 (van 12) aanbevelingen opgevolgd" in text  # Beveiliging Militaire Objecten, as published
    for name in ("onvolkomenheden", "cio-oordelen", "nigs", "open-op-orde"):
        table = reporting.report(seeded, name, PEILDATUM)
        assert table.title in text
        for row in table.cells:  # every published row, as its report prints it
            assert " ".join(" ".join(row).split()) in text, (name, row)
        for line in table.footnotes:
            assert " ".join(line.split()) in text
    cio = reporting.report(seeded, "cio-oordelen", PEILDATUM)
    assert cio.header == ["CIO-oordelen", "2022", "2023", "2024", "2025"] and "CIO-oordelen 2022 2023 2024 2025" in text
    assert "Informatiehuishouding - realisatiescore 2,7" in text and "Realisatie 2025: 2,7" in text
    assert "Illustratief" in text or "illustratief" in text  # the NIGS table is built on illustrative items
    for number, page in enumerate(pages, 1):
        assert f"pagina {number} van {len(pages)}" in page
    assert "Peildatum 31 december 2025" in pages[0] and "Vergeleken met 30 juni 2025" in pages[0]
    with seeded.read() as connection:
        dated = [row for row in event_store.stream_raw(connection) if row[6] <= PEILDATUM]
    anchor_seq, anchor_hash = dated[-1][0], dated[-1][10]
    assert f"gebeurtenis {anchor_seq}" in pages[0] and anchor_hash in re.sub(r"\s", "", pages[0])


def test_the_summary_sets_each_headline_against_the_comparison_date(runner, seeded, tmp_path):
    _, text = text_of(made_by_command(runner, tmp_path))
    differences = compare(seeded, VERGELIJK, PEILDATUM)
    for topic in differences.topics:
        if topic.figure is None:
            continue
        assert f"{topic.figure.change.capitalize()} sinds 30 juni 2025 (toen: {topic.figure.label_van})" in text
    assert "34 van 38 aanbevelingen opgevolgd" in text and "Ontwikkeling van het kerncijfer" in text


def test_a_reader_downloads_the_same_pack_from_the_dashboard(runner, seeded, reader, tmp_path):
    from_command = made_by_command(runner, tmp_path)
    seeded.read_cache.clear()  # the page makes its own, not the command's from the cache
    dashboard = reader.get("/?peildatum=2025-12-31").get_data(as_text=True)
    link = re.search(r'href="(/pakket\.pdf\?[^"]+)"[^>]*>downloaden \(PDF\)', dashboard.replace("&amp;", "&"))
    assert link and "peildatum=2025-12-31" in link.group(1) and "vergelijk=2025-06-30" in link.group(1)
    download = reader.get(link.group(1))
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"] == 'attachment; filename="pakket-bestuursraad-2025-12-31.pdf"'
    assert text_of(download.data) == text_of(from_command)

    page = reader.get("/pakket?peildatum=2025-12-31&vergelijk=2025-06-30")
    assert page.status_code == 200 and "/static/pakket.css" in page.get_data(as_text=True)
    shown = plain(page.get_data(as_text=True))
    for heading in ("Samenvatting", "Kritieke paden met risico", "Achterstallige items", "Correcties na vaststelling",
                    "10 (van 12) aanbevelingen opgevolgd**"):
        assert heading in shown


def test_the_api_serves_the_pack_to_a_token(seeded, runner):
    token = accounts.new_token(seeded, "bestuur")
    client = runner.app.test_client()
    answer = client.get("/api/v1/reports/pakket?peildatum=2025-12-31&vergelijk=2025-06-30",
                        headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    assert "10 (van 12) aanbevelingen opgevolgd" in text_of(answer.data)[1]
    assert client.get("/api/v1/reports/pakket").status_code == 401


def test_bad_dates_are_refused_in_dutch_and_nothing_is_written(runner, reader, seeded, tmp_path):
    out = tmp_path / "pack.pdf"
    cases = [(("--peildatum", "2025-13-31"), 2, "'2025-13-31' is geen geldige datum"),
             (("--peildatum", "2025-12-31", "--vergelijk", "2026-06-30"), 1, "ligt niet vóór de peildatum"),
             (("--peildatum", "2025-12-31", "--vergelijk", "2025-12-31"), 1, "ligt niet vóór de peildatum"),
             (("--peildatum", "1999-12-31"), 1, "ligt vóór de eerste gebeurtenis"),
             (("--peildatum", "2101-01-01"), 1, "ligt na 2100-12-31")]
    for args, code, message in cases:
        result = invoke(runner, "pack", *args, "--output", out, "--als", "bestuur")
        assert result.exit_code == code and message in result.output, (args, result.output)
    missing = invoke(runner, "pack", "--output", tmp_path / "geen-map" / "pack.pdf", "--als", "bestuur")
    assert missing.exit_code == 1 and "bestaat niet" in missing.stderr
    nobody = invoke(runner, "pack", "--output", out, "--als", "niemand")
    assert nobody.exit_code == 1 and "Account niemand bestaat niet" in nobody.stderr
    assert list(tmp_path.iterdir()) == []  # no PDF, no half-written file

    for query, status, message in (("peildatum=2025-13-01", 400, "is geen geldige datum"),
                                   ("peildatum=2025-12-31&vergelijk=2026-01-01", 422, "ligt niet vóór de peildatum"),
                                   ("vergelijk=gisteren", 400, "Vergelijkingsdatum 'gisteren' is geen geldige datum"),
                                   ("peildatum=1999-01-01", 422, "ligt vóór de eerste gebeurtenis")):
        for path in ("/pakket", "/pakket.pdf"):
            answer = reader.get(f"{path}?{query}")
            assert answer.status_code == status and message in plain(answer.get_data(as_text=True)), (path, query)
    token = accounts.new_token(seeded, "bestuur")
    api = reader.get("/api/v1/reports/pakket?peildatum=2025-12-31&vergelijk=2026-01-01",
                     headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 422 and api.json["errors"] == {"vergelijk": ["Moet vóór de peildatum liggen."]}
    assert "ligt niet vóór de peildatum" in api.json["message"]


def test_the_comparison_date_defaults_to_the_report_date_before_the_peildatum(seeded):
    assert pack.dates(seeded, PEILDATUM, None) == (PEILDATUM, VERGELIJK)
    assert pack.dates(seeded, VERGELIJK, None) == (VERGELIJK, date(2024, 12, 31))
    first = event_store.first_day(seeded.engine)
    soon = first + timedelta(days=10)  # no report date since the log began: compared with its first day
    assert pack.dates(seeded, soon, None) == (soon, first)
    with pytest.raises(InvalidDate, match="Vergelijkingsdatum .* ligt vóór de eerste gebeurtenis"):
        pack.dates(seeded, first, None)


def test_overdue_items_with_their_owners_and_every_item_at_risk_in_a_critical_path(seeded_app, seeded):
    day = date(2026, 6, 30)
    with seeded_app.app_context():
        found = pack.gather(seeded, day, PEILDATUM)
        shown = plain(pack_pdf.html(found))
    overdue = listing.find(seeded, listing.Filters(overdue=True, peildatum=day), size=500).rows
    assert overdue and found.flags.overdue_total == len(overdue)
    by_key = {o.key: o for o in found.flags.overdue}
    for row in overdue:
        listed = by_key[row.item.key]
        assert listed.title == row.item.title and listed.deadline == row.deadline
        assert listed.owner == row.item.attributes.get("eigenaar")
        assert listed.days == (day - row.deadline).days
        owner = listed.owner or "geen eigenaar vastgelegd"
        assert re.search(re.escape(row.item.title) + r" .*? " + re.escape(owner), shown)
    assert any(o.owner for o in found.flags.overdue)  # the seed names owners per onvolkomenheid

    at_risk = {p.item.key for p in listing.find(seeded, listing.Filters(at_risk=True, peildatum=day), size=500).rows}
    in_paths = {step.key for path in found.flags.paths for step in path.steps}
    assert at_risk and at_risk <= in_paths and found.flags.at_risk == len(at_risk)
    assert {path.key for path in found.flags.paths} <= at_risk
    for path in found.flags.paths:
        assert path.steps[0].key == path.key and path.title in shown


def test_corrections_after_a_fixed_peildatum_are_listed_beside_the_fixed_figures(runner, seeded, seeded_app, tmp_path):
    assert invoke(runner, "vaststellen", "onvolkomenheden", "--peildatum", PEILDATUM, "--als", "beheer").exit_code == 0
    evidence = tmp_path / "verslag.pdf"
    evidence.write_bytes(PDF)
    corrected = invoke(runner, "record", "beveiliging-militaire-objecten-a11", "opgevolgd", "--set",
                       "toelichting=Opvolging was in november al gereed", "--occurred-on", "2025-11-01",
                       "--als", "beheer", "--bewijs", evidence)
    assert corrected.exit_code == 0, corrected.output
    with seeded_app.app_context():
        found = pack.gather(seeded, PEILDATUM, VERGELIJK)
        shown = plain(pack_pdf.html(found))
    assert [(c.title.split(":")[0], c.reason) for c in found.corrections] == [
        ("Aanbeveling 11", "Opvolging was in november al gereed")]
    section = shown[shown.index("Correcties na vaststelling Vastgelegd nadat"):]
    assert "Opvolging was in november al gereed" in section and "Onvolkomenheden Algemene Rekenkamer" in section
    assert "10 (van 12) aanbevelingen opgevolgd**" in shown  # the table as fixed
    assert "na vaststelling gecorrigeerd: Beveiliging Militaire Objecten" in shown
    assert "1 correctie na vaststelling" in shown


def test_the_pdf_loads_the_apps_stylesheets_and_nothing_else(seeded_app, monkeypatch):
    static = Path(seeded_app.static_folder)
    fetcher = pack_render.StaticFiles(static)
    assert fetcher.path_of(f"{pack_render.ORIGIN}/static/pakket.css").name == "pakket.css"
    for url in ("https://example.org/static/pakket.css", "http://127.0.0.1:9/x.png", "file:///etc/passwd",
                f"{pack_render.ORIGIN}/static/../../pyproject.toml", f"{pack_render.ORIGIN}/static/%2e%2e/__init__.py",
                f"{pack_render.ORIGIN}/static/api-docs.js", f"{pack_render.ORIGIN}/vendor/rhc-tokens/index.css",
                "data:text/css,body{color:red}"):
        with pytest.raises(pack_render.Refused):
            fetcher.path_of(url)
    opened = []
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", lambda self, *a, **k: opened.append(a))
    html = ('<html><head><link rel="stylesheet" href="/static/pakket.css">'
            '<link rel="stylesheet" href="https://example.org/x.css"></head><body><p>Kop</p>'
            '<img src="http://127.0.0.1:9/x.png" alt=""><img src="file:///etc/hostname" alt=""></body></html>')
    content = pack_render.render(html, static)
    assert opened == [] and "Kop" in text_of(content)[1]


def test_the_pdf_is_made_anew_only_when_the_log_changed(runner, seeded_app, seeded):
    with seeded_app.app_context():
        first = pack_pdf.document(seeded, PEILDATUM, VERGELIJK)
        assert pack_pdf.document(seeded, PEILDATUM, VERGELIJK) is first  # kept while nothing was recorded
        remark = invoke(runner, "record", "munitiebeheer", "opmerking", "--set", "toelichting=Voor de vergadering",
                        "--als", "beheer")
        assert remark.exit_code == 0, remark.output
        again = pack_pdf.document(seeded, PEILDATUM, VERGELIJK)
    assert again is not first and again[0] == first[0]
