"""The rules of the workflow engine, on the real definitions in workflows/ (no database)."""
from datetime import date

import pytest

from tracker import PROJECT_ROOT
from tracker.domain import items as rules
from tracker.domain.errors import (
    IllegalTransition,
    InvalidDate,
    MissingField,
    UnknownEventType,
    UnknownField,
    VersionConflict,
)
from tracker.domain.events import StoredEvent
from tracker.domain.items import Item, apply, fold
from tracker.services.definitions import load_registry


@pytest.fixture(scope="module")
def registry():
    return load_registry(PROJECT_ROOT / "workflows")


def recommendation(state="open", version=1):
    return Item("munitiebeheer-a10", "aanbeveling", "Aanbeveling 10", "munitiebeheer", state, version, {}, True, 1,
                date(2024, 5, 15), date(2024, 5, 15))


def event(seq, item, version, type_, data=None, on=date(2025, 1, 1)):
    return StoredEvent(seq, item, version, type_, data or {}, "test", on, None, None, "", "")


def test_rejects_illegal_transition_naming_state_and_allowed(registry):
    with pytest.raises(IllegalTransition) as caught:
        rules.transition_for(recommendation("open"), "geverifieerd", registry("aanbeveling"))
    message = caught.value.message
    assert "'Aanbeveling 10' staat op 'open'" in message and "munitiebeheer-a10" not in message
    assert "'Verifiëren (Rekenkamer)' is daar niet toegestaan" in message
    assert "'Opgevolgd melden' (→ opgevolgd)" in message and "'Uitvoering starten' (→ in uitvoering)" in message
    assert "geverifieerd'" not in message and "gestart" not in message  # labels, not event names
    assert {"event": "opgevolgd", "to": "opgevolgd"} in caught.value.details["allowed"]  # for programs: names


def test_rejects_unknown_event_type_listing_known_ones(registry):
    with pytest.raises(UnknownEventType) as caught:
        rules.transition_for(recommendation(), "goedgekeurd", registry("aanbeveling"))
    assert "goedgekeurd" in caught.value.message and "teruggestuurd" in caught.value.message


def test_following_requires_an_explanation(registry):
    workflow = registry("aanbeveling")
    transition = rules.transition_for(recommendation(), "opgevolgd", workflow)
    with pytest.raises(MissingField) as caught:
        rules.clean_data({}, workflow, transition.required + transition.optional + ("toelichting",),
                         transition.required, "opgevolgd")
    assert caught.value.errors == {"toelichting": ["Verplicht veld."]}


def test_rejects_unknown_field_naming_allowed_fields(registry):
    workflow = registry("aanbeveling")
    with pytest.raises(UnknownField) as caught:
        rules.clean_data({"score": "3"}, workflow, ("toelichting",), (), "opgevolgd")
    assert "score" in caught.value.message and "toelichting" in caught.value.message


def test_remark_is_allowed_in_every_state_and_changes_nothing(registry):
    workflow = registry("aanbeveling")
    for state in workflow.states:
        transition = rules.transition_for(recommendation(state), "opmerking", workflow)
        assert transition.to_state(state) == state
        assert transition.required == ("toelichting",)


def test_stale_version_is_a_conflict_naming_the_current_version():
    with pytest.raises(VersionConflict) as caught:
        rules.check_version(current=3, expected=2, key="inkoop", title="Inkoopbeheer")
    assert caught.value.message.startswith("'Inkoopbeheer' is intussen gewijzigd")
    assert "de huidige versie is 3" in caught.value.message and "inkoop " not in caught.value.message
    assert caught.value.details["current_version"] == 3


def test_rejects_future_and_backdated_events():
    with pytest.raises(InvalidDate, match="in de toekomst"):
        rules.check_date(date(2030, 1, 1), today=date(2026, 1, 1), last=None, name="x")
    with pytest.raises(InvalidDate, match="vóór de laatste gebeurtenis"):
        rules.check_date(date(2024, 1, 1), today=date(2026, 1, 1), last=date(2025, 1, 1), name="x")
    rules.check_date(date(2025, 1, 1), today=date(2026, 1, 1), last=date(2025, 1, 1), name="x")


def test_fold_follows_the_workflow_and_keeps_latest_attributes(registry):
    events = [
        event(1, "inkoop", 1, "aangemaakt", {"kind": "onvolkomenheid", "title": "Inkoop", "parent": "onv",
                                             "sinds_vo": 2017}),
        event(2, "inkoop", 2, "plan_van_aanpak_vastgesteld", {"plan_van_aanpak": "2022", "gereed": 2025}),
        event(3, "inkoop", 3, "planning_gewijzigd", {"gereed": 2026, "toelichting": "verschoven"}),
        event(4, "inkoop", 4, "opgelost_verklaard", {"vo_jaar": 2026, "toelichting": "opgelost"}),
    ]
    item = fold(events, registry)
    assert (item.state, item.version, item.parent) == ("opgelost", 4, "onv")
    # A verdict's VO year belongs to its event (the series of verdicts is in the log), not to the item.
    assert item.attributes == {"sinds_vo": 2017, "plan_van_aanpak": "2022", "gereed": 2026}


def test_replaying_an_event_the_workflow_forbids_names_its_sequence_number(registry):
    with pytest.raises(IllegalTransition) as caught:
        apply(recommendation("open"), event(9, "munitiebeheer-a10", 2, "geverifieerd"), registry("aanbeveling"))
    assert caught.value.details["seq"] == 9


@pytest.mark.parametrize("key", ["", "a b", "../etc", "x" * 101, "-start", "sleutel/met/slash"])
def test_rejects_malformed_keys(key):
    from tracker.domain.errors import InvalidValue

    with pytest.raises(InvalidValue):
        rules.check_key(key)
