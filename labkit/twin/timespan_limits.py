"""System.TimeSpan's MaxValue and MinValue, exact to the tick.

The twin's TimeSpan is Python's ``timedelta`` (whole microseconds, 10 ticks each); .NET's limits are Int64's
(MaxValue 9223372036854775807 ticks, 10675199.02:48:05.4775807; MinValue -9223372036854775808 ticks), which are not
whole microseconds. A limit is a ``timedelta`` that keeps the ticks beyond its microseconds (``extra_ticks``, read by
:func:`labkit.twin.timespan_parts.ticks`), so its parts and its text are .NET's and ``-eq`` between two MaxValues holds.
https://learn.microsoft.com/en-us/dotnet/api/system.timespan.maxvalue?view=netframework-4.8
"""

from __future__ import annotations

from datetime import timedelta


class TimeSpanLimit(timedelta):
    """A TimeSpan of a tick count that is not whole microseconds."""

    extra_ticks: int

    def __new__(cls, ticks: int) -> "TimeSpanLimit":
        microseconds, extra = divmod(ticks, 10)
        span = super().__new__(cls, microseconds=microseconds)
        span.extra_ticks = extra
        return span

    def __reduce__(self) -> tuple[type, tuple[int]]:
        return (TimeSpanLimit, (((self.days * 86400 + self.seconds) * 1_000_000 + self.microseconds) * 10 + self.extra_ticks,))


MAX_VALUE = TimeSpanLimit(2**63 - 1)
MIN_VALUE = TimeSpanLimit(-(2**63))
