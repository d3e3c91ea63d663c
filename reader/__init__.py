"""政策文件阅读器: read, search and annotate compilations of Chinese policy documents."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``reader.__version__``, looked up when asked (see :mod:`reader.version`)."""
    if name == "__version__":
        from reader.version import version

        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
