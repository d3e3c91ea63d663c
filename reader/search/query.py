"""What a person types → a Whoosh query: words (AND), quoted phrases, a 文号 in any form.

The query language is deliberately small: words separated by spaces must all match (in the
title, the body or the issuers); text in quotes ("…", “…”, 「…」) must match as a phrase;
a 文号 typed as 发改能源〔2022〕210号, 发改能源[2022]210号 or 发改能源 2022 210 matches the
document with that number first, whatever else matches its words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.query.compound import DefaultOr

from reader.corpus.organs import canonical_issuer, is_known_organ
from reader.search.analysis import Segmenter
from reader.search.schema import title_key

# ASCII quotes and corner brackets always make a phrase; Chinese curly quotes only when they
# stand apart, because titles pasted from a document carry them as punctuation
# (福建省“十四五”农业绿色发展规划) and must stay one title fragment.
_QUOTED = re.compile(
    r'"([^"]+)"|「([^」]+)」|『([^』]+)』|(?:(?<=\s)|^)“([^”]+)”(?=\s|$)'
)

# 机关代字, year, serial: brackets of any kind (or none, with spaces), an optional 第 and 号.
_DOC_NUMBER = re.compile(
    r"(?P<code>[\u4e00-\u9fa5]{1,16}?)\s*[〔\[(【{]?\s*(?P<year>(?:19|20)\d{2})\s*[〕\])】}]?"
    r"\s*第?\s*(?P<serial>\d{1,5})\s*号?"
)

# Words too common to narrow an AND search; dropped from unquoted words, kept in phrases.
QUERY_STOPWORDS = frozenset(
    ["的", "了", "和", "与", "及", "或", "等", "在", "对", "为", "于", "是", "并", "之", "其", "将"]
)

#: A title fragment must be this long (characters) to be looked for inside titles.
TITLE_FRAGMENT_MIN = 4
TITLE_FRAGMENT_BOOST = 3.0

#: A document whose 文号 equals the one typed scores this much on top: it comes first.
DOC_NUMBER_SCORE = 1000.0


def normalize_doc_number(text: str) -> str | None:
    """Return ``text`` as a normalised 文号 (代字〔年份〕序号号) if it is one, else None."""
    folded = unicodedata.normalize("NFKC", text.strip())
    match = _DOC_NUMBER.fullmatch(folded)
    if not match:
        return None
    return _format_doc_number(match)


def _format_doc_number(match: re.Match[str]) -> str:
    return f"{match['code']}〔{match['year']}〕{int(match['serial'])}号"


_SQUEEZE = re.compile(r"[\s〔〕\[\]()（）【】{}]+")


def _bare(text: str) -> str:
    return _SQUEEZE.sub("", text).replace("第", "").replace("号", "")


def _whole_doc_number(text: str) -> str | None:
    """Return the normalised 文号 when the whole query is one (令 and 公告 numbers too)."""
    from reader.corpus.metadata import normalize_doc_number as corpus_normalize

    folded = unicodedata.normalize("NFKC", text)
    number = normalize_doc_number(folded) or corpus_normalize(text)
    if number is None:
        return None
    if _bare(number) != _bare(folded):
        return None  # the query holds more than the number
    return number


@dataclass(frozen=True)
class ParsedQuery:
    """The parts of a query string: word groups, phrases and normalised 文号."""

    text: str
    word_groups: tuple[tuple[str, ...], ...]
    chunks: tuple[str, ...]  # the text each word group was segmented from
    phrases: tuple[tuple[str, ...], ...]
    doc_numbers: tuple[tuple[str, tuple[str, ...]], ...]  # (normalised, its words)


def parse_query(text: str, segmenter: Segmenter) -> ParsedQuery:
    """Split ``text`` into phrases, 文号 and word groups, each segmented like the index."""
    phrases: list[tuple[str, ...]] = []

    def take_phrase(match: re.Match[str]) -> str:
        inner = next(g for g in match.groups() if g)
        words = tuple(segmenter.words(inner))
        if words:
            phrases.append(words)
        return " "

    whole = _whole_doc_number(text)
    if whole is not None:
        return ParsedQuery(text, (), (), (), ((whole, tuple(segmenter.words(text))),))
    rest = _QUOTED.sub(take_phrase, text)
    doc_numbers: list[tuple[str, tuple[str, ...]]] = []

    def take_doc_number(match: re.Match[str]) -> str:
        words = tuple(segmenter.words(match.group(0)))
        doc_numbers.append((_format_doc_number(match), words))
        return " "

    rest = _DOC_NUMBER.sub(take_doc_number, unicodedata.normalize("NFKC", rest))
    groups: list[tuple[str, ...]] = []
    chunks: list[str] = []
    for chunk in rest.split():
        words = tuple(segmenter.words(chunk))
        if words:
            groups.append(words)
            chunks.append(chunk)
    return ParsedQuery(text, tuple(groups), tuple(chunks), tuple(phrases), tuple(doc_numbers))


def _or(queries: list[wq.Query]) -> wq.Query:
    """A union matched lazily: Whoosh's default for small indexes preloads every match of
    every clause into arrays, which made the seed library slower to search than the 10×."""
    return DefaultOr(queries)


def _body_term(word: str) -> wq.Query:
    """One required word. Only ``body`` is searched: a document's text begins with its
    title, and one posting list per word instead of one per field halves the work."""
    term = wq.Term("body", word)
    if len(word) > 1 and is_known_organ(word):
        # 国家发改委 finds the documents of 国家发展改革委, whatever name their text uses.
        return _or([term, wq.Term("issuer", canonical_issuer(word))])
    return term


def _phrase(words: tuple[str, ...]) -> wq.Query:
    if len(words) == 1:
        return _body_term(words[0])
    return wq.Phrase("body", list(words))


def _title_bonus(words: list[str]) -> wq.Query:
    """What lifts documents whose title holds the words (scored only for matches)."""
    if len(words) == 1:
        return wq.Term("title", words[0])
    # Terms, not a phrase: the bonus is scored for every match, and reading title positions
    # for each of 1,500 matches of 高质量发展 cost a third of the query at 10×.
    return wq.And([wq.Term("title", word) for word in dict.fromkeys(words)])


def _title_fragment(chunk: str) -> wq.Query | None:
    """Match ``chunk`` as a substring of a title, by its character bigrams in a row."""
    key = title_key(chunk)
    if len(key) < TITLE_FRAGMENT_MIN:
        return None
    grams = list(dict.fromkeys(key[i : i + 2] for i in range(len(key) - 1)))
    # Every bigram, in any order: in a field as short as a title that is as precise as the
    # phrase, without reading positions (a phrase here cost 5 ms a query at 10×).
    return wq.And([wq.Term("title_grams", gram) for gram in grams], boost=TITLE_FRAGMENT_BOOST)


def _word_group(words: tuple[str, ...], chunk: str) -> wq.Query:
    """All words required, or the typed text found inside a title (a title fragment).

    A fragment cut out of a title may start or end mid-word, so its first or last word is
    not a word of the index; the title's bigrams still find it.
    """
    required = list(dict.fromkeys(w for w in words if w not in QUERY_STOPWORDS)) or [*words]
    terms: wq.Query = wq.AndMaybe(
        wq.And([_body_term(w) for w in required]) if len(required) > 1 else _body_term(required[0]),
        _title_bonus(list(words)),
    )
    fragment = _title_fragment(chunk)
    return terms if fragment is None else _or([terms, fragment])


def build_query(parsed: ParsedQuery) -> wq.Query | None:
    """Return the Whoosh query for ``parsed``, or None when it has nothing to look for."""
    parts: list[wq.Query] = [
        _word_group(group, chunk) for group, chunk in zip(parsed.word_groups, parsed.chunks, strict=True)
    ]
    parts.extend(wq.AndMaybe(_phrase(words), _title_bonus(list(words))) for words in parsed.phrases)
    for number, words in parsed.doc_numbers:
        exact = wq.ConstantScoreQuery(wq.Term("doc_number", number), DOC_NUMBER_SCORE)
        alternatives: list[wq.Query] = [exact]
        if words:
            alternatives.append(_phrase(words))
        parts.append(_or(alternatives))
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    combined: wq.Query = wq.And(parts)
    if len(parsed.chunks) > 1 and len(parsed.chunks) == len(parts):
        # Spaces typed inside a title fragment (商务部 财政部关于…) must not break it up.
        whole = _title_fragment("".join(parsed.chunks))
        if whole is not None:
            combined = _or([combined, whole])
    return combined
