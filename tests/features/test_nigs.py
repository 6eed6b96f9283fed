"""Steps for features/nigs: employers on each route through the four steps, each counted once."""
from pytest_bdd import given, parsers, scenarios, then, when

from tests.features.personas import plain
from tests.features.surface import act, item, markdown_cells, reader, report, report_name

scenarios("nigs")
TABLE = "Nadere Inventarisatie Gevaarlijke Stoffen (6.2)"


def counts(people, title=TABLE) -> dict[str, dict[str, str]]:
    """The report of today as a reader sees it: per route, per column."""
    header, *rows = markdown_cells(report(people, title, fmt="md"))
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


@given(parsers.parse('een decentrale werkgever die op route "{route}" op "{label}" staat'))
def employer_in_step(people, route, label):
    trajects = reader(people).get(f"/api/v1/items?parent={people.key(route)}&page_size=500").json
    chosen = next(t for t in trajects if t["state_label"] == label)
    people.seen["employer"] = people.title(chosen["attributes"]["werkgever"])
    people.seen["route"] = route
    people.seen["before"] = counts(people)


@when(parsers.parse('ik voor die werkgever "{action}" vastleg'))
def employer_action(people, action):
    act(people, people.traject(people.seen["route"], people.seen["employer"]), action)


@then(parsers.re(r'staat die werkgever op route "(?P<route>[^"]+)" op "(?P<label>[^"]+)"'
                 r'(?: in cyclus (?P<cycle>\d+))?$'))
def employer_state(people, route, label, cycle):
    row = item(people, people.traject(route, people.seen["employer"]))
    assert row["state_label"] == label, row
    if cycle:
        assert row["cycle"] == int(cycle)
        assert f"cyclus {cycle}" in plain(reader(people).page(f"/item/{row['key']}"))


@then(parsers.parse('telt het rapport "{title}" van vandaag voor "{route}" één werkgever meer bij "{more}" en één '
                    'minder bij "{less}"'))
def one_moved(people, title, route, more, less):
    before, after = people.seen["before"][route], counts(people, title)[route]
    changed = {column for column in after if after[column] != before[column]}
    assert changed == {more, less}, (before, after)
    assert int(after[more]) == int(before[more]) + 1 and int(after[less]) == int(before[less]) - 1


@then(parsers.parse('telt het rapport "{title}" van vandaag voor iedere route {count:d} werkgevers'))
def every_route_counts(people, title, count):
    shown = counts(people, title)
    assert shown and all(row["Werkgevers"] == str(count) for row in shown.values()), shown
    for row in shown.values():
        steps = [int(v) for k, v in row.items() if k not in ("Route", "Werkgevers")]
        assert sum(steps) == count, row


@then(parsers.parse('heeft de meerderheid van de werkgevers voor "{route}" de vier stappen doorlopen'))
def most_completed(people, route):
    row = next(r for r in report(people, TABLE, "2025-12-31") if r["route"] == route)
    assert row["doorlopen"] > row["werkgevers"] / 2


@then(parsers.parse('staat onder de tabel op de pagina van het rapport "{title}" "{text}"'))
def below_table(people, title, text):
    page = reader(people).page(f"/rapporten/{report_name(people, title)}")
    assert text in plain(page[page.index("</table>"):]), plain(page)


@when(parsers.parse('ik "{employer}" nog een keer aanmeld op route "{route}"'))
def register_again(people, employer, route):
    people.last = people.current.create(f"{people.key(route)}-nogmaals", {
        "kind": "nigs_traject", "parent": people.key(route), "title": f"{route} — {employer} (nogmaals)",
        "werkgever": people.key(employer)})
