"""Background tasks: outcomes by signal on the UI thread, cancel, one-at-a-time with priority."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from reader.errors import InputError
from reader.ui.base.tasks import Progress, TaskRunner


def _wait_idle(qtbot: QtBot, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: not runner.running(), timeout=10_000)


def test_outcomes_arrive_on_the_ui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    seen: list[tuple[str, object, str]] = []

    def record(kind: str) -> object:
        return lambda value=None: seen.append((kind, value, threading.current_thread().name))

    runner.start("ok", lambda _p: 42, record("ok"), record("failed"))
    runner.start("input", lambda _p: (_ for _ in ()).throw(InputError("空文件")),
                 record("ok"), record("failed"))
    runner.start("bug", lambda _p: 1 / 0, record("ok"), record("failed"))
    _wait_idle(qtbot, runner)
    assert ("ok", 42, "MainThread") in seen
    assert ("failed", "空文件", "MainThread") in seen
    assert any(kind == "failed" and "ZeroDivisionError" in str(value) for kind, value, _ in seen)


def test_cancel_stops_at_the_next_report(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started, release = threading.Event(), threading.Event()
    reached: list[int] = []

    def work(progress: Progress) -> None:
        started.set()
        release.wait(5)
        for step in range(10):
            progress.report(step, 10)
            reached.append(step)

    cancelled: list[bool] = []
    task = runner.start("long", work, on_cancel=lambda: cancelled.append(True))
    assert started.wait(5)
    task.cancel()
    release.set()
    _wait_idle(qtbot, runner)
    assert cancelled == [True] and reached == []


def test_one_at_a_time_higher_priority_first(qtbot: QtBot) -> None:
    runner = TaskRunner()
    runner.set_max_threads(1)
    release = threading.Event()
    order: list[str] = []
    runner.start("blocker", lambda _p: release.wait(5))
    runner.start("low", lambda _p: order.append("low"))
    runner.start("high", lambda _p: order.append("high"), priority=10)
    release.set()
    _wait_idle(qtbot, runner)
    assert order == ["high", "low"]


def test_a_task_has_ended_when_its_outcome_arrives(qtbot: QtBot) -> None:
    """Whoever hears an outcome (and starts the next task) sees the runner past this one."""
    runner = TaskRunner()
    ended: list[str] = []
    runner.taskEnded.connect(lambda task: ended.append(task.name))
    seen: list[tuple[str, bool, list[str]]] = []

    def record(kind: str, name: str) -> object:
        def note(_value: object = None) -> None:
            running = [task.name for task in runner.running()]
            seen.append((kind, name in running, list(ended)))
        return note

    runner.start("ok", lambda _p: 1, record("ok", "ok"))
    runner.start("bug", lambda _p: 1 / 0, on_failure=record("failed", "bug"))
    # The last task reports only after it was cancelled, however soon the pool runs it.
    gate = threading.Event()

    def stop(progress: Progress) -> None:
        gate.wait(10)
        progress.report(0, 1)

    cancelled = runner.start("stop", stop, on_cancel=record("cancelled", "stop"))
    cancelled.cancel()
    gate.set()
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=10_000)
    for kind, still_running, ended_before in seen:
        assert not still_running, kind
        assert {"ok": "ok", "failed": "bug", "cancelled": "stop"}[kind] in ended_before
