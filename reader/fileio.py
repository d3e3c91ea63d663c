"""Writing a user's file so that a crash, a full disk or a power cut never leaves half of it.

Every file the app writes for the user (settings, exports, the search lexicon) goes through
``atomic_write``: the bytes go to a temporary file beside the target (same folder, so the final
rename never crosses a file system), are flushed to the disk, and the temporary file is renamed
over the target in one step. Until that rename the old file is untouched; after it the new one
is complete. A failure on the way removes the temporary file, so nothing is left behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

#: The modes of the user's data: the folder and its files are the owner's alone.
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_ATTEMPTS = 16


def atomic_write(path: Path, data: bytes | str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``data`` (text is encoded, newlines written as given).

    The folder is created if needed. The temporary file is named ``.<name>.<random>.tmp``,
    so two writers never share one, and is created readable by its owner only
    (``PRIVATE_FILE``): settings, notes exports and the library's files are the user's own.
    The file and, where the system allows it, the folder are synced, so the rename itself
    survives a power cut.

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
            return os.open(tmp, _CREATE_FLAGS, PRIVATE_FILE), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def private_folder(path: Path) -> Path:
    """Create ``path`` (and its parents) if needed and make it the owner's alone; return it.

    A folder made by an older version (0755) is tightened too; where the system does not
    let us (a folder of someone else's), it is left as it is.
    """
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(path, PRIVATE_DIR)
    return path


def private_file(path: Path) -> Path:
    """Make sure ``path`` exists (empty if new) readable by its owner only; return it.

    SQLite creates a database with the umask's permissions and gives its -wal/-shm/journal
    the database file's: creating the file first, private, keeps all of them private.
    """
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    with contextlib.suppress(OSError):
        os.chmod(path, PRIVATE_FILE)
    return path


def make_private(root: Path) -> None:
    """Make every folder under ``root`` (itself too) and every file private (0700, 0600)."""
    with contextlib.suppress(OSError):
        os.chmod(root, PRIVATE_DIR)
    for folder, folders, files in os.walk(root):
        for name in folders:
            with contextlib.suppress(OSError):
                os.chmod(os.path.join(folder, name), PRIVATE_DIR)
        for name in files:
            with contextlib.suppress(OSError):
                os.chmod(os.path.join(folder, name), PRIVATE_FILE)


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


#: What each error a person can cause means, and what to do about it.
_OS_ERROR_WORDS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘空间不足", "请腾出空间后重试"),
    errno.EDQUOT: ("超出了磁盘配额", "请腾出空间后重试"),
    errno.EFBIG: ("文件超出了允许的大小", "请腾出空间或放宽限制后重试"),
    errno.EACCES: ("没有权限", "请检查文件和文件夹的权限后重试"),
    errno.EPERM: ("不允许这样操作", "请检查文件和文件夹的权限后重试"),
    errno.ENOENT: ("没有这个文件或文件夹", "请检查路径后重试"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "请检查路径后重试"),
    errno.ELOOP: ("符号链接绕成了循环", "请修正这个链接后重试"),
    errno.EROFS: ("所在的文件系统只读", "请换一个可写的位置后重试"),
    errno.EIO: ("读写出错（磁盘可能有故障）", "请检查磁盘后重试"),
    errno.EISDIR: ("这是文件夹，不是文件", "请检查路径后重试"),
    errno.ENAMETOOLONG: ("路径太长", "请换一个短一些的位置后重试"),
}


def os_error_message(error: OSError, what: str = "", kept: str = "没有改动任何内容") -> str:
    """Say in words what ``error`` means for ``what`` (a path or a task), what was kept, what to do.

    ``kept`` says what the failure left as it was (every write here is all or nothing).
    """
    where = what or (str(error.filename) if error.filename else "")
    reason, advice = _OS_ERROR_WORDS.get(
        error.errno or -1, (error.strerror or type(error).__name__, "请检查后重试")
    )
    head = f"{where}：{reason}" if where else reason
    return f"{head}，{kept}。{advice}。"
