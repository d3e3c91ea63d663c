"""A save reported done survives the process being killed at any moment (SIGKILL)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.notes import NotesStore
from tests.conftest import REPO

KILLS = 50

# The child saves annotations as fast as it can and prints each id once add_annotation
# returned, which is the moment the UI would tell the user "saved".
_CHILD = """
import sys
from reader.notes import NotesStore, make_anchor, Colour
from tests.notes.helpers import make_document

document = make_document()
store = NotesStore.open(sys.argv[1])
print("ready", flush=True)
text = document.text
i = 0
while True:
    start = (i * 7) % (len(text) - 20)
    try:
        anchor = make_anchor(document, start, start + 12)
    except ValueError:
        i += 1
        continue
    note = store.add_annotation(document, anchor, Colour.BLUE, f"第{i}条笔记", [f"t{i % 5}"])
    print(note.id, flush=True)
    i += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_annotations_reported_saved_survive_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    rng = random.Random(20251123)
    reported: set[str] = set()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for kill in range(KILLS):
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(path)], cwd=REPO, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # Random points: every fifth kill lands while starting or opening the database, the
        # others while saving (waiting for "ready" keeps that true on a busy machine).
        head = b""
        if kill % 5 != 0:
            assert child.stdout is not None
            head = child.stdout.readline()
            assert head == b"ready\n", child.communicate()[1].decode()
        time.sleep(rng.uniform(0.0, 0.15))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate()
        assert child.returncode == -signal.SIGKILL, err.decode()
        # A line cut short by the kill was never fully reported, so it does not count.
        lines = (head + out).decode().split("\n")[:-1]
        reported.update(line for line in lines if len(line) == 32)

        with NotesStore.open(path) as store:
            assert store.recovery is None
            assert store.integrity_ok()
            present = {a.id for a in store.annotations()}
            assert reported <= present, f"lost {len(reported - present)} saved annotations"
    assert len(reported) > KILLS, "the children hardly got to save anything"
