"""Progress while one long step runs that cannot report by itself (Whoosh's commit).

Committing the index of a 200 MB compilation sorts and writes its postings for minutes, and
Whoosh tells nothing meanwhile. A thread beside it says, every ``EVERY`` seconds in which
nothing else was reported, that the step is still running and for how long.

Only news postpones a tick: a step that says its last words again (the commit repeats the
last document's progress while Whoosh writes) is shown once by a printer such as the command
line's, which drops a line equal to the one before; if such repeats held the ticks back, the
command line went silent for the whole commit (11 s of a 200 MB import).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

EVERY = 0.4  # seconds

Report = Callable[[str, int, int], None]


@contextmanager
def heartbeat(report: Report, message: str) -> Iterator[Report]:
    """Run the block with a ticking ``report``; yield the report the block itself should use.

    The ticks say ``message`` and the seconds elapsed; a report made through the yielded
    callable postpones the next tick unless it repeats the report before it. A tick that
    fails (a cancelled import's callback raises) ends the ticking, never the block.
    """
    started = last = time.monotonic()
    said = ""  # the last report passed on, a tick's included
    lock = threading.Lock()
    stop = threading.Event()

    def passed(text: str, done: int, total: int) -> None:
        nonlocal last, said
        with lock:
            if text != said:
                last = time.monotonic()
                said = text
        report(text, done, total)

    def tick() -> None:
        while not stop.wait(EVERY / 4):
            with lock:
                quiet = time.monotonic() - last >= EVERY
            if quiet:
                # In tenths: two ticks of the same whole second would read the same, and a
                # printer that drops a repeated line would leave more than a second silent.
                seconds = time.monotonic() - started
                try:
                    passed(f"{message}（已用 {seconds:.1f} 秒）", 1, 1)
                except Exception:
                    return  # a cancelled import's callback raises: only the ticks end

    ticker = threading.Thread(target=tick, name="progress-heartbeat", daemon=True)
    ticker.start()
    try:
        yield passed
    finally:
        stop.set()
        ticker.join()
