"""Opening the notes database: migrations, newer versions refused, damage kept aside."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from reader.errors import DataError
from reader.migrations import Migration, schema_version
from reader.migrations import migrate as run_migrations
from reader.notes import Anchor, AnnotationFilter, Colour, NotesStore, make_anchor
from reader.notes.db import BUSY_MESSAGE, migrate
from reader.notes.schema import MIGRATIONS, SCHEMA_VERSION
from tests.notes.helpers import make_document

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_new_store_is_at_current_version_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    with NotesStore.open(tmp_path / "notes.sqlite3") as store:
        conn = store._conn
        assert schema_version(conn) == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert store.recovery is None


def test_every_past_version_has_a_fixture() -> None:
    for step in MIGRATIONS:
        assert (FIXTURES / f"notes-v{step.version}.sqlite3").exists(), step.version


@pytest.mark.parametrize("version", [m.version for m in MIGRATIONS])
def test_fixture_of_each_version_opens_with_its_notes(tmp_path: Path, version: int) -> None:
    path = tmp_path / "notes.sqlite3"
    shutil.copy(FIXTURES / f"notes-v{version}.sqlite3", path)
    with NotesStore.open(path) as store:
        assert schema_version(store._conn) == SCHEMA_VERSION
        assert store.integrity_ok()
        [bookmark] = store.bookmarks()
        assert bookmark.label == "（三）规范中介机构收费"
        assert bookmark.document.doc_number == "国办函〔2025〕30号"
        [annotation] = store.annotations()
        assert annotation.colour is Colour.PINK
        assert annotation.tags == ("收费", "清单")
        # The fixture's offsets are one character off: opening the document re-places them.
        document = make_document()
        report = store.reanchor(document)
        assert not report.orphans
        moved = store.annotation(annotation.id)
        assert document.text[moved.anchor.start: moved.anchor.end] == "清单之外一律不得收费"
        assert moved.anchor.start == document.text.index("清单之外一律不得收费")


@pytest.mark.parametrize("journal", ["WAL", "DELETE"])
def test_newer_database_is_refused_and_left_byte_for_byte(tmp_path: Path, journal: str) -> None:
    path = tmp_path / "notes.sqlite3"
    NotesStore.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DataError, match="由更新版本的阅读器写入"):
        NotesStore.open(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.damaged-*"))


def test_garbage_file_is_kept_aside_and_a_fresh_store_started(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"these are not the notes you are looking for" * 100)
    with NotesStore.open(path) as store:
        assert store.recovery is not None
        kept = store.recovery.kept_at
        assert kept.exists() and kept != path
        assert kept.read_bytes().startswith(b"these are not")
        assert str(kept) in store.recovery.message
        assert store.bookmarks() == []
        store.add_annotation(make_document(), _anchor())


def test_corrupted_database_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    with NotesStore.open(path) as store:
        for _ in range(200):
            store.add_annotation(make_document(), _anchor(), note="长" * 200)
    data = bytearray(path.read_bytes())
    assert len(data) > 8192
    for i in range(4096 + 100, len(data), 7):  # scribble over every page but the first
        data[i] = 0xA5
    path.write_bytes(bytes(data))
    damaged = bytes(data)
    with NotesStore.open(path) as store:
        assert store.recovery is not None
        assert store.recovery.kept_at.read_bytes() == damaged
        assert store.annotations() == []
        assert store.integrity_ok()


def test_interrupted_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    broken = Migration(1, "broken", (*MIGRATIONS[0].statements, "NOT SQL"))
    with pytest.raises(DataError, match="无法把笔记数据库升级到结构版本 1"):
        run_migrations(conn, (broken,), "笔记数据库", BUSY_MESSAGE)
    assert schema_version(conn) == 0
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    assert migrate(conn) == SCHEMA_VERSION  # the real steps still apply
    conn.close()


def test_locked_database_makes_a_save_wait_not_fail(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    store = NotesStore.open(path)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    saved = store.add_annotation(make_document(), _anchor(), note="等锁释放后保存")
    release.join()
    other.close()
    assert store.annotations(AnnotationFilter(text="等锁"))[0].id == saved.id
    store.close()


def _anchor() -> Anchor:
    document = make_document()
    start = document.text.index("严格执行")
    return make_anchor(document, start, start + 12)


def _schema(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    return sorted(conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"))


@pytest.mark.parametrize("version", [m.version for m in MIGRATIONS])
def test_a_migrated_fixture_has_the_schema_of_a_new_database(tmp_path: Path, version: int) -> None:
    old = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / f"notes-v{version}.sqlite3", old)
    with NotesStore.open(old) as migrated, NotesStore.open(tmp_path / "new.sqlite3") as fresh:
        assert _schema(migrated._conn) == _schema(fresh._conn)


def test_two_stores_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    NotesStore.open(path).close()
    saved: list[str] = []
    errors: list[BaseException] = []

    def write(note: str) -> None:
        try:
            with NotesStore.open(path) as store:  # its own connection, as a second app would
                for i in range(40):
                    saved.append(store.add_annotation(make_document(), _anchor(),
                                                      note=f"{note}{i}").id)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(name,)) for name in ("甲", "乙")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with NotesStore.open(path) as store:
        assert {a.id for a in store.annotations()} == set(saved) and len(saved) == 80


def test_a_folder_in_place_of_the_database_is_a_plain_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.mkdir()
    with pytest.raises(DataError, match="是一个文件夹"):
        NotesStore.open(path)
    assert path.is_dir()


def test_truncated_database_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    with NotesStore.open(path) as store:
        for _ in range(100):
            store.add_annotation(make_document(), _anchor(), note="长" * 300)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with NotesStore.open(path) as store:
        assert store.recovery is not None
        assert store.recovery.kept_at.read_bytes() == data[: len(data) // 2]
        assert store.annotations() == []
