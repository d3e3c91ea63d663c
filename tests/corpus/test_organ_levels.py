"""Every organ has a place in the state: 中央 or 地方, its system, its province, its parent."""

from __future__ import annotations

import pytest

from reader.corpus.abbreviated import expand, is_abbreviated
from reader.corpus.organ_levels import organ_path
from reader.corpus.organs import canonical_issuer


def _names(name: str, province: str | None = None) -> list[str]:
    return [level.name for level in organ_path(name, province)]


@pytest.mark.parametrize(
    ("printed", "path"),
    [
        ("国家发展和改革委员会", ["中央", "国务院", "国务院组成部门", "国家发展改革委"]),
        ("国家发展和改革委员会办公厅",
         ["中央", "国务院", "国务院组成部门", "国家发展改革委", "国家发展改革委办公厅"]),
        ("国务院办公厅", ["中央", "国务院", "国务院办公厅"]),
        ("国家市场监督管理总局", ["中央", "国务院", "国务院直属机构", "市场监管总局"]),
        ("国务院国有资产监督管理委员会", ["中央", "国务院", "国务院直属特设机构", "国务院国资委"]),
        ("国家能源局综合司",
         ["中央", "国务院", "国务院部委管理的国家局", "国家能源局", "国家能源局综合司"]),
        ("中共中央办公厅", ["中央", "党中央及其部门", "中共中央", "中共中央办公厅"]),
        ("全国人民代表大会常务委员会", ["中央", "全国人大", "全国人大常委会"]),
        ("最高人民法院", ["中央", "最高人民法院"]),
        ("最高人民检察院", ["中央", "最高人民检察院"]),
        ("工业和信息化部", ["中央", "国务院", "国务院组成部门", "工业和信息化部"]),
        ("中国人民银行", ["中央", "国务院", "国务院组成部门", "中国人民银行"]),
        ("中共广东省委", ["地方", "广东省", "中共广东省委"]),
        ("中国建设银行", ["金融机构", "中国建设银行"]),
        ("广东省人民政府办公厅", ["地方", "广东省", "广东省人民政府", "广东省人民政府办公厅"]),
        ("中共江苏省委金融委员会办公室", ["地方", "江苏省", "中共江苏省委", "中共江苏省委金融委员会办公室"]),
        ("广州市应急管理局", ["地方", "广东省", "广州市", "广州市应急管理局"]),
        ("国家税务总局贵州省税务局", ["地方", "贵州省", "国家税务总局贵州省税务局"]),
        ("中国人民银行江苏省分行", ["地方", "江苏省", "中国人民银行江苏省分行"]),
        ("北京市发展和改革委员会", ["地方", "北京市", "北京市发展和改革委员会"]),
        ("中国工程咨询协会", ["行业协会", "中国工程咨询协会"]),
        ("南京银行股份有限公司", ["金融机构", "南京银行股份有限公司"]),
        ("国家开发银行", ["金融机构", "国家开发银行"]),
        ("中国国家铁路集团有限公司", ["企业", "中国国家铁路集团有限公司"]),
        ("中华全国工商业联合会", ["人民团体", "全国工商联"]),
    ],
)
def test_organs_stand_where_the_state_puts_them(printed: str, path: list[str]) -> None:
    assert _names(printed) == path


def test_a_place_the_name_leaves_out_comes_from_the_document() -> None:
    assert _names("省人民政府", "浙江省") == ["地方", "浙江省", "浙江省人民政府"]
    assert _names("财政厅", "贵州省") == ["地方", "贵州省", "贵州省财政厅"]
    # A city not known by name, in a document of a known province.
    assert _names("丽江市人民政府", "云南省") == ["地方", "云南省", "丽江市", "丽江市人民政府"]
    # Nothing tells the province: the organ still sits under 地方, never at the top.
    assert _names("省人民政府")[:2] == ["地方", "省份未详"]
    assert _names("丽江市人民政府") == ["地方", "省份未详", "丽江市", "丽江市人民政府"]
    # 市场 begins a word, not a place.
    assert _names("江苏省市场监督管理局") == ["地方", "江苏省", "江苏省市场监督管理局"]
    assert _names("江苏省南京市财政局") == ["地方", "江苏省", "南京市", "江苏省南京市财政局"]
    assert _names("北京市海淀区人民政府")[:2] == ["地方", "北京市"]


def test_a_national_organ_misprinted_by_its_ending_is_read_as_that_organ() -> None:
    assert canonical_issuer("中华人民共和国交通运输局") == "交通运输部"
    assert canonical_issuer("中华人民共和国科学技术部") == "科技部"
    # Without the state's name the same words may be a city's bureau: left as printed.
    assert canonical_issuer("交通运输局") == "交通运输局"
    assert canonical_issuer("广州市交通运输局") == "广州市交通运输局"


def test_a_provincial_department_without_its_province_gets_it() -> None:
    assert is_abbreviated("财政厅")
    assert not is_abbreviated("国务院办公厅") and not is_abbreviated("江苏省财政厅")
    assert expand("财政厅", [], "黔财工〔2024〕28号", None) == "贵州省财政厅"
    assert expand("交通运输厅", [], None, "广东省") == "广东省交通运输厅"
    # Municipalities have 局, not 厅: a 厅 there is not guessed.
    assert expand("交通运输厅", [], None, "北京市") == "交通运输厅"
