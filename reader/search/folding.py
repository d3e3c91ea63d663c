"""Variant folding: the forms of one text that a reader takes for the same words.

Policy texts print one thing several ways: full-width and half-width letters and digits
(２０２４ / 2024), an optional character in brackets of any family (首台（套）, 首台(套),
首台〔套〕 all mean 首台套 — the bracket says "unit or set"), 〇 or 零 in a written-out date
(二〇二二年 / 二零二二年), and traditional or simplified characters (監督檢查 / 监督检查). The
analyzer segments the folded text, so all forms give the same words at index and at query
time alike; the fold keeps a map back to the original characters, so offsets (snippets,
hit spans) still point into the text as printed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

# Full-width letters, digits and the symbols jieba keeps inside a word (＋＃＆．＿％－) to
# ASCII, and the ideographic space to a space: one character for one, so the fold keeps
# every offset. Full-width punctuation (，。：) stays: it separates words either way.
_WIDE = "０-９Ａ-Ｚａ-ｚ＋＃＆．＿％－\u3000"
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)
          if re.match(f"[{_WIDE}]", chr(code))}
_WIDTH[0x3000] = 0x20
_WIDE_RUN = re.compile(f"[{_WIDE}]+")
_OPENING = "（(〔[【［〖"
_CLOSING = "）)〕]】］〗"
#: One Chinese character in brackets right after another: the optional reading of a word
#: (首台（套）, 区（县）, 人（次）); not a numeral (a clause label （一） run into the text).
#: Only the brackets go. (The character before is checked by hand, and so is the one
#: inside: a look-behind would make the scan of every text several times slower.)
_OPTIONAL_CHAR = re.compile(
    f"[{re.escape(_OPENING)}]([\\u4e00-\\u9fff])[{re.escape(_CLOSING)}]"
)
#: 〇 among Chinese numerals (二〇二二年) is 零; U+3007 is not even a CJK ideograph, so
#: unfolded it would vanish from the index like punctuation.
_NUMERALS = "一二三四五六七八九十〇零"
_ZERO = re.compile(f"(?<=[{_NUMERALS}])〇|〇(?=[{_NUMERALS}])")


#: The characters looked up in OpenCC: those of the Basic Multilingual Plane's CJK blocks.
_HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@cache
def _traditional() -> tuple[dict[int, int], re.Pattern[str]]:
    """Return the traditional-to-simplified table of single characters and a pattern of its keys.

    Derived once per process from OpenCC's t2s conversion, each character converted alone
    (its phrase tables need context a character does not have, and a fold must keep every
    offset): a character OpenCC turns into one other CJK character of these blocks folds to
    it; one it turns into more or fewer characters, or into a rarer block the analyzer does
    not segment, stays as printed. All of them in one call: ~30,000 calls would cost more.
    """
    from reader.corpus.variants import to_simplified

    chars = [chr(code) for start, stop in _HAN_RANGES for code in range(start, stop)]
    table = {
        ord(char): ord(simple)
        for char, simple in zip(chars, to_simplified(chars), strict=True)
        if simple != char and len(simple) == 1 and _is_cjk(simple)
    }
    keys = "".join(sorted(map(chr, table)))
    return table, re.compile(f"[{keys}]+")


def _is_cjk(char: str) -> bool:
    return any(start <= ord(char) < stop for start, stop in _HAN_RANGES)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


@dataclass(frozen=True)
class Folded:
    """A folded text and the way back: ``removed`` lists the original offsets dropped."""

    text: str
    original_length: int
    removed: tuple[int, ...] = ()

    def start(self, index: int) -> int:
        """Return the original offset of folded character ``index``."""
        return self._original(index)

    def end(self, index: int) -> int:
        """Return the original offset that ends a span ending at folded ``index``.

        A span whose last character was in brackets takes the closing bracket in, so
        首台套 marks all of 首台（套）; an opening bracket after it is left out.
        """
        if index <= 0:
            return 0
        after = self._original(index - 1) + 1
        return after + 1 if after in self.removed[1::2] else after

    def remap(self, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """Return ``spans`` (sorted, not overlapping) with offsets into the original text,
        as :meth:`start` and :meth:`end` give them, in one walk along the removed offsets."""
        removed = self.removed
        count = len(removed)
        shift = 0
        out = []
        for word, start, end in spans:
            while shift < count and removed[shift] <= start + shift:
                shift += 1
            begin = start + shift
            while shift < count and removed[shift] <= end - 1 + shift:
                shift += 1
            after = end + shift
            # removed offsets come in pairs (opening, closing): an odd index is a closing one
            if shift < count and removed[shift] == after and shift % 2:
                after += 1
            out.append((word, begin, after))
        return out

    def _original(self, index: int) -> int:
        removed = self.removed
        if not removed:
            return index
        # The smallest shift k with removed[k-1] <= index + k - 1 … found by a short walk
        # from the bisect estimate (removed offsets are sorted and distinct).
        shift = bisect_right(removed, index)
        while shift < len(removed) and removed[shift] <= index + shift:
            shift += 1
        return index + shift


def fold(text: str) -> Folded:
    """Return ``text`` with its variants folded (see the module docstring)."""
    # Only the runs are translated: str.translate looks every character up in a dict.
    folded = _WIDE_RUN.sub(lambda run: run.group().translate(_WIDTH), text)
    table, traditional = _traditional()
    folded = traditional.sub(lambda run: run.group().translate(table), folded)
    if "〇" in folded:
        folded = _ZERO.sub("零", folded)
    removed: list[int] = []
    for match in _OPTIONAL_CHAR.finditer(folded):
        if (
            match.start()
            and _is_han(folded[match.start() - 1])
            and match.group(1) not in _NUMERALS
        ):
            removed.extend((match.start(), match.end() - 1))
    if not removed:
        return Folded(folded, len(text))
    kept = "".join(folded[start:end] for start, end in _kept_runs(len(folded), removed))
    return Folded(kept, len(text), tuple(removed))


def _kept_runs(length: int, removed: list[int]) -> list[tuple[int, int]]:
    runs = []
    start = 0
    for index in removed:
        runs.append((start, index))
        start = index + 1
    runs.append((start, length))
    return runs


def fold_text(text: str) -> str:
    """Return only the folded text (for comparing keys and typed queries)."""
    return fold(text).text
