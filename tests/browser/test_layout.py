"""Every page fits a phone and a printer.

On a phone (390 x 844) no page is wider than the screen: wide tables and the dependency graph scroll in their own
box. Printed (print media, A4 between margins of 15 mm), navigation, forms and buttons are gone, tables and charts
stay and fit the width of the paper.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tracker.services.catalog import REPORTS

from .live import sign_in

PHONE = {"width": 390, "height": 844}
A4 = {"width": 680, "height": 960}  # 180 mm between the margins of an A4 page, at 96 CSS pixels per inch

PAGES = [
    "/", "/?peildatum=2025-12-31",
    "/thema/onvolkomenheden", "/thema/cio-oordelen", "/thema/nigs", "/thema/open-op-orde",
    "/item/munitiebeheer", "/item/munitiebeheer-a10", "/item/autorisatiebeheer/graaf",
    "/rapporten", *(f"/rapporten/{getattr(report, 'name', report)}" for report in REPORTS),
    "/meldingen", "/api/v1/docs",
]
# Pages being built: checked as soon as they exist (anything but a 404), with the pages they link to under them.
NEW = ["/werk", "/items", "/beheer/accounts", "/account/wachtwoord"]
NEW_AREAS = ("/werk", "/items", "/beheer/", "/account/")
MAX_FOUND = 30
NOT_OURS = ("/api/v1/docs",)  # Swagger UI: its own stylesheet, no print rules of ours

OPEN_DETAILS = "document.querySelectorAll('details').forEach(d => d.open = true)"
WIDTH = "[document.documentElement.scrollWidth, window.innerWidth]"
# What makes the page wide, as a hint: an element that sticks out of its parent (the furthest), else the widest
# table, form field, image or element with a min-width (wider than the window: its minimum widened the page),
# else the widest part of the page (header, main, footer).
WIDEST = """() => {
  const limit = window.innerWidth + 0.5;
  const name = el => { const parts = [];
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      let s = e.localName; if (e.id) { parts.unshift(`${s}#${e.id}`); break; }
      const cls = [...e.classList].slice(0, 2); if (cls.length) s += '.' + cls.join('.');
      parts.unshift(s); }
    return parts.join(' > '); };
  const clipped = el => { for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    return false; };
  const box = el => el.getBoundingClientRect();
  const all = [...document.body.querySelectorAll('*')].filter(e => box(e).width);
  // (Not <body>'s own children: when they stick out, the page's grid column was widened from inside.)
  const out = all.filter(e => e.parentElement !== document.body && box(e).right > limit
      && box(e).right > box(e.parentElement).right + 0.5 && !clipped(e))
    .sort((a, b) => box(b).right - box(a).right);
  const fixed = ['table', 'pre', 'img', 'input', 'select', 'textarea', 'iframe', 'video', 'canvas'];
  const wide = all.filter(e => box(e).width > limit
      && (fixed.includes(e.localName) || parseFloat(getComputedStyle(e).minWidth) > limit))
    .sort((a, b) => box(b).width - box(a).width);
  const el = out[0] || wide[0] || [...document.body.children].sort((a, b) => box(b).width - box(a).width)[0];
  return `${name(el)} (${Math.round(box(el).width)} px wide, to ${Math.round(box(el).right)} px)`;
}"""
# Boxes that scroll sideways on this screen but cannot be reached by keyboard (no tabindex, nothing focusable in them).
UNREACHABLE = """() => [...document.querySelectorAll('main *')]
  .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
  .filter(e => e.tabIndex < 0 && !e.querySelector('a[href], button, input, select, textarea, [tabindex]'))
  .map(e => e.localName + [...e.classList].map(c => '.' + c).join('') + ' after ' + (e.previousElementSibling
       ? e.previousElementSibling.textContent.trim().slice(0, 40) : e.parentElement.localName))"""
# Shown in print (after the print rules): what must be gone, and the tables that must stay.
PRINTED = """() => {
  const shown = el => el.checkVisibility();
  const name = el => el.localName + (el.id ? '#' + el.id : '') + [...el.classList].map(c => '.' + c).join('');
  const gone = [...document.querySelectorAll('nav, button, input:not([type=hidden]), select, textarea, details.action')]
    .concat([...document.querySelectorAll('form')].filter(f => !f.querySelector('table')))
    .filter(shown).map(name);
  const tables = [...document.querySelectorAll('main table')];
  return {gone, tables: tables.length, hidden_tables: tables.filter(t => !shown(t)).length,
          charts: document.querySelectorAll('main svg').length,
          hidden_charts: [...document.querySelectorAll('main svg')].filter(s => !shown(s)).length};
}"""


def found_links(page, base: str) -> list[str]:
    """Same-site links into the pages being built (not downloads)."""
    hrefs = page.eval_on_selector_all("a[href]:not([download])", "links => links.map(a => a.href)")
    out = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != base or not parts.path.startswith(NEW_AREAS):
            continue
        if re.search(r"\.(csv|xlsx|md|json)$", parts.path):
            continue
        out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def pages_of(page, base: str) -> list[str]:
    """PAGES, then each page being built that answers (anything but 404) and the pages it links to, one per path."""
    there = [url for url in NEW if page.request.get(base + url, max_redirects=0).status != 404]
    found, paths = [], set(there)
    for url in there:
        page.goto(base + url)
        for link in found_links(page, base):
            path = link.split("?")[0]
            if path not in paths and len(found) < MAX_FOUND:
                paths.add(path)
                found.append(link)
    return PAGES + there + found


def fits(page, url: str) -> str | None:
    """None when the page is no wider than the window, else what sticks out."""
    width, window = page.evaluate(WIDTH)
    if width <= window:
        return None
    return f"{url}: {width} px wide in a window of {window} px; widest: {page.evaluate(WIDEST)}"


def visit(page, base: str, url: str) -> int:
    """Open the page with every <details> open (forms, the numbers behind charts); its status."""
    status = page.goto(base + url).status
    if url.startswith("/api/v1/docs"):
        page.wait_for_selector("#swagger-ui .info", state="attached")
    page.evaluate(OPEN_DETAILS)
    return status


@pytest.mark.parametrize("role", ["beheerder", "lezer"])
def test_every_page_fits_a_phone(page, live, role, tmp_path):
    page.set_viewport_size(PHONE)
    sign_in(page, live, role)
    wide = []
    for url in pages_of(page, live):
        if (status := visit(page, live, url)) != 200 and url in PAGES:
            wide.append(f"{url}: answered {status}, not the page itself")
        if url == "/":
            page.screenshot(path=str(tmp_path / f"dashboard-390-{role}.png"), full_page=True)
        if (problem := fits(page, url)) is not None:
            wide.append(problem)
        if unreachable := page.evaluate(UNREACHABLE):
            wide.append(f"{url}: scrolls sideways but cannot be reached by keyboard (tabindex=0): {unreachable}")
    assert not wide, f"Not fit for a phone ({PHONE['width']} px):\n" + "\n".join(wide)


def test_the_sign_in_page_fits_a_phone_and_prints_without_its_form(page, live):
    page.set_viewport_size(PHONE)
    page.goto(f"{live}/aanmelden")
    assert fits(page, "/aanmelden") is None, fits(page, "/aanmelden")
    page.emulate_media(media="print")
    assert page.evaluate(PRINTED)["gone"] == []


def test_printed_pages_drop_navigation_forms_and_buttons_and_keep_tables_on_a4(page, live, tmp_path):
    sign_in(page, live, "beheerder")  # a beheerder sees the most forms and buttons
    urls = [url for url in pages_of(page, live) if not url.startswith(NOT_OURS)]
    page.set_viewport_size(A4)
    page.emulate_media(media="print")
    problems = []
    for url in urls:
        if (status := page.goto(live + url).status) != 200 and url in PAGES:
            problems.append(f"{url}: answered {status}, not the page itself")
        printed = page.evaluate(PRINTED)
        if printed["gone"]:
            problems.append(f"{url}: printed although only for the screen: {', '.join(printed['gone'])}")
        if printed["hidden_tables"] or printed["hidden_charts"]:
            problems.append(f"{url}: {printed['hidden_tables']} of {printed['tables']} tables and "
                            f"{printed['hidden_charts']} of {printed['charts']} charts not printed")
        if (problem := fits(page, url)) is not None:
            problems.append(f"wider than A4: {problem}")
    assert not problems, "\n".join(problems)

    page.goto(f"{live}/?peildatum=2025-12-31")
    assert page.evaluate("document.querySelectorAll('main table').length") >= 1
    pdf = page.pdf(prefer_css_page_size=True)
    (tmp_path / "dashboard.pdf").write_bytes(pdf)
    assert re.search(rb"/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]", pdf), "the printed page is not A4"
