"""Policy vocabulary that jieba's dictionary lacks or cuts apart.

Each of these is added to the segmenter's dictionary so that a search for it finds it whole:
碳中和 is not in jieba's dictionary and 和 is a common word, so without this a search for
碳中和 would find every 碳中… in the library. Organ names and 文号 代字 are added from the
library itself (see ``reader.search.vocabulary``); this list holds the words no document
field names explicitly.
"""

from __future__ import annotations

POLICY_TERMS: tuple[str, ...] = (
    # Words whose pieces mean nothing alone; compounds of ordinary words (高质量发展,
    # 指导意见) stay out so that a search for 高质量 still finds 高质量发展.
    "碳达峰", "碳中和", "双碳", "碳排放", "碳足迹", "能耗双控", "东数西算", "新质生产力",
    "专精特新", "小巨人", "放管服", "一网通办", "一网统管", "跨省通办", "证照分离",
    "以旧换新", "首台套", "首批次", "涉企", "留抵退税", "减税降费", "专项债", "绿证",
    "新基建", "一带一路", "十四五", "十五五", "中小微", "工信部", "发改委", "国资委",
    "市场监管总局", "网信办", "规范性文件", "此件公开发布",
)
