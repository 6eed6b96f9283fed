"""The words of a reminder: a Dutch subject and a plain-text body that lists the items by title and links to
Mijn werk."""
from __future__ import annotations

from datetime import date

from . import dutch
from .reminders import Digest

WORK_PATH = "/werk"
APP_NAME = "Volgsysteem Stand van Defensie"
MAX_SUBJECT = 200


def work_url(base_url: str) -> str:
    return base_url.rstrip("/") + WORK_PATH


def subject(digest: Digest) -> str:
    counts = [f"{len(part.entries)} {_noun(part.kind, len(part.entries))}" for part in digest.parts]
    text = f"{APP_NAME}: {dutch.enumeration(counts)}"
    return text if len(text) <= MAX_SUBJECT else text[:MAX_SUBJECT - 1] + "…"


def _noun(kind: str, n: int) -> str:
    if kind == "achterstallig":
        return "achterstallig item" if n == 1 else "achterstallige items"
    if kind == "binnenkort":
        return ("item" if n == 1 else "items") + " met een deadline binnenkort"
    return ("item wacht" if n == 1 else "items wachten") + " op uw oordeel"


def body(digest: Digest, today: date, base_url: str) -> str:
    lines = [f"Beste {_plain(digest.name)},", "",
             f"Dit is uw herinnering van het {APP_NAME} van {dutch.long_date(today)}.", ""]
    for part in digest.parts:
        lines.append(f"{part.title} ({len(part.entries)}):")
        lines += [f"- {_plain(entry.title)} — {entry.why}" for entry in part.entries]
        lines.append("")
    lines += [f"Bekijk en werk bij in Mijn werk: {work_url(base_url)}", "",
              f"U krijgt dit bericht omdat uw account {digest.account} deze items volgt. Het volgsysteem stuurt "
              "hoogstens één herinnering per dag; antwoorden op dit bericht worden niet gelezen."]
    return "\n".join(lines) + "\n"


def _plain(text: str) -> str:
    """One line: a title with line breaks or tabs would break the list apart."""
    return " ".join(str(text).split())
