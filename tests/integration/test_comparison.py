"""Two peildata side by side for the Bestuursraad: the headline figures at both dates, what became opgevolgd (or
otherwise changed), slipped forecasts, what became overdue or at risk, and corrections after a fixed peildatum.
Expectations come from the seeded history read another way (item lists and reports as of each date) and from
events recorded here."""
import csv
import io
import json
from datetime import date, timedelta

import pytest

from tests.api_fixtures import ApiClient
from tests.documents import PDF
from tests.integration.test_web import signed_in_client
from tracker.domain.errors import InvalidDate, InvalidValue
from tracker.services import accounts, comparison, comparison_changes, listing, queries, reporting

VAN, TOT = date(2025, 6, 30), date(2025, 12, 31)
TOPIC = "onvolkomenheden"
A11 = "beveiliging-militaire-objecten-a11"  # "in uitvoering" in the seed


def invoke(runner, *args):
    return runner.invoke(args=[str(a) for a in args])


@pytest.fixture
def runner(seeded_runner):
    for name, role, scope in (("eigenaar-bmo", "eigenaar", "beveiliging-militaire-objecten"),
                              ("beheer", "beheerder", None)):
        extra = ["--scope", scope] if scope else []
        assert invoke(seeded_runner, "user", "create", name, "--role", role, *extra).exit_code == 0
    return seeded_runner


def followed(tracker, day: date) -> dict[str, str]:
    """The recommendations that counted as opgevolgd on `day`, with their titles, from the item list."""
    return {p.item.key: p.item.title for p in queries.list_items(tracker, kind="aanbeveling", peildatum=day)
            if p.done}


def headline(tracker, day: date) -> str:
    """The onvolkomenheden headline as the published table of `day` adds it up."""
    rows = reporting.report(tracker, TOPIC, day).rows
    return f"{sum(r['opgevolgd'] for r in rows)} van {sum(r['totaal'] for r in rows)} aanbevelingen opgevolgd"


def claim_followed(runner, tmp_path, who: str, occurred_on: date | None = None, reason: str = "Opgevolgd"):
    document = tmp_path / "verslag.pdf"
    document.write_bytes(PDF)
    when = ["--occurred-on", occurred_on.isoformat()] if occurred_on else []
    result = invoke(runner, "record", A11, "opgevolgd", "--set", f"toelichting={reason}", *when, "--als", who,
                    "--bewijs", document)
    assert result.exit_code == 0, result.output


# --- the service ----------------------------------------------------------------------------------------------

def test_lists_the_recommendations_that_became_opgevolgd_with_both_headlines(seeded):
    found = comparison.compare(seeded, VAN, TOT).topic(TOPIC)
    before, after = followed(seeded, VAN), followed(seeded, TOT)
    became = {key: title for key, title in after.items() if key not in before}
    assert became, "the seeded history follows recommendations in the second half of 2025"
    assert {c.key: c.title for c in found.done if c.kind == "aanbeveling"} == became
    assert all(c.label_tot in ("opgevolgd", "geverifieerd") for c in found.done)
    assert (found.figure.label_van, found.figure.label_tot) == (headline(seeded, VAN), headline(seeded, TOT))
    assert found.figure.difference == found.figure.tot - found.figure.van == len(after) - len(before)
    assert {c.key for c in found.done} <= {c.key for c in found.changed}


def test_a_recommendation_followed_now_appears_between_the_dates_it_falls_in(seeded, runner, tmp_path):
    today = seeded.today()
    earlier = comparison.compare(seeded, TOT, today).topic(TOPIC)
    assert A11 not in {c.key for c in earlier.done}
    claim_followed(runner, tmp_path, "eigenaar-bmo", reason="Aanpassingen opgenomen in de vastgoedprojecten")

    now = comparison.compare(seeded, TOT, today).topic(TOPIC)
    entry = next(c for c in now.done if c.key == A11)
    assert (entry.title, entry.label_van, entry.label_tot) == (queries.get_item(seeded, A11).item.title,
                                                             "in uitvoering", "opgevolgd")
    assert now.figure.tot == earlier.figure.tot + 1 and now.figure.label_tot == headline(seeded, today)
    before_today = comparison.compare(seeded, TOT, today - timedelta(days=1)).topic(TOPIC)
    assert A11 not in {c.key for c in before_today.done}


def test_slipped_forecasts_match_the_items_as_of_each_date(seeded):
    found = comparison.compare(seeded, VAN, TOT).topic(TOPIC)
    then = {p.item.key: p for p in queries.list_items(seeded, topic=TOPIC, peildatum=VAN)}
    now = {p.item.key: p for p in queries.list_items(seeded, topic=TOPIC, peildatum=TOT)}
    expected = {key: (then[key].forecast, p.forecast) for key, p in now.items()
                if key in then and not p.done and then[key].forecast and p.forecast
                and p.forecast > then[key].forecast}
    assert expected, "Autorisatiebeheer slipped a year in 2025"
    assert {s.key: (s.forecast_van, s.forecast_tot) for s in found.slipped} == expected
    assert all(s.days == (s.forecast_tot - s.forecast_van).days > 0 for s in found.slipped)
    assert [s.days for s in found.slipped] == sorted((s.days for s in found.slipped), reverse=True)


@pytest.mark.parametrize("flag", ["overdue", "at_risk"])
def test_what_became_overdue_or_at_risk_is_what_the_item_list_flags(seeded, flag):
    van, tot = TOT, date(2026, 6, 30)

    def flagged(day):
        page = listing.find(seeded, listing.Filters(topic=TOPIC, peildatum=day, **{flag: True}), size=500)
        return {p.item.key for p in page.rows}

    expected = flagged(tot) - flagged(van)
    assert expected, f"the seed has items that became {flag} in the first half of 2026"
    assert {f.key for f in getattr(comparison.compare(seeded, van, tot).topic(TOPIC), flag)} == expected


def test_every_topic_compares_its_headline_figure(seeded):
    found = comparison.compare(seeded, VAN, TOT)
    assert {t.key for t in found.topics} >= {"onvolkomenheden", "cio-oordelen", "nigs", "open-op-orde"}
    for topic in found.topics:
        if topic.figure is not None and topic.figure.van is not None:
            assert topic.figure.difference == pytest.approx(topic.figure.tot - topic.figure.van)
            assert topic.figure.change == comparison.change_text(topic.figure.difference)
    assert comparison.change_text(0) == "geen wijziging" and comparison.change_text(-0.2) == "−0,2"


def test_each_date_is_read_once_not_per_item(seeded, monkeypatch):
    reads = []
    original = comparison_changes.as_of.whole_graph
    monkeypatch.setattr(comparison_changes.as_of, "whole_graph",
                        lambda connection, day: reads.append(day) or original(connection, day))
    comparison.compare(seeded, VAN, TOT)
    assert sorted(reads) == [VAN, TOT]


def test_a_correction_after_a_fixed_peildatum_is_shown_beside_the_fixed_figure(seeded, runner, tmp_path):
    fixed_figure = headline(seeded, TOT)
    assert invoke(runner, "vaststellen", TOPIC, "--peildatum", TOT, "--als", "beheer").exit_code == 0
    claim_followed(runner, tmp_path, "beheer", date(2025, 11, 1), "Opvolging was in november al gereed")

    found = comparison.compare(seeded, VAN, TOT).topic(TOPIC)
    assert found.figure.fixed_tot and not found.figure.fixed_van
    assert found.figure.label_tot == fixed_figure == headline(seeded, TOT)  # the report keeps it too
    assert found.figure.corrected_tot == headline(seeded, seeded.today()) != fixed_figure
    [correction] = found.corrections
    assert (correction.key, correction.reason, correction.fixed_peildatum, correction.occurred_on) == (
        A11, "Opvolging was in november al gereed", TOT, date(2025, 11, 1))
    assert next(c for c in found.done if c.key == A11).corrected
    assert comparison.compare(seeded, VAN, TOT - timedelta(days=1)).topic(TOPIC).corrections == []


def test_van_must_lie_before_tot_within_the_log(seeded):
    with pytest.raises(InvalidValue, match="ligt niet vóór tot"):
        comparison.compare(seeded, TOT, VAN)
    with pytest.raises(InvalidValue):
        comparison.compare(seeded, TOT, TOT)
    with pytest.raises(InvalidDate, match="Van 1990-01-01 ligt vóór de eerste gebeurtenis"):
        comparison.compare(seeded, date(1990, 1, 1), TOT)
    with pytest.raises(InvalidDate, match="Tot 2101-01-01 ligt na 2100-12-31"):
        comparison.compare(seeded, VAN, date(2101, 1, 1))


def test_as_dict_is_plain_json(seeded):
    data = json.loads(json.dumps(comparison.compare(seeded, VAN, TOT).as_dict()))
    assert (data["van"], data["tot"]) == (VAN.isoformat(), TOT.isoformat())
    topic = next(t for t in data["topics"] if t["key"] == TOPIC)
    assert topic["figure"]["label_tot"] == headline(seeded, TOT)
    assert all(isinstance(s["forecast_van"], str) for s in topic["slipped"])


# --- the command line ---------------------------------------------------------------------------------------------

def test_cli_json_gives_both_headlines_and_the_followed_titles(runner, seeded):
    result = invoke(runner, "report", "vergelijking", "--van", VAN, "--tot", TOT, "--format", "json")
    assert result.exit_code == 0, result.output
    topic = next(t for t in json.loads(result.stdout)["topics"] if t["key"] == TOPIC)
    assert (topic["figure"]["label_van"], topic["figure"]["label_tot"]) == (headline(seeded, VAN),
                                                                            headline(seeded, TOT))
    before = followed(seeded, VAN)
    became = {key: title for key, title in followed(seeded, TOT).items() if key not in before}
    assert {c["key"]: c["title"] for c in topic["done"] if c["kind"] == "aanbeveling"} == became


def test_cli_text_and_csv(runner, seeded):
    text = invoke(runner, "report", "vergelijking", "--van", VAN, "--tot", TOT).stdout
    assert "Vergelijking 30 juni 2025 → 31 december 2025" in text
    assert f"Kerncijfer: {headline(seeded, VAN)} → {headline(seeded, TOT)}" in text
    dutch = invoke(runner, "report", "vergelijking", "--van", VAN, "--tot", TOT, "--format", "csv").stdout
    assert dutch.startswith("\ufeffthema;onderdeel;sleutel;titel")  # for Dutch Excel: `;`, with a byte order mark
    rows = list(csv.DictReader(io.StringIO(dutch.lstrip("\ufeff")), delimiter=";"))
    figure = next(r for r in rows if r["thema"] == TOPIC and r["onderdeel"] == "kerncijfer")
    assert (figure["van"], figure["tot"]) == (headline(seeded, VAN), headline(seeded, TOT))
    done = {r["sleutel"] for r in rows if r["thema"] == TOPIC and r["onderdeel"] == "gereed"}
    assert done == set(followed(seeded, TOT)) - set(followed(seeded, VAN))
    plain = invoke(runner, "report", "vergelijking", "--van", VAN, "--tot", TOT, "--format", "csv",
                   "--csv-vorm", "internationaal").stdout
    assert {r["sleutel"] for r in csv.DictReader(io.StringIO(plain)) if r["onderdeel"] == "gereed"} >= done


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--van", TOT, "--tot", VAN], 1, "ligt niet vóór tot"),
    (["--van", "gisteren", "--tot", TOT], 2, "geen geldige datum"),
    (["--van", "1990-01-01", "--tot", TOT], 1, "vóór de eerste gebeurtenis"),
    (["--van", VAN, "--tot", TOT, "--peildatum", TOT], 1, "niet --peildatum"),
    (["--van", VAN, "--tot", TOT, "--format", "md"], 1, "formaten text, csv en json"),
])
def test_cli_refuses_bad_input_in_dutch(runner, args, code, message):
    result = invoke(runner, "report", "vergelijking", *args)
    assert result.exit_code == code and message in result.output, result.output
    assert "Traceback" not in result.output


def test_van_and_tot_belong_to_the_comparison_only(runner):
    result = invoke(runner, "report", "nigs", "--van", VAN)
    assert result.exit_code == 1 and "horen bij het rapport vergelijking" in result.output


def test_cli_defaults_compare_today_with_the_previous_report_date(runner, seeded):
    data = json.loads(invoke(runner, "report", "vergelijking", "--format", "json").stdout)
    today = seeded.today()
    assert data["tot"] == today.isoformat()
    assert data["van"] == comparison.default_dates(seeded, None, None)[0].isoformat() < data["tot"]
    assert date.fromisoformat(data["van"]).strftime("%m-%d") in ("06-30", "12-31")


# --- the API ------------------------------------------------------------------------------------------------------

@pytest.fixture
def api(seeded_app):
    tracker = seeded_app.extensions["tracker"]

    def client(role: str, scope: str | None = None) -> ApiClient:
        name = f"{role}-{scope or 'alles'}"
        accounts.create(tracker, name, role, scope)
        return ApiClient(seeded_app, accounts.new_token(tracker, name))
    return client


@pytest.mark.parametrize(("role", "scope"), [("lezer", None), ("eigenaar", "munitiebeheer"), ("cio", "cio-oordelen")])
def test_api_every_account_may_read_the_comparison(api, seeded, role, scope):
    answer = api(role, scope).get(f"/api/v1/reports/vergelijking?van={VAN}&tot={TOT}")
    assert answer.status_code == 200, answer.json
    topic = next(t for t in answer.json["topics"] if t["key"] == TOPIC)
    assert topic["figure"]["label_tot"] == headline(seeded, TOT)
    assert {c["title"] for c in topic["done"] if c["kind"] == "aanbeveling"} == (
        set(followed(seeded, TOT).values()) - set(followed(seeded, VAN).values()))
    assert answer.headers["X-Van"] == VAN.isoformat()


def test_api_csv_and_signed_out(api, seeded_app):
    reader = api("lezer")
    answer = reader.get(f"/api/v1/reports/vergelijking?van={VAN}&tot={TOT}&format=csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert answer.get_data(as_text=True).startswith("\ufeffthema;onderdeel;sleutel;titel")
    plain = reader.get(f"/api/v1/reports/vergelijking?van={VAN}&tot={TOT}&format=csv&vorm=internationaal")
    assert plain.get_data(as_text=True).startswith("thema,onderdeel,sleutel,titel")
    assert seeded_app.test_client().get(f"/api/v1/reports/vergelijking?van={VAN}&tot={TOT}").status_code == 401


@pytest.mark.parametrize(("query", "field", "message"), [
    (f"van={TOT}&tot={VAN}", "van", "ligt niet vóór tot"),
    (f"van=1990-01-01&tot={TOT}", "van", "vóór de eerste gebeurtenis"),
    ("tot=0001-01-03", "van", "vóór de eerste gebeurtenis"),  # the report date before it: in the year 1
    (f"van={VAN}&tot=2101-01-01", "tot", "ligt na 2100-12-31"),
    (f"van=gisteren&tot={TOT}", "van", None),
    (f"van={VAN}&tot={TOT}&peildatum={TOT}", "peildatum", None),
])
def test_api_refuses_bad_dates_with_422(api, query, field, message):
    answer = api("lezer").get(f"/api/v1/reports/vergelijking?{query}")
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert field in json.dumps(answer.json["errors"])
    if message:
        assert message in answer.json["message"]


def test_the_comparison_is_in_the_openapi_description(seeded_app):
    spec = seeded_app.test_client().get("/api/v1/openapi.json").json
    operation = spec["paths"]["/api/v1/reports/vergelijking"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"van", "tot", "format"}
    assert "422" in operation["responses"]


# --- the page -----------------------------------------------------------------------------------------------------

def test_the_page_shows_both_figures_and_links_every_item(seeded_app, seeded):
    client = signed_in_client(seeded_app)
    html = client.get(f"/rapporten/vergelijking?van={VAN}&tot={TOT}").get_data(as_text=True)
    assert "30 juni 2025" in html and "31 december 2025" in html
    assert headline(seeded, VAN) in html and headline(seeded, TOT) in html
    assert f'href="/items?topic={TOPIC}&amp;kind=aanbeveling&amp;peildatum={VAN}"' in html
    for key in set(followed(seeded, TOT)) - set(followed(seeded, VAN)):
        assert f'href="/item/{key}?peildatum={TOT}"' in html
    assert f'href="/items?topic={TOPIC}&amp;kind=aanbeveling&amp;state=opgevolgd&amp;peildatum={TOT}"' in html
    assert "<script" not in html.split("<main", 1)[-1]


def test_the_page_defaults_and_refusals(seeded_app, seeded):
    client = signed_in_client(seeded_app)
    page = client.get("/rapporten/vergelijking")
    van, tot = comparison.default_dates(seeded, None, None)
    assert page.status_code == 200 and f'value="{van}"' in page.get_data(as_text=True)
    assert f'value="{tot}"' in page.get_data(as_text=True)
    wrong = client.get(f"/rapporten/vergelijking?van={TOT}&tot={VAN}")
    assert wrong.status_code == 422 and "ligt niet vóór tot" in wrong.get_data(as_text=True)
    assert f'value="{TOT}"' in wrong.get_data(as_text=True)  # the form keeps what was typed
    bad = client.get("/rapporten/vergelijking?van=gisteren")
    assert bad.status_code == 400 and "JJJJ-MM-DD" in bad.get_data(as_text=True)


def test_reports_index_and_dashboard_link_to_the_comparison(seeded_app):
    client = signed_in_client(seeded_app)
    assert 'href="/rapporten/vergelijking"' in client.get("/rapporten").get_data(as_text=True)
    dashboard = client.get(f"/?peildatum={TOT}").get_data(as_text=True)
    assert f'href="/rapporten/vergelijking?van={VAN}&amp;tot={TOT}"' in dashboard
