"""A real library with links between its documents, written by hand over the real texts.

The library is the small seed (004) plus two versions of a short law and the hostile
document. The links are ``DocumentLinks`` values whose offsets point at real mentions in
the real texts: the seed's 技师 plan cites 《关于实施高技能领军人才培育计划的通知》, which the
library holds; it also names works the library lacks; the hostile document stands in as the
target of one mention, so its title (with a ``<script>``) reaches a tooltip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from reader.app import open_backend
from reader.corpus.model import Document, DocumentId, DocumentSummary
from reader.library.library import Library
from reader.library.link_model import (
    CITE_DOC_NUMBER,
    CITE_TITLE,
    REPEALS,
    Citation,
    DocumentLinks,
    Relation,
    Status,
)
from reader.paths import Paths
from reader.ui.base.backend import Backend, BackendLoader
from reader.ui.base.tasks import Progress
from tests.ui.test_hostile_text import HOSTILE_FILE

LAWS = Path(__file__).parent.parent / "library" / "fixtures"
PLAN = DocumentId("cceb63286ec3aed8")  # 省人力资源社会保障厅关于印发《江苏省卓越技师培育计划…》的通知
LEADERS = DocumentId("3049d7d1cca42ed0")  # 人力资源社会保障部等七部门关于实施高技能领军人才培育计划的通知
LEADERS_CLAUSE = "三、/（三）"
CITED = "《关于实施高技能领军人才培育计划的通知》"
CITED_NUMBER = "人社部发〔2024〕29号"
MISSING = ("《关于推行终身职业技能培训制度的实施意见》", "《关于提高技术工人待遇的实施意见》")
AS_HOSTILE = "《关于加强新时代高技能人才队伍建设的意见》"


@dataclass(frozen=True)
class LinkedLibrary:
    """The documents of the linked library and the links the backend gives for them."""

    old_law: DocumentId
    new_law: DocumentId
    hostile: DocumentId
    links: dict[str, DocumentLinks]

    def provider(self, doc_id: str) -> DocumentLinks | None:
        return self.links.get(doc_id) or DocumentLinks(DocumentId(doc_id), (), (), (), (),
                                                       Status("unknown"))

    def statuses(self) -> dict[DocumentId, Status]:
        return {DocumentId(doc_id): links.status for doc_id, links in self.links.items()}

    def loader(self, paths: Paths) -> BackendLoader:
        def load(progress: Progress) -> Backend:
            return replace(open_backend(paths, progress), links=self.provider,
                           statuses=self.statuses)

        return load


def sentence_at(text: str, offset: int) -> str:
    """Return the sentence of ``text`` that holds ``offset`` (up to its 。)."""
    start = max(text.rfind("。", 0, offset), text.rfind("\n", 0, offset)) + 1
    end = min((i for i in (text.find("。", offset), text.find("\n", offset)) if i >= 0),
              default=len(text))
    return text[start : end + 1].strip()


def mention(doc: Document, text: str, kind: str, target: DocumentId | None,
            clause: str | None = None, title: str | None = None) -> Citation:
    """Return the citation of the first ``text`` in ``doc`` (it must be there)."""
    start = doc.text.index(text)
    return Citation(doc.id, start, start + len(text), text, kind, sentence_at(doc.text, start),
                    title or text.strip("《》"), target, clause)


def build(library_dir: Path) -> LinkedLibrary:
    """Import the laws and the hostile document into ``library_dir``; return the links."""
    library = Library.open_folder(library_dir)
    try:
        old_id = library.add_file(LAWS / "park_rules_2018.txt").added[0]
        new_id = library.add_file(LAWS / "park_rules_2024.txt").added[0]
        hostile_id = library.add_file(HOSTILE_FILE).added[0]
        plan, old, new = library.get(PLAN), library.get(old_id), library.get(new_id)
        summaries = {s.id: s for s in library.documents()}
    finally:
        library.close()
    cites = (
        mention(plan, CITED, CITE_TITLE, LEADERS, LEADERS_CLAUSE),
        mention(plan, CITED_NUMBER, CITE_DOC_NUMBER, LEADERS),
        mention(plan, AS_HOSTILE, CITE_TITLE, hostile_id),
        *(mention(plan, title, CITE_TITLE, None) for title in MISSING),
    )
    in_force = re.search(r"[^。\n]*施行[^。\n]*。", plan.text)
    assert in_force is not None
    repeal = Relation(REPEALS, PLAN, "关于印发江苏省高技能人才重点项目评审标准（试行）的通知",
                      sentence_at(plan.text, plan.text.index("《关于印发江苏省高技能")))
    links: dict[str, DocumentLinks] = {
        PLAN: DocumentLinks(PLAN, cites, (), (), (repeal,),
                            Status("in_force", in_force.group(0))),
        LEADERS: DocumentLinks(LEADERS, (), cites[:2], (), (), Status("unknown")),
        old_id: _law_links(old, new_id, summaries[new_id], "amended"),
        new_id: _law_links(new, old_id, summaries[old_id], "in_force"),
    }
    return LinkedLibrary(old_id, new_id, hostile_id, links)


def _law_links(doc: Document, other: DocumentId, other_summary: DocumentSummary,
               code: str) -> DocumentLinks:
    evidence = sentence_at(doc.text, doc.text.index("起施行"))
    return DocumentLinks(doc.id, (), (), (other_summary,), (),
                         Status(code, evidence, other if code == "amended" else None))
