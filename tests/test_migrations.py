"""The one migration runner, on real SQLite files: a step lands whole with its version or not."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.errors import DataError
from reader.library.store import _SUMMARIES, SUMMARY_INDEX, DocumentStore
from reader.migrations import Migration, latest_version, migrate, schema_version
from tests.child_process import run_python

STEPS = (
    Migration(1, "people", (
        "CREATE TABLE people (name TEXT PRIMARY KEY)",
        "INSERT INTO people VALUES ('甲')",
    )),
    Migration(2, "places", (
        "CREATE TABLE places (name TEXT PRIMARY KEY)",
        "ALTER TABLE people ADD COLUMN place TEXT",
    )),
)
BUSY = "测试数据库正忙"


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "ORDER BY name")]


def test_a_new_database_gets_every_step(tmp_path: Path) -> None:
    conn = _connect(tmp_path / "db.sqlite3")
    assert migrate(conn, STEPS, "测试数据库", BUSY) == 2
    assert schema_version(conn) == 2
    assert _tables(conn) == ["people", "places"]
    assert migrate(conn, STEPS, "测试数据库", BUSY) == 2  # again: nothing to do
    assert conn.execute("SELECT name, place FROM people").fetchall() == [("甲", None)]
    conn.close()


def test_a_failing_step_leaves_the_previous_version_intact(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    conn = _connect(path)
    migrate(conn, STEPS[:1], "测试数据库", BUSY)
    conn.execute("INSERT INTO people VALUES ('乙')")
    broken = (STEPS[0], Migration(2, "places", (*STEPS[1].statements, "NOT SQL")))
    with pytest.raises(DataError, match="无法把测试数据库升级到结构版本 2") as caught:
        migrate(conn, broken, "测试数据库", BUSY)
    assert "保持原样" in str(caught.value)
    conn.close()
    conn = _connect(path)
    assert schema_version(conn) == 1
    assert _tables(conn) == ["people"]  # the step's new table went with it
    assert [r[1] for r in conn.execute("PRAGMA table_info(people)")] == ["name"]
    assert conn.execute("SELECT name FROM people ORDER BY name").fetchall() == [("乙",), ("甲",)]
    assert migrate(conn, STEPS, "测试数据库", BUSY) == 2  # the good steps still apply
    conn.close()


def test_a_crash_in_the_middle_of_a_step_leaves_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    conn = _connect(path)
    migrate(conn, STEPS[:1], "测试数据库", BUSY)
    conn.close()
    code = (
        "import os, sqlite3\n"
        "from reader.migrations import Migration, migrate\n"
        f"conn = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
        "conn.create_function('crash', 0, lambda: os._exit(3))\n"
        "steps = (Migration(1, 'people', ()), Migration(2, 'places', (\n"
        "    'CREATE TABLE places (name TEXT PRIMARY KEY)',\n"
        "    \"INSERT INTO places VALUES ('某地')\",\n"
        "    'SELECT crash()')))\n"
        "migrate(conn, steps, 'x', 'busy')\n"
    )
    done = run_python(code)
    assert done.returncode == 3, done.stderr  # killed half-way through step 2
    conn = _connect(path)
    assert schema_version(conn) == 1
    assert _tables(conn) == ["people"]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_newer_database_is_refused_and_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    conn = _connect(path)
    migrate(conn, STEPS, "测试数据库", BUSY)
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    before = path.read_bytes()
    conn = _connect(path)
    with pytest.raises(DataError, match="由更新版本的阅读器写入（结构版本 7，本版本只认识到 2）"):
        migrate(conn, STEPS, "测试数据库", BUSY)
    conn.close()
    assert path.read_bytes() == before


def test_steps_must_be_numbered_in_order() -> None:
    assert latest_version(STEPS) == 2
    assert latest_version(()) == 0
    with pytest.raises(ValueError, match="out of order"):
        latest_version((STEPS[1], STEPS[0]))


def test_a_library_from_a_newer_version_is_refused_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    DocumentStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DataError, match=r"文档库 .*library\.sqlite3 由更新版本的阅读器写入"):
        DocumentStore(path)
    assert path.read_bytes() == before


def test_the_library_schema_has_every_table(tmp_path: Path) -> None:
    store = DocumentStore(tmp_path / "library.sqlite3")
    store.close()
    conn = _connect(tmp_path / "library.sqlite3")
    assert _tables(conn) == ["document_sources", "documents", "meta", "sources"]
    assert conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                        " ORDER BY name").fetchall() == [("document_sources_by_source",),
                                                         (SUMMARY_INDEX,)]
    conn.close()


def test_summaries_are_read_from_their_index_without_the_text(tmp_path: Path) -> None:
    # A summary column missing from the index would send each row's read to the table, past
    # the text: the plan would no longer say the index covers the query.
    DocumentStore(tmp_path / "library.sqlite3").close()
    conn = _connect(tmp_path / "library.sqlite3")
    for query, params in ((f"{_SUMMARIES} ORDER BY rowid", ()),
                          (f"{_SUMMARIES} WHERE id IN (?, ?)", ("a", "b"))):
        plan = " ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {query}", params))
        assert f"COVERING INDEX {SUMMARY_INDEX}" in plan, plan
    conn.close()
