"""Links between documents of a real library: citations, backlinks, versions, validity."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reader.library.library import Library
from reader.library.link_model import CITE_ARTICLE, CITE_DOC_NUMBER, CITE_SHORT, CITE_TITLE

LINKS = Path(__file__).parent / "fixtures" / "links"
TODAY = date(2026, 12, 1)


def _import(library: Library, *names: str) -> dict[str, str]:
    ids: dict[str, str] = {}
    for name in names:
        report = library.add_file(LINKS / f"{name}.txt")
        assert len(report.added) == 1, name
        ids[name] = report.added[0]
    return ids


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library.open_folder(tmp_path / "library")


@pytest.fixture
def ids(library: Library) -> dict[str, str]:
    return _import(library, "parking_2019", "parking_2024", "fee_2015", "inspection_2020",
                   "rules_2024", "charging_2026")


def test_a_title_its_short_form_and_its_articles_resolve_to_the_version_then_in_force(
    library: Library, ids: dict[str, str]
) -> None:
    links = library.links(ids["rules_2024"], TODAY)
    by_text = {(c.text, c.kind): c for c in links.cites}
    full = by_text[("《某市停车场管理条例》", CITE_TITLE)]
    assert full.target_id == ids["parking_2024"]  # revised before the rules were made
    short = [c for c in links.cites if c.kind == CITE_SHORT]
    assert short and all(c.target_id == ids["parking_2024"] for c in short)
    assert all(c.title == "某市停车场管理条例" for c in short)
    articles = {c.text: c for c in links.cites if c.kind == CITE_ARTICLE}
    # 第六条 of the revised text is the registration the 2019 text had as 第五条.
    assert articles["第六条"].target_id == ids["parking_2024"]
    assert articles["第六条"].clause == "第六条"
    assert "登记制度" in _clause_text(library, ids["parking_2024"], "第六条")
    assert articles["第二条"].target_id == ids["rules_2024"]  # 本细则第二条: itself
    assert [c.title for c in links.unresolved if c.kind == CITE_TITLE] == ["中华人民共和国道路交通安全法"]


def test_an_older_document_cites_the_older_version_and_its_own_numbering(
    library: Library, ids: dict[str, str]
) -> None:
    links = library.links(ids["inspection_2020"], TODAY)
    article = next(c for c in links.cites if c.kind == CITE_ARTICLE)
    assert (article.target_id, article.clause) == (ids["parking_2019"], "第五条")
    assert "登记制度" in _clause_text(library, ids["parking_2019"], "第五条")


def _clause_text(library: Library, doc_id: str, address: str) -> str:
    from reader.corpus.clauses import find_clause

    doc = library.get(doc_id)
    clause = find_clause(doc.clauses, address)
    assert clause is not None
    return doc.text[clause.start:clause.end]


def test_a_quoted_short_name_is_followed_in_bare_text(library: Library, ids: dict[str, str]) -> None:
    links = library.links(ids["charging_2026"], TODAY)
    bare = [c for c in links.cites if c.text == "停车场条例"]
    assert bare and bare[0].kind == CITE_SHORT and bare[0].target_id == ids["parking_2024"]
    article = next(c for c in links.cites if c.kind == CITE_ARTICLE)
    assert (article.target_id, article.clause) == (ids["parking_2024"], "第五条")


def test_a_document_number_and_a_repeal_make_the_repealed_document_say_so(
    library: Library, ids: dict[str, str]
) -> None:
    numbers = [c for c in library.links(ids["rules_2024"], TODAY).cites
               if c.kind == CITE_DOC_NUMBER]
    assert {c.target_id for c in numbers} == {ids["fee_2015"], ids["inspection_2020"]}
    for repealed in ("fee_2015", "inspection_2020"):
        status = library.links(ids[repealed], TODAY).status
        assert (status.code, status.label, status.by_id) == ("repealed", "已废止", ids["rules_2024"])
        assert status.evidence and ("同时废止" in status.evidence or "不再执行" in status.evidence)
    relations = library.links(ids["fee_2015"], TODAY).relations
    assert [(r.kind, r.source_id) for r in relations] == [("废止", ids["rules_2024"])]


def test_validity_names_its_sentence(library: Library, ids: dict[str, str]) -> None:
    old = library.links(ids["parking_2019"], TODAY).status
    assert (old.code, old.by_id) == ("amended", ids["parking_2024"]) and old.evidence
    new = library.links(ids["parking_2024"], TODAY).status
    assert new.code == "in_force" and new.evidence == "第八条 本条例自2024年5月1日起施行。"
    assert library.links(ids["charging_2026"], TODAY).status.code == "not_yet"
    later = library.links(ids["charging_2026"], date(2027, 1, 1)).status
    assert later.code == "in_force" and "2027年1月1日" in (later.evidence or "")


def test_backlinks_carry_the_citing_sentence(library: Library, ids: dict[str, str]) -> None:
    cited_by = library.links(ids["parking_2024"], TODAY).cited_by
    assert {c.source_id for c in cited_by} == {ids["rules_2024"], ids["charging_2026"]}
    assert any("以下简称《条例》" in c.sentence for c in cited_by)
    versions = library.links(ids["parking_2024"], TODAY).versions
    assert [v.id for v in versions] == [ids["parking_2019"]]


def test_a_citation_resolves_once_the_cited_document_is_imported(library: Library) -> None:
    rules = _import(library, "rules_2024")["rules_2024"]
    assert library.links(rules, TODAY).status.code == "in_force"
    before = next(c for c in library.links(rules, TODAY).cites if c.text == "《某市停车场管理条例》")
    assert before.target_id is None
    assert "某市停车场管理条例" in {c.title for c in library.links(rules, TODAY).unresolved}
    parking = _import(library, "parking_2024")["parking_2024"]
    after = next(c for c in library.links(rules, TODAY).cites if c.text == "《某市停车场管理条例》")
    assert after.target_id == parking


def test_documents_stored_before_mentions_were_kept_are_read_from_their_text(
    library: Library, ids: dict[str, str]
) -> None:
    import sqlite3

    library.close()
    with sqlite3.connect(library.directory / "library.sqlite3") as db:
        db.execute("UPDATE documents SET links = NULL")
    reopened = Library.open_folder(library.directory)
    try:
        status = reopened.links(ids["fee_2015"], TODAY).status
        assert (status.code, status.by_id) == ("repealed", ids["rules_2024"])
    finally:
        reopened.close()
