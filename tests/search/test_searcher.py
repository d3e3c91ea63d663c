"""Searching a real index of the small seed's documents: what a reader sees in the results."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from reader.library.library import Library
from reader.search.query import normalize_doc_number
from reader.search.ranking import Ranker, Unsupported
from reader.search.searcher import SearchFilters
from tests.search.documents import gold_documents, small_library

DOCS = gold_documents()
BY_NUMBER = {d.doc_number: d for d in DOCS if d.doc_number}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    lib = small_library(tmp_path_factory.mktemp("search") / "library", DOCS)
    yield lib
    lib.close()


def _marked(snippet: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", snippet)


@pytest.mark.parametrize(
    "typed", ["发改能源〔2024〕187号", "发改能源[2024]187号", "发改能源 2024 187", "发改能源（2024）187号"]
)
def test_a_doc_number_in_any_form_finds_its_document_first(library: Library, typed: str) -> None:
    results = library.search(typed)
    assert results.hits[0].doc_number == "发改能源〔2024〕187号"


def test_every_doc_number_of_the_seed_comes_first(library: Library) -> None:
    for number, doc in BY_NUMBER.items():
        match = re.fullmatch(r"(.+)〔(\d{4})〕(\d+)号", number)
        if not match:  # 令 and 公告 numbers have one form
            assert library.search(number).hits[0].id == doc.id, number
            continue
        code, year, serial = match.groups()
        for typed in (number, f"{code}[{year}]{serial}号", f"{code} {year} {serial}"):
            assert library.search(typed).hits[0].id == doc.id, typed


def test_doc_numbers_normalise_to_full_width_brackets() -> None:
    assert normalize_doc_number("发改能源 [2022] 210 号") == "发改能源〔2022〕210号"
    assert normalize_doc_number("发改能源 2022 210") == "发改能源〔2022〕210号"
    assert normalize_doc_number("碳中和") is None


def test_words_are_and_ed(library: Library) -> None:
    results = library.search("配电网 储能")
    assert results.hits
    for hit in results.hits:
        text = library.get(hit.id).text + hit.title
        assert "配电网" in text and "储能" in text
    assert results.total < library.search("储能").total


def test_a_quoted_phrase_matches_only_words_in_a_row(library: Library) -> None:
    results = library.search('"绿色化发展"')
    assert results.hits
    for hit in results.hits:
        assert "绿色化发展" in library.get(hit.id).text + hit.title
        assert set(_marked(hit.snippet)) == {"绿色化发展"}
    assert library.search('"绿色化电商发展"').total == 0


def test_carbon_neutrality_is_searched_whole(library: Library) -> None:
    results = library.search("碳中和")
    assert results.total > 0
    for hit in results.hits:
        assert "碳中和" in library.get(hit.id).text
        assert "碳中和" in _marked(hit.snippet)


def test_snippets_mark_the_words_and_escape_the_text(library: Library) -> None:
    hit = library.search("农村电商").hits[0]
    assert "农村电商" in hit.title
    assert _marked(hit.snippet)
    assert "<" not in re.sub(r"</?mark>", "", hit.snippet)
    for start, end in hit.snippet_spans:
        assert hit.snippet_text[start:end] in {"农村电商", "农村", "电商"}


def test_hit_spans_point_at_every_occurrence_in_the_text(library: Library) -> None:
    doc = BY_NUMBER["发改能源〔2024〕187号"]
    spans = library.searcher().hit_spans(doc.id, "配电网")
    assert len(spans) == doc.text.count("配电网")
    assert all(doc.text[start:end] == "配电网" for start, end in spans)
    phrase = library.searcher().hit_spans(doc.id, '"配电网高质量发展"')
    assert phrase and all(doc.text[s:e] == "配电网高质量发展" for s, e in phrase)
    assert spans == sorted(spans)


def test_filters_by_issuer_year_date_and_type(library: Library) -> None:
    everything = library.search("发展", limit=100).total
    by_issuer = library.search("发展", 100, SearchFilters(issuer="国家能源局"))
    assert 0 < by_issuer.total < everything
    assert all("国家能源局" in h.summary.issuers_canonical for h in by_issuer.hits)
    alias = library.search("发展", 100, SearchFilters(issuer="国家发改委"))
    assert alias.hits and all("国家发展改革委" in h.summary.issuers_canonical for h in alias.hits)
    in_2024 = library.search("发展", 100, SearchFilters(year=2024))
    assert in_2024.hits and all(h.date and h.date.startswith("2024") for h in in_2024.hits)
    spring = library.search("发展", 100, SearchFilters(date_from="2024-02-01", date_to="2024-03"))
    assert spring.hits
    assert all(h.date and "2024-02-01" <= h.date <= "2024-03-31" for h in spring.hits)
    notices = library.search("发展", 100, SearchFilters(doc_type="通知"))
    assert notices.hits and all(h.doc_type == "通知" for h in notices.hits)


def test_a_run_of_title_words_finds_the_document_in_the_top_three(library: Library) -> None:
    for doc in DOCS:
        fragment = doc.title[4:14]
        ids = [h.id for h in library.search(fragment, limit=3).hits]
        assert doc.id in ids, fragment


def test_totals_and_limits(library: Library) -> None:
    results = library.search("发展", limit=5)
    assert len(results.hits) == 5
    assert results.total >= 30
    assert library.search("").total == 0
    assert library.search("量子纠缠计算机").hits == ()
    json_hit = results.to_json()["hits"][0]
    assert set(json_hit) == {"id", "title", "issuers", "doc_number", "date", "score", "snippet"}


def test_curly_quotes_inside_a_pasted_title_are_punctuation_not_a_phrase(
    library: Library,
) -> None:
    doc = next(d for d in DOCS if "“宽带边疆”" in d.title)
    assert library.search("加快“宽带边疆”建设").hits[0].id == doc.id
    standing_apart = library.search("“宽带边疆” 建设")  # quotes apart: a phrase
    assert standing_apart.hits and standing_apart.hits[0].id == doc.id


def test_pages_continue_the_ranking_and_reach_every_match(library: Library) -> None:
    searcher = library.searcher()
    first = searcher.search("发展", limit=10)
    assert first.total > 10
    second = searcher.search("发展", limit=5, offset=5)
    assert [h.id for h in second.hits] == [h.id for h in first.hits[5:10]]
    seen: list[str] = []
    while len(seen) < first.total:
        page = searcher.search("发展", limit=7, offset=len(seen))
        assert page.total == first.total and page.hits
        seen.extend(h.id for h in page.hits)
    assert len(set(seen)) == first.total


@pytest.mark.parametrize("query", ["发展", "推进 实施", '"高质量 发展"', ""])
def test_a_set_of_ids_keeps_those_documents_alone_in_the_ranking_and_its_pages(
    library: Library, query: str
) -> None:
    """The documents kept are the ranking's own, in its order, counted exactly; pages of
    them continue that order; index filters apply on top."""
    searcher = library.searcher()
    everything = searcher.search(query or "发展", limit=1000)
    ranked = [hit.id for hit in everything.hits]
    assert len(ranked) > 12
    chosen = frozenset(ranked[1::3]) | {"no-such-document"}
    kept = searcher.search(query, limit=1000, filters=SearchFilters(ids=chosen))
    if query:
        assert [hit.id for hit in kept.hits] == [i for i in ranked if i in chosen]
    else:  # no words: every chosen document, as the filters alone list them
        assert {hit.id for hit in kept.hits} == chosen - {"no-such-document"}
    assert kept.total == len(kept.hits)
    paged: list[str] = []
    while len(paged) < kept.total:
        page = searcher.search(query, limit=4, filters=SearchFilters(ids=chosen),
                               offset=len(paged))
        assert page.total == kept.total and page.hits
        paged.extend(hit.id for hit in page.hits)
    assert paged == [hit.id for hit in kept.hits]
    issuer = next(hit.summary.issuers_canonical[0] for hit in kept.hits
                  if hit.summary.issuers_canonical)
    both = searcher.search(query, 1000, SearchFilters(issuer=issuer, ids=chosen))
    assert both.hits and all(hit.id in chosen and issuer in hit.summary.issuers_canonical
                             for hit in both.hits)
    assert searcher.search(query, 10, SearchFilters(ids=frozenset())).total == 0


def test_whooshs_own_collector_keeps_the_same_documents(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query shape the ranker does not evaluate goes to Whoosh's collector, which keeps
    the same documents for the same filters."""
    searcher = library.searcher()
    ranked = searcher.search("发展", limit=1000)
    chosen = frozenset(hit.id for hit in ranked.hits[::2])
    issuer = ranked.hits[0].summary.issuers_canonical[0]
    cases = [SearchFilters(), SearchFilters(ids=chosen), SearchFilters(issuer=issuer, ids=chosen)]
    expected = [searcher.search("发展", 1000, filters) for filters in cases]

    def unsupported(*_args: object) -> None:
        raise Unsupported("a shape the ranker does not know")

    monkeypatch.setattr(Ranker, "scores", unsupported)
    for filters, found in zip(cases, expected, strict=True):
        fallback = searcher.search("发展", 1000, filters)
        assert fallback.total == found.total > 0
        assert {hit.id for hit in fallback.hits} == {hit.id for hit in found.hits}


@pytest.mark.parametrize(("years", "dates"), [
    (("2023", "2024"), ("2023-01-01", "2024-12-31")),
    (("2024", None), ("2024-01-01", None)),
    ((None, "2023"), (None, "2023-12-31")),
    (("2024", "2024"), ("2024-01-01", "2024-12-31")),
    (("2025", "2023"), ("2025-01-01", "2023-12-31")),
])
def test_a_range_of_whole_years_finds_what_the_range_of_their_dates_finds(
    library: Library, years: tuple[str | None, str | None], dates: tuple[str | None, str | None]
) -> None:
    for query in ("发展", ""):
        by_year = library.search(query, 1000, SearchFilters(date_from=years[0], date_to=years[1]))
        by_date = library.search(query, 1000, SearchFilters(date_from=dates[0], date_to=dates[1]))
        assert [hit.id for hit in by_year.hits] == [hit.id for hit in by_date.hits]
        assert by_year.total == by_date.total
        first, last = years
        assert all(hit.date and (first is None or hit.date[:4] >= first)
                   and (last is None or hit.date[:4] <= last) for hit in by_year.hits)
    if years[0] is None or years[1] is None or years[0] <= years[1]:
        assert by_year.total > 0
