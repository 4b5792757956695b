"""The layout shows the architecture: the core knows no site generator, and no two modules import each other.

Read from the source (every import statement, in functions too), so a new module is checked without a change here.
"""

from __future__ import annotations

import ast
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
CORE = PROJECT / "skoleplan"
GENERATOR_PACKAGES = ("mkdocs", "material", "mkdocs_macros", "macros")
# The command line and the build drive the site generator; nothing else in the core may know it.
DRIVERS = {"skoleplan.cli", "skoleplan.build", "skoleplan.devserver"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module `path` imports, absolute, anywhere in the file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found |= {f"{target}.{alias.name}" for alias in node.names}
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in CORE.rglob("*.py")}
    edges = {}
    for name, path in modules.items():
        edges[name] = {m for m in imports(path) if m in modules and m != name and not name.startswith(m + ".")}
    return edges


def test_the_core_does_not_know_the_site_generator():
    for path in CORE.rglob("*.py"):
        name = module_name(path)
        if name in DRIVERS:
            continue
        known = {m for m in imports(path) if m.split(".")[0] in GENERATOR_PACKAGES}
        assert not known, f"{name} imports {sorted(known)}"


def test_no_import_cycles_in_the_core():
    edges = graph()
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(edges[node]):
            if nxt in path:
                cycles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in done:
                visit(nxt, path + [nxt])
        done.add(node)

    done: set[str] = set()
    for start in sorted(edges):
        if start not in done:
            visit(start, [start])
    unique = {" → ".join(c) for c in cycles}
    assert unique == set()
