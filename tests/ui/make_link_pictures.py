"""Draw docs/links-panel.png and docs/compare-view.png from the linked test library.

    QT_QPA_PLATFORM=offscreen python -m tests.ui.make_link_pictures

The library is the small seed plus the two texts of the park law, with the hand-made links
of ``tests.ui.link_fixtures`` (the window's ``Backend.links`` gives them); the pictures are
the real window and the real 对照阅读 window, offscreen.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from reader.app import list_library, load_css
from reader.library.library import Library
from reader.notes import Colour, NotesStore, make_anchor
from reader.paths import Paths
from reader.settings import Settings
from reader.ui.shell.application import prepare_application
from reader.ui.shell.main_window import MainWindow
from tests.conftest import REPO, SEEDS
from tests.ui.link_fixtures import CITED, PLAN, build
from tests.ui.seed_documents import SMALL_SEED


def wait_until(app: QApplication, ready: object, seconds: float = 120) -> None:
    """Run the event loop until ``ready()`` is true."""
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if ready() else None)  # type: ignore[operator]
    timer.start(50)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    timer.stop()
    for _ in range(20):
        app.processEvents()


def main() -> int:
    app = QApplication(sys.argv[:1])
    prepare_application(app)
    with tempfile.TemporaryDirectory() as folder:
        paths = Paths.resolve(Path(folder))
        library = Library.open_folder(paths.library_dir)
        library.add_file(SEEDS / SMALL_SEED)
        library.close()
        linked = build(paths.library_dir)
        # The hostile stand-in is for the tooltip test; the picture shows real links only.
        plan_links = linked.links[PLAN]
        linked.links[PLAN] = replace(plan_links, cites=tuple(
            c for c in plan_links.cites if c.target_id != linked.hostile))
        window = MainWindow(paths, Settings(), linked.loader(paths), load_css(paths),
                            persist=False, lister=lambda p: list_library(paths, p))
        store = NotesStore.open(paths.notes_db)
        window.links.use_notes(store)
        window.resize(1366, 768)
        window.show()
        wait_until(app, lambda: window.backend is not None)
        window.open_document(PLAN)
        doc = window.reading.document
        assert doc is not None
        window.reading.scroll_to_offset(doc.text.index(CITED) - 200)
        window.reading.browser.verticalScrollBar().setValue(230)  # the card's 时效性 in view
        window.show_side_panel(window.links.panel)
        wait_until(app, lambda: True, 1)
        window.grab().save(str(REPO / "docs" / "links-panel.png"))

        window.open_document(linked.old_law)
        old = window.reading.document
        assert old is not None
        start = old.text.index("六时至二十二时")
        store.add_annotation(old, make_anchor(old, start, start + 7), Colour.YELLOW,
                             "开放时间要核对", ["开放"])
        store.bookmark_at(old, old.text.index("处五十元"))
        window.open_document(linked.new_law)
        window.links.compare(linked.old_law)
        wait_until(app, lambda: bool(window.links.compare_views))
        view = window.links.compare_views[-1]
        view.resize(1200, 760)
        wait_until(app, lambda: True, 1)
        view.grab().save(str(REPO / "docs" / "compare-view.png"))
        view.close()
        window.shutdown()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
