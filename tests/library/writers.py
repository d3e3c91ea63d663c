"""Small compilations and ``reader-cli`` in real processes, for tests of several writers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

#: One 通知 whose words (a place and a kind of energy) appear in no other test document.
NOTICE = """国家发展改革委关于印发《{name}试点管理办法》的通知

发改能源〔2031〕{number}号

各省、自治区、直辖市发展改革委：

现将《{name}试点管理办法》印发给你们，请认真贯彻执行。

第一条 为推进{name}试点建设，制定本办法。试点地区应当{body}。

第二条 本办法自印发之日起施行。

国家发展改革委

2031年3月1日
"""

NAMES = ("翡翠湾储能", "琥珀岭氢能", "玛瑙川风电", "珊瑚港光伏")
#: What each one's body says, in dictionary words found in no title (a title is also found
#: by its character pairs, which needs no dictionary): searching these needs the words.
BODIES = ("鼓励开展潮汐发电", "支持建设森林公园", "推广盐碱地改良", "保护热带雨林")
WORDS = ("潮汐发电", "森林公园", "盐碱地", "热带雨林")


def write_notice(folder: Path, number: int) -> Path:
    """Write compilation ``number`` (one document named from ``NAMES``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"notice-{number}.txt"
    path.write_text(NOTICE.format(name=NAMES[number], number=number + 11, body=BODIES[number]), encoding="utf-8")
    return path


def cli(data_dir: Path, *argv: str) -> subprocess.Popen[str]:
    """Start ``reader-cli --data-dir data_dir argv…`` in a process of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(data_dir), *argv],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def run_cli(data_dir: Path, *argv: str) -> tuple[int, str, str]:
    """Run ``reader-cli`` to the end; return its exit code, stdout and stderr."""
    process = cli(data_dir, *argv)
    out, err = process.communicate()
    return process.returncode, out, err


def query_words(data_dir: Path, text: str) -> list[str]:
    """Return how a query is segmented in this library (with its query dictionary on disk)."""
    from reader.search.analysis import Segmenter
    from reader.search.indexing import load_lexicon

    lexicon = load_lexicon(data_dir / "library" / "search")
    return Segmenter(lexicon=lexicon).words(text)


def search_total(data_dir: Path, query: str) -> int:
    code, out, err = run_cli(data_dir, "search", query, "--json")
    assert code == 0, err
    return int(json.loads(out)["total"])
