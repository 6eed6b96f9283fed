"""The shape of the code: no import cycles between tracker modules, and no layer importing one above it.

Every module under tracker/ is read with `ast`; every import counts, at module level and inside functions
(a function-level import is still a dependency, only a later one). `from tracker.x import y` imports the
module tracker.x.y when that is a module, else tracker.x; a package's __init__ is a module of its own, so
importing tracker.x.y does not count as importing tracker.x.

Layers, low to high, and what each may import of the tracker:

- tracker.domain: itself only; outside the tracker only the standard library and networkx,
- tracker.storage: domain, storage,
- tracker.services: domain, storage, services,
- tracker.edge (what the pages and the API share at the HTTP edge): domain, services,
- tracker.api, tracker.web, tracker.cli: domain, services, edge and themselves, never one another and never
  storage; except that tracker.cli may import tracker.storage.database (init-db), and the package `tracker`
  itself for the app factory its FlaskGroup builds (see is_cli_app_factory),
- tracker.migrations: storage,
- the app factory (tracker/__init__.py): anything.
"""
from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tracker"

LAYERS = ("tracker.domain", "tracker.storage", "tracker.services", "tracker.edge", "tracker.api", "tracker.web",
          "tracker.cli", "tracker.migrations")
FACTORY = "tracker"
ALLOWED = {
    "tracker.domain": {"tracker.domain"},
    "tracker.storage": {"tracker.domain", "tracker.storage"},
    "tracker.services": {"tracker.domain", "tracker.storage", "tracker.services"},
    "tracker.edge": {"tracker.domain", "tracker.services", "tracker.edge"},
    "tracker.api": {"tracker.domain", "tracker.services", "tracker.edge", "tracker.api"},
    "tracker.web": {"tracker.domain", "tracker.services", "tracker.edge", "tracker.web"},
    "tracker.cli": {"tracker.domain", "tracker.services", "tracker.edge", "tracker.cli"},
    "tracker.migrations": {"tracker.storage", "tracker.migrations"},
}
# Single modules a layer may import besides its layers: the CLI creates the tables (`tracker init-db`).
ALLOWED_MODULES = {"tracker.cli": {"tracker.storage.database"}}
DOMAIN_THIRD_PARTY = {"networkx", "__future__"}


@dataclass(frozen=True)
class Import:
    source: str  # importing module
    target: str  # imported tracker module, or the top-level name of anything else
    path: Path
    line: int
    names: tuple[str, ...]  # for `from X import a, b`: a, b
    in_function: bool
    statement: str = ""  # as written


    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where()}: {self.source} -> {self.target} ({self.statement})"


# The FlaskGroup of `tracker` (the command) needs the app factory, which in turn registers the commands: the
# one import of the package `tracker` that the CLI may make, `from tracker import create_app` inside the function
# that builds the app (so at run time, never while the modules load). It is exempt from the layer rule and from
# the cycle check, and there may be only one.
def is_cli_app_factory(imp: Import) -> bool:
    return (layer_of(imp.source) == "tracker.cli" and imp.target == FACTORY and imp.names == ("create_app",)
            and imp.in_function)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _functions_lines(tree: ast.AST) -> set[int]:
    """Lines of every import statement that sits inside a function."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inside |= {n.lineno for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom)}
    return inside


def imports_of(name: str, path: Path, known: set[str]) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    inside = _functions_lines(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[Import] = []
    for node in ast.walk(tree):
        in_function = getattr(node, "lineno", 0) in inside
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(name, _resolve(alias.name, known), path, node.lineno, (), in_function,
                                    ast.unparse(node)))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            names = tuple(alias.name for alias in node.names)
            if origin == "tracker" or origin.startswith("tracker."):
                # Each imported name that is a module is an import of that module; the rest, of `origin`.
                submodules = [f"{origin}.{n}" for n in names if f"{origin}.{n}" in known]
                rest = tuple(n for n in names if f"{origin}.{n}" not in known)
                for target in submodules:
                    found.append(Import(name, target, path, node.lineno, (target.rpartition(".")[2],), in_function,
                                        ast.unparse(node)))
                if rest:
                    found.append(Import(name, _resolve(origin, known), path, node.lineno, rest, in_function,
                                        ast.unparse(node)))
            else:
                found.append(Import(name, _resolve(origin, known), path, node.lineno, names, in_function,
                                    ast.unparse(node)))
    return found


def _resolve(dotted: str, known: set[str]) -> str:
    """A tracker module by its dotted name (the longest known prefix); anything else by its top-level name."""
    if dotted != "tracker" and not dotted.startswith("tracker."):
        return dotted.partition(".")[0]
    parts = dotted.split(".")
    while parts and ".".join(parts) not in known:
        parts.pop()
    return ".".join(parts)


def all_imports() -> list[Import]:
    found = modules()
    known = set(found)
    return [imp for name, path in found.items() for imp in imports_of(name, path, known)]


def layer_of(module: str) -> str | None:
    for layer in LAYERS:
        if module == layer or module.startswith(layer + "."):
            return layer
    return None


def _is_tracker(module: str) -> bool:
    return module == "tracker" or module.startswith("tracker.")


def test_every_module_is_in_a_layer():
    unplaced = [name for name in modules() if name != FACTORY and layer_of(name) is None]
    assert not unplaced, f"Modules outside every layer (add them to LAYERS in {Path(__file__).name}): {unplaced}"


def test_no_layer_imports_a_layer_it_may_not():
    wrong = []
    for imp in all_imports():
        if not _is_tracker(imp.target) or imp.source == FACTORY or is_cli_app_factory(imp):
            continue
        layer = layer_of(imp.source)
        assert layer is not None, imp
        target_layer = layer_of(imp.target)
        if target_layer in ALLOWED[layer] or imp.target in ALLOWED_MODULES.get(layer, set()):
            continue
        wrong.append(f"{imp}  [{layer} may import only {', '.join(sorted(ALLOWED[layer]))}]")
    assert not wrong, "Imports across the layers:\n" + "\n".join(wrong)
    factory = [str(imp) for imp in all_imports() if is_cli_app_factory(imp)]
    assert len(factory) <= 1, "The CLI may import the app factory once:\n" + "\n".join(factory)


def test_domain_imports_only_the_standard_library_and_networkx():
    wrong = [str(imp) for imp in all_imports()
             if layer_of(imp.source) == "tracker.domain" and not _is_tracker(imp.target)
             and imp.target not in sys.stdlib_module_names and imp.target not in DOMAIN_THIRD_PARTY]
    assert not wrong, "tracker.domain imports more than the standard library and networkx:\n" + "\n".join(wrong)


def test_no_import_cycles():
    edges: dict[str, dict[str, Import]] = {}
    for imp in all_imports():
        if _is_tracker(imp.target) and imp.target != imp.source and not is_cli_app_factory(imp):
            edges.setdefault(imp.source, {}).setdefault(imp.target, imp)
    components = [component for component in _strongly_connected(edges) if len(component) > 1]
    described = [f"{len(component)} modules import one another ({', '.join(component)}), e.g.:\n"
                 + "\n".join(f"  {imp}" for imp in _cycle_through(component, edges)) for component in components]
    assert not described, "Import cycles between tracker modules:\n" + "\n\n".join(described)


def _strongly_connected(edges: dict[str, dict[str, Import]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    nodes = sorted(set(edges) | {t for targets in edges.values() for t in targets})
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, {}))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(edges.get(target, {})))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
    return components


def _cycle_through(component: list[str], edges: dict[str, dict[str, Import]]) -> list[Import]:
    """One cycle inside a strongly connected component, as the imports that make it (breadth-first, shortest)."""
    members, start = set(component), component[0]
    came_from: dict[str, Import] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target, imp in sorted(edges.get(node, {}).items()):
                if target not in members or target in came_from:
                    continue
                came_from[target] = imp
                if target == start:
                    cycle = [imp]
                    while cycle[-1].source != start:
                        cycle.append(came_from[cycle[-1].source])
                    return cycle[::-1]
                following.append(target)
        frontier = following
    raise AssertionError(f"no cycle found in {component}")


def test_the_checks_see_imports_inside_functions_and_relative_ones(tmp_path):
    """The reader itself: relative imports, `from package import module`, imports inside functions."""
    known = {"tracker", "tracker.domain", "tracker.domain.a", "tracker.domain.b", "tracker.web"}
    source = tmp_path / "a.py"
    source.write_text("from . import b\nfrom .b import thing\nimport networkx as nx\n"
                      "def f():\n    from tracker import web, create_app\n", encoding="utf-8")
    found = {(i.target, i.names, i.in_function) for i in imports_of("tracker.domain.a", source, known)}
    assert found == {("tracker.domain.b", ("b",), False), ("tracker.domain.b", ("thing",), False),
                     ("networkx", (), False), ("tracker.web", ("web",), True), ("tracker", ("create_app",), True)}
