"""Errors that carry a message meant for the person using the app, and how those read.

Every text that reaches a person — an error, a progress line, a repair notice, in the window
or from ``reader-cli`` — is plain Chinese in one style:

- whole sentences ending in 。 (a progress line, which is not a sentence, has no stop);
  what happened first, then, where there is one, what to do (请…后重试);
- the thing named as the user knows it, with its path or id as printed: 笔记数据库 /path;
- technical detail (an SQLite or OS error, which stays in its own words) last, in full-width
  brackets: 无法读取笔记数据库 /path（disk I/O error）。;
- nothing that only a programmer understands, no exception class as the whole message; the
  command line puts ``reader-cli:`` in front, the window its own title.

JSON keys and command-line options stay English: scripts rely on them. Texts used in more
than one place are built once (``reader.migrations.newer_version_message``).
"""

from __future__ import annotations


class ReaderError(Exception):
    """A failure the user should be told about in plain words.

    The message is shown as is (on stderr by the command line, in a dialog by the app), so it
    says what happened and, where possible, what to do about it. No traceback is shown.
    """


class InputError(ReaderError):
    """A file given to the reader cannot be read as a compilation (empty, binary, undecodable)."""


class DataError(ReaderError):
    """Stored data (library, index, notes) is damaged or from an incompatible version."""
