"""Document → Markdown → HTML for the reading pane (and anything else that shows a document).

The reading pane maps character offsets of ``Document.text`` (search hits, clause starts, the
remembered reading position) to positions in the rendered page. To make that exact, every
paragraph of the text (see ``paragraphs``) becomes exactly one block whose visible text is the
paragraph itself, character for character, in order; the first one starts with the anchor
``BODY_ANCHOR``. Clause starts carry an anchor ``c<index>`` (the index into
``Document.all_clauses()``), so a plain ``scrollToAnchor`` can jump to a clause too.

All text that comes from a document is escaped for both Markdown and HTML: a document cannot
inject markup, scripts or links. The only markup in the output is the markup written here.

The body's Markdown uses a small dialect (headings, paragraphs, ``**strong**``, escapes,
entities and our anchors), so the HTML is made by a Python-Markdown instance with everything
else switched off: the same output as full Markdown for this dialect (a test checks), at a
fraction of the cost for a 100,000-character document.
"""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass

import markdown

from reader.corpus.model import Clause, Document

# Characters Python-Markdown gives a meaning to and un-escapes after a backslash.
_MARKDOWN_ESCAPED = frozenset("\\`*_{}[]()#+-.!")
# A heading-only paragraph may end with one of these after the heading text.
_HEADING_TAIL = " \u3000。：:；;，,"
# Longer "headings" are really a clause whose first sentence happens to be its only sentence.
_MAX_HEADING_CHARS = 60
# Articles and their sub-items are body text with a bold label, even when only one sentence.
_BODY_KINDS = frozenset({"条", "款"})

BODY_ANCHOR = "body"
CLAUSE_ANCHOR_PREFIX = "c"

# What the body's Markdown never contains, so Python-Markdown need not look for it.
_UNUSED_PREPROCESSORS = ("html_block",)
_UNUSED_BLOCK_PROCESSORS = ("indent", "code", "setextheader", "hr", "olist", "ulist", "quote",
                            "reference")
_UNUSED_INLINE_PATTERNS = ("backtick", "reference", "link", "image_link", "image_reference",
                           "short_reference", "short_image_ref", "autolink", "automail",
                           "linebreak")
_converters = threading.local()

CARD_LABELS = {
    "issuers": "发文机关",
    "doc_number": "发文字号",
    "date": "成文日期",
    "doc_type": "文种",
    "source": "来源",
    "promulgated": "公布日期",
    "effective": "施行日期",
    "events": "题注",
    "status": "时效性",
}


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of ``Document.text`` as the page shows it (one block each, in order)."""

    start: int  # offset of the first non-blank character in Document.text
    text: str  # the paragraph without leading and trailing blanks


def escape_text(text: str) -> str:
    """Escape document text so Markdown and HTML both show it literally.

    Tabs become a character reference because Python-Markdown expands literal tabs into
    spaces, which would change the text (and every offset after it).
    """
    return text.translate(_ESCAPES)


_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\t": "&#9;",
        **{char: "\\" + char for char in _MARKDOWN_ESCAPED},
    }
)


def format_date(date: str | None) -> str:
    """Return an ISO date (or year-month) the way Chinese documents print it."""
    if not date:
        return ""
    parts = date.split("-")
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        return date
    units = ("年", "月", "日")
    return "".join(f"{number}{unit}" for number, unit in zip(numbers, units, strict=False))


def paragraphs(text: str) -> list[Paragraph]:
    """Return the non-blank paragraphs of a document's text with their offsets."""
    out: list[Paragraph] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append(Paragraph(start=offset + lead, text=stripped))
        offset += len(line) + 1
    return out


def _clause_depths(clauses: tuple[Clause, ...]) -> list[tuple[Clause, int]]:
    out: list[tuple[Clause, int]] = []

    def visit(clause: Clause, depth: int) -> None:
        out.append((clause, depth))
        for child in clause.children:
            visit(child, depth + 1)

    for clause in clauses:
        visit(clause, 0)
    return out


def _label_end(paragraph: str, at: int, clause: Clause, *, with_heading: bool = True) -> int:
    """Return where the printed label (and heading) of ``clause`` end inside ``paragraph``."""
    end = at
    label_at = paragraph.find(clause.label, at) if clause.label else -1
    if label_at == at:
        end = at + len(clause.label)
    if clause.heading and with_heading:
        heading_at = paragraph.find(clause.heading, end)
        if heading_at != -1 and heading_at - end <= 2:
            end = heading_at + len(clause.heading)
    return end


def _render_paragraph(
    paragraph: Paragraph, starts: list[tuple[int, Clause, int]], first: bool
) -> str:
    """Render one paragraph: a heading if it is only a clause heading, else a paragraph.

    ``starts`` holds (clause index, clause, depth) for every clause that starts inside it.
    """
    text = paragraph.text
    anchor = f'<a name="{BODY_ANCHOR}"></a>' if first else ""
    at_start = [item for item in starts if item[1].start <= paragraph.start]
    inner = starts[len(at_start) :]
    if at_start:
        # The outermost clause starting here gives the heading; nested ones share its anchor.
        _, clause, depth = at_start[0]
        label_end = _label_end(text, 0, clause, with_heading=clause.kind not in _BODY_KINDS)
        rest = text[label_end:].strip(_HEADING_TAIL)
        clause_anchor = "".join(
            f'<a name="{CLAUSE_ANCHOR_PREFIX}{item[0]}"></a>' for item in at_start
        )
        if (
            not rest
            and clause.heading
            and clause.kind not in _BODY_KINDS
            and len(text) <= _MAX_HEADING_CHARS
        ):
            level = min(depth + 2, 6)
            return f"{'#' * level} {anchor}{clause_anchor}{escape_text(text)}"
        if label_end > 0:
            pieces = [anchor, clause_anchor, "**", escape_text(text[:label_end]), "**"]
            pieces.append(_with_inner_anchors(text, label_end, paragraph.start, inner))
            return "".join(pieces)
        return anchor + clause_anchor + _with_inner_anchors(text, 0, paragraph.start, inner)
    return anchor + _with_inner_anchors(text, 0, paragraph.start, starts)


def _with_inner_anchors(
    text: str, begin: int, para_start: int, starts: list[tuple[int, Clause, int]]
) -> str:
    """Escape ``text[begin:]``, placing a clause anchor where each clause starts mid-paragraph."""
    pieces: list[str] = []
    cursor = begin
    for index, clause, _depth in starts:
        at = clause.start - para_start
        if at < cursor or at >= len(text):
            continue
        pieces.append(escape_text(text[cursor:at]))
        pieces.append(f'<a name="{CLAUSE_ANCHOR_PREFIX}{index}"></a>')
        cursor = at
    pieces.append(escape_text(text[cursor:]))
    return "".join(pieces)


def _header_card(doc: Document, *, status: str | None = None) -> str:
    """Return the header card as a raw HTML block (escaped; Markdown leaves it alone).

    ``status`` is the document's validity in words with its evidence, when known.
    """
    rows: list[tuple[str, str]] = []
    if doc.issuers:
        rows.append((CARD_LABELS["issuers"], "、".join(doc.issuers)))
    if doc.doc_number:
        rows.append((CARD_LABELS["doc_number"], doc.doc_number))
    if doc.date:
        rows.append((CARD_LABELS["date"], format_date(doc.date)))
    if doc.doc_type:
        rows.append((CARD_LABELS["doc_type"], doc.doc_type))
    if doc.promulgated:
        rows.append((CARD_LABELS["promulgated"], format_date(doc.promulgated)))
    if doc.effective:
        rows.append((CARD_LABELS["effective"], format_date(doc.effective)))
    if status:
        rows.append((CARD_LABELS["status"], status))
    for number, event in enumerate(doc.events):
        # One line per event of the 题注: when, by whom, what (通过, 公布, 修正…).
        when = format_date(event.date) if event.date else ""
        label = CARD_LABELS["events"] if number == 0 else ""
        rows.append((label, " ".join(part for part in (when, event.by, event.kind) if part)))
    source = f"{doc.source_title or doc.source.file}，{_pages_or_lines(doc)}"
    rows.append((CARD_LABELS["source"], source))
    cells = "".join(
        f'<tr><td class="card-label" width="16%">{_card_escape(label)}</td>'
        f'<td class="card-value">{_card_escape(value)}</td></tr>'
        for label, value in rows
    )
    return (
        f'<table class="card" width="100%"><tr><td colspan="2" class="card-title">'
        f'<h1 class="title">{_card_escape(doc.title)}</h1></td></tr>{cells}</table>'
    )


def _pages_or_lines(doc: Document) -> str:
    """Say where in its file a document is: its pages when the file has pages (a PDF), else
    its lines (and the printed page it starts on, where the text carries page numbers)."""
    ref = doc.source
    if ref.page is not None and ref.end_page is not None:
        pages = f"{ref.page}–{ref.end_page}" if ref.end_page > ref.page else str(ref.page)
        return f"第 {pages} 页"
    lines = f"第 {ref.start_line}–{ref.end_line} 行"
    return lines + (f"，第 {ref.page} 页" if ref.page is not None else "")


def _card_escape(value: str) -> str:
    # A blank line would end Markdown's raw HTML block and expose the rest to Markdown.
    return html.escape(" ".join(value.split()))


def render_body_markdown(doc: Document) -> str:
    """Return the document's text as Markdown: one block per paragraph, clauses structured."""
    indexed = [(i, clause, depth) for i, (clause, depth) in enumerate(_clause_depths(doc.clauses))]
    indexed.sort(key=lambda item: (item[1].start, item[2]))
    blocks: list[str] = []
    cursor = 0
    found = paragraphs(doc.text)
    for number, paragraph in enumerate(found):
        end = found[number + 1].start if number + 1 < len(found) else len(doc.text) + 1
        starts: list[tuple[int, Clause, int]] = []
        while cursor < len(indexed) and indexed[cursor][1].start < end:
            starts.append(indexed[cursor])
            cursor += 1
        blocks.append(_render_paragraph(paragraph, starts, first=number == 0))
    return "\n\n".join(blocks) + "\n"


def render_markdown(doc: Document) -> str:
    """Return the whole document as Markdown: the header card (raw HTML), then the text."""
    return _header_card(doc) + "\n\n" + render_body_markdown(doc)


def _converter() -> markdown.Markdown:
    """Return this thread's Python-Markdown instance for the body dialect."""
    converter: markdown.Markdown | None = getattr(_converters, "markdown", None)
    if converter is None:
        converter = markdown.Markdown(output_format="html")
        for name in _UNUSED_PREPROCESSORS:
            converter.preprocessors.deregister(name)
        for name in _UNUSED_BLOCK_PROCESSORS:
            converter.parser.blockprocessors.deregister(name)
        for name in _UNUSED_INLINE_PATTERNS:
            converter.inlinePatterns.deregister(name)
        _converters.markdown = converter
    converter.reset()
    return converter


def markdown_to_html(body_markdown: str) -> str:
    """Convert body Markdown (from ``render_body_markdown``) to HTML."""
    return str(_converter().convert(body_markdown))


def render_html(
    doc: Document, *, css: str = "", theme: str = "light", status: str | None = None
) -> str:
    """Return a complete HTML page for ``doc`` with ``css`` inlined and ``theme`` on the body;
    ``status`` (validity and evidence, in words) is a row of the header card."""
    body = markdown_to_html(render_body_markdown(doc))
    style = f"<style>{css}</style>" if css else ""
    safe_theme = "".join(ch for ch in theme if ch.isalnum() or ch == "-") or "light"
    return (
        f'<html><head><meta charset="utf-8">{style}</head>'
        f'<body class="theme-{safe_theme}">{_header_card(doc, status=status)}\n{body}</body></html>'
    )
