"""DateTime and TimeSpan arithmetic within .NET's ranges: ``$date + $span``, ``$span + $span`` and their ``-``.

.NET Framework 4.8's operators throw where the result leaves the type's range, and 5.1 reports the operator as the
method it calls (a MethodInvocationException around the .NET exception):
- DateTime.op_Addition / op_Subtraction: ArgumentOutOfRangeException "The added or subtracted value results in an
  un-representable DateTime." for parameter ``t``
  (https://learn.microsoft.com/en-us/dotnet/api/system.datetime.op_addition?view=netframework-4.8, Exceptions);
- TimeSpan.op_Addition / op_Subtraction: OverflowException "TimeSpan overflowed because the duration is too long."
  (https://learn.microsoft.com/en-us/dotnet/api/system.timespan.op_addition?view=netframework-4.8, Exceptions:
  "The resulting TimeSpan is less than TimeSpan.MinValue or greater than TimeSpan.MaxValue").
Python's datetime spans the same years (1 to 9999) and raised OverflowError, a traceback; its timedelta spans far more
than a TimeSpan and answered silently.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from labkit.twin.method_overloads import method_exception
from labkit.twin.timespan_limits import TimeSpanLimit
from labkit.twin.timespan_parts import ticks

TICKS_MIN, TICKS_MAX = -(2**63), 2**63 - 1


def date_plus(left: datetime, span: timedelta, sign: int) -> datetime:
    """``left + span`` (sign 1) or ``left - span`` (sign -1)."""
    try:
        return left + span if sign > 0 else left - span
    except OverflowError:
        raise method_exception("op_Addition" if sign > 0 else "op_Subtraction", 2, "System.ArgumentOutOfRangeException",
                               "The added or subtracted value results in an un-representable DateTime.", "t") from None


def span_plus(left: timedelta, right: timedelta, sign: int, method: str = "") -> timedelta:
    """``left + right`` (sign 1) or ``left - right`` (sign -1); ``method``: the TimeSpan method that does it (Add,
    Subtract: one argument), else the operator."""
    if not TICKS_MIN <= ticks(left) + sign * ticks(right) <= TICKS_MAX:
        name = method or ("op_Addition" if sign > 0 else "op_Subtraction")
        raise method_exception(name, 1 if method else 2, "System.OverflowException",
                               "TimeSpan overflowed because the duration is too long.")
    return left + right if sign > 0 else left - right


def span_negated(span: timedelta, method: str) -> timedelta:
    """TimeSpan.Negate() (``method`` Negate) or Duration() (the absolute value), exact to the tick; TimeSpan.MinValue
    has neither (https://learn.microsoft.com/en-us/dotnet/api/system.timespan.negate?view=netframework-4.8,
    .../system.timespan.duration?view=netframework-4.8: OverflowException)."""
    t = ticks(span)
    if t == TICKS_MIN:
        text = ("Negating the minimum value of a twos complement number is invalid." if method == "Negate" else
                "The duration cannot be returned for TimeSpan.MinValue because the absolute value of TimeSpan.MinValue "
                "exceeds the value of TimeSpan.MaxValue.")
        raise method_exception(method, 0, "System.OverflowException", text)
    return TimeSpanLimit(-t if method == "Negate" else abs(t))
