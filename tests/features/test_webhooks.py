"""Steps for features/koppelingen: a beheerder registers a receiver through the API, owners record as always, and
`tracker webhooks-bezorgen --eenmaal` delivers to a real HTTP receiver on localhost (tests/webhook_receiver.py)."""
from __future__ import annotations

import time

from pytest_bdd import given, parsers, scenarios, then, when

from tests.webhook_receiver import webhook_receiver  # noqa: F401  (fixture)

scenarios("koppelingen/webhooks.feature")


def beheerder(people):
    if "beheerder" not in people.seen:
        people.seen["beheerder"] = people.persona("beheerder", name="beheerder")
    return people.seen["beheerder"]


def register(persona, url: str, event: str | None):
    body = {"url": url, **({"events": [event]} if event else {})}
    return persona.api.post("/api/v1/webhooks", json=body, headers=persona.headers())


def subscriber(people) -> dict:
    [shown] = beheerder(people).get("/api/v1/webhooks").json
    return shown


def messages(people) -> list:
    return people.seen["ontvanger"].received


# --- the situation ------------------------------------------------------------------------------------------

@given("er luistert een ontvanger van webhooks")
def receiver_listens(people, webhook_receiver):  # noqa: F811
    people.seen.update(ontvanger=webhook_receiver(), start=webhook_receiver)


@given(parsers.parse('de beheerder heeft de ontvanger aangemeld voor "{event}"'))
def registered(people, event):
    answer = register(beheerder(people), people.seen["ontvanger"].url, event)
    assert answer.status_code == 201, answer.json
    people.seen["geheim"] = answer.json["secret"]


@given("de ontvanger is onbereikbaar")
def receiver_down(people):
    people.seen["ontvanger"].stop()


@when("de ontvanger weer luistert")
def receiver_back(people):
    gone = people.seen["ontvanger"]
    people.seen["ontvanger"] = people.seen["start"](port=gone.port, received=gone.received)
    time.sleep(0.05)  # the back-off after the failed attempt (0.01 s, see `deliver`) has run out by now


# --- acting -------------------------------------------------------------------------------------------------

@when(parsers.parse('ik de ontvanger aanmeld voor "{event}"'))
def register_receiver(people, event):
    people.last = register(people.current, people.seen["ontvanger"].url, event)
    if people.last.status_code == 201:
        people.seen["geheim"] = people.last.json["secret"]


@when(parsers.parse('ik een ontvanger aanmeld op "{url}"'))
def register_url(people, url):
    people.last = register(people.current, url, None)


@when("de webhooks worden bezorgd")
def deliver(people):
    """One pass of the delivery process. A retry is due at once here (the back-off is tested elsewhere)."""
    people.seen["bezorging"] = people.app.test_cli_runner().invoke(
        args=["webhooks-bezorgen", "--eenmaal", "--eerste-wachttijd", "0.01", "--max-wachttijd", "0.01"])


# --- what the beheerder sees --------------------------------------------------------------------------------

@then(parsers.parse('is de ontvanger aangemeld voor "{event}"'))
def is_registered(people, event):
    assert people.last.status_code == 201, people.last.json
    shown = subscriber(people)
    assert (shown["url"], shown["events"], shown["status"]) == (people.seen["ontvanger"].url, [event], "actief")


@then("krijg ik het geheim alleen bij het aanmelden te zien")
def secret_once(people):
    secret = people.seen["geheim"]
    assert secret.startswith("whsec_")
    listed = people.current.get("/api/v1/webhooks")
    assert secret not in listed.get_data(as_text=True) and "secret" not in listed.json[0]


@then(parsers.parse('ziet de beheerder bij de ontvanger de fout "{text}" en {n:d} wachtend bericht'))
def sees_failure(people, text, n):
    shown = subscriber(people)
    assert text in (shown["last_error"] or "") and shown["pending"] == n, shown


@then("ziet de beheerder bij de ontvanger geen fout en geen wachtend bericht")
def sees_all_delivered(people):
    shown = subscriber(people)
    assert (shown["last_error"], shown["pending"], shown["status"]) == (None, 0, "actief"), shown


# --- what the receiver gets ---------------------------------------------------------------------------------

@then(parsers.parse('krijgt de ontvanger één bericht "{event}" over "{title}"'))
def one_message(people, event, title):
    received = messages(people)
    assert len({r.seq for r in received}) == 1, (received, people.seen["bezorging"].output)
    payload = received[-1].json
    assert (payload["type"], payload["data"]["item"]) == (event, people.key(title)), payload
    people.seen["bericht"] = received[-1]


@then("krijgt de ontvanger geen bericht")
def no_message(people):
    assert people.seen["bezorging"].exit_code == 0, people.seen["bezorging"].output
    assert messages(people) == []


@then("is dat bericht ondertekend met het geheim van de ontvanger")
def signed(people):
    assert people.seen["bericht"].verified(people.seen["geheim"])["data"]["seq"] == people.seen["bericht"].seq


@then(parsers.parse('noemt dat bericht de toelichting "{reason}"'))
def names_reason(people, reason):
    assert people.seen["bericht"].json["data"]["data"]["toelichting"] == reason
