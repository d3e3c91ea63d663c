"""Rendered pages kept for a while, so reopening a document or opening a search result that
was rendered ahead of time skips laying out and writing its HTML."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # reader.corpus loads the splitter: not on the way to the first paint
    from reader.corpus.model import Document

# Pages of about 300 kB each at most; a handful covers going back and forth.
CACHE_SIZE = 12


class PageCache:
    """HTML pages by (document id, theme); safe to fill from a worker thread.

    ``status_of`` gives a document's validity in words for its header card (None: none);
    it is asked on whichever thread renders, and the pages are forgotten when it changes.
    """

    def __init__(self, css: str, size: int = CACHE_SIZE) -> None:
        self._css = css
        self.status_of: Callable[[str], str | None] | None = None
        self._size = size
        self._pages: OrderedDict[tuple[str, str], str] = OrderedDict()
        self._lock = threading.Lock()

    def page(self, doc: Document, theme: str) -> str:
        """Return the HTML page of ``doc`` in ``theme``, rendering it if needed."""
        key = (doc.id, theme)
        with self._lock:
            cached = self._pages.get(key)
            if cached is not None:
                self._pages.move_to_end(key)
                return cached
        from reader.corpus.render import render_html

        status = self.status_of(doc.id) if self.status_of is not None else None
        page = render_html(doc, css=self._css, theme=theme, status=status)
        with self._lock:
            self._pages[key] = page
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)
        return page

    def has(self, doc_id: str, theme: str) -> bool:
        with self._lock:
            return (doc_id, theme) in self._pages

    def forget(self, doc_id: str | None = None) -> None:
        """Drop the pages of ``doc_id`` (all pages when None), e.g. after a re-import."""
        with self._lock:
            for key in [k for k in self._pages if doc_id is None or k[0] == doc_id]:
                del self._pages[key]
