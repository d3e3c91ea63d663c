"""``reader-cli notes export|import`` and ``reader-cli bookmarks list`` on a real data folder."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.notes import Colour, NotesStore, make_anchor
from reader.paths import Paths
from tests.notes.helpers import POLICY_TEXT, make_document


@pytest.fixture
def filled(_isolated_data_dir: Path) -> Path:
    document = make_document()
    with NotesStore.for_paths(Paths.resolve()) as store:
        store.bookmark_clause(document, document.all_clauses()[0], note="总体要求")
        start = POLICY_TEXT.index("减轻企业负担")
        store.add_annotation(document, make_anchor(document, start, start + 6), Colour.GREEN,
                             "减负", ["负担"])
    return _isolated_data_dir


def test_bookmarks_list_json(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bookmarks", "list", "--json"]) == 0
    [bookmark] = json.loads(capsys.readouterr().out)
    assert bookmark["title"] == "国务院办公厅关于建立健全涉企收费长效监管机制的指导意见"
    assert bookmark["clause_address"] == "一、"
    assert bookmark["label"] == "一、总体要求" and bookmark["note"] == "总体要求"
    assert bookmark["orphan"] is False


def test_export_to_stdout_and_to_a_file_then_import_elsewhere(
        filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notes", "export", "--format", "md"]) == 0
    assert "### 一、" in capsys.readouterr().out
    out = tmp_path / "backup" / "notes.json"
    assert main(["notes", "export", "--format", "json", "--out", str(out)]) == 0
    exported = out.read_text(encoding="utf-8")
    assert json.loads(exported)["format"] == "policy-reader-notes"

    elsewhere = tmp_path / "other-data"
    assert main(["--data-dir", str(elsewhere), "notes", "import", str(out)]) == 0
    assert "新增 2 条" in capsys.readouterr().out
    assert main(["--data-dir", str(elsewhere), "notes", "export", "--format", "json"]) == 0
    assert capsys.readouterr().out == exported


def test_import_of_a_wrong_file_is_a_plain_error(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["notes", "import", str(bad)]) == 1
    assert "不是本阅读器导出的笔记" in capsys.readouterr().err
    assert main(["notes", "import", str(tmp_path / "missing.json")]) == 1
    assert "无法读取" in capsys.readouterr().err


def test_a_newer_database_is_reported_not_touched(_isolated_data_dir: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    _isolated_data_dir.mkdir(parents=True)
    db = _isolated_data_dir / "notes.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = db.read_bytes()
    assert main(["bookmarks", "list"]) == 1
    assert "由更新版本的阅读器写入" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_an_export_that_cannot_be_written_is_a_plain_error(
        filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taken = tmp_path / "taken.json"
    taken.mkdir()  # a folder where the file should go: the final rename fails
    assert main(["notes", "export", "--format", "json", "--out", str(taken)]) == 1
    err = capsys.readouterr().err
    assert f"reader-cli: 无法写入 {taken}" in err and "Traceback" not in err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".taken")] == []
