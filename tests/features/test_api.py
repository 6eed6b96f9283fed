"""Steps for features/api: the HTTP contract, as the system of a signed-in person uses it."""
from pytest_bdd import given, parsers, scenarios, then, when

from tests.documents import PDF, digest, upload
from tests.features.surface import iso, reader

scenarios("api")


def post(people, key, event, reason, headers, bewijs=None):
    data = {"toelichting": reason, **({"bewijs": bewijs} if bewijs else {})}
    people.last = people.current.api.post(f"/api/v1/items/{key}/events", json={"type": event, "data": data},
                                          headers=people.current.headers(headers))


@when(parsers.parse('ik via de API het document "{name}" upload'))
def upload_document(people, name):
    people.seen["document"] = PDF
    people.last = upload(people.current.api, people.current.headers(), PDF, name)


@then("antwoordt de API met status 201 en de SHA-256-som van het document")
def answers_digest(people):
    assert people.last.status_code == 201 and people.last.json["sha256"] == digest(people.seen["document"])


@given(parsers.parse('ik heb "{title}" via de API gelezen'))
def read_before(people, title):
    people.seen["read"] = people.current.version(people.key(title))


@given(parsers.parse('een collega heeft via de API intussen een opmerking geplaatst bij "{title}"'))
def colleague(people, title):
    answer = people.persona("beheerder", name="collega").record(people.key(title), "opmerking",
                                                                {"toelichting": "Overleg gepland"})
    assert answer.status_code == 201, answer.json


@when(parsers.re(r'ik via de API "(?P<event>[^"]+)" vastleg op "(?P<title>[^"]+)" met toelichting "(?P<reason>[^"]+)"'
                 r'(?P<how>| uitgaande van wat ik eerder las| zonder If-Match| en dat document als bewijs)$'))
def post_event(people, event, title, reason, how):
    key = people.key(title)
    people.seen["before"] = people.current.version(key)
    if how == " zonder If-Match":
        headers = {}
    elif how == " uitgaande van wat ik eerder las":
        headers = {"If-Match": people.seen["read"]}
    else:
        headers = {"If-Match": people.seen["before"]}
    post(people, key, event, reason, headers, [digest(people.seen["document"])] if "bewijs" in how else None)


@when(parsers.parse('ik zonder token "{title}" opvraag via de API'))
def anonymous(people, title):
    people.last = people.app.test_client().get(f"/api/v1/items/{people.key(title)}")


@when(parsers.parse("ik via de API de oordelen van de Rekenkamer over het verantwoordingsonderzoek {vo:d} opvraag"))
def verdicts(people, vo):
    people.last = people.current.get(f"/api/v1/reports/rekenkamer?vo_jaar={vo}")
    people.seen["vo"] = vo


@when(parsers.parse('ik via de API "{title}" opvraag op peildatum {when}'))
def item_as_of(people, title, when):
    people.last = people.current.get(f"/api/v1/items/{people.key(title)}?peildatum={iso(when)}")


@then(parsers.parse("antwoordt de API met status {status:d}"))
def status(people, status):
    assert people.last.status_code == status, people.last.get_data(as_text=True)


@then(parsers.parse('antwoordt de API met status {status:d} en de melding "{text}"'))
def status_and_message(people, status, text):
    assert people.last.status_code == status and text in people.last.json["message"], people.last.json


@then("staat mijn account in de API als vastlegger")
def actor_is_me(people):
    assert people.last.json["actor"] == people.current.name


@then(parsers.parse('geeft de API bij "{title}" een nieuwe ETag'))
def new_etag(people, title):
    now = people.current.version(people.key(title))
    assert now != people.seen["before"] and now == people.last.headers["ETag"]


@then(parsers.parse('noemt het antwoord de huidige versie van "{title}"'))
def names_current_version(people, title):
    assert f'"{people.last.json["current_version"]}"' == people.current.version(people.key(title))


@then(parsers.parse('toont de API bij "{title}" de voortgang "{label}"'))
def api_progress(people, title, label):
    assert reader(people).get(f"/api/v1/items/{people.key(title)}").json["progress"]["label"] == label


@then(parsers.parse("noemt de API alle zeven onvolkomenheden, elk met haar oordeel over het verantwoordingsonderzoek "
                    "{vo:d}"))
def seven(people, vo):
    rows = people.last.json
    assert len(rows) == 7 and all(r["vo_jaar"] == vo and r["oordeel"] for r in rows), rows


@then(parsers.re(r'is in de API het oordeel over "(?P<title>[^"]+)" "(?P<verdict>[^"]+)"'
                 r'(?: met voortgang "(?P<progress>[^"]+)")?$'))
def verdict_of(people, title, verdict, progress):
    row = next(r for r in people.last.json if r["onvolkomenheid"] == title)
    assert row["oordeel"] == verdict.replace(" ", "_")
    if progress:
        assert row["voortgang"] == progress.replace(" ", "_")


@then(parsers.re(r"is het item in de API (?P<niet>niet )?achterstallig$"))
def overdue(people, niet):
    assert people.last.json["overdue"] is (not niet), people.last.json
