"""The app's settings: one typed object, loaded leniently and saved atomically.

Settings are a convenience, never a reason not to start: a missing, damaged or foreign file
gives the defaults (and a damaged one is kept aside so the user can look at it). Saving goes
through ``atomic_write``, so a crash mid-save leaves the old settings intact.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from reader.fileio import atomic_write
from reader.library.tree import TREE_MODES

SETTINGS_VERSION = 1

THEMES = ("light", "sepia", "dark")
MIN_ZOOM = -6
MAX_ZOOM = 12
# How many documents keep a remembered reading position; the oldest are forgotten first.
MAX_POSITIONS = 500


@dataclass
class Settings:
    """Everything the app remembers between runs.

    Attributes:
        window_geometry: the main window's saved geometry (Qt's bytes, base64-encoded).
        window_state: the main window's saved dock/toolbar state (base64).
        splitter_sizes: sizes of each named splitter, in pixels.
        open_document: id of the document open when the app was closed.
        tree_mode: how the library tree is grouped: one of ``TREE_MODES``.
        theme: the reading pane's colour theme: one of ``THEMES``.
        zoom: reading pane font size steps from the default (0), negative is smaller.
        positions: per document id, the character offset in ``Document.text`` at the top of
            the reading pane when the document was last left (insertion order = recency).
        left_tab: the side panel shown on the left (``library`` or ``search``).
    """

    window_geometry: str = ""
    window_state: str = ""
    splitter_sizes: dict[str, list[int]] = field(default_factory=dict)
    open_document: str | None = None
    tree_mode: str = "issuer"
    theme: str = "light"
    zoom: int = 0
    positions: dict[str, int] = field(default_factory=dict)
    left_tab: str = "library"

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read settings from ``path``; anything unreadable falls back to the defaults."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError):
            _keep_aside(path)
            return cls()
        if not isinstance(raw, dict):
            _keep_aside(path)
            return cls()
        return cls.from_json(raw)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Settings:
        """Build settings from a decoded JSON object, dropping values of the wrong shape."""
        settings = cls()
        defaults = asdict(settings)
        for item in fields(cls):
            if item.name not in raw:
                continue
            value = _checked(item.name, raw[item.name], defaults[item.name])
            if value is not None or item.name == "open_document":
                setattr(settings, item.name, value)
        settings.clamp()
        return settings

    def to_json(self) -> dict[str, Any]:
        """Return the settings as a JSON-ready object, with the format version."""
        data = asdict(self)
        data["version"] = SETTINGS_VERSION
        return data

    def clamp(self) -> None:
        """Bring every value back into its allowed range."""
        if self.tree_mode not in TREE_MODES:
            self.tree_mode = "issuer"
        if self.theme not in THEMES:
            self.theme = "light"
        self.zoom = max(MIN_ZOOM, min(MAX_ZOOM, self.zoom))
        while len(self.positions) > MAX_POSITIONS:
            del self.positions[next(iter(self.positions))]

    def remember_position(self, doc_id: str, offset: int) -> None:
        """Record where ``doc_id`` was left, making it the most recent entry."""
        self.positions.pop(doc_id, None)
        self.positions[doc_id] = max(0, int(offset))
        self.clamp()

    def save(self, path: Path) -> None:
        """Write the settings atomically (``reader.fileio.atomic_write``)."""
        atomic_write(path, json.dumps(self.to_json(), ensure_ascii=False, indent=1))


def _checked(name: str, value: Any, default: Any) -> Any:
    """Return ``value`` if it has the shape of ``default``, else ``default``."""
    if name == "open_document":
        return value if isinstance(value, str) and value else None
    if name == "splitter_sizes":
        if not isinstance(value, dict):
            return default
        return {
            str(key): [int(size) for size in sizes]
            for key, sizes in value.items()
            if isinstance(sizes, list) and all(isinstance(size, int) for size in sizes)
        }
    if name == "positions":
        if not isinstance(value, dict):
            return default
        return {str(key): int(offset) for key, offset in value.items() if isinstance(offset, int)}
    if isinstance(default, bool):
        return value if isinstance(value, bool) else default
    if isinstance(default, int):
        return value if isinstance(value, int) and not isinstance(value, bool) else default
    if isinstance(default, str):
        return value if isinstance(value, str) else default
    return default


def _keep_aside(path: Path) -> None:
    """Rename a damaged settings file so the next save does not destroy the evidence."""
    with contextlib.suppress(OSError):
        path.replace(path.with_name(path.name + ".damaged"))
