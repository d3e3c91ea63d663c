"""Bookmarks, highlights and notes in the window: what each user action does to the store.

The controller owns no data: the ``NotesStore`` (opened by the composition root) keeps it,
saving each change before the call returns. Panels and dialogs only say what the user asked;
the controller does it, refreshes what is shown, and puts any failure into plain words.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from queue import SimpleQueue
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.errors import ReaderError
from reader.notes import (
    Annotation,
    AnnotationFilter,
    Bookmark,
    Colour,
    FollowReport,
    Note,
    NotesStore,
    cite_selection,
    follow_import,
    make_anchor,
)
from reader.ui.notes.annotation_layer import AnnotationLayer
from reader.ui.notes.annotations_panel import AnnotationsPanel
from reader.ui.notes.bookmark_marks import BookmarkMarks
from reader.ui.notes.bookmarks_panel import BookmarksPanel
from reader.ui.notes.note_editor import NoteEditor
from reader.ui.notes.notes_view import NotesView

if TYPE_CHECKING:
    from reader.corpus.model import Document, DocumentId
    from reader.ui.base.backend import DocumentLibrary
    from reader.ui.notes.host import NotesHost

T = TypeVar("T")
MESSAGE_MS = 6000


class NotesController(QObject):
    """Connect the user's notes to the window: panels, highlights, bookmarking and editing.

    Attributes:
        editor: the note editor while one is open (it is window-modal, not blocking).
        notice: the last message box shown, if any.

    Signals:
        notesChanged(): notes were added, changed or deleted, and the panels show it.
    """

    notesChanged = Signal()

    def __init__(self, host: NotesHost, store: NotesStore) -> None:
        super().__init__(host.host_widget())
        self.host = host
        self.store = store
        self.editor: NoteEditor | None = None
        self.notice: QMessageBox | None = None
        self._followed: SimpleQueue[FollowReport | str] = SimpleQueue()
        self.deleted: list[Note] = []  # most recent last; 撤销删除 takes them back in turn
        widget = host.host_widget()
        self.layer = AnnotationLayer(host.reading, self)
        self.marks = BookmarkMarks(host.reading)
        self.bookmarks_panel = BookmarksPanel(widget)
        self.annotations_panel = AnnotationsPanel(widget)
        self.bookmarks_tab = host.add_side_panel(self.bookmarks_panel, self.tr("书签"), "left")
        self.annotations_tab = host.add_side_panel(self.annotations_panel, self.tr("标注"))
        for view in (self.bookmarks_panel, self.annotations_panel):
            self.connect_view(view)
        host.documentOpened.connect(self._on_host_document_opened)
        host.follow_imports(self._follow_import)
        host.libraryChanged.connect(self._on_host_library_changed)
        host.documentsRemoved.connect(self._on_host_documents_removed)
        self.layer.annotationClicked.connect(self._on_layer_annotation_clicked)
        self.annotations_panel.inlineSaved.connect(self._on_annotations_panel_inline_saved)
        host.reading.topOffsetChanged.connect(self.annotations_panel.follow)
        if host.reading.document is not None:
            self._reanchor(host.reading.document)
        self.refresh()

    def connect_view(self, view: NotesView) -> None:
        """Let the user open, edit, re-attach and delete the notes listed in ``view``."""
        view.noteActivated.connect(self.open_note)
        view.editRequested.connect(self.edit_note)
        view.deleteRequested.connect(self.delete_note)
        view.reattachRequested.connect(self.reattach)

    # Showing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the store's notes in the panels and the open document's highlights."""
        doc = self.host.reading.document
        bookmarks = self._attempt(self.store.bookmarks) or []
        annotations: list[Annotation] = []
        if doc is not None:
            annotations = self._attempt(
                lambda: self.store.annotations(AnnotationFilter(doc_id=doc.id))) or []
        self.bookmarks_panel.set_notes(list(bookmarks))
        self.annotations_panel.show_document(doc.title if doc else None, annotations)
        self.layer.set_annotations(annotations)
        self.marks.set_bookmarks(list(bookmarks))
        self.notesChanged.emit()

    def _on_host_document_opened(self, doc_id: str) -> None:
        doc = self.host.reading.document
        if doc is not None and doc.id == doc_id:
            self._reanchor(doc)
        self.refresh()

    def _reanchor(self, doc: Document) -> None:
        report = self._attempt(lambda: self.store.reanchor(doc))
        if report is not None and report.orphans:
            self._say(self.tr("本文已有改动：%1 条笔记没能找到原来的文字，已在面板中标为"
                              "“未能定位”，可重新附着或删除。").replace("%1",
                                                                   str(len(report.orphans))))

    def _follow_import(self, report: Any, library: DocumentLibrary) -> None:
        """Let the notes follow one imported file: runs on the import's worker thread.

        The policy is the command line's (``follow_import``); what it did is told on the UI
        thread once the window shows the changed library.
        """
        try:
            self._followed.put(follow_import(self.store, report, library.get))
        except (ReaderError, sqlite3.Error) as error:
            self._followed.put(str(error))

    def _on_host_documents_removed(self, doc_ids: tuple[DocumentId, ...]) -> None:
        lost = self._attempt(lambda: self.store.orphan_documents(doc_ids))
        self.refresh()
        if lost:
            self._say(self._gone_text(lost))

    def _gone_text(self, count: int) -> str:
        return self.tr("%1 条笔记所在的文件已不在文库中，已在面板中标为“未能定位”，"
                       "可重新附着或删除。").replace("%1", str(count))

    def _on_host_library_changed(self, _count: int) -> None:
        followed: list[FollowReport] = []
        failures: list[str] = []
        while not self._followed.empty():
            item = self._followed.get()
            if isinstance(item, FollowReport):
                followed.append(item)
            else:
                failures.append(item)
        if not followed and not failures:
            return
        # A note a later file of the run placed again is no longer lost.
        lost = {note.id for note in self._attempt(self.store.orphans) or []}
        gone = sum(note_id in lost for report in followed for note_id in report.orphaned)
        unplaced = sum(note_id in lost for report in followed for note_id in report.unplaced)
        self.refresh()
        said = []
        if unplaced:
            said.append(self.tr("导入的新版本有改动：%1 条笔记没能找到原来的文字，已在面板中标为"
                                "“未能定位”，可重新附着或删除。").replace("%1", str(unplaced)))
        if gone:
            said.append(self._gone_text(gone))
        if said:
            self._say(" ".join(said))
        for failure in failures:
            self._warn(self.tr("笔记没有随导入更新：%1").replace("%1", failure))

    # Bookmarks --------------------------------------------------------------------------

    def bookmark_here(self) -> Bookmark | None:
        """Bookmark the clause at the selection, the caret, or the top of the page (Ctrl+D)."""
        doc = self._document()
        if doc is None:
            return None
        reading = self.host.reading
        span = reading.selection_offsets()
        if span is not None:
            offset = span[0]
        else:
            browser = reading.browser
            caret_shown = browser.viewport().rect().contains(browser.cursorRect().center())
            offset = reading.caret_offset() if caret_shown else reading.top_offset()
        return self._bookmark(doc, offset)

    def bookmark_outline_clause(self) -> Bookmark | None:
        """Bookmark the clause chosen in the outline (its context menu)."""
        doc = self._document()
        clause = self.host.outline.current_clause()
        if doc is None or clause is None:
            return None
        return self._bookmark(doc, clause.start)

    def _bookmark(self, doc: Document, offset: int) -> Bookmark | None:
        if not doc.text:
            return None
        offset = max(0, min(offset, len(doc.text) - 1))
        known = {b.id for b in self._attempt(lambda: self.store.bookmarks(doc.id)) or []}
        bookmark = self._attempt(lambda: self.store.bookmark_at(doc, offset))
        if bookmark is None:
            return None
        self.refresh()
        self.bookmarks_panel.select(bookmark.id)
        if bookmark.id in known:
            self._say(self.tr("这里已有书签：%1").replace("%1", bookmark.label))
        else:
            self._say(self.tr("已添加书签：%1（Ctrl+3 查看书签）").replace("%1", bookmark.label))
        return bookmark

    # Annotations ------------------------------------------------------------------------

    def highlight(self, colour: Colour) -> Annotation | None:
        """Highlight the selected text in ``colour`` at once, with no note."""
        doc, span = self._selection()
        if doc is None or span is None:
            return None
        annotation = self._attempt(
            lambda: self.store.add_annotation(doc, make_anchor(doc, *span), colour))
        if annotation is not None:
            self._after_highlight(annotation)
        return annotation

    def annotate_selection(self, colour: Colour = Colour.YELLOW) -> NoteEditor | None:
        """Open the editor for a new highlight of the selected text; it is saved on 保存."""
        doc, span = self._selection()
        if doc is None or span is None:
            return None
        try:
            anchor = make_anchor(doc, *span)
        except ValueError:
            self._say(self.tr("选中的只有空白，没有可标注的文字。"))
            return None
        editor = NoteEditor.for_annotation(anchor.quote, colour,
                                           known_tags=self._attempt(self.store.tags) or [],
                                           parent=self.host.host_widget())

        def save() -> bool:
            annotation = self._attempt(lambda: self.store.add_annotation(
                doc, anchor, editor.colour(), editor.note(), editor.tags()))
            if annotation is not None:
                self._after_highlight(annotation)
            return annotation is not None

        editor.saver = save
        return self._open_editor(editor)

    def _after_highlight(self, annotation: Annotation) -> None:
        browser = self.host.reading.browser
        cursor = browser.textCursor()
        cursor.clearSelection()  # so the new colour shows at once, not the selection's
        browser.setTextCursor(cursor)
        self.refresh()
        self.annotations_panel.select(annotation.id)
        self._say(self.tr("已标注（%1）").replace("%1", annotation.colour.label))

    def _on_annotations_panel_inline_saved(self, note: Annotation, text: str,
                                           tags: list[str]) -> None:
        self._saved(self._attempt(lambda: self.store.update_annotation(note.id, note=text,
                                                                       tags=tags)))

    def _on_layer_annotation_clicked(self, annotation_id: str) -> None:
        annotation = self.layer.find(annotation_id)
        if annotation is not None:
            self.annotations_panel.select(annotation.id)
            self.edit_note(annotation)

    # Editing any note -------------------------------------------------------------------

    def edit_note(self, note: Note) -> NoteEditor | None:
        """Open the editor of a bookmark (name, note) or annotation (colour, note, tags)."""
        if self.editor is not None:
            self.editor.raise_()
            return self.editor
        if isinstance(note, Bookmark):
            editor = NoteEditor.for_bookmark(note.anchor.quote, note.label, note.note,
                                             parent=self.host.host_widget())

            def save() -> bool:
                def write() -> Bookmark:
                    self.store.rename_bookmark(note.id, editor.label())
                    return self.store.set_bookmark_note(note.id, editor.note())
                return self._saved(self._attempt(write))
        else:
            editor = NoteEditor.for_annotation(
                note.anchor.quote, note.colour, note.note, note.tags,
                known_tags=self._attempt(self.store.tags) or [], existing=True,
                parent=self.host.host_widget())

            def save() -> bool:
                return self._saved(self._attempt(lambda: self.store.update_annotation(
                    note.id, colour=editor.colour(), note=editor.note(), tags=editor.tags())))

        editor.saver = save
        editor.deleter = lambda: self.delete_note(note)
        return self._open_editor(editor)

    def _saved(self, note: Note | None) -> bool:
        if note is None:
            return False
        self.refresh()
        self._say(self.tr("已保存"))
        return True

    def _open_editor(self, editor: NoteEditor) -> NoteEditor:
        self.editor = editor
        editor.finished.connect(self._on_editor_finished)
        editor.open()
        return editor

    def _on_editor_finished(self, _result: int) -> None:
        if self.editor is not None:
            self.editor.deleteLater()
        self.editor = None

    def delete_note(self, note: Note) -> bool:
        """Delete a note; 撤销删除 (Ctrl+Z) brings the last one back."""
        if isinstance(note, Bookmark):
            done = self._done(lambda: self.store.delete_bookmark(note.id))
        else:
            done = self._done(lambda: self.store.delete_annotation(note.id))
        if not done:
            return False
        self.deleted.append(note)
        self.refresh()
        kind = self.tr("书签") if isinstance(note, Bookmark) else self.tr("标注")
        self._say(self.tr("已删除%1。按 Ctrl+Z 可撤销。").replace("%1", kind))
        return True

    def undo_delete(self) -> Note | None:
        """Put back the note deleted last, as it was (same id, note and tags)."""
        if not self.deleted:
            return None
        note = self.deleted[-1]
        bookmarks = [note] if isinstance(note, Bookmark) else []
        annotations = [note] if isinstance(note, Annotation) else []
        if self._attempt(lambda: self.store.merge([note.document], bookmarks, annotations)) is None:
            return None
        self.deleted.pop()
        doc = self.host.reading.document
        if doc is not None and doc.id == note.document.doc_id:
            self._reanchor(doc)  # the merge asks for the anchors to be checked again
        self.refresh()
        self._say(self.tr("已恢复"))
        return note

    def reattach(self, note: Note) -> bool:
        """Attach a note (typically one that lost its place) to the selected text."""
        doc, span = self._selection(self.tr("先在阅读区选中要附着的文字，再选择“附着到选中的文字”。"))
        if doc is None or span is None:
            return False
        done = self._done(lambda: self.store.reattach(note.id, doc, make_anchor(doc, *span)))
        if done:
            self.refresh()
            self._say(self.tr("已附着到选中的文字"))
        return done

    def open_note(self, note: Note) -> bool:
        """Open the note's document at its passage."""
        if not self.host.open_document(note.document.doc_id):
            self._warn(self.tr("文库中已没有《%1》，无法打开。笔记仍然保留。")
                       .replace("%1", note.document.title))
            return False
        fresh = self._attempt(lambda: self.store.bookmark(note.id) if isinstance(note, Bookmark)
                              else self.store.annotation(note.id))
        if fresh is None or fresh.orphan:
            self._say(self.tr("没能在原文中找到这条笔记的文字。"))
            return False
        self.host.reading.scroll_to_offset(fresh.anchor.start)
        return True

    # Copying ----------------------------------------------------------------------------

    def copy_outline_clause(self) -> str:
        """Copy the clause chosen in the outline with its citation."""
        doc = self._document()
        clause = self.host.outline.current_clause()
        if doc is None or clause is None:
            return ""
        text = cite_selection(doc, clause.start, clause.end)
        QGuiApplication.clipboard().setText(text)
        self._say(self.tr("已复制%1，附出处").replace("%1", clause.label))
        return text

    # Helpers ----------------------------------------------------------------------------

    def _document(self) -> Document | None:
        doc = self.host.reading.document
        if doc is None:
            self._say(self.tr("请先打开一篇文件。"))
        return doc

    def _selection(self, hint: str | None = None
                   ) -> tuple[Document | None, tuple[int, int] | None]:
        doc = self._document()
        span = self.host.reading.selection_offsets() if doc is not None else None
        if doc is not None and (span is None or not doc.text[span[0]:span[1]].strip()):
            self._say(hint or self.tr("请先在阅读区选中要标注的文字。"))
            return doc, None
        return doc, span

    def _attempt(self, action: Callable[[], T]) -> T | None:
        try:
            return action()
        except (ReaderError, sqlite3.Error) as error:
            self._warn(self.tr("笔记操作没有完成：%1").replace("%1", str(error)))
        except ValueError as error:
            self._say(str(error))
        return None

    def _done(self, action: Callable[[], None]) -> bool:
        def run() -> bool:
            action()
            return True
        return self._attempt(run) or False

    def _say(self, message: str) -> None:
        self.host.show_message(message, MESSAGE_MS)

    def _warn(self, message: str) -> None:
        self._say(message)
        parent: QWidget = self.editor if self.editor is not None else self.host.host_widget()
        self.notice = QMessageBox(QMessageBox.Icon.Warning, self.tr("笔记"), message,
                                  QMessageBox.StandardButton.Ok, parent)
        self.notice.open()
