"""``reader-cli links``, the links section of ``show`` and ``search --status``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.library.library import Library
from reader.paths import Paths

LINKS = Path(__file__).parent.parent / "library" / "fixtures" / "links"


@pytest.fixture
def data_dir(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    data = tmp_path / "data"
    library = Library.open_folder(Paths(bundle=tmp_path, data_dir=data).library_dir)
    ids = {}
    for name in ("parking_2024", "fee_2015", "rules_2024"):
        ids[name] = library.add_file(LINKS / f"{name}.txt").added[0]
    library.close()
    return data, ids


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_links_lists_citations_backlinks_and_status(
    data_dir: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, ids = data_dir
    code, out, _ = _run(capsys, "--data-dir", str(data), "links", ids["rules_2024"])
    assert code == 0
    assert "时效性：现行有效" in out and "本细则自2024年7月1日起施行" in out
    assert f"{ids['parking_2024']}  某市停车场管理条例  第六条" in out
    missing = out.split("本文引用，文库中没有（2）：\n", 1)[1].split("\n")[:2]
    assert sorted(missing) == ["  《中华人民共和国道路交通安全法》",
                               "  《某市交通运输局关于开展停车场登记检查的通知》"]
    code, out, _ = _run(capsys, "--data-dir", str(data), "links", ids["fee_2015"])
    assert "时效性：已废止" in out and f"相关文件：{ids['rules_2024']}" in out
    assert "引用本文（1）：" in out and "同时废止" in out


def test_links_json_and_show_carry_the_same_links(
    data_dir: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, ids = data_dir
    _, out, _ = _run(capsys, "--data-dir", str(data), "links", ids["fee_2015"], "--json")
    links = json.loads(out)
    assert links["status"] == {
        "code": "repealed", "label": "已废止", "evidence": links["status"]["evidence"],
        "by_id": ids["rules_2024"], "by_title": "某市停车场管理条例实施细则",
    }
    assert [c["source_id"] for c in links["cited_by"]] == [ids["rules_2024"]]  # once a sentence
    assert "同时废止" in links["cited_by"][0]["sentence"]
    _, out, _ = _run(capsys, "--data-dir", str(data), "show", ids["fee_2015"], "--format", "json")
    assert json.loads(out)["links"] == links
    _, out, _ = _run(capsys, "--data-dir", str(data), "show", ids["fee_2015"])
    assert "—— 关联 ——\n时效性：已废止" in out


def test_search_keeps_only_the_status_asked_for(
    data_dir: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, ids = data_dir
    _, out, _ = _run(capsys, "--data-dir", str(data), "search", "停车", "--json")
    assert json.loads(out)["total"] == 3
    for status in ("已废止", "repealed"):
        _, out, _ = _run(capsys, "--data-dir", str(data), "search", "停车", "--status", status,
                         "--json")
        answer = json.loads(out)
        assert (answer["total"], [h["id"] for h in answer["hits"]]) == (1, [ids["fee_2015"]])
    _, out, _ = _run(capsys, "--data-dir", str(data), "search", "停车", "--status", "现行有效",
                     "--status", "已废止")
    assert "共 3 篇文档" in out
    code, _, err = _run(capsys, "--data-dir", str(data), "search", "停车", "--status", "失灵")
    assert code == 1 and "不认识的时效性“失灵”" in err
