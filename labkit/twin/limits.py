"""What one twin script may use: a wall-clock budget, a loop guard and size bounds.

The twin runs scripts a user typed, over WinRM too, so a runaway script must
end on its own and never take the machine down:

- **wall-clock budget**: ``LABKIT_TWIN_TIMEOUT`` seconds (default 120) per
  script.  Past it the script is stopped with :class:`ScriptStopped`, a
  ``BaseException``: no ``try``/``catch`` or ``trap`` of the script can
  swallow it (as no script can catch a pipeline stop, Ctrl+C), ``finally``
  blocks still run (and are stopped too once they run into the budget).  The
  session then keeps what the script changed before, as a stopped script on
  Windows keeps it, and reports the stop as a terminating error.
- **loop guard**: a loop statement (``for``, ``foreach``, ``while``, ``do``)
  that goes round more than :data:`MAX_LOOP_ITERATIONS` times stops the script
  the same way (an endless loop ends in seconds, not at the budget).
- **size bounds**: a range, an array or a string larger than
  :data:`MAX_ITEMS` / :data:`MAX_CHARS`, or a script whose process grew by more
  than ``LABKIT_TWIN_MAX_MEMORY_MB`` (default 1024) MiB while it ran, gets the
  error Windows gives when memory runs out: a ``System.OutOfMemoryException``
  (catchable, as on Windows).  The twin's bounds are far below a real
  server's; the error text is Windows' own.

The interpreter calls :func:`tick` once per statement and
:func:`loop_iteration` once per loop turn; :mod:`labkit.twin.values` checks
sizes with :func:`check_items` / :func:`check_chars` before it allocates.
:func:`budget` (a context manager) sets the limits of the scripts run inside
it, per thread (``twin serve`` runs scripts in worker threads).
"""

from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from labkit.twin.values import PSRuntimeError

ENV_TIMEOUT = "LABKIT_TWIN_TIMEOUT"
ENV_MAX_MEMORY = "LABKIT_TWIN_MAX_MEMORY_MB"
DEFAULT_TIMEOUT_S = 120.0
DEFAULT_MAX_MEMORY_MB = 1024
MAX_LOOP_ITERATIONS = 1_000_000
MAX_ITEMS = 1 << 22          # elements of one range or array (4,194,304)
MAX_CHARS = 1 << 27          # characters of one string (134,217,728)
_CLOCK_EVERY = 64            # statements between two looks at the clock
_MEMORY_EVERY = 4096         # statements between two looks at the process size

# .NET's texts: OutOfMemoryException's default message, and the one an array
# allocation past the supported length throws
# (https://learn.microsoft.com/en-us/dotnet/api/system.outofmemoryexception).
OOM_MESSAGE = "Exception of type 'System.OutOfMemoryException' was thrown."
OOM_ARRAY_MESSAGE = "Array dimensions exceeded supported range."
# PowerShell's PipelineStoppedException text (what a stopped pipeline reports).
STOPPED_MESSAGE = "The pipeline has been stopped."


class ScriptStopped(BaseException):
    """The twin stopped the script (budget or loop guard); no script can catch it."""

    def __init__(self, message: str, line: int = 0, error_id: str = "ScriptStopped"):
        self.line, self.error_id = line, error_id
        super().__init__(message)


class OutOfMemory(PSRuntimeError):
    """A System.OutOfMemoryException, as PowerShell reports it from an expression."""

    exception_type = "System.OutOfMemoryException"

    def __init__(self, message: str = OOM_MESSAGE):
        super().__init__(message, "NotSpecified", "OutOfMemoryException")


class SettingError(ValueError):
    """A limit set in the environment is not a usable number."""


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingError(f"{name}={raw!r} is not a number; set it to a number of seconds/MiB above 0, or unset it") from None
    if not value > 0:
        raise SettingError(f"{name}={raw!r} must be above 0; unset it for the default ({default:g})")
    return value


def timeout_from_env() -> float:
    """The wall-clock budget in seconds: ``LABKIT_TWIN_TIMEOUT`` or 120."""
    return _env_number(ENV_TIMEOUT, DEFAULT_TIMEOUT_S)


def _rss_bytes() -> int:
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@dataclass
class Budget:
    """The limits of the scripts run in one :func:`budget` block."""

    seconds: float
    max_memory: int
    started: float = field(default_factory=time.monotonic)
    base_rss: int = field(default_factory=_rss_bytes)
    ticks: int = 0
    cancel: Sequence[threading.Event] = ()

    def check(self, line: int = 0) -> None:
        """Stop the script when past the deadline or when one of ``cancel`` is set."""
        if time.monotonic() > self.started + self.seconds:
            self.stop(line)
        for e in self.cancel:
            if e.is_set():
                raise ScriptStopped(STOPPED_MESSAGE, line, "PipelineStopped")

    @property
    def deadline(self) -> float:
        return self.started + self.seconds

    def over(self) -> bool:
        return time.monotonic() > self.deadline

    def stop(self, line: int = 0) -> None:
        raise ScriptStopped(
            f"The twin stopped the script after {self.seconds:g} s, its wall-clock budget ({ENV_TIMEOUT}); what it "
            f"changed before stays changed. Find the loop that does not end, or raise {ENV_TIMEOUT} if the script "
            "needs longer.", line, "ScriptTimedOut")


_current: ContextVar[Budget | None] = ContextVar("labkit_twin_budget", default=None)
_cancel: ContextVar[tuple[threading.Event, ...]] = ContextVar("labkit_twin_cancel", default=())


@contextmanager
def cancelled_by(*events: threading.Event | None) -> Iterator[None]:
    """Scripts run in this block (this thread) stop, as a stopped pipeline, once any of ``events`` is set."""
    token = _cancel.set(_cancel.get() + tuple(e for e in events if e is not None))
    try:
        yield
    finally:
        _cancel.reset(token)


@contextmanager
def budget(seconds: float | None = None, max_memory_mb: float | None = None) -> Iterator[Budget]:
    """Limits for the scripts run in this block (this thread); defaults from the environment."""
    b = Budget(seconds if seconds is not None else timeout_from_env(),
               int((max_memory_mb if max_memory_mb is not None else _env_number(ENV_MAX_MEMORY, DEFAULT_MAX_MEMORY_MB)) * 1024 * 1024),
               cancel=_cancel.get())
    token = _current.set(b)
    try:
        yield b
    finally:
        _current.reset(token)


def current() -> Budget | None:
    return _current.get()


def tick(line: int = 0) -> None:
    """One statement: stop the script past its budget; OutOfMemory past its memory."""
    b = _current.get()
    if b is None:
        return
    b.ticks += 1
    if b.ticks % _CLOCK_EVERY == 0:
        b.check(line)
    if b.ticks % _MEMORY_EVERY == 0 and _rss_bytes() - b.base_rss > b.max_memory:
        raise OutOfMemory()


def loop_iteration(n: int, line: int) -> None:
    """The ``n``-th turn of the loop at ``line``."""
    if n > MAX_LOOP_ITERATIONS:
        raise ScriptStopped(
            f"The loop at line {line} went round more than {MAX_LOOP_ITERATIONS:,} times; the twin stopped the script "
            "(an endless loop?). What it changed before stays changed.", line, "LoopLimit")
    if n % _CLOCK_EVERY == 0:
        b = _current.get()
        if b is not None:
            b.check(line)


def check_items(n: int) -> None:
    """Before making an array (or range) of ``n`` elements."""
    if n > MAX_ITEMS:
        raise OutOfMemory(OOM_ARRAY_MESSAGE)


def check_chars(n: int) -> None:
    """Before making a string of ``n`` characters."""
    if n > MAX_CHARS:
        raise OutOfMemory(OOM_MESSAGE)


def range_list(a: int, b: int) -> list[int]:
    """``a..b`` as PowerShell makes it (both ends included, counting down when b < a)."""
    check_items(abs(b - a) + 1)
    return list(range(a, b + 1)) if a <= b else list(range(a, b - 1, -1))
