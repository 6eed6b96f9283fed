"""The Dutch error page: what went wrong and where to go next, never a stack trace."""
from __future__ import annotations

from flask import render_template

TITLES = {400: "Onjuist verzoek", 401: "Aanmelden vereist", 403: "Geen toegang", 404: "Niet gevonden",
          405: "Niet toegestaan", 409: "Intussen gewijzigd", 410: "Verlopen", 413: "Te groot", 422: "Niet verwerkt",
          428: "Versie ontbreekt", 429: "Te veel pogingen", 500: "Er ging iets mis"}
DEFAULT = {400: "Het verzoek kon niet worden gelezen.", 403: "U hebt geen toegang tot deze pagina of handeling.",
           404: "Deze pagina of dit item bestaat niet.", 405: "Deze handeling is hier niet mogelijk.",
           500: "Er ging iets mis aan onze kant; de fout is vastgelegd en er is niets opgeslagen."}


def page(code: int, message: str | None):
    return render_template("error.html", code=code, title=TITLES.get(code, "Fout"),
                           message=message or DEFAULT.get(code, "Er ging iets mis.")), code
