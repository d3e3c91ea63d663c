"""Organ names: every spelling lands on one canonical name; printed lists split into organs."""

from __future__ import annotations

import pytest

from reader.corpus.organs import (
    canonical_issuer,
    canonical_issuers,
    issuers_from_title,
    split_organs,
    title_prefix,
)


@pytest.mark.parametrize(
    "spelling", ["国家发展改革委", "国家发展和改革委员会", "国家发改委", "发展改革委"]
)
def test_ndrc_spellings_are_one_organ(spelling: str) -> None:
    assert canonical_issuer(spelling) == "国家发展改革委"


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("工信部", "工业和信息化部"),
        ("人民银行", "中国人民银行"),
        ("国家税务总局", "税务总局"),
        ("国家市场监督管理总局", "市场监管总局"),
        ("中华人民共和国国务院", "国务院"),
        ("住房和城乡建设部", "住房城乡建设部"),
        ("国务院国有资产监督管理委员会", "国务院国资委"),
        ("国家卫生健康委员会办公厅", "国家卫生健康委办公厅"),
        ("江苏省财政厅", "江苏省财政厅"),
    ],
)
def test_aliases(spelling: str, canonical: str) -> None:
    assert canonical_issuer(spelling) == canonical


def test_canonical_issuers_keep_order_and_drop_duplicates() -> None:
    assert canonical_issuers(["国家发改委", "工信部", "国家发展和改革委员会"]) == (
        "国家发展改革委",
        "工业和信息化部",
    )


@pytest.mark.parametrize(
    ("printed", "organs"),
    [
        ("国家发展改革委 国家能源局", ["国家发展改革委", "国家能源局"]),
        ("科技部 住房城乡建设部", ["科技部", "住房城乡建设部"]),
        ("国家发展改革委国家能源局", ["国家发展改革委", "国家能源局"]),
        ("商务部等9部门", ["商务部"]),
        ("工业和信息化部等 15 部门办公厅（秘书局、办公室、综合司）", ["工业和信息化部"]),
        ("工业和信息化部国家发展改革委财政部税务总局", ["工业和信息化部", "国家发展改革委", "财政部", "税务总局"]),
        ("江苏省财政厅国家税务总局江苏省税务局", ["江苏省财政厅", "国家税务总局江苏省税务局"]),
        ("江苏省人力资源和社会保障厅江苏省生态环境厅", ["江苏省人力资源和社会保障厅", "江苏省生态环境厅"]),
        ("中共中央国务院", ["中共中央", "国务院"]),
        ("国家乡村振兴局综合司", ["国家乡村振兴局综合司"]),
        ("国务院反垄断反不正当竞争委员会", ["国务院反垄断反不正当竞争委员会"]),
        ("财  政  部", ["财政部"]),
        ("国家税务总局贵州省税务局贵州省市场监管局", ["国家税务总局贵州省税务局", "贵州省市场监管局"]),
    ],
)
def test_split_organs(printed: str, organs: list[str]) -> None:
    assert split_organs(printed) == organs


@pytest.mark.parametrize(
    ("title", "prefix", "organs"),
    [
        ("国家发展改革委 国家能源局关于加强电网调峰储能的指导意见", "国家发展改革委 国家能源局", ["国家发展改革委", "国家能源局"]),
        ("中共中央国务院印发《扩大内需战略规划纲要》", "中共中央国务院", ["中共中央", "国务院"]),
        ("国家发改委印发“十四五”扩大内需战略实施方案", "国家发改委", ["国家发改委"]),
        ("关于印发《关于加强数据资产管理的指导意见》的通知", "", []),
        ("社会组织名称管理办法", "", []),
    ],
)
def test_issuers_from_title(title: str, prefix: str, organs: list[str]) -> None:
    assert title_prefix(title) == prefix
    assert issuers_from_title(title) == organs
