"""An import killed (SIGKILL-like ``os._exit``) between each pair of its commits.

One import commits three things in order: the Whoosh segment, the query dictionary, the
store. Killed after the first or second the store has rolled back: the library is as it was,
the index is rebuilt at the next open with a message, and importing again works. Killed after
the third the document is in and searchable, its words in the dictionary.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.library.library import Library
from tests.conftest import REPO
from tests.library.writers import WORDS, query_words, run_cli, search_total, write_notice

_CHILD = """
import os, sys
from pathlib import Path
from reader.library import search_index
from reader.library.library import Library

stage = sys.argv[1]

def after(function, when):
    def call(*args, **kwargs):
        if when == "before":
            os._exit(9)
        result = function(*args, **kwargs)
        os._exit(9)
    return call

if stage == "index":
    search_index.write_documents = after(search_index.write_documents, "after")
elif stage == "lexicon":
    search_index.LibraryIndex._merge_lexicon = after(
        search_index.LibraryIndex._merge_lexicon, "after")
else:
    search_index.LibraryIndex.refresh = after(search_index.LibraryIndex.refresh, "before")
library = Library.open_folder(Path(sys.argv[2]))
library.add_file(Path(sys.argv[3]))
sys.exit("the import ended without being killed")
"""


@pytest.mark.parametrize("stage", ["index", "lexicon", "store"])
def test_a_killed_import_leaves_a_whole_library(stage: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    library = Library.open_folder(data / "library")
    library.add_file(write_notice(tmp_path, 0))
    library.close()
    notice = write_notice(tmp_path, 1)
    killed = subprocess.run([sys.executable, "-c", _CHILD, stage, str(data / "library"),
                             str(notice)], cwd=REPO, capture_output=True, text=True,
                            check=False)
    assert killed.returncode == 9, killed.stderr
    code, out, err = run_cli(data, "list")
    assert code == 0 and "Traceback" not in err
    if stage == "store":
        assert out.count("\n") == 2
        assert search_total(data, WORDS[1]) == 1
    else:
        assert out.count("\n") == 1  # the store rolled back: as before the import
        assert "搜索索引已重建" in err  # the index, one commit ahead, was rebuilt
        assert search_total(data, WORDS[1]) == 0
        code, _, err = run_cli(data, "import", str(notice))
        assert code == 0 and "未作改动" not in err
        assert search_total(data, WORDS[1]) == 1
    assert search_total(data, WORDS[0]) == 1
    assert query_words(data, WORDS[1]) == [WORDS[1]]
    # The lock went with the killed process: a new writer does not wait.
    code, _, err = run_cli(data, "import", str(write_notice(tmp_path, 2)))
    assert code == 0 and "另一个程序正在写入" not in err
