"""Saved web pages: a State Council style policy page in UTF-8, GBK and MHTML."""

from __future__ import annotations

from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from reader.corpus.formats import read_document, split_path
from reader.errors import InputError
from tests.corpus.formats.samples import (
    DATE,
    DOC_NUMBER,
    FORWARDING_BODY,
    FORWARDING_NUMBER,
    FORWARDING_TITLE,
    INDEX_NO,
    ISSUER,
    PUBLISHED,
    TITLE,
    gov_page,
    link_list_page,
)

SITE_FURNITURE = ("首页", "主办单位", "京ICP备", "相关稿件", "责任编辑", "我要打印", "统计代码", "简")


@pytest.mark.parametrize("charset", ["utf-8", "gbk", "gb2312"])
def test_a_policy_page_is_one_document_with_the_fields_of_its_table(
    tmp_path: Path, charset: str
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(gov_page(charset))
    result = split_path(path)
    assert len(result.documents) == 1
    doc = result.documents[0]
    assert (doc.title, doc.doc_number, doc.date, doc.issuers) == (TITLE, DOC_NUMBER, DATE, (ISSUER,))
    assert doc.doc_type == "意见"
    assert doc.extra["published"] == PUBLISHED
    assert doc.extra["page_fields"]["索引号"] == INDEX_NO
    assert doc.extra["page_fields"]["主题分类"] == "城乡建设、环境保护\\其他"
    assert result.encoding == ("utf-8" if charset == "utf-8" else "gb18030")
    assert [c.label for c in doc.clauses] == ["一、", "二、", "三、"]


def test_only_the_policy_text_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(gov_page("gbk"))
    text = read_document(path).text
    lines = text.split("\n")
    assert lines[0] == TITLE and lines[1] == DOC_NUMBER
    assert lines[2].startswith("各省、自治区、直辖市人民政府")
    assert text.count(TITLE) == 1
    assert "（此件公开发布）" in lines
    assert not [word for word in SITE_FURNITURE if word in text]
    # The metadata table is read as fields, not as text.
    assert "索引号" not in text and INDEX_NO not in text


def test_a_page_without_the_table_reads_its_fields_from_the_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(gov_page("utf-8", with_table=False))
    doc = split_path(path).documents[0]
    assert (doc.title, doc.doc_number, doc.date, doc.issuers) == (TITLE, DOC_NUMBER, DATE, (ISSUER,))


def test_a_gbk_page_labelled_gb2312_keeps_characters_gb2312_lacks(tmp_path: Path) -> None:
    page = gov_page("gbk").replace("各地区各有关部门".encode("gbk"), "各地区啰嗦部门".encode("gbk"))
    with pytest.raises(UnicodeEncodeError):
        "啰".encode("gb2312")
    path = tmp_path / "page.html"
    path.write_bytes(page.replace(b"charset=gbk", b"charset=gb2312"))
    assert "各地区啰嗦部门" in read_document(path).text


def test_a_page_saved_as_one_file_mhtml(tmp_path: Path) -> None:
    message = MIMEMultipart("related")
    message["Subject"] = TITLE
    part = MIMEText(gov_page("gbk").decode("gbk"), "html", "gbk")
    message.attach(part)
    path = tmp_path / "page.mhtml"
    path.write_bytes(message.as_bytes())
    doc = split_path(path).documents[0]
    assert (doc.title, doc.doc_number) == (TITLE, DOC_NUMBER)


def test_a_page_is_one_document_even_with_a_forwarded_text_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "转发.html"
    page = gov_page("utf-8", title=FORWARDING_TITLE, doc_number=FORWARDING_NUMBER,
                    body=FORWARDING_BODY, signature=[])
    path.write_bytes(page)
    (doc,) = split_path(path).documents
    assert (doc.title, doc.doc_number, doc.date) == (FORWARDING_TITLE, FORWARDING_NUMBER, DATE)
    assert "发改社会〔2025〕301号" in doc.text and [c.label for c in doc.clauses] == ["一、", "二、"]
    # Without the page's table the same text is two documents, as a compilation would be.
    path.write_bytes(gov_page("utf-8", with_table=False, title=FORWARDING_TITLE,
                              doc_number=FORWARDING_NUMBER, body=FORWARDING_BODY, signature=[]))
    assert len(split_path(path).documents) == 2


def test_a_page_whose_text_shows_no_document_start_is_still_its_table_s_document(
    tmp_path: Path,
) -> None:
    # No 文号 line, no addressee, no signature: only the table says what the page is.
    body = ["为做好有关工作，现就城乡社区便民服务设施建设运营的若干事项说明如下，请各地参照执行并及时反馈。",
            "各地已建成的设施要加强日常维护，确保正常运行，方便群众就近办事。"]
    path = tmp_path / "说明.html"
    path.write_bytes(gov_page("utf-8", title="城乡社区便民服务设施建设运营有关事项", doc_number="",
                              body=body, signature=[]))
    (doc,) = split_path(path).documents
    assert (doc.title, doc.issuers, doc.date) == ("城乡社区便民服务设施建设运营有关事项", (ISSUER,), DATE)
    assert body[1] in doc.text


def test_a_page_with_no_policy_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.html"
    path.write_bytes(link_list_page())
    with pytest.raises(InputError, match="没有找到政策正文"):
        read_document(path)
