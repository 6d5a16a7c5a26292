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
    """The exact tick count of ``span`` (a timedelta holds whole microseconds: 10 ticks each; TimeSpan.MaxValue and
    MinValue keep the ticks beyond, labkit/twin/timespan_limits.py)."""
    return ((span.days * 86400 + span.seconds) * 1_000_000 + span.microseconds) * 10 + getattr(span, "extra_ticks", 0)


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


def _fraction(t: int, digits: int, trim: bool) -> str:
    text = f"{abs(t) % TICKS_PER_SECOND:07d}"[:digits]
    return text.rstrip("0") if trim else text


def format_timespan(span: timedelta, fmt: str) -> str:
    """TimeSpan.ToString(format): the standard "c" (also "t", "T"), "g" and "G" (en-US), or a custom format of
    d, h, m, s, f, F, quoted literals and \\-escapes; anything else is .NET's FormatException.
    https://learn.microsoft.com/en-us/dotnet/standard/base-types/standard-timespan-format-strings
    https://learn.microsoft.com/en-us/dotnet/standard/base-types/custom-timespan-format-strings"""
    t = ticks(span)
    sign = "-" if t < 0 else ""
    days, hours = abs(_div(t, TICKS_PER_DAY)), abs(_part(span, TICKS_PER_HOUR, 24))
    minutes, seconds = abs(_part(span, TICKS_PER_MINUTE, 60)), abs(_part(span, TICKS_PER_SECOND, 60))
    if fmt in ("", "c", "t", "T"):
        frac = _fraction(t, 7, False)
        return f"{sign}{f'{days}.' if days else ''}{hours:02d}:{minutes:02d}:{seconds:02d}" + (f".{frac}" if int(frac) else "")
    if fmt == "g":
        frac = _fraction(t, 7, True)
        return f"{sign}{f'{days}:' if days else ''}{hours}:{minutes:02d}:{seconds:02d}" + (f".{frac}" if frac else "")
    if fmt == "G":
        return f"{sign}{days}:{hours:02d}:{minutes:02d}:{seconds:02d}.{_fraction(t, 7, False)}"
    out: list[str] = []
    i = 0
    if fmt.startswith("%") and len(fmt) > 1:
        fmt = fmt[1:]         # "%d": a custom format of one specifier
    while i < len(fmt):
        ch = fmt[i]
        j = i
        while j < len(fmt) and fmt[j] == ch:
            j += 1
        n = j - i
        if ch in "'\"":
            end = fmt.find(ch, i + 1)
            if end == -1:
                raise ValueError(fmt)
            out.append(fmt[i + 1:end])
            i = end + 1
            continue
        if ch == "\\":
            if i + 1 >= len(fmt):
                raise ValueError(fmt)
            out.append(fmt[i + 1])
            i += 2
            continue
        if ch == "d" and n <= 8:
            out.append(f"{days:0{n}d}")
        elif ch in "hms" and n <= 2:
            out.append(f"{({'h': hours, 'm': minutes, 's': seconds})[ch]:0{n}d}")
        elif ch == "f" and n <= 7:
            out.append(_fraction(t, n, False))
        elif ch == "F" and n <= 7:
            out.append(_fraction(t, n, True))
        else:
            raise ValueError(fmt)
        i = j
    return "".join(out)
