"""Steps for features/api: the same scenarios through the HTTP client."""
import pytest
from pytest_bdd import given, parsers, scenarios, then, when

scenarios("api")


@pytest.fixture
def http():
    return {}


@given(parsers.re(r'ik ben via de API aangemeld als "(?P<name>[^"]+)"(?: met bereik "(?P<scope>[^"]+)")?'))
def signed_in(as_role, http, name, scope):
    from tests.api_fixtures import ACCOUNTS

    assert ACCOUNTS[name][1] == scope
    http["client"] = as_role(name)
    http["read"] = {}


@given(parsers.parse('een collega heeft via de API intussen een opmerking geplaatst bij "{key}"'))
def colleague(as_role, http, key):
    http["read"][key] = http["client"].version(key)  # what I read before my colleague's change
    colleague = as_role("beheerder")
    response = colleague.post(f"/api/v1/items/{key}/events", json={"type": "opmerking", "data": {
        "toelichting": "Overleg gepland"}}, headers={"If-Match": colleague.version(key)})
    assert response.status_code == 201


def _post(http, key, event, reason, version):
    http["response"] = http["client"].post(f"/api/v1/items/{key}/events", json={
        "type": event, "data": {"toelichting": reason}}, headers={"If-Match": version})


@when(parsers.parse('ik via de API "{event}" vastleg op "{key}" met toelichting "{reason}" uitgaande van mijn '
                    'eerder gelezen versie'))
def post_with_old_version(http, event, key, reason):
    _post(http, key, event, reason, http["read"][key])


@when(parsers.parse('ik via de API "{event}" vastleg op "{key}" met toelichting "{reason}"'))
def post_event(http, event, key, reason):
    _post(http, key, event, reason, http["client"].version(key))


@then(parsers.parse("antwoordt de API met status {status:d}"))
def status(http, status):
    assert http["response"].status_code == status, http["response"].json


@then(parsers.parse('antwoordt de API met status {status:d} en de melding "{text}"'))
def status_and_message(http, status, text):
    assert http["response"].status_code == status and text in http["response"].json["message"]


@then(parsers.parse('staat in de API als vastlegger "{actor}"'))
def actor_is(http, actor):
    assert http["response"].json["actor"] == actor


@then(parsers.parse('toont de API bij "{key}" de voortgang "{label}"'))
def api_progress(http, key, label):
    assert http["client"].get(f"/api/v1/items/{key}").json["progress"]["label"] == label
