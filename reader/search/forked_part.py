"""A part of a file written by a forked copy of this process while this one writes the rest.

The last step of a full build writes every posting list of the segment, one after another, in
the one writing process: a fifth of the build, with the other core idle. Posting lists are
independent, so a forked child writes the second half of them into a file of its own while
the parent writes the first half into the segment; the parent then appends the child's file
and moves the child's offsets by where it landed. The segment is byte for byte the one a
single process writes.

A fork shares the parent's memory (the postings to write) without copying or pickling it.
Where there is no ``fork`` (Windows), or the child fails for any reason, the parent writes
the part itself: the child is only ever a way to finish sooner.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

#: What the child sends back: anything picklable (for the postings, the term entries).
Result = Any
#: Bytes copied at a time from the child's file into the segment.
_CHUNK = 1 << 20


def can_fork() -> bool:
    return hasattr(os, "fork")


class ForkedPart:
    """``work(file)`` run in a forked child, writing into a temporary file in ``directory``.

    Use :meth:`start`, write the other part meanwhile, then :meth:`join`. ``work`` returns
    what the parent needs to know of the part (pickled back through a second file); offsets
    in it are relative to the start of the child's file.
    """

    def __init__(self, work: Callable[[IO[bytes]], Result], directory: Path) -> None:
        self._work = work
        self._directory = directory
        self._pid: int | None = None
        self._data = self._result = ""

    def start(self) -> None:
        handle, self._data = tempfile.mkstemp(prefix=".part-", suffix=".pst",
                                              dir=self._directory)
        os.close(handle)
        self._result = self._data[: -len(".pst")] + ".result"
        try:
            pid = os.fork()
        except OSError:
            self.close()
            raise
        if pid == 0:  # the child: write, tell, and leave without running the parent's cleanup
            status = 1
            try:
                with open(self._data, "wb") as out:
                    result = self._work(out)
                with open(self._result, "wb") as told:
                    pickle.dump(result, told, pickle.HIGHEST_PROTOCOL)
                status = 0
            finally:
                os._exit(status)  # never flush or close what the parent has open
        self._pid = pid

    def join(self, target: IO[bytes], beat: Callable[[], None] | None = None,
             patience: float | None = None) -> tuple[int, Result] | None:
        """Wait for the child, append its file to ``target`` and return (the offset where
        it begins in ``target``, the child's result); None when the child failed, or is
        still not done after ``patience`` seconds (it is then stopped, and the caller
        writes the part itself: a child forked while another thread held a lock it needs
        would wait for ever)."""
        try:
            if not self._finished(beat, patience):
                return None
            with open(self._result, "rb") as told:
                result = pickle.load(told)
            offset = target.tell()
            with open(self._data, "rb") as part:
                while chunk := part.read(_CHUNK):
                    target.write(chunk)
            return offset, result
        finally:
            self.close()

    def close(self) -> None:
        """Stop a child still running and remove its files (also after a failure)."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(self._pid, 9)
                os.waitpid(self._pid, 0)
            self._pid = None
        for name in (self._data, self._result):
            if name:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(name)

    def _finished(self, beat: Callable[[], None] | None, patience: float | None) -> bool:
        assert self._pid is not None
        deadline = None if patience is None else time.monotonic() + patience
        while True:
            pid, status = os.waitpid(self._pid, os.WNOHANG)
            if pid:
                self._pid = None
                return os.waitstatus_to_exitcode(status) == 0
            if deadline is not None and time.monotonic() > deadline:
                return False  # close() stops it
            if beat is not None:
                beat()
            time.sleep(0.02)


def halfway(costs: Sequence[float], serial: float = 0.0) -> int:
    """Return where to cut work items of ``costs`` so that the first part plus ``serial``
    (work only the parent can do) takes about as long as the rest."""
    total = sum(costs) + serial
    spent = serial
    for index, cost in enumerate(costs):
        if spent + cost > total / 2:
            return index
        spent += cost
    return len(costs)
