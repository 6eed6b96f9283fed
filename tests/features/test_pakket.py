"""Steps for features/bestuursraad/pakket.feature: a member of the Bestuursraad downloads the pack for a meeting
from the dashboard, as that person, and reads it as a PDF."""
import io
import re

from pypdf import PdfReader
from pytest_bdd import given, parsers, scenarios, then, when

from tests.features.personas import plain
from tests.features.surface import DATE, iso, markdown_cells, reader, report, report_name

scenarios("bestuursraad/pakket.feature")

A4 = (595, 842)  # points


def pack_of(people) -> tuple[list, list[str], str]:
    """The downloaded pack: its pages, each page's text, and the whole text on one line."""
    return people.seen["pakket"]


def one_line(text: str) -> str:
    return " ".join(text.split())


def rows_of(people, title: str, peildatum: str) -> list[str]:
    """The rows of a report as the reader gets it (header first), each as one line of its cells."""
    return [one_line(" ".join(row)) for row in markdown_cells(report(people, title, peildatum, "md"))]


@given(parsers.parse('de Bestuursraad heeft de peildatum {when} van "{title}" vastgesteld'))
def board_fixed(people, when, title):
    name, peildatum = report_name(people, title), iso(when)
    page = f"/rapporten/{name}?peildatum={peildatum}"
    answer = people.current.web.post(f"/rapporten/{name}/vaststellen",
                                     data={"csrf_token": people.csrf(page), "peildatum": peildatum})
    assert answer.status_code == 302, answer.get_data(as_text=True)


@when(parsers.re(rf"ik op het dashboard van (?P<when>{DATE}) het pakket voor de Bestuursraad download$"))
def download(people, when):
    dashboard = reader(people).page(f"/?peildatum={iso(when)}").replace("&amp;", "&")
    link = re.search(r'href="([^"]+)"[^>]*>downloaden \(PDF\)</a>', dashboard)
    assert link, "geen link naar het pakket op het dashboard"
    answer = reader(people).web.get(link.group(1))
    assert answer.status_code == 200 and answer.mimetype == "application/pdf", answer.status_code
    assert answer.headers["Content-Disposition"].startswith("attachment")
    pages = PdfReader(io.BytesIO(answer.data)).pages
    texts = [page.extract_text() for page in pages]
    people.seen["pakket"] = (pages, texts, one_line(" ".join(texts)))


@then(parsers.parse('is het pakket een PDF op A4 met onder elke pagina "pagina X van Y"'))
def a4_with_page_numbers(people):
    pages, texts, _ = pack_of(people)
    assert len(pages) > 5  # a cover, a summary, the four topics and the lists
    for number, (page, text) in enumerate(zip(pages, texts, strict=True), 1):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4
        assert f"pagina {number} van {len(pages)}" in text


@then(parsers.re(rf"noemt het omslag de peildatum (?P<peildatum>{DATE}), de vergelijkingsdatum (?P<vergelijk>{DATE}) "
                 r"en de ketenkop$"))
def cover(people, peildatum, vergelijk):
    _, texts, _ = pack_of(people)
    cover_text = one_line(texts[0])
    assert f"Peildatum {peildatum}" in cover_text and f"Vergeleken met {vergelijk}" in cover_text
    head = reader(people).get("/api/v1/chain").json  # nothing was recorded since the pack was made
    assert re.search(rf"{head['events']} gebeurtenissen, ketenkop\s+{head['head']}", texts[0])
    anchor = re.search(r"Ketenkop per peildatum gebeurtenis (\d+)\s+([0-9a-f]{64})", texts[0])
    assert anchor and int(anchor.group(1)) <= head["events"]


@then(parsers.re(r'staat in het pakket in de tabel "(?P<title>[^"]+)" bij "(?P<row>[^"]+)" "(?P<value>[^"]+)"$'))
def table_cell(people, title, row, value):
    _, _, text = pack_of(people)
    line = next(r for r in rows_of(people, title, "2025-12-31") if r.startswith(row))
    assert value in line, line  # the report says so, and the pack shows the report's row
    assert line in text


@then(parsers.re(r"staat in het pakket elke rij van de tabellen (?P<titles>.+)$"))
def every_row(people, titles):
    _, _, text = pack_of(people)
    for title in re.findall(r'"([^"]+)"', titles):
        for line in rows_of(people, title, "2025-12-31"):
            assert line in text, (title, line)


@then(parsers.re(rf"noemt het pakket bij elk thema het verschil sinds (?P<when>{DATE}) dat het dashboard toont$"))
def differences(people, when):
    _, _, text = pack_of(people)
    page = reader(people).page("/?peildatum=2025-12-31")
    cards = page.split('<section class="card"')[1:]
    assert len(cards) == 4
    for card in cards:
        title = plain(re.search(r"<h2[^>]*>(.*?)</h2>", card, re.S).group(1)).strip()
        change = plain(re.search(r'<p class="card__change">(.*?)</p>', card, re.S).group(1)).strip()
        assert change.endswith(f"sinds {when}"), change
        assert f"{title}: {change}".lower() in text.lower(), (title, change)


@then(parsers.parse('staat onder "{heading}" in het pakket "{words}"'))
def under_heading(people, heading, words):
    _, _, text = pack_of(people)
    assert words in text[text.rindex(heading):]
