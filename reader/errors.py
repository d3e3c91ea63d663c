"""Errors that carry a message meant for the person using the app."""

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
