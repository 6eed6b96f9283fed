"""Typed event fields: turn what a user typed (CLI text or JSON values) into stored values.

Numbers are accepted the Dutch way ("2,6") as well as the JSON way (2.6). Every refusal names the field and
what is allowed: the value as it was typed, and the range as the definitions loader wrote it out.
"""
from __future__ import annotations

import math
from datetime import date

from .errors import InvalidValue, ValueOutOfRange
from .workflow import FieldSpec

MAX_TEXT = 10_000
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


def _number(spec: FieldSpec, value, integral: bool):
    if isinstance(value, bool):
        raise _invalid(spec, value, "een getal")
    if isinstance(value, (int, float)):
        number = value
    else:
        text = str(value).strip().replace(",", ".")
        try:
            number = int(text) if integral else float(text)
        except ValueError:
            raise _invalid(spec, value, "een geheel getal" if integral else "een getal") from None
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
    raise InvalidValue(f"Onbekend veldtype {kind} voor {spec.name}.")
