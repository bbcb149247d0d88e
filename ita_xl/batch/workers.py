"""The worker processes of a batch: a pool (one process per job), the tasks it runs (a few
workbooks each), Ctrl-C and termination handling, and the peak memory each reports.

A terminal's Ctrl-C reaches every process of the group.  A worker waiting for its next task
would die with a traceback; so a worker ignores it between tasks and stops the task it is in
(LibreOffice killed, temp folders removed by the code's own clean-up).  The main process sets
the shared ``stop`` byte so a worker that already holds its next task does not start it.  A
shared byte read without a lock: a worker interrupted while holding the lock of an Event would
leave it held, and the main process would hang setting it.
"""
from __future__ import annotations

import contextlib
import math
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from .. import procs
from .agency import process_one
from .records import AgencyResult

#: At most this many workbooks go to one worker task.
MAX_TASK_SIZE = 25
# Linux forks (fast, and the parent's imports come along); elsewhere the platform's default.
_METHOD = "fork" if sys.platform.startswith("linux") else None

_STOP = None  # multiprocessing RawValue in a worker; None in the main process
_IN_TASK = False


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def task_size(count: int, jobs: int) -> int:
    """Workbooks per task: about eight tasks per worker, at most MAX_TASK_SIZE."""
    return max(1, min(MAX_TASK_SIZE, math.ceil(count / (jobs * 8))))


class Workers:
    """The worker processes of one batch; none until :meth:`start` (one job works in this
    process).  As a context manager: whatever ends the block, the workers are told to stop;
    on anything but Ctrl-C they are stopped at once, and none outlives the batch."""

    def __init__(self) -> None:
        import multiprocessing

        self.stop = multiprocessing.get_context(_METHOD).RawValue("b", 0)
        self.pool: ProcessPoolExecutor | None = None
        self.interrupted = False  # Ctrl-C ended the block

    def start(self, count: int) -> None:
        import multiprocessing

        from .. import cache

        cache.folder()  # decided once, before the fork: a cache that cannot be used is said once

        self.pool = ProcessPoolExecutor(max_workers=count,
                                        mp_context=multiprocessing.get_context(_METHOD),
                                        initializer=warm_up, initargs=(self.stop,))

    def map(self, func: Callable, argument_tuples: Iterable[tuple]) -> Iterator[Any]:
        """Results of ``func(*args)`` as they complete (in this process when there is no pool)."""
        if self.pool is None:
            for args in argument_tuples:
                yield func(*args)
            return
        futures = set(self.submit(func, argument_tuples))
        while futures:
            done, futures = wait(futures, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()

    def submit(self, func: Callable, argument_tuples: Iterable[tuple]) -> dict[Future, tuple]:
        """Every ``func(*args)`` submitted to the pool: {future: args}."""
        assert self.pool is not None
        with sigint_held():
            return {self.pool.submit(func, *args): args for args in argument_tuples}

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind, exc, tb) -> bool:
        if kind is not None:  # SIGTERM, a closed terminal, a bug: the workers must not run on
            self.stop.value = 1
            self.interrupted = issubclass(kind, KeyboardInterrupt)
            if not self.interrupted and self.pool is not None:
                _abort(self.pool)
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            if self.interrupted:
                _end_workers()
        return False


def work_chunk(items: Sequence[tuple[int, str]], staging: str | None, templates: str | None,
               force: bool, emblem: str | None = None,
               check_only: bool = False) -> tuple[list[AgencyResult], tuple[int, int]]:
    """A worker task: several workbooks in a row (results are small records, no bytes)."""
    tpl = Path(templates) if templates else None
    results = []
    with in_task():
        for i, wb in items:
            if stopping():
                break
            results.append(process_one(i, Path(wb), Path(staging) if staging else None, tpl,
                                       force, Path(emblem) if emblem else None, check_only))
    return results, peak_rss()


def peak_rss() -> tuple[int, int]:
    """Peak RSS in KiB of this process and of its largest finished child (soffice)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0, 0
    scale = 1024 if sys.platform == "darwin" else 1  # bytes on macOS, KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // scale
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // scale
    return own, kids


# --- Ctrl-C ---------------------------------------------------------------------------------------
def _on_sigint(signum, frame) -> None:
    if _IN_TASK:
        raise KeyboardInterrupt


class in_task:
    """Marks the worker as busy: Ctrl-C now interrupts the work (else it is ignored)."""

    def __enter__(self):
        global _IN_TASK
        _IN_TASK = True

    def __exit__(self, *exc):
        global _IN_TASK
        _IN_TASK = False
        return False


@contextlib.contextmanager
def sigint_held():
    """Hold Ctrl-C while worker processes are forked, and act on it afterwards.

    Raised in the middle of a fork, KeyboardInterrupt is swallowed by the fork hooks
    ("Exception ignored …") or leaves a forked worker that the pool does not know, waiting
    for work forever.  Blocking the signal is not enough (a library's thread, e.g. numpy's
    BLAS, may take it for the process), so the Python handler only notes it here; the forked
    children start with that handler until ``warm_up`` installs theirs.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: noted.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if noted:
            raise KeyboardInterrupt


def stopping() -> bool:
    return _STOP is not None and bool(_STOP.value)


def warm_up(stop=None) -> None:
    """Worker initializer: Ctrl-C handling, and the heavy imports once per process, not per task."""
    global _STOP
    if stop is not None:  # in a worker
        _STOP = stop
        signal.signal(signal.SIGINT, _on_sigint)
        # The parent's SIGTERM/SIGHUP handlers (procs.handle_termination) are not for workers:
        # a terminated worker ends at once (its LibreOffice guard then stops LibreOffice).
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL)
        procs.die_with_parent()
    import docxtpl  # noqa: F401
    import openpyxl  # noqa: F401

    from .. import checks, pipeline, reader, render  # noqa: F401


def _end_workers() -> None:
    """After Ctrl-C: no worker may outlive the batch (an idle one left waiting for work would
    keep the terminal's pipes open).  They were asked to stop; end any that did not."""
    import multiprocessing

    for child in multiprocessing.active_children():
        child.join(timeout=2)
        if child.is_alive():
            child.terminate()
            child.join(timeout=2)


def _abort(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now (not after their current task): terminate, then kill."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(5)
        if worker.is_alive():
            worker.kill()
            worker.join(5)
