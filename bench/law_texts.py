"""Synthetic laws and regulations in the official publication layouts, for benchmarks and tests.

Each text is made from templates (no real law is copied): a title, a 题注 in one of the printed
layouts (bracketed or bare lines; 通过, 批准, 公布, 修正, 修订, 施行), chapters and articles,
and a closing ``本条例自…起施行``. ``law(n)`` also returns what a reader should find in it, so
a benchmark or a test can check the splitter against the truth it was built from.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

SUBJECTS = (
    "城市供水", "档案保管", "气象灾害防御", "河道采砂", "文物保护", "旅游市场", "农药使用",
    "电梯安全", "森林防火", "地下水保护", "物业服务", "养老服务", "公共图书馆", "道路运输",
    "燃气管理", "湿地保护", "船舶污染防治", "种子管理", "消防安全", "城市排水", "粮食储备",
    "海域使用", "矿产资源", "无线电管理", "价格监督", "计量管理", "人民调解", "法律援助",
    "社区矫正", "慈善募捐", "野生植物保护", "水土保持", "防沙治沙", "气象设施", "地名管理",
    "测绘成果", "古树名木保护", "城市绿化", "殡葬管理", "献血",
)
CITIES = (("江川市", "云岭省"), ("临海市", "东滨省"), ("青石市", "北原省"), ("溪口市", "南泽省"))
MINISTRIES = ("国家市场监督管理总局", "交通运输部", "生态环境部", "自然资源部", "水利部", "应急管理部")
LAYOUTS = ("law", "regulation_bare", "regulation", "local", "judicial", "rule")
_CN = "零一二三四五六七八九十"


def cn(n: int) -> str:
    """Write 1–99 in Chinese numerals (一, 十二, 二十三)."""
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


@dataclass(frozen=True)
class Law:
    """One synthetic law and what splitting it should find."""

    layout: str
    title: str
    lines: tuple[str, ...]
    date: str
    issuer: str
    doc_number: str | None
    effective: str
    events: int

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _day(rng: random.Random, year: int) -> tuple[int, int, int]:
    return year, rng.randint(1, 12), rng.randint(1, 28)


def _cdate(d: tuple[int, int, int]) -> str:
    return f"{d[0]}年{d[1]}月{d[2]}日"


def _iso(d: tuple[int, int, int]) -> str:
    return f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"


def _articles(rng: random.Random, subject: str, kind: str, effective: str) -> list[str]:
    """Chapters and articles of the body, ending with the article that says when it applies."""
    out: list[str] = []
    article = 0
    chapters = ("总则", "管理职责", "监督检查", "法律责任", "附则")
    for number, chapter in enumerate(chapters[: rng.randint(3, 5)], 1):
        out.append(f"第{cn(number)}章　{chapter}")
        for _ in range(rng.randint(2, 4)):
            article += 1
            out.append(
                f"第{cn(article)}条　为了加强{subject}工作，县级以上人民政府有关部门应当按照职责分工，"
                f"做好{subject}的监督管理，保障公民、法人和其他组织的合法权益。"
            )
    article += 1
    out.append(f"第{cn(article)}条　本{kind}自{effective}起施行。")
    return out


def law(n: int, layout: str | None = None) -> Law:
    """Return the ``n``-th synthetic law (the same for the same ``n``)."""
    rng = random.Random(n)
    layout = layout or LAYOUTS[n % len(LAYOUTS)]
    subject = SUBJECTS[n % len(SUBJECTS)]
    year = 1990 + n % 34
    passed = _day(rng, year)
    published = (year, passed[1], min(28, passed[2] + 3))
    effective = (year + 1, rng.randint(1, 12), 1)
    revisions = [_day(rng, year + 2 + 3 * i) for i in range(rng.randint(0, 2))]
    newest = revisions[-1] if revisions else None
    serial = 100 + n
    if layout == "law":
        title = f"中华人民共和国{subject}法"
        note = f"（{_cdate(passed)}第九届全国人民代表大会常务委员会第{cn(n % 30 + 1)}次会议通过"
        for i, rev in enumerate(revisions, 1):
            note += (f"　根据{_cdate(rev)}第十届全国人民代表大会常务委员会第{cn(i + 3)}次会议"
                     f"《关于修改〈{title}〉的决定》第{cn(i)}次修正")
        head = [title, note + "）"]
        kind, issuer, number = "法", "全国人民代表大会常务委员会", None
        date = _iso(newest or passed)
    elif layout in ("regulation", "regulation_bare"):
        title = f"{subject}条例"
        order = f"中华人民共和国国务院令第{serial}号"
        if layout == "regulation_bare":
            head = [f"# {title}", "", f"{_cdate(passed)} 国务院第{serial % 90 + 1}次常务会议通过", "",
                    f"{_cdate(published)} {order}公布", "", f"{_cdate(effective)} 施行", ""]
            revisions, newest = [], None
        else:
            note = f"（{_cdate(published)}{order}公布"
            for rev in revisions:
                note += f"　根据{_cdate(rev)}《国务院关于修改部分行政法规的决定》修订"
            head = [title, note + "）"]
        kind, issuer, number = "条例", "国务院", f"国务院令第{serial}号"
        date = _iso(newest or published)
    elif layout == "local":
        city, province = CITIES[n // len(LAYOUTS) % len(CITIES)]
        title = f"{city}{subject}条例"
        approved = (year, min(12, passed[1] + 1), passed[2])
        head = [title,
                f"{_cdate(passed)}{city}第十五届人民代表大会常务委员会第{cn(n % 20 + 1)}次会议通过",
                f"{_cdate(approved)}{province}第十三届人民代表大会常务委员会第{cn(n % 20 + 2)}次会议批准"]
        kind, issuer, number = "条例", f"{city}人民代表大会常务委员会", None
        date = _iso(approved)
        revisions = []
    elif layout == "judicial":
        title = f"最高人民法院关于审理{subject}纠纷案件适用法律若干问题的解释"
        number = f"法释〔{year}〕{n % 30 + 1}号"
        head = [title, f"（{_cdate(passed)}最高人民法院审判委员会第{1500 + n}次会议通过　"
                       f"自{_cdate(effective)}起施行）", number]
        kind, issuer = "解释", "最高人民法院"
        date = _iso(passed)
        revisions = []
    else:
        ministry = MINISTRIES[n // len(LAYOUTS) % len(MINISTRIES)]
        title = f"{subject}管理办法"
        number = f"{ministry}令第{n % 90 + 1}号"
        head = [title, f"（{_cdate(published)}{number}公布　自{_cdate(effective)}起施行）"]
        kind, issuer = "办法", ministry
        date = _iso(published)
        revisions = []
    body = _articles(rng, subject, kind, _cdate(effective))
    events = {"law": 1, "regulation": 1, "regulation_bare": 3, "local": 2}.get(layout, 2)
    events += len(revisions)
    return Law(layout, title, (*head, *body), date, issuer, number, _iso(effective), events)


def compilation(laws: list[Law], header: str, page_rows: int = 18) -> str:
    """Print laws one after another as a PDF conversion would: pages, numbers, headers.

    No table of contents; every page ends in ``— N —`` and the next starts with the running
    header, its first line with a single space (the conversion's page-break mark). A title
    longer than 24 characters wraps over two lines, and the first such title is broken across
    a page break.
    """
    rows: list[str] = []
    breaks: set[int] = set()
    for item in laws:
        for number, line in enumerate(item.lines):
            line = line.removeprefix("# ")
            if not line:
                continue
            if number == 0 and len(line) > 24:
                cut = line.index("关于") + 2 if "关于" in line else 16
                if not breaks:
                    breaks.add(len(rows) + 1)
                rows.extend((line[:cut], line[cut:]))
                continue
            rows.append(line)
    out: list[str] = []
    page = 1
    on_page = 0
    for pos, line in enumerate(rows):
        if pos == 0 or on_page >= page_rows or pos in breaks:
            if pos:
                out.append(f"— {page} —")
                page += 1
            out.append(header)
            out.append(" " + line)
            on_page = 1
            continue
        out.append(line)
        on_page += 1
    out.append(f"— {page} —")
    return "\n".join(out) + "\n"
