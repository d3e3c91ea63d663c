"""Writing a user's file so that a crash, a full disk or a power cut never leaves half of it.

Every file the app writes for the user (settings, exports, the search lexicon) goes through
``atomic_write``: the bytes go to a temporary file beside the target (same folder, so the final
rename never crosses a file system), are flushed to the disk, and the temporary file is renamed
over the target in one step. Until that rename the old file is untouched; after it the new one
is complete. A failure on the way removes the temporary file, so nothing is left behind.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_ATTEMPTS = 16


def atomic_write(path: Path, data: bytes | str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``data`` (text is encoded, newlines written as given).

    The folder is created if needed. The temporary file is named ``.<name>.<random>.tmp``,
    so two writers never share one, and is created with the usual permissions (the umask
    applies), unlike ``tempfile.mkstemp``'s private ones. The file and, where the system
    allows it, the folder are synced, so the rename itself survives a power cut.

    Raises:
        OSError: the file could not be written; the old file (or its absence) is unchanged.
    """
    payload = data.encode(encoding) if isinstance(data, str) else data
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def _create_beside(path: Path) -> tuple[int, Path]:
    """Create a new, empty temporary file in ``path``'s folder; return its descriptor and path."""
    for _ in range(_ATTEMPTS):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, _CREATE_FLAGS, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename) to the disk; a no-op where folders cannot be opened.

    POSIX needs this for a rename to be durable; Windows cannot open a folder this way and
    makes the rename durable itself.
    """
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
