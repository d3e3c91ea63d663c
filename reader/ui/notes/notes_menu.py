"""The 笔记 menu, the notes' entries in the reading pane's and outline's context menus, and
export and import of notes from the menu.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from reader.errors import ReaderError
from reader.notes import (
    AnnotationFilter,
    Colour,
    Note,
    export_json,
    export_markdown,
    import_json,
)
from reader.notes.exchange import notes_markdown, write_atomically
from reader.ui.notes.note_editor import colour_icon
from reader.ui.notes.notes_browser import NotesBrowser
from reader.ui.notes.notes_controller import NotesController
from reader.ui.notes.selection_bar import SelectionBar

EXPORT_KINDS = {"md": ("笔记.md", "Markdown (*.md)"), "json": ("笔记.json", "JSON (*.json)")}


class NotesActions(QObject):
    """Create the notes' actions and menus for the window of ``controller``."""

    def __init__(self, controller: NotesController) -> None:
        super().__init__(controller)
        self.controller = controller
        host = controller.host
        self.host = host
        widget = host.host_widget()
        self.browser: NotesBrowser | None = None
        tr = self.tr

        self.bookmark = self._action(tr("为所在条款添加书签"), "Ctrl+D", controller.bookmark_here)
        self.highlight_menu = QMenu(tr("高亮"), widget)
        self.highlights: dict[Colour, QAction] = {}
        for colour in Colour:
            action = self._action(colour.label, None,
                                  lambda _checked=False, c=colour: controller.highlight(c))
            action.setIcon(colour_icon(colour))
            self.highlight_menu.addAction(action)
            self.highlights[colour] = action
        self.highlights[Colour.YELLOW].setShortcut(QKeySequence("Ctrl+H"))
        self.annotate = self._action(tr("标注并写笔记…"), "Ctrl+Shift+H",
                                     lambda: controller.annotate_selection())
        self.undo_delete = self._action(tr("撤销删除"), QKeySequence.StandardKey.Undo,
                                        controller.undo_delete)
        self.browse = self._action(tr("浏览全部笔记…"), "Ctrl+Shift+B", self.show_browser)
        self.export_markdown = self._action(tr("导出笔记为 Markdown…"), None,
                                            lambda: self.choose_export("md"))
        self.export_json = self._action(tr("导出笔记为 JSON（备份）…"), None,
                                        lambda: self.choose_export("json"))
        self.export_document = self._action(tr("导出本文笔记为 Markdown…"), None,
                                            self.choose_document_export)
        self.import_json = self._action(tr("导入笔记 JSON…"), None, self.choose_import)
        self.show_bookmarks = self._action(tr("书签面板"), "Ctrl+3", self._show_bookmarks)
        self.show_annotations = self._action(tr("标注面板"), "Ctrl+4", self._show_annotations)
        self.outline_bookmark = self._action(tr("添加书签"), None,
                                             controller.bookmark_outline_clause)
        self.outline_copy = self._action(tr("复制本条（含出处）"), None,
                                         controller.copy_outline_clause)

        menu = host.add_menu(tr("笔记(&N)"))
        self.menu = menu
        menu.addAction(self.bookmark)
        menu.addMenu(self.highlight_menu)
        menu.addAction(self.annotate)
        menu.addSeparator()
        menu.addAction(self.undo_delete)
        menu.addSeparator()
        menu.addAction(self.show_bookmarks)
        menu.addAction(self.show_annotations)
        menu.addAction(self.browse)
        menu.addAction(self.export_document)
        menu.addAction(self.export_markdown)
        menu.addAction(self.export_json)
        menu.addAction(self.import_json)

        host.reading.add_context_action(self.bookmark)
        host.reading.add_context_action(self.highlight_menu.menuAction())
        host.reading.add_context_action(self.annotate)
        host.outline.add_context_action(self.outline_bookmark)
        host.outline.add_context_action(self.outline_copy)

        self.selection_bar = SelectionBar(host.reading)
        self.selection_bar.colourChosen.connect(controller.highlight)
        self.selection_bar.noteRequested.connect(lambda: controller.annotate_selection())
        self.selection_bar.copyRequested.connect(host.copy_with_citation)

        host.reading.browser.selectionChanged.connect(self._on_reading_selection_changed)
        controller.notesChanged.connect(self._on_controller_notes_changed)
        host.documentOpened.connect(self._on_host_document_opened)
        self._sync()

    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey | None,
                slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.host.add_window_action(action)
        return action

    def _show_bookmarks(self) -> None:
        self.host.show_side_panel(self.controller.bookmarks_panel)
        self.controller.bookmarks_panel.view.setFocus()

    def _show_annotations(self) -> None:
        self.host.show_side_panel(self.controller.annotations_panel)
        self.controller.annotations_panel.view.setFocus()

    def _sync(self) -> None:
        selected = self.host.reading.selection_offsets() is not None
        self.highlight_menu.setEnabled(selected)
        for action in (*self.highlights.values(), self.annotate):
            action.setEnabled(selected)
        self.undo_delete.setEnabled(bool(self.controller.deleted))
        self.export_document.setEnabled(self.host.reading.document is not None)

    def _on_reading_selection_changed(self) -> None:
        self._sync()

    def _on_host_document_opened(self, _doc_id: str) -> None:
        self._sync()

    def _on_controller_notes_changed(self) -> None:
        self._sync()
        if self.browser is not None:
            self.browser.reload_choices()

    # The browser ------------------------------------------------------------------------

    def show_browser(self) -> NotesBrowser:
        """Show the notes browser (one, kept up to date while open)."""
        if self.browser is None:
            self.browser = NotesBrowser(self.controller.store, self.host.host_widget())
            self.controller.connect_view(self.browser.notes)
            self.browser.exportRequested.connect(self._on_browser_export_requested)
        self.browser.reload_choices()
        self.browser.show()
        self.browser.raise_()
        self.browser.activateWindow()
        return self.browser

    # Export and import ------------------------------------------------------------------

    def choose_export(self, kind: str) -> Path | None:
        """Ask where to export the notes (Markdown or JSON) and write them there."""
        name, pattern = EXPORT_KINDS[kind]
        start = str(Path.home() / name)
        chosen, _ = QFileDialog.getSaveFileName(self.host.host_widget(), self.tr("导出笔记"), start, pattern)
        if not chosen:
            return None
        return self.export_to(Path(chosen), kind)

    def choose_document_export(self) -> Path | None:
        """Ask where to export the open document's notes as Markdown, and write them."""
        doc = self.host.reading.document
        if doc is None:
            return None
        return self._choose_markdown(self.document_notes(),
                                     self.tr("%1 笔记.md").replace("%1", doc.title[:40]))

    def document_notes(self) -> list[Note]:
        """Return the bookmarks and annotations of the open document (none when none is)."""
        doc = self.host.reading.document
        if doc is None:
            return []
        store = self.controller.store
        return [*store.bookmarks(doc.id), *store.annotations(AnnotationFilter(doc_id=doc.id))]

    def _on_browser_export_requested(self) -> None:
        if self.browser is not None:
            self._choose_markdown(self.browser.notes.notes(), self.tr("所选笔记.md"))

    def _choose_markdown(self, notes: list[Note], name: str) -> Path | None:
        start = str(Path.home() / name.replace("/", "／"))
        chosen, _ = QFileDialog.getSaveFileName(self.host.host_widget(), self.tr("导出笔记"),
                                                start, EXPORT_KINDS["md"][1])
        return self.export_notes_to(Path(chosen), notes) if chosen else None

    def export_notes_to(self, path: Path, notes: list[Note]) -> Path | None:
        """Write ``notes`` (one document's, the browser's list) to ``path`` as Markdown."""
        return self._write(path, lambda: notes_markdown(notes))

    def export_to(self, path: Path, kind: str) -> Path | None:
        """Write every note to ``path`` (atomically: a failure leaves any old file whole)."""
        store = self.controller.store
        return self._write(path, lambda: export_markdown(store) if kind == "md"
                           else export_json(store))

    def _write(self, path: Path, text_of: Callable[[], str]) -> Path | None:
        try:
            write_atomically(path, text_of())
        except (OSError, ReaderError) as error:
            self._tell(QMessageBox.Icon.Warning,
                       self.tr("笔记没有导出：%1").replace("%1", str(error)))
            return None
        self.host.show_message(self.tr("笔记已导出到 %1").replace("%1", str(path)), 8000)
        return path

    def choose_import(self) -> dict[str, int] | None:
        """Ask for a notes JSON file and merge it into the notes."""
        chosen, _ = QFileDialog.getOpenFileName(self.host.host_widget(), self.tr("导入笔记"),
                                                str(Path.home()), "JSON (*.json)")
        return self.import_from(Path(chosen)) if chosen else None

    def import_from(self, path: Path) -> dict[str, int] | None:
        """Merge the notes exported to ``path``: all or nothing, newer edits win."""
        try:
            counts = import_json(self.controller.store, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ReaderError) as error:
            self._tell(QMessageBox.Icon.Warning,
                       self.tr("没有导入任何笔记：%1").replace("%1", str(error)))
            return None
        doc = self.host.reading.document
        if doc is not None:
            self.controller.store.reanchor(doc)
        self.controller.refresh()
        self._tell(QMessageBox.Icon.Information,
                   self.tr("已导入：新增 %1 条，更新 %2 条，%3 条已有且无变化。")
                   .replace("%1", str(counts["added"])).replace("%2", str(counts["updated"]))
                   .replace("%3", str(counts["unchanged"])))
        return counts

    def _tell(self, icon: QMessageBox.Icon, message: str) -> None:
        self.host.show_message(message, 8000)
        box = QMessageBox(icon, self.tr("笔记"), message, QMessageBox.StandardButton.Ok,
                          self.host.host_widget())
        self.controller.notice = box
        box.open()
