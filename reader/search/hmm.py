"""jieba's HMM for runs of characters its dictionary does not know, without importing jieba.

``import jieba`` costs ~0.16 s (most of it ``pkg_resources``), more than a whole search. The
model's three tables (431 kB) are saved in the library's lexicon when the index is built,
where jieba is loaded anyway, and this module runs the same Viterbi over them at query time.
A transcription of ``jieba.finalseg``; the results are the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_MIN_FLOAT = -3.14e100
_PREVIOUS = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}
_HAN = re.compile("([\u4e00-\u9fd5]+)")
_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")

Table = dict[str, dict[str, float]]


@dataclass(frozen=True)
class HmmModel:
    """Start, transition and emission log-probabilities of the B/M/E/S states."""

    start: dict[str, float]
    trans: Table
    emit: Table

    @classmethod
    def from_jieba(cls) -> HmmModel:
        from jieba import finalseg

        return cls(dict(finalseg.start_P), dict(finalseg.trans_P), dict(finalseg.emit_P))

    def as_tuple(self) -> tuple[dict[str, float], Table, Table]:
        return (self.start, self.trans, self.emit)


def _viterbi(text: str, model: HmmModel) -> list[str]:
    emit, trans = model.emit, model.trans
    scores = [{y: model.start[y] + emit[y].get(text[0], _MIN_FLOAT) for y in "BMES"}]
    paths = {y: [y] for y in "BMES"}
    for t in range(1, len(text)):
        scores.append({})
        new_paths = {}
        for y in "BMES":
            em = emit[y].get(text[t], _MIN_FLOAT)
            prob, state = max(
                (scores[t - 1][y0] + trans[y0].get(y, _MIN_FLOAT) + em, y0) for y0 in _PREVIOUS[y]
            )
            scores[t][y] = prob
            new_paths[y] = [*paths[state], y]
        paths = new_paths
    _, state = max((scores[-1][y], y) for y in "ES")
    return paths[state]


def _cut_han(text: str, model: HmmModel) -> Iterator[str]:
    states = _viterbi(text, model)
    begin = following = 0
    for i, char in enumerate(text):
        state = states[i]
        if state == "B":
            begin = i
        elif state == "E":
            yield text[begin : i + 1]
            following = i + 1
        elif state == "S":
            yield char
            following = i + 1
    if following < len(text):
        yield text[following:]


def hmm_cut(text: str, model: HmmModel) -> Iterator[str]:
    """Yield the words of ``text`` as ``jieba.finalseg.cut`` does."""
    for block in _HAN.split(text):
        if _HAN.match(block):
            yield from _cut_han(block, model)
        else:
            yield from (part for part in _SKIP.split(block) if part)
