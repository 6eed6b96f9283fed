"""A live server for browser tests and screenshots: the seeded app in a thread, with accounts to sign in."""
from __future__ import annotations

import os
import re
import secrets
import threading
from contextlib import contextmanager

from playwright.sync_api import expect
from werkzeug.serving import make_server

from tests.documents import tiny_pdf
from tracker import PROJECT_ROOT, create_app
from tracker.services import accounts, seeding
from tracker.storage.database import create_schema

PASSWORD = "proef-wachtwoord-2026"
USERS = {"beheerder": ("beheerder", None), "eigenaar": ("eigenaar", "munitiebeheer"), "lezer": ("lezer", None),
         "auditor": ("auditor", None)}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--lang=nl-NL"]
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"


def prepare_database(url: str) -> None:
    """Seed a new, empty database and add one account per role used by the browser tests."""
    app = create_app({"DATABASE_URL": url})
    tracker = app.extensions["tracker"]
    create_schema(tracker.engine)
    seeding.seed(tracker, PROJECT_ROOT / "seed")
    for name, (role, scope) in USERS.items():
        accounts.create(tracker, name, role, scope)
        accounts.set_password(tracker, name, PASSWORD)
    tracker.engine.dispose()


@contextmanager
def serve(url: str):
    """The app on `url` in a thread, on a free port of 127.0.0.1."""
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": secrets.token_urlsafe(48)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        app.extensions["tracker"].engine.dispose()


def sign_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/aanmelden")
    page.get_by_label("Accountnaam").fill(name)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(re.compile(re.escape(base) + r"/(werk)?$"))  # Mijn werk for anyone with work


def serious_violations(page) -> list[dict]:
    """axe-core on the current page: violations of impact serious or critical."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations.map(v => "
                          "({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))")
    return [v for v in found if v["impact"] in ("serious", "critical")]


def claim(page, live, key: str) -> None:
    """As the owner: report the recommendation followed, with a document, through its page."""
    page.goto(f"{live}/item/{key}")
    page.locator("summary", has_text="Opgevolgd melden").click()
    form = page.locator("details[open] form")
    form.get_by_label("Toelichting").fill("Afgerond volgens plan.")
    form.get_by_label("Bewijs (documenten)").set_input_files(
        {"name": f"{key}.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf(key)})
    form.get_by_role("button", name="Opgevolgd melden").click()
    expect(page.get_by_role("status").filter(has_text="Vastgelegd")).to_be_visible()
