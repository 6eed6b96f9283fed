"""Security of the pages: who may do what, CSRF, cookies, headers, password storage, throttling, no secrets."""
import io
import re
import subprocess
import sys

import pytest
from sqlalchemy import select

from tests.conftest import make_app
from tests.documents import PDF
from tracker import PROJECT_ROOT
from tracker.services import accounts, queries
from tracker.storage.schema import accounts as account_table

PASSWORD = "een-lang-wachtwoord-123"
USERS = {"lezer": ("lezer", None), "eigenaar": ("eigenaar", "munitiebeheer"), "auditor": ("auditor", "munitiebeheer"),
         "cio": ("cio", "cio-oordelen"), "beheerder": ("beheerder", None)}


@pytest.fixture
def web(seeded_app):
    tracker = seeded_app.extensions["tracker"]
    for name, (role, scope) in USERS.items():
        accounts.create(tracker, name, role, scope)
        accounts.set_password(tracker, name, PASSWORD)
    seeded_app.config["WTF_CSRF_ENABLED"] = False
    return seeded_app


def signed_in(app, name):
    client = app.test_client()
    assert client.post("/aanmelden", data={"name": name, "password": PASSWORD}).status_code == 302
    return client


# (item, event, data, {role: expected status}) — 302 is "recorded, back to the item page"
WEB_MATRIX = [
    ("munitiebeheer-a10", "opgevolgd", {"veld-toelichting": "x"},
     {"lezer": 403, "eigenaar": 302, "auditor": 403, "cio": 403, "beheerder": 302}),
    ("cryptobeheer-a1", "opmerking", {"veld-toelichting": "x"},
     {"lezer": 403, "eigenaar": 403, "auditor": 403, "cio": 403, "beheerder": 302}),
    ("munitiebeheer-a1", "geverifieerd", {"veld-toelichting": "x"},
     {"lezer": 403, "eigenaar": 403, "auditor": 302, "cio": 403, "beheerder": 302}),
    ("munitiebeheer-a10", "afhankelijkheid_toegevoegd", {"veld-op": "munitiebeheer-a9"},
     {"lezer": 403, "eigenaar": 403, "auditor": 403, "cio": 403, "beheerder": 302}),
]
CASES = [(i, role) for i in range(len(WEB_MATRIX)) for role in USERS]


@pytest.mark.parametrize("case, role", CASES, ids=[f"{WEB_MATRIX[i][1]}-{WEB_MATRIX[i][0]}-{r}" for i, r in CASES])
def test_web_authorization_matrix(web, case, role):
    item, event, data, expected = WEB_MATRIX[case]
    client = signed_in(web, role)
    version = queries.get_item(web.extensions["tracker"], item).item.version
    form = {"event": event, "version": str(version), **data}
    if event == "opgevolgd":  # a claim comes with its document
        form["bewijs"] = (io.BytesIO(PDF), "bewijs.pdf")
    response = client.post(f"/item/{item}/vastleggen", data=form)
    assert response.status_code == expected[role], response.get_data(as_text=True)[:500]


@pytest.mark.parametrize("path", ["/", "/thema/nigs", "/item/munitiebeheer", "/item/munitiebeheer/graaf",
                                  "/rapporten", "/rapporten/nigs", "/rapporten/nigs.csv", "/meldingen"])
def test_every_page_needs_an_account(seeded_app, path):
    response = seeded_app.test_client().get(path)
    assert response.status_code == 302 and "/aanmelden" in response.headers["Location"]


def test_forms_without_a_csrf_token_are_refused(web):
    client = signed_in(web, "beheerder")
    web.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/item/munitiebeheer-a10/vastleggen", data={"event": "opmerking", "version": "2",
                                                                       "veld-toelichting": "x"})
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)
    assert client.post("/afmelden").status_code == 400


def test_passwords_are_stored_hashed_with_a_slow_hash(web):
    with web.extensions["tracker"].read() as connection:
        stored = connection.execute(select(account_table.c.password_hash).where(account_table.c.name == "lezer")
                                    ).scalar_one()
    assert PASSWORD not in stored and stored.split(":")[0] in ("scrypt", "pbkdf2")


def test_cookies_are_httponly_samesite_and_secure_in_production(databases, seeded_template):
    app = make_app(databases.copy(seeded_template), ENV="production", SECRET_KEY="s" * 48, WTF_CSRF_ENABLED=False)
    tracker = app.extensions["tracker"]
    accounts.create(tracker, "lezer", "lezer")
    accounts.set_password(tracker, "lezer", PASSWORD)
    response = app.test_client().post("/aanmelden", data={"name": "lezer", "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    tracker.engine.dispose()


@pytest.mark.parametrize("path", ["/aanmelden", "/api/v1/openapi.json", "/api/v1/docs", "/healthz"])
def test_security_headers(seeded_app, path):
    headers = seeded_app.test_client().get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"


def test_a_new_secret_key_signs_everyone_out(web):
    client = signed_in(web, "lezer")
    assert client.get("/").status_code == 200
    web.secret_key = "een-andere-sleutel-" + "x" * 40  # rotated without fallback: old cookies are worthless
    response = client.get("/")
    assert response.status_code == 302 and "/aanmelden" in response.headers["Location"]


def test_signed_in_pages_carry_each_security_header_once_and_are_not_stored(web):
    response = signed_in(web, "lezer").get("/")
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"):
        assert len(response.headers.getlist(name)) == 1, name
    assert response.headers["Cache-Control"] == "no-store"  # a shared computer's back button shows nothing


def test_sign_in_is_throttled_after_five_failures(web):
    client = web.test_client()
    for _ in range(5):
        assert client.post("/aanmelden", data={"name": "lezer", "password": "fout"}).status_code == 401
    refused = client.post("/aanmelden", data={"name": "lezer", "password": PASSWORD})
    assert refused.status_code == 429 and "Te veel mislukte" in refused.get_data(as_text=True)
    assert signed_in(web, "eigenaar")  # another account is not affected
    accounts.set_password(web.extensions["tracker"], "lezer", PASSWORD)  # a beheerder sets a new password
    assert signed_in(web, "lezer")  # which lifts the lockout


def attempt(app, name, password, remote="10.0.0.5", forwarded=None):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return app.test_client().post("/aanmelden", data={"name": name, "password": password}, headers=headers,
                                  environ_base={"REMOTE_ADDR": remote})


def test_invented_names_never_lock_a_real_account(web):
    answers = [attempt(web, f"verzonnen-{n}", "geraden").status_code for n in range(25)]
    assert answers[:19] == [401] * 19 and set(answers[19:]) == {429}  # the address is slowed down...
    assert attempt(web, "lezer", "fout").status_code == 429
    assert attempt(web, "eigenaar", PASSWORD).status_code == 302  # ...but a real account signs in from it
    assert attempt(web, "lezer", PASSWORD).status_code == 302  # and the guessed name did not lock lezer


def test_the_forwarded_address_counts_only_behind_a_trusted_proxy(web):
    for n in range(20):  # one client behind the proxy guesses
        attempt(web, f"verzonnen-{n}", "geraden", remote="10.0.0.1", forwarded="203.0.113.9")
    web.config["TRUSTED_PROXIES"] = "10.0.0.1"
    assert attempt(web, "x", "y", remote="10.0.0.1", forwarded="203.0.113.7").status_code == 401  # another client
    for n in range(20):
        attempt(web, f"verzonnen-{n}", "geraden", remote="10.0.0.1", forwarded="203.0.113.9")
    assert attempt(web, "x", "y", remote="10.0.0.1", forwarded="203.0.113.9").status_code == 429
    assert attempt(web, "x", "y", remote="10.0.0.1", forwarded="203.0.113.7").status_code == 401
    web.config["TRUSTED_PROXIES"] = ""  # now the header is anyone's: it cannot be used to escape the count
    assert attempt(web, "x", "y", remote="10.0.0.1", forwarded="198.51.100.1").status_code == 429


def test_bandit_finds_nothing_in_the_application_code():
    result = subprocess.run([sys.executable, "-m", "bandit", "-q", "-r", str(PROJECT_ROOT / "tracker"), "-f",
                             "custom", "--msg-template", "{relpath}:{line} {test_id} {msg}"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


SECRET_PATTERNS = [r"-----BEGIN [A-Z ]*PRIVATE KEY-----", r"tvd_[A-Za-z0-9_-]{30,}", r"AKIA[0-9A-Z]{16}",
                   r"(?i)(secret_key|password)\s*=\s*['\"][^'\"]{12,}['\"]"]


def test_no_secret_is_committed():
    files = subprocess.run(["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True, text=True).stdout.split()
    found = []
    for name in files:
        path = PROJECT_ROOT / name
        if path.suffix in (".png", ".jsonl") or not path.is_file() or name.startswith("tests/"):
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        found += [f"{name}: {m.group(0)[:40]}" for pattern in SECRET_PATTERNS for m in re.finditer(pattern, text)]
    assert found == []
