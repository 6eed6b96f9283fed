"""The HTTP API: reads, writes with If-Match, idempotency, errors."""
import json

from tests.documents import evidence_for


def event(client, key, type_, data=None, if_match=None, **headers):
    if if_match is not None:
        headers["If-Match"] = if_match
    return client.post(f"/api/v1/items/{key}/events", json={"type": type_, "data": data or {}}, headers=headers)


def test_an_owner_scoped_to_munitiebeheer_follows_its_tenth_recommendation(as_role):
    owner = as_role("eigenaar")
    response = event(owner, "munitiebeheer-a10", "opgevolgd",
                     {"toelichting": "RYLAP uitgerold", "bewijs": evidence_for(owner.client, owner.headers())},
                     owner.version("munitiebeheer-a10"))
    assert response.status_code == 201, response.json
    assert response.json["actor"] == "eigenaar" and response.headers["ETag"] == f'"{response.json["version"]}"'
    parent = owner.get("/api/v1/items/munitiebeheer").json
    assert parent["progress"]["label"] == "10 van 10 aanbevelingen opgevolgd"
    refused = event(owner, "cryptobeheer-a1", "opmerking", {"toelichting": "x"}, owner.version("cryptobeheer-a1"))
    assert refused.status_code == 403 and "buiten uw bereik" in refused.json["message"]


def test_the_actor_is_the_account_never_the_body(as_role):
    owner = as_role("eigenaar")
    response = owner.post("/api/v1/items/munitiebeheer-a10/events",
                          json={"type": "opmerking", "data": {"toelichting": "x"}, "actor": "iemand anders"},
                          headers={"If-Match": owner.version("munitiebeheer-a10")})
    assert response.status_code == 422 and "actor" in json.dumps(response.json["errors"])


def test_a_reader_gets_403_on_any_write_and_no_token_gets_401(as_role):
    reader = as_role("lezer")
    assert reader.get("/api/v1/topics").status_code == 200
    assert event(reader, "munitiebeheer-a10", "opmerking", {"toelichting": "x"}, '"2"').status_code == 403
    anonymous = as_role(None)
    for url in ("/api/v1/topics", "/api/v1/items", "/api/v1/items/inkoop", "/api/v1/reports/nigs"):
        response = anonymous.get(url)
        assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")
    assert event(anonymous, "munitiebeheer-a10", "opmerking", {"toelichting": "x"}, '"2"').status_code == 401
    assert as_role(None).client.get("/api/v1/items", headers={"Authorization": "Bearer tvd_vals"}).status_code == 401


def test_missing_if_match_is_428_and_stale_is_409_with_the_current_version(as_role):
    owner = as_role("eigenaar")
    missing = event(owner, "munitiebeheer-a10", "opmerking", {"toelichting": "x"})
    assert missing.status_code == 428 and "If-Match" in missing.json["message"]
    stale = event(owner, "munitiebeheer-a10", "opmerking", {"toelichting": "x"}, '"1"')
    assert stale.status_code == 409
    assert stale.json["current_version"] == int(owner.version("munitiebeheer-a10").strip('"'))
    assert event(owner, "munitiebeheer-a10", "opmerking", {"toelichting": "x"}, "geen-versie").status_code == 400


def test_a_retried_write_with_the_same_idempotency_key_writes_one_event(as_role):
    owner = as_role("eigenaar")
    version = owner.version("munitiebeheer-a10")
    claim = {"toelichting": "klaar", "bewijs": evidence_for(owner.client, owner.headers())}
    first = event(owner, "munitiebeheer-a10", "opgevolgd", claim, version, **{"Idempotency-Key": "poging-1"})
    again = event(owner, "munitiebeheer-a10", "opgevolgd", claim, version, **{"Idempotency-Key": "poging-1"})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json == first.json
    history = owner.get("/api/v1/items/munitiebeheer-a10/events?page_size=1000").json
    assert [e["type"] for e in history].count("opgevolgd") == 1
    other = event(owner, "munitiebeheer-a10", "opmerking", {"toelichting": "anders"}, again.headers["ETag"],
                  **{"Idempotency-Key": "poging-1"})
    assert other.status_code == 409 and other.json["reason"] == "idempotentiesleutel_hergebruikt"


def test_an_illegal_transition_is_422_with_the_allowed_transitions(as_role):
    admin = as_role("beheerder")
    response = event(admin, "munitiebeheer-a10", "geverifieerd", {}, admin.version("munitiebeheer-a10"))
    assert response.status_code == 422 and response.json["reason"] == "ongeldige_overgang"
    assert {"event": "opgevolgd", "to": "opgevolgd"} in response.json["allowed"]


def test_malformed_json_is_400_and_bad_fields_are_422_in_dutch(as_role):
    admin = as_role("beheerder")
    raw = admin.client.post("/api/v1/items/munitiebeheer-a10/events", data="{kapot",
                            headers=admin.headers({"Content-Type": "application/json", "If-Match": '"2"'}))
    assert raw.status_code == 400 and raw.json["code"] == 400
    missing = admin.post("/api/v1/items/munitiebeheer-a10/events", json={"data": {}}, headers={"If-Match": '"2"'})
    assert missing.status_code == 422 and missing.json["errors"]["json"]["type"] == ["Verplicht veld."]
    out_of_range = event(admin, "ooo-koninklijke-marine", "volwassenheid_gemeten", {"score": "4,5", "jaar": 2026},
                         admin.version("ooo-koninklijke-marine"))
    assert out_of_range.status_code == 422 and "1,0–4,0" in out_of_range.json["message"]


def test_unknown_things_are_404_in_json(as_role):
    admin = as_role("beheerder")
    for url in ("/api/v1/items/bestaat-niet", "/api/v1/items/bestaat-niet/events", "/api/v1/reports/begroting",
                "/api/v1/nergens"):
        response = admin.get(url)
        assert response.status_code == 404 and response.is_json and response.json["code"] == 404


def test_items_filter_paginate_and_answer_as_of_a_peildatum(as_role):
    reader = as_role("lezer")
    page = reader.get("/api/v1/items?kind=aanbeveling&page=2&page_size=10")
    assert page.status_code == 200 and len(page.json) == 10
    assert json.loads(page.headers["X-Pagination"])["total"] == 38
    at_risk = reader.get("/api/v1/items?at_risk=true&peildatum=2025-10-10").json
    assert "autorisatiebeheer" in [i["key"] for i in at_risk]
    old = reader.get("/api/v1/items/inkoop?peildatum=2023-12-31")
    assert old.json["progress"]["label"] == "1 van 3 aanbevelingen opgevolgd" and "ETag" not in old.headers
    assert reader.get("/api/v1/items?kleur=rood").status_code == 422


def test_topics_show_progress_and_counts(as_role):
    topics = {t["key"]: t for t in as_role("lezer").get("/api/v1/topics").json}
    assert topics["onvolkomenheden"]["progress"]["label"] == "0 van 7 onvolkomenheden opgelost"
    assert topics["onvolkomenheden"]["at_risk_items"] >= 1 and topics["cio-oordelen"]["items"] > 100


def test_reports_with_peildatum_in_json_and_markdown(as_role):
    reader = as_role("lezer")
    rows = reader.get("/api/v1/reports/onvolkomenheden?peildatum=2025-12-31").json
    assert rows[3]["status"] == "10 (van 12) aanbevelingen opgevolgd"
    md = reader.get("/api/v1/reports/onvolkomenheden?peildatum=2025-12-31&format=md")
    assert md.mimetype == "text/markdown" and "2022*" in md.get_data(as_text=True)


def test_dependencies_and_graph_over_http(as_role):
    admin = as_role("beheerder")
    added = admin.post("/api/v1/items/munitiebeheer-a8/dependencies", json={"op": "munitiebeheer-a10"},
                       headers={"If-Match": admin.version("munitiebeheer-a8")})
    assert added.status_code == 201
    deps = admin.get("/api/v1/items/munitiebeheer-a8/dependencies").json
    assert deps["prerequisites"][0]["key"] == "munitiebeheer-a10"
    cycle = admin.post("/api/v1/items/munitiebeheer-a10/dependencies", json={"op": "munitiebeheer-a8"},
                       headers={"If-Match": admin.version("munitiebeheer-a10")})
    assert cycle.status_code == 409 and cycle.json["cycle"][0] == "munitiebeheer-a10"
    removed = admin.delete("/api/v1/items/munitiebeheer-a8/dependencies/munitiebeheer-a10",
                           headers={"If-Match": admin.version("munitiebeheer-a8")})
    assert removed.status_code == 201
    graph = admin.get("/api/v1/items/autorisatiebeheer/graph?peildatum=2025-10-10").json
    assert graph["at_risk"] is True and graph["forecast"] == "2026-09-30"


def test_an_item_is_created_with_if_none_match_star(as_role):
    admin = as_role("beheerder")
    body = {"type": "aangemaakt", "data": {"kind": "aanbeveling", "title": "Nieuwe aanbeveling",
                                           "parent": "munitiebeheer"}}
    assert admin.post("/api/v1/items/munitiebeheer-a11/events", json=body).status_code == 428
    created = admin.post("/api/v1/items/munitiebeheer-a11/events", json=body, headers={"If-None-Match": "*"})
    assert created.status_code == 201 and created.headers["ETag"] == '"1"'
    assert admin.get("/api/v1/items/munitiebeheer").json["progress"]["label"] == "9 van 11 aanbevelingen opgevolgd"


def test_the_openapi_document_and_docs_page(api_app):
    client = api_app.test_client()
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.") and "/api/v1/items/{key}/events" in spec["paths"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert client.get("/api/v1/docs").status_code == 200
