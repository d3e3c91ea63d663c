"""Documents printed in traditional characters are recognised by the same rules, kept as printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.corpus import split_file
from reader.library.library import Library

FIXTURE = Path(__file__).parent / "fixtures" / "traditional_notices.txt"


@pytest.fixture(params=["utf-8", "big5"])
def traditional_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / f"traditional-{request.param}.txt"
    path.write_bytes(FIXTURE.read_text(encoding="utf-8").encode(request.param))
    return path


def test_a_traditional_compilation_splits_into_its_documents(traditional_file: Path) -> None:
    result = split_file(traditional_file)

    assert result.encoding in ("utf-8", "big5")
    notice, joint = result.documents
    assert notice.title == "國務院辦公廳關於加強城市供水安全保障工作的通知"  # as printed
    assert notice.issuers == ("國務院辦公廳",)
    assert notice.issuers_canonical == ("国务院办公厅",)
    assert notice.doc_number == "国办发〔2024〕12号"
    assert notice.date == "2024-03-15"
    assert notice.doc_type == "通知"
    assert (notice.source.start_line, notice.source.end_line) == (1, 13)
    assert "現就有關事項通知如下" in notice.text  # the text as printed
    assert joint.title == "國家發展改革委 財政部關於印發《城市供水設施更新改造資金管理辦法》的通知"
    assert joint.issuers == ("國家發展改革委", "財政部")
    assert joint.doc_number == "发改投资〔2024〕305号"
    assert joint.date == "2024-04-02"
    assert joint.source.start_line == 14


def test_traditional_documents_are_found_by_search(traditional_file: Path, tmp_path: Path) -> None:
    library = Library.open_folder(tmp_path / "library")
    try:
        library.add_file(traditional_file)
        by_number = library.search("国办发〔2024〕12号", 5)
        assert [hit.title for hit in by_number.hits][:1] == [
            "國務院辦公廳關於加強城市供水安全保障工作的通知"
        ]
        # Words as printed find the text; the issuer's simplified name finds it too.
        assert library.search("監督檢查", 5).total == 1
        assert library.search("国务院办公厅", 5).total == 1
        printed = library.search("供水設施更新改造", 5)
        assert any("資金管理辦法" in hit.title for hit in printed.hits)
        assert {doc.title for doc in library.documents(issuer="国务院办公厅")} == {
            "國務院辦公廳關於加強城市供水安全保障工作的通知"
        }
    finally:
        library.close()
