"""Refusals name things the way users do: items by their title, actions by their Dutch label, never a key or an
event name (those stay in the structured details, for programs). On the real definitions, without a database."""
from datetime import date, datetime

import pytest

from tracker import PROJECT_ROOT
from tracker.domain.decisions import Circumstances, decide
from tracker.domain.errors import DependencyCycle, IllegalTransition, PrerequisitesNotDone, VersionConflict
from tracker.domain.events import NewEvent, StoredEvent
from tracker.domain.naming import SHOWN, shortened, subject
from tracker.domain.projection import replay
from tracker.services.definitions import load_registry

DAY = date(2025, 6, 2)
LONG = ("Aanbeveling 2: Analyseer functiescheidingsconflicten in de gebruikersorganisatie met specifieke tooling "
        "en leg de uitkomsten vast.")


@pytest.fixture(scope="module")
def registry():
    return load_registry(PROJECT_ROOT / "workflows")


class Log:
    """A few events in memory, replayed into rows and a graph before each decision."""

    def __init__(self, registry):
        self.registry, self.events, self.versions = registry, [], {}

    def add(self, key, type_, data):
        version = self.versions[key] = self.versions.get(key, 0) + 1
        self.events.append(StoredEvent(len(self.events) + 1, key, version, type_, data, "test", DAY,
                                       datetime(2025, 6, 2), None, "", ""))

    def decide(self, key, type_, data=None, expected_version=None):
        replayed = replay(self.events, self.registry)
        rows = Rows(replayed.items)
        return decide(NewEvent(key, type_, data or {}, "test", DAY, expected_version), rows, replayed.graph,
                      self.registry, Circumstances(today=DAY))


class Rows:
    def __init__(self, items):
        self.items = items

    def get(self, key):
        return self.items.get(key)

    def children(self, key):
        return [p for p in self.items.values() if p.item.parent == key]


@pytest.fixture
def log(registry):
    log = Log(registry)
    log.add("onv", "aangemaakt", {"kind": "thema", "title": "Onvolkomenheden"})
    log.add("autorisatiebeheer", "aangemaakt", {"kind": "onvolkomenheid", "title": "Autorisatiebeheer",
                                                "parent": "onv"})
    log.add("autorisatiebeheer-a2", "aangemaakt", {"kind": "aanbeveling", "title": LONG,
                                                   "parent": "autorisatiebeheer"})
    log.add("autorisatiebeheer-sap-grc", "aangemaakt", {"kind": "maatregel", "parent": "autorisatiebeheer",
                                                        "title": "Implementatie SAP GRC-tooling"})
    log.add("autorisatiebeheer-roger", "aangemaakt", {"kind": "maatregel", "parent": "autorisatiebeheer",
                                                      "title": "Personele capaciteit ROGER"})
    return log


def test_a_refused_transition_names_the_item_by_title_and_the_action_by_its_label(log):
    with pytest.raises(IllegalTransition) as caught:
        log.decide("autorisatiebeheer-a2", "geverifieerd")
    message = caught.value.message
    assert f"'{shortened(LONG)}' staat op 'open'" in message, message
    assert "'Verifiëren (Rekenkamer)' is daar niet toegestaan" in message
    assert "Toegestaan: 'Uitvoering starten' (→ in uitvoering), 'Opgevolgd melden' (→ opgevolgd)" in message
    assert "Aanbeveling Aanbeveling" not in message  # the kind is said once
    for machine in ("autorisatiebeheer-a2", "geverifieerd", "gestart", "opgevolgd (", "opmerking", "_"):
        assert machine not in message, (machine, message)
    assert {"event": "opgevolgd", "to": "opgevolgd"} in caught.value.details["allowed"]  # programs keep the names


def test_a_long_title_is_shortened_with_an_ellipsis():
    assert len(shortened(LONG)) == SHOWN and shortened(LONG).endswith("…")
    assert shortened("Munitiebeheer") == "Munitiebeheer"
    assert subject("Nieuwe logistiek", "IT-project") == "IT-project 'Nieuwe logistiek'"
    assert subject("aanbeveling 2 van Autorisatiebeheer", "Aanbeveling") == "'aanbeveling 2 van Autorisatiebeheer'"


def test_a_completion_waiting_on_a_prerequisite_names_both_by_title_and_the_action_by_its_label(log):
    log.add("autorisatiebeheer-a2", "afhankelijkheid_toegevoegd", {"op": "autorisatiebeheer-sap-grc"})
    with pytest.raises(PrerequisitesNotDone) as caught:
        log.decide("autorisatiebeheer-a2", "opgevolgd", {"toelichting": "Tooling aangeschaft"})
    message = caught.value.message
    assert message.startswith(f"'{shortened(LONG)}' kan 'Opgevolgd melden' niet vastleggen: het wacht nog op "
                              "'Implementatie SAP GRC-tooling' (gepland)."), message
    assert "autorisatiebeheer-sap-grc" not in message and "opgevolgd'" not in message
    assert caught.value.details["blocking"] == ["autorisatiebeheer-sap-grc"]


def test_a_cycle_is_refused_naming_every_item_on_it_by_title(log):
    log.add("autorisatiebeheer-a2", "afhankelijkheid_toegevoegd", {"op": "autorisatiebeheer-sap-grc"})
    log.add("autorisatiebeheer-sap-grc", "afhankelijkheid_toegevoegd", {"op": "autorisatiebeheer-roger"})
    with pytest.raises(DependencyCycle) as caught:
        log.decide("autorisatiebeheer-roger", "afhankelijkheid_toegevoegd", {"op": "autorisatiebeheer-a2"})
    message = caught.value.message
    assert (f"'Personele capaciteit ROGER' → '{shortened(LONG)}' → 'Implementatie SAP GRC-tooling' → "
            "'Personele capaciteit ROGER'") in message, message
    assert "autorisatiebeheer-" not in message
    assert caught.value.details["cycle"] == ["autorisatiebeheer-roger", "autorisatiebeheer-a2",
                                             "autorisatiebeheer-sap-grc", "autorisatiebeheer-roger"]


def test_a_stale_version_names_the_item_by_title(log):
    with pytest.raises(VersionConflict) as caught:
        log.decide("autorisatiebeheer-roger", "opmerking", {"toelichting": "Overleg"}, expected_version=0)
    assert caught.value.message.startswith("'Personele capaciteit ROGER' is intussen gewijzigd: u ging uit van "
                                           "versie 0, de huidige versie is 1.")
    assert caught.value.details["item"] == "autorisatiebeheer-roger"  # for the pages that look it up
