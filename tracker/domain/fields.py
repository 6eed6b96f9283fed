"""Typed event fields: turn what a user typed (CLI text or JSON values) into stored values.

Numbers are accepted the Dutch way ("2,6") as well as the JSON way (2.6). Every refusal names the field and
what is allowed: the value as it was typed, and the range as the definitions loader wrote it out.
"""
from __future__ import annotations

import math
import re
from datetime import date

from .errors import InvalidValue, ValueOutOfRange
from .workflow import FieldSpec

MAX_TEXT = 10_000
MAX_NUMBER_TEXT = 30  # characters of a typed number: more is no measurement but an attack on the parser
# ASCII digits only (str.isdigit and int() also take Arabic-Indic and other digits), no underscores ("1_0"),
# no "nan" or "inf": an optional sign, digits, an optional fraction and exponent.
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
INTEGER = re.compile(r"[+-]?[0-9]+")
LABEL_ATTRIBUTE = "voortgangslabel"  # a topic's own progress label: only {done} and {total} are filled in
PLACEHOLDERS = ("{done}", "{total}")
TRUE_WORDS = {"ja", "true", "waar", "1"}
FALSE_WORDS = {"nee", "false", "onwaar", "0"}


def parse_date(value, name: str = "datum") -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidValue(
            f"{name} '{value}' is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2025-12-31.",
            errors={name: ["Geen geldige datum (JJJJ-MM-DD)."]},
        ) from None


def check_label(name: str, text: str) -> str:
    """A progress label is filled in by plain replacement of {done} and {total}: any other brace is refused, so
    that no label can ask for a format specification, an attribute or an index."""
    rest = text
    for placeholder in PLACEHOLDERS:
        rest = rest.replace(placeholder, "")
    if "{" in rest or "}" in rest:
        shown = rest[min(i for i in (rest.find("{"), rest.find("}")) if i >= 0):][:30]
        raise InvalidValue(
            f"{name} '{text[:60]}' bevat '{shown}'; alleen de plaatshouders {{done}} en {{total}} zijn toegestaan, "
            "bijvoorbeeld '{done} van {total} aanbevelingen opgevolgd'.",
            errors={LABEL_ATTRIBUTE: ["Alleen {done} en {total} zijn toegestaan."]}, field=LABEL_ATTRIBUTE)
    return text


def _number(spec: FieldSpec, value, integral: bool):
    if isinstance(value, bool):
        raise _invalid(spec, value, "een getal")
    expected = "een geheel getal" if integral else "een getal"
    if isinstance(value, (int, float)):
        number = value
        if len(str(value)) > MAX_NUMBER_TEXT:
            raise _invalid(spec, value, f"{expected} van hoogstens {MAX_NUMBER_TEXT} tekens")
    else:
        text = str(value).strip()
        if len(text) > MAX_NUMBER_TEXT:
            raise _invalid(spec, text[:20] + "…", f"{expected} van hoogstens {MAX_NUMBER_TEXT} tekens")
        text = text.replace(",", ".", 1) if text.count(",") == 1 and "." not in text else text
        if not (INTEGER if integral else NUMBER).fullmatch(text):
            raise _invalid(spec, value, f"{expected} in de cijfers 0-9 (zonder '_', NaN of oneindig)")
        number = int(text) if integral else float(text)
    if integral and isinstance(number, float):
        if not number.is_integer():
            raise _invalid(spec, value, "een geheel getal")
        number = int(number)
    if not integral:
        number = float(number)
        if not math.isfinite(number):
            raise _invalid(spec, value, "een eindig getal")
    _check_range(spec, number, value)
    return number


def _check_range(spec: FieldSpec, number, typed) -> None:
    low, high = spec.minimum, spec.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        bounds = spec.range_text or f"{low if low is not None else '…'}–{high if high is not None else '…'}"
        raise ValueOutOfRange(
            f"{spec.label} {str(typed).strip()[:40]} ligt buiten het toegestane bereik {bounds}.",
            errors={spec.name: [f"Toegestaan: {bounds}."]},
            field=spec.name,
        )


def _invalid(spec: FieldSpec, value, expected: str) -> InvalidValue:
    shown = str(value)[:80]
    return InvalidValue(
        f"{spec.label} '{shown}' is ongeldig; verwacht wordt {expected}.",
        errors={spec.name: [f"Verwacht: {expected}."]},
        field=spec.name,
    )


def coerce(spec: FieldSpec, value):
    """Return the value as stored in event data (JSON-safe), or raise naming the field."""
    kind = spec.type
    if kind == "text":
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise _invalid(spec, value, "tekst")
        text = str(value).strip()
        if "\x00" in text:
            raise _invalid(spec, text.replace("\x00", "?"), "tekst zonder NUL-tekens")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise _invalid(spec, text.encode("utf-8", "replace").decode(), "geldige Unicode-tekst") from None
        if len(text) > MAX_TEXT:
            raise _invalid(spec, text[:20] + "…", f"tekst van hoogstens {MAX_TEXT} tekens")
        return text
    if kind == "integer":
        return _number(spec, value, integral=True)
    if kind == "year":
        return _number(spec, value, integral=True)
    if kind == "decimal":
        return _number(spec, value, integral=False)
    if kind == "date":
        if not isinstance(value, (str, date)):
            raise _invalid(spec, value, "een datum (JJJJ-MM-DD)")
        return parse_date(value, spec.label).isoformat()
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise _invalid(spec, value, "ja of nee")
    if kind == "choice":
        choice = str(value).strip() if isinstance(value, (str, int)) else None
        if choice not in spec.choices:
            raise _invalid(spec, value, "een van: " + ", ".join(spec.choices))
        return choice
    if kind == "item":  # the key of another item; that it exists is checked against the items
        if not isinstance(value, str) or not ITEM_KEY.fullmatch(value.strip()):
            raise _invalid(spec, value, "de sleutel van een item")
        return value.strip()
    raise InvalidValue(f"Onbekend veldtype {kind} voor {spec.name}.")


ITEM_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
