"""Waiting for an event, not for a fixed time: poll a condition until it holds or a deadline
passes.  A fixed sleep is either too short on a loaded machine (a flaky test) or too long
everywhere else (a slow suite)."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(condition: Callable[[], T], timeout: float, interval: float = 0.02) -> T:
    """The first true value of ``condition()``, polled every ``interval`` seconds; after
    ``timeout`` seconds its last value (false), for the caller's assertion to report."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)
