"""Wheel build hook: put the generated search index into the wheel, in reader/_data/index.

index/ is built by ``reader-cli build-index`` and ignored by git, so it cannot be listed in
pyproject.toml like seeds/ and resources/. A wheel without it would start every new user on
an empty library, so building one is refused instead. Editable installs read index/ from the
checkout and need nothing here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class IndexHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        index = Path(self.root) / "index"
        if not (index / ".complete").is_file():
            raise RuntimeError(
                "index/ is missing or incomplete: run `reader-cli build-index` before building "
                "the wheel (./dev setup does)"
            )
        build_data["force_include"][str(index)] = "reader/_data/index"
