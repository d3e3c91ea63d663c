"""Traditional and simplified characters find each other, marked as printed."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from reader.library.library import Library
from reader.search.folding import fold
from reader.search.snippets import Span
from tests.search.documents import make_document, small_library

NOTICES = Path(__file__).parent.parent / "corpus" / "fixtures" / "traditional_notices.txt"
NOTICE = "國務院辦公廳關於加強城市供水安全保障工作的通知"


def _marks(text: str, spans: Iterable[Span], expected: str) -> bool:
    """Tell whether ``expected`` stands in ``text`` with each of its characters marked."""
    marked = {index for start, end in spans for index in range(start, end)}
    at = text.find(expected)
    while at >= 0:
        if all(index in marked for index in range(at, at + len(expected))):
            return True
        at = text.find(expected, at + 1)
    return False


def test_the_fold_simplifies_one_character_for_one() -> None:
    text = "三、加強監督檢查（試行）"
    folded = fold(text)
    assert folded.text == "三、加强监督检查（试行）"
    assert len(folded.text) == len(text) and not folded.removed
    # OpenCC simplifies 蒍 into a character of a rarer block, which the analyzer does not
    # segment: it stays as printed.
    assert fold("蒍").text == "蒍"


@pytest.mark.parametrize("encoding", ["utf-8", "big5"])
@pytest.mark.parametrize("typed", ["监督检查", "監督檢查", "城市供水 安全保障"])
def test_a_traditional_document_is_found_by_either_form(
    tmp_path: Path, encoding: str, typed: str
) -> None:
    path = tmp_path / f"notices-{encoding}.txt"
    path.write_bytes(NOTICES.read_text(encoding="utf-8").encode(encoding))
    library = Library.open_folder(tmp_path / "library")
    try:
        library.add_file(path)
        hits = library.search(typed, 5).hits
        assert [hit.title for hit in hits][:1] == [NOTICE]
        # Marked at the characters as printed, in the snippet and in the opened document.
        printed = fold(typed).text.replace(" ", "")
        expected = {"监督检查": "監督檢查", "城市供水安全保障": "城市供水安全保障"}[printed]
        assert _marks(hits[0].snippet_text, hits[0].snippet_spans, expected)
        doc = library.get(hits[0].id)
        assert _marks(doc.text, library.searcher().hit_spans(doc.id, typed), expected)
    finally:
        library.close()


def test_a_simplified_document_is_found_by_a_traditional_query(tmp_path: Path) -> None:
    docs = [
        make_document("关于加强监督检查工作的通知", "关于加强监督检查工作的通知\n各地要加强监督检查，及时整改。"),
        make_document("关于做好防汛工作的通知", "关于做好防汛工作的通知\n各地要做好防汛准备。"),
    ]
    library = small_library(tmp_path / "library", docs)
    try:
        hits = library.search("監督檢查", 5).hits
        assert [hit.title for hit in hits] == ["关于加强监督检查工作的通知"]
        assert _marks(hits[0].snippet_text, hits[0].snippet_spans, "监督检查")
        assert library.search("關於做好防汛工作的通知", 5).hits[0].title == "关于做好防汛工作的通知"
    finally:
        library.close()
