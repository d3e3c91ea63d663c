"""The desktop app's composition root: paths, settings, library and searcher → the window.

``reader`` and ``python -m reader`` start here. Nothing else builds core objects for the
UI: the window receives settings and a loader that opens the library on a worker thread.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cliparse import ChineseArgumentParser
from reader.errors import ReaderError
from reader.paths import Paths
from reader.settings import THEMES, Settings
from reader.ui.base import texts
from reader.ui.base.backend import Backend
from reader.ui.base.tasks import Progress
from reader.version import VersionAction

if TYPE_CHECKING:
    from reader.library.listing import Listing
    from reader.notes import NotesStore

CSS_FILE = "reading.css"


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of the ``reader`` command line."""
    parser = ChineseArgumentParser(prog="reader", description=texts.DESCRIPTION)
    helps = texts.HELP
    parser.add_argument("--version", action=VersionAction)
    parser.add_argument("--data-dir", metavar="DIR", help=helps["data_dir"])
    parser.add_argument("--screenshot", metavar="FILE", type=Path, help=helps["screenshot"])
    parser.add_argument("--open", metavar="ID", dest="open_id", help=helps["open"])
    parser.add_argument("--search", metavar="QUERY", help=helps["search"])
    parser.add_argument("--theme", choices=THEMES, help=helps["theme"])
    parser.add_argument("--size", metavar="WxH", default="1366x768", help=helps["size"])
    parser.add_argument("--timeout", metavar="SECONDS", type=float, default=120.0,
                        help=helps["timeout"])
    return parser


def starting_theme(saved: str, asked: str | None, first_start: bool,
                   system: str | None) -> str:
    """Return the theme to start in: ``--theme``, else on a first start the system's
    preference (dark when it prefers dark), else the one the settings remember."""
    if asked:
        return asked
    if first_start and system:
        return system
    return saved


def open_backend(paths: Paths, progress: Progress) -> Backend:
    """Open the user's library and its searcher (runs on a worker thread)."""
    from reader.library.library import Library

    messages: list[str] = []

    def tell(message: str) -> None:
        messages.append(message)
        progress.report(0, 0, message)

    library = Library.open(paths, on_message=tell)
    summaries = library.documents()
    sources = library.sources()
    source_order = [source.name for source in sources]
    try:
        searcher = library.searcher()
    except ReaderError as error:
        messages.append(str(error))
        searcher = None
    return Backend(library, searcher, summaries, source_order, messages,
                   front_matter={source.name: source.parts for source in sources},
                   links=library.links,
                   statuses=lambda: library.link_graph().statuses())


def list_library(paths: Paths, _progress: Progress) -> Listing | None:
    """Read the document list straight from the library's store (runs on a worker thread).

    This skips the search index and its imports, so the tree can show before the full
    library is open; None when there is nothing to list yet (the first start installs it).
    """
    from reader.library.listing import read_listing

    return read_listing(paths.library_dir)


def open_notes(paths: Paths) -> NotesStore:
    """Open the user's bookmarks and annotations (runs on a worker thread).

    Raises DataError for a database from a newer version (left untouched); a damaged one is
    set aside and a new one started, and ``store.recovery`` says where the old file is.
    """
    from reader.notes import NotesStore

    return NotesStore.for_paths(paths)


def load_css(paths: Paths) -> str:
    """Return the reading pane's stylesheet (empty, and the app still works, if missing)."""
    try:
        return (paths.resources_dir / CSS_FILE).read_text(encoding="utf-8")
    except OSError:
        return ""


def _display_available() -> bool:
    """Tell whether Qt can open a window (else it aborts with a message about xcb)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    """Start the app (or take a screenshot of it); return the process exit code."""
    args = build_parser().parse_args(argv)
    if args.screenshot is None and (args.open_id or args.search or args.theme):
        print(f"reader: {texts.SCREENSHOT_ONLY}", file=sys.stderr)
        return 2
    if args.screenshot is None and not _display_available():
        print(f"reader: {texts.NO_DISPLAY}", file=sys.stderr)
        return 1
    paths = Paths.resolve(args.data_dir)
    try:
        paths.ensure_data_dir()
    except OSError as error:
        print(f"reader: {texts.NO_DATA_DIR.format(folder=paths.data_dir, error=error)}",
              file=sys.stderr)
        return 1

    from reader.ui.base.themes import system_theme
    from reader.ui.notes.notes_setup import install_notes
    from reader.ui.shell.application import (
        close_on_signals,
        create_application,
        create_window,
        run_screenshot,
    )

    app = create_application(sys.argv[:1], offscreen=args.screenshot is not None)
    from reader.ui.shell.single_window import SingleWindow, bring_forward

    claim = SingleWindow(paths.data_dir)
    if args.screenshot is None and not claim.claim():
        print(f"reader: 数据文件夹 {paths.data_dir} 已在另一个窗口中打开，已把那个窗口切换到前面。",
              file=sys.stderr)
        return 0
    first_start = args.screenshot is not None or not paths.settings_file.exists()
    settings = Settings() if args.screenshot else Settings.load(paths.settings_file)
    settings.theme = starting_theme(settings.theme, args.theme, first_start, system_theme())
    window = create_window(
        paths, settings, lambda progress: open_backend(paths, progress), load_css(paths),
        persist=args.screenshot is None,
        lister=lambda progress: list_library(paths, progress),
    )
    notes = install_notes(window, lambda: open_notes(paths))
    window.links.connect_notes(notes)  # 对照阅读 shows the older text's notes
    claim.raiseRequested.connect(lambda: bring_forward(window))
    try:
        if args.screenshot is not None:
            return run_screenshot(app, window, args.screenshot, args.open_id, args.search,
                                  args.size, args.timeout)
        close_on_signals(window)
        window.show()
        return app.exec()
    finally:
        window.shutdown()  # idempotent: the store closes after every worker has stopped
        notes.close()
        claim.release()


if __name__ == "__main__":
    sys.exit(main())
