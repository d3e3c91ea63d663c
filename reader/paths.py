"""Where everything lives: bundled read-only data and the user's own data folder."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import platformdirs

APP_NAME = "policy-reader"
DATA_DIR_ENV = "READER_DATA_DIR"


#: Where an installed wheel keeps the bundled data, inside the package (see pyproject.toml).
WHEEL_DATA = "_data"


@dataclass(frozen=True)
class Layout:
    """Where the bundled read-only data is, and which of the three installs this is."""

    kind: Literal["frozen", "wheel", "source"]
    root: Path


def layout() -> Layout:
    """Find the folder holding ``seeds/``, ``index/`` and ``resources/``: the one place that
    knows the three layouts, so nothing else guesses from ``__file__``.

    - frozen: PyInstaller unpacks the data beside the executables (``sys._MEIPASS``);
    - wheel: the wheel carries it inside the package, in ``reader/_data/``;
    - source: a checkout (or an editable install) keeps it at the repository root.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Layout("frozen", Path(frozen_root))
    package = Path(__file__).resolve().parent
    if (package / WHEEL_DATA).is_dir():
        return Layout("wheel", package / WHEEL_DATA)
    return Layout("source", package.parent)


def bundle_root() -> Path:
    """Return the folder holding ``seeds/``, ``index/`` and ``resources/`` (see :func:`layout`)."""
    return layout().root


def cache_dir() -> Path:
    """Return the user's cache folder for this app (created), e.g. ``~/.cache/policy-reader``.

    Caches that are per user and safe to delete live here, not in the shared temp folder.
    """
    folder = Path(platformdirs.user_cache_dir(APP_NAME))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class Paths:
    """Every location the app reads or writes, computed once at start."""

    bundle: Path
    data_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> Paths:
        """Resolve paths from ``--data-dir``, else ``READER_DATA_DIR``, else the platform default."""
        chosen = data_dir or os.environ.get(DATA_DIR_ENV) or platformdirs.user_data_dir(APP_NAME)
        return cls(bundle=bundle_root(), data_dir=Path(chosen).expanduser().resolve())

    # Bundled, read-only.
    @property
    def seeds_dir(self) -> Path:
        return self.bundle / "seeds"

    @property
    def bundled_index_dir(self) -> Path:
        return self.bundle / "index"

    @property
    def resources_dir(self) -> Path:
        return self.bundle / "resources"

    # The user's data.
    @property
    def library_dir(self) -> Path:
        return self.data_dir / "library"

    @property
    def notes_db(self) -> Path:
        return self.data_dir / "notes.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"

    def ensure_data_dir(self) -> Path:
        """Create the user data folder if needed, the owner's alone (0700), and return it."""
        from reader.fileio import private_folder

        return private_folder(self.data_dir)
