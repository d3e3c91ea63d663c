"""Opening the notes database safely: version check, damage check, pragmas, migrations.

Order matters. A database is first inspected through a read-only connection, so one written by
a newer version of the app is refused before anything (not even the switch to WAL) touches it,
and a damaged one is moved aside intact for the user or a repair tool. Only then is it opened
for writing and migrated.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reader.errors import DataError
from reader.fileio import private_file
from reader.migrations import migrate as run_migrations
from reader.migrations import refuse_newer, write_transaction
from reader.notes.schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 15_000
"""How long a write waits for another connection's lock before giving up (never silently)."""

_SQLITE_MAGIC = b"SQLite format 3\x00"
_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


@dataclass(frozen=True)
class Recovery:
    """What happened when the notes file was found damaged: where it was kept, and why."""

    kept_at: Path
    reason: str

    @property
    def message(self) -> str:
        """A message for the person using the app."""
        return (f"笔记数据库已损坏（{self.reason}）。原文件已保留为 {self.kept_at}，"
                "并新建了一个空的笔记数据库。")


class _Damaged(Exception):
    """The file exists but is not a usable SQLite database."""


def open_database(path: Path) -> tuple[sqlite3.Connection, Recovery | None]:
    """Open (creating if needed) and migrate the notes database at ``path``.

    Returns the connection and, when the old file was damaged and moved aside, a Recovery.
    Raises DataError for a database from a newer version (left untouched) or one that cannot
    be opened or migrated.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DataError(f"无法创建存放笔记的文件夹 {path.parent}（{error}）。") from error
    recovery: Recovery | None = None
    if path.is_dir():
        raise DataError(f"笔记数据库 {path} 是一个文件夹，请把它移开后重试。")
    if path.exists() and path.stat().st_size > 0:
        try:
            _inspect(path)
        except _Damaged as damage:
            recovery = Recovery(kept_at=_move_aside(path), reason=str(damage))
            # Said once, by whoever opened the store (``recovery.message``), not logged too.
            log.info(recovery.message)
    try:
        private_file(path)  # SQLite would create it with the umask's permissions
    except OSError as error:
        raise DataError(f"无法创建笔记数据库 {path}（{error.strerror}）。") from error
    conn = _connect(path)
    try:
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn, recovery


def _inspect(path: Path) -> None:
    """Refuse a newer database; raise _Damaged for a file that is not a healthy database."""
    try:
        with path.open("rb") as fh:
            header = fh.read(len(_SQLITE_MAGIC))
    except OSError as error:
        raise DataError(f"无法读取笔记数据库 {path}（{error}）。") from error
    if header != _SQLITE_MAGIC:
        raise _Damaged("文件不是 SQLite 数据库")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise DataError(f"无法打开笔记数据库 {path}（{error}）。") from error
    try:
        refuse_newer(conn, SCHEMA_VERSION, f"笔记数据库 {path} ")
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
        if problems != ["ok"]:
            raise _Damaged("完整性检查未通过：" + "；".join(problems))
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", None) in _DAMAGE_CODES:
            raise _Damaged(str(error)) from error
        raise DataError(f"无法读取笔记数据库 {path}（{error}）。") from error
    finally:
        conn.close()


def _move_aside(path: Path) -> Path:
    """Rename a damaged database (and its -wal/-shm files) with a timestamp; never delete it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    try:
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.replace(kept.with_name(kept.name + suffix))
        path.replace(kept)
    except OSError as error:
        raise DataError(f"笔记数据库 {path} 已损坏，且无法移到一旁（{error}）。") from error
    return kept


def _connect(path: Path) -> sqlite3.Connection:
    """Open for writing with the pragmas every connection needs.

    WAL lets the reading pane read while a note is written. ``synchronous=FULL`` syncs the WAL
    on every commit: with NORMAL a commit survives an app crash but may roll back on power
    loss, and notes are written at human pace, so the extra fsync costs nothing noticeable.
    ``isolation_level=None`` hands transaction control to ``transaction()``.
    """
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as error:
        raise DataError(f"无法打开笔记数据库 {path}（{error}）。") from error
    return conn


BUSY_MESSAGE = "笔记数据库正忙，更改未能保存。请关闭阅读器的其他窗口或正在运行的命令后重试"


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run a block as one write transaction of the notes database (``write_transaction``)."""
    with write_transaction(conn, BUSY_MESSAGE):
        yield conn


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every pending step of ``schema.MIGRATIONS`` (see ``reader.migrations.migrate``)."""
    return run_migrations(conn, MIGRATIONS, "笔记数据库", BUSY_MESSAGE)
