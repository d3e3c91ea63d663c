"""Make real PDF files for tests: a text typeset with reportlab, furniture on every page.

Each line of the text is one paragraph, wrapped to the page width (CJK text breaks between any
two characters), with a running header and a page number (``— 12 —``) on every page. The
font is reportlab's built-in CID font STSong-Light, which PDF readers map to a system font and
whose text PDFium extracts as Unicode. ``typeset`` returns the page each line starts on.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _wrap(text: str, size: float, width: float, first: float) -> list[str]:
    """Break a paragraph into lines no wider than ``width`` (``first`` for the first line)."""
    out: list[str] = []
    line = ""
    for char in text:
        limit = first if not out else width
        if line and pdfmetrics.stringWidth(line + char, FONT, size) > limit:
            out.append(line)
            line = ""
        line += char
    out.append(line)
    return out


def typeset(
    lines: list[str],
    path: Path,
    *,
    header: str = "政策文件汇编（测试排版）",
    size: float = 11,
    page_number: str = "— {} —",
    indent: bool = False,
    encrypt: str | None = None,
    keep_lead: bool = False,
) -> list[int]:
    """Write ``lines`` as a PDF at ``path``; return the 1-based page each line starts on.

    Blank lines are a paragraph space. ``encrypt`` sets a password needed to open the file.
    ``keep_lead`` prints a line's one leading space (a page-break mark of converted text).
    """
    width, height = A4
    left, right, top, bottom = 72.0, 72.0, 80.0, 80.0
    leading = size * 1.5
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    pages: list[int] = []
    page = 1
    y = height - top

    def furniture() -> None:
        pdf.setFont(FONT, 9)
        pdf.drawCentredString(width / 2, height - 45, header)
        pdf.setFont(FONT, 10)
        pdf.drawCentredString(width / 2, 40, page_number.format(page))

    furniture()
    for line in lines:
        text = line.strip()
        if not text:
            y -= leading / 2
            pages.append(page)
            continue
        first = True
        start = None
        if keep_lead and line.startswith(" ") and not line.startswith("  "):
            text = " " + text
        frame = width - left - right
        for piece in _wrap(text, size, frame, frame - (2 * size if indent else 0)):
            if y < bottom:
                pdf.showPage()
                page += 1
                y = height - top
                furniture()
            if start is None:
                start = page
            pdf.setFont(FONT, size)
            x = left + (2 * size if indent and first else 0)
            pdf.drawString(x, y, piece)
            y -= leading
            first = False
        pages.append(start if start is not None else page)
    pdf.showPage()
    pdf.save()
    return pages
