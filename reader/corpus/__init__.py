"""Text → documents: encoding, cleaning, splitting, metadata, clause structure. No Qt here.

``split_file`` and ``split_text`` are loaded on first use, so that importing the values in
``reader.corpus.model`` (as the library, notes and UI do at start-up) does not load the
splitter, and two threads importing the package at once cannot see it half-initialised.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.corpus.split import split_file, split_text

__all__ = ["split_file", "split_text"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from reader.corpus import split

        return getattr(split, name)
    raise AttributeError(f"module 'reader.corpus' has no attribute {name!r}")
