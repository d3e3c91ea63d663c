"""Find a note's passage again after its document changed (re-imported, re-split, re-cleaned).

The strategy follows Hypothesis's anchoring of W3C Web Annotation selectors, cheapest and most
certain first:

1. the stored offsets, if the quote and its context are still there;
2. the quote inside the clause it was in (same address), chosen by context if repeated;
3. the quote anywhere in the document, chosen by the surrounding context;
4. the same with whitespace ignored — re-cleaning mostly joins or splits lines, and a newline
   inside a quote should not cost it its place;
5. an approximate match of the quote (bounded edit distance), scored with its context.

Whatever is found must be credible. Evidence is counted in characters that still agree: the
quote with its context mostly intact; or a long quote nearly intact; or a quote matching
nowhere else, long enough or with some of its context. A two-character quote whose
surroundings were rewritten is refused. Refusal makes the note an orphan that the user
re-attaches — better than a highlight on the wrong sentence.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from reader.corpus.clauses import clause_at, find_clause
from reader.corpus.model import Clause, Document
from reader.notes.fuzzy import best_match, levenshtein
from reader.notes.model import CONTEXT_CHARS, Anchor
from reader.notes.squeeze import SqueezedText, squeeze

MIN_QUOTE_SIMILARITY = 0.75
"""A fuzzy match must keep at least this share of the quote (1 - edits / length)."""
MIN_COMBINED_SIMILARITY = 0.6
"""Quote and context together keeping this share is evidence enough."""
SHORT_QUOTE = 16
"""A quote keeping this many characters (length - 2 x edits) is evidence enough by itself."""
GOOD_CONTEXT = 0.5
"""Context similarity at which an exact quote is accepted without looking further."""
DISTINCT_QUOTE = 8
"""A quote with this many matching characters that matches nowhere else needs no context."""
UNIQUE_QUOTE_CONTEXT = 0.4
"""Context a shorter exact quote needs when it occurs only once.

Between unrelated places of the same document context similarity stays below ~0.16."""
MIN_UNIQUE_QUOTE = 4
CLAUSE_QUOTE_MAX = 100
"""Longest quote of a clause or paragraph bookmark (its first line, cut)."""
_MAX_OCCURRENCES = 2000
_MAX_PIECES = 48
_FUZZY_BUDGET = 150_000  # characters of text compared approximately, per anchor


class Method(StrEnum):
    """How an anchor was found, from most to least certain."""

    OFFSETS = "offsets"
    CLAUSE = "clause"
    QUOTE = "quote"
    WHITESPACE = "whitespace"
    FUZZY = "fuzzy"


@dataclass(frozen=True)
class Located:
    """Where an anchor's passage is in the current text, and how sure that is.

    ``similarity`` is the share of the quote kept (1.0 = exact, whitespace aside); ``score``
    the same for quote and context together.
    """

    start: int
    end: int
    method: Method
    similarity: float
    score: float


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def make_anchor(document: Document, start: int, end: int) -> Anchor:
    """Build the anchor of a selection ``document.text[start:end]``.

    Whitespace at either edge of the selection is left out, so the quote begins and ends with
    text a re-cleaning keeps. Raises ValueError for an empty or out-of-range selection.
    """
    text = document.text
    if not 0 <= start < end <= len(text):
        raise ValueError(f"选区 {start}:{end} 超出了文档的范围（0:{len(text)}）。")
    start, end = _strip_span(text, start, end)
    if start == end:
        raise ValueError("选中的只有空白，没有文字。")
    clause = clause_at(document.clauses, start)
    return Anchor(
        doc_id=document.id,
        clause_address=clause.address if clause else None,
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS): start],
        suffix=text[end: end + CONTEXT_CHARS],
        start=start,
        end=end,
    )


def clause_anchor(document: Document, clause: Clause) -> Anchor:
    """Build the anchor for bookmarking a clause: its first paragraph, at most 100 characters.

    Quoting the first paragraph rather than the whole clause keeps the anchor stable when
    text further down the clause is edited, and the quote readable in a bookmarks list.
    """
    return _paragraph_from(document, clause.start, limit=min(clause.end, len(document.text)))


def paragraph_anchor(document: Document, offset: int) -> Anchor:
    """Build the anchor for bookmarking the paragraph (line of cleaned text) at ``offset``."""
    text = document.text
    if not 0 <= offset < len(text):
        raise ValueError(f"位置 {offset} 超出了文档的范围（0:{len(text)}）。")
    start = text.rfind("\n", 0, offset) + 1
    return _paragraph_from(document, start, limit=len(text))


def _paragraph_from(document: Document, start: int, limit: int) -> Anchor:
    text = document.text
    end = text.find("\n", start, limit)
    end = limit if end < 0 else end
    if end - start > CLAUSE_QUOTE_MAX:
        end = start + CLAUSE_QUOTE_MAX
    if not text[start:end].strip():  # a blank first line: take the next text instead
        end = min(limit, start + CLAUSE_QUOTE_MAX)
    anchor = make_anchor(document, start, end)
    clause = clause_at(document.clauses, anchor.start)
    return anchor if clause is None else _with_address(anchor, clause.address)


def _with_address(anchor: Anchor, address: str) -> Anchor:
    return Anchor(anchor.doc_id, address, anchor.quote, anchor.prefix, anchor.suffix,
                  anchor.start, anchor.end)


@dataclass(frozen=True)
class _Candidate:
    start: int  # offsets in the original text
    end: int
    quote_distance: int
    context_distance: int


class Anchorer:
    """Locates anchors in one document, sharing the whitespace-free copy of its text.

    Build one per document version and call :meth:`locate` for each of its notes.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text
        self._squeezed: SqueezedText | None = None

    def _ensure_squeezed(self) -> SqueezedText:
        if self._squeezed is None:
            self._squeezed = SqueezedText(self.text)
        return self._squeezed

    def locate(self, anchor: Anchor) -> Located | None:
        """Return where the anchor's passage is now, or None when it cannot be placed credibly."""
        text = self.text
        quote = anchor.quote
        if not quote:
            return None
        scorer = _Scorer(self, anchor)
        q = scorer.quote
        if text[anchor.start: anchor.end] == quote:
            # The same words at the same offset can be a coincidence once text has moved
            # (a short quote like 农村 recurs every few lines), so the context must agree too.
            here = scorer.exact(anchor.start)
            if scorer.agrees(here):
                return scorer.located(here, Method.OFFSETS)

        if anchor.clause_address:
            clause = find_clause(self.document.clauses, anchor.clause_address)
            if clause is not None:
                found = [scorer.exact(s) for s in _occurrences(text, quote, clause.start, clause.end)]
                best = scorer.best(found)
                if best and scorer.agrees(best):
                    return scorer.located(best, Method.CLAUSE)

        pool = [scorer.exact(s) for s in _occurrences(text, quote, 0, len(text))]
        best = scorer.best(pool)
        if best and scorer.agrees(best):
            return scorer.located(best, Method.QUOTE)

        squeezed = self._ensure_squeezed().text
        pool += [scorer.squeezed(s, s + len(q), 0) for s in _occurrences(squeezed, q, 0, len(squeezed))]
        best = scorer.best(pool)
        if best is None or not scorer.agrees(best):
            pool += scorer.fuzzy_candidates()
            best = scorer.best([c for c in pool if scorer.credible(c, pool)])
        if best is None or not scorer.credible(best, pool):
            return None
        if best.quote_distance:
            method = Method.FUZZY
        elif text[best.start: best.end] == quote:
            method = Method.QUOTE
        else:
            method = Method.WHITESPACE
        return scorer.located(best, method)

    def reanchor(self, anchor: Anchor) -> tuple[Anchor, Located] | None:
        """Locate an anchor and describe the passage afresh (offsets, quote, context, clause)."""
        found = self.locate(anchor)
        if found is None:
            return None
        fresh = make_anchor(self.document, found.start, found.end)
        return fresh, found

    def squeezed_text(self) -> str:
        """Return the text with all whitespace removed (built on first use)."""
        return self._ensure_squeezed().text

    def squeezed_index(self, offset: int) -> int:
        """Return the index in the whitespace-free text of the first kept char at ``offset``."""
        return self._ensure_squeezed().index_of(offset)

    def original_span(self, s: int, e: int) -> tuple[int, int]:
        """Map a span of the whitespace-free text back to the original text."""
        return self._ensure_squeezed().span(s, e)


def locate(anchor: Anchor, document: Document) -> Located | None:
    """Return where ``anchor``'s passage is in ``document`` now, or None (an orphan)."""
    return Anchorer(document).locate(anchor)


def _occurrences(text: str, needle: str, start: int, end: int) -> list[int]:
    found: list[int] = []
    pos = text.find(needle, start, end)
    while pos >= 0 and len(found) < _MAX_OCCURRENCES:
        found.append(pos)
        pos = text.find(needle, pos + 1, end)
    return found


class _Scorer:
    """Scores candidate places for one anchor by edit distance of quote and context."""

    def __init__(self, anchorer: Anchorer, anchor: Anchor) -> None:
        self.anchorer = anchorer
        self.quote = squeeze(anchor.quote)
        self.prefix, self.suffix = squeeze(anchor.prefix), squeeze(anchor.suffix)
        self.original_quote_len = len(anchor.quote)
        self.old_start = anchor.start

    def _context_distance(self, s: int, e: int) -> int:
        squeezed = self.anchorer.squeezed_text()
        before = squeezed[max(0, s - len(self.prefix)): s]
        after = squeezed[e: e + len(self.suffix)]
        return levenshtein(self.prefix, before) + levenshtein(self.suffix, after)

    def exact(self, start: int) -> _Candidate:
        """Score an exact occurrence of the quote at ``start`` of the original text."""
        end = start + self.original_quote_len
        s = self.anchorer.squeezed_index(start)
        e = self.anchorer.squeezed_index(end)
        return _Candidate(start, end, 0, self._context_distance(s, e))

    def squeezed(self, s: int, e: int, distance: int) -> _Candidate:
        """Score a span ``[s, e)`` of the whitespace-free text."""
        start, end = self.anchorer.original_span(s, e)
        return _Candidate(start, end, distance, self._context_distance(s, e))

    def fuzzy_candidates(self) -> list[_Candidate]:
        """Return approximate matches of the quote, found through exact pieces of it.

        With at most k edits, one of k+1 disjoint pieces of the quote survives intact
        (pigeonhole), so windows around the pieces' occurrences hold every match. Windows are
        checked most-voted first (a real match keeps most of its pieces), nearest the old
        place among equals, within a budget of characters that bounds the time on long
        quotes in long documents.
        """
        q = self.quote
        m = len(q)
        k = int(m * (1 - MIN_QUOTE_SIMILARITY))
        if k == 0:
            return []
        squeezed = self.anchorer.squeezed_text()
        size = m // (k + 1)
        pieces = [(i * size, q[i * size: (i + 1) * size] if i < k else q[i * size:])
                  for i in range(k + 1)]
        if len(pieces) > _MAX_PIECES:  # long quotes: evenly spread pieces are plenty
            step = len(pieces) / _MAX_PIECES
            pieces = [pieces[int(j * step)] for j in range(_MAX_PIECES)]
        votes: Counter[int] = Counter()
        for offset, piece in pieces:
            for pos in _occurrences(squeezed, piece, 0, len(squeezed)):
                votes[pos - offset] += 1
        expected = self.anchorer.squeezed_index(self.old_start)
        clusters = _clusters(sorted(votes.items()), k, m)
        clusters.sort(key=lambda c: (-c[2], abs(c[0] - expected)))
        found: dict[tuple[int, int], _Candidate] = {}
        budget = _FUZZY_BUDGET
        for cluster_start, cluster_end, _ in clusters:
            lo = max(0, cluster_start - k)
            hi = min(len(squeezed), cluster_end + m + k)
            budget -= hi - lo
            if budget < 0 and found:
                break
            match = best_match(q, squeezed[lo:hi], k)
            if match is not None and match.end > match.start:
                s, e = lo + match.start, lo + match.end
                found[(s, e)] = self.squeezed(s, e, match.distance)
        return list(found.values())

    def _total(self, c: _Candidate) -> tuple[float, int]:
        size = len(self.quote) + len(self.prefix) + len(self.suffix)
        combined = 1.0 - (c.quote_distance + c.context_distance) / max(1, size)
        return combined, -abs(c.start - self.old_start)

    def best(self, candidates: list[_Candidate]) -> _Candidate | None:
        """Return the candidate with the best quote-and-context score, nearest the old place."""
        return max(candidates, key=self._total, default=None)

    def context_similarity(self, c: _Candidate) -> float:
        size = len(self.prefix) + len(self.suffix)
        return 1.0 if size == 0 else 1.0 - c.context_distance / size

    def quote_similarity(self, c: _Candidate) -> float:
        return 1.0 - c.quote_distance / max(1, len(self.quote))

    def credible(self, c: _Candidate, pool: list[_Candidate]) -> bool:
        """Tell whether a candidate is safe to attach a note to (see the module docstring).

        Enough evidence is either quote and context mostly agreeing, or a quote distinctive
        on its own: long and nearly intact, or the only place that matches it so well (then a
        short quote still needs a little of its context).
        """
        if self.quote_similarity(c) < MIN_QUOTE_SIMILARITY:
            return False
        if self._total(c)[0] >= MIN_COMBINED_SIMILARITY or self.agrees(c):
            return True
        solid = len(self.quote) - 2 * c.quote_distance  # characters of evidence in the quote
        if solid >= SHORT_QUOTE:
            return True
        if not self._only_match(c, pool):
            return False
        if solid >= DISTINCT_QUOTE:
            return True
        return (c.quote_distance == 0 and len(self.quote) >= MIN_UNIQUE_QUOTE
                and self.context_similarity(c) >= UNIQUE_QUOTE_CONTEXT)

    def agrees(self, c: _Candidate) -> bool:
        """Tell whether an exact quote's context agrees enough to stop looking further."""
        return c.quote_distance == 0 and self.context_similarity(c) >= GOOD_CONTEXT

    def _only_match(self, c: _Candidate, pool: list[_Candidate]) -> bool:
        """Tell whether no other place matches the quote as well as ``c`` does."""
        if c.quote_distance == 0 and self.anchorer.squeezed_text().count(self.quote) > 1:
            return False
        return not any(o.quote_distance <= c.quote_distance and
                       (o.end <= c.start or o.start >= c.end) for o in pool)

    def located(self, c: _Candidate, method: Method) -> Located:
        return Located(c.start, c.end, method, self.quote_similarity(c), self._total(c)[0])


def _clusters(votes: list[tuple[int, int]], k: int, m: int) -> list[tuple[int, int, int]]:
    """Group implied start positions within k of each other (each group at most 2m wide).

    Takes (start, votes) pairs in start order; returns (first, last, total votes) groups.
    """
    groups: list[tuple[int, int, int]] = []
    for pos, count in votes:
        if groups and pos - groups[-1][1] <= k and pos - groups[-1][0] <= 2 * m:
            first, _, total = groups[-1]
            groups[-1] = (first, pos, total + count)
        else:
            groups.append((pos, pos, count))
    return groups
