"""Helpers shared by command modules: JSON on stdout, progress on stderr."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any

#: A long stage prints a progress line at most this often (and at least once a tenth). A
#: report dropped here still counts as news to an import's heartbeat, which ticks only after
#: 0.4 s without news: together they must stay well under a second of silence.
PROGRESS_SECONDS = 0.25


def print_json(value: Any) -> None:
    """Print ``value`` as UTF-8 JSON (Chinese kept readable) on stdout."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def progress(message: str) -> None:
    """Report progress of long work on stderr, leaving stdout for results."""
    print(message, file=sys.stderr, flush=True)


def progress_lines() -> Callable[[str, int, int], None]:
    """Return a ``progress(message, done, total)`` that prints some of what it is told.

    Stages report every page, document or megabyte; a line per tenth, and one every quarter
    second of a long stage (a 200 MB file), keeps stderr readable and never silent.
    """
    last, last_at = "", 0.0

    def report(message: str, done: int, total: int) -> None:
        nonlocal last, last_at
        now = time.monotonic()
        same_tenth = 0 < done < total and done * 10 // total == (done - 1) * 10 // total
        if same_tenth and now - last_at < PROGRESS_SECONDS:
            return
        if message != last:
            progress(message)
            last, last_at = message, now

    return report
