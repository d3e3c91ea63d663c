"""The bit-parallel edit distances agree with the textbook dynamic programme."""

from __future__ import annotations

import random

from reader.notes.fuzzy import best_match, levenshtein, similarity


def _levenshtein(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[:], i
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
    return row[-1]


def _best_substring_distance(pattern: str, text: str) -> int:
    prev = [0] * (len(text) + 1)
    for i, cp in enumerate(pattern, 1):
        row = [i] + [0] * len(text)
        for j, ct in enumerate(text, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (cp != ct))
        prev = row
    return min(prev[1:])


def test_against_dynamic_programming() -> None:
    rng = random.Random(7)
    for _ in range(1500):
        a = "".join(rng.choice("收费清单") for _ in range(rng.randint(0, 14)))
        b = "".join(rng.choice("收费清单") for _ in range(rng.randint(0, 40)))
        assert levenshtein(a, b) == _levenshtein(a, b)
        if a and b:
            match = best_match(a, b, len(a))
            assert match is not None
            assert match.distance == _best_substring_distance(a, b)
            assert _levenshtein(a, b[match.start: match.end]) == match.distance


def test_long_patterns_beyond_a_machine_word() -> None:
    rng = random.Random(3)
    text = "".join(rng.choice("的一是在不了有和人这中大为上个国") for _ in range(3000))
    pattern = text[1000:1200]
    edited = pattern[:50] + "改" + pattern[51:150] + pattern[152:]
    match = best_match(edited, text, 10)
    assert match is not None and match.distance <= 3
    assert abs(match.start - 1000) <= 2 and abs(match.end - 1200) <= 2


def test_best_match_respects_the_bound_and_similarity_is_a_share() -> None:
    assert best_match("规范收费", "完全无关的文字", 1) is None
    assert similarity("", "") == 1.0
    assert similarity("清单之外", "清单以外") == 0.75
