"""``Get-Date -UFormat`` as Windows PowerShell 5.1 formats: its own table of %-specifiers, not the C library's.

Each specifier becomes a .NET composite-format item or a number (5.1's UFormatDateString), so 5.1's quirks
stay: %j without leading zeros, %s with a fraction (seconds since 1970-01-01 in local time), %U and %W as
DayOfYear / 7, %V as DayOfYear / 7 + 1, %u and %w with Sunday = 0, %G/%g as %Y/%y, %Z the offset's hours
("+00": the twin's lab clock keeps UTC); a leading "+" is skipped; an unknown specifier writes its letter.
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/get-date?view=powershell-5.1#notes
(the code: src/Microsoft.PowerShell.Commands.Utility/commands/utility/GetDateCommand.cs as PowerShell's
repository imported it from 5.1, commit 60b3b304f2)
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.format import format_datetime_net
from labkit.twin.values import format_number

_EPOCH = datetime(1970, 1, 1)


def _net(spec: str) -> Callable[[datetime], str]:
    return lambda d: format_datetime_net(d, spec)


_SPECIFIERS: dict[str, Callable[[datetime], str]] = {
    "A": _net("dddd"), "a": _net("ddd"), "B": _net("MMMM"), "b": _net("MMM"), "h": _net("MMM"),
    "C": lambda d: str(d.year // 100),
    "c": lambda d: format_datetime_net(d, "ddd MMM ") + f"{d.day:>2} " + format_datetime_net(d, "HH:mm:ss yyyy"),
    "D": _net("MM/dd/yy"), "d": _net("dd"), "e": lambda d: f"{d.day:>2}", "H": _net("HH"), "I": _net("hh"),
    "j": lambda d: str(d.timetuple().tm_yday), "k": _net("HH"), "l": _net("hh"), "M": _net("mm"), "m": _net("MM"),
    "n": lambda d: "\n", "p": _net("tt"), "R": _net("HH:mm"), "r": _net("hh:mm:ss tt"), "S": _net("ss"),
    "s": lambda d: format_number((d - _EPOCH).total_seconds()), "T": _net("HH:mm:ss"), "X": _net("HH:mm:ss"),
    "t": lambda d: "\t", "u": lambda d: str((d.weekday() + 1) % 7), "U": lambda d: str(d.timetuple().tm_yday // 7),
    "V": lambda d: str(d.timetuple().tm_yday // 7 + 1), "G": _net("yyyy"), "g": _net("yy"),
    "W": lambda d: str(d.timetuple().tm_yday // 7), "w": lambda d: str((d.weekday() + 1) % 7), "x": _net("MM/dd/yy"),
    "y": _net("yy"), "Y": _net("yyyy"), "Z": lambda d: "+00",
}


def uformat(d: datetime, fmt: str) -> str:
    out: list[str] = []
    if not fmt:
        # 5.1 reads the first character of the empty string
        raise CmdletError("Index was outside the bounds of the array.", "NotSpecified",
                          "System.IndexOutOfRangeException,Microsoft.PowerShell.Commands.GetDateCommand",
                          exception_type="System.IndexOutOfRangeException")
    i = 1 if fmt.startswith("+") else 0
    while i < len(fmt):
        ch = fmt[i]
        if ch in "{}":
            # 5.1 passes the text through String.Format with the date: braces are format items there
            raise NotEmulated("Get-Date", f"-UFormat with braces ('{fmt}')")
        if ch == "%" and i + 1 == len(fmt):
            # 5.1 reads the character after a final '%' beyond the end of the string
            raise CmdletError("Index was outside the bounds of the array.", "NotSpecified",
                              "System.IndexOutOfRangeException,Microsoft.PowerShell.Commands.GetDateCommand",
                              exception_type="System.IndexOutOfRangeException")
        if ch == "%":
            i += 1
            spec = fmt[i]
            if spec in "{}":
                raise NotEmulated("Get-Date", f"-UFormat with braces ('{fmt}')")
            out.append(_SPECIFIERS[spec](d) if spec in _SPECIFIERS else spec)
        else:
            out.append(ch)
        i += 1
    return "".join(out)
