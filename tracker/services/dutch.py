"""Numbers and dates the Dutch way, in one place (babel's nl_NL locale): "2,7", "1.234", "31 december 2025"."""
from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date, format_datetime, get_timezone
from babel.numbers import format_decimal

LOCALE = "nl_NL"
ZONE = get_timezone("Europe/Amsterdam")


def number(value: float | int | None, decimals: int = 1) -> str:
    """2.7 -> "2,7"; 2.65 -> "2,7" (half up, as a reader rounds); 1234 -> "1.234"; None -> "" (an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return format_decimal(value, format="#,##0", locale=LOCALE)
    step = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(rounded, format=pattern, locale=LOCALE)


def long_date(value: date | str | None) -> str:
    """31 december 2025."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return format_date(value, "d MMMM y", locale=LOCALE)


def moment(value: datetime | str | None) -> str:
    """A recording time (stored as UTC) in Dutch local time: 31 december 2025 14:05."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return format_datetime(value, "d MMMM y HH:mm", tzinfo=ZONE, locale=LOCALE)


def enumeration(words: list[str]) -> str:
    """"a, b en c"."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]
