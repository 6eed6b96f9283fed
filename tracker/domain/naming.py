"""How messages name things: an item by its title, an action by its Dutch label, never by a machine name.

A message reaches a user verbatim (a form, the API's `message`, the command line's stderr); keys and event names
stay in the structured details (`allowed`, `blocking`, `cycle`) for programs.
"""
from __future__ import annotations

SHOWN = 80  # characters of a title a message shows; a longer one ends in "…"


def shortened(text: str, limit: int = SHOWN) -> str:
    """The text on one line, cut to `limit` characters with an ellipsis when it is longer."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quoted(title: str) -> str:
    """A title as a message names it: "'Munitiebeheer'"."""
    return f"'{shortened(title)}'"


def kind_word(label: str) -> str:
    """A kind's label inside a sentence: "aanbeveling", but "NIGS-traject" and "IT-project" as written."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def subject(title: str, label: str) -> str:
    """An item at the start of a sentence: its kind and title ("IT-project 'Nieuwe logistiek'"), or the title alone
    when it already says the kind ("'Aanbeveling 2: Analyseer …'", not "Aanbeveling 'Aanbeveling 2: …'")."""
    if " ".join(title.split()).lower().startswith(label.lower()):
        return quoted(title)
    return f"{label} {quoted(title)}"

