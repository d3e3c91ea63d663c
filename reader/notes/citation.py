"""Citations in the form Chinese policy writing uses: 《标题》（文号）条款.

Example: ``《国务院办公厅关于建立健全涉企收费长效监管机制的指导意见》（国办函〔2025〕30号）二、（三）``.
"""

from __future__ import annotations

import re

from reader.corpus.clauses import clause_at
from reader.corpus.model import Document

_REPEAT_MARK = re.compile(r"#\d+$")


def clause_text(clause_address: str | None) -> str:
    """Return a clause address as printed in a citation: ``二、/（三）`` → ``二、（三）``.

    条 are numbered through a whole law or regulation, so what precedes a 条 (编, 章, 节) is
    left out, as in ``《中华人民共和国行政许可法》第十二条``. The ``#2`` that tells apart a
    repeated label in an address is not part of the printed label and is dropped.
    """
    if not clause_address:
        return ""
    labels = [_REPEAT_MARK.sub("", part) for part in clause_address.split("/") if part]
    articles = [i for i, label in enumerate(labels) if label.startswith("第") and
                label.endswith("条")]
    if articles:
        labels = labels[articles[-1]:]
    return "".join(labels)


def format_citation(title: str, doc_number: str | None, clause_address: str | None) -> str:
    """Return ``《title》（doc_number）clause``; no 文号 means no parentheses.

    A title that itself contains 《》 (``关于印发《…》的通知``) gets 〈〉 inside, the rule for
    nested title marks.
    """
    inner = title.strip().replace("《", "〈").replace("》", "〉")
    number = f"（{doc_number.strip()}）" if doc_number and doc_number.strip() else ""
    return f"《{inner}》{number}{clause_text(clause_address)}"


def copy_text(quote: str, citation: str) -> str:
    """Return what "copy with citation" puts on the clipboard: the text, then its citation."""
    return f"{quote.strip()}\n{citation}"


def cite_selection(document: Document, start: int, end: int) -> str:
    """Return the clipboard text for a selection of a document: quote plus citation.

    The clause cited is the innermost clause containing the selection's start.
    """
    clause = clause_at(document.clauses, start)
    citation = format_citation(document.title, document.doc_number,
                               clause.address if clause else None)
    return copy_text(document.text[start:end], citation)
