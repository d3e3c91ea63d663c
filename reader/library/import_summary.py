"""Importing files and folders as a person sees it: what was found, what is new, what was skipped.

``import_paths`` runs (or, with ``dry_run``, only plans) an import of files and folders and
returns an :class:`ImportSummary`: documents found, new, new versions of documents already in
the library, already present, and the files skipped with the reason in plain Chinese. The
window and ``reader-cli import`` both show ``summary.lines()`` (or ``to_json()``); neither
has to count anything itself. No Qt here: the window runs this on a worker thread, passing
``cancelled`` to stop between files and pages (the file being read is then left out whole).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reader.corpus.model import DocumentId, DocumentSummary, SplitResult
from reader.errors import ReaderError
from reader.library.heartbeat import heartbeat
from reader.library.importable import expand_paths, file_sha256
from reader.library.library import BATCH_FILES, ImportReport, Library, Progress
from reader.library.store import SourceInfo
from reader.library.versions import work_key

#: Called with each file's report after it is imported (not in a dry run).
AfterFile = Callable[[ImportReport], None]
#: ``on_file(number, count, path)``: file ``number`` (1-based) of ``count`` is starting.
OnFile = Callable[[int, int, Path], None]


class ImportCancelled(ReaderError):
    """The person stopped the import; the file being read was left out whole."""


@dataclass(frozen=True)
class FoundDocument:
    """One document of an imported file, and what importing it does."""

    id: DocumentId
    title: str
    doc_number: str | None
    date: str | None
    status: str  # "new", "new_version" (the title is in the library with other text), "present"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "doc_number": self.doc_number,
                "date": self.date, "status": self.status}


@dataclass(frozen=True)
class FileOutcome:
    """What one file gave: its documents, whether it was imported before, its warnings."""

    path: str
    source: str
    documents: tuple[FoundDocument, ...]
    unchanged: bool = False  # the very same file was imported before: nothing to do
    known: int = 0  # documents of an unchanged file (already present; not read again)
    replaced: bool = False  # an earlier import of a file of this name is replaced
    warnings: tuple[str, ...] = ()

    @property
    def found(self) -> int:
        return len(self.documents) + self.known

    def count(self, status: str) -> int:
        counted = sum(1 for doc in self.documents if doc.status == status)
        return counted + (self.known if status == "present" else 0)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "source": self.source,
            "documents_found": self.found,
            "new": self.count("new"),
            "new_versions": self.count("new_version"),
            "already_present": self.count("present"),
            "unchanged": self.unchanged,
            "replaced": self.replaced,
            "warnings": list(self.warnings),
            "documents": [doc.to_json() for doc in self.documents],
        }


@dataclass(frozen=True)
class SkippedFile:
    """A file that was not imported, and why, in words for a person."""

    path: str
    reason: str


@dataclass(frozen=True)
class ImportSummary:
    """The outcome of one import of files and folders (or of its dry run)."""

    files: tuple[FileOutcome, ...] = ()
    skipped: tuple[SkippedFile, ...] = ()
    dry_run: bool = False
    cancelled: bool = False
    reports: tuple[ImportReport, ...] = field(default=(), compare=False, repr=False)

    def _count(self, status: str) -> int:
        return sum(outcome.count(status) for outcome in self.files)

    @property
    def found(self) -> int:
        return sum(outcome.found for outcome in self.files)

    @property
    def new(self) -> int:
        return self._count("new")

    @property
    def new_versions(self) -> int:
        return self._count("new_version")

    @property
    def present(self) -> int:
        return self._count("present")

    @property
    def new_ids(self) -> tuple[DocumentId, ...]:
        """Ids of the documents new to the library (new versions included), in file order."""
        return tuple(
            doc.id for outcome in self.files for doc in outcome.documents
            if doc.status != "present"
        )

    @property
    def changed(self) -> bool:
        """Tell whether the import added anything (false for a dry run)."""
        return not self.dry_run and bool(self.new_ids)

    def headline(self) -> str:
        """Return one sentence saying what happened (or, in a dry run, would happen)."""
        if self.cancelled and not self.files:
            return "导入已取消，文档库未改动。"
        if not self.files:
            return "没有导入任何文件。"
        added = self.new + self.new_versions
        verb = "将新增" if self.dry_run else "新增"
        if not added:
            same = sum(1 for outcome in self.files if outcome.unchanged)
            bits = [f"找到的 {self.present} 篇都已在文档库中"] if self.present else []
            if same:
                bits.append(f"{same} 个文件与上次导入的相同，未做改动")
            sentence = "没有新文档" + ("：" + "，".join(bits) if bits else "") + "。"
        else:
            parts = [f"{verb} {self.new} 篇"]
            if self.new_versions:
                parts.append(f"新版本 {self.new_versions} 篇")
            if self.present:
                parts.append(f"已在文档库中 {self.present} 篇")
            sentence = f"找到 {self.found} 篇文档：" + "，".join(parts) + "。"
        if self.dry_run:
            sentence = "试运行（文档库未改动）：" + sentence
        if self.cancelled:
            sentence += "导入在中途取消，其余文件未导入。"
        return sentence

    def lines(self) -> list[str]:
        """Return the summary for a person: the headline, each file, each skipped file."""
        out = [self.headline()]
        for outcome in self.files:
            if outcome.unchanged:
                out.append(f"{outcome.source}：{outcome.known} 篇，与上次导入的文件相同，未做改动")
                continue
            counts = [f"{outcome.found} 篇"]
            for status, word in (("new", "新增"), ("new_version", "新版本"), ("present", "已有")):
                if outcome.count(status):
                    counts.append(f"{word} {outcome.count(status)}")
            replaced = "（替换了同名的旧文件）" if outcome.replaced else ""
            out.append(f"{outcome.source}：{'，'.join(counts)}{replaced}")
            out.extend(f"  {warning}" for warning in outcome.warnings)
        if self.skipped:
            out.append(f"跳过 {len(self.skipped)} 个文件：")
            out.extend(f"  {Path(item.path).name}：{item.reason}" for item in self.skipped)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "cancelled": self.cancelled,
            "documents_found": self.found,
            "new": self.new,
            "new_versions": self.new_versions,
            "already_present": self.present,
            "new_ids": list(self.new_ids),
            "files": [outcome.to_json() for outcome in self.files],
            "skipped": [{"path": item.path, "reason": item.reason} for item in self.skipped],
            "message": self.headline(),
        }


class _Known:
    """The library's documents as an import compares with them: ids, titles, sources."""

    def __init__(self, summaries: Sequence[DocumentSummary], sources: Sequence[SourceInfo]):
        self.ids = {summary.id for summary in summaries}
        self.works = {work_key(summary) for summary in summaries} - {None}
        self.sources = {source.name: source.sha256 for source in sources}
        self.counts = {source.name: source.documents for source in sources}

    def status(self, doc: DocumentSummary) -> str:
        if doc.id in self.ids:
            return "present"
        # The same work (title and issuers) with another text: see library.versions.
        return "new_version" if work_key(doc) in self.works else "new"

    def learn(self, docs: Sequence[DocumentSummary], name: str, sha256: str) -> None:
        for doc in docs:
            self.ids.add(doc.id)
            self.works.add(work_key(doc))
        self.sources[name] = sha256
        self.counts[name] = len(docs)


def import_paths(
    library: Library | None,
    paths: Iterable[Path],
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    on_file: OnFile | None = None,
    after_file: AfterFile | None = None,
    cancelled: Callable[[], bool] | None = None,
    known: tuple[Sequence[DocumentSummary], Sequence[SourceInfo]] | None = None,
) -> ImportSummary:
    """Import files and folders, each all or nothing, and say what happened.

    With ``dry_run`` nothing is written: each file is read and split, and compared with
    ``known`` (the library's summaries and sources; read from ``library`` when not given,
    and a library may be None only in a dry run with ``known``).

    Raises:
        InputError: a path that does not exist (nothing is imported then).
    """
    files = expand_paths(paths)
    if known is None:
        if library is None:
            raise ValueError("import_paths needs a library or, for a dry run, known documents")
        known = (library.documents(), library.sources())
    catalogue = _Known(*known)
    stop = cancelled or (lambda: False)

    def report(message: str, done: int, total: int) -> None:
        if stop():
            raise ImportCancelled("导入已取消")
        if progress:
            progress(message, done, total)

    outcomes: list[FileOutcome] = []
    skipped: list[SkippedFile] = []
    reports: list[ImportReport] = []
    # Files read and split, waiting to be committed together (one store transaction and one
    # index commit for up to BATCH_FILES files: a commit per file makes a folder slow).
    pending: list[tuple[FileOutcome, tuple[Path, SplitResult, str]]] = []

    def commit() -> None:
        if not pending:
            return
        assert library is not None
        batch = list(pending)
        pending.clear()
        done = library.add_split([item for _, item in batch], progress)
        for (outcome, _), (path, result) in zip(batch, done, strict=True):
            if isinstance(result, ReaderError):
                skipped.append(SkippedFile(str(path), _reason(result, path)))
                continue
            if result.unchanged:
                # Another program imported the very same file meanwhile (seen under the lock).
                outcome = replace(outcome, documents=(), unchanged=True,
                                  known=len(outcome.documents), replaced=False)
            outcomes.append(outcome)
            reports.append(result)
            if after_file:
                after_file(result)

    def summary(stopped: bool) -> ImportSummary:
        commit()  # what was read before the stop is imported: only the file being read is not
        order = {str(path): number for number, path in enumerate(files)}
        outcomes.sort(key=lambda outcome: order[outcome.path])
        skipped.sort(key=lambda item: order.get(item.path, len(order)))
        return ImportSummary(tuple(outcomes), tuple(skipped), dry_run, stopped, tuple(reports))

    for number, path in enumerate(files, 1):
        if stop():
            return summary(True)
        if on_file:
            on_file(number, len(files), path)
        try:
            outcome, split = _one_file(path, catalogue, report)
        except ImportCancelled:
            return summary(True)
        except ReaderError as error:
            skipped.append(SkippedFile(str(path), _reason(error, path)))
            continue
        if split is None or dry_run:
            outcomes.append(outcome)
            continue
        if any(item[0].name == path.name for _, item in pending):
            commit()  # a later file of the same name replaces the earlier one
        pending.append((outcome, split))
        if len(pending) >= BATCH_FILES:
            commit()
    return summary(False)


def _one_file(
    path: Path, known: _Known, report: Progress
) -> tuple[FileOutcome, tuple[Path, SplitResult, str] | None]:
    """Read and split one file; return what it gave and, unless unchanged, what to commit."""
    from reader.corpus.formats import split_path

    report(f"读取 {path.name}", 0, 1)
    name = path.name
    # Hashing a huge file, a window's long documents and reading its summaries back say nothing.
    with heartbeat(report, f"正在读取和拆分 {name}") as told:
        sha256 = file_sha256(path)
        if known.sources.get(name) == sha256:
            return FileOutcome(str(path), name, (), unchanged=True, known=known.counts[name]), None
        result = split_path(path, told)
        if not result.documents:
            reason = result.reason or "没有识别出文件标题"
            raise ReaderError(f"未找到任何文档（{reason}），没有导入任何内容。")
        # Their summaries, read once: a huge file's documents are on disk.
        summaries = [doc.summary() for doc in result.documents]
    found = tuple(
        FoundDocument(doc.id, doc.title, doc.doc_number, doc.date, known.status(doc))
        for doc in summaries
    )
    replaced = name in known.sources
    known.learn(summaries, name, sha256)
    outcome = FileOutcome(str(path), name, found, replaced=replaced, warnings=result.warnings)
    return outcome, (path, result, sha256)


def _reason(error: ReaderError, path: Path) -> str:
    """Return an error's message without the file name it repeats (the summary names it)."""
    message = str(error)
    for name in (str(path), path.name):
        for form in (f"：{name}", f"{name}："):
            message = message.replace(form, "")
    return message.strip() or str(error)
