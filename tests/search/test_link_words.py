"""A web address that capture left in a document is not words of the document."""

from __future__ import annotations

from reader.search.analysis import Segmenter


def test_a_captured_web_address_gives_no_words_and_the_title_after_it_does() -> None:
    text = "https://www.example.gov.cn/zhengce/202502/P020250217000000000001.pdf\n储能行动方案"
    words = Segmenter().words(text)
    assert "储能" in words and "行动" in words
    assert not {"https", "www.example.gov.cn", "zhengce", "202502", "pdf"} & set(words)
    assert not any("p020250217" in word for word in words)


def test_words_around_an_address_keep_their_spans() -> None:
    text = "详见www.example.cn/a.html的通知"
    tokens = Segmenter().tokens(text)
    assert [word for word, _, _ in tokens] == ["详见", "的", "通知"]
    for word, start, end in tokens:
        assert text[start:end] == word
