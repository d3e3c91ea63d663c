"""The documents' links as the window reads them: from the library's provider, kept a while.

The reading pane (its citations and header card), the 关联 panel, the tooltips and the
search panel's 时效性 filter all ask for the same few documents' links, some on worker
threads (a page rendered ahead of time, a filtered search). ``LinkSource`` asks the
library once per document and keeps the answers until the library changes. The provider is
looked up at each question (the library opens after the window, on a worker); without one
(no library yet, or one that cannot tell links) it answers None, and the window shows none.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.corpus.model import DocumentId, DocumentSummary
    from reader.library.link_model import DocumentLinks, Status
    from reader.ui.base.backend import LinksProvider

# Documents whose links are kept; statuses (small) are kept for every document asked.
CACHE_SIZE = 64


class LinkSource:
    """A document's ``DocumentLinks`` by id, asked of the provider once; thread-safe."""

    def __init__(self, provider_of: Callable[[], LinksProvider | None],
                 size: int = CACHE_SIZE) -> None:
        self._provider_of = provider_of
        self._size = size
        self._links: OrderedDict[str, DocumentLinks | None] = OrderedDict()
        self._statuses: dict[str, Status | None] = {}
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        """True when there is a library to ask (its answer may still be None)."""
        return self._provider_of() is not None

    def forget(self, statuses: Mapping[DocumentId, Status] | None = None) -> None:
        """Forget every answer (the library changed: an import, a removed source).

        ``statuses``, every document's validity read at once, answers ``status`` from then on
        without asking for a document's whole links (a filtered search asks it of every hit).
        """
        with self._lock:
            self._links.clear()
            self._statuses = {str(doc_id): status for doc_id, status in (statuses or {}).items()}

    def links(self, doc_id: str) -> DocumentLinks | None:
        """Return the links of ``doc_id`` (None: no provider, or it knows none)."""
        provider = self._provider_of()
        with self._lock:
            if doc_id in self._links:
                self._links.move_to_end(doc_id)
                return self._links[doc_id]
        if provider is None:
            return None
        try:
            found = provider(doc_id)
        except (KeyError, ReaderError):
            found = None  # a document that left the library meanwhile has no links
        with self._lock:
            self._links[doc_id] = found
            self._statuses[doc_id] = found.status if found is not None else None
            while len(self._links) > self._size:
                self._links.popitem(last=False)
        return found

    def status(self, doc_id: str) -> Status | None:
        """Return the validity of ``doc_id`` (None when unknown to the provider)."""
        with self._lock:
            if doc_id in self._statuses:
                return self._statuses[doc_id]
        found = self.links(doc_id)
        return found.status if found is not None else None

    def status_text(self, doc_id: str) -> str | None:
        """Return the validity of ``doc_id`` in words with its evidence, for a header card."""
        status = self.status(doc_id)
        return status_text(status) if status is not None else None


def status_text(status: Status) -> str:
    """Say a status and the sentence it comes from: ``已废止（依据：“…同时废止。”）``."""
    if not status.evidence:
        return status.label
    return f"{status.label}（依据：“{status.evidence}”）"


def card_text(summary: DocumentSummary, status: Status | None) -> str:
    """Return a document's header card as plain lines (a tooltip shows it escaped)."""
    from reader.corpus.render import CARD_LABELS, format_date

    lines = [summary.title]
    fields = (
        ("issuers", "、".join(summary.issuers)),
        ("doc_number", summary.doc_number or ""),
        ("date", format_date(summary.date)),
        ("doc_type", summary.doc_type or ""),
        ("status", status_text(status) if status is not None else ""),
    )
    lines += [f"{CARD_LABELS[key]}：{value}" for key, value in fields if value]
    return "\n".join(lines)
