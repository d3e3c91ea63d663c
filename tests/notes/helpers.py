"""Small real documents for the notes tests, built the way the corpus package builds them."""

from __future__ import annotations

from reader.corpus.clauses import parse_clauses
from reader.corpus.model import Document, DocumentId, SourceRef

POLICY_TEXT = (
    "国务院办公厅关于建立健全涉企收费长效监管机制的指导意见\n"
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
    "为进一步规范涉企收费行为，减轻企业负担，经国务院同意，现提出如下意见。\n"
    "一、总体要求\n"
    "以习近平新时代中国特色社会主义思想为指导，坚持问题导向，健全监管机制。\n"
    "二、重点任务\n"
    "（一）规范政府部门收费。严格执行收费目录清单，清单之外一律不得收费。\n"
    "（二）规范行业协会商会收费。不得强制企业入会，不得强制收取会费。\n"
    "（三）规范中介机构收费。推动中介服务公开透明，清单之外一律不得收费。\n"
    "三、保障措施\n"
    "各地区各部门要加强组织领导，抓好贯彻落实。\n"
)


def make_document(text: str = POLICY_TEXT, doc_id: str = "doc-1",
                  title: str = "国务院办公厅关于建立健全涉企收费长效监管机制的指导意见",
                  doc_number: str | None = "国办函〔2025〕30号",
                  issuers: tuple[str, ...] = ("国务院办公厅",)) -> Document:
    """Return a document with the clause structure the corpus parser finds in ``text``."""
    return Document(
        id=DocumentId(doc_id), title=title, issuers=issuers, issuers_canonical=issuers,
        doc_number=doc_number, date="2025-03-25", doc_type="意见",
        source=SourceRef("test.txt", 1, text.count("\n") + 1), text=text,
        clauses=parse_clauses(text),
    )
