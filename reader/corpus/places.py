"""Provinces and their principal cities, as organ names begin with them.

A local organ's name starts with its place: the province in full (江苏省财政厅) or short
(中共江苏省委), or a city (广州市应急管理局), often without its province. The organ tree puts
a city under its province, so the provinces' capitals and other principal cities are listed
here; a city not listed goes under the province its document names some other way.
"""

from __future__ import annotations

import re

#: The province-level regions in the official order (GB/T 2260), by their full names.
PROVINCE_ORDER = (
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省",
    "上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省",
    "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省",
    "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区", "台湾省",
    "香港特别行政区", "澳门特别行政区",
)
_SHORT = {re.sub(r"(?:壮族|回族|维吾尔)?(?:自治区|特别行政区|省|市)$", "", name): name
          for name in PROVINCE_ORDER}
#: The short names organ names begin with (江苏, 内蒙古, 广西).
SHORT_NAMES = tuple(_SHORT)
_FULL_OR_SHORT = re.compile(
    "^(?:" + "|".join(sorted(PROVINCE_ORDER, key=len, reverse=True)) + "|"
    + "|".join(sorted(_SHORT, key=len, reverse=True)) + ")"
)

# Capitals, sub-provincial cities and other principal prefecture-level cities.
_CITIES: dict[str, str] = {
    "石家庄 唐山 保定 邯郸 秦皇岛 廊坊 张家口 承德 沧州 邢台 衡水": "河北省",
    "太原 大同 长治 晋中 运城": "山西省",
    "呼和浩特 包头 鄂尔多斯 赤峰": "内蒙古自治区",
    "沈阳 大连 鞍山 抚顺 锦州": "辽宁省",
    "长春 四平 延边": "吉林省",
    "哈尔滨 大庆 齐齐哈尔 牡丹江": "黑龙江省",
    "南京 苏州 无锡 常州 南通 徐州 扬州 镇江 泰州 盐城 淮安 连云港 宿迁": "江苏省",
    "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水": "浙江省",
    "合肥 芜湖 蚌埠 安庆 马鞍山": "安徽省",
    "福州 厦门 泉州 漳州 莆田 龙岩": "福建省",
    "南昌 赣州 九江 上饶 宜春": "江西省",
    "济南 青岛 烟台 潍坊 淄博 临沂 济宁 威海": "山东省",
    "郑州 洛阳 开封 南阳 新乡": "河南省",
    "武汉 宜昌 襄阳 黄石 荆州": "湖北省",
    "长沙 株洲 湘潭 岳阳 衡阳 常德": "湖南省",
    "广州 深圳 珠海 汕头 佛山 东莞 中山 惠州 江门 湛江 肇庆 韶关 清远 茂名 梅州": "广东省",
    "南宁 柳州 桂林 北海": "广西壮族自治区",
    "海口 三亚": "海南省",
    "成都 绵阳 宜宾 德阳 泸州": "四川省",
    "贵阳 遵义 六盘水 安顺 毕节 铜仁": "贵州省",
    "昆明 曲靖 玉溪 大理": "云南省",
    "拉萨": "西藏自治区",
    "西安 宝鸡 咸阳 延安": "陕西省",
    "兰州 天水": "甘肃省",
    "西宁": "青海省",
    "银川": "宁夏回族自治区",
    "乌鲁木齐 克拉玛依": "新疆维吾尔自治区",
}
_CITY_PROVINCE = {city: province for cities, province in _CITIES.items() for city in cities.split()}
_CITY = re.compile("^(" + "|".join(sorted(_CITY_PROVINCE, key=len, reverse=True)) + ")(市|州)?")


def province_name(text: str) -> tuple[str, str] | None:
    """Return ``(province's full name, the rest)`` when ``text`` begins with a province."""
    match = _FULL_OR_SHORT.match(text)
    if not match:
        return None
    found = match.group(0)
    return _SHORT.get(found, found), text[match.end():]


def city_province(text: str) -> tuple[str, str] | None:
    """Return ``(city with 市, its province)`` when ``text`` begins with a listed city."""
    match = _CITY.match(text)
    if not match or len(text) <= match.end():
        return None
    return match.group(1) + "市", _CITY_PROVINCE[match.group(1)]
