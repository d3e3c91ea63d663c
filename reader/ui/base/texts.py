"""The words of the desktop app that are not a widget's own label, in one place.

Widgets name their labels where they build them (``self.tr("…")``, so a catalogue tool finds
them); what the app says on the command line, in the title bar and in the 关于 box is here,
so ``reader`` speaks the same plain Chinese as ``reader-cli`` and nothing is said twice.
"""

from __future__ import annotations

APP_TITLE = "政策文件阅读器"
APP_ID = "policy-reader"  # the .desktop file's name and the icon's, without extension

# ``reader`` on the command line.
DESCRIPTION = f"{APP_TITLE}：打开阅读窗口。"
HELP = {
    "data_dir": "用户数据文件夹（默认为系统的应用数据文件夹；也可用环境变量 READER_DATA_DIR）",
    "screenshot": "在后台绘制窗口，载入完成后保存为 PNG 图片并退出",
    "open": "打开这篇文件（与 --screenshot 同用）",
    "search": "执行这次检索（与 --screenshot 同用；未给 --open 时打开第一条结果）",
    "theme": "--screenshot 使用的主题（默认跟随系统，否则为浅色）",
    "size": "--screenshot 的窗口大小（默认 1366x768）",
    "timeout": "--screenshot 最多等待的秒数（默认 120）",
}
SCREENSHOT_ONLY = "--open、--search 和 --theme 只能与 --screenshot 同用。"
NO_DISPLAY = ("没有可以显示窗口的屏幕（未设置 DISPLAY）；"
              "要在后台绘制窗口，请用 --screenshot 文件名。")
NO_DATA_DIR = "无法创建数据文件夹 {folder}：{error}"
BAD_SIZE = "--size 应写成 宽x高，例如 1366x768，而不是 {size!r}。"

# The --screenshot run.
NO_SUCH_DOCUMENT = "文库中没有编号为 {doc_id} 的文件。"
LIBRARY_FAILED = "文库无法打开：{message}"
NO_SEARCH = "全文检索不可用。"
CANNOT_WRITE = "无法写入 {target}。"
TIMED_OUT = "等待窗口载入超时。"
