"""argparse in Chinese: its headings, its -h and its complaints, for ``reader`` and ``reader-cli``.

argparse's own words ("usage:", "options", "show this help message and exit", "the following
arguments are required") come from gettext, which has no Chinese catalogue for them; this
parser says them in the plain Chinese of ``reader/errors.py``. Option names stay as they are.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

USAGE_PREFIX = "用法："
POSITIONALS_TITLE = "参数"
OPTIONS_TITLE = "选项"
HELP_HELP = "显示本帮助并退出"
ARGUMENT_ERROR = "参数有误：{message}（{prog} --help 列出全部参数）"
# argparse's complaints, piece by piece.
ARGPARSE_WORDS = (
    ("unrecognized arguments: ", "不认识的参数："),
    ("the following arguments are required: ", "缺少参数："),
    ("expected one argument", "需要一个值"),
    ("invalid choice: ", "没有这个选项："),
    ("invalid float value: ", "不是数字："),
    ("invalid int value: ", "不是整数："),
    ("(choose from ", "（可选："),
    ("argument ", "参数 "),
)


class ChineseHelpFormatter(argparse.HelpFormatter):
    """argparse's help with its usage line headed in Chinese."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup],
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose headings, -h and complaints are Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = POSITIONALS_TITLE
        self._optionals.title = OPTIONS_TITLE
        self.add_argument("-h", "--help", action="help", help=HELP_HELP)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        for english, chinese in ARGPARSE_WORDS:
            message = message.replace(english, chinese)
        self.exit(2, f"{self.prog}: {ARGUMENT_ERROR.format(message=message, prog=self.prog)}\n")
