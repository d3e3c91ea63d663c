"""Settings survive a restart, a damaged file, and a crash in the middle of saving."""

from __future__ import annotations

import json
from pathlib import Path

from reader.settings import MAX_POSITIONS, MAX_ZOOM, Settings
from tests.child_process import run_python, run_with_file_size_limit


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "data" / "settings.json"
    settings = Settings(
        window_geometry="AdnQywADAAA=",
        splitter_sizes={"main": [240, 700, 320]},
        open_document="004-003",
        tree_mode="date",
        theme="sepia",
        zoom=3,
        left_tab="search",
    )
    settings.remember_position("004-003", 1234)
    settings.save(path)
    assert Settings.load(path) == settings
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert Settings.load(tmp_path / "nope.json") == Settings()


def test_damaged_file_gives_defaults_and_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    assert Settings.load(path) == Settings()
    assert (tmp_path / "settings.json.damaged").read_text(encoding="utf-8") == "{not json"


def test_values_of_the_wrong_shape_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({
        "tree_mode": "colour", "theme": 3, "zoom": 99, "positions": {"a": "x", "b": 5},
        "splitter_sizes": {"main": [1, "2"], "side": [3, 4]}, "open_document": "",
        "left_tab": 7, "unknown": 1,
    }), encoding="utf-8")
    settings = Settings.load(path)
    assert settings.tree_mode == "issuer"
    assert settings.theme == "light"
    assert settings.zoom == MAX_ZOOM
    assert settings.positions == {"b": 5}
    assert settings.splitter_sizes == {"side": [3, 4]}
    assert settings.open_document is None
    assert settings.left_tab == "library"


def test_a_save_that_fails_midway_keeps_the_old_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    Settings(theme="dark").save(path)
    code = (
        "from pathlib import Path\n"
        "from reader.settings import Settings\n"
        "settings = Settings(theme='sepia')\n"
        "for n in range(400):\n"
        "    settings.remember_position(f'document-{n}', n)\n"
        f"settings.save(Path({str(path)!r}))\n"
    )
    result = run_with_file_size_limit(code, limit=4096)  # the new file is about 12 KiB
    assert result.returncode != 0 and "File too large" in result.stderr
    assert Settings.load(path).theme == "dark"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_positions_are_bounded_oldest_first() -> None:
    settings = Settings()
    for number in range(MAX_POSITIONS + 5):
        settings.remember_position(f"d{number}", number)
    settings.remember_position("d5", 55)
    assert len(settings.positions) == MAX_POSITIONS
    assert "d0" not in settings.positions
    assert list(settings.positions)[-1] == "d5"


def test_settings_tree_and_render_load_without_qt() -> None:
    code = (
        "import sys\n"
        "import reader.settings, reader.library.tree, reader.corpus.render\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "assert not bad, bad\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
