"""`tracker herinneringen` against a real SMTP server on localhost: one message per person with their items, once a
day; failures recorded, shown to the beheerder and delivered by the next run; STARTTLS with a certificate checked
against the configured CA; the e-mail address of an account on the command line and in the web."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from tests.conftest import make_app
from tests.smtp_server import free_port, self_signed
from tracker.domain.events import NewEvent
from tracker.services import accounts, queries, recording
from tracker.storage import account_store, reminder_store

TODAY = date(2026, 11, 28)
PASSWORD = "een-lang-wachtwoord"
BASE = "https://volgsysteem.example.nl"
SENDER = "volgsysteem@mindef.example.nl"
PEOPLE = {  # name: (role, scope, address)
    "aut-eigenaar": ("eigenaar", "autorisatiebeheer", "aut@mindef.example.nl"),
    "vg-eigenaar": ("eigenaar", "vastgoedbeheer", "vg@mindef.example.nl"),
    "crypto-eigenaar": ("eigenaar", "cryptobeheer", "crypto@mindef.example.nl"),
    "ink-eigenaar": ("eigenaar", "inkoop", None),
    "mun-auditor": ("auditor", "munitiebeheer", "auditor@mindef.example.nl"),
    "cio": ("cio", None, "cio@mindef.example.nl"),
    "lid": ("lezer", None, "lid@mindef.example.nl"),
}
CONDITION_OLD, CONDITION_NEW = "cio-oordelen-2022-001-v1", "cio-oordelen-2022-006-v3"  # titles differ


@pytest.fixture
def day():
    return {"today": TODAY}


@pytest.fixture
def app(databases, seeded_template, day):
    app = make_app(databases.copy(seeded_template), TODAY=lambda: day["today"], MAIL_FROM=SENDER, BASE_URL=BASE)
    app.config["WTF_CSRF_ENABLED"] = False
    tracker = app.extensions["tracker"]
    for name, (role, scope, address) in PEOPLE.items():
        accounts.create(tracker, name, role, scope, email=address)
    recording.record_many(tracker, [
        NewEvent("autorisatiebeheer-a2", "verantwoordelijkheid_vastgelegd",
                 {"uiterlijk": (TODAY + timedelta(days=5)).isoformat()}, "beheer", TODAY),
        NewEvent("autorisatiebeheer-roger", "verantwoordelijkheid_vastgelegd",
                 {"uiterlijk": (TODAY + timedelta(days=30)).isoformat()}, "beheer", TODAY),
        NewEvent("munitiebeheer-a10", "opgevolgd", {"toelichting": "Afgerond."}, "eigenaar", TODAY - timedelta(3)),
        NewEvent(CONDITION_OLD, "vervuld", {"toelichting": "Business case herzien."}, "eigenaar",
                 TODAY - timedelta(20)),
        NewEvent(CONDITION_NEW, "vervuld", {"toelichting": "Business case herzien."}, "eigenaar",
                 TODAY - timedelta(2)),
    ])
    yield app
    tracker.engine.dispose()


def run(app, *args):
    return app.test_cli_runner().invoke(args=["herinneringen", *args])


def title(app, key: str) -> str:
    return queries.get_item(app.extensions["tracker"], key).item.title


def under(tracker, key: str) -> set[str]:
    found, todo = {key}, [key]
    while todo:
        for child in queries.list_items(tracker, parent=todo.pop()):
            found.add(child.item.key)
            todo.append(child.item.key)
    return found


def owed(tracker, scope: str) -> set[str]:
    """What an owner must be reminded of: open items in scope with a deadline no later than 14 days from now."""
    return {p.item.key for p in queries.list_items(tracker) if p.item.key in under(tracker, scope) and not p.done
            and tracker.registry(p.item.kind).done_states and p.deadline and p.deadline <= TODAY + timedelta(14)}


def listed(app, text: str, keys) -> set[str]:
    """The items a message lists: a line with the title, its parent's title (unless a topic) and why."""
    return {k for k in keys if re.search(rf"^- {re.escape(title(app, k))}( \(.+\))? — ", text, re.MULTILINE)}


def test_each_owner_gets_one_message_listing_their_due_and_overdue_items_by_title(app, smtp_server):
    server = smtp_server()
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{server.port}"
    tracker = app.extensions["tracker"]
    result = run(app)
    assert result.exit_code == 0, result.output
    for name in ("aut-eigenaar", "vg-eigenaar"):
        address, expected = PEOPLE[name][2], owed(tracker, PEOPLE[name][1])
        mails = server.mailbox.to(address)
        assert len(mails) == 1 and expected, name
        text = mails[0].text
        everything = under(tracker, PEOPLE[name][1]) | {"autorisatiebeheer-roger"}
        assert listed(app, text, everything) == expected
        assert f"{BASE}/werk" in text and mails[0].message["From"] == SENDER
        assert mails[0].message["Subject"].startswith("Volgsysteem Stand van Defensie:")
    autorisatie = server.mailbox.to("aut@mindef.example.nl")[0].text
    overdue, soon = autorisatie.split("Deadline binnen 14 dagen")
    assert f"- {title(app, 'autorisatiebeheer-a2')} (Autorisatiebeheer) — uiterlijk 3 december 2026" in soon
    assert title(app, "autorisatiebeheer-sap-grc") in overdue and "uiterlijk 31 december 2025" in overdue
    assert title(app, "autorisatiebeheer-roger") not in autorisatie  # its deadline is 30 days away
    assert not owed(tracker, "cryptobeheer") and not server.mailbox.to("crypto@mindef.example.nl")  # nothing due
    assert not server.mailbox.to("lid@mindef.example.nl")
    assert "ink-eigenaar" in result.output and "geen e-mailadres" in result.output


def test_the_auditor_gets_claims_waiting_longer_than_ten_days_and_the_cio_waiting_conditions(app, smtp_server):
    server = smtp_server()
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{server.port}"
    tracker = app.extensions["tracker"]
    assert run(app).exit_code == 0
    [audit] = server.mailbox.to("auditor@mindef.example.nl")
    waiting = {p.item.key for p in queries.list_items(tracker, kind="aanbeveling", state="opgevolgd")
               if p.item.key in under(tracker, "munitiebeheer")}
    assert "munitiebeheer-a10" in waiting and len(waiting) > 2
    assert listed(app, audit.text, waiting) == waiting - {"munitiebeheer-a10"}  # claimed 3 days ago
    assert "wacht op verificatie" in audit.text and "Achterstallig" not in audit.text
    [cio] = server.mailbox.to("cio@mindef.example.nl")
    conditions = {CONDITION_OLD, CONDITION_NEW}
    assert listed(app, cio.text, conditions) == {CONDITION_OLD}
    project = queries.get_item(tracker, CONDITION_OLD).item.parent
    assert f"- {title(app, CONDITION_OLD)} ({title(app, project)}) — " in cio.text
    assert "wacht op aanvaarding door de CIO" in cio.text and "sinds 8 november 2026, 20 dagen" in cio.text


def test_a_second_run_on_the_same_day_sends_nothing_and_the_next_day_sends_again(app, smtp_server, day):
    server = smtp_server()
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{server.port}"
    assert run(app).exit_code == 0
    first = len(server.mailbox.received)
    assert first >= 4
    again = run(app)
    assert again.exit_code == 0 and len(server.mailbox.received) == first
    assert f"0 verzonden, 0 mislukt, 1 zonder e-mailadres, {first} eerder vandaag al verzonden" in again.output
    day["today"] = TODAY + timedelta(days=1)
    assert run(app).exit_code == 0
    assert len(server.mailbox.received) == 2 * first


def test_a_run_with_the_server_down_is_recorded_shown_to_the_beheerder_and_delivered_next_run(app, smtp_server):
    port = free_port()
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{port}"
    tracker = app.extensions["tracker"]
    down = run(app)
    assert down.exit_code == 1 and "niet bereikbaar" in down.output
    pending = reminder_store.undelivered(tracker.engine)
    assert {r.account for r in pending} >= {"aut-eigenaar", "mun-auditor", "cio", "ink-eigenaar"}
    assert all(r.last is not None and r.last.error for r in pending)

    page = beheerder(app).get("/beheer/herinneringen")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f"Mailserver 127.0.0.1:{port} is niet bereikbaar: verbinding geweigerd" in html
    assert "de volgende run vandaag probeert het opnieuw" in html and "ink-eigenaar" in html
    assert beheerder(app, "lid").get("/beheer/herinneringen").status_code == 403

    server = smtp_server(port=port)
    up = run(app)
    assert up.exit_code == 0, up.output
    delivered = {address for r in server.mailbox.received for address in r.recipients}
    assert delivered == {PEOPLE[r.account][2] for r in pending if PEOPLE[r.account][2]}
    assert {r.account for r in reminder_store.undelivered(tracker.engine)} == {"ink-eigenaar"}
    assert all(len(r.attempts) == 2 and r.delivered for r in reminder_store.on_day(tracker.engine, TODAY)
               if r.account != "ink-eigenaar")


def test_an_address_added_later_gets_the_days_reminder_on_the_next_run(app, smtp_server):
    server = smtp_server()
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{server.port}"
    run(app)
    assert not server.mailbox.to("inkoop@mindef.example.nl")
    answer = app.test_cli_runner().invoke(args=["user", "email", "ink-eigenaar", "inkoop@mindef.example.nl"])
    assert answer.exit_code == 0, answer.output
    assert run(app).exit_code == 0
    [mail] = server.mailbox.to("inkoop@mindef.example.nl")
    assert title(app, "inkoop") in mail.text


def test_starttls_with_credentials_and_a_certificate_checked_against_the_ca_file(app, smtp_server, tmp_path):
    cert, key = self_signed(tmp_path)
    server = smtp_server(tls=(cert, key), require_starttls=True, login=("tracker", "geheim wachtwoord"))
    app.config["SMTP_URL"] = f"smtp+starttls://tracker:geheim%20wachtwoord@localhost:{server.port}"
    app.config["SMTP_CA_FILE"] = str(cert)
    result = run(app)
    assert result.exit_code == 0, result.output
    assert server.mailbox.received and all(r.over_tls and r.signed_in_as == "tracker"
                                           for r in server.mailbox.received)
    assert "geheim" not in result.output


def test_an_untrusted_certificate_is_refused_and_nothing_is_sent_in_the_clear(app, smtp_server, tmp_path):
    server = smtp_server(tls=self_signed(tmp_path), require_starttls=True)
    app.config["SMTP_URL"] = f"smtp+starttls://localhost:{server.port}"  # no CA file: the system's CAs only
    result = run(app)
    assert result.exit_code == 1 and "Geen veilige verbinding" in result.output
    assert not server.mailbox.received


def test_starttls_asked_of_a_server_without_it_is_refused(app, smtp_server):
    server = smtp_server()
    app.config["SMTP_URL"] = f"smtp+starttls://127.0.0.1:{server.port}"
    result = run(app)
    assert result.exit_code == 1 and "biedt geen STARTTLS aan" in result.output
    assert not server.mailbox.received


@pytest.mark.parametrize("config, says", [
    ({"SMTP_URL": None}, "TRACKER_SMTP_URL ontbreekt"),
    ({"SMTP_URL": "http://mail.example.nl"}, "gebruik smtp://"),
    ({"SMTP_URL": "smtp://mail.example.nl:99999"}, "ongeldige poort"),
    ({"MAIL_FROM": "niemand"}, "TRACKER_MAIL_FROM 'niemand' is geen geldig e-mailadres"),
    ({"BASE_URL": None}, "TRACKER_BASE_URL ontbreekt"),
])
def test_missing_or_wrong_settings_are_named_and_nothing_is_recorded(app, config, says):
    app.config.update({"SMTP_URL": "smtp://127.0.0.1:25", **config})
    result = run(app)
    assert result.exit_code != 0 and says in result.output
    assert reminder_store.on_day(app.extensions["tracker"].engine, TODAY) == []


def test_thresholds_come_from_options_and_configuration(app, smtp_server):
    server = smtp_server()
    app.config.update(SMTP_URL=f"smtp://127.0.0.1:{server.port}", REMINDER_WAIT_DAYS=1)
    assert run(app, "--dagen", "40").exit_code == 0
    [owner] = server.mailbox.to("aut@mindef.example.nl")
    assert title(app, "autorisatiebeheer-roger") in owner.text and "Deadline binnen 40 dagen" in owner.text
    [cio] = server.mailbox.to("cio@mindef.example.nl")
    assert "26 november 2026, 2 dagen" in cio.text  # the condition declared two days ago now counts
    refused = run(app, "--wachtdagen", "tien")
    assert refused.exit_code == 1 and "--wachtdagen moet een heel aantal dagen zijn" in refused.output


def test_a_dry_run_shows_the_messages_and_sends_or_records_nothing(app, smtp_server):
    server = smtp_server()
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{server.port}"
    result = run(app, "--droog")
    assert result.exit_code == 0 and "Aan: aut-eigenaar <aut@mindef.example.nl>" in result.output
    assert title(app, "autorisatiebeheer-a2") in result.output
    assert not server.mailbox.received and reminder_store.on_day(app.extensions["tracker"].engine, TODAY) == []


def beheerder(app, name: str = "beheer"):
    tracker = app.extensions["tracker"]
    if accounts.get(tracker, name) is None:
        accounts.create(tracker, name, "beheerder")
    accounts.set_password(tracker, name, PASSWORD)
    client = app.test_client()
    assert client.post("/aanmelden", data={"name": name, "password": PASSWORD}).status_code == 302
    return client


def test_the_beheerder_gives_an_account_an_address_in_the_web_and_a_wrong_one_is_refused(app):
    client = beheerder(app)
    refused = client.post("/beheer/accounts/lid/wijzigen",
                          data={"role": "lezer", "scope": "", "display_name": "", "email": "lid@@mindef"})
    assert refused.status_code == 422 and "geen geldig e-mailadres" in refused.get_data(as_text=True)
    assert accounts.get(app.extensions["tracker"], "lid") is not None
    changed = client.post("/beheer/accounts/lid/wijzigen",
                          data={"role": "lezer", "scope": "", "display_name": "", "email": "nieuw@mindef.example.nl"})
    assert changed.status_code == 302
    page = client.get("/beheer/accounts/lid").get_data(as_text=True)
    assert "nieuw@mindef.example.nl" in page
    created = client.post("/beheer/accounts", data={"name": "nieuw", "role": "lezer", "scope": "",
                                                    "display_name": "", "email": "n@mindef.example.nl"})
    assert created.status_code == 302
    assert re.search(r"n@mindef\.example\.nl", client.get("/beheer/accounts").get_data(as_text=True))


def test_the_command_line_refuses_a_wrong_address(app):
    runner = app.test_cli_runner()
    answer = runner.invoke(args=["user", "create", "piet", "--role", "lezer", "--email", "piet at mindef"])
    assert answer.exit_code == 1 and "geen geldig e-mailadres" in answer.output
    assert accounts.get(app.extensions["tracker"], "piet") is None
    assert runner.invoke(args=["user", "email", "bestaat-niet", "x@mindef.example.nl"]).exit_code == 1
    cleared = runner.invoke(args=["user", "email", "lid", ""])
    assert cleared.exit_code == 0 and "geen e-mailadres meer" in cleared.output
    assert account_store.find(app.extensions["tracker"].engine, "lid").email is None
