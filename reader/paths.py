"""Where everything lives: bundled read-only data and the user's own data folder."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "policy-reader"
DATA_DIR_ENV = "READER_DATA_DIR"


def bundle_root() -> Path:
    """Return the folder holding ``seeds/``, ``index/`` and ``resources/``.

    In a PyInstaller bundle that is the unpacked bundle folder; from a checkout it is the
    repository root (the parent of the ``reader`` package).
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


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
