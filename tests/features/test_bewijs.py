"""Steps for features/bewijs: documents behind a claim, chosen in an item page's form, read and judged through the
pages as the signed-in person would (the HTTP API where a scenario says so)."""
from __future__ import annotations

import html as markup
import io
import re

from pytest_bdd import given, parsers, scenarios, then, when

from tests.documents import EXE, digest, tiny_pdf
from tests.features.personas import CSRF, plain
from tracker.services import queries
from tracker.storage import evidence_store

scenarios("bewijs/bewijs.feature")

# An item as the scenarios name it: by its title, or a condition by its own title and its project's.
ITEM = r'(?:de voorwaarde "(?P<condition>[^"]+)" van "(?P<project>[^"]+)"|"(?P<title>[^"]+)")'
CHOSEN = r'(?:en het document "(?P<document>[^"]+)"|en een programma met de naam "(?P<program>[^"]+)"|zonder document)'


def key_of(people, title: str | None, condition: str | None = None, project: str | None = None) -> str:
    return people.child(project, condition) if condition else people.key(title)


def event_of(people, key: str, action: str) -> str:
    """The event behind an action as the item page labels it."""
    workflow = people.tracker.registry(queries.get_item(people.tracker, key).item.kind)
    found = [t.event for t in workflow.transitions if t.label == action]
    assert len(found) == 1, f"'{action}' is {len(found)} handelingen bij {workflow.label}"
    return found[0]


def documents(people) -> dict[str, bytes]:
    """The documents a scenario chose, by name: what each should be when downloaded."""
    return people.seen.setdefault("documents", {})


def submit(people, persona, key: str, action: str, reason: str, files: list[tuple[bytes, str]]):
    """Send the action's form of the item page as it was opened, with the files chosen in its field "Bewijs"."""
    page = persona.page(f"/item/{key}")
    data = {"csrf_token": CSRF.search(page).group(1),
            "version": re.search(r'name="version" value="(\d+)"', page).group(1),
            "event": event_of(people, key, action), "occurred_on": people.tracker.today().isoformat(),
            "veld-toelichting": reason, "bewijs": [(io.BytesIO(content), name) for content, name in files]}
    return persona.web.post(f"/item/{key}/vastleggen", data=data, content_type="multipart/form-data")


def chosen_files(people, document: str | None, program: str | None) -> list[tuple[bytes, str]]:
    if document:
        documents(people)[document] = tiny_pdf(document)
        return [(documents(people)[document], document)]
    if program:
        return [(EXE, program)]
    return []


def shown(people, answer) -> str:
    """The page a form's answer leads to: after a redirect, the page it leads to."""
    if answer.status_code in (302, 303):
        answer = people.current.web.get(answer.headers["Location"])
    return answer.get_data(as_text=True)


def document_link(page: str, name: str) -> str:
    found = re.search(rf'href="(/bewijs/[0-9a-f]{{64}})">{re.escape(markup.escape(name))}</a>', page)
    assert found, f"geen link naar {name}"
    return found.group(1)


def claim_section(page: str) -> str:
    assert 'id="melding"' in page, "de pagina toont geen melding ter beoordeling"
    return page[page.index('id="melding"'):page.index('id="acties"')]


# --- recording ------------------------------------------------------------------------------------------------

@when(parsers.re(rf'ik op de pagina van {ITEM} "(?P<action>[^"]+)" vastleg met toelichting "(?P<reason>[^"]+)" '
                 rf'{CHOSEN}$'))
def record_on_page(people, condition, project, title, action, reason, document, program):
    key = key_of(people, title, condition, project)
    people.seen["before"] = stored(people)
    people.last = submit(people, people.current, key, action, reason, chosen_files(people, document, program))
    people.seen["page"] = shown(people, people.last)


@given(parsers.re(rf'de eigenaar van "(?P<scope>[^"]+)" heeft op de pagina van {ITEM} "(?P<action>[^"]+)" vastgelegd '
                  rf'met toelichting "(?P<reason>[^"]+)" {CHOSEN}$'))
def recorded_by_owner(people, scope, condition, project, title, action, reason, document, program):
    owner = people.persona("eigenaar", people.key(scope))
    answer = submit(people, owner, key_of(people, title, condition, project), action, reason,
                    chosen_files(people, document, program))
    assert answer.status_code == 302, answer.get_data(as_text=True)[:500]


@when(parsers.re(r'ik via de API "(?P<title>[^"]+)" als "(?P<state>[^"]+)" meld met toelichting "(?P<reason>[^"]+)" '
                 r"zonder bewijs$"))
def claim_through_api_without_evidence(people, title, state, reason):
    people.last = people.current.record(people.key(title), state.replace(" ", "_"), {"toelichting": reason})


@when(parsers.re(rf"ik de pagina van {ITEM} open$"))
def open_page(people, condition, project, title):
    people.seen["key"] = key_of(people, title, condition, project)
    people.seen["page"] = people.current.page(f"/item/{people.seen['key']}")


@when(parsers.parse('ik op de pagina "{action}" vastleg'))
def record_judgement(people, action):
    key = people.seen["key"]
    people.last = submit(people, people.current, key, action, "", [])
    people.seen["page"] = shown(people, people.last)


# --- what the pages say ---------------------------------------------------------------------------------------

@then(parsers.parse('toont de pagina "{text}"'))
def page_says(people, text):
    assert people.last.status_code == 302, plain(people.last.get_data(as_text=True))[:800]
    assert markup.escape(text) in people.seen["page"], plain(people.seen["page"])[:800]


@then(parsers.parse('weigert de pagina dat met de melding "{text}"'))
def page_refuses(people, text):
    assert people.last.status_code in (413, 415, 422), people.last.status_code
    alert = re.search(r'<div class="utrecht-alert utrecht-alert--error" role="alert">(.*?)</div>', people.seen["page"],
                      re.S)
    assert alert and text in plain(alert.group(1)), plain(people.seen["page"])[:800]
    assert stored(people) == people.seen["before"], "er is toch iets bewaard"


@then(parsers.parse('staat bij "{label}" de fout "{text}"'))
def error_beside_field(people, label, text):
    fields = re.findall(r'<div class="utrecht-form-field utrecht-form-field--invalid">(.*?)</div>',
                        people.seen["page"], re.S)
    assert len(fields) == 1, fields
    assert f">{label}" in fields[0] and text in plain(fields[0]), plain(fields[0])


@then(parsers.parse('staat de toelichting "{text}" nog in het formulier'))
def typed_text_kept(people, text):
    assert f">{markup.escape(text)}</textarea>" in people.seen["page"]


@then("is er geen document bewaard")
def nothing_stored(people):
    assert stored(people)[1] == people.seen["before"][1]


@then(parsers.re(r'noemt de laatste gebeurtenis van "(?P<title>[^"]+)" het document "(?P<name>[^"]+)" '
                 r"bij zijn SHA-256-som$"))
def event_names_digest(people, title, name):
    events = people.current.get(f"/api/v1/items/{people.key(title)}/events?page_size=500").json
    assert events[-1]["data"]["bewijs"] == [digest(documents(people)[name])], events[-1]


@then(parsers.parse('staat in de tijdlijn van "{title}" bij "{label}" het document "{name}"'))
def timeline_names_document(people, title, label, name):
    page = people.current.page(f"/item/{people.key(title)}")
    entries = page[page.index('id="tijdlijn"'):].split('<li class="timeline__event">')[1:]
    entry = next(e for e in entries if plain(e).strip().startswith(f"{label} — "))
    assert "Bewijs: " in plain(entry) and document_link(entry, name)


@then(parsers.parse('toont de pagina de melding ter beoordeling "{label}" van de eigenaar van "{scope}" met '
                    'toelichting "{reason}"'))
def claim_shown(people, label, scope, reason):
    section = plain(claim_section(people.seen["page"]))
    owner = f"eigenaar-{people.key(scope)}"
    assert "Melding ter beoordeling" in section, section
    assert f"Gemeld {label} Door {owner} Datum" in section and f"Toelichting {reason}" in section, section


@then(parsers.parse('staat bij de melding het document "{name}" als PDF, met zijn grootte en wie het toevoegde'))
def document_listed(people, name):
    section = claim_section(people.seen["page"])
    document_link(section, name)
    size = len(documents(people)[name])
    assert re.search(rf"{re.escape(name)} PDF, {size} bytes · toegevoegd door eigenaar-\S+ op \d+ \w+ \d{{4}}",
                     plain(section)), plain(section)


@then(parsers.parse('toont de pagina een voorbeeld van "{name}"'))
def preview_shown(people, name):
    section = claim_section(people.seen["page"])
    link = document_link(section, name)
    assert f'<iframe class="document__preview" src="{link}/voorbeeld" title="Voorbeeld van {markup.escape(name)}"' \
        in section, section
    answer = people.current.web.get(f"{link}/voorbeeld")
    assert answer.status_code == 200 and answer.data == documents(people)[name]
    assert answer.headers["Content-Disposition"].startswith("inline;")


@then(parsers.parse('krijg ik "{name}" bij het downloaden precies zo terug als het werd gemeld'))
def downloaded(people, name):
    answer = people.current.web.get(document_link(claim_section(people.seen["page"]), name))
    assert answer.status_code == 200 and answer.data == documents(people)[name]
    assert answer.headers["Content-Disposition"].startswith("attachment;") and name in answer.headers[
        "Content-Disposition"]


@then(parsers.parse('bestaat "{name}" voor mij niet'))
def not_there(people, name):
    sha = digest(documents(people)[name])
    for url in (f"/bewijs/{sha}", f"/bewijs/{sha}/voorbeeld"):
        answer = people.current.web.get(url)
        assert answer.status_code == 404 and "Niet gevonden" in answer.get_data(as_text=True), url
    assert people.current.get(f"/api/v1/evidence/{sha}").status_code == 404


@then(parsers.parse('staat de voorwaarde "{condition}" van "{project}" op "{label}"'))
def condition_at(people, condition, project, label):
    answer = people.current.get(f"/api/v1/items/{people.child(project, condition)}")
    assert answer.json["state_label"] == label, answer.json


def stored(people) -> tuple[int, int]:
    """(events in the log, documents stored): what a refusal must leave as it was."""
    with people.tracker.read() as connection:
        count = evidence_store.count(connection)
    return queries.chain_head(people.tracker)["events"], count
