"""Split a very large text file window by window, with bounded memory and steady progress.

The whole-file splitter holds every line, every row and every document at once: a 200 MB
compilation took 1.3 GB and said nothing for minutes. Here the file is decoded a chunk at a
time (:class:`reader.corpus.encoding.TextStream`) and split in windows of about
``WINDOW_CHARS`` characters. Documents can only end where the next one begins, so a window
keeps the documents that end well inside it (``MARGIN_ROWS`` rows before its end, where
nothing later can change them) and carries the rest — from the head of the last document it
did not keep — into the next window. What a whole file decides once is carried along: the
table of contents of the first window and which of its entries were found, the numbering of
repeated ids, the order (令) a regulation follows. Running headers are judged over the whole
file, as the whole-file splitter judges them: the file is read once for them before it is
split (a footer that looks like one inside a window may repeat elsewhere on pages that do
not grow, and then it is text).

A file that fits in one window is split exactly as the whole-file splitter does; past that,
documents go to a temporary file (:class:`reader.corpus.spill.SpilledDocuments`) as they are
found. Progress is reported by bytes read, in both readings.
"""

from __future__ import annotations

from dataclasses import replace

from reader.corpus.clean import RunningHeaderFinder
from reader.corpus.compilation import compilation_title
from reader.corpus.encoding import TextStream
from reader.corpus.formats.base import ReadProgress
from reader.corpus.model import Document, FrontMatter, SourceRef, SplitResult
from reader.corpus.spill import SpilledDocuments
from reader.corpus.split import (
    DocumentState,
    Window,
    _build_documents,
    _chapter_parts,
    _collect_heads,
    _front_matter,
    _own_chapters,
    _with_full_organs,
    missing_entry_warning,
    split_lines,
)
from reader.corpus.split_heads import Head, find_dividers
from reader.corpus.split_lines import make_rows
from reader.corpus.toc import Toc, find_toc

#: Characters of text split at once (a few MB of UTF-8): small enough to report within a
#: second, large enough for page numbers and running headers to repeat inside it.
WINDOW_CHARS = 600_000
_MB = 1024 * 1024
#: How many windows to read on for a TOC entry before taking it for one the text lacks.
WAIT_WINDOWS = 8
#: Text files larger than this (bytes) are streamed; smaller ones are read whole, as always.
STREAM_FROM = 4 * 1024 * 1024
#: A document kept from a window ends at least this many rows before the window's end.
MARGIN_ROWS = 300


def split_stream(
    stream: TextStream,
    source: str,
    progress: ReadProgress | None = None,
    window_chars: int | None = None,
) -> SplitResult:
    """Split a streamed text file; its documents are spilled to disk past one window.

    ``window_chars`` defaults to ``WINDOW_CHARS`` (read when called).
    """
    window_chars = window_chars or WINDOW_CHARS
    splitter = _Splitter(stream, source, progress)
    splitter.find_headers()
    buffer: list[str] = []
    size = 0
    limit = window_chars
    for line in stream.lines():
        buffer.append(line)
        size += len(line) + 1
        if size >= limit:
            buffer, kept = splitter.window(buffer, final=False)
            size = sum(len(line) + 1 for line in buffer)
            # A document longer than the window: read on until a later head shows its end.
            limit = window_chars if kept else size + window_chars
    return splitter.finish(buffer)


class _Splitter:
    """The state of one streamed split between windows."""

    def __init__(self, stream: TextStream, source: str, progress: ReadProgress | None) -> None:
        self.stream = stream
        self.source = source
        self.progress = progress
        self.documents = SpilledDocuments()
        self.base = 0  # file line of the buffer's first line
        self.toc: Toc | None = None
        self.look = Window()
        self.state = DocumentState(on_document=self._report)
        self.headers: frozenset[str] = frozenset()  # running headers of the whole file
        self.reading = 1  # the second reading splits
        self.front: list[FrontMatter] = []
        self.warnings: list[str] = []
        self.found_entries: set[int] = set()
        self.organs: list[tuple[tuple[str, ...], str | None]] = []  # issuers and 文号 so far
        self.waited = 0  # windows read on in a row for a TOC entry not found yet
        self.title: str | None = None  # the compilation's own title, from its cover

    def find_headers(self) -> None:
        """Read the whole file once for its running headers (the first reading)."""
        finder = RunningHeaderFinder()
        warned = len(self.stream.warnings)
        reported = -1
        self.reading = 0
        for line in self.stream.lines():
            finder.add(line)
            if self.stream.done != reported:  # a chunk read
                reported = self.stream.done
                self._report()
        del self.stream.warnings[warned:]  # the splitting reading tells them
        self.headers = finder.headers()
        self.reading = 1

    def _report(self, built: int = 0) -> None:
        if self.progress is not None:
            # Counted in MB over both readings (the window adds ``done/total`` to the words):
            # whole megabytes read, the last one when the file is read to its end.
            size = -(-self.stream.size // _MB)
            done = min(self.stream.done * size // self.stream.size, size)
            if self.reading:
                words = f"已读 {done} MB，找到 {len(self.documents) + built} 篇文档"
            else:
                words = f"查找页眉页脚，已读 {done} MB"
            self.progress(f"正在拆分 {self.source}：{words}", done + self.reading * size, 2 * size)

    def window(self, lines: list[str], final: bool) -> tuple[list[str], bool]:
        """Split one window; return the lines to carry on and whether documents were kept."""
        self._report()
        rows = make_rows(lines)
        first = self.look.first
        if first:
            self.toc = find_toc(rows)
        toc = self.toc
        if not first and toc is not None:
            toc = replace(toc, first_row=-1, last_row=-2)  # its rows were in the first window
        dividers = find_dividers(rows, toc)
        heads = _collect_heads(rows, toc, dividers, self.warnings, self.look)
        # The compilation's own chapters are front matter, as in the whole-file split.
        # (A window may hold only a chapter: the whole table of contents tells whether the
        # compilation has documents besides its chapters.)
        chapters = _own_chapters(toc, heads)
        if chapters and toc is not None and self._documents_besides_chapters(toc):
            heads = [head for head in heads if head.row not in chapters]
        else:
            chapters = set()
        if final:
            cut = len(heads)
            cut_row = len(rows)
        else:
            usable = [k for k, head in enumerate(heads) if k > 0 and head.row < len(rows) - MARGIN_ROWS]
            if not usable:
                return lines, False
            cut = usable[-1]
            cut_row = heads[cut].row
            if self._entry_may_follow(cut_row):
                return lines, False
        kept_dividers = {pos for pos in dividers if pos < cut_row}
        if first:
            front = _front_matter(rows, lines, self.toc, kept_dividers, heads[0].row if heads else None)
        else:
            front = _front_matter(rows, lines, None, kept_dividers, 0)
        kept_chapters = {row for row in chapters if row < cut_row}
        front += _chapter_parts(rows, lines, kept_chapters, {head.row for head in heads} | dividers,
                                self.headers)
        front = tuple(sorted(front, key=lambda part: part.start_line))
        if first:
            self.title = compilation_title(front)
        self.front.extend(replace(part, start_line=part.start_line + self.base,
                                  end_line=part.end_line + self.base) for part in front)
        built = _build_documents(rows, lines, heads[: cut + 1], dividers | chapters, self.source,
                                 self.headers, self.state, count=cut)
        for doc in _with_full_organs(built, self.organs):
            if self.title:
                doc = replace(doc, source_title=self.title)
            self.documents.append(_shifted(doc, self.base))
            if doc.issuers:
                self.organs.append((doc.issuers, doc.doc_number))
        found = {entry for entry, row in self.look.matched.items() if row < cut_row}
        self.found_entries |= found
        if found:
            self.look.entry = max(found) + 1
        self.look.first = False
        self.waited = 0
        if final:
            return [], True
        self.look.head = _rebased(heads[cut], cut_row)
        start = rows[cut_row].index
        self.base += start
        return lines[start:], True

    @staticmethod
    def _documents_besides_chapters(toc: Toc) -> bool:
        """Tell whether the table of contents lists documents besides the editor's chapters."""
        listed = [entry for entry in toc.entries if entry.kind == "document"]
        heads = [Head(row, row, "toc", toc=entry) for row, entry in enumerate(listed)]
        return len(_own_chapters(toc, heads)) < len(heads)

    def _entry_may_follow(self, cut_row: int) -> bool:
        """Tell whether to read on because the next TOC entry may be further on.

        The whole-file splitter looks for the TOC's entries in order through the rest of the
        file: an entry found far on (a report's chapter after its list of policy titles)
        means the later entries are searched only after it. So a window that found later
        entries but not one before them reads on, up to ``WAIT_WINDOWS`` windows, before it
        takes the next entry for one the text lacks.
        """
        matched = {entry for entry, row in self.look.matched.items() if row < cut_row}
        missing = matched and set(range(self.look.entry, max(matched))) - matched
        if not missing or self.waited >= WAIT_WINDOWS:
            return False
        self.waited += 1
        return True

    def finish(self, lines: list[str]) -> SplitResult:
        """Split the last window and return the whole file's result."""
        encoding = self.stream.encoding
        if self.look.first:
            # The whole file fits in one window: the whole-file splitter, as for any file.
            self._report()
            result = split_lines(lines, self.source, encoding, self.state)
            return replace(result, warnings=tuple(self.stream.warnings) + result.warnings)
        if lines:
            self.window(lines, final=True)
        if self.toc is not None:
            for e_pos, entry in enumerate(self.toc.documents()):
                if e_pos not in self.found_entries:
                    self.warnings.append(missing_entry_warning(entry.title))
        self._report()
        return SplitResult(self.source, encoding, self.documents, tuple(self.front),
                           warnings=tuple(self.stream.warnings) + tuple(self.warnings))


def _shifted(doc: Document, base: int) -> Document:
    """Return ``doc`` with its lines counted from the file's start, not the window's."""
    ref = doc.source
    return replace(doc, source=SourceRef(ref.file, ref.start_line + base, ref.end_line + base,
                                         ref.page, ref.end_page))


def _rebased(head: Head, row: int) -> Head:
    """Return ``head`` with its rows counted from ``row`` (the next window's first row)."""
    region = head.region - row if head.region is not None else None
    return Head(0, head.title_end - row, head.kind, head.toc, region,
                tuple(pos - row for pos in head.skip))

