"""A saved web page's parts, found with lxml: its charset, metadata table, title and body.

Government sites publish a policy inside the site's frame (navigation, breadcrumbs, share
buttons, related links, a footer with 主办单位 and ICP numbers). What is the policy is found by
the page's structure, not by one site's markup: the block holding the most text that is not
links, preferring a block the publishing system names as the article (``content``,
``article``, ``zoom``, ``TRS_Editor``…) when it holds most of that text. The metadata table
(``索引号``/``发文机关``/``成文日期``/``标题``/``发文字号``/``发布日期`` as label and value cells,
or ``label：value`` items) is read as labelled values wherever it stands.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from reader.corpus.formats.base import Hints

# Elements that are never the policy's text.
_DROP = (
    "script", "style", "noscript", "template", "iframe", "svg", "nav", "header", "footer",
    "aside", "button", "select", "input", "textarea", "object", "embed", "canvas",
)  # fmt: skip
_BLOCKS = frozenset({
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "table", "tbody", "thead", "tr", "section", "article", "main", "center", "blockquote",
    "pre", "hr", "body", "html", "figure", "figcaption", "address",
})  # fmt: skip
_CANDIDATES = frozenset({"div", "td", "article", "section", "main", "body"})
# How publishing systems name the article's block (UCAP, TRS and most CMSs of gov sites).
_ARTICLE_NAMES = ("content", "article", "zoom", "trs_editor", "main-text", "maintext", "zhengwen")
_ARTICLE_SHARE = 0.5  # a block so named holds at least half the best block's text
_TIGHT_SHARE = 0.95  # an inner block with this share of the text is the text's own block
_LINK_WEIGHT = 3  # link text counts against a block this many times over

# The labels of the metadata table, whitespace and the colon removed, and the hint each feeds.
_LABELS = {
    "标题": "title", "名称": "title", "文件名称": "title",
    "发文字号": "doc_number", "文号": "doc_number",
    "发文机关": "issuers", "发布机构": "issuers", "发布单位": "issuers", "制发机关": "issuers",
    "成文日期": "date", "发文日期": "date", "印发日期": "date",
    "发布日期": "published",
    "索引号": "", "主题分类": "", "主题词": "", "有效性": "", "生效日期": "", "信息来源": "",
}  # fmt: skip
_FIELD_TAGS = ("td", "th", "dt", "dd", "li", "span", "div", "p", "b", "strong", "label", "em")
_MARK = "data-reader-metadata"
_CJK = re.compile(r"[\u3400-\u9fff]")
_TITLE_SEPARATORS = re.compile(r"\s+[-_|—–]\s+|_|｜|\|")


def parse(text: str) -> Any:
    """Parse page text into an lxml tree (an XML declaration is dropped: lxml refuses it)."""
    if text.lstrip().startswith("<?xml"):
        text = text[text.index("?>") + 2 :]
    return lxml_html.document_fromstring(text or "<html></html>")


def declared_charset(head: bytes) -> str | None:
    """Return the charset a page declares in ``<meta charset>`` or ``http-equiv``, if any."""
    try:
        tree = lxml_html.document_fromstring(head.decode("latin-1") or "<html></html>")
    except Exception:  # a fragment lxml cannot parse declares nothing we can use
        return None
    for meta in tree.iter("meta"):
        charset = meta.get("charset")
        if not charset and (meta.get("http-equiv") or "").lower() == "content-type":
            content = (meta.get("content") or "").lower()
            if "charset=" in content:
                charset = content.split("charset=", 1)[1].split(";")[0]
        if charset:
            return charset.strip().strip("'\"").lower()
    return None


def cjk_count(text: str) -> int:
    """Return how many Chinese characters ``text`` holds (what counts as text on a page)."""
    return len(_CJK.findall(text))


def _label(text: str) -> str:
    return "".join(text.split()).rstrip("：:")


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def _names_a_label(text: str) -> bool:
    compact = "".join(text.split())
    return any(f"{label}{colon}" in compact for label in _LABELS for colon in "：:")


def metadata(tree: Any) -> Hints:
    """Return the labelled values of the page; their cells are marked as not being text.

    The mark is an attribute in the tree (``_MARK``): the table is read as hints, and its
    cells must not come back as the policy's first lines.
    """
    found: dict[str, str] = {}
    for element in tree.iter(*_FIELD_TAGS):
        own = _text(element)
        if len(own) > 200:
            continue
        label = _label(own)
        value = ""
        if label in _LABELS:
            following = element.getnext()
            value = _text(following) if following is not None else ""
            pair = [element, following] if following is not None else [element]
        else:
            head, colon, rest = own.partition("：") if "：" in own else own.partition(":")
            if not colon or _label(head) not in _LABELS or _names_a_label(rest):
                continue  # a block holding the whole table: its cells are read one by one
            label, value, pair = _label(head), rest.strip(), [element]
        if value and label not in found and _label(value) not in _LABELS:
            found[label] = value
            for holder in pair:
                holder.set(_MARK, "")
                for row in holder.iterancestors("tr"):
                    row.set(_MARK, "")
    hints: dict[str, Any] = {"title": None, "doc_number": None, "issuers": (), "date": None,
                             "published": None}
    for label, value in found.items():
        key = _LABELS[label]
        if key == "issuers":
            hints[key] = hints[key] or (value,)
        elif key and hints[key] is None:
            hints[key] = value
    return Hints(fields=found, **hints)


def drop_furniture(tree: Any) -> None:
    """Remove what is never the policy's text: scripts, styles, navigation, forms, comments."""
    for element in list(tree.iter(*_DROP)):
        if element.getparent() is not None:
            element.drop_tree()
    for comment in list(tree.iter(etree.Comment)):
        if comment.getparent() is not None:
            comment.drop_tree()


def _counts(element: Any) -> tuple[int, int]:
    """Return (CJK characters not in links, CJK characters in links) inside ``element``."""
    total = cjk_count(element.text_content())
    links = sum(cjk_count(a.text_content()) for a in element.iter("a"))
    return total - links, links


def article(tree: Any) -> Any:
    """Return the block holding the policy's text (the body when nothing stands out)."""
    body = tree.find("body") if tree.find("body") is not None else tree
    scored: list[tuple[int, int, Any]] = []
    for element in body.iter(*_CANDIDATES):
        text, links = _counts(element)
        scored.append((text - _LINK_WEIGHT * links, text, element))
    if not scored:
        return body
    _, best_text, best = max(scored, key=lambda item: item[0])
    named = [
        (score, element) for score, text, element in scored
        if text >= _ARTICLE_SHARE * best_text and _named_article(element)
    ]
    if not named:
        return _tighten(best)
    chosen = max(named, key=lambda item: item[0])[1]
    # The article's block often names its text's block too (article > content): the inner one
    # leaves out the print button and the editor's name beside the text.
    inner = [element for _, element in named if chosen in element.iterancestors()]
    return _tighten(inner[-1] if inner else chosen)


def _tighten(element: Any) -> Any:
    """Return the innermost block inside ``element`` that still holds nearly all its text.

    An article's block often wraps the text with a print button, the editor's name and share
    links; the text's own block leaves them out.
    """
    text = _counts(element)[0]
    inner = [
        child for child in element.iterdescendants(*_CANDIDATES)
        if _counts(child)[0] >= _TIGHT_SHARE * text
    ]
    # Blocks holding nearly all the text are nested in one another: the last is the innermost.
    return inner[-1] if inner else element


def _named_article(element: Any) -> bool:
    name = f"{element.get('id') or ''} {element.get('class') or ''}".lower()
    return any(word in name for word in _ARTICLE_NAMES)


def text_lines(element: Any) -> list[str]:
    """Return the text of ``element`` one block a line; a table row is cells joined by tabs."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    def walk(node: Any) -> None:
        if not isinstance(node.tag, str) or node.get(_MARK) is not None:
            if node.tail:
                current.append(node.tail)
            return
        tag = node.tag.lower()
        if tag == "tr":
            flush()
            cells = [" ".join(cell.text_content().split()) for cell in node if cell.tag in ("td", "th")]
            if any(cells):
                lines.append("\t".join(cells))
        else:
            block = tag in _BLOCKS
            if block:
                flush()
            if node.text:
                current.append(node.text)
            for child in node:
                walk(child)
            if block:
                flush()
        if node.tail:
            current.append(node.tail)

    walk(element)
    flush()
    return lines


def page_title(tree: Any) -> str | None:
    """Return the page's own title: its first ``<h1>``, else ``<title>`` without the site name."""
    for heading in tree.iter("h1"):
        text = _text(heading)
        if cjk_count(text) >= 4:
            return text
    title = tree.find(".//title")
    if title is None or not _text(title):
        return None
    parts = [part.strip() for part in _TITLE_SEPARATORS.split(_text(title)) if part.strip()]
    return max(parts, key=cjk_count) if parts else None
