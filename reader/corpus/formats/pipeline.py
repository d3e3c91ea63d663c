"""Extracted text → documents: the one splitter, then the pages and hints the format knew.

Every format goes through ``split_text`` exactly as a text file does; what the format adds is
applied afterwards and only where it is better evidence than the text:

- a page map (PDF) gives each document the pages it starts and ends on, replacing the page
  the splitter guessed from printed numbers or a table of contents (those refer to the
  compilation's original printing, not to this file);
- hints (a web page's 标题/发文字号/发文机关/成文日期 table) are what the publisher states about
  the one document a page holds, so they win over what the splitter read from the text.
"""

from __future__ import annotations

from dataclasses import replace

from reader.corpus.formats.base import Extracted, Hints, PageMap
from reader.corpus.metadata import doc_type_of, normalize_doc_number, parse_date
from reader.corpus.model import Document, DocumentId, SourceRef, SplitResult
from reader.corpus.organs import canonical_issuers, split_organs


def split_extracted(extracted: Extracted, source: str) -> SplitResult:
    """Split extracted text into documents and apply the format's page map and hints."""
    from reader.corpus.split import split_text

    result = split_text(extracted.text, source, extracted.encoding)
    documents = list(result.documents)
    if extracted.pages is not None:
        documents = [_with_pages(doc, extracted.pages) for doc in documents]
    if extracted.hints.title and not documents:
        # A page whose table names its title is a policy even where its text alone does not
        # show where the document starts (no 文号 line, no addressee): the whole page is it.
        documents = [_page_document(extracted.text, source)]
    if extracted.hints and documents:
        if extracted.hints.title and len(documents) > 1:
            # A page whose table names its title holds one document: what the splitter took
            # for more (a plan the notice encloses, printed after its signature) is part of it.
            documents = [_whole(documents[0], extracted.text)]
        documents = [_with_hints(documents[0], extracted.hints), *documents[1:]]
    reason = result.reason
    if not documents:
        reason = (
            "网页中没有找到政策正文"
            if extracted.format == "html"
            else "没有识别出文件标题（文件开头不像政策文件的标题，也没有文号、主送机关或落款）"
        )
    return replace(
        result,
        documents=tuple(documents),
        reason=reason,
        warnings=extracted.warnings + result.warnings,
    )


def _with_pages(doc: Document, pages: PageMap) -> Document:
    ref = doc.source
    start = pages.page_of(ref.start_line - 1)
    end = pages.page_of(ref.end_line - 1)
    source = SourceRef(ref.file, ref.start_line, ref.end_line, start, end)
    return replace(doc, source=source)


def _whole(first: Document, text: str) -> Document:
    """Return ``first`` extended to the end of the text, cleaned and structured again."""
    from reader.corpus.clauses import parse_clauses
    from reader.corpus.clean import clean_lines
    from reader.corpus.split_lines import split_file_lines

    lines = split_file_lines(text)
    cleaned = clean_lines(lines[first.source.start_line - 1 :])
    source = replace(first.source, end_line=len(lines))
    return replace(first, source=source, text=cleaned, clauses=parse_clauses(cleaned))


def _page_document(text: str, source: str) -> Document:
    """Return the whole of a page's text as one document, its fields left to the hints."""
    from reader.corpus.split_lines import split_file_lines

    lines = split_file_lines(text)
    title = lines[0].strip() if lines else ""
    empty = Document(DocumentId(""), title, (), (), None, None, None,
                     SourceRef(source, 1, max(len(lines), 1)), "")
    return _whole(empty, text)


def _with_hints(doc: Document, hints: Hints) -> Document:
    """Return ``doc`` with the fields its web page states; a new id if they changed it."""
    from reader.corpus.split import document_id

    title = " ".join(hints.title.split()) if hints.title else doc.title
    doc_number = (normalize_doc_number(hints.doc_number) if hints.doc_number else None) or (
        doc.doc_number
    )
    date = (parse_date(hints.date) if hints.date else None) or doc.date
    issuers = tuple(organ for text in hints.issuers for organ in split_organs(text)) or doc.issuers
    extra = dict(doc.extra)
    if hints.fields:
        extra["page_fields"] = dict(hints.fields)
    published = parse_date(hints.published) if hints.published else None
    if published:
        extra["published"] = published
    return replace(
        doc,
        id=DocumentId(document_id(title, doc_number, date)),
        title=title,
        issuers=issuers,
        issuers_canonical=canonical_issuers(issuers),
        doc_number=doc_number,
        date=date,
        doc_type=doc_type_of(title),
        extra=extra,
    )
