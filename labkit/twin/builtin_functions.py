"""Windows PowerShell 5.1's built-in functions that stand for one cmdlet call: ``cd..`` and ``cd\\`` (Set-Location ..
and \\), the drive functions ``A:`` to ``Z:`` (Set-Location to that drive), and ``mkdir`` (New-Item -ItemType
Directory), which the built-in alias ``md`` names. InitialSessionState.BuiltInFunctions in PowerShell's source
defines them (https://github.com/PowerShell/PowerShell/blob/master/src/System.Management.Automation/engine/InitialSessionState.cs:
"cd.." is "Set-Location ..", "cd\\" is "Set-Location \\", each drive function is "Set-Location $MyInvocation.MyCommand.Name",
mkdir wraps "New-Item -Type Directory"); about_Locations and the 5.1 about_Functions list them.

A call of one of them runs that cmdlet with the function's arguments after its own, as the function's body does.
"""

from __future__ import annotations

import re

from labkit.twin.binding import Item


def builtin_function(name: str) -> tuple[str, list[Item]] | None:
    """(cmdlet, its leading arguments) a call of built-in function ``name`` runs, or None."""
    low = name.lower()
    if low == "cd..":
        return "Set-Location", [Item(None, "..")]
    if low == "cd\\":
        return "Set-Location", [Item(None, "\\")]
    if re.fullmatch(r"[a-z]:", low):
        return "Set-Location", [Item(None, name.upper())]
    if low == "mkdir":
        return "New-Item", [Item("ItemType", "Directory", "-ItemType")]
    return None
