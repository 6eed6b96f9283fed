"""Random command sequences against the workflow engine (hypothesis stateful testing).

Whatever is tried — legal or illegal events, odd data, dependencies that would close cycles — the
engine either records or refuses with a TrackerError, no item is ever in a state its workflow does not
have, versions stay contiguous, and the projections always equal a replay of the log.
"""
from datetime import date

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule

from tests.conftest import make_app
from tracker.domain.errors import TrackerError
from tracker.domain.events import NewEvent
from tracker.services import integrity, queries
from tracker.services.recording import record

KINDS = {"aanbeveling": "o", "maatregel": "o", "voorwaarde": "p"}
EVENTS = ["gestart", "opgevolgd", "geverifieerd", "teruggestuurd", "niet_overgenomen", "heropend", "afgerond",
          "vervallen", "vervuld", "afgewezen", "opmerking", "planning_vastgesteld", "gegevens_gewijzigd",
          "gedeblokkeerd", "oordeel_positief", "onbekend_type"]
DATA = st.dictionaries(st.sampled_from(["toelichting", "gepland", "title", "nummer", "score", "x"]),
                       st.one_of(st.text(max_size=20), st.sampled_from(["2026-01-01", "2025-02-30", "4,5"]),
                                 st.integers(-5, 3000)), max_size=3)


def build(url_factory):
    class Engine(RuleBasedStateMachine):
        items = Bundle("items")

        @initialize(target=items)
        def setup(self):
            self.app = make_app(url_factory())
            self.tracker = self.app.extensions["tracker"]
            self.count = 0
            on = date(2025, 1, 6)
            for key, kind, parent in (("t", "thema", None), ("o", "onvolkomenheid", "t"), ("p", "it_project", "t")):
                data = {"kind": kind, "title": key, **({"parent": parent} if parent else {})}
                record(self.tracker, NewEvent(key, "aangemaakt", data, "test", on))
            return "o"

        def teardown(self):
            self.tracker.engine.dispose()

        @rule(target=items, kind=st.sampled_from(sorted(KINDS)))
        def create(self, kind):
            self.count += 1
            key = f"{kind}-{self.count}"
            try:
                record(self.tracker, NewEvent(key, "aangemaakt", {"kind": kind, "title": key, "parent": KINDS[kind]},
                                              "test", date(2025, 2, 1)))
            except TrackerError:
                return "o"
            return key

        @rule(key=items, event=st.sampled_from(EVENTS), data=DATA, day=st.integers(0, 600),
              stale=st.booleans())
        def act(self, key, event, data, day, stale):
            version = queries.get_item(self.tracker, key).item.version
            try:
                record(self.tracker, NewEvent(key, event, data, "test", date(2025, 2, 1).fromordinal(
                    date(2025, 2, 1).toordinal() + day), version - 1 if stale else version))
            except TrackerError:
                pass

        @rule(dependent=items, prerequisite=items)
        def depend(self, dependent, prerequisite):
            try:
                record(self.tracker, NewEvent(dependent, "afhankelijkheid_toegevoegd", {"op": prerequisite},
                                              "test", date(2026, 6, 1)))
            except TrackerError:
                pass

        @invariant()
        def states_are_known_and_versions_contiguous(self):
            if not hasattr(self, "tracker"):
                return
            for projected in queries.list_items(self.tracker):
                item = projected.item
                assert item.state in self.tracker.registry(item.kind).states
                versions = [e.version for e in queries.history(self.tracker, item.key)]
                assert versions == list(range(1, item.version + 1))

        @invariant()
        def projections_equal_a_replay(self):
            if hasattr(self, "tracker"):
                verification = integrity.verify(self.tracker)
                assert verification.ok, verification.problems

    return Engine


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
def test_random_command_sequences_keep_the_engine_sound(databases):
    machine = build(databases.empty)
    machine.TestCase.settings = settings(max_examples=12, stateful_step_count=15, deadline=None,
                                         suppress_health_check=list(HealthCheck), database=None)
    machine.TestCase().runTest()
