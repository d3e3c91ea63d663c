"""Progress while a long step says nothing: ticks name the step, and never break it."""

from __future__ import annotations

import threading
import time

from reader.library.heartbeat import heartbeat

# Long enough for a tick on any machine; the tests wait for events, never for a time.
WAIT_S = 30


def test_a_quiet_step_is_told_by_ticks_naming_it() -> None:
    told: list[tuple[str, int, int]] = []
    ticked = threading.Event()

    def report(message: str, done: int, total: int) -> None:
        told.append((message, done, total))
        ticked.set()

    with heartbeat(report, "正在写入搜索索引"):
        assert ticked.wait(WAIT_S)  # nothing is reported from inside: a tick says it
    message, done, total = told[0]
    assert message.startswith("正在写入搜索索引（已用 ") and message.endswith(" 秒）")
    assert (done, total) == (1, 1)


def test_the_steps_own_reports_pass_through() -> None:
    told: list[str] = []
    with heartbeat(lambda message, done, total: told.append(message), "正在写入") as report:
        report("正在建立索引：1/2 篇文档", 1, 2)
    assert "正在建立索引：1/2 篇文档" in told


def test_a_tick_that_fails_ends_the_ticks_not_the_step() -> None:
    calls = threading.Event()
    ended = False

    def cancelled(_message: str, _done: int, _total: int) -> None:
        calls.set()
        raise RuntimeError("cancelled")  # what a cancelled import's callback does

    with heartbeat(cancelled, "正在写入"):
        assert calls.wait(WAIT_S)
        ended = True
    assert ended


def test_a_step_that_repeats_itself_is_still_told_by_ticks() -> None:
    # A commit says the last document's progress again and again; a printer shows a line
    # equal to the one before only once, so only ticks can show that the step goes on.
    told: list[str] = []
    ticked = threading.Event()

    def report(message: str, _done: int, _total: int) -> None:
        told.append(message)
        if "已用" in message:
            ticked.set()

    deadline = time.monotonic() + WAIT_S
    with heartbeat(report, "正在写入") as step:
        while not ticked.is_set() and time.monotonic() < deadline:
            step("正在建立索引：2/2 篇文档", 2, 2)
    assert ticked.is_set()
    assert told[0] == "正在建立索引：2/2 篇文档"
