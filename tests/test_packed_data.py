"""jieba's dictionary shipped compressed: unpacked once, and the same dictionary as jieba's own."""

from __future__ import annotations

import logging
import lzma
from pathlib import Path

import jieba

from reader.packed_data import PACKED_DICTIONARY, jieba_dictionary

JIEBA_DICT = Path(jieba.__file__).resolve().parent / "dict.txt"


def _packed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "jieba"
    folder.mkdir()
    (folder / PACKED_DICTIONARY).write_bytes(lzma.compress(JIEBA_DICT.read_bytes()))
    return folder


def test_jiebas_own_dictionary_is_used_where_it_is_shipped(tmp_path: Path) -> None:
    assert jieba_dictionary(cache=tmp_path) is None  # this checkout's jieba has dict.txt
    assert list(tmp_path.iterdir()) == []


def test_the_compressed_dictionary_unpacks_once_into_the_cache(tmp_path: Path) -> None:
    folder, cache = _packed_folder(tmp_path), tmp_path / "cache"
    path = jieba_dictionary(folder, cache)
    assert path is not None and Path(path).parent == cache
    assert Path(path).read_bytes() == JIEBA_DICT.read_bytes()
    written = Path(path).stat().st_mtime_ns
    assert jieba_dictionary(folder, cache) == path
    assert Path(path).stat().st_mtime_ns == written  # not unpacked again
    assert [p.name for p in cache.iterdir()] == [Path(path).name]  # no temporary file left


def test_jieba_builds_the_same_prefix_dictionary_from_the_unpacked_copy(tmp_path: Path) -> None:
    path = jieba_dictionary(_packed_folder(tmp_path), tmp_path / "cache")
    jieba.setLogLevel(logging.WARNING)
    own, unpacked = jieba.Tokenizer(), jieba.Tokenizer(path)
    for tokenizer in (own, unpacked):
        tokenizer.tmp_dir = str(tmp_path)
        tokenizer.initialize()
    assert unpacked.total == own.total and unpacked.FREQ == own.FREQ
    assert unpacked.lcut("国务院关于加快建立健全绿色低碳循环发展经济体系的指导意见") == own.lcut(
        "国务院关于加快建立健全绿色低碳循环发展经济体系的指导意见")
