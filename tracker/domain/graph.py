"""Dependencies between items: blocking, forecasts, risk and the critical path, held in networkx.

Two kinds of link feed a forecast ("the forecast of X depends on Y"):
- `requires` (recorded by events): the dependent needs the prerequisite done first;
- roll-up (the hierarchy): a parent's forecast includes its children's.

forecast(X) = the latest of X's own plan and the forecasts of everything X depends on, ignoring
what is already done. X is at risk when its forecast passes its deadline. X is blocked while a
prerequisite is not done. Forecasts are kept per node and updated incrementally: a change to one
item recomputes it and walks up to what depends on it, stopping where nothing changes.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import networkx as nx

from .errors import DependencyCycle, InvalidValue

REQUIRES = "vereist"
ROLLUP = "onderdeel"


@dataclass(frozen=True, slots=True)
class Node:
    key: str
    parent: str | None
    done: bool
    plan: date | None  # the item's own planned completion
    deadline: date | None  # what it is held to (an onvolkomenheid: 31 December of its gereed year)


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    via: str | None  # how the previous step depends on this one: "vereist" or "onderdeel"; None for the start
    forecast: date | None


class DependencyGraph:
    """`requires` edges live in a networkx DiGraph (dependent -> prerequisite); the hierarchy that
    rolls forecasts up lives beside it as parent/children maps. The hot loops read networkx's
    adjacency views (its public API) directly."""

    def __init__(self):
        self.requires = nx.DiGraph()
        self.nodes: dict[str, Node] = {}
        self.children: dict[str, list[str]] = {}
        self.forecast: dict[str, date | None] = {}
        self.open_prerequisites: dict[str, int] = {}  # per item: prerequisites not done (>0: blocked)

    # --- building ------------------------------------------------------------

    @classmethod
    def build(cls, nodes: Iterable[Node], edges: Iterable[tuple[str, str]]) -> DependencyGraph:
        graph = cls()
        graph.nodes = {n.key: n for n in nodes}
        children = graph.children
        for n in graph.nodes.values():
            if n.parent is not None and n.parent in graph.nodes:
                children.setdefault(n.parent, []).append(n.key)
        graph._load_edges(edges)
        graph.compute_all()
        return graph

    def _load_edges(self, edges: Iterable[tuple[str, str]]) -> None:
        self.requires.add_nodes_from(self.nodes)
        self.requires.add_edges_from(edges)

    def node(self, key: str) -> Node:
        return self.nodes[key]

    def __contains__(self, key: str) -> bool:
        return key in self.nodes

    def _feeds(self, key: str) -> list[str]:
        """What the forecast of `key` depends on: its prerequisites and its children."""
        return list(self.requires.succ[key]) + self.children.get(key, [])

    def _fed(self, key: str) -> list[str]:
        """What depends on the forecast of `key`: its dependents and its parent."""
        parent = self.nodes[key].parent
        above = [parent] if parent is not None and parent in self.nodes else []
        return list(self.requires.pred[key]) + above

    # --- queries -----------------------------------------------------------

    def prerequisites(self, key: str) -> list[str]:
        return list(self.requires.succ[key])

    def dependents(self, key: str) -> list[str]:
        return list(self.requires.pred[key])

    def blocking(self, key: str) -> list[str]:
        """Prerequisites of `key` that are not done yet."""
        nodes = self.nodes
        return [b for b in self.requires.succ[key] if not nodes[b].done]

    def is_blocked(self, key: str) -> bool:
        return self.open_prerequisites.get(key, 0) > 0

    def at_risk(self, key: str) -> bool:
        node, forecast = self.nodes[key], self.forecast.get(key)
        return not node.done and forecast is not None and node.deadline is not None and forecast > node.deadline

    def edges(self) -> list[tuple[str, str]]:
        return sorted(self.requires.edges)

    # --- changes -------------------------------------------------------------

    def _path(self, start: str, goal: str) -> list[str] | None:
        """A shortest path start -> ... -> goal along what feeds forecasts, or None.

        Searched from both ends, always widening the smaller frontier: a new item adding an edge has few
        items depending on it, while what it may depend on can be most of the graph."""
        if start == goal:
            return [start]
        ahead, behind = {start: None}, {goal: None}  # node -> the node it was reached from
        front_a, front_b = [start], [goal]
        while front_a and front_b:
            if len(front_a) <= len(front_b):
                front_a, meet = self._widen(front_a, ahead, behind, self._feeds)
            else:
                front_b, meet = self._widen(front_b, behind, ahead, self._fed)
            if meet is not None:
                forward = [meet]
                while ahead[forward[-1]] is not None:
                    forward.append(ahead[forward[-1]])
                backward = [meet]
                while behind[backward[-1]] is not None:
                    backward.append(behind[backward[-1]])
                return forward[::-1] + backward[1:]
        return None

    @staticmethod
    def _widen(front, mine, theirs, neighbours):
        following: list[str] = []
        for key in front:
            for other in neighbours(key):
                if other in mine:
                    continue
                mine[other] = key
                if other in theirs:
                    return following, other
                following.append(other)
        return following, None

    def check_new_edge(self, dependent: str, prerequisite: str, name: Callable[[str], str] | None = None) -> None:
        """Refuse self-dependencies, duplicates and anything that would close a cycle, naming the cycle (the keys in
        `cycle`). `name(key)`: how the message names an item, by its title (the graph knows only keys)."""
        shown = name or str
        if dependent == prerequisite:
            raise InvalidValue(f"{shown(dependent)} kan niet van zichzelf afhangen.", errors={"op": ["Zelfde item."]})
        if self.requires.has_edge(dependent, prerequisite):
            raise InvalidValue(f"{shown(dependent)} hangt al af van {shown(prerequisite)}.",
                               errors={"op": ["Bestaat al."]})
        path = self._path(prerequisite, dependent)
        if path is not None:
            cycle = [dependent] + path
            raise DependencyCycle(
                "Afhankelijkheid geweigerd: dit zou een kring maken: " + " → ".join(map(shown, cycle)) + ".",
                cycle=cycle, errors={"op": ["Zou een kring maken."]},
            )

    def add_edge(self, dependent: str, prerequisite: str) -> set[str]:
        self.check_new_edge(dependent, prerequisite)
        self.requires.add_edge(dependent, prerequisite)
        self.open_prerequisites[dependent] += not self.nodes[prerequisite].done
        return self.propagate([dependent])

    def remove_edge(self, dependent: str, prerequisite: str) -> set[str]:
        if not self.requires.has_edge(dependent, prerequisite):
            raise InvalidValue(f"{dependent} hangt niet af van {prerequisite}.", errors={"op": ["Bestaat niet."]})
        self.requires.remove_edge(dependent, prerequisite)
        self.open_prerequisites[dependent] -= not self.nodes[prerequisite].done
        return self.propagate([dependent])

    def put(self, node: Node) -> set[str]:
        """Add or update one item; returns the keys whose forecast changed."""
        old = self.nodes.get(node.key)
        key = node.key
        if old is None:
            self.requires.add_node(key)
            self.open_prerequisites[key] = 0
            if node.parent is not None and node.parent in self.nodes:
                self.children.setdefault(node.parent, []).append(key)
        elif old.done != node.done:
            for dependent in self.requires.pred[key]:
                self.open_prerequisites[dependent] += -1 if node.done else 1
        self.nodes[key] = node
        before = self.forecast.get(key)
        after = self._own(key)
        self.forecast[key] = after
        changed = {key} if after != before and old is not None else set()
        # What those above see of this item: its forecast while it is open, nothing once it is done.
        # Only when that changes do they need recomputing (a NIGS step without plans never does).
        seen_before = None if old is None or old.done else before
        seen_after = None if node.done else after
        if seen_before != seen_after:
            self._upward([(key, seen_before, seen_after)], changed)
        return changed

    # --- forecasts -------------------------------------------------------------

    def _own(self, key: str) -> date | None:
        """Forecast from the item and what feeds it, using the current forecasts of those."""
        nodes, forecast = self.nodes, self.forecast
        latest = nodes[key].plan
        for other in self._feeds(key):
            if nodes[other].done:
                continue
            candidate = forecast.get(other)
            if candidate is not None and (latest is None or candidate > latest):
                latest = candidate
        return latest

    def compute_all(self) -> None:
        """Every forecast from scratch, in one pass: an item is computed once everything that feeds it
        is (Kahn's order over prerequisites and children; the graph is acyclic)."""
        forecast: dict[str, date | None] = {}
        self.forecast = forecast
        self.open_prerequisites = open_count = {}
        # Plain adjacency dicts, taken once: indexing the graph's views builds a view object on every access.
        succ = dict(self.requires.adjacency())
        pred = dict(self.requires.reverse(copy=False).adjacency())
        nodes, children = self.nodes, self.children
        waiting = {key: len(succ[key]) + len(children.get(key, ())) for key in nodes}
        ready = [key for key, count in waiting.items() if count == 0]
        no_children: tuple = ()
        while ready:
            key = ready.pop()
            node = nodes[key]
            latest = node.plan  # inlined _own(): this loop runs once per item
            still_open = 0
            for other in succ[key]:
                if not nodes[other].done:
                    still_open += 1
                    candidate = forecast[other]
                    if candidate is not None and (latest is None or candidate > latest):
                        latest = candidate
            open_count[key] = still_open
            for other in children.get(key, no_children):
                if not nodes[other].done:
                    candidate = forecast[other]
                    if candidate is not None and (latest is None or candidate > latest):
                        latest = candidate
            forecast[key] = latest
            for other in pred[key]:
                waiting[other] -= 1
                if waiting[other] == 0:
                    ready.append(other)
            parent = node.parent
            if parent is not None and parent in waiting:
                waiting[parent] -= 1
                if waiting[parent] == 0:
                    ready.append(parent)

    def propagate(self, keys: Iterable[str]) -> set[str]:
        """Recompute `keys` from what feeds them, then carry any change up to what depends on them."""
        changed: set[str] = set()
        queue = []
        for key in keys:
            before, after = self.forecast.get(key), self._own(key)
            if after != before:
                self.forecast[key] = after
                changed.add(key)
                if not self.nodes[key].done:
                    queue.append((key, before, after))
        self._upward(queue, changed)
        return changed

    def _upward(self, queue: list, changed: set[str]) -> None:
        """Carry changed contributions (key, was, now) up. A parent with thousands of children is only
        recounted when the child that set its forecast moves earlier; a later or new forecast raises it
        directly. A done item contributes nothing, so the walk stops there."""
        forecast = self.forecast
        while queue:
            key, was, now = queue.pop()
            for above in self._fed(key):
                value = forecast.get(above)
                if now is not None and (value is None or now > value):
                    new = now
                elif was is not None and was == value and (now is None or now < was):
                    new = self._own(above)
                else:
                    continue
                if new == value:
                    continue
                forecast[above] = new
                changed.add(above)
                if not self.nodes[above].done:
                    queue.append((above, value, new))

    def critical_path(self, key: str) -> list[Step]:
        """The chain that sets `key`'s forecast: at each step, what it depends on with the same forecast."""
        path = [Step(key, None, self.forecast.get(key))]
        seen = {key}
        while True:
            here = path[-1]
            if here.forecast is None:
                return path
            # Follow what carries the same forecast (on a tie with the item's own plan too: the
            # cause upstream explains more than the plan that matches it).
            nxt = [(other, REQUIRES) for other in self.requires.succ[here.key]]
            nxt += [(other, ROLLUP) for other in self.children.get(here.key, ())]
            nxt = [(o, kind) for o, kind in nxt if not self.nodes[o].done and o not in seen
                   and self.forecast.get(o) == here.forecast]
            if not nxt:
                return path
            other, kind = sorted(nxt, key=lambda pair: (pair[1] != REQUIRES, pair[0]))[0]
            seen.add(other)
            path.append(Step(other, kind, self.forecast.get(other)))
