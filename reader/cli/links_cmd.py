"""``reader-cli links ID``: what a document cites, who cites it, its versions and validity.

``links_json`` and ``links_lines`` are shared with ``show``, which carries the same section;
``filter_by_status`` is ``search --status`` (the library's statuses, applied to the hits).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from reader.cli.output import print_json, progress
from reader.errors import InputError
from reader.library.library import Library
from reader.library.link_model import (
    CITE_ARTICLE,
    STATUS_LABELS,
    Citation,
    DocumentLinks,
)
from reader.library.links import status_code
from reader.paths import Paths
from reader.search.searcher import Hit, SearchFilters, SearchResults

_PAGE = 200  # hits read at a time while filtering by status


def register(subparsers: Any) -> None:
    links = subparsers.add_parser("links", help="列出一篇文档的引用、被引用、其他版本和时效性")
    links.add_argument("id", help="文档编号（见 list）")
    links.add_argument("--json", action="store_true", help="以 JSON 输出")
    links.set_defaults(func=run_links)


def status_codes(values: list[str] | None) -> set[str] | None:
    """Return the codes ``--status`` names (Chinese labels or codes), or raise InputError."""
    if not values:
        return None
    codes: set[str] = set()
    for value in values:
        for part in value.replace("，", ",").split(","):
            if not part.strip():
                continue
            code = status_code(part)
            if code is None:
                known = "、".join(f"{label}（{code}）" for code, label in STATUS_LABELS.items())
                raise InputError(f"不认识的时效性“{part.strip()}”。可用的有：{known}。")
            codes.add(code)
    return codes


def filter_by_status(library: Library, query: str, limit: int, filters: SearchFilters,
                     codes: set[str]) -> SearchResults:
    """Search, keeping only documents whose status is one of ``codes``; ``total`` is exact."""
    statuses = library.link_graph().statuses()
    kept: list[Hit] = []
    total = 0
    offset = 0
    while True:
        page = library.searcher().search(query, _PAGE, filters, offset)
        for hit in page.hits:
            status = statuses.get(hit.id)
            if status is not None and status.code in codes:
                total += 1
                if len(kept) < limit:
                    kept.append(hit)
        offset += len(page.hits)
        if not page.hits or offset >= page.total:
            return replace(page, total=total, hits=tuple(kept))


def _citation_json(citation: Citation, title_of: Callable[[str], str]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": citation.text, "kind": citation.kind, "title": citation.title,
        "start": citation.start, "end": citation.end, "sentence": citation.sentence,
        "target_id": citation.target_id, "clause": citation.clause,
    }
    if citation.target_id is not None:
        out["target_title"] = title_of(citation.target_id)
    return out


def links_json(links: DocumentLinks, library: Library) -> dict[str, Any]:
    """Return a document's links as JSON (``links --json`` and ``show --format json``)."""
    titles: dict[str, str] = {s.id: s.title for s in library.documents()}

    def title_of(doc_id: str) -> str:
        return titles.get(doc_id, "")

    status = links.status
    return {
        "id": links.doc_id,
        "status": {"code": status.code, "label": status.label, "evidence": status.evidence,
                   "by_id": status.by_id,
                   "by_title": title_of(status.by_id) if status.by_id else None},
        "cites": [_citation_json(c, title_of) for c in links.cites],
        "unresolved": sorted({c.title for c in links.unresolved}),
        "cited_by": [dict(_citation_json(c, title_of), source_id=c.source_id,
                          source_title=title_of(c.source_id)) for c in links.cited_by],
        "versions": [s.to_json() for s in links.versions],
        "relations": [{"kind": r.kind, "source_id": r.source_id, "target_id": r.target_id,
                       "target_title": r.target_title, "sentence": r.sentence,
                       "source_title": title_of(r.source_id),
                       "target_library_title": title_of(r.target_id) if r.target_id else None}
                      for r in links.relations],
    }


def links_lines(links: DocumentLinks, library: Library) -> list[str]:
    """Return a document's links as lines for a person (``links`` and ``show``)."""
    data = links_json(links, library)
    status = data["status"]
    lines = [f"时效性：{status['label']}"]
    if status["evidence"]:
        lines.append(f"    依据：{status['evidence']}")
    if status["by_id"]:
        lines.append(f"    相关文件：{status['by_id']}  {status['by_title']}")
    resolved: dict[tuple[str, str | None], dict[str, Any]] = {}
    for citation in data["cites"]:
        if citation["target_id"] is not None and not (
            citation["kind"] == CITE_ARTICLE and citation["target_id"] == links.doc_id
            and citation["clause"] is None
        ):
            resolved.setdefault((citation["target_id"], citation["clause"]), citation)
    lines.append(f"本文引用（{len(resolved)}）：")
    for (target, clause), citation in resolved.items():
        where = f"  {clause}" if clause else ""
        lines.append(f"  {target}  {citation['target_title']}{where}")
    lines.append(f"本文引用，文库中没有（{len(data['unresolved'])}）：")
    lines.extend(f"  《{title}》" for title in data["unresolved"])
    lines.append(f"引用本文（{len(data['cited_by'])}）：")
    for citation in data["cited_by"]:
        lines.append(f"  {citation['source_id']}  {citation['source_title']}")
        lines.append(f"      {citation['sentence']}")
    lines.append(f"其他版本（{len(data['versions'])}）：")
    lines.extend(f"  {v['id']}  {v['title']}  {v['date'] or '日期不详'}" for v in data["versions"])
    lines.append(f"废止、修改和依据（{len(data['relations'])}）：")
    for relation in data["relations"]:
        target = relation["target_id"] or "文库中没有"
        lines.append(f"  {relation['source_title']} {relation['kind']} 《{relation['target_title']}》"
                     f"（{target}）")
        lines.append(f"      {relation['sentence']}")
    return lines


def run_links(args: argparse.Namespace, paths: Paths) -> int:
    library = Library.open(paths, on_message=progress)
    links = library.links(args.id)
    if args.json:
        print_json(links_json(links, library))
        return 0
    doc = library.get(args.id)
    header = "  ".join(x for x in (doc.title, doc.doc_number, doc.date) if x)
    print("\n".join([header, *links_lines(links, library)]))
    return 0
