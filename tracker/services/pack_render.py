"""Drawing the pack's HTML as PDF with WeasyPrint, fetching nothing from any network: the only resources it may
load are the app's own static files, read from disk; every other address, whatever its scheme, is refused, so a
document can never make the server reach out (or read a file outside the static folder).

Its own module because WeasyPrint (with Pango, fonts and images) costs a worker about 26 MB: it is loaded when the
first PDF is made, not by every worker that never makes one."""
from __future__ import annotations

import re
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The documents' base address: a name that never resolves (.invalid), and nothing is fetched from it anyway.
ORIGIN = "https://pakket.invalid"
SVG_START = re.compile(r"<svg\b[^>]*>")
TYPES = {".css": "text/css", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf",
         ".png": "image/png", ".svg": "image/svg+xml"}


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
