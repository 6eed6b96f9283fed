"""Typed fields: Dutch numbers in, clear refusals out."""
import pytest

from tracker.domain.errors import InvalidValue, ValueOutOfRange
from tracker.domain.fields import coerce
from tracker.domain.workflow import FieldSpec

SCORE = FieldSpec("score", "decimal", "Score", minimum=1.0, maximum=4.0, range_text="1,0–4,0")


@pytest.mark.parametrize("typed, stored", [("2,6", 2.6), ("2.6", 2.6), (2.6, 2.6), ("4", 4.0), (1, 1.0)])
def test_accepts_dutch_and_json_decimals(typed, stored):
    assert coerce(SCORE, typed) == stored


def test_rejects_score_above_four_in_dutch_notation():
    with pytest.raises(ValueOutOfRange) as caught:
        coerce(SCORE, "4,5")
    assert caught.value.message == "Score 4,5 ligt buiten het toegestane bereik 1,0–4,0."
    assert caught.value.errors == {"score": ["Toegestaan: 1,0–4,0."]}


@pytest.mark.parametrize("typed", ["twee", "nan", "inf", True, None, [1]])
def test_rejects_non_numbers(typed):
    with pytest.raises(InvalidValue):
        coerce(SCORE, typed)


def test_choice_lists_the_allowed_values():
    spec = FieldSpec("oordeel", "choice", "Oordeel", choices=("positief", "negatief"))
    assert coerce(spec, "negatief") == "negatief"
    with pytest.raises(InvalidValue, match="positief, negatief"):
        coerce(spec, "neutraal")


def test_years_must_be_whole_and_in_range():
    spec = FieldSpec("gereed", "year", "Gereed", minimum=2000, maximum=2100)
    assert coerce(spec, "2026") == 2026
    with pytest.raises(InvalidValue):
        coerce(spec, "2026,5")
    with pytest.raises(ValueOutOfRange, match="1999"):
        coerce(spec, 1999)


def test_dates_and_booleans():
    assert coerce(FieldSpec("d", "date", "Datum"), "2025-12-31") == "2025-12-31"
    with pytest.raises(InvalidValue, match="JJJJ-MM-DD"):
        coerce(FieldSpec("d", "date", "Datum"), "31-12-2025")
    assert coerce(FieldSpec("b", "boolean", "B"), "ja") is True
    assert coerce(FieldSpec("b", "boolean", "B"), "nee") is False


