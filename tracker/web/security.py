"""Security headers on every response, and the sign-in throttle."""
from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface

# No inline script or style anywhere (the pages have none), nothing from elsewhere, no framing.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
# The API documentation page runs Swagger UI, served by the app itself (/vendor/swagger-ui/), with no inline
# code either. Nothing on any page comes from another origin.
DOCS_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
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
        # Pages, every API answer and every export hold data a shared cache must not keep.
        if (response.mimetype == "text/html" or request.path.startswith("/api/")
                or "attachment" in response.headers.get("Content-Disposition", "")):
            wanted.append(("Cache-Control", "no-store"))
        for name, value in wanted:
            if name.lower() not in present:
                response.headers.add(name, value)
        return response


def client_address(remote: str | None, forwarded_for: str | None, trusted: frozenset[str]) -> str:
    """The address a request came from. X-Forwarded-For is believed only as far as it was written by
    configured trusted proxies (TRACKER_TRUSTED_PROXIES): walking it from the right, the first address that is
    not one of them is the client's. Anyone can send the header, so without trusted proxies it is ignored."""
    address = remote or "onbekend"
    if not forwarded_for or address not in trusted:
        return address
    for hop in reversed([part.strip() for part in forwarded_for.split(",") if part.strip()]):
        address = hop
        if hop not in trusted:
            break
    return address[:64]


def trusted_proxies(app: Flask) -> frozenset[str]:
    value = app.config.get("TRUSTED_PROXIES") or ""
    if isinstance(value, str):
        value = value.split(",")
    return frozenset(str(v).strip() for v in value if str(v).strip())
