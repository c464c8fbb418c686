"""The machine's other cores, for the stages that split their work over processes."""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.context import BaseContext


def spare_cores() -> int:
    """The cores this process may use besides its own."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return cores - 1


def forking() -> BaseContext | None:
    """Processes that start as a copy of this one (nothing to send them but their
    share of the work), where the system has them."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")
