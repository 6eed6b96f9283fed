"""Steps for features/bestuursraad/vergelijking.feature: a member of the Bestuursraad compares two peildata, through
the HTTP API (what the figures and lists are) and the page (what they read)."""
from pytest_bdd import given, parsers, scenarios, then, when

from tests.features.personas import day, plain
from tests.features.surface import DATE, iso, reader

scenarios("bestuursraad/vergelijking.feature")


def compared(people) -> tuple[dict, str]:
    return people.seen["vergelijking"]


def topic_of(people, title: str) -> dict:
    data, _ = compared(people)
    return next(t for t in data["topics"] if t["key"] == people.key(title))


def followed_titles(people, peildatum: str) -> dict[str, str]:
    rows = reader(people).get(f"/api/v1/items?kind=aanbeveling&peildatum={peildatum}&page_size=500").json
    return {r["key"]: r["title"] for r in rows if r["done"]}


@given(parsers.parse('de Bestuursraad heeft de peildatum {when} van het rapport "{name}" vastgesteld'))
def board_fixed(people, when, name):
    page = f"/rapporten/{name}?peildatum={day(when).isoformat()}"
    answer = people.current.web.post(f"/rapporten/{name}/vaststellen",
                                     data={"csrf_token": people.csrf(page), "peildatum": day(when).isoformat()})
    assert answer.status_code == 302, answer.get_data(as_text=True)


@when(parsers.re(rf"ik de stand per (?P<van>{DATE}) vergelijk met die per (?P<tot>{DATE})$"))
def compare(people, van, tot):
    query = f"van={iso(van)}&tot={iso(tot)}"
    answer = reader(people).get(f"/api/v1/reports/vergelijking?{query}")
    assert answer.status_code == 200, answer.json
    people.seen["vergelijking"] = (answer.json, plain(reader(people).page(f"/rapporten/vergelijking?{query}")))


@then(parsers.re(rf'toont de vergelijking bij "(?P<title>[^"]+)" op (?P<when>{DATE}) "(?P<label>[^"]+)"$'))
def shows_figure(people, title, when, label):
    data, page = compared(people)
    side = {data["van"]: "label_van", data["tot"]: "label_tot"}[iso(when)]
    assert topic_of(people, title)["figure"][side] == label
    assert label in page


@then(parsers.re(rf'noemt de vergelijking bij "(?P<title>[^"]+)" op (?P<when>{DATE}) het kerncijfer van het rapport '
                 r"van die dag$"))
def figure_of_the_report(people, title, when):
    rows = reader(people).get(f"/api/v1/reports/onvolkomenheden?peildatum={iso(when)}").json
    label = f"{sum(r['opgevolgd'] for r in rows)} van {sum(r['totaal'] for r in rows)} aanbevelingen opgevolgd"
    shows_figure(people, title, when, label)


@then(parsers.re(rf"noemt de vergelijking bij naam elke aanbeveling die op (?P<van>{DATE}) nog niet en op "
                 rf"(?P<tot>{DATE}) wel was opgevolgd$"))
def names_every_followed(people, van, tot):
    before, after = followed_titles(people, iso(van)), followed_titles(people, iso(tot))
    became = {key: title for key, title in after.items() if key not in before}
    assert became
    listed = {c["key"]: c["title"] for c in topic_of(people, "Onvolkomenheden Algemene Rekenkamer")["done"]
              if c["kind"] == "aanbeveling"}
    assert listed == became
    _, page = compared(people)
    assert all(plain(title) in page for title in became.values())


@then(parsers.parse('noemt de vergelijking "{title}" als opgevolgd'))
def names_followed(people, title):
    key = people.key(title)
    entry = next(c for c in topic_of(people, "Onvolkomenheden Algemene Rekenkamer")["done"] if c["key"] == key)
    assert entry["label_tot"] == "opgevolgd"
    _, page = compared(people)
    assert f"{plain(entry['title'])} : {entry['label_van']} → opgevolgd" in page


@then(parsers.parse('noemt de vergelijking de correctie na vaststelling bij "{title}" met toelichting "{reason}"'))
def names_correction(people, title, reason):
    corrections = topic_of(people, "Onvolkomenheden Algemene Rekenkamer")["corrections"]
    assert [(c["key"], c["reason"]) for c in corrections] == [(people.key(title), reason)]
    _, page = compared(people)
    assert "Correcties na vaststelling" in page and reason in page


@then(parsers.re(rf'noemt de vergelijking met die correctie op (?P<when>{DATE}) "(?P<label>[^"]+)"$'))
def corrected_figure(people, when, label):
    data, page = compared(people)
    side = {data["van"]: "corrected_van", data["tot"]: "corrected_tot"}[iso(when)]
    assert topic_of(people, "Onvolkomenheden Algemene Rekenkamer")["figure"][side] == label
    assert f"met correcties: {label}" in page
