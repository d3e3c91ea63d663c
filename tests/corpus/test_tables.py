"""Tables flattened one cell a line come back as rows and columns, cells a PDF wrapped joined
again; a run whose shape can be read more than one way, or not at all, stays a grid."""

from __future__ import annotations

from reader.corpus.blocks import layout
from reader.corpus.clauses import parse_clauses
from reader.corpus.model import Document, DocumentId, SourceRef
from reader.corpus.render import lines_of
from reader.corpus.tables import Grid, Table, find_tables
from reader.corpus.wrapped_cells import width

# A list of policies as a PDF prints it in narrow columns: the header's 序号 written down its
# column, 发布日期 and every date broken at the column's width, organs and titles wrapped.
WRAPPED = (
    "附表 本月政策一览\n序\n号\n发布\n日期\n发布机构\n文件标题\n"
    "1\n2021-\n12-03\n国家发展\n改革委\n关于印发生\n态保护办法\n的通知\n"
    "2\n2021-\n12-08\n工业和信\n息化部\n关于印发绿\n色发展规划\n"
    "3\n2022-\n01-05\n财政部\n关于做好工\n作的通知\n"
    "以上按发布日期排列。"
)


def _document(text: str) -> Document:
    return Document(DocumentId("t"), "关于测试的通知", ("某机关",), ("某机关",), None, None,
                    None, SourceRef("t.txt", 1, 9), text, parse_clauses(text))


def _nodes(text: str) -> list[Table | Grid]:
    doc = _document(text)
    return [node for node in layout(doc, lines_of(doc.text)).nodes
            if isinstance(node, Table | Grid)]


def _cells(text: str, table: Table) -> list[list[str]]:
    return [["".join(text[span.start : span.end] for span in cell) for cell in row]
            for row in table.rows]


def test_cells_broken_over_lines_are_joined_into_rows_of_the_headers_width() -> None:
    [table] = _nodes(WRAPPED)
    assert isinstance(table, Table) and (len(table.rows), table.columns) == (4, 4)
    assert _cells(WRAPPED, table) == [
        ["序号", "发布日期", "发布机构", "文件标题"],
        ["1", "2021-12-03", "国家发展改革委", "关于印发生态保护办法的通知"],
        ["2", "2021-12-08", "工业和信息化部", "关于印发绿色发展规划"],
        ["3", "2022-01-05", "财政部", "关于做好工作的通知"],
    ]
    # Every cell is spans of the text itself: nothing is copied or rewritten.
    assert all(WRAPPED[span.start : span.end] for row in table.rows for cell in row
               for span in cell)


def test_a_break_that_left_room_in_its_column_is_no_wrap() -> None:
    # 关于 / 印发生态保护办法: the first line had room for more, so these are not one wrapped
    # cell, and no other reading gives every row one shape: the run stays a grid.
    broken = WRAPPED.replace("关于印发生\n态保护办法", "关于\n印发生态保护办法")
    [node] = _nodes(broken)
    assert isinstance(node, Grid)


def test_a_run_read_two_ways_stays_a_grid() -> None:
    # Nothing is cut (no date, no bracket): 甲乙 / 丙丁 may be one cell or two, and both give
    # rows of one shape, so the shape is not known with confidence.
    text = "名称\n数量\n单位\n甲乙\n丙丁\n12\n戊己\n庚辛\n30\n壬癸\n子丑\n45\n说明"
    nodes = _nodes(text)
    assert not any(isinstance(node, Table) and node.columns == 2 for node in nodes)


def test_a_bracketed_unit_and_a_vertical_header_join_their_cells() -> None:
    # 项目名称 / 金额 would not wrap: the names below show the column is wider than that.
    text = ("序\n号\n项目名称\n金额\n（万元）\n完成\n时间\n"
            "1\n厂房改造工程\n120\n2023-\n06-30\n2\n设备购置更新\n85.5\n2023-\n09-15\n"
            "3\n系统升级\n40\n2024-\n01-20")
    [table] = _nodes(text)
    assert isinstance(table, Table) and (len(table.rows), table.columns) == (4, 4)
    assert _cells(text, table)[0] == ["序号", "项目名称", "金额（万元）", "完成时间"]
    assert _cells(text, table)[2] == ["2", "设备购置更新", "85.5", "2023-09-15"]


def test_a_header_that_could_wrap_two_ways_leaves_the_table_a_grid() -> None:
    # 项目名称 / 金额 / （万元） fits the column as one wrapped cell as well as two cells:
    # the widths cannot tell, so the run is not read as a table.
    text = ("序\n号\n项目名称\n金额\n（万元）\n完成\n时间\n"
            "1\n厂房改造\n120\n2023-\n06-30\n2\n设备购置\n85.5\n2023-\n09-15\n"
            "3\n系统升级\n40\n2024-\n01-20")
    assert [type(node) for node in _nodes(text)] == [Grid]


def test_whole_cells_a_line_are_still_read_as_before() -> None:
    text = "序号\n地区\n金额\n1\n甲市\n120\n2\n乙市\n85\n3\n丙县\n40"
    lines = lines_of(text)
    [table] = find_tables(lines)
    assert isinstance(table, Table) and (len(table.rows), table.columns) == (4, 3)


def test_width_counts_a_cjk_character_as_two() -> None:
    assert width("2021-") == 5 and width("国家发展") == 8 and width("（万元）") == 8
