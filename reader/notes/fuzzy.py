"""Approximate string matching for re-anchoring: edit distances without new dependencies.

Myers' bit-parallel algorithm (1999, in Hyyrö's formulation) uses Python's unbounded integers
as bit vectors, so a pattern of any length costs a handful of integer operations per text
character. That keeps fuzzy anchoring fast enough in pure Python for whole documents.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Match:
    """An approximate occurrence of a pattern: ``text[start:end]`` at ``distance`` edits."""

    start: int
    end: int
    distance: int


def _peq(pattern: str) -> dict[str, int]:
    masks: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    return masks


def _column_scores(pattern: str, text: str, free_start: bool) -> list[int]:
    """Return, for each prefix ``text[:j+1]``, the edit distance of ``pattern`` to it.

    With ``free_start`` the match may begin anywhere (substring search: the distance to the best
    substring ending at j); without it the match begins at text position 0.
    """
    m = len(pattern)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    peq = _peq(pattern)
    pv, mv, score = mask, 0, m
    scores: list[int] = []
    for ch in text:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | (0 if free_start else 1)) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        scores.append(score)
    return scores


def best_match(pattern: str, text: str, max_distance: int) -> Match | None:
    """Return the closest occurrence of ``pattern`` in ``text`` within ``max_distance`` edits.

    Ties go to the first end position; the start is the one whose span length is nearest the
    pattern's, so a match is not padded with neighbouring characters.
    """
    if not pattern or not text:
        return None
    scores = _column_scores(pattern, text, free_start=True)
    best_end = min(range(len(scores)), key=lambda j: scores[j])
    distance = scores[best_end]
    if distance > max_distance:
        return None
    end = best_end + 1
    # The start: align the reversed pattern to the text read backwards from ``end``.
    window = text[max(0, end - len(pattern) - distance): end][::-1]
    back = _column_scores(pattern[::-1], window, free_start=False)
    candidates = [j for j in range(len(back)) if back[j] == distance]
    if not candidates:  # cannot happen for a consistent distance, but never guess wildly
        return None
    length = min(candidates, key=lambda j: abs(j + 1 - len(pattern))) + 1
    return Match(start=end - length, end=end, distance=distance)


def levenshtein(a: str, b: str) -> int:
    """Return the edit distance between two strings (used on short context strings)."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    if len(a) < len(b):
        a, b = b, a
    scores = _column_scores(b, a, free_start=False)
    return scores[-1]


def similarity(a: str, b: str) -> float:
    """Return 1 - distance / longer length: 1.0 for equal strings, 0.0 for nothing in common."""
    if not a and not b:
        return 1.0
    return 1.0 - levenshtein(a, b) / max(len(a), len(b))
