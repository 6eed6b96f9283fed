"""Security headers on every response, and the sign-in throttle."""
from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface

# No inline script or style anywhere (the pages have none), nothing from elsewhere, no framing.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
# The API documentation page loads Swagger UI from its CDN (no inline code either).
DOCS_CSP = ("default-src 'self'; script-src 'self' https://cdn.jsdelivr.net; "
            "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data: https://cdn.jsdelivr.net; "
            "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


HSTS = "max-age=31536000; includeSubDomains"


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the signing serializer built once per secret key instead of on
    every request (building it cost more than reading the cookie)."""

    def get_signing_serializer(self, app: Flask):
        cached = getattr(self, "_serializer", None)
        if cached is None or cached[0] != (app.secret_key, app.config.get("SECRET_KEY_FALLBACKS")):
            cached = self._serializer = ((app.secret_key, app.config.get("SECRET_KEY_FALLBACKS")),
                                         super().get_signing_serializer(app))
        return cached[1]


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()

    @app.after_request
    def headers(response):
        # Only the headers a view did not set itself; one pass over the present names (werkzeug's
        # setdefault raises and catches a KeyError for every absent header).
        present = {name.lower() for name, _ in response.headers}
        wanted = [("Content-Security-Policy", DOCS_CSP if request.path == "/api/v1/docs" else CSP),
                  *HEADERS.items()]
        if app.config.get("SESSION_COOKIE_SECURE"):
            wanted.append(("Strict-Transport-Security", HSTS))
        if response.mimetype == "text/html":
            wanted.append(("Cache-Control", "no-store"))
        for name, value in wanted:
            if name.lower() not in present:
                response.headers.add(name, value)
        return response
