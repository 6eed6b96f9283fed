"""The interim pages: the topic list and the health check."""


def test_home_lists_topics_with_their_progress_label(seeded_app):
    page = seeded_app.test_client().get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<html lang="nl">' in html
    assert "Onvolkomenheden Algemene Rekenkamer" in html and "0 van 7 onvolkomenheden opgelost" in html


def test_healthz_reports_the_database(seeded_app):
    response = seeded_app.test_client().get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["events"] > 100


def test_healthz_on_an_empty_database_says_what_to_do(tmp_path):
    from tests.conftest import make_app

    response = make_app(tmp_path / "leeg.db").test_client().get("/healthz")
    assert response.status_code == 200
    assert "init-db" in response.get_json()["database"]
