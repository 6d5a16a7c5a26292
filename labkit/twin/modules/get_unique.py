"""Get-Unique (Microsoft.PowerShell.Utility): drops each object equal to the one written before it.

As 5.1's GetUniqueCommand compares: by default as objects (PowerShell's comparison, case-sensitive;
objects that are not comparable compare by their ToString()), with -AsString their ToString() texts
(case-sensitive), with -OnType the first of their type names.  -InputObject is one object, written unchanged.
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/get-unique?view=powershell-5.1
"""

from __future__ import annotations

from typing import Any, Iterator

from labkit.twin.interpreter import CmdletContext
from labkit.twin.members import call_method
from labkit.twin.objects import PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.types import type_names_of
from labkit.twin.values import PSRuntimeError, compare

_NOTHING = object()
CUSTOM = "System.Management.Automation.PSCustomObject"


def _text(ctx: CmdletContext, value: Any) -> str:
    """The base object's .NET ToString(), as the cmdlet calls it: a PSCustomObject's is the empty string
    (https://github.com/PowerShell/PowerShell/issues/6163, 5.1 and 6 alike)."""
    if value is None or isinstance(value, PSObject) and value.type_names[:1] == [CUSTOM]:
        return ""
    return str(call_method(value, "ToString", [], ctx.invoke))


def _same_object(ctx: CmdletContext, a: Any, b: Any) -> bool:
    """ObjectCommandComparer.Compare(a, b) == 0: LanguagePrimitives.Compare, else the ToString() texts."""
    if a is None and b is None:
        return True
    if isinstance(a, PSObject) or isinstance(b, PSObject):
        # the twin's objects stand for .NET objects that are not IComparable: 5.1 falls back to the texts
        return _text(ctx, a) == _text(ctx, b)
    try:
        return compare(a, b, True) == 0
    except PSRuntimeError:
        return _text(ctx, a) == _text(ctx, b)


def _first_type(value: Any) -> Any:
    """The object's first type name ($x.PSTypeNames[0]); $null has none."""
    if value is None:
        return None
    return value.type_name if isinstance(value, PSObject) else type_names_of(value)[0]


@cmdlet("Get-Unique", honours={"InputObject", "AsString", "OnType"}, lazy=True)   # compares each object with the one before as it comes
def get_unique(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    if input is None:
        if "InputObject" in args:
            yield args["InputObject"]
        return
    last: Any = _NOTHING
    for item in input:
        if last is _NOTHING:
            unique = True
        elif args.get("OnType"):
            unique = _first_type(item) != _first_type(last)
        elif args.get("AsString"):
            unique = _text(ctx, item) != _text(ctx, last)
        else:
            unique = not _same_object(ctx, item, last)
        if unique:
            last = item
            yield item
