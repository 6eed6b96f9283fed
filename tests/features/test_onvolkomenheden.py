"""Steps for features/onvolkomenheden: the owners' claims, the auditor's verification, the Rekenkamer's verdict
per VO year, and what is overdue."""
import re

from pytest_bdd import given, parsers, scenarios, then, when

from tests.features.surface import DATE, iso, item, markdown_cells, reader, report

scenarios("onvolkomenheden")
SHORTCOMINGS = "Onvolkomenheden Algemene Rekenkamer (6.1)"


def machine(label: str) -> str:
    """A verdict or progress as the Rekenkamer words it ("ernstige onvolkomenheid") as the tracker stores it."""
    return label.replace(" ", "_")


@when(parsers.parse('ik "{title}" terugstuur met reden "{reason}"'))
def send_back(people, title, reason):
    people.last = people.current.record(people.key(title), "teruggestuurd", {"toelichting": reason})


@then(parsers.parse('is "{title}" volgens de Algemene Rekenkamer nog niet opgelost'))
def not_resolved(people, title):
    row = next(r for r in report(people, "Oordeel Defensie naast oordeel Rekenkamer") if r["onvolkomenheid"] == title)
    assert row["opgelost"] is False
    assert [title] in [r[:1] for r in markdown_cells(report(people, SHORTCOMINGS, fmt="md"))]
    assert item(people, people.key(title))["state_label"] == "openstaand"


# --- the Rekenkamer's verdict ---------------------------------------------------------------------------------

@when(parsers.re(rf'ik over het verantwoordingsonderzoek (?P<vo>\d{{4}}) voor "(?P<title>[^"]+)" per (?P<when>{DATE}) '
                 r'het oordeel "(?P<verdict>[^"]+)" vastleg(?: met voortgang "(?P<progress>[^"]+)")?$'))
def verdict(people, vo, title, when, verdict, progress):
    data = {"vo_jaar": int(vo), "oordeel": machine(verdict), **({"voortgang": machine(progress)} if progress else {})}
    people.last = people.current.record(people.key(title), "jaaroordeel", data, iso(when))


@when(parsers.parse('ik "{title}" over het verantwoordingsonderzoek {vo:d} per {when} opgelost verklaar'))
def resolve(people, title, vo, when):
    people.last = people.current.record(people.key(title), "opgelost_verklaard", {"vo_jaar": vo}, iso(when))


@given(parsers.parse('ik heb "{title}" over het verantwoordingsonderzoek {vo:d} per {when} opgelost verklaard'))
def resolved(people, title, vo, when):
    resolve(people, title, vo, when)
    assert people.last.status_code == 201, people.last.json


@when(parsers.parse('ik "{title}" over het verantwoordingsonderzoek {vo:d} per {when} heropen met het oordeel '
                    '"{verdict}"'))
def reopen(people, title, vo, when, verdict):
    people.last = people.current.record(people.key(title), "heropend", {"vo_jaar": vo, "oordeel": machine(verdict)},
                                        iso(when))


@then(parsers.parse('wordt dat geweigerd omdat het verantwoordingsonderzoek {vo:d} pas op {when} is gepubliceerd'))
def refused_before_publication(people, vo, when):
    assert people.last.status_code == 422, people.last.json
    expected = f"Het verantwoordingsonderzoek {vo} is pas op {iso(when)} gepubliceerd (Verantwoordingsdag)"
    assert expected in people.last.json["message"], people.last.json


@then(parsers.parse('heeft "{title}" geen oordeel over het verantwoordingsonderzoek {vo:d}'))
def no_verdict(people, title, vo):
    rows = report(people, "Oordelen Algemene Rekenkamer per verantwoordingsonderzoek", vo_jaar=vo)
    assert next(r for r in rows if r["onvolkomenheid"] == title)["oordeel"] is None


SEVERE = (rf'noemt het rapport "(?P<title>[^"]+)" (?:op peildatum (?P<peildatum>{DATE})|van vandaag) '
          r'"(?P<row>[^"]+)" (?P<severe>een|geen) ernstige onvolkomenheid(?: meer)?$')


@then(parsers.re(SEVERE))
def severe(people, title, peildatum, row, severe):
    note = f"{row} is een ernstige onvolkomenheid."
    text = " ".join(report(people, title, iso(peildatum), "text").split())
    flagged = next(r for r in report(people, title, iso(peildatum)) if r["onvolkomenheid"] == row)["ernstig"]
    assert note in text if severe == "een" else note not in text, text
    assert flagged is (severe == "een")


@then(parsers.re(rf'staat "(?P<row>[^"]+)" in het rapport "(?P<title>[^"]+)" op peildatum (?P<peildatum>{DATE}) '
                 r'(?P<niet>niet )?als opgelost(?:, met de voetnoot "(?P<note>[^"]+)")?$'))
def resolved_in_table(people, row, title, peildatum, niet, note):
    shown = report(people, title, iso(peildatum), "md")
    titles = [r[0] for r in markdown_cells(shown)[1:]]
    flagged = next(r for r in report(people, title, iso(peildatum)) if r["onvolkomenheid"] == row)["opgelost"]
    if niet:
        assert row in titles and f"{row} †" not in titles and flagged is False, titles
        assert f"† Opgelost volgens de Algemene Rekenkamer: {row}" not in shown
    else:
        assert f"{row} †" in titles and flagged is True, titles
        assert note in shown, shown


@then(parsers.parse('geeft het rapport "{title}" over het verantwoordingsonderzoek {vo:d} deze oordelen:'))
def verdicts_of_year(people, title, vo, datatable):
    header, *expected = [[c.strip() for c in row] for row in datatable]
    shown_header, *shown = markdown_cells(report(people, title, fmt="md", vo_jaar=vo))
    columns = [shown_header.index(name) for name in header]
    assert [[row[i] for i in columns] for row in shown] == expected
    assert {r["vo_jaar"] for r in report(people, title, vo_jaar=vo)} == {vo}


# --- overdue --------------------------------------------------------------------------------------------------

@then(parsers.re(rf'is "(?P<title>[^"]+)" op peildatum (?P<peildatum>{DATE}) (?P<niet>niet )?achterstallig$'))
def overdue(people, title, peildatum, niet):
    key = people.key(title)
    assert item(people, key, iso(peildatum))["overdue"] is (not niet)
    page = reader(people).page(f"/item/{key}?peildatum={iso(peildatum)}")
    deadline = re.search(r"<dt>Uiterlijk</dt><dd>(.*?)</dd>", page).group(1)
    assert ("achterstallig" in deadline) is (not niet), deadline
