"""The app's version: written once, in pyproject.toml, and read from the package metadata.

Looked up only when asked (``--version``, ``reader.__version__``): importing
``importlib.metadata`` costs ~20 ms, a noticeable part of a command-line search.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

#: The distribution's name on the package index (``reader`` itself is taken there).
DISTRIBUTION = "policy-reader"


@lru_cache(maxsize=1)
def version() -> str:
    """Return the version pyproject.toml declares.

    An installed package (wheel, editable install, frozen bundle) reads it from its metadata;
    a checkout used without installing reads pyproject.toml itself.
    """
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        import tomllib

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            with pyproject.open("rb") as stream:
                return str(tomllib.load(stream)["project"]["version"])
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "0+unknown"


class VersionAction(argparse.Action):
    """``--version``: print ``PROG VERSION`` and exit, looking the version up only then."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 help: str = "显示版本号后退出") -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        print(f"{parser.prog} {version()}")  # stdout, as argparse's own version action
        parser.exit()
