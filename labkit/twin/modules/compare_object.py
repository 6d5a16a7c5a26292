"""Compare-Object (Microsoft.PowerShell.Utility) as Windows PowerShell 5.1 has it.

Each difference object is matched against the next reference object, then against the reference and
difference objects not yet matched within -SyncWindow; what stays unmatched is written at the end,
the difference side (``=>``) before the reference side (``<=``).  Equal objects (``==``) are written
only with -IncludeEqual; -ExcludeDifferent drops the differences (in 5.1 it does not imply -IncludeEqual:
"As of PowerShell 7.1, when using the ExcludeDifferent parameter, IncludeEqual is inferred").  Objects
compare as PowerShell compares values (strings case-insensitively unless -CaseSensitive), else by their
ToString(); with -Property only those values are compared and written.

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/compare-object?view=powershell-5.1
"""

from __future__ import annotations

from typing import Any, Iterator

from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.culture_parameter import check_culture
from labkit.twin.modules.core import _cmp, _property_getters
from labkit.twin.objects import PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.values import PSHashtable, ScriptBlock, as_list, to_string

Entry = tuple[Any, list[Any]]   # (input object, the values compared)


def _label(p: Any) -> str:
    """The name a -Property value gets on the output: the expression as typed (5.1 writes the calculated
    property's Expression, not its Name)."""
    if isinstance(p, PSHashtable):
        for k, v in p.items():
            if "expression".startswith(to_string(k).lower()) and to_string(k):
                return v.text if isinstance(v, ScriptBlock) else to_string(v)
    if isinstance(p, ScriptBlock):
        return p.text
    return to_string(p)


@cmdlet("Compare-Object", honours={"ReferenceObject", "DifferenceObject", "SyncWindow", "Property", "ExcludeDifferent",
                                   "IncludeEqual", "PassThru", "CaseSensitive", "Culture"}, stream=True)
def compare_object(ctx: Any, args: dict[str, Any], input: Any) -> Iterator[Any]:
    check_culture("Compare-Object", args)
    reference = as_list(args.get("ReferenceObject"))
    difference = list(input) if input is not None else as_list(args.get("DifferenceObject"))
    props = as_list(args.get("Property")) if args.get("Property") is not None else []
    case = bool(args.get("CaseSensitive"))
    include_equal = bool(args.get("IncludeEqual"))
    exclude_different = bool(args.get("ExcludeDifferent"))
    window = int(args.get("SyncWindow", 2**31 - 1))
    if window < 0:
        # [ValidateRange(0, Int32.MaxValue)] on -SyncWindow
        raise CmdletError(f"Cannot validate argument on parameter 'SyncWindow'. The {window} argument is less than the minimum "
                          "allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the command again.",
                          "InvalidData", "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.CompareObjectCommand", window)
    passthru = bool(args.get("PassThru"))
    sample = reference[0] if reference else difference[0] if difference else None
    getters = _property_getters(ctx, props, sample, "Compare-Object") if props else []
    labels = [_label(p) for p in props]

    def entry(obj: Any) -> Entry:
        return obj, ([g(obj) for _, g in getters] if getters else [obj])

    def same(a: Entry, b: Entry) -> bool:
        return all(_cmp(x, y, case) == 0 for x, y in zip(a[1], b[1]))

    out: list[Any] = []

    def emit(e: Entry, side: str) -> None:
        if side == "==" and not include_equal or side != "==" and exclude_different:
            return
        obj, values = e
        if passthru:
            if not isinstance(obj, PSObject):
                raise NotEmulated("Compare-Object", f"-PassThru on a {type(obj).__name__} value (the twin adds SideIndicator "
                                                    "to PowerShell objects only)")
            obj.set("SideIndicator", side)
            out.append(obj)
            return
        result = PSObject()
        if getters:
            for label, v in zip(labels, values):
                if not result.has(label):
                    result.set(label, v)
        else:
            result.set("InputObject", obj)
        result.set("SideIndicator", side)
        out.append(result)

    def take(e: Entry | None, backlog: list[Entry]) -> Entry | None:
        if e is None:
            return None
        for i, b in enumerate(backlog):
            if same(e, b):
                return backlog.pop(i)
        return None

    refs = [entry(o) for o in reference]
    ref_backlog: list[Entry] = []
    diff_backlog: list[Entry] = []
    index = 0

    def step(diff: Entry | None) -> None:
        nonlocal index
        ref: Entry | None = None
        if index < len(refs):
            ref = refs[index]
            index += 1
        if ref is not None and diff is not None and same(ref, diff):
            emit(ref, "==")
            return
        match = take(diff, ref_backlog)
        if match is not None:
            emit(match, "==")
            diff = None
        if ref is not None and take(ref, diff_backlog) is not None:
            emit(ref, "==")
            ref = None
        for e, backlog, side in ((diff, diff_backlog, "=>"), (ref, ref_backlog, "<=")):
            if e is None:
                continue
            if window > 0:
                while len(backlog) >= window:
                    emit(backlog.pop(0), side)
                backlog.append(e)
            else:
                emit(e, side)

    if not refs:
        for o in difference:
            emit(entry(o), "=>")
    elif not difference:
        for e in refs:
            emit(e, "<=")
    else:
        for o in difference:
            step(entry(o))
        while index < len(refs):
            step(None)
        for e in diff_backlog:
            emit(e, "=>")
        for e in ref_backlog:
            emit(e, "<=")
    yield from out


