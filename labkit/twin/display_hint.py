"""Get-Date -DisplayHint: the DateTime Get-Date writes carries a DisplayHint note (Date, Time or DateTime) that
only its display reads ("Wednesday, January 1, 2020" for Date, "12:00:00 AM" for Time); ToString(), -Format and
arithmetic ignore it, and a new DateTime made from it has none.
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/get-date?view=powershell-5.1#-displayhint
(the DateTime view is DotNetTypes.format.ps1xml's script property: ToLongDateString(), ToLongTimeString() or both)
"""

from __future__ import annotations

from datetime import datetime


class HintedDateTime(datetime):
    """A DateTime with Get-Date's DisplayHint note."""

    display_hint: str = "DateTime"

    @classmethod
    def of(cls, d: datetime, hint: str) -> "HintedDateTime":
        out = cls(d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond, d.tzinfo)
        out.display_hint = hint
        return out


def hint_of(value: datetime) -> str:
    return getattr(value, "display_hint", "DateTime")


def noted_hint(value: datetime) -> str | None:
    """The DisplayHint note Get-Date gave this very value, or None: a DateTime computed from it (AddDays, + ...) is a new
    DateTime without the note, even where Python keeps the subclass."""
    return getattr(value, "__dict__", {}).get("display_hint")
