"""A part of a file written by a forked child while the parent writes the rest."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path
from typing import IO

import pytest

from reader.search.forked_part import ForkedPart, can_fork, halfway

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs os.fork")


def _child_part(out: IO[bytes]) -> dict[str, int]:
    out.write(b"written by the child")
    return {"bytes": out.tell()}


def _stuck_part(out: IO[bytes]) -> None:
    time.sleep(600)  # as a child waiting for a lock another thread held at the fork


def _failing_part(out: IO[bytes]) -> None:
    out.write(b"half")
    raise OSError("no space left on device")


def test_the_childs_part_is_appended_after_the_parents_with_what_it_told(tmp_path: Path) -> None:
    part = ForkedPart(_child_part, tmp_path)
    part.start()
    target = io.BytesIO()
    target.write(b"parent: ")
    joined = part.join(target)
    assert joined == (8, {"bytes": 20})
    assert target.getvalue() == b"parent: written by the child"
    assert list(tmp_path.iterdir()) == []  # its files are gone


def test_a_child_that_fails_is_reported_and_leaves_nothing_behind(tmp_path: Path) -> None:
    part = ForkedPart(_failing_part, tmp_path)
    part.start()
    target = io.BytesIO(b"parent")
    target.seek(0, io.SEEK_END)
    assert part.join(target) is None
    assert target.getvalue() == b"parent"  # nothing of the failed part
    assert list(tmp_path.iterdir()) == []


def test_a_child_stuck_past_the_patience_is_stopped_and_reported_as_failed(
    tmp_path: Path,
) -> None:
    part = ForkedPart(_stuck_part, tmp_path)
    part.start()
    pid = part._pid
    assert pid is not None
    target = io.BytesIO()
    assert part.join(target, patience=0.2) is None
    assert target.getvalue() == b""
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ChildProcessError):  # stopped and reaped: no such child any more
        os.waitpid(pid, 0)


def test_a_child_not_waited_for_is_stopped_and_its_files_removed(tmp_path: Path) -> None:
    part = ForkedPart(_child_part, tmp_path)
    part.start()
    part.close()
    assert list(tmp_path.iterdir()) == []


def test_the_cut_gives_the_parent_less_of_the_part_work_it_shares_when_it_has_its_own() -> None:
    assert halfway([1.0, 1.0, 1.0, 1.0]) == 2
    assert halfway([1.0, 1.0, 1.0, 1.0], serial=2.0) == 1
    assert halfway([5.0, 1.0, 1.0, 1.0]) == 0
    assert halfway([]) == 0
