"""Core cmdlets (Microsoft.PowerShell.Core and .Utility): the pipeline
workhorses every script uses, emulated with PowerShell's documented behaviour."""

from __future__ import annotations

import calendar
import json
import math
import re
from collections import deque
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable, Iterator

from labkit.twin import json51, strict_mode, write_error_fields
from labkit.twin.instance_members import property_set_names, value_property_names
from labkit.twin.attributes import check_range
from labkit.twin.console_host import host_text
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.format_properties import LIST_KEYS, group_column, table_columns
from labkit.twin.views import column_value
from labkit.twin.format_wide import format_wide
from labkit.twin.format import (FormattedText, enumeration_limit, enumeration_limit_of, format_datetime_net, format_list,
                                format_table, line_columns, render)
from labkit.twin.interpreter import CmdletContext
from labkit.twin.information_records import information_record, write_record
from labkit.twin.json51 import JsonDate
from labkit.twin.members import NO_ITEM, call_method, get_member
from labkit.twin.culture_parameter import check_culture
from labkit.twin.net_sort import introsort
from labkit.twin.uformat import uformat
from labkit.twin.display_hint import HintedDateTime, noted_hint
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.pipeline_stream import Stage, closing
from labkit.twin.registry import cmdlet
from labkit.twin.types import value_type
from labkit.twin.unmodelled import refuse_unmodelled, warn_unmodelled
from labkit.twin.values import (
    PSHashtable,
    PSRuntimeError,
    ScriptBlock,
    as_list,
    compare,
    enumerate_value,
    equals,
    like,
    to_bool,
    to_number,
    to_string,
)

CUSTOM = "System.Management.Automation.PSCustomObject"


def _inputs(args: dict[str, Any], input: Any) -> list[Any]:
    """Input objects of a stream cmdlet: the pipeline's, or -InputObject as one object."""
    if input is not None:
        return list(input)
    if "InputObject" in args:
        return [args["InputObject"]]
    return []


def _not_null(items: list[Any]) -> list[Any]:
    """The input objects a cmdlet whose ProcessRecord skips $null keeps: Select-Object, Group-Object, ConvertTo-Json,
    Format-Table/List/Wide (select-object.cs, group-object.cs, ConvertToJsonCommand.cs, BaseFormattingCommand.cs of
    PowerShell's 5.1 source, commit 60b3b304f2)."""
    return [x for x in items if x is not None]


# -- Where-Object ---------------------------------------------------------------------------------

_WHERE_OPS = {
    "EQ": "-eq", "NE": "-ne", "GT": "-gt", "GE": "-ge", "LT": "-lt", "LE": "-le", "Like": "-like", "NotLike": "-notlike",
    "Match": "-match", "NotMatch": "-notmatch", "Contains": "-contains", "NotContains": "-notcontains", "In": "-in",
    "NotIn": "-notin", "CEQ": "-ceq", "CNE": "-cne", "CGT": "-cgt", "CGE": "-cge", "CLT": "-clt", "CLE": "-cle",
    "CLike": "-clike", "CNotLike": "-cnotlike", "CMatch": "-cmatch", "CNotMatch": "-cnotmatch", "CContains": "-ccontains",
    "CNotContains": "-cnotcontains", "CIn": "-cin", "CNotIn": "-cnotin", "Is": "-is", "IsNot": "-isnot",
}


@cmdlet("Where-Object", honours={"FilterScript", "InputObject", "Property", "Value", *_WHERE_OPS})
def where_object(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    if input is None and "InputObject" not in args:
        return
    obj = args.get("InputObject", input)
    if "FilterScript" in args:
        if to_bool(ctx.invoke(args["FilterScript"], obj)):
            yield obj
        return
    prop = args.get("Property")
    # 5.1's operator switches set the operator whatever their value (-GT:$false is -GT), and -Value goes with one:
    # WhereObjectCommand's setters and ProcessRecord (InternalCommands.cs, 5.1's sources at 60b3b304f2)
    ops = [k for k in _WHERE_OPS if k in args]
    if ops and "Value" not in args:
        raise CmdletError("The specified operator requires both the -Property and -Value parameters. Provide values for "
                          "both parameters, and then try the command again.", "InvalidArgument",
                          "ValueNotSpecifiedForWhereObject", exception_type="System.Management.Automation.PSArgumentException")
    if not ops and "Value" in args:
        raise CmdletError("An operator is required to compare the two specified values. Include a valid operator in the "
                          "command, and then try the command again. For example, Get-Process | Where-Object -Property Name "
                          "-eq Idle", "InvalidArgument", "OperatorNotSpecified",
                          exception_type="System.Management.Automation.PSArgumentException")
    value = get_member(obj, prop) if prop is not None else None
    if args.get("Not"):
        if not to_bool(value):
            yield obj
        return
    if not ops:
        if to_bool(value):
            yield obj
        return
    op = _WHERE_OPS[ops[0]]
    if op in ("-is", "-isnot"):
        # the -is operator's own conversion of -Value to a type: [int], 'int' and '[int]' (the string an argument-mode
        # [int] is) all name System.Int32 (labkit.twin.type_ops.type_operator)
        from labkit.twin.type_ops import type_operator
        user = ctx.engine.user_types
        name = to_string(args.get("Value")).strip()
        if user and name.strip("[]").lower() in user:
            from labkit.twin.interpreter import is_type
            r = is_type(value, name.strip("[]"))
        else:
            r = type_operator("-is", value, args.get("Value"), 0)
        if r == (op == "-is"):
            yield obj
        return
    if to_bool(ctx.engine.comparison(op, value, args.get("Value"))):
        yield obj


# -- ForEach-Object ----------------------------------------------------------------------------------

@cmdlet("ForEach-Object", honours={"Process", "Begin", "End", "RemainingScripts", "InputObject", "MemberName", "ArgumentList"},
        lazy=True)
def foreach_object(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    # -Begin once, -Process per input object as it arrives, -End after the commands before it finished; what the blocks
    # write goes on at once (https://learn.microsoft.com/powershell/module/microsoft.powershell.core/foreach-object?view=powershell-5.1)
    engine = ctx.engine

    def body(stage: Stage, out: list[Any]) -> None:
        inputs = stage.inputs()
        items: Iterable[Any] = inputs if inputs is not None else [args.get("InputObject")]
        if "MemberName" in args:
            stage.begun()
            name = args["MemberName"]
            for obj in items:
                if "ArgumentList" in args or _is_method(obj, name):
                    out.extend(enumerate_value(call_method(obj, name, list(args.get("ArgumentList") or []),
                                                           lambda sb, it: ctx.invoke(sb, it))))
                else:
                    out.extend(enumerate_value(get_member(obj, name)))
            return
        # 5.1's ForEachObjectCommand.BeginProcessing: -Begin first, then -Process and -RemainingScripts in one list; with
        # more than one block the first is the begin block, and without -End more than two make the last the end block
        # (so -Process {a} -RemainingScripts {b} runs a once and b per object). PowerShell's InternalCommands.cs.
        scripts = [args["Begin"]] if "Begin" in args else []
        for name in ("Process", "RemainingScripts"):
            if name in args:
                scripts += _blocks(args[name])
        first, last = (1 if len(scripts) > 1 else 0), len(scripts)
        end = args.get("End")
        if "End" not in args and len(scripts) > 2:
            last = len(scripts) - 1
            end = scripts[last]
        begin = scripts[0] if last >= 2 else None
        blocks = [sb for sb in scripts[first:last] if sb is not None]
        # each block runs as the cmdlet's (its -ErrorVariable, 2>$null, its errors wrapped: CmdletContext.invoke)
        if begin is not None:
            ctx.invoke(begin, NO_ITEM, out=out)
        stage.begun()
        for obj in items:
            for sb in blocks:
                ctx.invoke(sb, obj, out=out)
        if end is not None:
            ctx.invoke(end, NO_ITEM, out=out)

    return closing(Stage(engine, body, iter(input) if input is not None else None, scope=ctx.scope))


def _blocks(value: Any) -> list[Any]:
    return [None] if value is None else list(value) if isinstance(value, list) else [value]


def _is_method(obj: Any, name: str) -> bool:
    return isinstance(obj, str) and name.lower() in {"toupper", "tolower", "trim", "tostring", "split"}


# -- property selection (Select-Object, Sort-Object, Group-Object, Format-*) -----------------------------

Getter = tuple[str, Callable[[Any], Any]]


def _hash_key(h: PSHashtable, *names: str) -> Any:
    for k, v in h.items():
        key = to_string(k).lower()
        for n in names:
            if n.startswith(key) and len(key) >= 1:
                return v
    return None


def _property_getters(ctx: CmdletContext, props: Iterable[Any], sample: Any, cmd: str, *, allow_calc: bool = True) -> list[Getter]:
    getters: list[Getter] = []
    for p in props:
        if isinstance(p, PSHashtable):
            if not allow_calc:
                raise CmdletError(f"{cmd}: a calculated property is not valid here.", "InvalidArgument", "DictionaryKeyIllegal")
            name = _hash_key(p, "name", "label")
            expr = _hash_key(p, "expression")
            if expr is None:
                raise CmdletError("The Expression key is missing from the hash table of a calculated property. "
                                  "Write it as @{Name='X'; Expression={ ... }}.", "InvalidArgument", "DictionaryKeyMissing")
            if isinstance(expr, ScriptBlock):
                label = to_string(name) if name is not None else expr.text.strip()
                getters.append((label, lambda o, sb=expr: _collapse(ctx.invoke(sb, o))))
            else:
                pname = to_string(expr)
                getters.append((to_string(name) if name is not None else pname, lambda o, n=pname: get_member(o, n)))
        elif isinstance(p, ScriptBlock):
            getters.append((p.text.strip(), lambda o, sb=p: _collapse(ctx.invoke(sb, o))))
        else:
            pattern = to_string(p)
            if any(c in pattern for c in "*?[") and isinstance(sample, PSObject):
                for n in sample.names():
                    if like(n, pattern):
                        getters.append((n, lambda o, n=n: get_member(o, n)))
                warn_unmodelled(ctx, sample, pattern, cmd)     # documented properties the pattern names and the twin lacks
            elif any(c in pattern for c in "*?[") and sample is not None:
                # a .NET value the twin keeps as a Python value: its properties where the twin knows them all
                known = value_property_names(sample)
                if known is None:
                    from labkit.twin.types import value_type
                    raise NotEmulated(cmd, f"-Property {pattern} on a {value_type(sample).full_name} (its properties)")
                getters += [(n, lambda o, n=n: get_member(o, n)) for n in known if like(n, pattern)]
            elif (names := property_set_names(sample, pattern)) is not None:
                # a property set names its properties (MshExpression.ResolveNames expands a PSPropertySet)
                getters += [(_real_name(sample, n), lambda o, n=n: get_member(o, n)) for n in names]
            else:
                getters.append((_real_name(sample, pattern), lambda o, n=pattern: get_member(o, n)))
    return getters


def _real_name(sample: Any, name: str) -> str:
    if isinstance(sample, PSObject):
        for n in sample.names():
            if n.lower() == name.lower():
                return n
    return name


def _collapse(items: list[Any]) -> Any:
    if not items:
        return None
    return items[0] if len(items) == 1 else items


# -- Select-Object -------------------------------------------------------------------------------------

def _stop(upstream: Iterator[Any]) -> None:
    """Select-Object has what it wants: the commands before it stop (5.1's StopUpstreamCommandsException: they produce
    nothing more, their end blocks do not run; labkit.twin.pipeline_stream)."""
    close = getattr(upstream, "close", None)
    if close is not None:
        close()


@cmdlet("Select-Object", honours={"Property", "ExpandProperty", "First", "Last", "Skip", "SkipLast", "Unique", "InputObject",
                                  "ExcludeProperty", "Index", "Wait"}, lazy=True)
def select_object(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    # ProcessRecord skips $null input objects (PowerShell's select-object.cs as imported from 5.1's sources, 60b3b304f2);
    # First, Last, Skip, SkipLast and Index carry [ValidateRange(0, int.MaxValue)]
    for name in ("First", "Last", "Skip", "SkipLast", "Index"):
        for v in (args[name] if isinstance(args.get(name), list) else [args.get(name)]) if name in args else []:
            if v is not None and int(v) < 0:
                raise CmdletError(f"Cannot validate argument on parameter '{name}'. The {int(v)} argument is less than the minimum "
                                  "allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the "
                                  "command again.", "InvalidData", "ParameterArgumentValidationError",
                                  exception_type="System.Management.Automation.ParameterBindingValidationException")
    upstream: Iterator[Any] = iter(input) if input is not None else iter(_inputs(args, None))
    # each object is selected and written as it comes (ProcessRecord); -Unique writes what it kept at the end
    uniques: list[Any] | None = [] if args.get("Unique") else None

    def write(obj: Any) -> list[Any]:
        selected = _select_one(ctx, args, obj)
        if uniques is None:
            return selected
        for o in selected:
            if not any(_same(o, u) for u in uniques):
                uniques.append(o)
        return []

    wait = bool(args.get("Wait"))
    if "Index" in args:
        # ProcessRecord with -Index: the indexes sorted, each object whose position is one of them written as it comes;
        # once the last index passed, the commands before it stop
        index = sorted(int(i) for i in (args["Index"] if isinstance(args["Index"], list) else [args["Index"]]))
        at = count = 0
        for obj in upstream:
            if obj is None:
                continue
            if at < len(index) and count == index[at]:
                yield from write(obj)
                while at < len(index) and index[at] == count:
                    at += 1
            if not wait and at >= len(index):
                _stop(upstream)
                break
            count += 1
        yield from uniques or []
        return
    # the other sets: 5.1's SelectObjectQueue (Enqueue, StreamingDequeue, AllRequestedObjectsProcessed, EndProcessing)
    first, last = int(args.get("First", 0)), int(args.get("Last", 0))
    skip, skip_last = int(args.get("Skip", 0)), int(args.get("SkipLast", 0))
    first_or_last = "First" in args or "Last" in args
    queue: deque[Any] = deque()
    streamed = 0
    stopped = False
    for obj in upstream:
        if obj is None:
            continue
        if last > 0 and len(queue) >= last + skip and first == 0:
            queue.popleft()
        elif last > 0 and len(queue) >= last and first != 0:
            queue.popleft()
        queue.append(obj)
        if skip == 0:
            if skip_last > 0:
                if len(queue) > skip_last:
                    yield from write(queue.popleft())
            elif streamed < first or not first_or_last:
                streamed += 1
                yield from write(queue.popleft())
            elif last == 0:
                queue.popleft()
        elif last == 0:
            queue.popleft()
            skip -= 1
        elif first != 0:
            skip -= 1
            queue.popleft()
        if first_or_last and last == 0 and first != 0 and streamed >= first and not wait:
            stopped = True
            break
    if "SkipLast" not in args:      # EndProcessing of the default set: what the queue holds
        if first != 0:
            while queue:
                yield from write(queue.popleft())
        else:
            while len(queue) > skip:
                yield from write(queue.popleft())
    if stopped:
        _stop(upstream)
    yield from uniques or []


def _select_one(ctx: CmdletContext, args: dict[str, Any], obj: Any) -> list[Any]:
    """What Select-Object writes for one input object (ProcessObject): -ExpandProperty's value, a new object of the
    -Property values, or the object itself."""
    props = args.get("Property")
    exclude = [to_string(x) for x in args.get("ExcludeProperty") or []]
    if "ExpandProperty" in args:
        name = args["ExpandProperty"]
        if isinstance(obj, PSObject) and not obj.has(name):
            refuse_unmodelled(obj, name)      # a documented property the twin lacks is not "cannot be found"
        if isinstance(obj, PSObject) and not obj.has(name) or obj is None:
            ctx.error(f"Property \"{name}\" cannot be found.", "InvalidArgument", obj, "ExpandPropertyNotFound")
            return []
        value = get_member(obj, name)
        if props and isinstance(value, PSObject):
            for label, get in _property_getters(ctx, props, obj, "Select-Object"):
                value.set(label, get(obj))
        return list(enumerate_value(value)) if isinstance(value, list) else [value]
    if not props:
        return [obj]
    getters = _property_getters(ctx, props, obj, "Select-Object")
    # a new custom object named after the input's .NET type: Selected.Microsoft.HyperV.PowerShell.VirtualMachine
    # (SelectObjectCommand.SetPSCustomObject, src/Microsoft.PowerShell.Commands.Utility/commands/utility/Select-Object.cs)
    new = PSObject(["Selected." + value_type(obj).full_name, CUSTOM])
    for label, get in getters:
        if any(like(label, e) for e in exclude):
            continue
        if not label:
            # SelectObjectStrings.EmptyScriptBlockAndNoName, a terminating PSArgumentException
            raise CmdletError("A property is an empty script block and does not provide a name.", "InvalidArgument",
                              "EmptyScriptBlockAndNoName", exception_type="System.Management.Automation.PSArgumentException")
        new.set(label, get(obj))
    return [new]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, PSObject) and isinstance(b, PSObject):
        return a.names() == b.names() and all(_same(a.get(n), b.get(n)) for n in a.names())
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    return equals(a, b)


# -- Sort-Object ------------------------------------------------------------------------------------------

def _cmp(a: Any, b: Any, case_sensitive: bool = False) -> int:
    if a is None and b is None:
        return 0
    if a is None or b is None:
        # LanguagePrimitives.Compare: $null is below everything but a negative number (5.1's source, 60b3b304f2)
        other = b if a is None else a
        below = not (isinstance(other, (int, float)) and not isinstance(other, bool) and other < 0)
        return (-1 if below else 1) * (1 if a is None else -1)
    try:
        if isinstance(a, (int, float)) and not isinstance(b, (int, float)) and isinstance(b, str):
            return compare(to_string(a), b, case_sensitive)
        return compare(a, b, case_sensitive)
    except PSRuntimeError:
        return compare(to_string(a), to_string(b), case_sensitive)


@cmdlet("Sort-Object", honours={"Property", "Descending", "Unique", "InputObject", "CaseSensitive", "Culture"},
        stream=True)
def sort_object(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    check_culture("Sort-Object", args)
    items = _not_null(_inputs(args, input))       # OrderObjectBase.ProcessRecord collects only what is not $null
    if not items:
        return
    cs = bool(args.get("CaseSensitive"))
    desc = bool(args.get("Descending"))
    keys: list[tuple[Callable[[Any], Any], bool]] = []
    for p in args.get("Property") or []:
        pdesc = desc
        if isinstance(p, PSHashtable):
            d = _hash_key(p, "descending")
            a = _hash_key(p, "ascending")
            # OrderByProperty.CreateComparer (5.1): Ascending and Descending that agree contradict each other and
            # are both ignored; else Ascending wins, then Descending
            if a is not None and d is not None and to_bool(a) == to_bool(d):
                pass
            elif a is not None:
                pdesc = not to_bool(a)
            elif d is not None:
                pdesc = to_bool(d)
        getter = _property_getters(ctx, [p], items[0], "Sort-Object")[0][1]
        keys.append((getter, pdesc))
    if not keys:
        keys = [((lambda o: o), desc)]
    decorated = [([g(o) for g, _ in keys], o) for o in items]

    def cmp(x: tuple[list[Any], Any], y: tuple[list[Any], Any]) -> int:
        for (kx, ky, (_, d)) in zip(x[0], y[0], keys):
            c = _cmp(kx, ky, cs)
            if c:
                return -c if d else c
        return 0

    introsort(decorated, cmp)     # List<T>.Sort's unstable order of equal keys, as 5.1 writes them (labkit/twin/net_sort.py)
    result = [o for _, o in decorated]
    if args.get("Unique"):
        uniq: list[tuple[list[Any], Any]] = []
        for d in decorated:
            if not uniq or cmp(uniq[-1], d) != 0:
                uniq.append(d)
        result = [o for _, o in uniq]
    if "Top" in args:
        result = result[:args["Top"]]
    if "Bottom" in args:
        result = result[-args["Bottom"]:]
    yield from result


# -- Measure-Object: labkit/twin/modules/measure_object.py ------------------------------------------------------


# -- Group-Object -------------------------------------------------------------------------------------------

@cmdlet("Group-Object", honours={"Property", "InputObject", "NoElement", "AsHashTable", "AsString", "CaseSensitive", "Culture"},
        stream=True)
def group_object(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    check_culture("Group-Object", args)
    # GroupObjectCommand as PowerShell's repository imported it from 5.1 (60b3b304f2, group-object.cs): $null input
    # objects are skipped, groups come in the order their first member came, names are BuildName's
    items = _not_null(_inputs(args, input))
    props = args.get("Property") or []
    getters = _property_getters(ctx, props, items[0] if items else None, "Group-Object") if props else [("", lambda o: o)]
    cs = bool(args.get("CaseSensitive"))
    groups: list[tuple[list[Any], list[Any]]] = []
    for obj in items:
        key = [g(obj) for _, g in getters]
        for gkey, members in groups:
            if all((to_string(a) == to_string(b)) if cs else to_string(a).lower() == to_string(b).lower() for a, b in zip(gkey, key)):
                members.append(obj)
                break
        else:
            groups.append((key, [obj]))
    if not groups:
        return
    if args.get("AsHashTable"):
        h = PSHashtable()
        seen: set[str] = set()
        for key, members in groups:
            if not args.get("AsString") and len(key) != 1:
                raise CmdletError("The command cannot be run because using the AsHashTable parameter with more than one property "
                                  "requires adding the AsString parameter.", "InvalidArgument", "ArgumentException",
                                  exception_type="System.ArgumentException")
            k = _group_name(key) if args.get("AsString") else key[0]
            # the table is case-insensitive: two groups -CaseSensitive told apart are one key there
            if to_string(k).lower() in seen:
                ctx.error("The objects grouped by this property cannot be expanded because there is a key duplication. Provide a "
                          "valid value for the property, and then try again.", "InvalidArgument", None,
                          "The objects grouped by this property cannot be expanded because there is a key duplication. Provide a "
                          "valid value for the property, and then try again.", exception_type="System.Exception")
                return
            seen.add(to_string(k).lower())
            h[k] = [] if args.get("NoElement") else members     # GroupInfoNoElement keeps no members
        yield h
        return
    if args.get("AsString"):
        raise CmdletError("The command cannot be run because the AsString parameter requires that you specify the AsHashtable "
                          "parameter.", "InvalidArgument", "ArgumentException", exception_type="System.ArgumentException")
    # -NoElement: GroupInfoNoElement, a GroupInfo whose Group stays empty, shown as Count and Name
    # (group-object.cs and PowerShellCore_format_ps1xml.cs in PowerShell's source at 237ccbd, as 5.1 has them)
    no_element = bool(args.get("NoElement"))
    type_names = (["Microsoft.PowerShell.Commands.GroupInfoNoElement"] if no_element else []) + \
        ["Microsoft.PowerShell.Commands.GroupInfo", "System.Object"]
    for key, members in groups:
        info = PSObject(type_names, display=["Count", "Name"] if no_element else ["Count", "Name", "Group"])
        info.set("Count", len(members))
        info.set("Name", _group_name(key))
        info.set("Group", [] if no_element else members)
        info.set("Values", key)
        yield info


def _group_name(values: list[Any]) -> str:
    """GroupInfo.BuildName: the values joined by ', ' ($null left out), a collection as {a, b}."""
    parts: list[str] = []
    for v in values:
        if v is None:
            continue
        if isinstance(v, (list, tuple)):
            parts.append("{" + ", ".join(to_string(x) for x in v) + "}")
        else:
            parts.append(to_string(v))
    return ", ".join(parts)


# -- JSON ------------------------------------------------------------------------------------------------------

def to_json_value(value: Any, depth: int, level: int = 0, enums_as_strings: bool = False) -> Any:
    """A value as ConvertTo-Json sees it: composites deeper than ``depth`` become their string."""
    if value is None or isinstance(value, (bool, int, float, str)):
        if isinstance(value, float) and not math.isfinite(value):
            return to_string(value)
        return value
    if isinstance(value, PSEnum):
        return value.name if enums_as_strings else value.value
    if isinstance(value, HintedDateTime) and noted_hint(value) is not None:
        # Get-Date's DateTime carries extended members (its DisplayHint note, the DateTime script property of 5.1's
        # types.ps1xml): 5.1's ConvertTo-Json writes the value beside them (JsonObject.AddPsProperties)
        hint = get_member(value, "DisplayHint")
        return {"value": JsonDate(value), "DisplayHint": hint.name if enums_as_strings else hint.value,
                "DateTime": get_member(value, "DateTime")}
    if isinstance(value, datetime):
        return JsonDate(value)
    if isinstance(value, ScriptBlock):
        return value.text
    if level > depth:
        return to_string(value)
    if isinstance(value, timedelta):
        t = value.total_seconds()
        return {"Ticks": int(t * 10_000_000), "Days": value.days, "Hours": int(t // 3600) % 24, "Milliseconds": value.microseconds // 1000,
                "Minutes": int(t // 60) % 60, "Seconds": int(t) % 60, "TotalDays": t / 86400, "TotalHours": t / 3600,
                "TotalMilliseconds": t * 1000, "TotalMinutes": t / 60, "TotalSeconds": t}
    if isinstance(value, PSHashtable):
        return {to_string(k): to_json_value(v, depth, level + 1, enums_as_strings) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json_value(v, depth, level + 1, enums_as_strings) for v in value]
    if isinstance(value, PSObject):
        if not value.names() and "System.Management.Automation.PSCustomObject" not in value.type_names:
            return to_string(value)      # an object without properties is its string; an empty custom object is {}
        # a script class's object: 5.1 reads a .NET object's public properties by reflection
        # (ConvertToJsonCommand.ProcessCustomObject), its hidden ones too (labkit.twin.usertypes)
        items = value.all_items() if hasattr(value, "all_items") else value.items()
        return {k: to_json_value(v, depth, level + 1, enums_as_strings) for k, v in items}
    return to_string(value)


@cmdlet("ConvertTo-Json", honours={"InputObject", "Depth", "Compress"}, stream=True)
def convertto_json(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    depth = args.get("Depth", 2)
    if depth > 100:
        raise CmdletError(f"Cannot validate argument on parameter 'Depth'. The {depth} argument is greater than the maximum allowed range of 100. "
                          "Supply an argument that is less than or equal to 100 and then try the command again.", "InvalidData",
                          "ParameterArgumentValidationError")
    if input is not None:
        items = _not_null(list(input))
        if not items:
            return
        value: Any = items if (len(items) > 1 or args.get("AsArray")) else items[0]
    else:
        value = args.get("InputObject")
        if value is None:
            return          # ConvertToJsonCommand collects only input that is not null: nothing to write
        if args.get("AsArray") and not isinstance(value, list):
            value = [value]
    data = to_json_value(value, depth, 0, bool(args.get("EnumsAsStrings")))
    # 5.1's layout and escaping (labkit.twin.json51)
    yield json51.compact(data) if args.get("Compress") else json51.pretty(data)


def from_json_value(value: Any, as_hashtable: bool) -> Any:
    if isinstance(value, dict):
        if as_hashtable:
            return PSHashtable({k: from_json_value(v, True) for k, v in value.items()})
        return PSObject(CUSTOM, {k: from_json_value(v, False) for k, v in value.items()})
    if isinstance(value, list):
        return [from_json_value(v, as_hashtable) for v in value]
    if isinstance(value, str) and value.startswith("/Date(") and (m := _JSON_DATE.fullmatch(value)):
        # 5.1 reads the "\/Date(ms)\/" ConvertTo-Json writes back as a DateTime
        return datetime(1970, 1, 1) + timedelta(milliseconds=int(m.group(1)))
    return value


_JSON_DATE = re.compile(r"/Date\((-?\d+)\)/")


@cmdlet("ConvertFrom-Json", honours={"InputObject"}, stream=True)
def convertfrom_json(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    parts = [to_string(x) for x in input] if input is not None else [to_string(args.get("InputObject"))]
    text = "\n".join(parts)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise CmdletError(f"Conversion from JSON failed with error: {e.msg} at line {e.lineno}, column {e.colno}.",
                          "NotSpecified", "System.ArgumentException") from None
    # Windows PowerShell 5.1 writes a JSON array as one object (PowerShell 7.0 began to unroll it and added
    # -NoEnumerate to keep the old way: PowerShell/PowerShell#10861).
    yield from_json_value(data, False)


# -- output ---------------------------------------------------------------------------------------------------

@cmdlet("Out-Null", honours={"InputObject"}, lazy=True)
def out_null(ctx: CmdletContext, args: dict[str, Any], input: Any) -> None:
    # each object is dropped as it comes: the commands before run object by object, nothing is kept
    for _ in input if input is not None else ():
        pass
    return None


@cmdlet("Out-String", honours={"InputObject", "Stream", "Width"}, stream=True)
def out_string(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    if "Width" in args and int(args["Width"]) < 2:
        # [ValidateRange(2, int.MaxValue)] on -Width (Out-String, 5.1)
        raise CmdletError(f"Cannot validate argument on parameter 'Width'. The {int(args['Width'])} argument is less than the "
                          "minimum allowed range of 2. Supply an argument that is greater than or equal to 2 and then try "
                          "the command again.", "InvalidData", "ParameterArgumentValidationError")
    # Out-String writes to a text writer of -Width columns, unlimited without one (out-string.cs)
    token = line_columns.set(int(args["Width"]) if args.get("Width") else None)
    limit = enumeration_limit.set(enumeration_limit_of(ctx.engine.get_var("formatenumerationlimit")))
    try:
        text = render(_inputs(args, input))
    finally:
        line_columns.reset(token)
        enumeration_limit.reset(limit)
    if args.get("Stream"):
        # each line the formatter writes, empty ones too, as a string of its own
        yield from text.split("\n")[:-1]
        return
    # each line appended with StringBuilder.AppendLine: Windows' "\r\n" (out-string.cs)
    yield text.replace("\r\n", "\n").replace("\n", "\r\n")


@cmdlet("Write-Output", honours={"InputObject", "NoEnumerate"})
def write_output(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    if input is not None:
        yield input
        return
    value = args.get("InputObject")
    if args.get("NoEnumerate"):
        yield value
    else:
        yield from enumerate_value(value)


@cmdlet("Write-Host", honours={"Object", "NoNewline", "Separator", "ForegroundColor", "BackgroundColor"})
def write_host(ctx: CmdletContext, args: dict[str, Any], input: Any) -> None:
    obj = args.get("Object", input)
    sep = to_string(args.get("Separator", " "))
    text = sep.join(to_string(x) for x in obj) if isinstance(obj, list) else to_string(obj)
    # -NoNewline: the next host write continues this line
    # (https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/write-host?view=powershell-5.1).
    # 5.0 and later: an InformationRecord tagged PSHOST whose MessageData is a HostInformationMessage (-InformationVariable,
    # a runspace's Streams.Information; labkit.twin.information_records)
    message = PSObject("System.Management.Automation.HostInformationMessage", {
        "Message": text, "NoNewLine": bool(args.get("NoNewline")), "ForegroundColor": args.get("ForegroundColor"),
        "BackgroundColor": args.get("BackgroundColor")}, tostring=text)
    write_record(ctx, information_record(ctx, message, ["PSHOST"]))
    host_text(ctx.engine, text, newline=not args.get("NoNewline"))


@cmdlet("Write-Warning", honours={"Message"})
def write_warning(ctx: CmdletContext, args: dict[str, Any], input: Any) -> None:
    ctx.warning(to_string(args.get("Message")))


@cmdlet("Write-Verbose", honours={"Message"})
def write_verbose(ctx: CmdletContext, args: dict[str, Any], input: Any) -> None:
    ctx.verbose(to_string(args.get("Message")))


@cmdlet("Write-Progress", honours={"Activity", "Status", "PercentComplete", "Completed", "Id", "ParentId", "CurrentOperation",
                                   "SecondsRemaining"})
def write_progress(ctx: CmdletContext, args: dict[str, Any], input: Any) -> None:
    # WriteProgressCommand's validation attributes (5.1's source as PowerShell's repository imported it, 60b3b304f2):
    # [ValidateRange(0, Int32.MaxValue)] Id, [ValidateRange(-1, 100)] PercentComplete, [ValidateRange(-1, Int32.MaxValue)]
    # ParentId, [ValidateNotNullOrEmpty] Status
    for name, lo, hi in (("Id", 0, 2**31 - 1), ("PercentComplete", -1, 100), ("ParentId", -1, 2**31 - 1)):
        if name in args:
            check_range(name, int(args[name]), lo, hi)
    if "Status" in args and not to_string(args["Status"]):
        raise CmdletError("Cannot validate argument on parameter 'Status'. The argument is null or empty. Provide an argument that "
                          "is not null or empty, and then try the command again.", "InvalidData", "ParameterArgumentValidationError",
                          exception_type="System.Management.Automation.ParameterBindingValidationException")
    ctx.progress(to_string(args.get("Activity")), to_string(args.get("Status", "")), int(args.get("PercentComplete", -1)))


@cmdlet("Write-Error", honours={"Message", "Category", "ErrorId", "TargetObject", "ErrorRecord", "Exception", "RecommendedAction",
                                "CategoryActivity", "CategoryReason", "CategoryTargetName", "CategoryTargetType"})
def write_error(ctx: CmdletContext, args: dict[str, Any], input: Any) -> None:
    # the record as 5.1's WriteErrorCommand builds it (labkit.twin.write_error_fields)
    message, category, target, error_id, exception_type = write_error_fields.source_fields(args)
    ctx.error(message, category, target, error_id, exception_type,
              adjust=lambda record, info: write_error_fields.apply(record, info, args))


# -- time -------------------------------------------------------------------------------------------------------

@cmdlet("Start-Sleep", honours={"Seconds", "Milliseconds"})
def start_sleep(ctx: CmdletContext, args: dict[str, Any], input: Any) -> None:
    if "Seconds" in args:
        seconds = float(args["Seconds"])
    elif "Milliseconds" in args:
        seconds = args["Milliseconds"] / 1000.0
    else:
        d = args.get("Duration")
        seconds = d.total_seconds() if isinstance(d, timedelta) else float(to_number(d))
    if seconds < 0:
        raise CmdletError(f"Cannot validate argument on parameter 'Seconds'. The {seconds:g} argument is less than the minimum "
                          "allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the command again.",
                          "InvalidData", "ParameterArgumentValidationError")
    ctx.advance(seconds)


@cmdlet("Get-Date", honours={"Date", "Format", "Year", "Month", "Day", "Hour", "Minute", "Second", "Millisecond", "UFormat",
                              "DisplayHint"})
def get_date(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Any:
    # GetDateCommand.ProcessRecord (5.1's source as PowerShell's repository imported it, 60b3b304f2): each part given
    # moves the date by AddYears/AddMonths/AddDays/... (a day beyond the month's end rolls over), after the
    # [ValidateRange] of each part; -Format FileDate* are the ISO 8601 basic forms; -UFormat: labkit/twin/uformat.py
    for name, lo, hi in (("Year", 1, 9999), ("Month", 1, 12), ("Day", 1, 31), ("Hour", 0, 23), ("Minute", 0, 59),
                         ("Second", 0, 59), ("Millisecond", 0, 999)):
        if name in args:
            check_range(name, int(args[name]), lo, hi)
    d = args["Date"] if args.get("Date") is not None else ctx.now()
    try:
        if "Year" in args:
            d = _add_months(d, 12 * (int(args["Year"]) - d.year))
        if "Month" in args:
            d = _add_months(d, int(args["Month"]) - d.month)
        for name, unit in (("Day", "days"), ("Hour", "hours"), ("Minute", "minutes"), ("Second", "seconds")):
            if name in args:
                d = d + timedelta(**{unit: int(args[name]) - getattr(d, name.lower())})
        if "Millisecond" in args:
            d = d + timedelta(milliseconds=int(args["Millisecond"]) - d.microsecond // 1000)
            d = d.replace(microsecond=d.microsecond // 1000 * 1000)
    except (OverflowError, ValueError):
        raise CmdletError("The added or subtracted value results in an un-representable DateTime.\r\nParameter name: value",
                          "NotSpecified", "System.ArgumentOutOfRangeException,Microsoft.PowerShell.Commands.GetDateCommand",
                          exception_type="System.ArgumentOutOfRangeException") from None
    if args.get("UFormat") is not None:
        return uformat(d, to_string(args["UFormat"]))
    if args.get("Format") is not None:
        fmt = to_string(args["Format"])
        fmt = fmt or "G"      # DateTime.ToString("") is the general pattern
        fmt = {"filedate": "yyyyMMdd", "filedateuniversal": "yyyyMMddZ", "filedatetime": "yyyyMMddTHHmmssffff",
               "filedatetimeuniversal": "yyyyMMddTHHmmssffffZ"}.get(fmt.lower(), fmt)
        return format_datetime_net(d, fmt)
    # Get-Date's DateTime always carries the DisplayHint note, DateTime unless -DisplayHint says (GetDateCommand)
    hint = {"date": "Date", "time": "Time"}.get(to_string(args.get("DisplayHint") or "DateTime").lower(), "DateTime")
    return HintedDateTime.of(d, hint)


def _add_months(d: datetime, months: int) -> datetime:
    """DateTime.AddMonths: the same day, or the month's last day when it has fewer."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    if not 1 <= year <= 9999:
        raise OverflowError
    last = calendar.monthrange(year, month + 1)[1]
    return d.replace(year=year, month=month + 1, day=min(d.day, last))


# -- Format-Table / Format-List -------------------------------------------------------------------------------------

@cmdlet("Format-Table", honours={"Property", "AutoSize", "InputObject", "Wrap", "HideTableHeaders", "GroupBy"}, stream=True)
def format_table_cmd(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    items = _not_null(_inputs(args, input))       # BaseFormattingCommand.ProcessRecord skips $null
    if not items:
        return
    columns = table_columns(args["Property"], items[0], lambda p: _property_getters(ctx, [p], items[0], "Format-Table"),
                            lambda o, sb: _collapse(ctx.invoke(sb, o))) if args.get("Property") else None
    group = group_column(args["GroupBy"], items[0], lambda p: _property_getters(ctx, [p], items[0], "Format-Table"),
                         lambda o, sb: _collapse(ctx.invoke(sb, o))) if args.get("GroupBy") is not None else None
    yield FormattedText(lambda: format_table(items, columns, autosize=bool(args.get("AutoSize")), wrap=bool(args.get("Wrap")),
                                             hide_headers=bool(args.get("HideTableHeaders")), group_by=group),
                        enumeration_limit_of(ctx.engine.get_var("formatenumerationlimit")))


@cmdlet("Format-List", honours={"Property", "InputObject", "GroupBy"}, stream=True)
def format_list_cmd(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    items = _not_null(_inputs(args, input))       # BaseFormattingCommand.ProcessRecord skips $null
    if not items:
        return
    limit = enumeration_limit_of(ctx.engine.get_var("formatenumerationlimit"))
    group = group_column(args["GroupBy"], items[0], lambda p: _property_getters(ctx, [p], items[0], "Format-List"),
                         lambda o, sb: _collapse(ctx.invoke(sb, o))) if args.get("GroupBy") is not None else None
    props = args.get("Property")
    if props and len(props) == 1 and props[0] == "*":
        # Format-List *: every property of each object, not its list view (the properties were asked for)
        for obj in items:
            if isinstance(obj, PSObject):
                warn_unmodelled(ctx, obj, "*", "Format-List")
        yield FormattedText(lambda: format_list(items, "*", group), limit)
    elif props:
        columns = table_columns(props, items[0], lambda p: _property_getters(ctx, [p], items[0], "Format-List"),
                                lambda o, sb: _collapse(ctx.invoke(sb, o)), LIST_KEYS)
        getters = [(c.label, lambda o, c=c: column_value(o, c)) for c in columns]
        yield FormattedText(lambda: format_list(items, getters, group), limit)
    else:
        if any(isinstance(o, PSObject) and o.type_name in _FILE_SYSTEM_ITEMS for o in items):
            # 5.1's list view of files and folders (FileSystem.format.ps1xml "children") shows LastAccessTime
            raise NotEmulated("Format-List", "the list view of files and folders (it shows LastAccessTime, which the twin "
                                             "does not keep: name the properties instead, e.g. 'Format-List Name, Length, "
                                             "LastWriteTime')")
        yield FormattedText(lambda: format_list(items, None, group), limit)


_FILE_SYSTEM_ITEMS = ("System.IO.FileInfo", "System.IO.DirectoryInfo")


@cmdlet("Format-Wide", honours={"Property", "InputObject", "Column", "AutoSize"}, stream=True)
def format_wide_cmd(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    items = _not_null(_inputs(args, input))       # BaseFormattingCommand.ProcessRecord skips $null
    if not items:
        return
    prop = None
    if args.get("Property") is not None:
        prop = group_column(args["Property"], items[0], lambda p: _property_getters(ctx, [p], items[0], "Format-Wide"),
                            lambda o, sb: _collapse(ctx.invoke(sb, o)))
    column = int(args["Column"]) if args.get("Column") is not None else None
    yield FormattedText(lambda: format_wide(items, prop, column, bool(args.get("AutoSize"))),
                        enumeration_limit_of(ctx.engine.get_var("formatenumerationlimit")))


@cmdlet("Out-Default", honours={"InputObject"}, stream=True)
def out_default(ctx: CmdletContext, args: dict[str, Any], input: Any) -> None:
    """Out-Default in a script: formatted now and written to the host, nothing to the output
    (https://learn.microsoft.com/powershell/module/microsoft.powershell.core/out-default?view=powershell-5.1)."""
    out_host(ctx, args, input)


@cmdlet("Out-Host", honours={"InputObject"}, stream=True)
def out_host(ctx: CmdletContext, args: dict[str, Any], input: Any) -> None:
    """Out-Host: the objects formatted as Out-Default formats them, written to the host, not to the output
    (https://learn.microsoft.com/powershell/module/microsoft.powershell.core/out-host?view=powershell-5.1)."""
    limit = enumeration_limit.set(enumeration_limit_of(ctx.engine.get_var("formatenumerationlimit")))
    try:
        text = render(_inputs(args, input))
    finally:
        enumeration_limit.reset(limit)
    for line in text.split("\n")[:-1]:
        ctx.host_write(line)


# -- paths ------------------------------------------------------------------------------------------------------------



__all__ = ["to_json_value", "from_json_value", "NotEmulated", "NO_ITEM", "as_list"]


# -- Invoke-Expression ---------------------------------------------------------------------------------

@cmdlet("Invoke-Expression", honours={"Command"})
def invoke_expression_cmdlet(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    """Runs the string in the caller's scope (labkit.twin.dynamic)."""
    from labkit.twin.dynamic import invoke_expression

    yield from invoke_expression(ctx.engine, to_string(args.get("Command")), ctx.command)


@cmdlet("Set-StrictMode", honours={"Version", "Off"})
def set_strict_mode(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterable[Any]:
    """The strict-mode rules of the caller's scope and its child scopes (labkit.twin.strict_mode)."""
    ctx.engine.scope.strict = 0.0 if args.get("Off") else strict_mode.parse_version(args["Version"])
    return []


@cmdlet("New-Guid")
def new_guid(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterable[Any]:
    """A random GUID (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/new-guid?view=powershell-5.1)."""
    import uuid

    from labkit.twin.dotnet_values import make_guid

    yield make_guid(str(uuid.uuid4()))
