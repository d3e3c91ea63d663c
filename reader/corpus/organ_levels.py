"""Where an issuing organ stands: 中央 or 地方, its system, its province and city, its parent.

A policy researcher looks for a document by the organ's place in the state: the State
Council's ministries together, a province's organs under the province, a ministry's 办公厅
under the ministry, associations and companies apart from government. ``organ_path`` gives
that place as a path of levels from the top, read from the organ's canonical name: known
central organs by the State Council's own lists (组成部门, 直属机构, 部委管理的国家局…), the rest
by the shape of their names (a province or city first, a sub-unit last, 协会, 公司, 银行).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.corpus.abbreviated import expand, is_abbreviated
from reader.corpus.organs import canonical_issuer, is_known_organ, is_sub_unit
from reader.corpus.places import PROVINCE_ORDER, city_province, province_name

LEVEL = "level"  # a grouping (中央, 国务院组成部门, 江苏省, 广州市): holds organs, no documents
ORGAN = "organ"  # an organ: holds its own documents and its sub-units

CENTRAL, LOCAL = "中央", "地方"
PEOPLES, ASSOCIATIONS, FINANCE, COMPANIES, OTHER = "人民团体", "行业协会", "金融机构", "企业", "其他"
UNKNOWN_PLACE = "省份未详"
_TOP = (CENTRAL, LOCAL, PEOPLES, ASSOCIATIONS, FINANCE, COMPANIES, OTHER)

PARTY, CONGRESS, STATE_COUNCIL, MILITARY, OTHER_CENTRAL = (
    "党中央及其部门", "全国人大", "国务院", "中央军委", "其他中央机构")
_CENTRAL_ORDER = (PARTY, CONGRESS, STATE_COUNCIL, "最高人民法院", "最高人民检察院", MILITARY,
                  OTHER_CENTRAL)

# The State Council's own lists (国务院组成部门, 直属特设机构, 直属机构, 直属事业单位, 部委管理的
# 国家局), by canonical name, in the order the State Council lists them. Abolished organs that
# old documents still name (银保监会, 国家乡村振兴局) stay where they stood.
_STATE_COUNCIL: dict[str, tuple[str, ...]] = {
    "组成部门": (
        "外交部", "国防部", "国家发展改革委", "教育部", "科技部", "工业和信息化部", "国家民委",
        "公安部", "国家安全部", "民政部", "司法部", "财政部", "人力资源社会保障部", "自然资源部",
        "生态环境部", "住房城乡建设部", "交通运输部", "水利部", "农业农村部", "商务部",
        "文化和旅游部", "国家卫生健康委", "退役军人事务部", "应急管理部", "中国人民银行", "审计署",
    ),
    "直属特设机构": ("国务院国资委",),
    "直属机构": (
        "海关总署", "税务总局", "市场监管总局", "金融监管总局", "证监会", "国家广电总局",
        "国家体育总局", "国家信访局", "国家统计局", "国家知识产权局", "国家国际发展合作署",
        "国家医保局", "国务院参事室", "国管局", "国家网信办",
    ),
    "办事机构": ("国务院研究室", "国务院港澳办", "国务院台办", "国务院新闻办"),
    "直属事业单位": (
        "新华社", "中国科学院", "中国社会科学院", "中国工程院", "国务院发展研究中心",
        "中央广播电视总台", "中国气象局", "银保监会", "国家行政学院",
    ),
    "部委管理的国家局": (
        "国家粮食和储备局", "国家能源局", "国家数据局", "国家国防科工局", "国家烟草局",
        "国家移民局", "国家林草局", "国家铁路局", "中国民航局", "国家邮政局", "国家文物局",
        "国家中医药局", "国家疾控局", "国家矿山安监局", "国家消防救援局", "国家外汇局",
        "国家药监局", "国家标准委", "国家航天局", "国家乡村振兴局",
    ),
    "议事协调机构": (),
}
_SC_GROUPS = tuple(_STATE_COUNCIL)
_SC_INDEX = {name: (group, pos) for group, names in _STATE_COUNCIL.items()
             for pos, name in enumerate(names)}
_PARTY_ORGANS = ("中共中央", "中央办公厅", "中央组织部", "中央宣传部", "中央统战部", "中央网信办",
                 "中央政法委", "中央财办", "中央金融办", "中央编办")
_PEOPLES = ("全国总工会", "共青团中央", "全国妇联", "全国工商联", "中国贸促会", "供销合作总社",
            "中国科协", "中国残联", "中国红十字会")
_LOCAL_PARTY = re.compile(r"^(中共[\u4e00-\u9fff]{2,12}?(?:省|市|自治区|州|县|区)?委)(.+)$")
_BRANCH = re.compile(r"(?:分行|分局|税务局|监管局|调查总队|海关|通信管理局|气象局|邮政管理局)$")
# A city's name at the start of an organ's (市场, 市民, 市政, 市级 begin words, not places).
_CITY_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}?(?:市|州|盟|地区)(?!场|民|政|级)")
_NATIONAL_START = re.compile(r"^(?:国家|中国|中华|全国|中央|国务院)")


@dataclass(frozen=True)
class Level:
    """One step of an organ's path: a grouping or an organ, and where it sorts among siblings.

    ``order`` ranks it among its siblings (the State Council's own order, a province's organs
    before its cities); siblings of one order sort by name.
    """

    kind: str
    name: str
    order: int = 500


def organ_path(name: str, province: str | None = None) -> tuple[Level, ...]:
    """Return the levels from the top of the organ tree down to the organ ``name`` itself.

    ``province`` is where the document was issued when its organ does not say (the province
    of its 文号's 机关代字 or of its compilation): an abbreviated ``省人民政府`` or a city not
    known by name goes under it.
    """
    organ = canonical_issuer(name)
    if is_abbreviated(organ) and province:
        organ = expand(organ, (), None, province)
    central = _central(organ)
    if central is not None:
        return central
    kind = _non_government(organ)
    if kind is not None:
        return (Level(LEVEL, kind, _TOP.index(kind)), Level(ORGAN, organ))
    local = _local(organ, province)
    if local is not None:
        return local
    if _NATIONAL_START.match(organ):
        return (_top(CENTRAL), _central_group(OTHER_CENTRAL), Level(ORGAN, organ))
    return (_top(OTHER), Level(ORGAN, organ))


def organ_names(path: tuple[Level, ...]) -> tuple[str, ...]:
    """Return the organs on a path (an organ and the organs above it), top first."""
    return tuple(level.name for level in path if level.kind == ORGAN)


def _top(name: str) -> Level:
    return Level(LEVEL, name, _TOP.index(name))


def _central_group(name: str) -> Level:
    return Level(LEVEL, name, _CENTRAL_ORDER.index(name))


def _council_group(group: str) -> Level:
    return Level(LEVEL, "国务院" + group, 1 + _SC_GROUPS.index(group))


def _central(organ: str) -> tuple[Level, ...] | None:
    """Return the path of a central organ, or None when ``organ`` is not one."""
    council = (_top(CENTRAL), Level(ORGAN, "国务院", _CENTRAL_ORDER.index(STATE_COUNCIL)))
    if organ in ("国务院", "国务院办公厅"):
        return council if organ == "国务院" else (*council, Level(ORGAN, organ, 0))
    if organ in _SC_INDEX:
        group, pos = _SC_INDEX[organ]
        return (*council, _council_group(group), Level(ORGAN, organ, pos))
    if organ in _PARTY_ORGANS:
        return (_top(CENTRAL), _central_group(PARTY), Level(ORGAN, organ, _PARTY_ORGANS.index(organ)))
    if organ in _PEOPLES:
        return (_top(PEOPLES), Level(ORGAN, organ, _PEOPLES.index(organ)))
    if organ.startswith("全国人大") or organ.startswith("全国人民代表大会"):
        return (_top(CENTRAL), _central_group(CONGRESS), Level(ORGAN, organ))
    for court in ("最高人民法院", "最高人民检察院"):
        if organ.startswith(court):
            top = (_top(CENTRAL), Level(ORGAN, court, _CENTRAL_ORDER.index(court)))
            return top if organ == court else (*top, Level(ORGAN, organ, 0))
    if organ.startswith("中央军委"):
        return (_top(CENTRAL), _central_group(MILITARY), Level(ORGAN, organ))
    if re.match(r"^国务院.{2,20}(?:委员会|领导小组|联席会议)$", organ):
        return (*council, _council_group("议事协调机构"), Level(ORGAN, organ))
    for end in range(2, len(organ) - 1):
        # The shortest known organ the name begins with, the rest a sub-unit of it.
        if is_sub_unit(organ[end:]) and is_known_organ(organ[:end]):
            parent = _central(canonical_issuer(organ[:end]))
            if parent is not None:
                return (*parent, Level(ORGAN, organ, 0))
    return None


def _non_government(organ: str) -> str | None:
    """Return the node of an issuer outside government (协会, 企业, 金融机构), or None."""
    if re.search(r"(?:协会|学会|商会|研究会|促进会|联合会|总会)$", organ):
        return ASSOCIATIONS
    if organ.startswith("中国人民银行"):
        return None  # the central bank and its branches are government
    if re.search(r"银行(?:股份有限公司|有限公司|有限责任公司)?(?:.{1,12}分行)?$", organ) or re.search(
        r"(?:保险|证券|信托|基金|期货)[\u4e00-\u9fff]*公司$", organ
    ):
        return FINANCE
    if re.search(r"(?:集团|公司|有限公司|企业)$", organ):
        return COMPANIES
    return None


def _local(organ: str, province: str | None) -> tuple[Level, ...] | None:
    """Return the path of a provincial or city organ, or None when ``organ`` names no place."""
    bare = organ[2:] if organ.startswith("中共") else organ
    found = province_name(bare)
    place, rest = (found if found else (None, bare))
    city: tuple[str, str | None] | None = None
    if place is None:
        if _NATIONAL_START.match(organ) and _BRANCH.search(organ):
            # A national organ's branch (中国人民银行江苏省分行): under the province it serves.
            for pos in range(2, len(organ) - 2):
                located = province_name(organ[pos:])
                if located:
                    return (_top(LOCAL), _province_level(located[0]), Level(ORGAN, organ, 4))
        city = city_province(bare)
        named = _CITY_NAME.match(bare)
        if city is None and named and len(bare) > named.end() + 1:
            # A city not listed: under the province its document points to, else 省份未详.
            city = (named.group(0), province)
        if city is None:
            if not is_abbreviated(organ):
                return None
            place = province
    else:
        named = _CITY_NAME.match(rest)
        if named and not place.endswith("市") and len(rest) > len(named.group(0)) + 1:
            city = (named.group(0), place)
    levels: list[Level] = [_top(LOCAL)]
    if city is not None:
        levels += [_province_level(city[1]), Level(LEVEL, city[0], 900)]
    else:
        levels.append(_province_level(place))
    parent = _local_parent(organ)
    if parent is not None:
        levels.append(Level(ORGAN, parent, _rank(parent)))
    levels.append(Level(ORGAN, organ, 0 if parent else _rank(organ)))
    return tuple(levels)


def _province_level(place: str | None) -> Level:
    if place is None or place not in PROVINCE_ORDER:
        return Level(LEVEL, UNKNOWN_PLACE, 999)
    return Level(LEVEL, place, PROVINCE_ORDER.index(place))


def _local_parent(organ: str) -> str | None:
    """Return the organ a local sub-unit belongs to (its 人民政府, its 省委), or None."""
    party = _LOCAL_PARTY.match(organ)
    if party:
        return party.group(1)
    office = re.match(r"^(.+?(?:人民政府|人民代表大会常务委员会|人大常委会))(?:办公厅|办公室)$", organ)
    return office.group(1) if office else None


def _rank(organ: str) -> int:
    """Return where a local organ sorts among its place's organs: Party, congress, government…"""
    if organ.startswith(("中共", "中国共产党")):
        return 0
    if re.search(r"(?:人民代表大会|人大)", organ):
        return 1
    if re.search(r"(?:人民政府|政府)(?:办公厅|办公室)?$", organ):
        return 2
    if _NATIONAL_START.match(organ):
        return 4
    return 3
