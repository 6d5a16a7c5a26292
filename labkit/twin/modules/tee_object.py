"""Tee-Object (Microsoft.PowerShell.Utility): each input object goes down the pipeline and into a file or a variable.

5.1 feeds the objects to Out-File (set File: -FilePath, -Append; set LiteralFile: -LiteralPath) or to
Set-Variable -Name (set Variable), which after the last object holds that object alone, or an object[] of
them all, or nothing when none came.  -InputObject is one object even when it is a collection.
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/tee-object?view=powershell-5.1
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from labkit.twin.interpreter import CmdletContext
from labkit.twin.modules.management import out_file
from labkit.twin.modules.variables import set_variable
from labkit.twin.registry import cmdlet
from labkit.twin.values import to_string


@cmdlet("Tee-Object", honours={"InputObject", "FilePath", "LiteralPath", "Append", "Variable"}, lazy=True)
def tee_object(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    items: Iterable[Any] = iter(input) if input is not None else ([args["InputObject"]] if "InputObject" in args else [])
    if "Variable" in args:
        # each object goes on as it comes; Set-Variable's end of processing: one value, an array of them, or AutomationNull
        seen: list[Any] = []
        for item in items:
            seen.append(item)
            yield item
        value = seen[0] if len(seen) == 1 else (list(seen) if seen else None)
        list(set_variable(ctx, {"Name": [to_string(args["Variable"])], "Value": value}, None))
        return
    path = to_string(args.get("FilePath", args.get("LiteralPath")))
    # a -FilePath with wildcards must name exactly one file (Out-File's PathUtils.ResolveFilePath)
    file_args: dict[str, Any] = {"FilePath" if "FilePath" in args else "LiteralPath": path}
    if args.get("Append"):
        file_args["Append"] = True
    # Out-File opens the file before the first object: a bad path stops the pipeline before any output
    list(out_file(ctx, file_args, []))
    written: list[Any] = []
    try:
        for item in items:
            written.append(item)
            yield item
    finally:
        # the objects formatted together, as Out-File formats what it got (one table for all of them); what it wrote
        # stays written when a later command stopped the pipeline (Select-Object -First) or failed
        list(out_file(ctx, {**file_args, "Append": True}, written))
