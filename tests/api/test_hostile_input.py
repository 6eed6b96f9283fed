"""Hostile input: every request below is answered 4xx and changes nothing."""
import json

import pytest

from tracker.services import queries


def event_count(app):
    return queries.chain_head(app.extensions["tracker"])["events"]


def post(client, path, body, **headers):
    return client.post(path, data=body, headers={"Content-Type": "application/json", **headers})


@pytest.fixture
def admin(as_role):
    return as_role("beheerder")


def test_an_oversized_body_is_413(api_app, admin):
    before = event_count(api_app)
    body = json.dumps({"type": "opmerking", "data": {"toelichting": "x" * (2 * 1024 * 1024)}})
    response = post(admin.client, "/api/v1/items/munitiebeheer-a10/events", body, **admin.headers({"If-Match": '"2"'}))
    assert response.status_code == 413 and response.json["code"] == 413
    assert event_count(api_app) == before


@pytest.mark.parametrize("depth", [40, 5000, 100_000])
def test_deeply_nested_json_is_400(api_app, admin, depth):
    before = event_count(api_app)
    body = '{"type": "opmerking", "data": {"toelichting": ' + "[" * depth + "]" * depth + "}}"
    response = post(admin.client, "/api/v1/items/munitiebeheer-a10/events", body, **admin.headers({"If-Match": '"2"'}))
    assert response.status_code == 400 and "genest" in response.json["message"]
    assert event_count(api_app) == before


def test_odd_but_valid_unicode_is_stored_as_typed(admin):
    text = "Toelichting \u202e‮ gespiegeld, emoji 🛡️, combinerend e\u0301, Chinees 防务, nul-breed\u200b."
    version = admin.version("munitiebeheer-a10")
    response = admin.post("/api/v1/items/munitiebeheer-a10/events", json={"type": "opmerking",
                                                                         "data": {"toelichting": text}},
                          headers={"If-Match": version})
    assert response.status_code == 201 and response.json["data"]["toelichting"] == text.strip()


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb", "\x00", "met \u0000 nul"])
def test_unstorable_text_is_422_or_400(api_app, admin, text):
    before = event_count(api_app)
    body = json.dumps({"type": "opmerking", "data": {"toelichting": text}})
    response = post(admin.client, "/api/v1/items/munitiebeheer-a10/events", body,
                    **admin.headers({"If-Match": admin.version("munitiebeheer-a10")}))
    assert response.status_code in (400, 422), response.json
    assert event_count(api_app) == before


@pytest.mark.parametrize("query", [
    "state=x'%20OR%20'1'='1", "topic='%20OR%201=1%20--", "kind=aanbeveling;DROP%20TABLE%20events",
    "parent=munitiebeheer'--", "peildatum=2025-12-31'%20OR%201=1", "page=1;DELETE", "page_size=-1",
    "blocked=1%20OR%201=1", "parent=munitiebeheer%0A", "peildatum=0001-01-01", "peildatum=9999-12-31",
])
def test_sql_in_filters_is_refused(api_app, admin, query):
    before = event_count(api_app)
    response = admin.get(f"/api/v1/items?{query}")
    assert response.status_code == 422, response.json
    assert event_count(api_app) == before


@pytest.mark.parametrize("path", [
    "/api/v1/items/..%2F..%2Fetc%2Fpasswd", "/api/v1/items/%2e%2e", "/api/v1/items/..",
    "/api/v1/items/" + "a" * 5000, "/api/v1/items/sleutel%20met%20spatie", "/api/v1/items/%E2%80%AEgeheim",
    "/api/v1/items/munitiebeheer%00", "/api/v1/reports/..%2Fopenapi.json", "/api/v1/items/%252e%252e/events",
])
def test_path_tricks_in_keys_find_nothing(api_app, admin, path):
    response = admin.get(path)
    assert 400 <= response.status_code < 500, path
    assert response.is_json


@pytest.mark.parametrize("key", ["..", "../x", "a/b", "%2e%2e", "-start", "x" * 101, "tab\tin", "munitiebeheer-a11\n",
                                 "nieuw\r\n", "nieuw\u2028"])
def test_path_tricks_cannot_create_items(api_app, admin, key):
    before = event_count(api_app)
    body = json.dumps({"type": "aangemaakt", "data": {"kind": "aanbeveling", "title": "x", "parent": "munitiebeheer"}})
    from urllib.parse import quote

    response = post(admin.client, f"/api/v1/items/{quote(key, safe='')}/events", body,
                    **admin.headers({"If-None-Match": "*"}))
    assert 400 <= response.status_code < 500
    assert event_count(api_app) == before


def test_wrong_content_types_and_methods(admin):
    assert admin.client.post("/api/v1/items/munitiebeheer-a10/events", data="type=opmerking",
                             headers=admin.headers({"Content-Type": "application/x-www-form-urlencoded",
                                                    "If-Match": '"2"'})).status_code in (400, 415, 422)
    assert admin.client.put("/api/v1/items/munitiebeheer-a10", headers=admin.headers()).status_code == 405
