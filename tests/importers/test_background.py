"""The importer's background store thread: tasks run in order, one at a time; a task's error
reaches the reading thread; leaving early waits for the task in hand."""

from __future__ import annotations

import threading
import time

import pytest

from scribe_plugin.core.importers.background import OrderedBackgroundWork


def test_tasks_run_in_order_off_the_callers_thread():
    done, threads = [], set()

    def task(i):
        time.sleep(0.01 * (3 - i))  # later tasks are quicker: order must not follow speed
        done.append(i)
        threads.add(threading.current_thread().name)

    with OrderedBackgroundWork() as work:
        for i in range(3):
            work.submit(task, i)
    assert done == [0, 1, 2]
    assert threads and threading.current_thread().name not in threads


def test_a_failed_task_stops_the_next_submit_and_the_end():
    def fail():
        raise ValueError("server said no")

    ran = []
    with pytest.raises(ValueError, match="server said no"):
        with OrderedBackgroundWork() as work:
            work.submit(fail)
            work.submit(ran.append, 1)  # raises the first task's error instead of running
    assert ran == []
    with pytest.raises(ValueError, match="server said no"):
        with OrderedBackgroundWork() as work:
            work.submit(fail)  # the last task: its error comes out of the with block


def test_leaving_on_the_callers_error_waits_for_the_task_in_hand():
    finished = threading.Event()

    def slow():
        time.sleep(0.2)
        finished.set()

    with pytest.raises(KeyError):  # the caller's error wins
        with OrderedBackgroundWork() as work:
            work.submit(slow)
            raise KeyError("cancelled")
    assert finished.is_set()  # the connection would be idle again before the rollback


def test_up_to_depth_tasks_queue_and_none_runs_after_a_failure():
    release, started, ran = threading.Event(), threading.Event(), []

    def first():
        started.set()
        release.wait(5)
        raise ValueError("lost connection")

    with pytest.raises(ValueError, match="lost connection"):
        with OrderedBackgroundWork(depth=3) as work:
            work.submit(first)
            started.wait(5)
            work.submit(ran.append, 1)   # queued behind the running task: no wait
            work.submit(ran.append, 2)
            release.set()
    assert ran == []  # queued after the failure: never run


def test_the_queue_is_bounded_by_depth():
    gate = threading.Event()
    queued_at_most = []

    def task():
        gate.wait(5)

    with OrderedBackgroundWork(depth=2) as work:
        work.submit(task)
        work.submit(task)
        queued_at_most.append(len(work._pending))
        gate.set()
        work.submit(task)   # waits for the first before queueing a third
        queued_at_most.append(len(work._pending))
    assert queued_at_most[0] == 2 and queued_at_most[1] <= 2


def test_idle_says_whether_the_tasks_in_hand_have_finished():
    """The reading thread uses the connection itself only when the worker is idle."""
    release = threading.Event()
    with OrderedBackgroundWork() as work:
        assert work.idle()
        work.submit(release.wait)
        assert not work.idle()
        release.set()
        deadline = time.monotonic() + 10
        while not work.idle() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert work.idle()


def test_full_says_whether_submit_would_wait():
    """The reading thread does one-off work (loading pandas) when it would wait anyway."""
    release = threading.Event()
    with OrderedBackgroundWork(depth=2) as work:
        assert not work.full()
        work.submit(release.wait)
        assert not work.full()
        work.submit(release.wait)
        assert work.full()
        release.set()
        deadline = time.monotonic() + 10
        while work.full() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not work.full()
