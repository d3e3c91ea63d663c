"""Files the format tests make themselves: a policy page as government sites publish it, a .docx.

The notice is written for these tests (no public text is copied); its layout follows GB/T 9704
(title, 文号, 主送机关, body with 一、/（一） headings, 署名, 成文日期, 附注) and the page follows the
layout of a State Council policy page: site navigation and breadcrumbs, a metadata table
(索引号, 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期), the article, related links, a footer.
"""

from __future__ import annotations

import hashlib
from html import escape
from pathlib import Path

from reader.library.damage import CHECKED_SUFFIX

TITLE = "国务院办公厅关于推进城乡社区便民服务设施建设的指导意见"
DOC_NUMBER = "国办发〔2025〕17号"
ISSUER = "国务院办公厅"
DATE = "2025-03-25"
PUBLISHED = "2025-04-02"
INDEX_NO = "000014349/2025-00031"

BODY = [
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    "城乡社区便民服务设施是群众日常生活的重要依托。为补齐设施短板、提升服务水平，经国务院同意，现提出以下意见。",
    "一、总体要求",
    "坚持以人民为中心的发展思想，统筹城乡社区服务设施布局，到2027年基本形成布局合理、功能完善、运行规范的便民服务网络。",
    "二、重点任务",
    "（一）完善设施布局。各地要结合国土空间规划，合理确定社区服务设施的规模和位置，优先利用闲置用房改造建设。",
    "（二）丰富服务内容。推动养老托育、家政维修、快递收发等服务进社区，鼓励社会力量参与运营。",
    "（三）提升运行水平。建立设施运行维护制度，明确管理责任，定期开展服务质量评估。",
    "三、保障措施",
    "各地区各有关部门要加强组织领导，落实资金保障，及时总结推广好的经验做法，重大情况及时报告。",
]
SIGNATURE = [ISSUER, "2025年3月25日", "（此件公开发布）"]


FORWARDING_TITLE = "国务院办公厅转发国家发展改革委关于推进社区便民服务的意见的通知"
FORWARDING_NUMBER = "国办发〔2025〕19号"
FORWARDING_BODY = [
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    "国家发展改革委《关于推进社区便民服务的意见》已经国务院同意，现转发给你们，请认真贯彻执行。",
    ISSUER, "2025年3月26日", "（此件公开发布）",
    "国家发展改革委关于推进社区便民服务的意见",
    "发改社会〔2025〕301号",
    "为推进社区便民服务，现提出以下意见。",
    "一、总体要求",
    "坚持以人民为中心，持续改善社区服务，让群众办事少跑路。",
    "二、主要任务",
    "（一）健全服务网络。推动服务设施向农村社区延伸，补齐服务短板。",
]


def gov_page(
    charset: str = "utf-8",
    *,
    with_table: bool = True,
    title: str = TITLE,
    doc_number: str = DOC_NUMBER,
    body: list[str] | None = None,
    signature: list[str] | None = None,
) -> bytes:
    """Return a policy page in the layout of the State Council's site, encoded in ``charset``."""
    body_lines = BODY if body is None else body
    signature_lines = SIGNATURE if signature is None else signature
    table = f"""
<div class="policyLibraryOverview_header">
<table class="bd1" cellspacing="1" cellpadding="0" width="100%">
<tr><td class="lt"><b>索&nbsp;引&nbsp;号：</b></td><td>{INDEX_NO}</td>
    <td class="lt"><b>主题分类：</b></td><td>城乡建设、环境保护\\其他</td></tr>
<tr><td class="lt"><b>发文机关：</b></td><td>{ISSUER}</td>
    <td class="lt"><b>成文日期：</b></td><td>2025年03月25日</td></tr>
<tr><td class="lt"><b>标　　题：</b></td><td colspan="3">{title}</td></tr>
<tr><td class="lt"><b>发文字号：</b></td><td>{doc_number}</td>
    <td class="lt"><b>发布日期：</b></td><td>2025年04月02日</td></tr>
</table></div>""" if with_table else ""
    paragraphs = "\n".join(f"<p>{escape(line)}</p>" for line in body_lines)
    signed = "\n".join(f'<p style="text-align: right;">{escape(line)}</p>' for line in signature_lines)
    page = f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_国务院文件_中国政府网</title>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.bd1 td {{ font-size: 14px; }}</style>
</head><body>
<div class="header"><div class="top-links"><a href="/">中国政府网</a> <a href="#">简</a>|<a href="#">繁</a>
<a href="#">EN</a> <a href="#">登录</a> <a href="#">注册</a></div>
<ul class="nav"><li><a href="#">首页</a></li><li><a href="#">国务院</a></li><li><a href="#">总理</a></li>
<li><a href="#">新闻</a></li><li><a href="#">政策</a></li><li><a href="#">互动</a></li>
<li><a href="#">服务</a></li><li><a href="#">数据</a></li><li><a href="#">国情</a></li></ul></div>
<div class="BreadcrumbNav"><a href="#">首页</a> &gt; <a href="#">政策</a> &gt; <a href="#">国务院政策文件库</a>
&gt; <a href="#">国务院办公厅文件</a></div>
{table}
<div class="article oneColumn pub_border">
<h1>{title}</h1>
<div class="pages_content" id="UCAP-CONTENT">
<p style="text-align: center;">{doc_number}</p>
{paragraphs}
{signed}
</div>
<div class="editor">【我要打印】 【关闭窗口】 <span>责任编辑：李明</span></div>
</div>
<div class="related"><h3>相关稿件</h3><ul>
<li><a href="#">国家发展改革委有关负责人就社区便民服务设施建设答记者问</a></li>
<li><a href="#">图解：城乡社区便民服务设施建设指导意见</a></li>
<li><a href="#">各地积极推进城乡社区服务设施补短板工作综述</a></li></ul></div>
<div class="footer"><p>主办单位：国务院办公厅　运行维护单位：中国政府网运行中心</p>
<p>版权所有：中国政府网　中文域名：中国政府网.政务</p>
<p>网站标识码bm01000001　京ICP备05070218号　京公网安备11010202000001号</p></div>
</body></html>
"""
    return page.encode(charset)


def link_list_page() -> bytes:
    """Return a page with navigation and a list of links only: no policy text."""
    items = "\n".join(
        f'<li><a href="/{n}.htm">国务院办公厅关于做好第{n}项重点工作的通知</a><span>2025-03-{n:02d}</span></li>'
        for n in range(1, 21)
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>国务院文件_中国政府网</title></head>
<body><div class="nav"><a href="#">首页</a> <a href="#">政策</a></div>
<div class="list"><ul>{items}</ul></div>
<div class="footer">主办单位：国务院办公厅</div></body></html>""".encode()


def make_docx(path: Path) -> Path:
    """Write the notice as a .docx: a Title, numbered and heading paragraphs, a table."""
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph(DOC_NUMBER)
    document.add_paragraph(BODY[0])
    document.add_paragraph(BODY[1])
    for line in BODY[2:]:
        style = "Heading 1" if line.endswith(("要求", "任务", "措施")) and "、" in line[:3] else None
        document.add_paragraph(line, style=style)
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, (("任务", "牵头单位", "完成时限"),
                                        ("完善设施布局", "住房城乡建设部", "2026年底"),
                                        ("丰富服务内容", "民政部", "2027年底")), strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    for line in SIGNATURE:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def file_hashes(directory: Path) -> dict[str, str]:
    """Return every file under ``directory`` with its SHA-256: to show nothing was written.

    The record of the store's last good check (``library.sqlite3.checked``) is left out: a
    store changed by an earlier command is checked again when it is next opened, and that
    record is rewritten, whatever the command then does.
    """
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file() and not path.name.endswith(CHECKED_SUFFIX)
    }
