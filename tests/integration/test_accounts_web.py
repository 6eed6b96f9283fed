"""Accounts in the web: a beheerder creates and changes accounts and issues one-time links to set a password;
everyone changes their own password; histories show display names."""
import re
from datetime import timedelta

import pytest
from flask import render_template_string

from tracker.domain.events import NewEvent
from tracker.services import accounts, recording

PASSWORD = "een-lang-wachtwoord-123"
NEW = "een-ander-lang-wachtwoord"


@pytest.fixture
def web(seeded_app):
    tracker = seeded_app.extensions["tracker"]
    for name, role, scope in (("beheer", "beheerder", None), ("lezer", "lezer", None),
                              ("mun", "eigenaar", "munitiebeheer")):
        accounts.create(tracker, name, role, scope)
        accounts.set_password(tracker, name, PASSWORD)
    seeded_app.config["WTF_CSRF_ENABLED"] = False
    return seeded_app


def signed_in(app, name, password=PASSWORD):
    client = app.test_client()
    response = client.post("/aanmelden", data={"name": name, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return client


def text(response) -> str:
    return response.get_data(as_text=True)


def issue_link(client, name) -> str:
    response = client.post(f"/beheer/accounts/{name}/link")
    assert response.status_code == 200, text(response)[:500]
    assert "maar één keer getoond" in text(response)
    return re.search(r'value="http://localhost/wachtwoord/([A-Za-z0-9_-]+)"', text(response)).group(1)


def test_a_beheerder_creates_an_account_and_sees_it_listed(web):
    admin = signed_in(web, "beheer")
    response = admin.post("/beheer/accounts", data={"name": "nieuw", "display_name": "N. Nieuw (DMO)",
                                                    "role": "eigenaar", "scope": "onvolkomenheden"})
    assert response.status_code == 302 and response.headers["Location"] == "/beheer/accounts/nieuw"
    page = text(admin.get("/beheer/accounts/nieuw"))
    assert "Account nieuw aangemaakt met rol eigenaar" in page and "N. Nieuw (DMO)" in page
    assert "nee: dit account kan zich nog niet aanmelden" in page
    listing = text(admin.get("/beheer/accounts"))
    assert re.search(r">nieuw</a></th>\s*<td[^>]*>N. Nieuw \(DMO\)</td>\s*<td[^>]*>eigenaar</td>\s*"
                     r"<td[^>]*>onvolkomenheden</td>\s*<td[^>]*>ja</td>\s*<td[^>]*>nee</td>", listing)
    assert accounts.get(web.extensions["tracker"], "nieuw").scope == "onvolkomenheden"


@pytest.mark.parametrize("data, status, message", [
    ({"name": "x", "role": "eigenaar", "scope": ""}, 422, "Een eigenaar heeft een bereik nodig"),
    ({"name": "x", "role": "lezer", "scope": "bestaat-niet"}, 422, "Bereik bestaat-niet bestaat niet"),
    ({"name": "x", "role": "koning", "scope": ""}, 422, "Onbekende rol"),
    ({"name": "", "role": "lezer", "scope": ""}, 422, "Vul een accountnaam in."),
    ({"name": "lezer", "role": "lezer", "scope": ""}, 409, "Account lezer bestaat al."),
    ({"name": "x", "role": "lezer", "display_name": "d" * 101}, 422, "Hoogstens 100 tekens."),
])
def test_a_refused_account_keeps_what_was_typed(web, data, status, message):
    admin = signed_in(web, "beheer")
    response = admin.post("/beheer/accounts", data={"display_name": "Getypte Naam", **data})
    page = text(response)
    assert response.status_code == status and message in page
    assert f'value="{data.get("display_name", "Getypte Naam")}"' in page
    if data.get("scope"):
        assert f'value="{data["scope"]}"' in page


def test_a_role_and_scope_change_applies_to_the_running_session(web):
    admin = signed_in(web, "beheer")
    reader = signed_in(web, "lezer")
    assert reader.get("/beheer/accounts").status_code == 403
    response = admin.post("/beheer/accounts/lezer/wijzigen", data={"role": "beheerder", "scope": "",
                                                                   "display_name": "L. Lezer"})
    assert response.status_code == 302
    assert "Account lezer gewijzigd: rol beheerder, geen bereik." in text(admin.get(response.headers["Location"]))
    assert reader.get("/beheer/accounts").status_code == 200
    refused = admin.post("/beheer/accounts/lezer/wijzigen", data={"role": "eigenaar", "scope": "nergens",
                                                                  "display_name": "L. Lezer"})
    assert refused.status_code == 422 and "Bereik nergens bestaat niet" in text(refused)
    assert 'value="nergens"' in text(refused)
    admin.post("/beheer/accounts/lezer/wijzigen", data={"role": "eigenaar", "scope": "munitiebeheer"})
    actor = accounts.get(web.extensions["tracker"], "lezer")
    assert (actor.role, actor.scope) == ("eigenaar", "munitiebeheer")


def test_the_last_beheerder_stays_and_no_one_deactivates_themselves(web):
    admin = signed_in(web, "beheer")
    demoted = admin.post("/beheer/accounts/beheer/wijzigen", data={"role": "lezer", "scope": ""})
    assert demoted.status_code == 409 and "enige actieve beheerder" in text(demoted)
    itself = admin.post("/beheer/accounts/beheer/deactiveren")
    assert itself.status_code == 409 and "eigen account niet deactiveren" in text(itself)


def test_deactivating_ends_that_users_session(web):
    admin = signed_in(web, "beheer")
    user = signed_in(web, "mun")
    assert user.get("/").status_code == 200
    assert admin.post("/beheer/accounts/mun/deactiveren").status_code == 302
    refused = user.get("/")
    assert refused.status_code == 302 and "/aanmelden" in refused.headers["Location"]
    assert web.test_client().post("/aanmelden", data={"name": "mun", "password": PASSWORD}).status_code == 401
    assert "nee (gedeactiveerd)" in text(admin.get("/beheer/accounts"))
    again = admin.post("/beheer/accounts/mun/deactiveren")
    assert again.status_code == 409 and "al gedeactiveerd" in text(again)
    assert admin.post("/beheer/accounts/niemand/deactiveren").status_code == 404


def test_a_one_time_link_sets_the_password_once(web):
    tracker = web.extensions["tracker"]
    admin = signed_in(web, "beheer")
    admin.post("/beheer/accounts", data={"name": "nieuw", "role": "lezer", "display_name": "N. Nieuw"})
    token = issue_link(admin, "nieuw")
    anonymous = web.test_client()
    form = anonymous.get(f"/wachtwoord/{token}")
    assert form.status_code == 200 and "nieuw" in text(form) and "N. Nieuw" in text(form)
    short = anonymous.post(f"/wachtwoord/{token}", data={"password": "kort", "repeated": "kort"})
    assert short.status_code == 422 and "12 tot 200 tekens" in text(short)
    different = anonymous.post(f"/wachtwoord/{token}", data={"password": NEW, "repeated": NEW + "x"})
    assert different.status_code == 422 and "niet gelijk" in text(different)
    done = anonymous.post(f"/wachtwoord/{token}", data={"password": NEW, "repeated": NEW})
    assert done.status_code == 302 and done.headers["Location"] == "/aanmelden"
    assert "Meld u nu aan" in text(anonymous.get("/aanmelden"))
    assert signed_in(web, "nieuw", NEW).get("/").status_code == 200
    used = anonymous.get(f"/wachtwoord/{token}")
    assert used.status_code == 410 and "al gebruikt" in text(used) and "Verlopen" in text(used)
    assert anonymous.post(f"/wachtwoord/{token}", data={"password": PASSWORD, "repeated": PASSWORD}).status_code == 410
    assert accounts.by_password(tracker, "nieuw", NEW).name == "nieuw"  # the second attempt changed nothing


def test_a_link_expires_after_72_hours_and_a_newer_one_replaces_it(web):
    tracker = web.extensions["tracker"]
    admin = signed_in(web, "beheer")
    older = issue_link(admin, "lezer")
    newer = issue_link(admin, "lezer")
    replaced = web.test_client().get(f"/wachtwoord/{older}")
    assert replaced.status_code == 410 and "vervangen door een nieuwere" in text(replaced)
    issued_at = tracker.now()
    tracker.now = lambda: issued_at + timedelta(hours=71, minutes=59)
    assert web.test_client().get(f"/wachtwoord/{newer}").status_code == 200
    tracker.now = lambda: issued_at + timedelta(hours=72, minutes=1)
    expired = web.test_client().post(f"/wachtwoord/{newer}", data={"password": NEW, "repeated": NEW})
    assert expired.status_code == 410 and "verlopen" in text(expired) and "72 uur" in text(expired)


def test_a_wrong_link_is_a_dutch_not_found_page(web):
    for token in ("verzonnen", "x" * 500):
        response = web.test_client().get(f"/wachtwoord/{token}")
        assert response.status_code == 404 and "bestaat niet" in text(response) and "Niet gevonden" in text(response)


def test_a_link_ends_sessions_and_tokens_and_lifts_a_lockout(web):
    tracker = web.extensions["tracker"]
    user = signed_in(web, "mun")
    api_token = accounts.new_token(tracker, "mun")
    for _ in range(5):
        web.test_client().post("/aanmelden", data={"name": "mun", "password": "fout-fout-fout"})
    assert web.test_client().post("/aanmelden", data={"name": "mun", "password": PASSWORD}).status_code == 429
    token = issue_link(signed_in(web, "beheer"), "mun")
    assert web.test_client().post(f"/wachtwoord/{token}", data={"password": NEW, "repeated": NEW}).status_code == 302
    assert user.get("/").status_code == 302
    assert web.test_client().get("/api/v1/items/munitiebeheer",
                                 headers={"Authorization": f"Bearer {api_token}"}).status_code == 401
    assert signed_in(web, "mun", NEW).get("/").status_code == 200


def test_no_link_for_a_deactivated_account(web):
    admin = signed_in(web, "beheer")
    token = issue_link(admin, "mun")
    admin.post("/beheer/accounts/mun/deactiveren")
    assert web.test_client().get(f"/wachtwoord/{token}").status_code == 410
    refused = admin.post("/beheer/accounts/mun/link")
    assert refused.status_code == 409 and "gedeactiveerd" in text(refused)


def test_everyone_changes_their_own_password(web):
    user = signed_in(web, "lezer")
    elsewhere = signed_in(web, "lezer")
    page = user.get("/account/wachtwoord")
    assert page.status_code == 200 and "Huidig wachtwoord" in text(page)
    wrong = user.post("/account/wachtwoord", data={"current": "niet-het-wachtwoord", "password": NEW,
                                                   "repeated": NEW})
    assert wrong.status_code == 422 and "huidige wachtwoord klopt niet" in text(wrong)
    mismatch = user.post("/account/wachtwoord", data={"current": PASSWORD, "password": NEW, "repeated": "anders"})
    assert mismatch.status_code == 422 and "niet gelijk" in text(mismatch)
    same = user.post("/account/wachtwoord", data={"current": PASSWORD, "password": PASSWORD, "repeated": PASSWORD})
    assert same.status_code == 422 and "gelijk aan het huidige" in text(same)
    done = user.post("/account/wachtwoord", data={"current": PASSWORD, "password": NEW, "repeated": NEW})
    assert done.status_code == 302
    assert "Uw wachtwoord is gewijzigd" in text(user.get("/"))  # this browser stays signed in
    assert elsewhere.get("/").status_code == 302  # every other session ended
    assert web.test_client().post("/aanmelden", data={"name": "lezer", "password": PASSWORD}).status_code == 401
    assert signed_in(web, "lezer", NEW).get("/").status_code == 200


def test_guessing_the_current_password_is_throttled(web):
    user = signed_in(web, "lezer")
    for _ in range(5):
        user.post("/account/wachtwoord", data={"current": "geraden-wachtwoord", "password": NEW, "repeated": NEW})
    refused = user.post("/account/wachtwoord", data={"current": PASSWORD, "password": NEW, "repeated": NEW})
    assert refused.status_code == 429 and "Te veel mislukte pogingen" in text(refused)


@pytest.mark.parametrize("method, path", [("get", "/beheer/accounts"), ("get", "/beheer/accounts/beheer"),
                                          ("post", "/beheer/accounts"), ("post", "/beheer/accounts/lezer/wijzigen"),
                                          ("post", "/beheer/accounts/lezer/deactiveren"),
                                          ("post", "/beheer/accounts/lezer/link")])
def test_only_a_beheerder_manages_accounts(web, method, path):
    for name in ("lezer", "mun"):
        response = getattr(signed_in(web, name), method)(path, data={"name": "x", "role": "beheerder"})
        assert response.status_code == 403 and "Alleen een beheerder beheert accounts" in text(response)
        assert "Geen toegang" in text(response)
    anonymous = getattr(web.test_client(), method)(path)
    assert anonymous.status_code == 302 and "/aanmelden" in anonymous.headers["Location"]
    assert accounts.get(web.extensions["tracker"], "x") is None
    assert accounts.get(web.extensions["tracker"], "lezer").role == "lezer"


def test_the_navigation_offers_accounts_to_a_beheerder_only(web):
    assert "/beheer/accounts" in text(signed_in(web, "beheer").get("/meldingen"))
    reader = text(signed_in(web, "lezer").get("/meldingen"))
    assert "/beheer/accounts" not in reader and "Wachtwoord wijzigen" in reader


@pytest.mark.parametrize("path, data", [
    ("/beheer/accounts", {"name": "x", "role": "lezer"}),
    ("/beheer/accounts/lezer/wijzigen", {"role": "beheerder"}),
    ("/beheer/accounts/lezer/deactiveren", {}),
    ("/beheer/accounts/lezer/link", {}),
    ("/account/wachtwoord", {"current": PASSWORD, "password": NEW, "repeated": NEW}),
])
def test_every_account_form_needs_its_csrf_token(web, path, data):
    client = signed_in(web, "beheer")
    web.config["WTF_CSRF_ENABLED"] = True
    response = client.post(path, data=data)
    assert response.status_code == 400 and "CSRF" in text(response)
    assert accounts.get(web.extensions["tracker"], "lezer").role == "lezer"
    assert accounts.get(web.extensions["tracker"], "x") is None


def test_the_link_form_needs_its_csrf_token(web):
    token = issue_link(signed_in(web, "beheer"), "lezer")
    web.config["WTF_CSRF_ENABLED"] = True
    client = web.test_client()
    refused = client.post(f"/wachtwoord/{token}", data={"password": NEW, "repeated": NEW})
    assert refused.status_code == 400 and "CSRF" in text(refused)
    page = text(client.get(f"/wachtwoord/{token}"))
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    done = client.post(f"/wachtwoord/{token}", data={"csrf_token": csrf, "password": NEW, "repeated": NEW})
    assert done.status_code == 302


def test_histories_show_display_names(web, seeded_runner):
    tracker = web.extensions["tracker"]
    accounts.create(tracker, "jdv", "eigenaar", "munitiebeheer", "J. de Vries (DMO)")
    recording.record(tracker, NewEvent("munitiebeheer-a10", "opmerking", {"toelichting": "RYLAP uitgerold"}, "jdv",
                                       None), accounts.get(tracker, "jdv"))
    dashboard = text(signed_in(web, "lezer").get("/"))
    assert "J. de Vries (DMO)" in dashboard
    with web.test_request_context("/"):
        assert render_template_string("{{ 'jdv' | display_name }}|{{ 'lezer' | display_name }}|"
                                      "{{ none | display_name }}") == "J. de Vries (DMO)|lezer|"
    history = seeded_runner.invoke(args=["history", "munitiebeheer-a10"]).stdout
    assert "door jdv (J. de Vries (DMO))" in history


def test_the_command_line_says_what_a_new_account_still_needs_and_makes_links(web, seeded_runner):
    created = seeded_runner.invoke(args=["user", "create", "piet", "--role", "lezer", "--naam", "P. Jansen"])
    assert created.exit_code == 0, created.output
    assert ("Nog nodig voordat piet kan aanmelden: een wachtwoord (tracker user password piet) of een eenmalige "
            "link (tracker user link piet).") in created.stdout
    assert accounts.display_names(web.extensions["tracker"])["piet"] == "P. Jansen"
    link = seeded_runner.invoke(args=["user", "link", "piet"])
    assert link.exit_code == 0 and re.fullmatch(r"/wachtwoord/[A-Za-z0-9_-]{43}\n", link.stdout)
    web.config["BASE_URL"] = "https://volgsysteem.example/"
    token = seeded_runner.invoke(args=["user", "link", "piet"]).stdout.strip()
    assert token.startswith("https://volgsysteem.example/wachtwoord/")
    assert web.test_client().get(link.stdout.strip()).status_code == 410  # replaced by the newer link
    assert web.test_client().get(token.removeprefix("https://volgsysteem.example")).status_code == 200
    unknown = seeded_runner.invoke(args=["user", "link", "niemand"])
    assert unknown.exit_code == 1 and "bestaat niet" in unknown.stderr
