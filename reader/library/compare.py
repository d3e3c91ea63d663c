"""Two versions of a law side by side: their articles matched, the changes marked.

A revision inserts and deletes articles, so every article after the first change is
renumbered: 第四条 of the old text may be 第五条 of the new. Articles are therefore matched
by their words, never by their numbers. Articles whose words are the same (label aside) are
matched first, keeping their order (``difflib.SequenceMatcher`` over the articles); between
two such anchors, the remaining articles are paired by a small alignment that keeps the
order and maximises the similarity of the pairs (character bigrams, cheap enough for a
whole code), and a pair counts only above ``MATCH_THRESHOLD``. What is left over was added
or deleted. A changed pair carries a character-level diff of its text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from reader.corpus.model import Clause, Document, DocumentId

# Kinds of a row of the comparison.
SAME = "same"  # the same words (perhaps under another number)
CHANGED = "changed"
ADDED = "added"  # only in the newer text
DELETED = "deleted"  # only in the older text

# Kinds of a piece of a changed article's text.
EQUAL = "equal"
INSERTED = "inserted"
REMOVED = "removed"

# Two articles below this similarity are two different articles, not one changed.
MATCH_THRESHOLD = 0.45
# Whitespace and the label's separator are not part of what an article says.
_BLANKS = re.compile(r"\s+")


@dataclass(frozen=True)
class Article:
    """One article (条) of a text, or the unit that stands for it in a text without 条.

    Attributes:
        label: the number as printed (``第五条``); empty for a paragraph.
        address: the clause's address, or None for a paragraph.
        start, end: offsets of the whole article in ``Document.text``.
        text: the article as printed after its label, whitespace kept.
        body: what it says: ``text`` with blanks removed.
    """

    label: str
    address: str | None
    start: int
    end: int
    text: str
    body: str


@dataclass(frozen=True)
class Piece:
    """A stretch of an article's text: equal in both versions, inserted or removed."""

    kind: str
    text: str


@dataclass(frozen=True)
class Row:
    """One row of the comparison: an old article, a new one, or both.

    ``old_pieces`` and ``new_pieces`` spell each side's text (after its label: a new number
    is ``renumbered``, not a change of words) as equal and removed, or equal and inserted,
    stretches; a side that is absent has none.
    """

    kind: str
    old: Article | None
    new: Article | None
    similarity: float
    old_pieces: tuple[Piece, ...] = ()
    new_pieces: tuple[Piece, ...] = ()

    @property
    def renumbered(self) -> bool:
        """True when both sides exist under different numbers."""
        return self.old is not None and self.new is not None and self.old.label != self.new.label


@dataclass(frozen=True)
class Comparison:
    """Two versions' articles, row by row in the newer text's order."""

    old_id: DocumentId
    new_id: DocumentId
    rows: tuple[Row, ...]

    def counts(self) -> dict[str, int]:
        """Return how many rows are of each kind (every kind present, zero or not)."""
        found = Counter(row.kind for row in self.rows)
        return {kind: found.get(kind, 0) for kind in (SAME, CHANGED, ADDED, DELETED)}

    def row_of_old(self, offset: int) -> Row | None:
        """Return the row whose old article holds ``offset`` of the older text."""
        for row in self.rows:
            if row.old is not None and row.old.start <= offset < row.old.end:
                return row
        return None


def articles(doc: Document) -> list[Article]:
    """Return the units to compare: the 条 of a law, else the top clauses, else paragraphs."""
    clauses = [clause for clause in doc.all_clauses() if clause.kind == "条"]
    if not clauses:
        clauses = list(doc.clauses)
    if clauses:
        return [_article(doc.text, clause) for clause in clauses]
    out: list[Article] = []
    offset = 0
    for line in doc.text.split("\n"):
        if line.strip():
            out.append(Article("", None, offset, offset + len(line), line, _squeeze(line)))
        offset += len(line) + 1
    return out


def _article(text: str, clause: Clause) -> Article:
    printed = text[clause.start : clause.end].rstrip()
    after_label = printed[len(clause.label) :] if printed.startswith(clause.label) else printed
    after_label = after_label.lstrip()
    return Article(clause.label, clause.address, clause.start, clause.start + len(printed),
                   after_label, _squeeze(after_label))


def _squeeze(text: str) -> str:
    return _BLANKS.sub("", text)


def compare(old: Document, new: Document) -> Comparison:
    """Match the articles of ``old`` and ``new`` and mark what changed between them."""
    old_articles, new_articles = articles(old), articles(new)
    pairs = _align(old_articles, new_articles)
    rows: list[Row] = []
    for i, j in pairs:
        if i is None:
            assert j is not None
            rows.append(Row(ADDED, None, new_articles[j], 0.0,
                            new_pieces=(Piece(INSERTED, new_articles[j].text),)))
        elif j is None:
            rows.append(Row(DELETED, old_articles[i], None, 0.0,
                            old_pieces=(Piece(REMOVED, old_articles[i].text),)))
        else:
            rows.append(_matched(old_articles[i], new_articles[j]))
    return Comparison(old.id, new.id, tuple(rows))


def _matched(old: Article, new: Article) -> Row:
    if old.body == new.body:
        return Row(SAME, old, new, 1.0, (Piece(EQUAL, old.text),), (Piece(EQUAL, new.text),))
    old_pieces, new_pieces = char_diff(old.text, new.text)
    return Row(CHANGED, old, new, similarity(old.body, new.body), old_pieces, new_pieces)


def char_diff(old: str, new: str) -> tuple[tuple[Piece, ...], tuple[Piece, ...]]:
    """Return both texts as pieces: equal stretches, and what only one of them has."""
    old_out: list[Piece] = []
    new_out: list[Piece] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            old_out.append(Piece(EQUAL, old[i1:i2]))
            new_out.append(Piece(EQUAL, new[j1:j2]))
            continue
        if i2 > i1:
            old_out.append(Piece(REMOVED, old[i1:i2]))
        if j2 > j1:
            new_out.append(Piece(INSERTED, new[j1:j2]))
    return tuple(old_out), tuple(new_out)


def similarity(a: str, b: str) -> float:
    """Return the Dice coefficient of the two texts' character bigrams (0 to 1)."""
    if a == b:
        return 1.0
    grams_a, grams_b = _bigrams(a), _bigrams(b)
    total = sum(grams_a.values()) + sum(grams_b.values())
    if not total:
        return 0.0
    return 2 * sum((grams_a & grams_b).values()) / total


def _bigrams(text: str) -> Counter[str]:
    if len(text) < 2:
        return Counter([text]) if text else Counter()
    return Counter(text[k : k + 2] for k in range(len(text) - 1))


Pair = tuple[int | None, int | None]


def _align(old: Sequence[Article], new: Sequence[Article]) -> list[Pair]:
    """Return (old index, new index) pairs in order; None where a side has no article."""
    matcher = SequenceMatcher(None, [a.body for a in old], [a.body for a in new],
                              autojunk=False)
    out: list[Pair] = []
    i = j = 0
    for block in matcher.get_matching_blocks():
        out.extend(_align_gap(old, new, range(i, block.a), range(j, block.b)))
        out.extend((block.a + k, block.b + k) for k in range(block.size))
        i, j = block.a + block.size, block.b + block.size
    return out


def _align_gap(old: Sequence[Article], new: Sequence[Article], olds: range,
               news: range) -> list[Pair]:
    """Pair the articles between two exact matches, keeping order, most similar first.

    A small dynamic programme (as for an edit distance) over the gap: pairing two articles
    scores their similarity when it reaches ``MATCH_THRESHOLD``; skipping one scores nothing.
    """
    n, m = len(olds), len(news)
    if not n or not m:
        return [(i, None) for i in olds] + [(None, j) for j in news]
    score = [[similarity(old[i].body, new[j].body) for j in news] for i in olds]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            paired = score[a][b] + best[a + 1][b + 1] if score[a][b] >= MATCH_THRESHOLD else -1.0
            best[a][b] = max(paired, best[a + 1][b], best[a][b + 1])
    out: list[Pair] = []
    a = b = 0
    while a < n and b < m:
        if score[a][b] >= MATCH_THRESHOLD and best[a][b] == score[a][b] + best[a + 1][b + 1]:
            out.append((olds[a], news[b]))
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            out.append((olds[a], None))
            a += 1
        else:
            out.append((None, news[b]))
            b += 1
    out.extend((olds[k], None) for k in range(a, n))
    out.extend((None, news[k]) for k in range(b, m))
    return out
