"""``reader-cli build-index``: build the bundled library's index from the seed compilations.

A checkout writes ``index/`` beside ``seeds/`` (what packaging runs before building the wheel
and the bundle). An installed wheel or a frozen bundle never writes into its own files: there
the folder to write is named with ``--out``. The frozen bundle carries no seeds (only this
command reads them): it builds from the folder ``--seeds`` names.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.cli.output import progress
from reader.errors import InputError
from reader.library.bundled import build_library, seed_files
from reader.library.install import COMPLETE_MARKER
from reader.paths import Paths, layout


def register(subparsers: Any) -> None:
    build = subparsers.add_parser("build-index", help="根据随程序提供的汇编建立自带文档库的索引")
    build.add_argument(
        "--out", metavar="DIR", type=Path,
        help="索引写入的文件夹（在源代码目录中默认为 seeds/ 旁的 index/；安装后必须指定）",
    )
    build.add_argument(
        "--seeds", metavar="DIR", type=Path,
        help="用来建立索引的汇编所在的文件夹（默认为随程序提供的汇编）",
    )
    build.add_argument("--workers", type=int, help="使用的进程数（默认每个处理器核心一个）")
    build.set_defaults(func=run_build_index)


def index_target(out: Path | None, paths: Paths) -> Path:
    """Return the folder ``build-index`` may replace, or raise InputError saying why not.

    The build replaces the folder whole, so a folder that holds anything but an earlier index
    is refused rather than deleted; so is any folder inside an installed or frozen app.
    """
    kind = layout().kind
    installed = kind != "source"
    if out is None:
        if installed:
            raise InputError("程序自带的文件只读，不会被改写。请用 --out DIR 指定索引写入的文件夹后重试。")
        return paths.bundled_index_dir
    target = out.expanduser().resolve()
    # The app's own files: the wheel's data folder, or the whole folder of a frozen bundle.
    own = Path(sys.executable).resolve().parent if kind == "frozen" else paths.bundle.resolve()
    if installed and target.is_relative_to(own):
        raise InputError(f"不能写入程序自带的文件夹 {target}。请用 --out 指定别处的文件夹后重试。")
    if target.exists() and not target.is_dir():
        raise InputError(f"{target} 是文件，不是文件夹。请指定一个文件夹后重试。")
    if target.is_dir() and any(target.iterdir()) and not (target / COMPLETE_MARKER).exists():
        raise InputError(
            f"文件夹 {target} 不是空的，也不是之前建立的索引；建立索引会替换整个文件夹，"
            "为免误删而未写入。请指定一个空的或新的文件夹后重试。"
        )
    return target


def run_build_index(args: argparse.Namespace, paths: Paths) -> int:
    target = index_target(args.out, paths)
    if args.seeds is None and not paths.seeds_dir.is_dir():
        raise InputError("这个安装不带汇编。请用 --seeds DIR 指定要建立索引的汇编所在的文件夹后重试。")
    files = seed_files(args.seeds.expanduser() if args.seeds else paths.seeds_dir)
    report = build_library(files, target, progress, args.workers)
    progress(
        f"拆分 {report.split_seconds:.1f} 秒，建立索引 {report.index_seconds:.1f} 秒，"
        f"共 {report.total_seconds:.1f} 秒"
    )
    return 0
