"""Rendering shows a document exactly, structured, and never lets its text become markup."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from reader.corpus import split_file
from reader.corpus.clauses import parse_clauses
from reader.corpus.model import Clause, Document, DocumentId, Event, SourceRef
from reader.corpus.render import (
    BODY_ANCHOR,
    format_date,
    paragraphs,
    render_body_html,
    render_body_markdown,
    render_html,
    render_markdown,
)
from tests.ui.seed_documents import seed_documents

HOSTILE = (
    "一、总体要求\n"
    "<script>alert('x')</script><a href=\"http://evil.example\">点我</a>\n"
    "[链接](http://evil.example) *强调* __粗体__ `代码` <img src=x onerror=alert(1)>\n"
    "1.关于 &amp; 的说明\t表格\t第二列\n"
    "# 不是标题\n"
    "    缩进四格不是代码块\n"
    "> 不是引用\n"
    "- 不是列表"
)


class _Blocks(HTMLParser):
    """Collect the text of each block element and every tag and attribute seen."""

    BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "li"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._open: str | None = None
        self._text: list[str] = []
        self._label = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "span" and dict(attrs).get("class") == "link-label":
            self._label = True
        if tag in self.BLOCKS:
            if self._open and self._text:  # a box's cell holds paragraphs
                self.blocks.append((self._open, "".join(self._text)))
            self._open, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self.blocks.append((tag, "".join(self._text)))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._label:
            self._label = False  # the page's own label, not the document's text
            return
        if self._open:
            self._text.append(data)


def _parse(html: str) -> _Blocks:
    parser = _Blocks()
    parser.feed(html)
    return parser


def _document(text: str, title: str = "关于测试的通知") -> Document:
    return Document(
        id=DocumentId("t-1"),
        title=title,
        issuers=("国家发展改革委", "国家能源局"),
        issuers_canonical=("国家发展和改革委员会", "国家能源局"),
        doc_number="发改能源〔2024〕187号",
        date="2024-02-06",
        doc_type="意见",
        source=SourceRef("004_bf5e8a97a1a13c8b.txt", 273, 368, 17),
        text=text,
        clauses=parse_clauses(text),
    )


def test_document_text_cannot_become_markup() -> None:
    html = render_html(_document(HOSTILE, title="<b onclick=x>标题</b>"))
    tags = _parse(html).tags
    names = {tag for tag, _ in tags}
    assert not names & {"script", "img", "em", "code", "ol", "blockquote"}
    assert names <= {"html", "head", "meta", "style", "body", "table", "tr", "td", "th", "h1",
                     "h2", "h3", "h4", "h5", "h6", "p", "a", "strong", "ul", "li", "span"}
    for tag, attrs in tags:
        if tag == "a":
            assert set(attrs) == {"name"}, attrs
        if tag == "ul":
            assert attrs.get("class") == "items", attrs  # only the page's own lists
        assert "onclick" not in attrs and "onerror" not in attrs and "href" not in attrs
    assert "<b onclick" not in html


def _body_text(html: str) -> str:
    """The page's text after the header card, blanks left out (cells, grids and rows), and
    without the label the page puts before a link line."""
    body = html[html.index("</table>") + len("</table>") :]
    return "".join("".join(text.split()) for _tag, text in _parse(body).blocks)


def test_every_paragraph_shows_verbatim_in_order() -> None:
    doc = _document(HOSTILE)
    html = render_html(doc)
    parsed = _parse(html)
    assert _body_text(html) == "".join("".join(p.text.split()) for p in paragraphs(doc.text))
    assert [p.text for p in paragraphs(doc.text)] == [
        line.strip() for line in doc.text.split("\n") if line.strip()
    ]
    for paragraph in paragraphs(doc.text):
        assert doc.text[paragraph.start : paragraph.start + len(paragraph.text)] == paragraph.text
    names = [attrs["name"] for tag, attrs in parsed.tags if tag == "a"]
    assert names.count(BODY_ANCHOR) == 1


@pytest.mark.parametrize("seed", ["004_bf5e8a97a1a13c8b.txt", "002_2b41b7aea7ba18c4.txt"])
def test_the_direct_html_is_what_full_markdown_makes_of_the_markdown(seed: str) -> None:
    for doc in [*seed_documents(seed), _document(HOSTILE)]:
        body = render_body_markdown(doc)
        full = markdown.markdown(body, output_format="html")
        # Full Markdown puts line breaks between the tags of a raw block; the page ignores them.
        direct = render_body_html(doc)
        assert re.sub(r">\s+<", "><", direct) == re.sub(r">\s+<", "><", full), doc.title


@pytest.mark.parametrize("seed", ["000_33a0d7a04a8e333f.txt", "001_4892098d42747a5f.txt",
                                  "002_2b41b7aea7ba18c4.txt", "003_bf27126f95cd8607.txt",
                                  "004_bf5e8a97a1a13c8b.txt"])
def test_every_seed_document_shows_all_its_text_in_order(seed: str) -> None:
    for doc in seed_documents(seed):
        html = render_html(doc)
        expected = "".join("".join(p.text.split()) for p in paragraphs(doc.text))
        assert _body_text(html) == expected, doc.title
        names = {attrs["name"] for tag, attrs in _parse(html).tags if tag == "a"}
        assert {f"c{i}" for i in range(len(doc.all_clauses()))} <= names, doc.title


def test_clause_headings_become_headings_and_every_clause_has_an_anchor() -> None:
    doc = next(d for d in list(seed_documents()) if d.title.startswith("国家发展改革委国家能源局"))
    parsed = _parse(render_html(doc))
    headings = [text for tag, text in parsed.blocks if tag in ("h2", "h3")]
    assert "一、总体要求" in headings
    assert "（一）指导思想" in headings
    names = {attrs["name"] for tag, attrs in parsed.tags if tag == "a"}
    assert {f"c{i}" for i in range(len(doc.all_clauses()))} <= names


def test_clause_label_inside_a_paragraph_is_bold() -> None:
    text = "第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全省。"
    doc = _document(text)
    assert doc.clauses and doc.clauses[0].kind == "条"
    markdown_text = render_markdown(doc)
    assert "**第一条**" in markdown_text
    assert "<strong>第二条</strong>" in render_html(doc)


def test_header_card_shows_metadata() -> None:
    html = render_html(_document("正文。"))
    card = [text for tag, text in _parse(html).blocks if tag in ("td", "h1")]
    joined = " ".join(card)
    for expected in ("关于测试的通知", "国家发展改革委、国家能源局", "发改能源〔2024〕187号",
                     "2024年2月6日", "意见", "004_bf5e8a97a1a13c8b.txt", "第 17 页"):
        assert expected in joined


def test_clauses_that_start_mid_paragraph_get_an_anchor_there() -> None:
    text = "总则如下。（一）第一项内容；（二）第二项内容。"
    clause = Clause("（一）", "（一）", "（一）", "", text.index("（一）"), len(text))
    doc = Document(DocumentId("t-2"), "题", (), (), None, None, None, SourceRef("f", 1, 1),
                   text, (clause,))
    html = render_html(doc)
    assert re.search(r'总则如下。<a name="c0"></a>（一）', html)


def test_theme_and_css_are_applied_and_sanitised() -> None:
    html = render_html(_document("正文。"), css="p { color: red }", theme='dark" onload="x')
    assert "<style>p { color: red }</style>" in html
    assert 'class="theme-darkonloadx"' in html


def test_format_date() -> None:
    assert format_date("2024-03-05") == "2024年3月5日"
    assert format_date("2024-03") == "2024年3月"
    assert format_date(None) == ""


def test_header_card_shows_the_events_of_a_law_escaped() -> None:
    law = split_file(Path(__file__).parent / "fixtures" / "laws" / "regulation_bare.md").documents[0]
    law = replace(law, events=(*law.events, Event("修订", "2024-03-10", "<script>x</script>")))
    html = render_html(law)
    card = " ".join(text for tag, text in _parse(html).blocks if tag in ("td", "h1"))
    for expected in ("公布日期", "2009年11月25日", "施行日期", "2010年3月1日", "题注",
                     "2009年8月19日 国务院第77次常务会议 通过",
                     "2009年11月25日 中华人民共和国国务院令第567号 公布",
                     "<script>x</script>"):
        assert expected in card
    assert "<script>" not in html


def test_text_in_tables_grids_and_lists_is_escaped_too() -> None:
    text = ("第一条 规定如下：\n（一）<b>甲</b>；\n（二）<i>乙</i>。\n"
            "名称\t<script>x</script>\n[链接](http://evil.example)\t<img src=x>\n"
            + "\n".join(["<a", "href", "=x>", "点我", "</a>", "*强*", "`码`"]))
    html = render_html(_document(text))
    names = {tag for tag, _ in _parse(html).tags}
    assert not names & {"script", "img", "b", "i", "em", "code"}
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "&lt;b&gt;甲&lt;/b&gt;" in html
    assert _body_text(html) == "".join("".join(p.text.split()) for p in paragraphs(text))


def test_a_signature_block_stays_lines_not_a_grid() -> None:
    text = ("正文到此为止。\n工业和信息化部\n国家发展改革委\n教育部\n商务部\n市场监管总局\n"
            "国家知识产权局\n国家能源局\n2025年1月26日")
    html = render_html(_document(text))
    paragraphs_shown = [text for tag, text in _parse(html).blocks if tag == "p"]
    assert "教育部" in paragraphs_shown and "2025年1月26日" in paragraphs_shown
    assert 'class="grid"' not in html
