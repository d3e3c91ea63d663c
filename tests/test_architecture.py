"""The layering of ``reader``, checked: what may import what, read from the source with ast.

corpus at the bottom; search and notes above it, each unaware of the other; the library
above search; cli and ui on top; no Qt below ui. Inside ui, ``base`` is under everything and
``shell`` on top of everything, so the subpackages never form a cycle. And the modules'
import-time imports form no cycle at all, which is what lets start-up tasks import the core
from two threads at once (a cycle can be met half done by the second thread).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import REPO

CORE_MODULES = [
    "reader.corpus",
    "reader.library",
    "reader.search",
    "reader.notes",
    "reader.cli",
    "reader.nodes",
]
# Core package -> the reader packages it must not import (any import: lazy ones too).
TOP = {"ui", "app", "cli", "__main__"}
FORBIDDEN = {
    "corpus": {"library", "search", "notes", *TOP},
    "search": {"library", "notes", *TOP},
    "notes": {"library", "search", *TOP},
    "library": {"notes", *TOP},
    "cli": TOP - {"cli"},
    "errors": TOP, "paths": TOP, "settings": TOP, "nodes": TOP,
}
# ui subpackage -> the ui subpackages it may import.
UI_ALLOWED = {
    "base": set(),
    "reading": {"base"},
    "library": {"base"},
    "search": {"base", "reading"},
    "notes": {"base", "reading"},
    "shell": {"base", "reading", "library", "search", "notes"},
}


def module_files(src: Path, package: str) -> dict[str, Path]:
    """Map every module of ``package`` (a folder in ``src``) to its file."""
    found = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(path: Path, eager_only: bool = False) -> Iterator[str]:
    """Yield the modules ``path`` imports; with ``eager_only``, those run when it loads.

    Eager ones are at module level (also under if/try), not under ``if TYPE_CHECKING`` and
    not inside a function. ``from a import b`` yields ``a`` and ``a.b`` (b may be a module).
    """
    def walk(body: list[ast.stmt]) -> Iterator[ast.stmt]:
        for node in body:
            yield node
            if isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test):
                yield from walk(node.body + node.orelse)
            elif isinstance(node, ast.Try):
                yield from walk(node.body + node.orelse + node.finalbody)
                for handler in node.handlers:
                    yield from walk(handler.body)

    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = walk(tree.body) if eager_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def layer_violations(src: Path, package: str) -> list[str]:
    """Return every import that breaks FORBIDDEN, the no-Qt rule or UI_ALLOWED."""
    found = []
    for module, path in module_files(src, package).items():
        reported: list[str] = []  # ``from a import b``: a's breach is b's too
        for name in sorted(set(imports(path))):
            if not any(name.startswith(f"{seen}.") for seen in reported):
                breach = _breach(module.split("."), name.split("."), package)
                if breach is not None:
                    found.append(f"{module} imports {name}{breach}")
                    reported.append(name)
    return sorted(found)


def _breach(importer: list[str], target: list[str], package: str) -> str | None:
    own = importer[1] if len(importer) > 1 else ""
    if target[0] == "PySide6":
        return None if own in ("ui", "app") else ": Qt below ui"
    if target[0] != package or len(target) < 2:
        return None
    if target[1] in FORBIDDEN.get(own, set()):
        return ""
    if own == "ui" == target[1] and len(importer) > 2 and len(target) > 2:
        mine, theirs = importer[2], target[2]
        if theirs in UI_ALLOWED and theirs != mine and theirs not in UI_ALLOWED.get(mine, set()):
            return f": ui.{mine} may not use ui.{theirs}"
    return None


def import_cycles(src: Path, package: str) -> list[list[str]]:
    """Return the cycles of import-time imports between the modules of ``package``.

    A module's own parent packages are left out: Python imports them first, in the same
    thread, so they cannot be met half done.
    """
    files = module_files(src, package)
    graph = {
        module: {name for name in imports(path, eager_only=True)
                 if name in files and name != module and not module.startswith(name + ".")}
        for module, path in files.items()
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    return cycles


def test_the_packages_keep_their_layers() -> None:
    assert layer_violations(REPO, "reader") == []


def test_no_import_cycle_when_modules_load() -> None:
    assert import_cycles(REPO, "reader") == []


def test_core_packages_do_not_import_qt() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import reader\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    pkg = importlib.import_module(name)\n"
        "    for info in pkgutil.walk_packages(getattr(pkg, '__path__', []), name + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# The checker itself, on a package made up for the purpose -----------------------------


def make_package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in [root / "pkg", *(root / "pkg").rglob("*")]:
        if folder.is_dir():
            (folder / "__init__.py").touch()
    return root


def test_the_checker_sees_a_layer_broken(tmp_path: Path) -> None:
    src = make_package(tmp_path, {
        "corpus/split.py": "def f():\n    from pkg.notes.store import NotesStore\n",
        "notes/store.py": "from PySide6.QtCore import QObject\n",
        "search/query.py": "from pkg.corpus import split\n",
        "ui/base/tasks.py": "from typing import TYPE_CHECKING\n"
                            "if TYPE_CHECKING:\n    from pkg.ui.shell.window import Window\n",
        "ui/shell/window.py": "from pkg.ui.base.tasks import Task\nfrom pkg.ui.notes import host\n",
        "ui/notes/host.py": "from pkg.ui.reading import view\n",
    })
    assert layer_violations(src, "pkg") == [
        "pkg.corpus.split imports pkg.notes.store",
        "pkg.notes.store imports PySide6.QtCore: Qt below ui",
        "pkg.ui.base.tasks imports pkg.ui.shell.window: ui.base may not use ui.shell",
    ]


def test_the_checker_sees_a_cycle_only_where_modules_load(tmp_path: Path) -> None:
    src = make_package(tmp_path, {
        "corpus/a.py": "import pkg.corpus.b\n",
        "corpus/b.py": "try:\n    from pkg.corpus.a import x\nexcept ImportError:\n    pass\n",
        "notes/c.py": "from typing import TYPE_CHECKING\n"
                      "if TYPE_CHECKING:\n    from pkg.notes.d import y\n",
        "notes/d.py": "from pkg.notes.c import z\n\ndef f():\n    from pkg.notes import c\n",
        "__init__.py": "",
    })
    (src / "pkg" / "notes" / "__init__.py").write_text("from pkg.notes import c\n")
    assert import_cycles(src, "pkg") == [["pkg.corpus.a", "pkg.corpus.b", "pkg.corpus.a"]]
