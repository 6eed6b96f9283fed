"""The pages need an account; the health check does not."""
import re

from tracker.services import accounts


def signed_in_client(app, role="lezer", name="lezer"):
    tracker = app.extensions["tracker"]
    accounts.create(tracker, name, role)
    accounts.set_password(tracker, name, "een-lang-wachtwoord")
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    assert client.post("/aanmelden", data={"name": name, "password": "een-lang-wachtwoord"}).status_code == 302
    return client


def test_pages_redirect_to_sign_in_when_signed_out(seeded_app):
    response = seeded_app.test_client().get("/")
    assert response.status_code == 302 and "/aanmelden" in response.headers["Location"]


def test_the_dashboard_lists_topics_with_their_progress(seeded_app):
    html = signed_in_client(seeded_app).get("/?peildatum=2025-12-31").get_data(as_text=True)
    assert '<html lang="nl">' in html
    assert "Onvolkomenheden Algemene Rekenkamer" in html and "34 van 38 aanbevelingen opgevolgd" in html
    assert "+20 sinds 30 juni 2025" in html


def test_a_wrong_password_is_refused_without_saying_which_part(seeded_app):
    signed_in_client(seeded_app)
    client = seeded_app.test_client()
    for name in ("lezer", "niemand"):
        response = client.post("/aanmelden", data={"name": name, "password": "fout-wachtwoord"})
        assert response.status_code == 401 and "Onbekende combinatie" in response.get_data(as_text=True)


def test_unsafe_next_targets_are_ignored(seeded_app):
    signed_in_client(seeded_app)
    client = seeded_app.test_client()
    response = client.post("/aanmelden?next=https://elders.example/", data={"name": "lezer",
                                                                            "password": "een-lang-wachtwoord"})
    assert response.headers["Location"] == "/"


def test_exports_have_the_right_types(seeded_app):
    client = signed_in_client(seeded_app)
    csv = client.get("/rapporten/nigs.csv?peildatum=2025-12-31")
    assert csv.mimetype == "text/csv" and "GBS-CMR1" in csv.get_data(as_text=True)
    xlsx = client.get("/rapporten/nigs.xlsx")
    assert xlsx.data[:2] == b"PK" and "attachment" in xlsx.headers["Content-Disposition"]


def test_a_bad_peildatum_gets_a_dutch_error_page(seeded_app):
    response = signed_in_client(seeded_app).get("/rapporten/nigs?peildatum=gisteren")
    assert response.status_code == 400 and "JJJJ-MM-DD" in response.get_data(as_text=True)


def test_bootstrap_creates_an_administrator_once(runner):
    first = runner.invoke(args=["user", "bootstrap"])
    assert first.exit_code == 0 and "wachtwoord:" in first.output
    second = runner.invoke(args=["user", "bootstrap"])
    assert second.exit_code == 0 and "bestaat al" in second.output


def test_healthz_tells_anyone_only_that_it_is_up(seeded_app):
    response = seeded_app.test_client().get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_healthz_reports_the_database_to_a_beheerder(seeded_app):
    tracker = seeded_app.extensions["tracker"]
    accounts.create(tracker, "beheer", "beheerder")
    token = accounts.new_token(tracker, "beheer")
    response = seeded_app.test_client().get("/healthz", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["events"] > 100
    accounts.create(tracker, "lezer", "lezer")
    reader = accounts.new_token(tracker, "lezer")
    assert seeded_app.test_client().get("/healthz", headers={"Authorization": f"Bearer {reader}"}).get_json() == {
        "status": "ok"}


def test_healthz_on_a_database_without_tables_answers_and_says_no_more(databases):
    from tests.conftest import make_app

    response = make_app(databases.new_url()).test_client().get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    # The details (and 'tracker init-db' as what to do) are for a beheerder, who needs accounts, so tables.


def test_an_item_page_as_of_an_earlier_peildatum_shows_that_days_state(seeded_app):
    client = signed_in_client(seeded_app)
    earlier = client.get("/item/munitiebeheer-a10?peildatum=2025-01-01").get_data(as_text=True)
    assert "versie 1" in earlier and "U bekijkt de stand per" in earlier  # started only on 2025-06-03
    assert "Afhankelijkheidsgraaf met kritiek pad" in earlier
    now = client.get("/item/munitiebeheer-a10").get_data(as_text=True)
    assert "versie 2" in now and "U bekijkt de stand per" not in now
    before_it_existed = client.get("/item/munitiebeheer-a10?peildatum=2024-01-01")
    assert before_it_existed.status_code == 404
    assert "bestaat niet op peildatum" in before_it_existed.get_data(as_text=True)


def test_the_dashboards_blocked_and_at_risk_counts_follow_the_peildatum(seeded_app):
    client = signed_in_client(seeded_app)

    def counts(page: str) -> list[tuple[int, int]]:
        return [(int(b), int(r)) for b, r in re.findall(r"(\d+) geblokkeerd</a> ·\s*<a[^>]*>(\d+) met risico", page)]

    early = counts(client.get("/?peildatum=2020-01-01").get_data(as_text=True))
    today = counts(client.get("/").get_data(as_text=True))
    assert early and all(c == (0, 0) for c in early)
    assert sum(b for b, _ in today) > 0  # the same page today does count what is blocked now
