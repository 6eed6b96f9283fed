"""The OpenAPI document describes what a generated client needs: every report's rows with their types, each
topic's headline, and one error format."""
import pytest

from tracker.services import catalog, dashboard


@pytest.fixture
def spec(api_app):
    return api_app.test_client().get("/api/v1/openapi.json").json


def test_every_report_has_its_own_route_with_typed_rows(spec):
    for report in catalog.REPORTS:
        answer = spec["paths"][f"/api/v1/reports/{report.name}"]["get"]["responses"]["200"]
        reference = answer["content"]["application/json"]["schema"]["items"]["$ref"]
        rows = spec["components"]["schemas"][reference.rsplit("/", 1)[1]]
        assert set(rows["properties"]) == set(report.rows)
        assert all("type" in p for p in rows["properties"].values())
        assert set(rows["required"]) == set(report.rows)


def test_errors_have_one_schema(spec):
    schemas = spec["components"]["schemas"]
    assert "Fout" in schemas and "Error" not in schemas
    for status, response in spec["components"].get("responses", {}).items():
        if "content" in response:
            assert response["content"]["application/json"]["schema"]["$ref"].endswith("/Fout"), status


def test_topics_carry_the_headline_the_dashboard_shows(spec, api_app, as_role):
    assert "headline" in spec["components"]["schemas"]["Topic"]["properties"]
    topics = as_role("lezer").get("/api/v1/topics").json
    onv = next(t for t in topics if t["key"] == "onvolkomenheden")
    assert onv["report"] == "onvolkomenheden"
    tracker = api_app.extensions["tracker"]
    board = dashboard.dashboard(tracker, tracker.today())
    assert onv["headline"]["label"] == next(t.headline.label for t in board.topics if t.key == "onvolkomenheden")
    assert onv["headline"]["label"].endswith("aanbevelingen opgevolgd")
