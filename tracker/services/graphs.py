"""The dependency graph of this process, kept current incrementally.

Loading the whole graph happens once (or after a failed write); afterwards each write
applies its own change, and events written by other processes are caught up from the
log by sequence number, so one event never reloads the graph.
"""
from __future__ import annotations

import gc
import logging
import threading
from typing import cast

from sqlalchemy import Connection

from tracker.domain.graph import DependencyGraph
from tracker.domain.projection import node_of
from tracker.domain.workflow import DEPENDENCY_ADDED, DEPENDENCY_REMOVED, Registry
from tracker.storage import event_store, projection_store

CATCH_UP_LIMIT = 5_000
log = logging.getLogger(__name__)


class GraphCache:
    def __init__(self, registry: Registry):
        self.registry = registry
        self.lock = threading.RLock()  # one writer or reader of the in-memory graph at a time
        self._graph: DependencyGraph | None = None
        self._seq = 0

    def invalidate(self) -> None:
        self._graph = None

    def advanced_to(self, seq: int) -> None:
        """This process's own write committed up to `seq`."""
        self._seq = seq

    def current(self, connection: Connection, head_seq: int) -> DependencyGraph:
        if self._graph is None or head_seq < self._seq:
            self._load(connection, head_seq)
        elif head_seq > self._seq:
            facts = event_store.facts_since(connection, self._seq, CATCH_UP_LIMIT)
            if facts is None:
                self._load(connection, head_seq)
            else:
                try:
                    self._catch_up(connection, facts)
                    self._seq = head_seq
                except Exception:  # a half-applied catch-up must not stay: this worker would refuse every write
                    log.exception("Bijwerken van de afhankelijkheidsgraaf mislukt; de graaf wordt opnieuw geladen.")
                    self._load(connection, head_seq)
        return cast(DependencyGraph, self._graph)  # loaded above when it was not

    def _load(self, connection: Connection, head_seq: int) -> None:
        # The graph lives until the next load: like what a worker loads at start-up (wsgi.py), its hundreds of
        # thousands of containers are set apart from the collector, so that full collections (a pause every few
        # dozen requests) stop walking them. The previous graph is handed back to the collector first.
        gc.unfreeze()
        self._graph = None
        rows = projection_store.all_rows(connection)
        nodes = (node_of(p, self.registry(p.item.kind)) for p in rows)
        self._graph = DependencyGraph.build(nodes, projection_store.all_edges(connection))
        self._seq = head_seq
        gc.freeze()

    def _catch_up(self, connection: Connection, facts) -> None:
        graph = cast(DependencyGraph, self._graph)  # only after a load
        touched = {fact.item for fact in facts}
        edges_changed = {fact.item for fact in facts if fact.type in (DEPENDENCY_ADDED, DEPENDENCY_REMOVED)}
        rows = [p for p in (projection_store.get(connection, key) for key in touched) if p is not None]
        # Every item first, then the edges: an edge may name an item created after its dependent, in the same
        # stretch of the log (another server wrote both), and a node is computed from the nodes its edges name.
        for p in sorted(rows, key=lambda p: p.created_seq):  # parents before children
            graph.put(node_of(p, self.registry(p.item.kind)))
        for fact in facts:
            if fact.type == DEPENDENCY_ADDED:
                graph.requires.add_edge(fact.item, fact.data["op"])
            elif fact.type == DEPENDENCY_REMOVED and graph.requires.has_edge(fact.item, fact.data["op"]):
                graph.requires.remove_edge(fact.item, fact.data["op"])
        for key in edges_changed:  # blocked counters and forecasts of items whose edges changed
            graph.open_prerequisites[key] = len(graph.blocking(key))
        graph.propagate(edges_changed)
