"""No figure comes from a constant: take one event away or add one, and the matching figure moves."""
from datetime import date

import pytest

from tracker import PROJECT_ROOT
from tracker.domain.events import NewEvent
from tracker.services import reporting
from tracker.services.recording import record_many
from tracker.services.seeding import commands_from

PUBLISHED = date(2025, 12, 31)


@pytest.fixture(scope="module")
def seed_commands():
    return commands_from(PROJECT_ROOT / "seed")


def load(tracker, commands):
    record_many(tracker, commands)
    return tracker


def without(commands, predicate):
    matches = [c for c in commands if predicate(c)]
    assert matches, "nothing to remove"
    return [c for c in commands if c is not matches[0]]


def last_event_of_its_item(commands, predicate):
    """A matching command after which its item has no further events (safe to remove)."""
    for i, command in enumerate(commands):
        if predicate(command) and not any(c.item == command.item for c in commands[i + 1:]):
            return command
    raise AssertionError("no such event")


def report(tracker, name):
    return reporting.report(tracker, name, PUBLISHED).rows


def test_removing_one_followed_recommendation_lowers_the_status(tracker, seed_commands):
    load(tracker, without(seed_commands, lambda c: c.item == "munitiebeheer-a3" and c.type == "opgevolgd"))
    row = report(tracker, "onvolkomenheden")[4]
    assert (row["onvolkomenheid"], row["status"]) == ("Munitiebeheer", "8 (van 10) aanbevelingen opgevolgd")


def test_removing_one_negative_opinion_lowers_that_year(tracker, seed_commands):
    gone = last_event_of_its_item(seed_commands,
                                  lambda c: c.type == "oordeel_negatief" and c.occurred_on.year == 2025)
    load(tracker, [c for c in seed_commands if c is not gone])
    row = report(tracker, "cio-oordelen")[-1]
    assert (row["jaar"], row["negatief"], row["totaal"]) == (2025, 4, 29)


def test_adding_one_positive_opinion_raises_that_year(tracker, seed_commands):
    extra = [
        NewEvent("cio-extra", "aangemaakt", {"kind": "it_project", "title": "Extra", "parent": "cio-oordelen"},
                 "t", date(2025, 12, 1)),
        NewEvent("cio-extra", "oordeel_positief", {}, "t", date(2025, 12, 2)),
    ]
    load(tracker, seed_commands + extra)
    row = report(tracker, "cio-oordelen")[-1]
    assert (row["positief"], row["totaal"]) == (14, 31)


def test_adding_one_measurement_moves_the_realisatie(tracker, seed_commands):
    extra = NewEvent("ooo-bs-kerndepartement", "volwassenheid_gemeten", {"score": "4,0", "jaar": 2025}, "t",
                     date(2025, 12, 20))
    load(tracker, seed_commands + [extra])
    assert report(tracker, "open-op-orde")[0] == {"jaar": 2025, "realisatie": 2.9, "streefwaarde": 2.8, "norm": 4.0,
                                                  "gemeten": 7, "onderdelen": 7, "voorlopig": False}


def test_removing_a_target_removes_its_figure(tracker, seed_commands):
    load(tracker, without(seed_commands, lambda c: c.type == "streefwaarde_vastgesteld" and c.data["jaar"] == 2027))
    assert [(r["jaar"], r["streefwaarde"]) for r in report(tracker, "open-op-orde")] == [
        (2025, 2.8), (2026, 3.0), (2027, None)]


def test_removing_one_step_moves_an_employer_back(tracker, seed_commands):
    gone = last_event_of_its_item(seed_commands,
                                  lambda c: c.type == "geborgd" and c.item.startswith("nigs-gbs-cmr1-"))
    load(tracker, [c for c in seed_commands if c is not gone])
    cmr1 = report(tracker, "nigs")[0]
    assert (cmr1["route"], cmr1["borgen"], cmr1["doorlopen"], cmr1["werkgevers"]) == ("GBS-CMR1", 15, 157, 194)
