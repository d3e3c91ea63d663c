"""What the notes need of the window they join, and nothing more.

The notes' controller, menu and set-up are written against this Protocol, never against
``MainWindow``: the window (``reader.ui.shell``) sits above the notes and satisfies it, so a
test or another window can host the notes too, and a change to the window's layout cannot
reach into them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu, QWidget

    from reader.ui.base.backend import DocumentLibrary
    from reader.ui.base.tasks import TaskRunner
    from reader.ui.reading.outline_panel import OutlinePanel
    from reader.ui.reading.reading_view import ReadingView


class NotesHost(Protocol):
    """The window as the notes see it.

    ``reading`` gives the open document, the selection and the caret, and takes the notes'
    highlights and context-menu entries; ``outline`` gives the clause chosen there.
    ``documentOpened(str)`` says a document is shown, ``libraryChanged(int)`` that an
    import changed the library (its followers, see ``follow_imports``, have run by then),
    ``documentsRemoved(tuple)`` that documents left it with a removed source (their ids).
    """

    @property
    def reading(self) -> ReadingView: ...

    @property
    def outline(self) -> OutlinePanel: ...

    @property
    def tasks(self) -> TaskRunner: ...

    @property
    def documentOpened(self) -> SignalInstance: ...

    @property
    def libraryChanged(self) -> SignalInstance: ...

    @property
    def documentsRemoved(self) -> SignalInstance: ...

    def host_widget(self) -> QWidget:
        """The window as a widget: the parent of the notes' dialogs, menus and panels."""
        ...

    def follow_imports(self, follower: Callable[[Any, DocumentLibrary], None]) -> None:
        """Call ``follower(report, library)`` on the import's worker after each imported file.

        ``report`` is the library's ``ImportReport`` of the file.
        """
        ...

    def show_message(self, message: str, msecs: int) -> None:
        """Say ``message`` in the status bar for ``msecs`` milliseconds."""
        ...

    def open_document(self, doc_id: str, query: str | None = None) -> bool:
        """Show ``doc_id`` in the reading pane; False if it cannot be shown now."""
        ...

    def copy_with_citation(self) -> str:
        """Copy the selection (or the clause at the caret) with its citation; what was copied."""
        ...

    def add_side_panel(self, widget: QWidget, title: str, side: str = "right") -> int:
        """Add ``widget`` as a tab beside the reading pane ("left" or "right")."""
        ...

    def show_side_panel(self, widget: QWidget) -> None:
        """Bring the side panel ``widget`` forward."""
        ...

    def add_menu(self, title: str) -> QMenu:
        """Add a menu to the window's menu bar."""
        ...

    def add_window_action(self, action: QAction) -> None:
        """Make ``action``'s shortcut work anywhere in the window."""
        ...
