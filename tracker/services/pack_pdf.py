"""The Bestuursraad's pack as HTML and as PDF, for the page, the command line and the API alike.

The HTML comes from the app's templates (pakket.html, with the report tables and charts of the pages), rendered
straight from the app's Jinja environment without a request, so the command line makes exactly what the page
shows. WeasyPrint makes the PDF from that HTML (see pack_render). A finished PDF is kept per peildatum, comparison
date and day, for as long as the log has no new event."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .context import Tracker
from .pack import Pack, dates, gather
from .queries import head_seq

TEMPLATE = "pakket.html"
# In the app's static folder: the layout, the charts' colours (which the PDF gives to each chart itself), and what
# only a browser understands.
STYLESHEET, CHARTS, BROWSER = "pakket.css", "pakket-grafiek.css", "pakket-browser.css"


def html(found: Pack, screen: dict | None = None, pdf: bool = False) -> str:
    """The pack as one HTML document; `screen`: the links the page shows around it; `pdf`: for WeasyPrint."""
    from flask import current_app

    names = (STYLESHEET,) if pdf else (STYLESHEET, CHARTS, BROWSER)
    css = [f"{current_app.static_url_path}/{name}" for name in names]
    return current_app.jinja_env.get_template(TEMPLATE).render(pack=found, css=css, screen=screen)


def document(tracker: Tracker, peildatum: date | None, vergelijk: date | None) -> tuple[str, bytes]:
    """The pack as a PDF: its file name and content."""
    from flask import current_app

    day, earlier = dates(tracker, peildatum, vergelijk)
    key = ("pakket-pdf", day, earlier, tracker.today())
    seq = head_seq(tracker)  # before gathering: an event recorded meanwhile makes the next request gather anew
    cached = tracker.read_cache.get(key)
    if cached is not None and cached[0] == seq:
        return cached[1]
    from .pack_render import render  # WeasyPrint, loaded by the first PDF

    found = gather(tracker, day, earlier)
    made = (found.filename, render(html(found, pdf=True), Path(current_app.static_folder or "."),
                                   current_app.static_url_path or "/static", svg_css=[CHARTS]))
    tracker.read_cache[key] = (seq, made)
    return made
