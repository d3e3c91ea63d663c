"""Abbreviated organs (省人民政府, 省政府办公厅, 市政府) given back their full names.

A provincial document's signature often prints only ``省人民政府`` or ``省政府办公厅``: the
province is obvious on paper, from the title (``广东省人民政府办公厅关于…``), the 文号's 机关代字
(``粤府办〔2022〕8号``: 粤 is 广东) or the compilation the document sits in. The library tree and
the filters need the full name, so it is taken from those three, in that order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from reader.corpus.organs import is_known_organ

# The one-character abbreviation of each province-level region, as 文号 use it.
PROVINCE_CODES: dict[str, str] = {
    "京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省", "晋": "山西省",
    "蒙": "内蒙古自治区", "辽": "辽宁省", "吉": "吉林省", "黑": "黑龙江省", "苏": "江苏省",
    "浙": "浙江省", "皖": "安徽省", "闽": "福建省", "赣": "江西省", "鲁": "山东省", "豫": "河南省",
    "鄂": "湖北省", "湘": "湖南省", "粤": "广东省", "桂": "广西壮族自治区", "琼": "海南省",
    "川": "四川省", "蜀": "四川省", "黔": "贵州省", "贵": "贵州省", "滇": "云南省", "云": "云南省",
    "藏": "西藏自治区", "陕": "陕西省", "甘": "甘肃省", "陇": "甘肃省", "青": "青海省",
    "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区",
}
_PLACE = "|".join(sorted(set(PROVINCE_CODES.values()), key=len, reverse=True))
_PROVINCE_NAME = re.compile(rf"^(?:{_PLACE})")
# 省…, 市…, 自治区… with no place name before it: the place is understood.
# (市场监管总局 is a national organ: 市 begins a word there, not a place.)
_ABBREVIATED = re.compile(
    r"^(?:省|市(?![场民])|自治区)(?=[\u4e00-\u9fff]{0,12}(?:政府|人大|人民代表大会|委员会|厅|局|委|办|办公室)$)"
)


# A department of a province printed without it (财政厅, 交通运输厅): only provinces and
# autonomous regions have 厅; a national organ's 办公厅 keeps its organ's name before it.
_BARE_DEPARTMENT = re.compile(r"^(?!办公厅$)(?![省市县区国中全])[\u4e00-\u9fff]{1,12}厅$")


def _bare_department(name: str) -> bool:
    return bool(_BARE_DEPARTMENT.match(name)) and not name.endswith("办公厅") and not (
        _PROVINCE_NAME.match(name) or is_known_organ(name))


def is_abbreviated(name: str) -> bool:
    """Tell whether an organ's name leaves its place out (``省人民政府``, ``市政府``, ``财政厅``)."""
    return bool(_ABBREVIATED.match(name)) or _bare_department(name)


def _official(name: str) -> str:
    """Write 政府 as the official 人民政府 (``省政府办公厅`` → ``省人民政府办公厅``)."""
    return re.sub(r"(?<!人民)政府", "人民政府", name)


def province_of(names: Iterable[str]) -> str | None:
    """Return the province most of these organs belong to, or None."""
    found = Counter(m.group(0) for name in names if (m := _PROVINCE_NAME.match(name)))
    return found.most_common(1)[0][0] if found else None


def _province_of_number(doc_number: str | None) -> str | None:
    if not doc_number:
        return None
    return PROVINCE_CODES.get(doc_number[:1])


def expand(
    name: str, title_organs: Iterable[str], doc_number: str | None, province: str | None
) -> str:
    """Return the full name of an abbreviated organ, or ``name`` when nothing tells it.

    The title's organ that ends with the same words wins (``广东省人民政府办公厅`` for
    ``省政府办公厅``); then the province of the 文号's 机关代字; then the compilation's province.
    """
    if not is_abbreviated(name):
        return name
    official = _official(name)
    for organ in title_organs:
        if len(organ) > len(official) and _official(organ).endswith(official):
            return _official(organ)
    place = _province_of_number(doc_number) or province
    if place is None:
        return name
    if _bare_department(official):
        return place + official if place.endswith(("省", "自治区")) else name
    level = official[0]
    if level == "省" and place.endswith("省"):
        return place + official[1:]
    if level == "市" and place.endswith("市"):
        return place + official[1:]
    if official.startswith("自治区") and place.endswith("自治区"):
        return place + official[3:]
    return name
