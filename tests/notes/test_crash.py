"""A save reported done survives the process being killed at any moment (SIGKILL)."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from reader.notes import Colour, NotesStore, make_anchor
from tests.notes.helpers import make_document

KILLS = 50


def _save_forever(path: str, out: int) -> None:
    """Save annotations as fast as possible; write each id once add_annotation returned.

    That return is the moment the UI tells the user "saved". Runs in a forked child, which
    starts in milliseconds with everything already imported.
    """
    document = make_document()
    store = NotesStore.open(path)
    os.write(out, b"ready\n")
    text = document.text
    i = 0
    while True:
        start = (i * 7) % (len(text) - 20)
        i += 1
        if not text[start: start + 12].strip():
            continue
        note = store.add_annotation(document, make_anchor(document, start, start + 12),
                                    Colour.BLUE, f"第{i}条笔记", [f"t{i % 5}"])
        os.write(out, f"{note.id}\n".encode())


def _read_line(fd: int) -> bytes:
    line = b""
    while not line.endswith(b"\n"):
        chunk = os.read(fd, 1)
        if not chunk:
            break
        line += chunk
    return line


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.skipif(sys.platform == "win32" or not hasattr(signal, "SIGKILL"),
                    reason="SIGKILL and fork are POSIX only")
def test_annotations_reported_saved_survive_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    rng = random.Random(20251123)
    fork = multiprocessing.get_context("fork")
    reported: set[str] = set()
    for kill in range(KILLS):
        read_end, write_end = os.pipe()
        child = fork.Process(target=_save_forever, args=(str(path), write_end))
        child.start()
        os.close(write_end)
        # Every fifth kill lands while the child opens (and may be migrating) the database;
        # the others while it saves.
        head = b""
        if kill % 5 != 0:
            head = _read_line(read_end)
            assert head == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.15))
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        assert child.exitcode == -signal.SIGKILL
        out = head + _read_all(read_end)
        os.close(read_end)
        # A line cut short by the kill was never fully reported, so it does not count.
        lines = out.decode().split("\n")[:-1]
        reported.update(line for line in lines if len(line) == 32)

        with NotesStore.open(path) as store:
            assert store.recovery is None
            assert store.integrity_ok()
            present = {a.id for a in store.annotations()}
            assert reported <= present, f"lost {len(reported - present)} saved annotations"
    print(f"\n{len(reported)} saves reported across {KILLS} kills")
    assert len(reported) > KILLS, "the children hardly got to save anything"
