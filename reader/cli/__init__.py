"""The headless command line, ``reader-cli``: see DESIGN.md's command-line contract.

Each command group lives in its own module with a ``register(subparsers)`` function that adds
its sub-commands; every sub-command sets ``func(args, paths) -> int``.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence

from reader.cli import build_cmd, library_cmds, links_cmd, notes_cmds, split_cmd
from reader.errors import ReaderError
from reader.fileio import os_error_message
from reader.paths import Paths
from reader.version import VersionAction

# Imported by name, not by string, so that the bundle's analysis sees every command module.
COMMAND_MODULES = (split_cmd, notes_cmds, library_cmds, links_cmd, build_cmd)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every command group registered."""
    from reader.cliparse import ChineseArgumentParser

    parser = ChineseArgumentParser(
        prog="reader-cli", description="政策文件阅读器命令行：拆分、导入、搜索、笔记。"
    )
    parser.add_argument(
        "--data-dir", metavar="DIR", help="用户数据文件夹（默认为系统的用户数据文件夹；"
        "也可用环境变量 READER_DATA_DIR 指定）"
    )
    parser.add_argument("--version", action=VersionAction)
    subparsers = parser.add_subparsers(dest="command", metavar="命令", required=True)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors become a plain message on stderr and a non-zero exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = Paths.resolve(args.data_dir)
    try:
        code = int(args.func(args, paths) or 0)
        sys.stdout.flush()  # a reader that stopped early (`| head`) is seen here, not at exit
        return code
    except ReaderError as error:
        print(f"reader-cli: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # Point stdout at nothing so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:  # what no command turned into words itself (full disk…)
        print(f"reader-cli: {os_error_message(error, kept='命令没有完成')}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as error:
        print(f"reader-cli: 数据文件已损坏或无法读取（{error}），命令没有完成。", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("reader-cli: 已中断。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
