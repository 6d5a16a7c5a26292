"""New-TimeSpan and Measure-Command (Microsoft.PowerShell.Utility): the cmdlets that make a System.TimeSpan.

New-TimeSpan: set Date (default) is -End minus -Start, each the current time when not given; set Time is
``new TimeSpan(Days, Hours, Minutes, Seconds)`` (5.1 has no -Milliseconds).
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/new-timespan?view=powershell-5.1

Measure-Command: runs -Expression in the current scope once per pipeline object (``$_`` that object), its
output discarded, and writes one TimeSpan, the time all runs took.  On the twin that time is the lab clock's
(``Start-Sleep 2`` inside the block measures two seconds), which does not move while PowerShell text merely
evaluates.
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/measure-command?view=powershell-5.1
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Iterator

from labkit.twin.errors import CmdletError
from labkit.twin.interpreter import CmdletContext
from labkit.twin.members import NO_ITEM
from labkit.twin.registry import cmdlet
from labkit.twin.timespan_parts import TICKS_PER_MILLISECOND

# TimeSpan.TimeToTicks refuses spans beyond Int64 ticks (Int64.MaxValue / TicksPerMillisecond milliseconds)
# https://learn.microsoft.com/en-us/dotnet/api/system.timespan.-ctor?view=netframework-4.8
_MAX_MILLISECONDS = (2**63 - 1) // TICKS_PER_MILLISECOND


@cmdlet("New-TimeSpan", honours={"Start", "End", "Days", "Hours", "Minutes", "Seconds"})
def new_timespan(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    if any(k in args for k in ("Days", "Hours", "Minutes", "Seconds")):
        seconds = (int(args.get("Days", 0)) * 86400 + int(args.get("Hours", 0)) * 3600 + int(args.get("Minutes", 0)) * 60
                   + int(args.get("Seconds", 0)))
        if abs(seconds * 1000) > _MAX_MILLISECONDS:
            raise CmdletError("TimeSpan overflowed because the duration is too long.", "NotSpecified",
                              "System.ArgumentOutOfRangeException,Microsoft.PowerShell.Commands.NewTimeSpanCommand",
                              exception_type="System.ArgumentOutOfRangeException")
        yield timedelta(seconds=seconds)
        return
    now = ctx.now()
    start, end = args.get("Start", now), args.get("End", now)
    yield end - start


@cmdlet("Measure-Command", honours={"Expression", "InputObject"}, stream=True)
def measure_command(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    block = args["Expression"]
    items = list(input) if input is not None else [args.get("InputObject", NO_ITEM)]
    began = ctx.now()
    for item in items:
        ctx.invoke(block, item)      # its output goes nowhere (5.1 runs it into a null pipe)
    yield ctx.now() - began
