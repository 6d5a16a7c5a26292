"""Measure-Object (Microsoft.PowerShell.Utility) as Windows PowerShell 5.1 measures.

Set GenericMeasure: -Sum, -Average (as Double; a value that is not a number is a non-terminating
NonNumericInputObject error and leaves Sum and Average empty), -Maximum, -Minimum (of anything comparable:
numbers give a GenericMeasureInfo of Doubles, other values a GenericObjectMeasureInfo of the values).
Set TextMeasure: -Line, -Word, -Character, -IgnoreWhiteSpace over each value's string (a TextMeasureInfo).
-Property names may hold wildcards; $null input objects are not counted; a property no input object has is a
non-terminating PropertyNotFound error.  5.1 has no -AllStats or -StandardDeviation.

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/measure-object?view=powershell-5.1
The counting rules follow MeasureObjectCommand as PowerShell's repository imported it from 5.1 (commit
60b3b304f2, src/Microsoft.PowerShell.Commands.Utility/commands/utility/Measure-Object.cs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from labkit.twin.interpreter import CmdletContext
from labkit.twin.members import call_method, get_member
from labkit.twin.objects import PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.unmodelled import refuse_unmodelled
from labkit.twin.values import PSHashtable, PSRuntimeError, compare, like, to_number, to_string

_WILDCARDS = "*?["


@dataclass
class _Stats:
    count: int = 0
    total: float = 0.0
    lines: int = 0
    words: int = 0
    characters: int = 0
    low: Any = None
    high: Any = None
    seen: bool = field(default=False)


def _number(value: Any) -> float | None:
    """LanguagePrimitives.TryConvertTo<double>: the value as a Double, or None."""
    if isinstance(value, PSObject) or isinstance(value, (list, PSHashtable)):
        return None
    try:
        return float(to_number(value))
    except (PSRuntimeError, TypeError, ValueError, OverflowError):
        return None


def _extreme(value: Any, kept: Any, smallest: bool) -> Any:
    """Compare(): numbers as Doubles; values of different types as their strings; the kept value changes when
    the new one is smaller (or larger)."""
    if kept is None:
        return value
    a, b = _number(value), _number(kept)
    current: Any = a if a is not None else value
    held: Any = b if b is not None else kept
    if current is not None and type(current) is not type(held):
        current, held = to_string(current), to_string(held)
    try:
        order = compare(held, current, False)
    except PSRuntimeError:
        order = compare(to_string(held), to_string(current), False)
    return value if (order > 0 if smallest else order < 0) else kept


def _words(text: str) -> int:
    count, gap = 0, True
    for ch in text:
        if ch.isspace():
            gap = True
        elif gap:
            count, gap = count + 1, False
    return count


def _lines(text: str) -> int:
    # 'abc\nd' has two lines but 'abc\n' one
    return 0 if not text else text.count("\n") + (0 if text.endswith("\n") else 1)


def _properties(obj: Any, pattern: str) -> list[tuple[str, Any]]:
    """The (name, value) pairs ``pattern`` resolves to on ``obj``: its matching properties (wildcards allowed)."""
    wild = any(c in pattern for c in _WILDCARDS)
    if isinstance(obj, PSObject):
        found = [(n, obj.get(n)) for n in obj.names() if (like(n, pattern) if wild else n.lower() == pattern.lower())]
        if not found and not wild:
            refuse_unmodelled(obj, pattern)    # a documented property the twin lacks: not "cannot be found in the input"
        return found
    if isinstance(obj, PSHashtable):
        return [(to_string(k), v) for k, v in obj.items() if (like(to_string(k), pattern) if wild else to_string(k).lower() == pattern.lower())]
    if wild or pattern.lower() in ("count", "length") and not isinstance(obj, str):
        # a .NET value's own properties are not listed by the twin; Count/Length of a scalar are intrinsic, not members
        return []
    value = get_member(obj, pattern)
    return [] if value is None else [(pattern, value)]


@cmdlet("Measure-Object", honours={"Property", "Sum", "Average", "Maximum", "Minimum", "InputObject", "Line", "Word",
                                   "Character", "IgnoreWhiteSpace"}, stream=True)
def measure_object(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    items = list(input) if input is not None else ([args["InputObject"]] if "InputObject" in args else [])
    text = any(args.get(k) for k in ("Line", "Word", "Character"))
    props = [to_string(p) for p in args["Property"]] if args.get("Property") is not None else None
    stats: dict[str, _Stats] = {}
    order: list[str] = []
    non_numeric = False

    def entry(name: str) -> _Stats:
        key = name.lower()
        if key not in stats:
            stats[key] = _Stats()
            order.append(name)
        return stats[key]

    def analyze(name: str, value: Any) -> None:
        nonlocal non_numeric
        st = entry(name)
        st.count += 1
        if text:
            s = "" if value is None else to_string(value)
            if args.get("Character"):
                st.characters += sum(1 for c in s if not c.isspace()) if args.get("IgnoreWhiteSpace") else len(s)
            if args.get("Word"):
                st.words += _words(s)
            if args.get("Line"):
                st.lines += _lines(s)
        if args.get("Sum") or args.get("Average"):
            n = _number(value)
            if n is None:
                non_numeric = True
                # String.Format of the value: its .NET ToString() (a date in en-US's general pattern)
                shown = to_string(call_method(value, "ToString", [], ctx.invoke)) if value is not None else ""
                ctx.error(f'Input object "{shown}" is not numeric.', "InvalidType", value, "NonNumericInputObject",
                          exception_type="System.Management.Automation.PSInvalidOperationException")
                return
            st.total += n
        if args.get("Minimum"):
            st.low = _extreme(value, st.low, True)
        if args.get("Maximum"):
            st.high = _extreme(value, st.high, False)

    total_records = 0
    for obj in items:
        if obj is None:
            continue
        total_records += 1
        if props is None:
            analyze("", obj)
            continue
        counted: set[str] = set()
        for p in props:
            found = _properties(obj, p)
            if not found and not any(c in p for c in _WILDCARDS):
                entry(p)
            for name, value in found:
                if name.lower() not in counted:
                    counted.add(name.lower())
                    analyze(name, value)
    if total_records == 0 and props is None:
        entry("")
    for name in order:
        st = stats[name.lower()]
        if st.count == 0 and props is not None:
            ctx.error(f'The property "{name}" cannot be found in the input for any objects.', "InvalidArgument", None,
                      "TextMeasurePropertyNotFound" if text else "GenericMeasurePropertyNotFound",
                      exception_type="System.Management.Automation.PSArgumentException")
            continue
        if text:
            out = PSObject("Microsoft.PowerShell.Commands.TextMeasureInfo", display=["Lines", "Words", "Characters", "Property"])
            out.set("Lines", st.lines if args.get("Line") else None)
            out.set("Words", st.words if args.get("Word") else None)
            out.set("Characters", st.characters if args.get("Character") else None)
        else:
            numeric = all(v is None or _number(v) is not None for v in (st.low, st.high))
            out = PSObject("Microsoft.PowerShell.Commands.GenericMeasureInfo" if numeric else
                           "Microsoft.PowerShell.Commands.GenericObjectMeasureInfo",
                           display=["Count", "Average", "Sum", "Maximum", "Minimum", "Property"])
            out.set("Count", st.count)
            out.set("Average", st.total / st.count if args.get("Average") and st.count and not non_numeric else None)
            out.set("Sum", st.total if args.get("Sum") and not non_numeric else None)
            out.set("Maximum", (_number(st.high) if numeric else st.high) if args.get("Maximum") and st.high is not None else None)
            out.set("Minimum", (_number(st.low) if numeric else st.low) if args.get("Minimum") and st.low is not None else None)
        out.set("Property", name if props is not None else None)
        yield out
