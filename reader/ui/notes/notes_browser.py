"""The notes browser (笔记 → 浏览全部笔记…): every note of the library, searched and filtered.

Annotations are filtered by the store (``AnnotationFilter``: text in note, quote and tags;
colour; tag; document; issuer). Bookmarks have no colour or tags, so they are listed only while
neither of those filters is set, matched on the same text, document and issuer.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.notes import AnnotationFilter, Bookmark, Colour, Note, NotesStore
from reader.ui.notes.note_editor import colour_icon
from reader.ui.notes.notes_view import NotesView

# Typing in the search box filters after this pause.
FILTER_DELAY_MS = 200


def _bookmark_matches(bookmark: Bookmark, where: AnnotationFilter) -> bool:
    doc = bookmark.document
    if where.doc_id is not None and doc.doc_id != where.doc_id:
        return False
    if where.issuer is not None and where.issuer not in (*doc.issuers, *doc.issuers_canonical):
        return False
    if where.text:
        needle = where.text.casefold()
        haystack = f"{bookmark.label}\n{bookmark.note}\n{bookmark.anchor.quote}".casefold()
        return needle in haystack
    return True


class NotesBrowser(QDialog):
    """Browse, search and filter all notes; open, edit, re-attach or delete one.

    The list's signals are those of ``notes`` (a ``NotesView``); the owner connects them.

    Signals:
        exportRequested(): export the notes listed now (as filtered) to Markdown.
    """

    exportRequested = Signal()

    def __init__(self, store: NotesStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("全部笔记"))
        self.resize(760, 560)
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("在笔记、原文和标签中查找"))
        self.search_box.setClearButtonEnabled(True)
        self.colour_box = QComboBox(self)
        self.tag_box = QComboBox(self)
        self.document_box = QComboBox(self)
        self.issuer_box = QComboBox(self)
        self.bookmarks_box = QCheckBox(self.tr("包括书签"), self)
        self.bookmarks_box.setChecked(True)
        self.count = QLabel(self)
        self.export_button = QPushButton(self.tr("导出所列笔记为 Markdown…"), self)
        self.export_button.setToolTip(self.tr("把按当前条件列出的笔记导出为一个 Markdown 文件"))
        self.export_button.clicked.connect(self.exportRequested)
        self.notes = NotesView(self.tr("没有符合条件的笔记。"), self, mark_bookmarks=True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)

        filters = QGridLayout()
        filters.addWidget(self.search_box, 0, 0, 1, 3)
        filters.addWidget(self.bookmarks_box, 0, 3)
        filters.addWidget(self.colour_box, 1, 0)
        filters.addWidget(self.tag_box, 1, 1)
        filters.addWidget(self.issuer_box, 1, 2)
        filters.addWidget(self.document_box, 1, 3)
        filters.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.notes, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)

        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self._timer.timeout.connect(self.refresh)
        for box in (self.colour_box, self.tag_box, self.document_box, self.issuer_box):
            box.currentIndexChanged.connect(self._on_filter_changed)
        self.bookmarks_box.toggled.connect(self._on_filter_changed)
        self.reload_choices()

    def reload_choices(self) -> None:
        """Fill the filters from the store (tags, documents and issuers with notes)."""
        chosen = self.where()
        boxes = (self.colour_box, self.tag_box, self.document_box, self.issuer_box)
        for box in boxes:
            box.blockSignals(True)
            box.clear()
        self.colour_box.addItem(self.tr("全部颜色"), None)
        for colour in Colour:
            self.colour_box.addItem(colour_icon(colour), colour.label, colour.value)
        self.tag_box.addItem(self.tr("全部标签"), None)
        for tag in self.store.tags():
            self.tag_box.addItem(f"#{tag}", tag)
        self.document_box.addItem(self.tr("全部文件"), None)
        documents = self.store.documents()
        for doc in documents:
            self.document_box.addItem(doc.title, doc.doc_id)
        self.issuer_box.addItem(self.tr("全部发文机关"), None)
        for issuer in sorted({name for doc in documents for name in doc.issuers_canonical}):
            self.issuer_box.addItem(issuer, issuer)
        for box, value in zip(boxes, (chosen.colour, chosen.tag, chosen.doc_id, chosen.issuer),
                              strict=True):
            found = box.findData(value.value if isinstance(value, Colour) else value)
            box.setCurrentIndex(max(found, 0))
            box.blockSignals(False)
        self.refresh()

    def where(self) -> AnnotationFilter:
        """Return the filter the controls describe."""
        colour = self.colour_box.currentData()
        text = self.search_box.text().strip()
        return AnnotationFilter(
            doc_id=self.document_box.currentData(),
            colour=Colour(colour) if colour else None,
            tag=self.tag_box.currentData(),
            issuer=self.issuer_box.currentData(),
            text=text or None,
        )

    def refresh(self) -> None:
        """List the notes matching the filters."""
        where = self.where()
        found: list[Note] = list(self.store.annotations(where))
        if self.bookmarks_box.isChecked() and where.colour is None and where.tag is None:
            found.extend(b for b in self.store.bookmarks() if _bookmark_matches(b, where))
        self.notes.set_notes(found)
        self.count.setText(self.tr("共 %1 条笔记").replace("%1", str(len(found))))
        self.export_button.setEnabled(bool(found))

    def _on_search_box_text_changed(self, _text: str) -> None:
        self._timer.start()

    def _on_filter_changed(self, _value: object) -> None:
        self.refresh()
