"""Every role × every write endpoint × a target inside and outside the role's scope.

Accounts (tests/api/conftest.py): eigenaar and auditor are scoped to Munitiebeheer, cio to the CIO topic;
lezer and beheerder have no scope. Target A lies under Munitiebeheer (or, for CIO opinions, under the CIO
topic); target B lies elsewhere.
"""
import pytest

from tests.documents import PDF, digest, upload

UPLOAD = "<het document van wie meldt>"
ROLES = ["lezer", "eigenaar", "auditor", "cio", "beheerder"]

# endpoint: (request for target A, request for target B, {role: (status A, status B)})
MATRIX = {
    "opgevolgd": (
        ("events", "munitiebeheer-a10", {"type": "opgevolgd", "data": {"toelichting": "x", "bewijs": UPLOAD}}),
        ("events", "beveiliging-militaire-objecten-a12", {"type": "opgevolgd",
                                                          "data": {"toelichting": "x", "bewijs": UPLOAD}}),
        {"lezer": (403, 403), "eigenaar": (201, 403), "auditor": (403, 403), "cio": (403, 403),
         "beheerder": (201, 201)},
    ),
    "geverifieerd": (
        ("events", "munitiebeheer-a1", {"type": "geverifieerd", "data": {"toelichting": "x"}}),
        ("events", "cryptobeheer-a1", {"type": "geverifieerd", "data": {"toelichting": "x"}}),
        {"lezer": (403, 403), "eigenaar": (403, 403), "auditor": (201, 403), "cio": (403, 403),
         "beheerder": (201, 201)},
    ),
    "oordeel": (
        ("events", "cio-test-a", {"type": "oordeel_positief", "data": {"toelichting": "x"}}),
        ("events", "ooo-test-project", {"type": "oordeel_positief", "data": {"toelichting": "x"}}),
        {"lezer": (403, 403), "eigenaar": (403, 403), "auditor": (403, 403), "cio": (201, 403),
         "beheerder": (201, 201)},
    ),
    "opmerking": (
        ("events", "munitiebeheer-a10", {"type": "opmerking", "data": {"toelichting": "x"}}),
        ("events", "cio-test-a", {"type": "opmerking", "data": {"toelichting": "x"}}),
        {"lezer": (403, 403), "eigenaar": (201, 403), "auditor": (201, 403), "cio": (403, 201),
         "beheerder": (201, 201)},
    ),
    "afhankelijkheid": (
        ("dependencies", "munitiebeheer-a8", {"op": "munitiebeheer-a9"}),
        ("dependencies", "cio-test-b", {"op": "ooo-test-project"}),
        {"lezer": (403, 403), "eigenaar": (403, 403), "auditor": (403, 403), "cio": (403, 403),
         "beheerder": (201, 201)},
    ),
    "afhankelijkheid_weg": (
        ("undepend", "munitiebeheer-a10", "munitiebeheer-a9"),
        ("undepend", "cio-test-a", "cio-test-b"),
        {"lezer": (403, 403), "eigenaar": (403, 403), "auditor": (403, 403), "cio": (403, 403),
         "beheerder": (201, 201)},
    ),
    "aanmaken": (
        ("create", "munitiebeheer-a11", {"type": "aangemaakt", "data": {"kind": "aanbeveling", "title": "N",
                                                                        "parent": "munitiebeheer"}}),
        ("create", "cryptobeheer-a4", {"type": "aangemaakt", "data": {"kind": "aanbeveling", "title": "N",
                                                                      "parent": "cryptobeheer"}}),
        {"lezer": (403, 403), "eigenaar": (403, 403), "auditor": (403, 403), "cio": (403, 403),
         "beheerder": (201, 201)},
    ),
}
CASES = [(endpoint, role, target) for endpoint in MATRIX for role in ROLES for target in (0, 1)]


def send(client, request):
    kind, key, payload = request
    if isinstance(payload, dict) and payload.get("data", {}).get("bewijs") == UPLOAD:
        # the claim's document, uploaded by whoever claims (a reader may not upload: the claim is refused anyway)
        uploaded = upload(client.client, client.headers(), PDF, "bewijs.pdf")
        payload = {**payload, "data": {**payload["data"], "bewijs": [digest(PDF)]}}
        assert uploaded.status_code in (201, 401, 403)
    if kind == "create":
        return client.post(f"/api/v1/items/{key}/events", json=payload, headers={"If-None-Match": "*"})
    version = {"If-Match": client.version(key)}
    if kind == "events":
        return client.post(f"/api/v1/items/{key}/events", json=payload, headers=version)
    if kind == "dependencies":
        return client.post(f"/api/v1/items/{key}/dependencies", json=payload, headers=version)
    return client.delete(f"/api/v1/items/{key}/dependencies/{payload}", headers=version)


@pytest.mark.parametrize("endpoint, role, target", CASES,
                         ids=[f"{e}-{r}-{'binnen' if t == 0 else 'buiten'}" for e, r, t in CASES])
def test_authorization_matrix(as_role, endpoint, role, target):
    request = MATRIX[endpoint][target]
    expected = MATRIX[endpoint][2][role][target]
    response = send(as_role(role), request)
    assert response.status_code == expected, response.json
    if expected == 201:
        assert response.json["actor"] == role


@pytest.mark.parametrize("endpoint", list(MATRIX))
def test_every_write_endpoint_needs_a_token(as_role, endpoint):
    assert send(as_role(None), MATRIX[endpoint][0]).status_code == 401
