"""What Qt computes with ICU's data, printed as JSON: run once with each ``libicudata``.

``python icu_check.py LIBDIR`` runs this file again with ``LD_LIBRARY_PATH=LIBDIR`` (searched
before the RUNPATH of PySide6's Qt libraries, so that folder's ``libicudata`` is the one
loaded) and prints what it computed. The build compares the bundle's smaller library with
PySide6's own; they must agree on everything here: the pinyin order of the library tree
(``QCollator`` for zh_CN, which must also be the order a Chinese reader expects), collation
in other locales and modes, locale-aware case mapping and time-zone offsets.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

#: Issuers in pinyin order (an 安徽, bei 北京, cai 财政部, cheng 成都, chong 重庆, guo 国务院,
#: jiao 教育部, shang 商务部, zhong 中国人民银行): not the order of their code points.
PINYIN_ORDER = ["安徽省人民政府", "北京市人民政府", "财政部", "成都市人民政府", "重庆市人民政府",
                "国务院办公厅", "教育部", "商务部", "中国人民银行"]
WORDS = PINYIN_ORDER + ["Zebra", "apple", "Äpfel", "zürich", "file10", "file9", "ǆ", "İstanbul",
                        "straße", "ΌΣΟΣ", "Ω", "中文", "中國", "〔2025〕12号", "第十二条"]


def computed() -> dict[str, object]:
    from PySide6.QtCore import QCollator, QDateTime, QLocale, QTimeZone

    result: dict[str, object] = {}
    for name in ["zh_CN", "zh_TW", "en_US", "de_DE", "sv_SE", "tr_TR", "ja_JP", "C"]:
        collator = QCollator(QLocale(name))
        result[f"sort {name}"] = sorted(WORDS, key=functools.cmp_to_key(collator.compare))
        collator.setNumericMode(True)
        collator.setCaseSensitivity(collator.caseSensitivity().CaseInsensitive)
        result[f"sort {name} numeric, any case"] = sorted(
            WORDS, key=functools.cmp_to_key(collator.compare))
        result[f"case {name}"] = [QLocale(name).toUpper(w) + QLocale(name).toLower(w)
                                  for w in WORDS]
    moments = [QDateTime.fromSecsSinceEpoch(s) for s in (0, 1_700_000_000, 1_720_000_000)]
    for zone_id in [b"Asia/Shanghai", b"Europe/Berlin", b"America/New_York", b"UTC"]:
        zone = QTimeZone(zone_id)
        result[f"zone {zone_id.decode()}"] = [
            (zone.isValid(), zone.offsetFromUtc(m), zone.isDaylightTime(m)) for m in moments
        ]
    return result


def main() -> int:
    if len(sys.argv) == 2:  # the parent: load the given folder's libicudata first
        folder = str(Path(sys.argv[1]).resolve())
        env = {**os.environ, "LD_LIBRARY_PATH": folder, "ICU_CHECK_LIBDIR": folder}
        return subprocess.run([sys.executable, __file__], env=env, check=False).returncode
    result = computed()
    loaded = {line.split()[-1] for line in Path("/proc/self/maps").read_text().splitlines()
              if "libicudata" in line}
    want = os.environ["ICU_CHECK_LIBDIR"]
    if [str(Path(p).parent) for p in loaded] != [want]:
        print(f"icu_check: loaded {sorted(loaded)}, not the libicudata in {want}", file=sys.stderr)
        return 1
    issuers = [word for word in result["sort zh_CN"] if word in PINYIN_ORDER]  # type: ignore[attr-defined]
    if issuers != PINYIN_ORDER:
        print(f"icu_check: no pinyin order: {result['sort zh_CN']}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
