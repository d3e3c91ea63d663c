"""Count what a researcher would distrust in the by-organ tree of the seeds.

``python -m bench.organ_tree [--seeds DIR] [--store FILE]`` splits every seed (or reads the
documents of a library store) and prints, per seed and in all: documents, organ nodes that
leave their place out (``省人民政府``, ``省政府办公厅``, ``财政厅``, a bare ``…局``), parts of the
compilation listed as documents (its own chapters, a cover: no organ, no 文号, a title that
names no document), and documents under 未署发文机关. The counting rules are written here, apart
from the code they judge, so the same script measures an older tree as well.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# A place-less local organ: 省/市/自治区 first (not 市场…), or a bare department or bureau.
_PLACELESS = re.compile(r"^(?:(?:省|市(?![场民])|自治区)[\u4e00-\u9fff]*|[\u4e00-\u9fff]{2,10}(?<!办公)厅"
                        r"|[\u4e00-\u9fff]{2,8}(?<!总)局)$")
_PLACE_OR_NATION = re.compile(
    r"^(?:中共|中国|中华|国家|国务院|全国|中央|北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|"
    r"安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|"
    r"西藏|宁夏|新疆|[\u4e00-\u9fff]{2,4}[市州县区])"
)
_DOCUMENT_WORDS = re.compile(r"关于|通知|意见|办法|规定|条例|决定|方案|规划|公告|通告|细则|纲要|函|批复|令|法$")


def placeless(organ: str) -> bool:
    """Tell whether an organ node's name leaves its place out."""
    from reader.corpus.organs import is_known_organ

    return bool(_PLACELESS.match(organ)) and not _PLACE_OR_NATION.match(organ) and not (
        is_known_organ(organ))


def front_matter_as_documents(summaries: Iterable[Any]) -> list[str]:
    """Return titles of documents that are parts of the compilation, not documents."""
    return [s.title for s in summaries
            if not s.issuers and not s.doc_number and not _DOCUMENT_WORDS.search(s.title)]


def measure(summaries: list[Any]) -> dict[str, Any]:
    from reader.library.tree import ISSUER, build_tree

    root = build_tree(summaries, "issuer")
    organs = [node for node in root.walk() if node.kind == ISSUER]
    unsigned = sum(node.count for node in organs if node.key is None)
    return {
        "documents": len({s.id for s in summaries}),
        "organ_nodes": sum(1 for node in organs if node.key is not None),
        "placeless_nodes": sorted({str(n.key) for n in organs if n.key and placeless(str(n.key))}),
        "front_matter_as_documents": front_matter_as_documents(summaries),
        "unsigned": unsigned,
    }


def _from_store(store: Path) -> dict[str, list[Any]]:
    from reader.library.store import DocumentStore

    db = DocumentStore(store)
    try:
        out: dict[str, list[Any]] = {}
        for summary in db.all_summaries():
            out.setdefault(summary.source.file, []).append(summary)
        return out
    finally:
        db.close()


def _from_seeds(seeds: Path) -> dict[str, list[Any]]:
    from reader.corpus import split_file

    return {path.name: [d.summary() for d in split_file(path).documents]
            for path in sorted(seeds.glob("*.txt"))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--store", type=Path, help="a library.sqlite3 to read instead of splitting")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    by_seed = _from_store(args.store) if args.store else _from_seeds(args.seeds)
    report = {name: measure(docs) for name, docs in by_seed.items()}
    report["all"] = measure([s for docs in by_seed.values() for s in docs])
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    for name, figures in report.items():
        print(f"{name}: documents {figures['documents']}, organ nodes {figures['organ_nodes']}, "
              f"place left out {len(figures['placeless_nodes'])} {figures['placeless_nodes']}, "
              f"front matter as documents {len(figures['front_matter_as_documents'])} "
              f"{figures['front_matter_as_documents']}, 未署发文机关 {figures['unsigned']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
