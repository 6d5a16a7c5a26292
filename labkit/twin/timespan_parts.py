"""The parts of a System.TimeSpan (the twin's ``timedelta``) as .NET computes them.

.NET keeps a TimeSpan as a signed count of 100-nanosecond ticks; each component is that count divided
(truncating toward zero, as C# integer division does) and its remainder keeps the sign of the ticks, so a
negative span has negative parts (``New-TimeSpan -Hours -25``: Days -1, Hours -1), never Python's
``timedelta`` normal form (days=-2, seconds=82800).  The Total* properties multiply the ticks by the
reciprocal constants .NET Framework's TimeSpan uses (``(double)_ticks * SecondsPerTick``).

https://learn.microsoft.com/en-us/dotnet/api/system.timespan?view=netframework-4.8 (properties Days ...
TotalMilliseconds, fields TicksPerDay ... TicksPerMillisecond)
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Callable

from labkit.twin.dotnet_values import Int64Value

TICKS_PER_MILLISECOND = 10_000
TICKS_PER_SECOND = TICKS_PER_MILLISECOND * 1000
TICKS_PER_MINUTE = TICKS_PER_SECOND * 60
TICKS_PER_HOUR = TICKS_PER_MINUTE * 60
TICKS_PER_DAY = TICKS_PER_HOUR * 24


def ticks(span: timedelta) -> int:
    """The exact tick count of ``span`` (a timedelta holds whole microseconds: 10 ticks each)."""
    return ((span.days * 86400 + span.seconds) * 1_000_000 + span.microseconds) * 10


def _div(a: int, b: int) -> int:
    """C#'s integer division: the quotient truncated toward zero."""
    q = abs(a) // b
    return -q if a < 0 else q


def _part(span: timedelta, unit: int, modulo: int) -> int:
    q = _div(ticks(span), unit)
    r = abs(q) % modulo
    return -r if q < 0 else r


PARTS: dict[str, Callable[[timedelta], Any]] = {
    "Days": lambda t: _div(ticks(t), TICKS_PER_DAY),
    "Hours": lambda t: _part(t, TICKS_PER_HOUR, 24),
    "Minutes": lambda t: _part(t, TICKS_PER_MINUTE, 60),
    "Seconds": lambda t: _part(t, TICKS_PER_SECOND, 60),
    "Milliseconds": lambda t: _part(t, TICKS_PER_MILLISECOND, 1000),
    "Ticks": lambda t: Int64Value(ticks(t)),
    "TotalDays": lambda t: ticks(t) * (1.0 / TICKS_PER_DAY),
    "TotalHours": lambda t: ticks(t) * (1.0 / TICKS_PER_HOUR),
    "TotalMinutes": lambda t: ticks(t) * (1.0 / TICKS_PER_MINUTE),
    "TotalSeconds": lambda t: ticks(t) * (1.0 / TICKS_PER_SECOND),
    "TotalMilliseconds": lambda t: ticks(t) * (1.0 / TICKS_PER_MILLISECOND),
}


def list_pairs(span: timedelta) -> list[tuple[str, Any]]:
    """The properties System.TimeSpan's list view shows, in its order (DotNetTypes.format.ps1xml)."""
    return [(name, get(span)) for name, get in PARTS.items()]
