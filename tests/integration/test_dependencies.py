"""Dependencies through the service layer: rules at append time, reactions, projections and the cache."""
from datetime import date

import pytest

from tracker.domain.errors import DependencyCycle, InvalidValue, NotAllowed, PrerequisitesNotDone, UnknownItem
from tracker.domain.events import NewEvent
from tracker.domain.naming import shortened
from tracker.services import graph_view, integrity, queries
from tracker.services.recording import record, record_many


def depend(tracker, item, on, when=date(2026, 1, 5)):
    return record(tracker, NewEvent(item, "afhankelijkheid_toegevoegd", {"op": on}, "beheer", when)).event


def item(tracker, key, peildatum=None):
    return queries.get_item(tracker, key, peildatum)


def test_completing_the_last_prerequisite_writes_unblocked_on_each_dependent(seeded):
    depend(seeded, "beveiliging-militaire-objecten-investeringen", "vastgoedbeheer-portefeuilleplan")
    assert item(seeded, "beveiliging-militaire-objecten-vastgoedprojecten").blocked
    record(seeded, NewEvent("vastgoedbeheer-commandopost", "afgerond", {"toelichting": "Operationeel"}, "o",
                            date(2026, 2, 1)))
    assert item(seeded, "beveiliging-militaire-objecten-investeringen").blocked  # one prerequisite still open
    record(seeded, NewEvent("vastgoedbeheer-portefeuilleplan", "afgerond", {"toelichting": "Vastgesteld"}, "o",
                            date(2026, 3, 2)))
    for dependent in ("beveiliging-militaire-objecten-investeringen",
                      "beveiliging-militaire-objecten-vastgoedprojecten"):
        last = queries.history(seeded, dependent)[-1]
        assert (last.type, last.data["door"], last.actor) == ("gedeblokkeerd", "vastgoedbeheer-portefeuilleplan",
                                                              "systeem")
        assert not item(seeded, dependent).blocked
    assert integrity.verify(seeded).ok


def test_start_is_refused_while_a_prerequisite_is_open_naming_it(seeded):
    with pytest.raises(PrerequisitesNotDone) as caught:
        record(seeded, NewEvent("beveiliging-militaire-objecten-vastgoedprojecten", "gestart", {}, "o"))
    assert caught.value.details["blocking"] == ["vastgoedbeheer-portefeuilleplan"]
    assert "Portefeuilleplan vastgoed" in caught.value.message


def test_a_cycle_is_refused_with_its_path_and_nothing_is_written(seeded):
    before = queries.get_item(seeded, "autorisatiebeheer-roger")
    with pytest.raises(DependencyCycle) as caught:
        depend(seeded, "autorisatiebeheer-roger", "autorisatiebeheer-a2")
    assert caught.value.details["cycle"] == ["autorisatiebeheer-roger", "autorisatiebeheer-a2",
                                             "autorisatiebeheer-sap-grc", "autorisatiebeheer-roger"]
    assert queries.get_item(seeded, "autorisatiebeheer-roger") == before


@pytest.mark.parametrize("on, error", [("bestaat-niet", UnknownItem), ("autorisatiebeheer-a2", InvalidValue),
                                       ("autorisatiebeheer", DependencyCycle)])
def test_bad_edges_are_refused(seeded, on, error):
    with pytest.raises(error):
        depend(seeded, "autorisatiebeheer-a2", on)


def test_nobody_records_unblocked_by_hand(seeded):
    with pytest.raises(NotAllowed, match="door het volgsysteem zelf"):
        record(seeded, NewEvent("autorisatiebeheer-a2", "gedeblokkeerd", {"door": "x"}, "iemand"))


def test_the_sap_grc_slip_made_autorisatiebeheer_at_risk_until_it_was_replanned(seeded):
    during = item(seeded, "autorisatiebeheer", date(2025, 10, 10))
    assert (during.forecast, during.at_risk) == (date(2026, 9, 30), True)
    before = item(seeded, "autorisatiebeheer", date(2025, 10, 1))
    assert (before.forecast, before.at_risk) == (date(2025, 12, 31), False)
    now = item(seeded, "autorisatiebeheer")
    assert (now.forecast, now.at_risk) == (date(2026, 12, 31), False)


def test_a_new_slip_propagates_and_the_critical_path_shows_the_chain(seeded):
    record(seeded, NewEvent("autorisatiebeheer-roger", "planning_vastgesteld",
                            {"gepland": "2027-03-31", "toelichting": "ROGER opnieuw uitgesteld"}, "o",
                            date(2026, 4, 1)))
    onv = item(seeded, "autorisatiebeheer")
    assert (onv.forecast, onv.at_risk) == (date(2027, 3, 31), True)
    view = graph_view.graph_view(seeded, "autorisatiebeheer")
    assert [s["key"] for s in view["critical_path"]] == [
        "autorisatiebeheer", "autorisatiebeheer-a2", "autorisatiebeheer-sap-grc", "autorisatiebeheer-roger"]
    assert {"dependent": "autorisatiebeheer-sap-grc", "prerequisite": "autorisatiebeheer-roger"} in view["chain"]
    topic = item(seeded, "onvolkomenheden")
    assert topic.forecast == date(2027, 12, 31)  # the topic rolls up its latest child


def test_removing_the_open_prerequisite_unblocks_without_an_event(seeded):
    record(seeded, NewEvent("beveiliging-militaire-objecten-vastgoedprojecten", "afhankelijkheid_verwijderd",
                            {"op": "vastgoedbeheer-portefeuilleplan"}, "beheer"))
    assert not item(seeded, "beveiliging-militaire-objecten-vastgoedprojecten").blocked
    assert integrity.verify(seeded).ok


def test_rebuild_restores_edges_and_graph_columns_identically(seeded, seeded_runner):
    from tests.integration.test_integrity import projection_rows

    depend(seeded, "munitiebeheer-a10", "munitiebeheer-a9")
    before = projection_rows(seeded)
    assert seeded_runner.invoke(args=["rebuild"]).exit_code == 0
    assert projection_rows(seeded) == before
    assert integrity.verify(seeded).ok


def test_the_graph_of_another_process_is_caught_up_without_a_reload(seeded_app, seeded):
    from tests.conftest import make_app, url_of

    other = make_app(url_of(seeded)).extensions["tracker"]
    graph_view.graph_view(seeded, "autorisatiebeheer")  # load this process's graph once
    loads = []
    original = seeded.graphs._load
    seeded.graphs._load = lambda *a: (loads.append(1), original(*a))
    record(other, NewEvent("autorisatiebeheer-roger", "planning_vastgesteld",
                           {"gepland": "2027-06-30", "toelichting": "elders vastgelegd"}, "o"))
    view = graph_view.graph_view(seeded, "autorisatiebeheer")
    assert view["forecast"] == "2027-06-30" and loads == []
    other.engine.dispose()


def test_a_rolled_back_command_leaves_the_cached_graph_consistent(seeded):
    with pytest.raises(UnknownItem):
        record_many(seeded, [
            NewEvent("munitiebeheer-a10", "afhankelijkheid_toegevoegd", {"op": "munitiebeheer-a9"}, "b"),
            NewEvent("bestaat-niet", "opmerking", {"toelichting": "x"}, "b"),
        ])
    assert graph_view.graph_view(seeded, "munitiebeheer-a10")["prerequisites"] == []
    depend(seeded, "munitiebeheer-a10", "munitiebeheer-a9")
    assert not item(seeded, "munitiebeheer-a10").blocked  # a9 is followed (done)


def test_cli_depend_undepend_and_graph_dot(seeded, seeded_runner):
    assert seeded_runner.invoke(args=["user", "create", "beheer", "--role", "beheerder"]).exit_code == 0
    result = seeded_runner.invoke(args=["depend", "munitiebeheer-a10", "--on", "munitiebeheer-a9", "--als", "beheer"])
    assert result.exit_code == 0 and result.stdout.strip().isdigit()
    cycle = seeded_runner.invoke(args=["depend", "munitiebeheer-a9", "--on", "munitiebeheer-a10", "--als", "beheer"])
    a9, a10 = (f"'{shortened(item(seeded, key).item.title)}'" for key in ("munitiebeheer-a9", "munitiebeheer-a10"))
    assert cycle.exit_code == 1 and f"{a9} → {a10} → {a9}" in cycle.stderr, cycle.stderr
    assert "munitiebeheer-a" not in cycle.stderr  # the titles people know, not the keys
    dot = seeded_runner.invoke(args=["graph", "autorisatiebeheer", "--peildatum", "2025-10-10", "--format", "dot"])
    assert dot.stdout.startswith("digraph") and '"autorisatiebeheer-sap-grc" -> "autorisatiebeheer-roger"' in dot.stdout
    text = seeded_runner.invoke(args=["graph", "autorisatiebeheer", "--peildatum", "2025-10-10"]).stdout
    assert "RISICO" in text and "Kritiek pad" in text
    assert seeded_runner.invoke(args=["undepend", "munitiebeheer-a10", "--on", "munitiebeheer-a9",
                                      "--als", "beheer"]).exit_code == 0
