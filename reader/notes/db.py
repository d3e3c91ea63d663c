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
        return (f"The notes database was damaged ({self.reason}). It was kept as {self.kept_at} "
                "and a new, empty notes database was started.")


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
        raise DataError(f"Cannot create the folder for notes {path.parent}: {error}") from error
    recovery: Recovery | None = None
    if path.is_dir():
        raise DataError(f"The notes database {path} is a folder; move it away and try again.")
    if path.exists() and path.stat().st_size > 0:
        try:
            _inspect(path)
        except _Damaged as damage:
            recovery = Recovery(kept_at=_move_aside(path), reason=str(damage))
            log.warning(recovery.message)
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
        raise DataError(f"Cannot read the notes database {path}: {error}") from error
    if header != _SQLITE_MAGIC:
        raise _Damaged("the file is not an SQLite database")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise DataError(f"Cannot open the notes database {path}: {error}") from error
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise DataError(
                f"The notes database {path} was written by a newer version of the app (schema "
                f"{version}; this version knows up to {SCHEMA_VERSION}). It was not changed; "
                "please use the newer version, or point --data-dir at another folder."
            )
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
        if problems != ["ok"]:
            raise _Damaged("integrity check failed: " + "; ".join(problems))
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", None) in _DAMAGE_CODES:
            raise _Damaged(str(error)) from error
        raise DataError(f"Cannot read the notes database {path}: {error}") from error
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
        raise DataError(f"The notes database {path} is damaged and could not be moved aside: "
                        f"{error}") from error
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
        raise DataError(f"Cannot open the notes database {path}: {error}") from error
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run a block as one write transaction, committed at the end or rolled back on error.

    ``BEGIN IMMEDIATE`` takes the write lock up front, so a competing writer makes us wait
    (up to the busy timeout) rather than fail half-way; a timeout becomes a DataError telling
    the user the change was not saved.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        raise DataError(f"The notes database is busy and the change was not saved: {error}. "
                        "Close other copies of the app and try again.") from error
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
        raise DataError(f"The change was not saved: {error}") from error


def schema_version(conn: sqlite3.Connection) -> int:
    """Return the database's ``PRAGMA user_version``."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every pending migration, each in its own transaction with its version bump."""
    if schema_version(conn) == SCHEMA_VERSION:
        return SCHEMA_VERSION
    for step in MIGRATIONS:
        with transaction(conn):
            # Read inside the transaction: another process may have migrated meanwhile.
            current = schema_version(conn)
            if current > SCHEMA_VERSION:
                raise DataError(f"The notes database was written by a newer version of the app "
                                f"(schema {current}); it was not changed.")
            if current >= step.version:
                continue
            if current != step.version - 1:
                raise DataError(f"The notes database has an unknown schema version {current}.")
            try:
                for statement in step.statements:
                    conn.execute(statement)
            except sqlite3.Error as error:
                raise DataError(f"Cannot upgrade the notes database to schema {step.version} "
                                f"({step.description}): {error}") from error
            conn.execute(f"PRAGMA user_version = {step.version}")
    return schema_version(conn)
