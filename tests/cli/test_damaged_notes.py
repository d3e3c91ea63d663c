"""A damaged notes file met from the command line: said once, and never exported as empty."""

from __future__ import annotations

from pathlib import Path

from tests.library.writers import run_cli


def test_a_damaged_notes_file_is_reported_once_and_not_exported_as_empty(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    damaged = b"SQLite format 3\x00" + b"\x07" * 4000
    (data / "notes.sqlite3").write_bytes(damaged)
    out_file = tmp_path / "notes.md"
    code, out, err = run_cli(data, "notes", "export", "--out", str(out_file))  # a real process
    assert code == 1 and out == "" and not out_file.exists()
    (kept,) = data.glob("notes.sqlite3.damaged-*")
    assert kept.read_bytes() == damaged
    assert err.count("笔记数据库已损坏") == 1
    assert f"原来的笔记在保留下来的文件 {kept} 中" in err and "没有导出任何内容" in err
    # Told once: the fresh store is now the user's, and exporting it is honest.
    code, _, err = run_cli(data, "notes", "export")
    assert code == 0 and "已损坏" not in err
