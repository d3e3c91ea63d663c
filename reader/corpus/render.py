"""Document → Markdown → HTML for the reading pane (and anything else that shows a document).

The reading pane maps character offsets of ``Document.text`` (search hits, clause starts, the
remembered reading position) to positions in the rendered page. To make that exact, every
paragraph of the text (see ``paragraphs``) shows on the page character for character, in
order: as one block (a heading, a paragraph, a list item), as the cells of a table row (a
tab-separated line; each cell is the text between two tabs), as one cell of a table, or as a
piece of a grid line. The first one starts with the anchor ``BODY_ANCHOR``. Clause starts
carry an anchor ``c<index>`` (the index into ``Document.all_clauses()``), so a plain
``scrollToAnchor`` can jump to a clause too. ``reader.corpus.blocks`` decides what each
paragraph is; this module only writes it.

All text that comes from a document is escaped for both Markdown and HTML: a document cannot
inject markup, scripts or links. The only markup in the output is the markup written here.

The body's Markdown (for ``reader-cli show --format md``) uses a small dialect (headings,
paragraphs, ``**strong**``, escapes, entities and our anchors) plus raw HTML blocks for
lists, boxes, tables and link lines. The reading pane's HTML is written directly from the
same layout: it is what Python-Markdown makes of that Markdown (a test checks), without the
cost of parsing it, which was most of the time of opening a 100,000-character document.
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass

from reader.corpus.blocks import Box, ItemList, Node, Para, layout
from reader.corpus.clauses import parse_clauses
from reader.corpus.model import Document, DocumentId, SourceRef
from reader.corpus.tables import Grid, Line, Table

# Characters Python-Markdown gives a meaning to and un-escapes after a backslash.
_MARKDOWN_ESCAPED = frozenset("\\`*_{}[]()#+-.!")
# A grid line holds as many cells as fit in this many columns (a CJK character takes two).
_GRID_WIDTH = 64
_GRID_MAX_COLUMNS = 8
# The lines of tables and boxes: a grey that reads on every theme's background.
_RULE = "#8c99a6"
# What a link line left by web capture is called on the page.
LINK_LABEL = "附件链接"

BODY_ANCHOR = "body"
CLAUSE_ANCHOR_PREFIX = "c"

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
    return [Paragraph(start=line.start, text=line.text) for line in lines_of(text)]


def lines_of(text: str) -> list[Line]:
    """Return the non-blank paragraphs of a text with their lines (for the layout)."""
    out: list[Line] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append(Line(offset + lead, stripped, offset, line))
        offset += len(line) + 1
    return out


def _html_text(text: str) -> str:
    """Escape document text for a raw HTML block (Markdown does not look inside one)."""
    return html.escape(text, quote=False).replace("\t", "&#9;")


def _anchor(name: str) -> str:
    return f'<a name="{name}"></a>'


class _Body:
    """Write one document's layout as Markdown blocks and raw HTML blocks."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lines = lines_of(doc.text)
        self.layout = layout(doc, self.lines)

    # Paragraphs ---------------------------------------------------------------------------

    def _inline(self, para: Para, markdown_: bool) -> str:
        """The paragraph's text with its anchors and bold run, escaped for its context."""
        line = self.lines[para.number]
        text, starts = line.text, self.layout.starts[para.number]
        escape = escape_text if markdown_ else _html_text
        pieces = [_anchor(BODY_ANCHOR)] if para.number == 0 else []
        at_start = [s for s in starts if s.clause.start <= line.start]
        pieces.extend(_anchor(f"{CLAUSE_ANCHOR_PREFIX}{s.index}") for s in at_start)
        cursor = 0
        if para.bold:
            strong = ("**", "**") if markdown_ else ("<strong>", "</strong>")
            pieces += [strong[0], escape(text[: para.bold]), strong[1]]
            cursor = para.bold
        for start in starts[len(at_start) :]:
            at = start.clause.start - line.start
            if at < cursor or at >= len(text):
                continue
            pieces.append(escape(text[cursor:at]))
            pieces.append(_anchor(f"{CLAUSE_ANCHOR_PREFIX}{start.index}"))
            cursor = at
        pieces.append(escape(text[cursor:]))
        return "".join(pieces)

    def _para_markdown(self, para: Para) -> str:
        inline = self._inline(para, True)
        return f"{'#' * para.level} {inline}" if para.role == "heading" else inline

    def _para_html(self, para: Para) -> str:
        inline = self._inline(para, False)
        if para.role == "heading":
            return f"<h{para.level}>{inline}</h{para.level}>"
        return f"<p>{inline}</p>"

    def _link(self, para: Para) -> str:
        """A web address or file name left by capture: plain text after a label, no link.

        A paragraph, not a table: a long address wraps anywhere in a paragraph, while in a
        table cell it would widen the page.
        """
        return (f'<p class="link"><span class="link-label">{LINK_LABEL}</span> '
                f"{self._inline(para, False)}</p>")

    # Blocks -------------------------------------------------------------------------------

    def _list(self, block: ItemList) -> str:
        """One list; items deeper than the first are indented one step per level."""
        top = min(item.level for item in block.items)
        out: list[str] = []
        level = -1
        for item in block.items:
            if item.level != level:
                if level >= 0:
                    out.append("</ul>")
                indent = 1 + min(item.level - top, 3)
                out.append(f'<ul class="items" style="list-style-type: none; '
                           f'-qt-list-indent: {indent}">')
                level = item.level
            out.append(f"<li>{self._inline(item, False)}</li>")
        out.append("</ul>")
        return "".join(out)

    def _anchors_at(self, first: int, last: int) -> dict[int, str]:
        """Anchors of paragraphs ``first``…``last`` by their start (a cell shows them all)."""
        out: dict[int, str] = {}
        for number in range(first, last + 1):
            starts = self.layout.starts[number]
            names = [BODY_ANCHOR] if number == 0 else []
            names += [f"{CLAUSE_ANCHOR_PREFIX}{s.index}" for s in starts]
            out[self.lines[number].start] = "".join(_anchor(name) for name in names)
        return out

    def _table(self, table: Table) -> str:
        anchors = self._anchors_at(table.first, table.last)
        text = self.doc.text
        rows: list[str] = []
        for number, row in enumerate(table.rows):
            tag = "th" if number == 0 and table.header else "td"
            cells = []
            for cell in (*row, *([()] * (table.columns - len(row)))):
                inner = "".join(
                    anchors.get(span.start, "") + _html_text(text[span.start : span.end])
                    for span in cell
                )
                cells.append(f"<{tag}>{inner}</{tag}>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return (f'<table class="grid-table" width="100%" border="1" bordercolor="{_RULE}" '
                f'cellspacing="0" cellpadding="4">{"".join(rows)}</table>')

    def _grid(self, grid: Grid) -> str:
        """Cells whose table shape is lost, side by side in even columns, a few a line.

        As many go on a line as fit when most cells are whole: a few long ones wrap inside
        their cell rather than leave the grid one cell wide.
        """
        anchors = self._anchors_at(grid.first, grid.last)
        lines = self.lines[grid.first : grid.last + 1]
        widths = sorted(_display_width(line.text) for line in lines)
        usual = widths[len(widths) * 4 // 5]
        per_line = max(2, min(_GRID_MAX_COLUMNS, _GRID_WIDTH // (usual + 2)))
        rows: list[str] = []
        for row in range(0, len(lines), per_line):
            cells = [f"<td>{anchors.get(line.start, '')}{_html_text(line.text)}</td>"
                     for line in lines[row : row + per_line]]
            cells += ["<td></td>"] * (per_line - len(cells))
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return (f'<table class="grid" cellspacing="0" cellpadding="3">{"".join(rows)}'
                "</table>")

    def _box(self, box: Box) -> str:
        inner = "".join(self._html(node) for node in box.body)
        title = f'<p class="box-title">{self._inline(box.title, False)}</p>'
        return (f'<table class="box" width="100%" border="1" bordercolor="{_RULE}" '
                f'cellspacing="0" cellpadding="8"><tr><td>{title}{inner}</td></tr></table>')

    def _html(self, node: Node) -> str:
        if isinstance(node, Para):
            return self._link(node) if node.role == "link" else self._para_html(node)
        if isinstance(node, ItemList):
            return self._list(node)
        if isinstance(node, Box):
            return self._box(node)
        if isinstance(node, Table):
            return self._table(node)
        return self._grid(node)

    def html_blocks(self) -> list[str]:
        """Return the HTML of every node, in order."""
        return [self._html(node) for node in self.layout.nodes]

    def parts(self) -> list[tuple[bool, str]]:
        """Return (is raw HTML, block) for every node, in order."""
        out: list[tuple[bool, str]] = []
        for node in self.layout.nodes:
            if isinstance(node, Para) and node.role in ("heading", "text"):
                out.append((False, self._para_markdown(node)))
            else:
                out.append((True, self._html(node)))
        return out


def _display_width(text: str) -> int:
    """Columns a text takes in a fixed-width font (a CJK character takes two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)

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
    """Return the document's text as Markdown: headings and paragraphs, and raw HTML blocks
    for lists, boxes, tables and link lines."""
    return "\n\n".join(block for _, block in _Body(doc).parts()) + "\n"

def render_markdown(doc: Document) -> str:
    """Return the whole document as Markdown: the header card (raw HTML), then the text."""
    return _header_card(doc) + "\n\n" + render_body_markdown(doc)


def render_body_html(doc: Document) -> str:
    """Return the document's text as HTML, written directly.

    It is what Python-Markdown makes of ``render_body_markdown`` (a test checks, on the
    seeds and on hostile text), without parsing Markdown that this module has just written:
    on a 100,000-character document that parse was most of the time of opening it.
    """
    return "\n".join(_Body(doc).html_blocks())


def render_html(
    doc: Document, *, css: str = "", theme: str = "light", status: str | None = None
) -> str:
    """Return a complete HTML page for ``doc`` with ``css`` inlined and ``theme`` on the body;
    ``status`` (validity and evidence, in words) is a row of the header card."""
    return _page(_header_card(doc, status=status) + "\n" + render_body_html(doc), css, theme)


def render_text_html(title: str, text: str, *, css: str = "", theme: str = "light") -> str:
    """Return a page for text that is no document (a compilation's own chapter, its cover).

    Its lists, boxes and tables read as a document's do; there is no header card, since it
    has no issuer, 文号 or date (its ``title`` is its own first line, shown with the text).
    """
    doc = Document(DocumentId(""), title, (), (), None, None, None, SourceRef("", 1, 1), text,
                   parse_clauses(text))
    return _page(render_body_html(doc), css, theme)


def _page(content: str, css: str, theme: str) -> str:
    style = f"<style>{css}</style>" if css else ""
    safe_theme = "".join(ch for ch in theme if ch.isalnum() or ch == "-") or "light"
    return (f'<html><head><meta charset="utf-8">{style}</head>'
            f'<body class="theme-{safe_theme}">{content}</body></html>')
