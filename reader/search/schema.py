"""The one Whoosh schema of the library's index, and its version.

Only ``id`` is stored: summaries and text come from the library's document store, so the
index holds nothing that could disagree with it except postings. ``body`` keeps token
positions (phrases) and character offsets (snippets and hit spans without segmenting the
text again at query time), packed small (:class:`PackedSpans`); ``words`` holds the same
words with their frequencies only, the small postings that matching and ranking walk
(:mod:`reader.search.ranking`).
"""

from __future__ import annotations

import re
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from itertools import accumulate
from operator import add, itemgetter
from typing import Any

from whoosh.fields import ID, KEYWORD, NGRAM, TEXT, Schema
from whoosh.formats import Characters
from whoosh.system import _INT_SIZE, pack_uint

from reader.search.analysis import ChineseTokenizer, positioned
from reader.search.folding import fold_text

#: Bump whenever a field, the analyzer or what is fed to them changes: an index built with
#: another version is rebuilt from the library's documents when the library opens.
SCHEMA_VERSION = 5

#: Words of the title count this much more than the same words in the text. (Queries
#: match words in ``body`` only, which begins with the title; ``title`` adds the bonus.)
TITLE_BOOST = 4.0
ISSUERS_BOOST = 2.0

_NOT_WORDLIKE = re.compile("[^0-9a-z\u3400-\u9fff]+")


def title_key(text: str) -> str:
    """Return ``text`` reduced to letters, digits and CJK characters, lower-cased.

    The ``title_grams`` field indexes character bigrams of this, so a fragment of a title
    finds it even when the fragment cuts a word in two (``农村电`` of ``农村电商``), which no
    word index can do.
    """
    return _NOT_WORDLIKE.sub("", fold_text(text).lower())


Posting = tuple[bytes, int, float, bytes]  # (word, frequency, weight, encoded value)


class _Presegmented(TEXT):
    """A text field that indexes the words a :class:`Segmented` value carries directly,
    without a Whoosh token per word (a plain string goes through the analyzer).

    Whoosh pickles the schema into the index: keep the subclasses at this path.
    """

    def index(self, value: Any, **kwargs: Any) -> Iterator[Posting]:
        spans = getattr(value, "tokens", None)
        if spans is None:
            yield from super().index(value, **kwargs)
        else:
            yield from self._postings(spans, self.format.field_boost)

    def _postings(self, spans: Any, boost: float) -> Iterator[Posting]:
        raise NotImplementedError


class CountedText(_Presegmented):
    """Frequencies only, counted with ``collections.Counter`` (in C)."""

    def _postings(self, spans: Any, boost: float) -> Iterator[Posting]:
        for word, count in Counter(map(itemgetter(0), spans)).items():
            yield word.encode("utf-8"), count, count * boost, pack_uint(count)


class SpannedText(_Presegmented):
    """Positions and character offsets: the postings :class:`ChineseTokenizer` would give,
    at half the cost, packed by :class:`PackedSpans`."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        boost: float = getattr(self, "format").field_boost  # noqa: B009 (set by TEXT)
        self.format = PackedSpans(field_boost=boost)

    def _postings(self, spans: Any, boost: float) -> Iterator[Posting]:
        seen: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for word, position, start, end in positioned(spans):
            seen[word].append((position, start, end))
        encode = self.format.encode
        for word, places in seen.items():
            yield word.encode("utf-8"), len(places), len(places) * boost, encode(places)


_TYPECODES = "BHIi"  # the narrowest array type that holds a column's numbers
_LIMITS = (1 << 8, 1 << 16, 1 << 32)
_SWAP = sys.byteorder != "little"  # the index is written little-endian on every machine


def _column(values: list[int]) -> tuple[int, bytes]:
    code = 3
    if values and min(values) >= 0:
        top = max(values)
        code = next((i for i, limit in enumerate(_LIMITS) if top < limit), 3)
    packed = array(_TYPECODES[code], values)
    if _SWAP:
        packed.byteswap()
    return code, packed.tobytes()


def _unpack(code: int, data: bytes) -> array:
    packed = array(_TYPECODES[code])
    packed.frombytes(data)
    if _SWAP:
        packed.byteswap()
    return packed


class PackedSpans(Characters):
    """Positions and character spans as three columns of the narrowest integer arrays
    (position steps, start steps, lengths), packed and unpacked in C.

    Whoosh's own format pickles a tuple per occurrence (7–8 bytes each, the bulk of the
    index) and decodes it in a Python loop; here an occurrence takes 3–4 bytes before the
    block's compression. The value starts with the count, as Whoosh's formats do.
    """

    def encode(self, poslist: Sequence[tuple[int, int, int]]) -> bytes:
        positions = [pos for pos, _, _ in poslist]
        starts = [start for _, start, _ in poslist]
        columns = (
            [b - a for a, b in zip([0, *positions], positions, strict=False)],
            [b - a for a, b in zip([0, *starts], starts, strict=False)],
            [end - start for _, start, end in poslist],
        )
        codes, parts = zip(*map(_column, columns), strict=True)
        header = pack_uint(len(poslist)) + bytes([codes[0] | codes[1] << 2 | codes[2] << 4])
        return header + b"".join(parts)

    def _columns(self, value: bytes) -> tuple[array, array, array]:
        count = int.from_bytes(value[:_INT_SIZE], "big")
        code = value[_INT_SIZE]
        out = []
        offset = _INT_SIZE + 1
        for shift in (0, 2, 4):
            kind = (code >> shift) & 3
            size = count * array(_TYPECODES[kind]).itemsize
            out.append(_unpack(kind, value[offset : offset + size]))
            offset += size
        return out[0], out[1], out[2]

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return list(accumulate(self._columns(valuestring)[0]))

    def decode_characters(self, valuestring: bytes) -> list[tuple[int, int, int]]:
        steps, start_steps, lengths = self._columns(valuestring)
        starts = list(accumulate(start_steps))
        return list(zip(accumulate(steps), starts, map(add, starts, lengths), strict=True))


def build_schema() -> Schema:
    """Return a fresh instance of the schema (Whoosh schemas are mutable, so never share)."""
    analyzer = ChineseTokenizer()
    return Schema(
        id=ID(stored=True, unique=True),
        # Short fields are matched by their words alone (no phrase needs their positions).
        title=TEXT(analyzer=analyzer, phrase=False, field_boost=TITLE_BOOST),
        title_grams=NGRAM(minsize=2, maxsize=2),
        # The text twice: ``words`` (frequencies only) is what matching and ranking read,
        # ``body`` (positions and character offsets) what phrases and snippets read for the
        # few documents that need them.
        words=CountedText(analyzer=analyzer, phrase=False),
        body=SpannedText(analyzer=analyzer, phrase=True, chars=True),
        # Every organ of a joint document, as printed and canonical, searchable as words…
        issuers=TEXT(analyzer=analyzer, phrase=False, field_boost=ISSUERS_BOOST),
        # …and canonical names as exact values for the issuer filter.
        issuer=KEYWORD(commas=True, scorable=False),
        doc_number=ID,
        date=ID,
        year=ID,
        doc_type=ID,
        source=KEYWORD(commas=True, scorable=False),
    )
