"""The analyzer: jieba's segmentation with token positions, offsets and a user dictionary."""

from __future__ import annotations

import marshal
import subprocess
import sys
from pathlib import Path

import jieba
import pytest

from reader.search.analysis import ChineseTokenizer, Lexicon, Segmented, Segmenter
from reader.search.folding import fold_text
from reader.search.hmm import HmmModel, hmm_cut
from reader.search.terms import POLICY_TERMS
from tests.conftest import REPO
from tests.search.documents import gold_documents, make_document, small_library

SAMPLE = (
    "为深入贯彻落实党中央、国务院关于碳达峰碳中和的重大战略决策，推动制造业绿色化发展，"
    "国家发展改革委、国家能源局印发《关于新形势下配电网高质量发展的指导意见》（发改能源〔2024〕187号）。"
)


def test_words_are_jiebas_accurate_mode_words_of_the_folded_text() -> None:
    text = gold_documents()[2].text[:3000]
    jieba.setLogLevel(60)
    expected = [w.lower() for w in jieba.lcut(fold_text(text)) if any(c.isalnum() for c in w)]
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


def test_the_hmm_cuts_unknown_runs_like_jiebas() -> None:
    from jieba import finalseg

    model = HmmModel.from_jieba()
    for run in ("碳中和目标", "规范债券发行", "宁政办发", "新型储能电站2025年", "犇骉"):
        assert list(hmm_cut(run, model)) == list(finalseg.cut(run))


def test_searching_imports_neither_jieba_nor_its_dictionary(tmp_path: Path) -> None:
    library = small_library(tmp_path / "lib", [make_document("关于碳中和的通知", "推进碳中和。")])
    library.close()
    script = f"""
import sys
from pathlib import Path
from reader.library.library import Library
lib = Library.open_folder(Path({str(tmp_path / "lib")!r}))
lib.warm_up()
assert lib.search("碳中和").total == 1
assert lib.search("碳中和 犇骉").total == 0
loaded = sorted(name for name in sys.modules if name.startswith("jieba"))
assert not loaded, loaded
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert done.returncode == 0, done.stderr


def test_words_a_pdf_wrapped_mid_word_are_found_whole(tmp_path: Path) -> None:
    from reader.corpus.clean import clean_lines

    text = clean_lines(
        [
            "关于加强地方政府专项债券管理的通知",
            "",
            "各地要做好专项债券项目的储备和前期工作，不断提高项目质量，规范债",
            "券资金使用，防范风险。",
        ]
    )
    assert "规范债券" in text  # the cleaned text joins the wrapped line…
    doc = make_document("关于加强地方政府专项债券管理的通知", text)
    library = small_library(tmp_path / "lib", [doc])
    spans = library.searcher().hit_spans(doc.id, '"规范债券"')
    assert library.search('"规范债券"').total == 1  # …and the index sees it whole
    assert [text[start:end] for start, end in spans] == ["规范债券"]
    assert library.search("规范债").total == 0  # no stray half-word from the line break


def test_a_saved_lexicon_loads_back_and_leaves_no_temporary(tmp_path: Path) -> None:
    lexicon = Segmenter(record=True)
    lexicon.tokens(SAMPLE)
    saved = lexicon.lexicon()
    target = tmp_path / "lexicon.marshal"
    saved.save(target)
    saved.save(target)  # a second save replaces the first
    loaded = Lexicon.load(target)
    assert (loaded.freq, loaded.total) == (saved.freq, saved.total)
    assert Segmenter(lexicon=loaded).words(SAMPLE) == Segmenter().words(SAMPLE)
    assert [p.name for p in tmp_path.iterdir()] == ["lexicon.marshal"]


def test_a_lexicon_saved_plain_by_an_older_version_loads_and_a_damaged_one_is_refused(
    tmp_path: Path,
) -> None:
    segmenter = Segmenter(record=True)
    segmenter.tokens(SAMPLE)
    saved = segmenter.lexicon()
    plain = tmp_path / "plain.marshal"
    assert saved.hmm is not None
    plain.write_bytes(marshal.dumps((saved.freq, saved.total, saved.hmm.as_tuple())))
    assert Lexicon.load(plain) == saved
    saved.save(tmp_path / "packed.marshal")
    packed = (tmp_path / "packed.marshal").read_bytes()
    assert len(packed) < len(plain.read_bytes())
    (tmp_path / "cut.marshal").write_bytes(packed[: len(packed) // 2])
    with pytest.raises((ValueError, EOFError)):
        Lexicon.load(tmp_path / "cut.marshal")
