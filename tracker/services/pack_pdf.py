"""The Bestuursraad's pack as HTML and as PDF, for the page, the command line and the API alike.

The HTML comes from the app's templates (pakket.html, with the report tables and charts of the pages), rendered
straight from the app's Jinja environment without a request, so the command line makes exactly what the page
shows. WeasyPrint makes the PDF from that HTML, fetching nothing from any network: the only resources it may load
are the app's own static files, read from disk; every other address, whatever its scheme, is refused, so a
document can never make the server reach out (or read a file outside the static folder). A finished PDF is kept
per peildatum, comparison date and day, for as long as the log has no new event."""
from __future__ import annotations

import re
from datetime import date
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .context import Tracker
from .pack import Pack, dates, gather
from .queries import head_seq

TEMPLATE = "pakket.html"
# In the app's static folder: the layout, the charts' colours (which the PDF gives to each chart itself), and what
# only a browser understands.
STYLESHEET, CHARTS, BROWSER = "pakket.css", "pakket-grafiek.css", "pakket-browser.css"
# The documents' base address: a name that never resolves (.invalid), and nothing is fetched from it anyway.
ORIGIN = "https://pakket.invalid"
SVG_START = re.compile(r"<svg\b[^>]*>")
TYPES = {".css": "text/css", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf",
         ".png": "image/png", ".svg": "image/svg+xml"}


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
    found = gather(tracker, day, earlier)
    made = (found.filename, render(html(found, pdf=True), Path(current_app.static_folder or "."),
                                   current_app.static_url_path or "/static", svg_css=[CHARTS]))
    tracker.read_cache[key] = (seq, made)
    return made


class Refused(ValueError):
    """An address the PDF may not load."""


class StaticFiles(URLFetcher):
    """Serves `prefix`/<path> from `folder`, for the types in TYPES; refuses everything else."""

    def __init__(self, folder: Path, prefix: str = "/static"):
        super().__init__(allowed_protocols=())  # nothing through urllib, should anything reach it
        self.folder = folder.resolve()
        self.prefix = ORIGIN + prefix.rstrip("/") + "/"

    def fetch(self, url, headers=None):
        path = self.path_of(url)
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": TYPES[path.suffix]})

    def path_of(self, url: str) -> Path:
        parts = urlsplit(url)
        if not url.startswith(self.prefix) or parts.query or parts.fragment:
            raise Refused(f"Het PDF-pakket laadt alleen de eigen stijlbestanden van de app, niet {url[:80]}.")
        path = (self.folder / unquote(parts.path[len(self.prefix) - len(ORIGIN):])).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file() or path.suffix not in TYPES:
            raise Refused(f"Het PDF-pakket laadt alleen de eigen stijlbestanden van de app, niet {url[:80]}.")
        return path


def render(page: str, static_folder: Path, static_prefix: str = "/static", svg_css: list[str] | tuple = ()) -> bytes:
    """An HTML document as PDF; its links to `static_prefix` load from `static_folder`, nothing else loads.
    `svg_css`: static stylesheets for the inline SVG, which WeasyPrint draws without the document's stylesheets:
    each SVG gets their rules in a style element of its own."""
    fetcher = StaticFiles(static_folder, static_prefix)
    if svg_css:  # the rules themselves: WeasyPrint's SVG renderer does not follow @import
        rules = " ".join(fetcher.path_of(fetcher.prefix + name).read_text(encoding="utf-8") for name in svg_css)
        page = SVG_START.sub(lambda start: f"{start.group(0)}<style>{escape(rules)}</style>", page)
    return HTML(string=page, base_url=f"{ORIGIN}/", url_fetcher=fetcher).write_pdf()
