"""The one analyzer: jieba's accurate-mode segmentation with token positions and offsets.

Why not ``jieba.analyse.ChineseAnalyzer``: it records character offsets as token positions,
so every quoted phrase query returns nothing, and importing ``jieba.analyse`` costs 0.4–0.65 s
and ~95 MB. Here positions count tokens, each token keeps its start and end character, and
the tokenizer class lives at a stable import path because Whoosh pickles it into the index.

Why a :class:`Lexicon`: loading jieba's full dictionary takes ~0.65 s and ~90 MB, more than a
whole search may take from process start. Indexing records every dictionary word jieba's
word graph touched in the library's text; that reduced dictionary (a few MB) segments any
query drawn from the library exactly as the full one does, because every dictionary word
inside such a query is also inside the library's text.
"""

from __future__ import annotations

import marshal
import re
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from math import log
from pathlib import Path
from typing import Any

from whoosh.analysis import Token, Tokenizer

from reader.fileio import atomic_write
from reader.search.folding import fold
from reader.search.hmm import HmmModel, hmm_cut

# jieba's own block patterns (jieba.re_han_default / re_skip_default): segmenting with the
# same blocks is what keeps our tokens identical to jieba's.
_HAN_BLOCK = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile(r"(\r\n|\s)")
# A token is kept when it has a letter, digit or CJK character; punctuation and spaces are
# dropped and do not count as positions, so a phrase may span “碳达峰、碳中和”.
_WORDLIKE = re.compile("[0-9A-Za-z\u3400-\u9fff]")
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[!-~]+", re.IGNORECASE)

#: Frequency given to a user word that jieba does not know: high enough to win over its
#: pieces in jieba's route, low enough not to swallow neighbouring words.
USER_WORD_FREQ = 2000

TokenSpan = tuple[str, int, int]  # (lower-cased word, start char, end char)
_ZLIB_HEAD = b"\x78"
_BLOCK_CACHE_SIZE = 200_000


@dataclass(frozen=True)
class Lexicon:
    """A jieba dictionary reduced to the words that matter for one library's text."""

    freq: dict[str, int]
    total: int
    hmm: HmmModel | None = None

    def save(self, path: Path) -> None:
        """Write atomically (``reader.fileio.atomic_write``): a crash never leaves half a file.

        Compressed (zlib): 1.1 MB → 0.5 MB for the seeds, ~10 ms more to load."""
        hmm = self.hmm.as_tuple() if self.hmm else None
        atomic_write(path, zlib.compress(marshal.dumps((self.freq, self.total, hmm)), 6))

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        """Read a lexicon (compressed or, as older libraries wrote it, plain marshal data);
        a damaged file raises ValueError, EOFError or TypeError."""
        data = path.read_bytes()
        if data[:1] == _ZLIB_HEAD:  # a plain lexicon starts with marshal's tuple code
            try:
                data = zlib.decompress(data)
            except zlib.error as error:
                raise ValueError(str(error)) from error
        freq, total, *rest = marshal.loads(data)  # older lexicons had no HMM tables
        hmm = rest[0] if rest else None
        return cls(freq=freq, total=total, hmm=HmmModel(*hmm) if hmm else None)

    def merged(self, other: Lexicon) -> Lexicon:
        """Return the union of two lexicons (the larger total wins: same base dictionary)."""
        freq = dict(self.freq)
        freq.update(other.freq)
        return Lexicon(freq=freq, total=max(self.total, other.total), hmm=self.hmm or other.hmm)


class Segmenter:
    """jieba's accurate mode (HMM on), yielding words with character offsets.

    The dictionary is loaded on first use, not on construction, so creating a Segmenter is
    free; call :meth:`warm_up` from a background thread to pay the cost early.

    Args:
        user_words: words to keep whole (organ names, 文号 代字, policy terms).
        lexicon: a reduced dictionary to use instead of jieba's full one (query side), or a
            function that loads it (called on first use).
        record: remember every dictionary word the word graph touches, for :meth:`lexicon`.
        cache_blocks: how many segmented blocks to remember (~1 KB each).
    """

    def __init__(
        self,
        user_words: Iterable[str] = (),
        lexicon: Lexicon | Callable[[], Lexicon] | None = None,
        record: bool = False,
        cache_blocks: int = _BLOCK_CACHE_SIZE,
    ) -> None:
        self._cache_blocks = cache_blocks
        self._user_words = tuple(dict.fromkeys(w for w in user_words if w))
        self._given = lexicon
        self._record = record
        self._seen: set[str] = set()
        self._freq: dict[str, int] = {}
        self._total = 1
        self._logtotal = 0.0
        self._ready = False
        self._lock = threading.Lock()
        self._blocks: dict[str, tuple[TokenSpan, ...]] = {}
        self._inner: dict[str, tuple[tuple[str, int], ...]] = {}
        self._hmm: HmmModel | None = None

    def warm_up(self) -> None:
        """Load the dictionary now (safe to call from any thread, any number of times)."""
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            given = self._given() if callable(self._given) else self._given
            if given is not None:
                self._freq, self._total = given.freq, given.total
                # A lexicon carries the HMM tables, so queries never import jieba (~0.16 s).
                self._hmm = given.hmm or HmmModel.from_jieba()
            else:
                self._freq, self._total = _full_dictionary(self._user_words)
                self._hmm = HmmModel.from_jieba()
            self._logtotal = log(self._total)
            self._ready = True

    def tokens(self, text: str) -> list[TokenSpan]:
        """Return the indexable words of ``text`` with their character spans.

        The words are those of the folded text (:mod:`reader.search.folding`: 首台（套） and
        首台套, ２０２４ and 2024 give the same words); the spans point into ``text`` itself.
        """
        folded = fold(text)
        out = self._tokens(folded.text)
        out = folded.remap(out) if folded.removed else out
        if "://" in text or "www." in text:
            # A web address left by capture is no words of the document.
            links = [m.span() for m in _WEB_ADDRESS.finditer(text)]
            out = [t for t in out if not any(s <= t[1] < e for s, e in links)]
        return out

    def index_tokens(self, text: str) -> list[TokenSpan]:
        """Return :meth:`tokens` with, after each word of three or more characters, the
        dictionary words of two and three characters inside it (jieba's search mode).

        What indexing feeds Whoosh: a query cut as 碳排放 权 交易 then finds the text
        碳排放权交易市场, which jieba cuts as 碳排放 权 交易市场, and 市场 finds 交易市场.
        :class:`ChineseTokenizer` gives an inner word the position of the word around it.
        """
        out: list[TokenSpan] = []
        append = out.append
        inner = self._inner
        for token in self.tokens(text):
            append(token)
            word, start, end = token
            if len(word) > 2 and end - start == len(word):  # spans are exact: not folded
                pieces = inner.get(word)
                if pieces is None:
                    pieces = inner[word] = self._inner_words(word)
                for piece, offset in pieces:
                    append((piece, start + offset, start + offset + len(piece)))
        return out

    def _inner_words(self, word: str) -> tuple[tuple[str, int], ...]:
        freq = self._freq
        found = []
        for size in (2, 3):
            for offset in range(len(word) - size + 1):
                piece = word[offset : offset + size]
                if piece != word and freq.get(piece):
                    found.append((piece, offset))
        return tuple(found)

    def _tokens(self, text: str) -> list[TokenSpan]:
        self.warm_up()
        out: list[TokenSpan] = []
        append = out.append
        offset = 0
        cache = self._blocks
        is_block = True  # re.split alternates: other text, block, other text, …
        for piece in _HAN_BLOCK.split(text):
            is_block = not is_block
            if not piece:
                continue
            if is_block:
                words = cache.get(piece)
                if words is None:
                    words = self._block_tokens(piece)
                for word, start, end in words:
                    append((word, offset + start, offset + end))
            else:
                for index, char in enumerate(piece):
                    if _WORDLIKE.match(char):
                        append((char.lower(), offset + index, offset + index + 1))
            offset += len(piece)
        return out

    def _block_tokens(self, block: str) -> tuple[TokenSpan, ...]:
        """Segment one block of CJK/letters/digits, remembering it: blocks repeat a lot."""
        out: list[TokenSpan] = []
        start = 0
        for word in self._cut_block(block):
            end = start + len(word)
            if _WORDLIKE.search(word):
                out.append((word.lower(), start, end))
            start = end
        if len(self._blocks) >= self._cache_blocks:
            self._blocks.clear()
        words = self._blocks[block] = tuple(out)
        return words

    def words(self, text: str) -> list[str]:
        """Return the indexable words of ``text`` (what a query is made of)."""
        return [word for word, _, _ in self.tokens(text)]

    def cut(self, text: str) -> Iterator[str]:
        """Yield jieba's accurate-mode words of ``text``, covering every character."""
        self.warm_up()
        for block in _HAN_BLOCK.split(text):
            if not block:
                continue
            if _HAN_BLOCK.match(block):
                yield from self._cut_block(block)
            else:
                for part in _SKIP.split(block):
                    if _SKIP.match(part):
                        yield part
                    else:
                        yield from part

    def lexicon(self) -> Lexicon:
        """Return the reduced dictionary of every word seen so far plus the user words."""
        self.warm_up()
        freq = self._freq
        kept: dict[str, int] = {}
        for word in self._seen.union(self._user_words):
            if word not in freq:
                continue
            kept[word] = freq[word]
            for i in range(1, len(word)):
                prefix = word[:i]
                if prefix not in kept:
                    kept[prefix] = freq.get(prefix, 0)
        return Lexicon(freq=kept, total=self._total, hmm=self._hmm)

    def take_lexicon(self) -> Lexicon:
        """Return :meth:`lexicon` without the HMM tables and forget the words seen so far.

        Each indexing worker sends only what it met since its last batch.
        """
        lexicon = self.lexicon()
        self._seen = set()
        return Lexicon(lexicon.freq, lexicon.total)

    def _cut_block(self, sentence: str) -> Iterator[str]:
        # A transcription of jieba.Tokenizer.__cut_DAG with get_DAG and calc inlined, so the
        # words of the graph can be recorded for the lexicon on the way.
        freq = self._freq
        hmm = self._hmm
        assert hmm is not None
        seen = self._seen if self._record else None
        n = len(sentence)
        # The graph keeps each candidate's log-frequency, so the route needs no lookups.
        dag: list[list[tuple[int, float]]] = []
        for k in range(n):
            ends: list[tuple[int, float]] = []
            i = k
            frag = sentence[k]
            while i < n:
                count = freq.get(frag)
                if count is None:
                    break
                if count:
                    ends.append((i, log(count)))
                    if seen is not None:
                        seen.add(frag)
                i += 1
                frag = sentence[k : i + 1]
            dag.append(ends or [(k, 0.0)])
        logtotal = self._logtotal
        best_prob = [0.0] * (n + 1)
        best_end = [0] * (n + 1)
        for idx in range(n - 1, -1, -1):
            candidates = dag[idx]
            end, logfreq = candidates[0]
            top, top_end = logfreq - logtotal + best_prob[end + 1], end
            for end, logfreq in candidates[1:]:
                prob = logfreq - logtotal + best_prob[end + 1]
                if prob >= top:  # jieba's max over (prob, end): ties go to the longer word
                    top, top_end = prob, end
            best_prob[idx], best_end[idx] = top, top_end
        route = best_end
        x = 0
        buf = ""
        while x < n:
            y = route[x] + 1
            word = sentence[x:y]
            if y - x == 1:
                buf += word
            else:
                if buf:
                    yield from _flush(buf, freq, hmm)
                    buf = ""
                yield word
            x = y
        if buf:
            yield from _flush(buf, freq, hmm)


def _flush(buf: str, freq: dict[str, int], hmm: HmmModel) -> Iterator[str]:
    """Emit a run of single characters the way jieba does (HMM for unknown runs)."""
    if len(buf) == 1:
        yield buf
    elif not freq.get(buf):
        yield from hmm_cut(buf, hmm)
    else:
        yield from buf


def _full_dictionary(user_words: Iterable[str]) -> tuple[dict[str, int], int]:
    """Return jieba's full dictionary plus ``user_words`` (a copy: callers may not share)."""
    base, total = _jieba_dictionary()
    freq = dict(base)
    for word in user_words:
        if not freq.get(word):
            freq[word] = USER_WORD_FREQ
            total += USER_WORD_FREQ
            for i in range(1, len(word)):
                freq.setdefault(word[:i], 0)
    return freq, total


def preload_dictionary() -> None:
    """Load jieba's full dictionary into this process now (e.g. before forking workers)."""
    _jieba_dictionary()


@lru_cache(maxsize=1)
def _jieba_dictionary() -> tuple[dict[str, int], int]:
    """Load jieba's dictionary once per process (~0.65 s from jieba's own cache file).

    Done the way ``jieba.Tokenizer.add_word`` would, without touching jieba's global
    tokenizer, so other users of jieba in the process are unaffected.
    """
    import logging

    import jieba

    from reader.packed_data import jieba_dictionary
    from reader.paths import cache_dir

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer(jieba_dictionary())  # the bundle's dict.txt is compressed
    # jieba's cache of its parsed dictionary goes to the user's cache folder, not to one
    # `jieba.cache` in the temp folder that every user of the machine shares.
    tokenizer.tmp_dir = str(cache_dir())
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total


class Segmented(str):
    """A text that carries its own tokens, so Whoosh indexes them without segmenting again.

    Indexing segments in worker processes (with the library's user dictionary) and hands
    Whoosh the result; :class:`ChineseTokenizer` replays the tokens with their offsets. (The
    runs field's value carries its runs instead: ``schema.RunsText``.)
    """

    tokens: Iterable[tuple[Any, ...]]

    def __new__(cls, text: str, tokens: Iterable[tuple[Any, ...]]) -> Segmented:
        obj = super().__new__(cls, text)
        obj.tokens = tokens
        return obj


_fallback_lock = threading.Lock()
_fallback: list[Segmenter] = []


def fallback_segmenter() -> Segmenter:
    """Return a full-dictionary segmenter for plain strings handed to the Whoosh analyzer.

    Our own indexing and querying never need it (they pass :class:`Segmented` values and
    build queries from a library's segmenter); it exists so that Whoosh utilities given a
    plain string still tokenize the way the index did.
    """
    with _fallback_lock:
        if not _fallback:
            from reader.search.terms import POLICY_TERMS

            _fallback.append(Segmenter(POLICY_TERMS))
        return _fallback[0]


def positioned(spans: Iterable[TokenSpan], first: int = 0) -> Iterator[tuple[str, int, int, int]]:
    """Yield (word, position, start, end): positions count words, and a word inside the
    previous one (:meth:`Segmenter.index_tokens`) shares its position, so phrases still
    count words (权 交易 matches 权 交易市场)."""
    position = first - 1
    outer_end = -1
    for word, start, end in spans:
        if start >= outer_end:
            position += 1
            outer_end = end
        yield word, position, start, end


class ChineseTokenizer(Tokenizer):
    """Whoosh tokenizer: token positions count words; start/end are character offsets."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        spans = getattr(value, "tokens", None)
        if spans is None:
            spans = fallback_segmenter().tokens(value) if tokenize else [(value, 0, len(value))]
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for word, position, start, end in positioned(spans, start_pos):
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = position
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token
