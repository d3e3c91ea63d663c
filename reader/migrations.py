"""SQLite schema versions and write transactions, shared by the library and the notes database.

A schema is an ordered tuple of ``Migration`` steps keyed on ``PRAGMA user_version``: step N
takes version N-1 to N, and a released step is never edited. ``migrate`` runs each pending step
in one ``BEGIN IMMEDIATE`` transaction together with its version bump, reading the version
inside that transaction (another process may have migrated meanwhile), so a failure or a crash
mid-upgrade leaves the database at the previous version, intact. A database written by a newer
version of the app is refused before anything is written to it.

Connections given to these functions are opened with ``isolation_level=None``: transactions
are ours, never the ``sqlite3`` module's implicit ones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from reader.errors import DataError


@dataclass(frozen=True)
class Migration:
    """One schema step: the SQL statements that take version ``version - 1`` to ``version``."""

    version: int
    description: str
    statements: tuple[str, ...]


def latest_version(migrations: Sequence[Migration]) -> int:
    """Return the version the steps lead to, checking they are numbered 1, 2, 3… in order."""
    for number, step in enumerate(migrations, 1):
        if step.version != number:
            raise ValueError(f"migration {step.version} ({step.description}) is out of order")
    return len(migrations)


def schema_version(conn: sqlite3.Connection) -> int:
    """Return the database's ``PRAGMA user_version``."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def newer_version_message(what: str, found: int, known: int) -> str:
    """Say that ``what`` (e.g. ``笔记数据库 /path``) comes from a newer version of the app."""
    return (f"{what}由更新版本的阅读器写入（结构版本 {found}，本版本只认识到 {known}），"
            "未作任何改动。请使用更新版本的阅读器，或用 --data-dir 指定另一个数据文件夹。")


def refuse_newer(conn: sqlite3.Connection, known: int, what: str) -> int:
    """Return the database's version; raise DataError if it is newer than ``known``."""
    found = schema_version(conn)
    if found > known:
        raise DataError(newer_version_message(what, found, known))
    return found


@contextmanager
def write_transaction(conn: sqlite3.Connection, busy: str) -> Iterator[sqlite3.Connection]:
    """Run a block as one write transaction, committed at the end or rolled back on error.

    ``BEGIN IMMEDIATE`` takes the write lock up front, so a competing writer makes us wait
    (up to the connection's busy timeout) rather than fail half-way. A lock that is not
    released in time becomes a DataError whose text starts with ``busy``; a failed commit a
    DataError saying the change was not saved.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        raise DataError(f"{busy}（{error}）。") from error
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise DataError(f"更改未能保存（{error}）。") from error


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration], what: str,
            busy: str) -> int:
    """Bring the database up to the last step; return its version.

    Args:
        conn: a connection opened with ``isolation_level=None``.
        migrations: the schema's steps, numbered from 1.
        what: the database named for a person, e.g. ``文档库 /path/library.sqlite3``.
        busy: what to say when another process holds the write lock.

    Raises:
        DataError: the database is newer than ``migrations`` (it is left untouched), has a
            version no step leads from, or a step failed (it stays at the version before).
    """
    latest = latest_version(migrations)
    if refuse_newer(conn, latest, what) == latest:
        return latest
    for step in migrations:
        with write_transaction(conn, busy):
            current = refuse_newer(conn, latest, what)
            if current >= step.version:
                continue
            if current != step.version - 1:
                raise DataError(f"{what}的结构版本 {current} 无法识别，未作任何改动。")
            try:
                for statement in step.statements:
                    conn.execute(statement)
            except sqlite3.Error as error:
                raise DataError(f"无法把{what}升级到结构版本 {step.version}"
                                f"（{step.description}）：{error}。数据库保持原样。") from error
            conn.execute(f"PRAGMA user_version = {step.version}")
    return schema_version(conn)
