"""A compilation and its corrected version, cut from seed 004, for re-import tests.

The old version has a typo in one title (建设 → 建没); the corrected version fixes it and
changes words just before a passage, so that document gets a new id and a new text.
"""

from __future__ import annotations

from pathlib import Path

from reader.corpus.model import DocumentId
from reader.library.library import Library
from tests.conftest import SEEDS
from tests.search.documents import SMALL_SEED

LINES = (SEEDS / SMALL_SEED).read_text(encoding="utf-8").split("\n")
GREEN = LINES[187:272]  # 工业和信息化部等七部门关于加快推动制造业绿色化发展的指导意见
GRID = LINES[272:368]  # …关于新形势下配电网高质量发展的指导意见
STORAGE = LINES[368:448]  # …关于加强电网调峰储能和智能化调度能力建设的指导意见 (no 文号)
HEALTH = LINES[448:550]  # …关于进一步加强新时代卫生健康文化建设的意见
VILLAGE = LINES[550:680]  # 农业农村部关于落实…推进乡村全面振兴工作部署的实施意见

PASSAGE = "推动电源侧、电网侧、负荷侧储能规模化高质量发展"


def typo(lines: list[str]) -> list[str]:
    """The document with its title misprinted, as an earlier copy of the file had it."""
    return [lines[0].replace("能力建设", "能力建没"), *lines[1:]]


def edited(lines: list[str]) -> list[str]:
    """The document with words changed just before the annotated passage."""
    return [line.replace("深入推进能源革命", "纵深推进能源革命") for line in lines]


def write(path: Path, *parts: list[str]) -> Path:
    path.write_text("\n".join(line for part in parts for line in part) + "\n", encoding="utf-8")
    return path


def by_title(library: Library, words: str) -> DocumentId:
    [found] = [s.id for s in library.documents() if words in s.title]
    return found
