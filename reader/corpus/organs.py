"""Issuing organs (发文机关): canonical names, aliases, and splitting printed organ lists.

Compilations name the same organ many ways (国家发展改革委, 国家发展和改革委员会, 国家发改委,
发展改革委), and joint documents print several organs in a row, separated by spaces, by
nothing at all (``国家发展改革委国家能源局``), or summarised (``商务部等9部门``). The library
tree groups documents by organ, so every spelling must land on one canonical name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.corpus.places import SHORT_NAMES

# canonical name -> aliases (full names, short names, colloquial names). The canonical name is
# the short form the State Council itself uses in joint documents (国家发展改革委, 工业和信息化部).
_ALIASES: dict[str, tuple[str, ...]] = {
    "中共中央": ("中国共产党中央委员会", "党中央"),
    "国务院": ("中华人民共和国国务院",),
    "中共中央办公厅": ("中办",),
    "国务院办公厅": ("国办",),
    "全国人大常委会": ("全国人民代表大会常务委员会",),
    "国家发展改革委": ("国家发展和改革委员会", "国家发改委", "发展改革委", "发改委"),
    "国家发展改革委办公厅": ("国家发展和改革委员会办公厅", "发展改革委办公厅"),
    "工业和信息化部": ("工信部", "工业与信息化部"),
    "工业和信息化部办公厅": ("工信部办公厅",),
    "科技部": ("科学技术部",),
    "科技部办公厅": ("科学技术部办公厅",),
    "教育部": (),
    "外交部": (),
    "国家民委": ("国家民族事务委员会",),
    "公安部": (),
    "民政部": (),
    "司法部": (),
    "财政部": (),
    "财政部办公厅": (),
    "人力资源社会保障部": ("人力资源和社会保障部", "人社部"),
    "自然资源部": (),
    "生态环境部": ("环境保护部",),
    "生态环境部办公厅": (),
    "住房城乡建设部": ("住房和城乡建设部", "住建部"),
    "住房城乡建设部办公厅": ("住房和城乡建设部办公厅",),
    "交通运输部": (),
    "交通运输部办公厅": (),
    "水利部": (),
    "农业农村部": ("农业部",),
    "农业农村部办公厅": (),
    "商务部": (),
    "商务部办公厅": (),
    "文化和旅游部": ("文旅部",),
    "国家卫生健康委": ("国家卫生健康委员会", "国家卫健委", "卫生健康委"),
    "国家卫生健康委办公厅": ("国家卫生健康委员会办公厅",),
    "退役军人事务部": (),
    "应急管理部": ("应急部",),
    "应急管理部办公厅": (),
    "中国人民银行": ("人民银行", "人行", "央行"),
    "审计署": (),
    "国务院国资委": ("国务院国有资产监督管理委员会", "国资委"),
    "海关总署": (),
    "税务总局": ("国家税务总局",),
    "市场监管总局": ("国家市场监督管理总局", "国家市场监管总局"),
    "金融监管总局": ("国家金融监督管理总局",),
    "国家广电总局": ("国家广播电视总局", "广电总局"),
    "国家体育总局": ("体育总局",),
    "国家统计局": ("统计局",),
    "国家知识产权局": ("知识产权局",),
    "国管局": ("国家机关事务管理局",),
    "国家能源局": ("能源局",),
    "国家林草局": ("国家林业和草原局", "林草局"),
    "国家铁路局": (),
    "中国民航局": ("中国民用航空局", "民航局"),
    "国家邮政局": ("邮政局",),
    "国家文物局": (),
    "国家中医药局": ("国家中医药管理局", "中医药局"),
    "国家疾控局": ("国家疾病预防控制局", "疾控局"),
    "国家药监局": ("国家药品监督管理局", "药监局"),
    "国家医保局": ("国家医疗保障局", "医保局"),
    "国家外汇局": ("国家外汇管理局", "外汇局"),
    "国家乡村振兴局": (),
    "国家移民局": ("国家移民管理局",),
    "国家数据局": (),
    "国家粮食和储备局": ("国家粮食和物资储备局",),
    "国家标准委": ("国家标准化管理委员会",),
    "国家网信办": ("国家互联网信息办公室",),
    "中央网信办": ("中央网络安全和信息化委员会办公室",),
    "银保监会": ("中国银行保险监督管理委员会", "中国银保监会"),
    "证监会": ("中国证券监督管理委员会", "中国证监会"),
    "中国科学院": ("中科院",),
    "中国工程院": (),
    "全国总工会": ("中华全国总工会",),
    "共青团中央": ("中国共产主义青年团中央委员会", "团中央"),
    "全国妇联": ("中华全国妇女联合会",),
    "全国工商联": ("中华全国工商业联合会",),
    "供销合作总社": ("中华全国供销合作总社", "全国供销合作总社", "全国供销总社"),
    "国家开发银行": ("国开行",),
    "中国国家铁路集团有限公司": ("国铁集团",),
    "中央军委后勤保障部卫生局": (),
    "中央宣传部": ("中宣部", "中共中央宣传部"),
    "中国气象局": ("气象局",),
    "中国贸促会": ("中国国际贸易促进委员会",),
    "国家消防救援局": (),
    "国家矿山安监局": ("国家矿山安全监察局",),
    "国家国防科工局": ("国家国防科技工业局",),
    "国家航天局": (),
    "国家烟草局": ("国家烟草专卖局",),
    "水利部办公厅": (),
    "教育部办公厅": (),
}

# Organ-name endings. Longer endings first so that 委员会 wins over 会 and 办公厅 over 厅.
_SUFFIXES = (
    "办公厅", "办公室", "委员会", "秘书局", "综合司", "监督管理局", "管理局", "总局", "总署",
    "总社", "总会", "联合会", "商会", "协会", "学会", "研究院", "研究会", "中心", "集团有限公司",
    "有限公司", "股份有限公司", "公司", "分行", "银行", "监管局", "税务局", "党委", "省委", "市委",
    "中央", "政府", "部", "委", "局", "院", "厅", "署", "办", "司", "处", "社", "行",
)
# Sub-units printed after their organ without a separator (国家乡村振兴局综合司, 科技部火炬中心).
_SUB_UNITS = re.compile(r"^(?:办公厅|办公室|综合司|秘书局|秘书处|[^省市县区国中]{1,6}(?:中心|司|处))$")
# Beginnings of a new organ's name: a region, the Party, the state, a national body.
_PROVINCES = "|".join(sorted(SHORT_NAMES, key=len, reverse=True))
_PROVINCE_RE = re.compile(rf"^(?:{_PROVINCES})")
# A national organ followed by its provincial branch is one organ (国家税务总局江苏省税务局).
_BRANCH = re.compile(rf"^(?:{_PROVINCES})[^厅]{{0,8}}(?:分行|税务局|监管局|分局|调查总队|海关)$")
# "等9部门", "等七部门", "等部门", "等15部门办公厅（秘书局、办公室、综合司）" summarise a list.
_ETC = re.compile(r"等\s*[0-9一二三四五六七八九十两]*\s*(?:个)?部(?:门|委)[^关印决发]*")

_SEPARATORS = re.compile(r"[\s\u3000、，,；;]+")


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    """Return every known spelling -> canonical name."""
    index: dict[str, str] = {}
    for canonical, aliases in _ALIASES.items():
        index[canonical] = canonical
        for alias in aliases:
            index.setdefault(alias, canonical)
    return index


@lru_cache(maxsize=1)
def _known_by_length() -> tuple[str, ...]:
    """Return the known spellings, longest first, for greedy matching of glued names."""
    return tuple(sorted(_alias_index(), key=len, reverse=True))


def canonical_issuer(name: str) -> str:
    """Return the canonical name of one organ; unknown organs come back as printed (trimmed).

    Provincial organs keep their region (省财政厅 and 江苏省财政厅 are not merged: the region is
    not always recoverable from the short form).
    """
    cleaned = re.sub(r"\s+", "", name).strip("（）()【】[]")
    national = re.match(r"^中华人民共和国(?=.)", cleaned) is not None
    cleaned = re.sub(r"^中华人民共和国(?=.)", "", cleaned)  # 中华人民共和国商务部 is 商务部
    index = _alias_index()
    if cleaned in index:
        return index[cleaned]
    for sub in ("办公厅", "办公室", "综合司", "秘书局"):
        if cleaned.endswith(sub) and cleaned[: -len(sub)] in index:
            return index[cleaned[: -len(sub)]] + sub
    if national:
        return _national_misprint(cleaned, index) or cleaned
    return cleaned


# The endings a national organ's name may carry; a misprinted one is read as another of them.
_NATIONAL_ENDINGS = ("委员会", "总局", "总署", "部", "委", "局", "署", "院", "厅")


def _national_misprint(name: str, index: dict[str, str]) -> str | None:
    """Return the national organ ``name`` misprints by its ending (交通运输局 for 交通运输部).

    Only for a name printed as a national organ (中华人民共和国…): there is no national
    交通运输局, and the stem with another organ ending names exactly one known organ. A local
    bureau of the same stem (广州市交通运输局) is never read this way.
    """
    for ending in _NATIONAL_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending) + 1:
            stem = name[: -len(ending)]
            found = {index[stem + other] for other in _NATIONAL_ENDINGS
                     if other != ending and stem + other in index}
            if len(found) == 1:
                return found.pop()
    return None


def canonical_issuers(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Return the canonical names of ``names`` in order, without duplicates."""
    out: list[str] = []
    for name in names:
        canon = canonical_issuer(name)
        if canon and canon not in out:
            out.append(canon)
    return tuple(out)


def is_sub_unit(text: str) -> bool:
    """Tell whether ``text`` names a sub-unit printed after its organ (办公厅, 综合司, 火炬中心)."""
    return bool(_SUB_UNITS.match(text))


def is_known_organ(name: str) -> bool:
    """Tell whether ``name`` is a spelling of a known national organ."""
    return re.sub(r"\s+", "", name) in _alias_index()


_ORGAN_TAIL = re.compile("(?:" + "|".join(_SUFFIXES) + ")$")


def looks_like_organ(text: str) -> bool:
    """Tell whether ``text`` (one or more glued organ names) reads like organ names only.

    Used on signature lines and title prefixes: short, no sentence punctuation, ending like an
    organ (部, 委员会, 厅, 局, 政府, 有限公司…).
    """
    compact = re.sub(r"\s+", "", text)
    if not 2 <= len(compact) <= 60 or re.search(r"[，。；：:！？“”《》（）()\d]", compact):
        return False
    return bool(_ORGAN_TAIL.search(compact)) or compact in _alias_index()


def _next_organ(text: str) -> int:
    """Return the length of the organ name at the start of ``text`` (0 when none)."""
    for known in _known_by_length():
        if text.startswith(known):
            rest = text[len(known):]
            # A known name followed by something that is not another organ is the start of a
            # longer name (国务院 in 国务院反垄断反不正当竞争委员会): read on to its ending.
            if rest and not _starts_organ(rest) and not _SUB_UNITS.match(rest):
                longer = _next_organ_by_suffix(text, len(known))
                if longer:
                    return longer
            return len(known)
    return _next_organ_by_suffix(text, 1)


def _next_organ_by_suffix(text: str, begin: int) -> int:
    """Return the end of the first organ ending at or after ``begin`` that closes a name."""
    best = 0
    for suffix in _SUFFIXES:
        pos = text.find(suffix, max(1, begin - len(suffix) + 1))
        while pos != -1:
            end = pos + len(suffix)
            # Stop at the first ending that is followed by the start of another organ (or the
            # end): 江苏省财政厅|江苏省税务局 splits, 人力资源和社会保障厅 does not split at 部.
            if end == len(text) or _starts_organ(text[end:]):
                if best == 0 or end < best:
                    best = end
                break
            pos = text.find(suffix, pos + 1)
    return best


def starts_like_organ(text: str) -> bool:
    """Tell whether an organ's name plausibly begins at the start of ``text``."""
    return _starts_organ(re.sub(r"\s+", "", text))


def _starts_organ(text: str) -> bool:
    """Tell whether a new organ's name plausibly begins at the start of ``text``."""
    if any(text.startswith(known) for known in _known_by_length()):
        return True
    return bool(
        _PROVINCE_RE.match(text)
        or re.match(r"^(?:中共|中国|中华|国家|国务院|全国|共青团|省|市|自治区|最高)", text)
    )


def _split_glued(token: str) -> list[str]:
    """Split one whitespace-free run of organ names (国家发展改革委国家能源局)."""
    parts: list[str] = []
    rest = token
    while rest:
        size = _next_organ(rest)
        if size == 0:
            parts.append(rest)
            break
        parts.append(rest[:size])
        rest = rest[size:]
    return parts


def split_organs(text: str) -> list[str]:
    """Split a printed list of organs into names, as printed.

    Handles spaces (``科技部 住房城乡建设部``), glued names (``国家发展改革委国家能源局``),
    enumeration commas, names broken across lines (pass the lines joined without a separator)
    and summaries (``商务部等9部门`` gives ``["商务部"]``: the others are not named).
    """
    text = _ETC.sub(" ", text)
    # Signatures are often letter-spaced (财  政  部): a run of single characters is one name.
    text = re.sub(r"(?<!\S)(\S)[^\S\n]+(?=\S(?:\s|$))", r"\1", text)
    out: list[str] = []
    for token in _SEPARATORS.split(text):
        token = token.strip("（）()")
        if not token:
            continue
        for part in _split_glued(token):
            if out and (_SUB_UNITS.match(part) or (_BRANCH.match(part) and _is_national(out[-1]))):
                out[-1] += part
            else:
                out.append(part)
    return out


def _is_national(name: str) -> bool:
    """Tell whether ``name`` is a national organ (one a provincial branch can hang under)."""
    if re.search(_PROVINCES, name):
        return False
    return name in _alias_index() or name.startswith(("国家", "中国"))


_TITLE_VERBS = re.compile(r"关于|联合印发|印发|转发|决定|发布|公布")


def title_prefix(title: str) -> str:
    """Return the organ part of a title (what precedes 关于/印发/…), or ``""``.

    ``国家发展改革委 国家能源局关于…的通知`` gives ``国家发展改革委 国家能源局``;
    ``关于…的通知`` gives ``""``.
    """
    match = _TITLE_VERBS.search(title)
    if not match or match.start() == 0:
        return ""
    prefix = title[: match.start()].strip()
    compact = _ETC.sub("", re.sub(r"\s+", "", prefix))
    return prefix if compact and looks_like_organ(compact) else ""


def issuers_from_title(title: str) -> list[str]:
    """Return the organs named before 关于/印发 in a title, as printed."""
    prefix = title_prefix(title)
    return split_organs(prefix) if prefix else []
