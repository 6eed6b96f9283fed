"""Separation of duties, through the API: every field of every kind belongs to the roles its definition gives
it (by default the roles of the transitions that carry it), corrections included. The matrix is derived from
workflows/, not written out, so a new field or kind is covered by adding it."""
from datetime import timedelta

import pytest

from tracker.services import accounts
from tracker.storage import projection_store

ROLES = ("eigenaar", "auditor", "rekenkamer", "cio", "beheerder")


def sample(spec, current):
    """A valid value for a field of this kind (a reference: the one it holds, which stays valid and unique)."""
    if spec.type == "item":
        return current
    if spec.type == "choice":
        return spec.choices[0]
    if spec.type == "boolean":
        return True
    if spec.type == "date":
        return "2026-01-01"
    if spec.type in ("year", "integer"):
        return int(spec.minimum) if spec.minimum is not None else 2025
    if spec.type == "decimal":
        return spec.minimum if spec.minimum is not None else 2.0
    return "Gecorrigeerde tekst"


@pytest.fixture
def one_of_each(api_app):
    """One item of every kind, and per kind an account of each role scoped to it."""
    tracker = api_app.extensions["tracker"]
    with tracker.read() as connection:
        items = {}
        for workflow in tracker.registry:
            rows = projection_store.select_items(connection, kind=workflow.kind)
            if rows:
                items[workflow.kind] = rows[0].item.key
    tokens = {}
    for kind, key in items.items():
        for role in ROLES:
            name = f"{role}-{kind}"
            accounts.create(tracker, name, role, None if role == "beheerder" else key)
            tokens[kind, role] = accounts.new_token(tracker, name)
    return tracker, items, tokens


def correct(client, token, key, data):
    headers = {"Authorization": f"Bearer {token}"}
    version = client.get(f"/api/v1/items/{key}", headers=headers).headers["ETag"]
    return client.post(f"/api/v1/items/{key}/events", headers={**headers, "If-Match": version},
                       json={"type": "gegevens_gewijzigd", "data": {**data, "toelichting": "Correctie"}})


def write(client, url, body):
    """POST an event as the client's account, If-Match taken from the item as it stands."""
    key = url.split("/")[4]
    return client.post(url, json=body, headers={"If-Match": client.version(key)})


def test_every_field_of_every_kind_belongs_to_its_roles(api_app, one_of_each):
    tracker, items, tokens = one_of_each
    client = api_app.test_client()
    checked = 0
    for kind, key in items.items():
        workflow = tracker.registry(kind)
        correctable = workflow.transition("gegevens_gewijzigd", "*") or next(
            t for t in workflow.transitions if t.event == "gegevens_gewijzigd")
        for name, spec in workflow.fields.items():
            if name not in correctable.optional:
                continue
            for role in ROLES:
                admin = {"Authorization": f"Bearer {tokens[kind, 'beheerder']}"}
                current = client.get(f"/api/v1/items/{key}", headers=admin).json["attributes"].get(name)
                answer = correct(client, tokens[kind, role], key, {name: sample(spec, current)})
                allowed = role == "beheerder" or role in spec.roles
                assert answer.status_code == (201 if allowed else 403), (kind, name, role, answer.json)
                if role == "beheerder":  # a beheerder may, and is marked when it is someone else's field
                    assert answer.json["data"].get("buiten_taak", False) is ("beheerder" not in spec.roles)
                checked += 1
    assert checked > 100


def test_an_owner_cannot_record_the_rekenkamers_verdict_by_a_correction(as_role):
    owner, auditor, rekenkamer = as_role("eigenaar"), as_role("auditor"), as_role("rekenkamer")
    for field, value in (("oordeel", "afgeschaald"), ("voortgang", "vooruitgang"), ("ernstig", False),
                         ("vo_jaar", 2025)):
        refused = write(owner, "/api/v1/items/munitiebeheer/events", {
            "type": "gegevens_gewijzigd", "data": {field: value, "toelichting": "Bijgewerkt"}})
        assert refused.status_code == 403, field
        assert "andere rol" in refused.json["message"]
    allowed = write(owner, "/api/v1/items/munitiebeheer/events", {
        "type": "gegevens_gewijzigd", "data": {"plan_van_aanpak": "Q4 2025", "toelichting": "Herzien"}})
    assert allowed.status_code == 201
    internal = write(auditor, "/api/v1/items/munitiebeheer/events", {  # verifying claims is another duty
        "type": "gegevens_gewijzigd", "data": {"oordeel": "onvolkomenheid", "toelichting": "Per VO 2025"}})
    assert internal.status_code == 403
    verdict = write(rekenkamer, "/api/v1/items/munitiebeheer/events", {
        "type": "gegevens_gewijzigd", "data": {"oordeel": "onvolkomenheid", "toelichting": "Per VO 2025"}})
    assert verdict.status_code == 201


def test_the_cios_fields_are_the_cios(api_app, as_role, tokens):
    tracker = api_app.extensions["tracker"]
    accounts.create(tracker, "eigenaar-cio", "eigenaar", "cio-oordelen")
    owner_token = accounts.new_token(tracker, "eigenaar-cio")
    client = api_app.test_client()
    assert correct(client, owner_token, "cio-test-a", {"adviezen": "Eigen advies"}).status_code == 403
    assert correct(client, owner_token, "cio-test-a", {"geprioriteerd": True}).status_code == 403
    assert correct(client, tokens["cio"], "cio-test-a", {"adviezen": "Advies van de CIO"}).status_code == 201


def test_done_waits_for_every_prerequisite(as_role):
    refused = write(as_role("beheerder"), "/api/v1/items/autorisatiebeheer-a2/events", {
        "type": "opgevolgd", "data": {"toelichting": "Functiescheiding geanalyseerd"}})
    assert refused.status_code == 422
    assert "Implementatie SAP GRC-tooling" in refused.json["message"]
    assert refused.json["blocking"] == ["autorisatiebeheer-sap-grc"]


def test_an_owner_cannot_date_an_event_further_back_than_the_window(api_app, as_role):
    today = api_app.extensions["tracker"].today()
    refused = write(as_role("eigenaar"), "/api/v1/items/munitiebeheer-a10/events", {
        "type": "opmerking", "data": {"toelichting": "Terug in de tijd"},
        "occurred_on": (today - timedelta(days=60)).isoformat()})
    assert refused.status_code == 422
    assert "hoogstens 31 dagen" in refused.json["message"]
    within = write(as_role("eigenaar"), "/api/v1/items/munitiebeheer-a10/events", {
        "type": "opmerking", "data": {"toelichting": "Vorige week"},
        "occurred_on": (today - timedelta(days=7)).isoformat()})
    assert within.status_code == 201


def test_a_beheerders_late_correction_needs_a_reason_and_says_so(as_role):
    admin = as_role("beheerder")
    bare = write(admin, "/api/v1/items/beveiliging-militaire-objecten-a11/events", {
        "type": "afhankelijkheid_toegevoegd", "data": {"op": "munitiebeheer-a9"}, "occurred_on": "2025-07-01"})
    assert bare.status_code == 422 and "late correctie" in bare.json["message"]
    late = write(admin, "/api/v1/items/beveiliging-militaire-objecten-a11/events", {
        "type": "opmerking", "data": {"toelichting": "Notulen van juli alsnog vastgelegd"},
        "occurred_on": "2025-07-01"})
    assert late.status_code == 201 and late.json["data"]["late_correctie"] is True


def test_no_item_before_its_parent_and_marks_are_not_for_users(as_role):
    admin = as_role("beheerder")
    early = admin.post("/api/v1/items/munitiebeheer-a99/events", headers={"If-None-Match": "*"}, json={
        "type": "aangemaakt", "data": {"kind": "aanbeveling", "title": "Te vroeg", "parent": "munitiebeheer",
                                       "toelichting": "x"}, "occurred_on": "0001-01-01"})
    assert early.status_code == 422 and "kan niet bestaan vóór" in early.json["message"]
    forged = write(as_role("eigenaar"), "/api/v1/items/munitiebeheer-a10/events", {
        "type": "opmerking", "data": {"toelichting": "x", "onderhoud": True}})
    assert forged.status_code == 422 and forged.json["reason"] == "onbekend_veld"
