"""The core packages work without Qt: importing them must not load PySide6."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

CORE_MODULES = [
    "reader.corpus",
    "reader.library",
    "reader.search",
    "reader.notes",
    "reader.cli",
    "reader.nodes",
]


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
