"""Resolving what documents say about each other against the library, as it is now.

``reader.corpus.citations`` reads each document's mentions once, at import, and the store
keeps them; resolution happens here, when asked, over every stored mention. So a citation
of a work the library lacks today resolves as soon as that work is imported, and nothing
stored goes stale when documents come and go.

A mention resolves by its title (the document's title, the same title without the issuers
before 关于, or the work a 关于印发《X》的通知 carries), else by the 文号 printed with it. A
title shared by several works (two provinces' 关于科学绿化的实施意见) resolves only when
the issuers named in the mention, the 文号, or the citing document's own issuers single one
out; otherwise it stays unresolved rather than guessed. Of the versions of one work, the one
in force on the citing document's date is chosen.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date as Date

from reader.corpus.citations import (
    ARTICLE,
    DOC_NUMBER,
    Extraction,
    Mention,
    extract,
    own_work,
)
from reader.corpus.model import Clause, DocumentId, DocumentSummary
from reader.corpus.organs import canonical_issuers, split_organs, title_prefix
from reader.corpus.toc import normalize_title
from reader.library.link_model import (
    AMENDS,
    REPEALS,
    STATUS_LABELS,
    Citation,
    DocumentLinks,
    Relation,
    Status,
)
from reader.library.store import DocumentStore
from reader.library.versions import other_versions, work_key

_KEY_DROP = re.compile(r"[、，,·\s]")
# A title's organs end where the subject starts.
_SUBJECT = re.compile(r"关于|联合印发|印发|转发")


def _key(title: str) -> str:
    return _KEY_DROP.sub("", normalize_title(title))


def _loose(key: str) -> str:
    """A key without its closing (试行), （2024年）, （2022—2024年）, (2022年版)."""
    return _LOOSE_TAIL.sub("", key)


_LOOSE_TAIL = re.compile(r"(?:\([^()]{1,16}\))+$")


def _other_edition(key: str, title: str) -> bool:
    """Tell whether a title and a mention each print a tail, and different ones (2020年版)."""
    theirs = {_key(t) for t in (title, own_work(title))}
    return bool(_LOOSE_TAIL.search(key)) and all(
        _LOOSE_TAIL.search(t) and t != key for t in theirs if _loose(t) == _loose(key)
    )


def _without_issuers(title: str) -> tuple[str, tuple[str, ...]]:
    """Return the title after its organs and 关于, and the canonical organs printed before.

    ``国家发展改革委关于进一步…的若干意见`` and ``关于进一步…的若干意见`` are one title once
    the organs are set aside; the organs then must agree with the document's issuers.
    """
    prefix = title_prefix(title)
    if not prefix:
        match = _SUBJECT.search(title)
        prefix = title[: match.start()] if match and 0 < match.start() <= 40 else ""
    rest = title[len(prefix):].strip()
    rest = re.sub(r"^关于", "", rest)
    organs = tuple(canonical_issuers(split_organs(prefix))) if prefix else ()
    return rest, organs


def status_code(value: str) -> str | None:
    """Return the status code for a code or its label (现行有效 or in_force), else None."""
    value = value.strip()
    if value in STATUS_LABELS:
        return value
    return next((code for code, label in STATUS_LABELS.items() if label == value), None)


def _in_force_on(summary: DocumentSummary) -> str:
    return summary.effective or summary.date or ""


class Resolver:
    """Finds the library document a title or a 文号 names (built once for many mentions)."""

    def __init__(self, summaries: Sequence[DocumentSummary]) -> None:
        self.summaries = {s.id: s for s in summaries}
        self._order = {s.id: n for n, s in enumerate(summaries)}
        self._exact: dict[str, list[DocumentId]] = {}
        self._bare: dict[str, list[DocumentId]] = {}
        self._loose: dict[str, list[DocumentId]] = {}
        self._numbers: dict[str, list[DocumentId]] = {}
        for summary in summaries:
            titles = {summary.title, own_work(summary.title)}
            titles.update(re.findall(r"《([^《》]+)》", summary.title) if re.search(
                r"印发|转发|发布", summary.title) else ())
            for title in titles:
                self._exact.setdefault(_key(title), []).append(summary.id)
                bare = _key(_without_issuers(title)[0])
                self._bare.setdefault(bare, []).append(summary.id)
                self._loose.setdefault(_loose(bare), []).append(summary.id)
            if summary.doc_number:
                self._numbers.setdefault(_number_tail(summary.doc_number), []).append(summary.id)

    def by_title(self, title: str, number: str | None, citing: DocumentSummary) -> DocumentId | None:
        """Return the document a title names, on the citing document's date, or None."""
        found = list(dict.fromkeys(self._exact.get(_key(title), ())))
        loose = False
        if not found:
            bare, organs = _without_issuers(title)
            found = list(dict.fromkeys(self._bare.get(_key(bare), ())))
            if not found:  # the same title without its (试行) or years: only earlier texts
                loose = True
                key = _key(bare)
                found = [i for i in dict.fromkeys(self._loose.get(_loose(key), ()))
                         if not _other_edition(key, self.summaries[i].title)]
            if organs:
                found = [i for i in found if set(organs) & set(
                    self.summaries[i].issuers_canonical + self.summaries[i].issuers)]
        chosen = self._choose(found, citing, number, loose)
        if chosen is None and number:
            return self.by_number(number, citing)
        return chosen

    def by_number(self, number: str, citing: DocumentSummary) -> DocumentId | None:
        """Return the document a 文号 names (the 令's regulation, not the 令 itself)."""
        found = [
            doc_id for doc_id in self._numbers.get(_number_tail(number), ())
            if _same_number(number, self.summaries[doc_id].doc_number or "")
        ]
        if len(found) > 1:
            found = [i for i in found if self.summaries[i].doc_type != "令"] or found
        return self._choose(found, citing, number, loose=False)

    def _choose(self, found: list[DocumentId], citing: DocumentSummary,
                number: str | None, loose: bool) -> DocumentId | None:
        if loose and citing.date:  # another edition: only one the citing text could know
            found = [i for i in found if not (self.summaries[i].date or "9999") > citing.date]
        if not found:
            return None
        groups = self._works(found)
        if len(groups) > 1 and number:
            groups = [g for g in groups if any(
                _same_number(number, self.summaries[i].doc_number or "") for i in g)] or groups
        if len(groups) > 1:
            own = set(citing.issuers_canonical)
            groups = [g for g in groups if any(
                own & set(self.summaries[i].issuers_canonical) for i in g)]
        if len(groups) != 1:
            return None
        return self._version(groups[0], citing)

    def _works(self, found: list[DocumentId]) -> list[list[DocumentId]]:
        """Group candidates that are one work: versions, or copies with one 文号."""
        groups: list[list[DocumentId]] = []
        for doc_id in found:
            summary = self.summaries[doc_id]
            for group in groups:
                other = self.summaries[group[0]]
                if (work_key(summary) is not None and work_key(summary) == work_key(other)) or (
                    summary.doc_number and summary.doc_number == other.doc_number
                ):
                    group.append(doc_id)
                    break
            else:
                groups.append([doc_id])
        return groups

    def _version(self, group: list[DocumentId], citing: DocumentSummary) -> DocumentId:
        """The version in force on the citing document's date (the oldest if all are later)."""
        ordered = sorted(group, key=lambda i: (_in_force_on(self.summaries[i]), -self._order[i]))
        when = citing.date or "9999"
        earlier = [i for i in ordered if _in_force_on(self.summaries[i]) <= when]
        return earlier[-1] if earlier else ordered[0]


def _number_tail(number: str) -> str:
    """The part of a 文号 after its 代字: 〔2024〕7号, 2022年第32号, 第802号."""
    match = re.search(r"(?:〔\d{4}〕|\d{4}年)?第?\d+号$", number)
    return match.group(0) if match else number


def _same_number(mention: str, stored: str) -> bool:
    """A mention's 代字 may carry words before it, or name one organ of a joint 令."""
    if not stored:
        return False
    return mention.endswith(stored) or (
        stored.endswith(mention) and stored[-len(mention) - 1] == " "
    )


@dataclass(frozen=True)
class _Resolved:
    """One document's mentions resolved: citations (in text order) and relations."""

    citations: tuple[Citation, ...]
    relations: tuple[Relation, ...]


ClauseSource = Callable[[DocumentId], tuple[Clause, ...]]


def read_once(read: ClauseSource, known: dict[DocumentId, tuple[Clause, ...]]) -> ClauseSource:
    """Return ``read`` remembering its answers: one document's clauses are read once, however
    many of its articles a document cites."""
    def clauses(doc_id: DocumentId) -> tuple[Clause, ...]:
        if doc_id not in known:
            known[doc_id] = read(doc_id)
        return known[doc_id]
    return clauses


def _article_clause(clauses: Iterable[Clause], article: str | None) -> str | None:
    from reader.corpus.clauses import iter_clauses

    if not article:
        return None
    return next((c.address for c in iter_clauses(clauses)
                 if c.kind == "条" and c.label.strip() == article), None)


class LinkGraph:
    """Every document's citations and relations resolved against one state of the library."""

    def __init__(self, summaries: Sequence[DocumentSummary],
                 extractions: dict[DocumentId, Extraction]) -> None:
        self.summaries = list(summaries)
        self.resolver = Resolver(self.summaries)
        self.extractions = extractions
        self.resolved: dict[DocumentId, _Resolved] = {
            doc_id: self._resolve(doc_id, extraction)
            for doc_id, extraction in extractions.items() if doc_id in self.resolver.summaries
        }
        self._works: dict[str, list[DocumentSummary]] = {}
        self._work_of: dict[str, str] = {}
        for summary in self.summaries:
            if (key := work_key(summary)) is not None:
                self._work_of[summary.id] = key
                self._works.setdefault(key, []).append(summary)
        # What points at each document, from another one: its backlinks and relations.
        self._cited_by: dict[DocumentId, list[Citation]] = {}
        self._incoming: dict[DocumentId, list[Relation]] = {}
        for source_id, resolved in self.resolved.items():
            for citation in resolved.citations:
                if citation.target_id is not None and citation.target_id != source_id:
                    self._cited_by.setdefault(citation.target_id, []).append(citation)
            for relation in resolved.relations:
                if relation.target_id is not None and relation.target_id != source_id:
                    self._incoming.setdefault(relation.target_id, []).append(relation)

    def _resolve(self, doc_id: DocumentId, extraction: Extraction) -> _Resolved:
        citing = self.resolver.summaries[doc_id]
        targets: list[DocumentId | None] = []
        citations: list[Citation] = []
        for mention in extraction.mentions:
            target = self._target(mention, citing, targets)
            targets.append(target)
            citations.append(Citation(
                source_id=doc_id, start=mention.start, end=mention.end, text=mention.text,
                kind=mention.kind, sentence=mention.sentence, title=mention.title,
                target_id=target,
            ))
        relations = tuple(
            Relation(kind=found.kind, source_id=doc_id,
                     target_title=extraction.mentions[index].title,
                     sentence=found.sentence, target_id=targets[index])
            for found in extraction.relations for index in found.mentions
        )
        return _Resolved(tuple(citations), relations)

    def _target(self, mention: Mention, citing: DocumentSummary,
                earlier: list[DocumentId | None]) -> DocumentId | None:
        if mention.kind == ARTICLE:
            return citing.id if mention.work is None or mention.work < 0 else earlier[mention.work]
        if mention.own:
            return citing.id
        if mention.kind == DOC_NUMBER:
            return self.resolver.by_number(mention.doc_number or mention.text, citing)
        return self.resolver.by_title(mention.title, mention.doc_number, citing)

    # --- one document ----------------------------------------------------------------------
    def links(self, doc_id: DocumentId, clauses: ClauseSource, today: Date | None = None
              ) -> DocumentLinks:
        """Return what ``doc_id`` cites, who cites it, its versions, relations and status.

        A mention of the document's own work is left out of ``cites`` (a notice naming the
        办法 it carries), but a 第X条 of itself stays: it is a link within the text.
        """
        own = self.resolved.get(doc_id, _Resolved((), ()))
        cites = tuple(self._with_clause(c, clauses) for c in own.citations
                      if c.target_id != doc_id or c.kind == ARTICLE)
        cited_by: list[Citation] = []
        seen: set[tuple[str, str]] = set()
        for citation in self._cited_by.get(doc_id, ()):
            if (citation.source_id, citation.sentence) not in seen:
                seen.add((citation.source_id, citation.sentence))
                cited_by.append(self._with_clause(citation, clauses))
        relations = own.relations + tuple(self._incoming.get(doc_id, ()))
        return DocumentLinks(
            doc_id=doc_id, cites=cites, cited_by=tuple(cited_by),
            versions=tuple(self.versions(doc_id)), relations=relations,
            status=self.status(doc_id, today),
        )

    def versions(self, doc_id: DocumentId) -> list[DocumentSummary]:
        """The other versions of a document, newest first (``versions.other_versions``)."""
        key = self._work_of.get(doc_id)
        return other_versions(self._works[key], doc_id) if key is not None else []

    def _with_clause(self, citation: Citation, clauses: ClauseSource) -> Citation:
        if citation.kind != ARTICLE or citation.target_id is None:
            return citation
        source = self.extractions[citation.source_id]
        mention = next(m for m in source.mentions if m.start == citation.start)
        address = _article_clause(clauses(citation.target_id), mention.article)
        return Citation(**{**citation.__dict__, "clause": address})

    # --- validity --------------------------------------------------------------------------
    def status(self, doc_id: DocumentId, today: Date | None = None) -> Status:
        """Return a document's validity, always with the sentence it comes from.

        In this order: repealed by a document in force; expired (有效期至 passed); amended
        (a decision amends it, or a newer version is in the library); not yet in force (its
        own date of entry into force is after ``today``); in force (that date has come);
        otherwise unknown.
        """
        now = (today or Date.today()).isoformat()
        incoming = [r for r in self._incoming.get(doc_id, ()) if self._in_force(r.source_id, now)]
        for relation in incoming:
            if relation.kind == REPEALS:
                return Status("repealed", relation.sentence, relation.source_id)
        own = self.extractions.get(doc_id)
        if own is not None and own.expires is not None and own.expires.date < now:
            return Status("expired", own.expires.sentence)
        summary = self.resolver.summaries.get(doc_id)
        for relation in incoming:
            if relation.kind == AMENDS:
                return Status("amended", relation.sentence, relation.source_id)
        if summary is not None:
            newer = [s for s in self.versions(doc_id) if _in_force_on(s) > _in_force_on(summary)]
            if newer:
                latest = newer[0]
                return Status("amended", _version_sentence(latest), latest.id)
        if own is not None and own.effective is not None:
            if own.effective.date > now:
                return Status("not_yet", own.effective.sentence)
            return Status("in_force", own.effective.sentence)
        return Status("unknown")

    def _in_force(self, doc_id: DocumentId, now: str) -> bool:
        own = self.extractions.get(doc_id)
        return own is None or own.effective is None or own.effective.date <= now

    def statuses(self, today: Date | None = None) -> dict[DocumentId, Status]:
        """Every document's status (what ``search --status`` filters by)."""
        return {s.id: self.status(s.id, today) for s in self.summaries}


def _version_sentence(newer: DocumentSummary) -> str:
    """The words that show a newer version: its 题注's last 修正/修订, or its title and date."""
    events = [e for e in newer.events if e.kind in ("修正", "修订", "公布")]
    if events:
        last = events[-1]
        return f"《{newer.title}》（{last.date or ''}{last.by}{last.kind}）"
    return f"文库中有更新的版本：《{newer.title}》（{newer.date or '日期不详'}）"


def read_graph(store: DocumentStore) -> LinkGraph:
    """Resolve every stored document's mentions against the store as it is now.

    A document stored before mentions were kept (its ``links`` column NULL) is read from its
    text here, each time: re-importing it, or building the library again, stores them.
    """
    summaries = store.all_summaries()
    extractions: dict[DocumentId, Extraction] = {}
    missing: list[str] = []
    for doc_id, data in store.links_rows():
        if data is None:
            missing.append(doc_id)
        else:
            extractions[DocumentId(doc_id)] = Extraction.from_json(json.loads(data))
    for doc in store.documents(missing) if missing else ():
        extractions[doc.id] = extract(doc)
    return LinkGraph(summaries, extractions)
