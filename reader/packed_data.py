"""Data the bundle ships compressed, unpacked once into the user's cache folder when needed.

jieba reads its dictionary (``dict.txt``, 5 MB) only to build its own parsed cache, which
happens once per machine, when a library is first indexed; searching never reads it. So the
frozen bundle ships ``dict.txt.xz`` (1.5 MB) in jieba's folder instead. A checkout and an
installed wheel keep jieba's own ``dict.txt`` and are left alone.
"""

from __future__ import annotations

import lzma
from pathlib import Path

from reader.fileio import atomic_write
from reader.paths import cache_dir

#: The compressed dictionary's name, beside where jieba's ``dict.txt`` would be.
PACKED_DICTIONARY = "dict.txt.xz"


def jieba_dictionary(jieba_folder: Path | None = None, cache: Path | None = None) -> str | None:
    """The dictionary for ``jieba.Tokenizer``: None (jieba's own ``dict.txt``) or the path of
    the unpacked copy of ``dict.txt.xz``, written to the cache folder the first time.

    The copy is named after jieba's version, the only thing that changes the dictionary, and
    written atomically, so processes indexing side by side never read half of one.
    """
    import jieba

    folder = jieba_folder or Path(jieba.__file__).resolve().parent
    packed = folder / PACKED_DICTIONARY
    if (folder / "dict.txt").is_file() or not packed.is_file():
        return None
    unpacked = (cache or cache_dir()) / f"jieba-{jieba.__version__}-dict.txt"
    if not unpacked.is_file():
        atomic_write(unpacked, lzma.decompress(packed.read_bytes()))
    return str(unpacked)
