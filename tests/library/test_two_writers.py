"""Two programs writing one library: each waits its turn and both imports stay searchable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.library.library import Library
from reader.library.lock import WriteLock
from reader.paths import Paths
from tests.conftest import REPO
from tests.library.writers import WORDS, cli, query_words, run_cli, search_total, write_notice


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with an empty library (no bundled copy: quicker to start)."""
    data = tmp_path / "data"
    Library.open_folder(Paths(bundle=tmp_path, data_dir=data).library_dir).close()
    return data


def test_two_imports_at_once_of_different_files_are_both_searchable(
    data_dir: Path, tmp_path: Path
) -> None:
    first, second = write_notice(tmp_path, 0), write_notice(tmp_path, 1)
    running = [cli(data_dir, "import", str(first)), cli(data_dir, "import", str(second))]
    for process in running:
        _, err = process.communicate()
        assert process.returncode == 0, err
        assert "Traceback" not in err
    assert [search_total(data_dir, word) for word in WORDS[:2]] == [1, 1]
    # Queries are cut as the text was: the query dictionary holds the words of both.
    assert [query_words(data_dir, word) for word in WORDS[:2]] == [["潮汐发电"], ["森林公园"]]
    # A third import in one more process keeps the words of both.
    code, _, err = run_cli(data_dir, "import", str(write_notice(tmp_path, 2)))
    assert code == 0, err
    assert [search_total(data_dir, word) for word in WORDS[:3]] == [1, 1, 1]
    assert query_words(data_dir, WORDS[1]) == ["森林公园"]


def test_two_imports_at_once_of_the_same_file_import_it_once(
    data_dir: Path, tmp_path: Path
) -> None:
    path = write_notice(tmp_path, 3)
    running = [cli(data_dir, "import", str(path)) for _ in range(2)]
    errors, outputs = [], []
    for process in running:
        out, err = process.communicate()
        errors.append(err)
        outputs.append(out)
        assert process.returncode == 0, err
    assert not any("Traceback" in err or "IntegrityError" in err for err in errors)
    assert sum("与上次导入的文件相同，未做改动" in out for out in outputs) == 1
    assert search_total(data_dir, WORDS[3]) == 1
    code, out, _ = run_cli(data_dir, "list", "--json")
    assert code == 0 and out.count("玛瑙川") + out.count("珊瑚港") == 1


def test_a_writer_waits_for_the_lock_another_holds_and_says_so(
    data_dir: Path, tmp_path: Path
) -> None:
    lock = WriteLock(data_dir / "library")
    with lock.held():
        waiting = cli(data_dir, "import", str(write_notice(tmp_path, 0)))
        assert waiting.stderr is not None
        line = waiting.stderr.readline()  # the process is blocked until the lock is let go
        while "另一个程序正在写入文档库" not in line:
            assert line, "the import ended while the lock was held"
            line = waiting.stderr.readline()
        assert waiting.poll() is None
    waiting.communicate()
    assert waiting.returncode == 0
    assert search_total(data_dir, WORDS[0]) == 1


def test_the_lock_is_released_when_its_process_is_killed(data_dir: Path) -> None:
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from reader.library.lock import WriteLock\n"
        f"lock = WriteLock(Path({str(data_dir / 'library')!r}))\n"
        "with lock.held():\n"
        "    print('held', flush=True)\n"
        "    time.sleep(600)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code], cwd=REPO,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    lock = WriteLock(data_dir / "library")
    assert lock.is_held_elsewhere()
    process.kill()
    process.wait()
    assert not lock.is_held_elsewhere()
    with lock.held(timeout=0):
        pass
