"""Steps for the reminders by e-mail: a real mail server on localhost (aiosmtpd) receives what `tracker
herinneringen` sends; the beheerder gives the address in the accounts page and reads what failed on its own page."""
from __future__ import annotations

import re

from pytest_bdd import given, parsers, scenarios, then, when

from tests.features.personas import CSRF, plain
from tests.smtp_server import smtp_server  # noqa: F401  (fixture)
from tracker.services import queries

scenarios("herinneringen/herinneringen.feature")

BASE = "https://volgsysteem.mindef.example.nl"
LINE = re.compile(r"^- (.+?) — (.+)$", re.MULTILINE)


def mail(people):
    """Everything every mail server of the scenario received."""
    return [m for server in people.seen["mailservers"] for m in server.mailbox.received]


def owner_name(people, title: str) -> str:
    key = people.key(title)
    return people.persona("eigenaar", key, name=f"eigenaar-{key}").name


def beheerder(people):
    return people.persona("beheerder", name="beheerder")


def send(people):
    people.last = people.app.test_cli_runner().invoke(args=["herinneringen"])


# --- the situation ------------------------------------------------------------------------------------------

@given("de mailserver neemt berichten aan")
def mail_server(people, smtp_server):  # noqa: F811
    server = smtp_server()
    people.seen.update(mailservers=[server], start=smtp_server)
    people.app.config.update(SMTP_URL=f"smtp://127.0.0.1:{server.port}", MAIL_FROM="volgsysteem@mindef.example.nl",
                             BASE_URL=BASE)


@given(parsers.parse('de eigenaar van "{title}" heeft het e-mailadres "{address}"'))
def owner_address(people, title, address):
    """The beheerder fills in the address on the account's page, as in the web."""
    name = owner_name(people, title)
    web = beheerder(people).web
    page = web.get(f"/beheer/accounts/{name}").get_data(as_text=True)
    answer = web.post(f"/beheer/accounts/{name}/wijzigen",
                      data={"csrf_token": CSRF.search(page).group(1), "role": "eigenaar", "scope": people.key(title),
                            "display_name": "", "email": address})
    assert answer.status_code == 302, plain(answer.get_data(as_text=True))


@given("de mailserver is onbereikbaar")
def mail_server_down(people):
    for server in people.seen["mailservers"]:
        server.stop()


@when("de mailserver weer berichten aanneemt")
def mail_server_up(people):
    port = people.seen["mailservers"][0].port
    people.seen["mailservers"].append(people.seen["start"](port=port))


@given("de herinneringen van vandaag zijn verstuurd")
def sent_already(people):
    send(people)
    assert people.last.exit_code == 0, people.last.output


@when("de herinneringen van vandaag worden verstuurd")
@when("de herinneringen van vandaag nog eens worden verstuurd")
def sending(people):
    send(people)


# --- what arrived -------------------------------------------------------------------------------------------

@then(parsers.re(r'krijgt "(?P<address>[^"]+)" (?:in totaal )?één bericht$'))
def one_message(people, address):
    received = [m for m in mail(people) if address in m.recipients]
    assert len(received) == 1, (len(received), people.last.output)
    people.seen["bericht"] = received[0].text


@then(parsers.parse('noemt dat bericht "{title}" met "{why}"'))
def message_names(people, title, why):
    lines = {name: reason for name, reason in LINE.findall(people.seen["bericht"])}
    shown = [reason for name, reason in lines.items() if name == title or name.startswith(f"{title} (")]
    assert shown and why in shown[0], people.seen["bericht"]


@then(parsers.parse('noemt dat bericht alleen items van "{title}"'))
def message_only_under(people, title):
    found, todo = {people.key(title)}, [people.key(title)]
    while todo:
        for child in queries.list_items(people.tracker, parent=todo.pop()):
            found.add(child.item.key)
            todo.append(child.item.key)
    titles = {people.title(k) for k in found}
    named = [name for name, _ in LINE.findall(people.seen["bericht"])]
    assert named and all(name in titles or name.split(" (")[0] in titles for name in named), named


@then("verwijst dat bericht naar Mijn werk")
def message_links_work(people):
    assert f"{BASE}/werk" in people.seen["bericht"]


@then(parsers.parse('meldt de run "{text}"'))
def run_says(people, text):
    assert text in people.last.output, people.last.output


# --- what the beheerder sees --------------------------------------------------------------------------------

def undelivered_rows(people) -> list[str]:
    page = beheerder(people).page("/beheer/herinneringen")
    start = page.index('id="niet-bezorgd"')
    section = page[start:page.index('id="recent"')]
    return [plain(row) for row in re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", section, re.S)[1:]]


@then(parsers.parse('ziet de beheerder onder "Niet bezorgd" de herinnering aan de eigenaar van "{title}" met '
                    '"{text}"'))
def beheerder_sees_failure(people, title, text):
    name = owner_name(people, title)
    rows = [row for row in undelivered_rows(people) if f" {name} " in f" {row} "]
    assert len(rows) == 1 and text in rows[0], rows


@then(parsers.parse('ziet de beheerder onder "Niet bezorgd" geen herinnering aan de eigenaar van "{title}"'))
def beheerder_sees_none(people, title):
    name = owner_name(people, title)
    assert not [row for row in undelivered_rows(people) if f" {name} " in f" {row} "]
