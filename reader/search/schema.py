"""The one Whoosh schema of the library's index, and its version.

Only ``id`` is stored: summaries and text come from the library's document store, so the
index holds nothing that could disagree with it except postings. ``body`` keeps token
positions (phrases) and character offsets (snippets and hit spans without segmenting the
text again at query time); ``words`` holds the same words with their frequencies only, the
small postings that matching and ranking walk (:mod:`reader.search.ranking`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from operator import itemgetter
from typing import Any

from whoosh.fields import ID, KEYWORD, NGRAM, TEXT, Schema
from whoosh.system import pack_uint

from reader.search.analysis import ChineseTokenizer, positioned
from reader.search.folding import fold_text

#: Bump whenever a field, the analyzer or what is fed to them changes: an index built with
#: another version is rebuilt from the library's documents when the library opens.
SCHEMA_VERSION = 2

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
    at half the cost."""

    def _postings(self, spans: Any, boost: float) -> Iterator[Posting]:
        seen: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for word, position, start, end in positioned(spans):
            seen[word].append((position, start, end))
        encode = self.format.encode
        for word, places in seen.items():
            yield word.encode("utf-8"), len(places), len(places) * boost, encode(places)


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
