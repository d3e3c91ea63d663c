"""The analyzer: jieba's segmentation with token positions, offsets and a user dictionary."""

from __future__ import annotations

import subprocess
import sys

import jieba

from reader.search.analysis import ChineseTokenizer, Segmented, Segmenter
from reader.search.terms import POLICY_TERMS
from tests.conftest import REPO
from tests.search.documents import gold_documents

SAMPLE = (
    "为深入贯彻落实党中央、国务院关于碳达峰碳中和的重大战略决策，推动制造业绿色化发展，"
    "国家发展改革委、国家能源局印发《关于新形势下配电网高质量发展的指导意见》（发改能源〔2024〕187号）。"
)


def test_words_are_jiebas_accurate_mode_words() -> None:
    text = gold_documents()[2].text[:3000]
    jieba.setLogLevel(60)
    expected = [w.lower() for w in jieba.lcut(text) if any(c.isalnum() for c in w)]
    assert Segmenter().words(text) == expected


def test_positions_count_tokens_and_chars_point_into_the_text() -> None:
    segmenter = Segmenter(POLICY_TERMS)
    value = Segmented(SAMPLE, segmenter.tokens(SAMPLE))
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in ChineseTokenizer()(value, positions=True, chars=True)
    ]
    assert [pos for _, pos, _, _ in tokens] == list(range(len(tokens)))
    for text, _, start, end in tokens:
        assert SAMPLE[start:end].lower() == text
    assert not any(text in "，、。《》（）〔〕" for text, _, _, _ in tokens)


def test_carbon_neutrality_stays_whole_only_with_the_policy_terms() -> None:
    assert "碳中和" in Segmenter(POLICY_TERMS).words(SAMPLE)
    plain = Segmenter().words("实现碳中和目标")
    assert plain == ["实现", "碳中", "和", "目标"]


def test_user_words_keep_organ_names_and_codes_whole() -> None:
    words = Segmenter(["发改能源", "国家能源局"]).words(SAMPLE)
    assert "发改能源" in words
    assert "国家能源局" in words


def test_a_lexicon_segments_the_library_text_like_the_full_dictionary() -> None:
    text = gold_documents()[0].text
    full = Segmenter(POLICY_TERMS, record=True)
    expected = full.words(text)
    reduced = Segmenter(lexicon=full.lexicon())
    assert reduced.words(text) == expected
    for start in range(0, 2000, 97):
        fragment = text[start : start + 13]
        assert reduced.words(fragment) == Segmenter(POLICY_TERMS).words(fragment)
    assert len(full.lexicon().freq) < 100_000


def test_searching_never_imports_jieba_analyse(tmp_path) -> None:
    script = f"""
import sys
sys.path.insert(0, {str(REPO)!r})
from pathlib import Path
from tests.search.documents import make_document, small_library
lib = small_library(Path({str(tmp_path)!r}) / "lib", [make_document("关于碳中和的通知", "推进碳中和。")])
lib.close()
from reader.library.library import Library
lib = Library.open_folder(Path({str(tmp_path)!r}) / "lib")
assert lib.search("碳中和").total == 1
assert "jieba.analyse" not in sys.modules, "jieba.analyse was imported"
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
