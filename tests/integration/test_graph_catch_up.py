"""The dependency graph a worker keeps, when other workers or servers wrote meanwhile (it catches up on the events
after the head it knew, instead of loading the whole graph again)."""
import pytest

from tests.conftest import make_app, url_of
from tracker.domain.errors import PrerequisitesNotDone
from tracker.domain.events import NewEvent
from tracker.services import graph_view
from tracker.services.recording import record, record_many


def measure(key: str) -> NewEvent:
    return NewEvent(key, "aangemaakt", {"kind": "maatregel", "title": f"Maatregel {key}", "parent": "munitiebeheer"},
                    "b")


@pytest.fixture
def other(seeded):
    """Another server on the same database."""
    tracker = make_app(url_of(seeded)).extensions["tracker"]
    yield tracker
    tracker.engine.dispose()


def test_an_edge_to_an_item_created_after_its_dependent_elsewhere_is_caught_up(seeded, other, monkeypatch):
    graph_view.graph_view(seeded, "munitiebeheer")  # this worker holds the graph
    loads = []
    original = seeded.graphs._load
    monkeypatch.setattr(seeded.graphs, "_load", lambda *a: (loads.append(1), original(*a)))
    # Elsewhere: the dependent first, its prerequisite later, then the edge between them, all unseen here.
    record_many(other, [measure("later"), measure("eerder"),
                        NewEvent("later", "afhankelijkheid_toegevoegd", {"op": "eerder"}, "b")])

    with pytest.raises(PrerequisitesNotDone) as refused:
        record(seeded, NewEvent("later", "gestart", {}, "b"))
    assert refused.value.details["blocking"] == ["eerder"]
    assert loads == []  # caught up, not loaded again
    assert graph_view.graph_view(seeded, "later")["prerequisites"] == graph_view.graph_view(other, "later")[
        "prerequisites"] != []

    record(other, NewEvent("eerder", "gestart", {}, "b"))
    record(other, NewEvent("eerder", "afgerond", {"toelichting": "klaar"}, "b"))
    assert not record(seeded, NewEvent("later", "gestart", {}, "b")).replayed  # no longer blocked: recorded


def test_a_catch_up_that_fails_loads_the_whole_graph_instead_of_keeping_half_of_it(seeded, other, monkeypatch):
    graph_view.graph_view(seeded, "munitiebeheer")

    def broken(*_args):
        raise KeyError("een item dat de graaf niet kent")

    monkeypatch.setattr(seeded.graphs, "_catch_up", broken)
    record_many(other, [measure("later"), measure("eerder"),
                        NewEvent("later", "afhankelijkheid_toegevoegd", {"op": "eerder"}, "b")])
    with pytest.raises(PrerequisitesNotDone):  # the rules still see the edge, from a fresh load
        record(seeded, NewEvent("later", "gestart", {}, "b"))
    assert [p["key"] for p in graph_view.graph_view(seeded, "later")["prerequisites"]] == ["eerder"]
