"""Fix the spaces PDF extraction leaves around Chinese text, keeping the ones that mean something."""

from __future__ import annotations

import re

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef"
SPACES = " \u3000\u00a0\u2002\u2003\u2009\u202f"
_NUM = "一二三四五六七八九十百千零〇两"

# Spaces PDF extraction puts between CJK and digits/letters: "2035 年", "第 52 号".
_SPACE_CJK_ASCII = re.compile(rf"(?<=[{CJK}{_CJK_PUNCT}])[{SPACES}]+(?=[0-9A-Za-z%])")
_SPACE_ASCII_CJK = re.compile(rf"(?<=[0-9A-Za-z%.])[{SPACES}]+(?=[{CJK}{_CJK_PUNCT}])")
_SPACE_CJK_CJK = re.compile(rf"(?<=[{CJK}{_CJK_PUNCT}])[{SPACES}]+(?=[{CJK}{_CJK_PUNCT}])")
_MULTI_SPACE = re.compile(rf"[{SPACES}]{{2,}}")

# An organ name ends with one of these. A space between two organ names separates the issuers
# of a joint document ("科技部 住房城乡建设部", "中共中央 国务院关于…") and must stay.
_ORGAN_END = re.compile(
    r"(?:部|委|局|院|厅|办|署|行|会|府|室|司|中央|中心|总社|政府|委员会|办公室)$"
)
_ORGAN_TAIL = re.compile(r"(?:关于|印发|联合|公告|令|通知|决定|的|发布|$)")
_LABEL_WORD = re.compile(rf"^第[{_NUM}\d]{{1,6}}(?:篇|编|章|节|条|部分)$")
# A 文号 after a title in a table of contents: "…的通知 发改能源〔2022〕210号".
_DOC_NUMBER_START = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔［\[(（]\d{4}")

# Characters that take two columns in a PDF line (CJK, full-width forms, Chinese quotes).
_WIDE = re.compile(rf"[{CJK}{_CJK_PUNCT}\u2e80-\u2fff\u3100-\u33ff“”‘’—…·]")


def fix_spacing(line: str) -> str:
    """Remove the stray spaces PDF extraction puts around CJK text, keep the meaningful ones."""
    line = _SPACE_CJK_ASCII.sub("", line)
    line = _SPACE_ASCII_CJK.sub("", line)
    if _SPACE_CJK_CJK.search(line):
        line = _SPACE_CJK_CJK.sub(_keep_or_drop_space, line)
    return _MULTI_SPACE.sub(" ", line).strip(SPACES)


def _keep_or_drop_space(match: re.Match[str]) -> str:
    """Decide one space between CJK characters: keep it between organs and after a label."""
    text = match.string
    left = re.split(rf"[{SPACES}]", text[: match.start()])[-1]
    right = re.split(rf"[{SPACES}]", text[match.end() :])[0]
    if _LABEL_WORD.match(left):
        return " "
    if _DOC_NUMBER_START.match(right) or organs_meet(left, right):
        return " "
    return ""


def organs_meet(left: str, right: str) -> bool:
    """Tell whether two words are neighbouring organ names of a joint document's title."""
    if len(left) < 2 or not _ORGAN_END.search(left):
        return False
    tail = _ORGAN_TAIL.search(right)
    head = right[: tail.start()] if tail else right
    return len(head) >= 2 and bool(_ORGAN_END.search(head))


def width(line: str) -> int:
    """Return a line's width in half-width columns, as the PDF laid it out."""
    return len(line) + len(_WIDE.findall(line))
