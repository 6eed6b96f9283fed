"""The dependency graph: cycles, blocking, forecasts, risk, critical path, and incremental = from scratch."""
import random
from datetime import date, timedelta

import pytest

from tracker.domain.errors import DependencyCycle, InvalidValue
from tracker.domain.graph import DependencyGraph, Node

D = date.fromisoformat


def node(key, parent=None, done=False, plan=None, deadline=None):
    return Node(key, parent, done, D(plan) if plan else None, D(deadline) if deadline else None)


@pytest.fixture
def chain():
    """Autorisatiebeheer <- aanbeveling a2 <- SAP GRC <- ROGER, as in the report."""
    return DependencyGraph.build(
        [node("onv", plan="2025-12-31", deadline="2025-12-31"), node("a2", "onv"),
         node("sap", "onv", plan="2025-09-30"), node("roger", "onv", plan="2025-06-30")],
        [("a2", "sap"), ("sap", "roger")],
    )


def test_forecast_is_the_latest_of_own_plan_prerequisites_and_children(chain):
    assert chain.forecast == {"roger": D("2025-06-30"), "sap": D("2025-09-30"), "a2": D("2025-09-30"),
                              "onv": D("2025-12-31")}
    assert not chain.at_risk("onv")


def test_a_slip_propagates_to_the_onvolkomenheid_and_marks_it_at_risk(chain):
    changed = chain.put(node("sap", "onv", plan="2026-06-30"))
    assert changed == {"sap", "a2", "onv"}
    assert chain.forecast["onv"] == D("2026-06-30") and chain.at_risk("onv")
    assert [(s.key, s.via) for s in chain.critical_path("onv")] == [("onv", None), ("a2", "onderdeel"),
                                                                     ("sap", "vereist")]


def test_a_slip_upstream_runs_through_the_whole_chain(chain):
    chain.put(node("roger", "onv", plan="2026-09-30"))
    assert chain.forecast["a2"] == D("2026-09-30")
    assert [s.key for s in chain.critical_path("onv")] == ["onv", "a2", "sap", "roger"]


def test_done_prerequisites_no_longer_block_or_push(chain):
    assert chain.blocking("sap") == ["roger"] and chain.is_blocked("a2")
    chain.put(node("roger", "onv", done=True, plan="2027-01-01"))
    assert chain.blocking("sap") == [] and chain.forecast["sap"] == D("2025-09-30")


def test_cycles_are_refused_with_the_full_path(chain):
    with pytest.raises(DependencyCycle) as caught:
        chain.check_new_edge("roger", "a2")
    assert caught.value.details["cycle"] == ["roger", "a2", "sap", "roger"]
    assert "roger → a2 → sap → roger" in caught.value.message


def test_depending_on_ones_own_parent_is_a_cycle_through_the_hierarchy(chain):
    with pytest.raises(DependencyCycle, match="sap → onv → sap"):
        chain.check_new_edge("sap", "onv")


def test_self_and_duplicate_edges_are_refused(chain):
    with pytest.raises(InvalidValue, match="van zichzelf"):
        chain.check_new_edge("sap", "sap")
    with pytest.raises(InvalidValue, match="hangt al af"):
        chain.check_new_edge("a2", "sap")


def test_removing_an_edge_updates_forecasts(chain):
    chain.put(node("sap", "onv", plan="2026-06-30"))
    chain.remove_edge("a2", "sap")
    assert chain.forecast["a2"] is None and not chain.is_blocked("a2")


def test_incremental_updates_always_equal_a_recomputation():
    rng = random.Random(7)
    keys = [f"n{i}" for i in range(300)]
    nodes = {k: node(k, parent=(keys[i // 5] if i >= 5 else None)) for i, k in enumerate(keys)}
    graph = DependencyGraph.build(nodes.values(), [])
    start = date(2025, 1, 1)
    for _ in range(600):
        k = rng.choice(keys)
        if rng.random() < 0.5:
            other = rng.choice(keys)
            try:
                graph.add_edge(k, other)
            except (DependencyCycle, InvalidValue):
                pass
        else:
            plan = start + timedelta(days=rng.randrange(1000)) if rng.random() < 0.8 else None
            nodes[k] = Node(k, nodes[k].parent, rng.random() < 0.2, plan, None)
            graph.put(nodes[k])
        incremental = dict(graph.forecast)
        graph.compute_all()
        assert graph.forecast == incremental
