"""What `tracker graph ITEM` and the API show: prerequisites, dependents, forecast and critical path."""
from __future__ import annotations

from datetime import date
from itertools import pairwise

import networkx as nx

from tracker.domain.errors import UnknownItem
from tracker.domain.graph import DependencyGraph
from tracker.domain.items import KEY_PATTERN
from tracker.domain.projection import Projected
from tracker.storage import event_store, projection_store

from . import as_of
from .context import Tracker
from .queries import check_day


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def graph_view(tracker: Tracker, key: str, peildatum: date | None = None) -> dict:
    if not KEY_PATTERN.fullmatch(key):
        raise UnknownItem(f"Item {key[:40]!r} bestaat niet.")
    if peildatum is not None:
        return item_and_view_as_of(tracker, key, peildatum)[1]
    with tracker.graphs.lock, tracker.read() as connection:
        graph = tracker.graphs.current(connection, event_store.head(connection)[0])
        if key not in graph:
            raise UnknownItem(f"Item {key} bestaat niet.")
        keys = _neighbourhood(graph, key)
        items = {p.item.key: (p.item.title, p.item.state)
                 for p in projection_store.select_items(connection, keys=keys)}
        return _describe(graph, key, items, keys)


def item_and_view_as_of(tracker: Tracker, key: str, peildatum: date) -> tuple[Projected, dict]:
    """The item and its graph view as they stood on the peildatum, from the histories of what they reach."""
    if not KEY_PATTERN.fullmatch(key):
        raise UnknownItem(f"Item {key[:40]!r} bestaat niet.")
    check_day(tracker, peildatum)
    return tracker.remembered(("graph", key, peildatum), lambda: _item_and_view_as_of(tracker, key, peildatum))


def _item_and_view_as_of(tracker: Tracker, key: str, peildatum: date) -> tuple[Projected, dict]:
    with tracker.read() as connection:
        below = as_of.reach(connection, [key], peildatum, "below")
        keys = as_of.reach(connection, below, peildatum, "requires") | as_of.reach(connection, [key], peildatum,
                                                                                   "required_by")
        loaded = as_of.graph_of(connection, tracker.registry, keys, peildatum)
        graph, found = loaded.graph, loaded.found
        if key not in found:
            raise UnknownItem(f"Item {key} bestaat niet op peildatum {peildatum.isoformat()}.")
        projected = as_of.projected(connection, tracker.registry, [key], peildatum, loaded)[0]
    keys = _neighbourhood(graph, key)
    items = {k: (found[k].title, found[k].state) for k in keys if k in found}
    return projected, _describe(graph, key, items, keys)


def _below(graph: DependencyGraph, key: str) -> set[str]:
    found, stack = {key}, [key]
    while stack:
        for child in graph.children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def _neighbourhood(graph: DependencyGraph, key: str) -> set[str]:
    """The item, what lies under it, everything they (transitively) require, and what requires the item."""
    requires = graph.requires
    below = _below(graph, key)
    upstream = set().union(*(nx.descendants(requires, k) for k in below))
    downstream = nx.ancestors(requires, key)
    path = {step.key for step in graph.critical_path(key)}
    return below | upstream | downstream | path


def _describe(graph: DependencyGraph, key: str, items: dict[str, tuple[str, str]], keys: set[str]) -> dict:
    def summary(k: str) -> dict:
        title, state = items.get(k, (k, None))
        return {"key": k, "title": title, "state": state,
                "done": graph.node(k).done, "forecast": _iso(graph.forecast.get(k)),
                "deadline": _iso(graph.node(k).deadline), "at_risk": graph.at_risk(k), "blocked": graph.is_blocked(k)}

    # The edges among these items, from each one's own prerequisites (not a pass over every edge of the log).
    chain = sorted((a, b) for a in keys if a in graph for b in graph.prerequisites(a) if b in keys)
    path = graph.critical_path(key)
    node = graph.node(key)
    return {
        **summary(key),
        "plan": _iso(node.plan),
        "blocking": sorted(graph.blocking(key)),
        "prerequisites": [summary(k) for k in sorted(graph.prerequisites(key))],
        "dependents": [summary(k) for k in sorted(graph.dependents(key))],
        "critical_path": [{**summary(step.key), "via": step.via} for step in path],
        "chain": [{"dependent": a, "prerequisite": b} for a, b in chain],
        "nodes": [summary(k) for k in sorted(keys)],
    }


def as_text(view: dict) -> str:
    risk = "  RISICO: prognose ligt na de deadline" if view["at_risk"] else ""
    lines = [f"{view['title']} ({view['key']})",
             f"Prognose: {view['forecast'] or '—'}   Deadline: {view['deadline'] or '—'}{risk}"]
    if view["blocking"]:
        lines.append("Geblokkeerd door: " + ", ".join(view["blocking"]))
    lines.append("Vereist: " + (", ".join(p["key"] for p in view["prerequisites"]) or "—"))
    lines.append("Afhankelijk hiervan: " + (", ".join(d["key"] for d in view["dependents"]) or "—"))
    lines.append("Kritiek pad (bepaalt de prognose):")
    for depth, step in enumerate(view["critical_path"]):
        via = f"{step['via']}: " if step["via"] else ""
        lines.append(f"{'  ' * depth}{'← ' if depth else ''}{via}{step['key']}  {step['forecast'] or '—'}  "
                     f"{step['title']}")
    if view["chain"]:
        lines.append("Afhankelijkheden (vereist):")
        lines += [f"  {edge['dependent']} → {edge['prerequisite']}" for edge in view["chain"]]
    return "\n".join(lines) + "\n"


def as_dot(view: dict) -> str:
    on_path = {step["key"] for step in view["critical_path"]}
    path_edges = {(a["key"], b["key"]) for a, b in pairwise(view["critical_path"])}
    quote = lambda s: '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    lines = ["digraph afhankelijkheden {", "  rankdir=LR;", "  node [shape=box];"]
    for n in view["nodes"]:
        style = ' color="red" penwidth=2' if n["key"] in on_path else ""
        fill = ' style=filled fillcolor="#e8f5e9"' if n["done"] else ""
        lines.append(f"  {quote(n['key'])} [label={quote(n['title'] + chr(10) + (n['forecast'] or ''))}{style}{fill}];")
    for edge in view["chain"]:
        a, b = edge["dependent"], edge["prerequisite"]
        style = ' color="red" penwidth=2' if (a, b) in path_edges else ""
        lines.append(f"  {quote(a)} -> {quote(b)} [label=\"vereist\"{style}];")
    for a, b in path_edges:
        if not any(e["dependent"] == a and e["prerequisite"] == b for e in view["chain"]):
            lines.append(f"  {quote(a)} -> {quote(b)} [label=\"onderdeel\" style=dashed color=\"red\" penwidth=2];")
    lines.append("}")
    return "\n".join(lines) + "\n"
