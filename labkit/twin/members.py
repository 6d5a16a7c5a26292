"""Properties and methods of values: ``$x.Name``, ``$s.ToUpper()``,
``[math]::Round(...)``, with PowerShell's member enumeration on arrays."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any, Callable

from labkit.twin.cim_hierarchy import cim_type_names
from labkit.twin import collection_members as CM
from labkit.twin.format import format_datetime_net, format_number_net
from labkit.twin.dotnet_values import _VOID_MARK as _LIST_VOID, NOT_A_METHOD, ArrayList, PSChar, TypedArray, list_method
from labkit.twin.string_methods import NOT_A_STRING_METHOD, call_char_method, call_string_method
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin import instance_members as IM
from labkit.twin import type_data as TD
from labkit.twin.member_kinds import Member, MemberSetValue, ScriptMethod
from labkit.twin.psobject_view import psobject_view
from labkit.twin import timespan_parts
from labkit.twin.display_hint import noted_hint
from labkit.twin.method_overloads import method_exception
from labkit.twin.unmodelled import refuse_unmodelled
from labkit.twin.types import PSType, type_member, type_method, type_names_of, value_type
from labkit.twin.values import (
    PSHashtable,
    PSRuntimeError,
    ScriptBlock,
    convert,
    enumerate_value,
    regex_for,
    to_bool,
    to_number,
    to_string,
    type_of,
)

_MISSING = object()
_INTRINSIC_NAMES = frozenset({"psobject", "pstypenames"})


def get_member(obj: Any, name: str) -> Any:
    """``obj.name``: a property, a hashtable key, or member enumeration over an array."""
    low = name.lower()
    # Count and Length are intrinsic members of every object since PowerShell 3.0
    # ($null.Count is 0, a single object's Count is 1), so a pipeline that
    # returned one object or none can be counted like an array.
    if obj is None:
        return 0 if low in ("count", "length") else None
    if isinstance(obj, PSObject):
        if obj.has(name):
            return obj.get(name)
        if obj._ext:
            stored = obj.stored(name)
            if isinstance(stored, Member):       # a script method, property set or member set read as a value
                return stored.read(obj)
        if TD.ANY:
            typed = TD.find(obj, name)           # a member Update-TypeData gave one of its type names
            if typed is not None:
                return typed.read(obj)
        if low == "psobject":
            return psobject_view(obj)
        if low == "pstypenames":
            if not isinstance(obj.type_names, ArrayList):
                names = ArrayList(cim_type_names(obj.type_names))   # a live, growable Collection<string>; a CIM class's superclasses
                if "System.Object" not in names:
                    names.append("System.Object")
                obj.type_names = names
            return obj.type_names
        if low in ("count", "length"):
            return 1
        refuse_unmodelled(obj, name)   # a documented property the twin's object lacks: not a silent $null
        return None
    if IM.ANY:
        extra = IM.table_of(obj)
        if extra and low in extra:            # an instance member Add-Member gave the value (labkit.twin.instance_members)
            return extra[low].read(obj)
    if TD.ANY and low != "pstypenames":
        typed = TD.find(obj, name)
        if typed is not None:
            return typed.read(obj)
    if low in _INTRINSIC_NAMES:
        if low == "psobject":
            return psobject_view(obj)
        if not isinstance(obj, PSType):      # pstypenames
            return ArrayList(type_names_of(obj)) if IM.is_value_type(obj) else IM.type_names(obj)
    if type(obj) is MemberSetValue:
        m = obj.member_set.find(name)
        return m.read(obj.owner) if m is not None else None
    if isinstance(obj, bool) and low == "ispresent":
        # a [switch] parameter is a bool in the twin: SwitchParameter.IsPresent is its value (about_Functions_Advanced_Parameters)
        return obj
    if isinstance(obj, PSHashtable):
        if name in obj:
            return obj[name]
        r = CM.collection_property(obj, name)    # Count, Keys, Values, IsReadOnly ... of the dictionary's type
        return None if r is CM.MISSING else r
    if isinstance(obj, (list, tuple)):
        if hasattr(obj, "dotnet_get") and (r := obj.dotnet_get(name)) is not MISSING:
            return r      # an enumerator's Current ($input: labkit.twin.input_enumerator)
        if low in ("count", "length"):
            return len(obj)
        r = CM.collection_property(obj, name)    # Rank, IsFixedSize, SyncRoot ... of the array or list type, not its elements'
        if r is not CM.MISSING:
            return r
        out: list[Any] = []
        for item in obj:
            v = get_member(item, name)
            if v is None:
                continue
            if isinstance(v, list):
                out.extend(v)
            else:
                out.append(v)
        if not out:
            return None
        return out[0] if len(out) == 1 else out
    if isinstance(obj, str):
        notes = getattr(obj, "notes", None)     # a help object's string with XML attributes (help_info.NotedString)
        if notes is not None and low in notes:
            return notes[low]
        if low == "length":
            return len(obj)
        if low == "count":
            return 1
        return None
    if isinstance(obj, datetime):
        return _DATETIME_PROPS[low](obj) if low in _DATETIME_PROPS else None
    if isinstance(obj, timedelta):
        return _TIMESPAN_PROPS[low](obj) if low in _TIMESPAN_PROPS else None
    if isinstance(obj, PSEnum):
        if low == "value__":
            return obj.value
        return None
    if isinstance(obj, PSType):
        return type_member(obj, name)
    if isinstance(obj, ScriptBlock) and low not in ("count", "length", "pstypenames"):
        from labkit.twin.script_block_members import script_block_property
        return script_block_property(obj, name)
    if low == "pstypenames":
        return ArrayList(type_names_of(obj))
    if low in ("count", "length"):
        return 1
    return None


def _datetime_text(d: datetime) -> str:
    """System.DateTime's DateTime script property (5.1's types.ps1xml): the long date, the long time, or both after
    the DisplayHint Get-Date gave it (labkit.twin.display_hint)."""
    hint = (noted_hint(d) or "DateTime").lower()
    if hint == "date":
        return format_datetime_net(d, "D")
    if hint == "time":
        return format_datetime_net(d, "T")
    return f"{format_datetime_net(d, 'D')} {format_datetime_net(d, 'T')}"


def _display_hint(d: datetime) -> Any:
    """Get-Date's DisplayHint note (Microsoft.PowerShell.Commands.DisplayHintType: Date, Time, DateTime); a DateTime
    Get-Date did not write has none."""
    hint = noted_hint(d)
    if hint is None:
        return None
    names = ("Date", "Time", "DateTime")
    name = next((n for n in names if n.lower() == str(hint).lower()), "DateTime")
    return PSEnum("Microsoft.PowerShell.Commands.DisplayHintType", name, names.index(name))


_DATETIME_PROPS: dict[str, Callable[[datetime], Any]] = {
    "datetime": _datetime_text, "displayhint": _display_hint,
    "year": lambda d: d.year, "month": lambda d: d.month, "day": lambda d: d.day, "hour": lambda d: d.hour,
    "minute": lambda d: d.minute, "second": lambda d: d.second, "millisecond": lambda d: d.microsecond // 1000,
    "dayofweek": lambda d: PSEnum("System.DayOfWeek", d.strftime("%A"), (d.weekday() + 1) % 7),
    "dayofyear": lambda d: d.timetuple().tm_yday, "date": lambda d: datetime(d.year, d.month, d.day),
    "ticks": lambda d: int((d - datetime(1, 1, 1)).total_seconds() * 10_000_000),
    "timeofday": lambda d: timedelta(hours=d.hour, minutes=d.minute, seconds=d.second, microseconds=d.microsecond),
}

# System.TimeSpan's parts as .NET computes them (negative spans have negative parts): labkit/twin/timespan_parts.py
_TIMESPAN_PROPS: dict[str, Callable[[timedelta], Any]] = {name.lower(): get for name, get in timespan_parts.PARTS.items()}


# .NET types the twin keeps as PSObjects whose properties have no setter
# (https://learn.microsoft.com/dotnet/api/system.version?view=netframework-4.8: Major, Minor, Build, Revision ... get only)
_READ_ONLY_TYPES = frozenset({"System.Version"})


def set_member(obj: Any, name: str, value: Any) -> None:
    extra = IM.table_of(obj) if IM.ANY and not isinstance(obj, PSObject) else None
    if extra and name.lower() in extra:
        extra[name.lower()].write(obj, value)
        return
    if TD.ANY and not (isinstance(obj, PSObject) and (obj.has(name) or obj.stored(name) is not None)):
        typed = TD.find(obj, name)           # a property Update-TypeData gave the object's type name
        if typed is not None and typed.is_property:
            typed.write(obj, value)
            return
    if isinstance(obj, PSHashtable):
        obj[name] = value
        return
    if isinstance(obj, PSObject):
        if obj.setter is not None and name.lower() not in (obj.added or ()) and not isinstance(obj.stored(name), Member):
            # a cluster object: the write reaches the cluster (labkit/twin/cluster_common.py); a member Add-Member gave
            # the object is the object's own
            obj.setter(name, value)
            return
        if obj.type_name in _READ_ONLY_TYPES and name.lower() not in (obj.added or ()) and obj.has(name):
            raise PSRuntimeError(f"'{name}' is a ReadOnly property.", "InvalidOperation", "PropertyAssignmentException")
        if not obj.has(name):
            raise PSRuntimeError(
                f"The property '{name}' cannot be found on this object. Verify that the property exists and can be set.",
                "InvalidOperation", "PropertyNotFound")
        obj.set(name, value)
        return
    if obj is None:
        raise PSRuntimeError(f"The property '{name}' cannot be found on this object. Verify that the property exists and can be set.",
                             "InvalidOperation", "PropertyNotFound")
    raise PSRuntimeError(f"'{name}' is a ReadOnly property.", "InvalidOperation", "PropertyAssignmentException")


# -- methods ------------------------------------------------------------------------

def _script_method(obj: Any, low: str) -> ScriptMethod | None:
    """An instance ScriptMethod of ``obj`` named ``low`` (it shadows the type's own methods, as in 5.1)."""
    if isinstance(obj, PSObject):
        stored = obj.stored(low) if obj._ext else None
    else:
        stored = (IM.table_of(obj) or {}).get(low) if IM.ANY else None
    if stored is None and TD.ANY:
        stored = TD.find(obj, low)
    return stored if isinstance(stored, ScriptMethod) else None


_PS_CUSTOM_OBJECT = "System.Management.Automation.PSCustomObject"


def _method_missing(obj: Any, name: str) -> PSRuntimeError:
    type_name = value_type(obj).full_name if isinstance(obj, PSChar) else type_of(obj)
    return PSRuntimeError(f"Method invocation failed because [{type_name}] does not contain a method named '{name}'.",
                          "InvalidOperation", "MethodNotFound")


def _arity(name: str, n: int, allowed: tuple[int, ...]) -> None:
    if n not in allowed:
        raise PSRuntimeError(f'Cannot find an overload for "{name}" and the argument count: "{n}".',
                             "NotSpecified", "MethodCountCouldNotFindBest")


def _type_object(value: Any) -> PSType:
    return value_type(value)


def _has_property(obj: Any, name: str) -> bool:
    if isinstance(obj, PSObject):
        return obj.has(name)
    if isinstance(obj, PSHashtable):
        return name in obj
    return get_member(obj, name) is not None


def call_method(obj: Any, name: str, args: list[Any], invoke_block: Callable[[ScriptBlock, Any], list[Any]]) -> Any:
    """``obj.name(args)``; ``invoke_block(sb, item)`` runs a script block with ``$_`` = item."""
    low = name.lower()
    if obj is None:
        raise PSRuntimeError("You cannot call a method on a null-valued expression.", "InvalidOperation", "InvokeMethodOnNull")
    script_method = _script_method(obj, low)
    if script_method is not None:
        return script_method.call(obj, args)
    if low == "where" and isinstance(args[0] if args else None, ScriptBlock):
        return [x for x in enumerate_value(obj) if to_bool(invoke_block(args[0], x))]
    if low == "foreach" and args:
        if isinstance(args[0], ScriptBlock):
            out: list[Any] = []
            for x in enumerate_value(obj):
                out.extend(invoke_block(args[0], x))
            return out
        # ForEach(propertyName[, newValue]) / ForEach(methodName[, arguments]) (about_Arrays, 5.1)
        member, rest = to_string(args[0]), args[1:]
        out = []
        for x in enumerate_value(obj):
            if _has_property(x, member):
                if rest:
                    set_member(x, member, rest[0] if len(rest) == 1 else list(rest))
                else:
                    out.append(get_member(x, member))
            else:
                out.append(call_method(x, member, list(rest), invoke_block))
        return [v for v in out if v is not _VOID]
    if low == "gettype" and not args:
        return _type_object(obj)
    if isinstance(obj, (list, PSHashtable)):
        r = CM.collection_method(obj, name, args)
        if r is not NOT_A_METHOD:
            return _VOID if r is _LIST_VOID else r
    if hasattr(obj, "dotnet_call") or isinstance(obj, PSType) or isinstance(obj, list) and not isinstance(obj, CM.KeyValueCollection):
        try:
            if hasattr(obj, "dotnet_call"):
                return obj.dotnet_call(name, args)
            if isinstance(obj, PSType):
                return type_method(obj, name, args)
            r = list_method(obj, name, args)
            if r is not NOT_A_METHOD:
                return _VOID if isinstance(r, type(_LIST_VOID)) else r
        except AttributeError:
            raise _method_missing(obj, name) from None
        except (IndexError, TypeError, ValueError, KeyError):
            raise PSRuntimeError(f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".',
                                 "NotSpecified", "MethodCountCouldNotFindBest") from None
    if isinstance(obj, str):
        # System.String's (and System.Char's) methods as .NET Framework 4.8 has them (labkit/twin/string_methods.py)
        r = call_char_method(obj, name, args) if isinstance(obj, PSChar) else call_string_method(obj, name, args)
        if r is NOT_A_STRING_METHOD:
            raise _method_missing(obj, name)
        return r
    if isinstance(obj, ScriptBlock):
        if low in ("invoke", "invokereturnasis"):
            return invoke_block(obj, _NO_ITEM if not args else args)
        if low == "tostring":
            return obj.text
        if low == "checkrestrictedlanguage":
            from labkit.twin.restricted_language import check_restricted_language
            check_restricted_language(obj, args)
            return _VOID
    if isinstance(obj, PSHashtable):
        if low in ("containskey", "contains"):
            return args[0] in obj
        if low == "containsvalue":
            return any(v == args[0] for v in obj.values())
        if low == "add":
            _arity(name, len(args), (2,))
            if args[0] in obj:
                raise PSRuntimeError(
                    f"Exception calling \"Add\" with \"2\" argument(s): \"Item has already been added. Key in dictionary: '{args[0]}'  Key being added: '{args[0]}'\"",
                    "NotSpecified", "ArgumentException")
            obj[args[0]] = args[1]
            return _VOID
        if low == "remove":
            obj.pop(args[0], None)
            return _VOID
        if low == "clone":
            return obj.copy()
        if low == "clear" and not args:
            obj.clear()
            return _VOID
        if low == "getenumerator":
            return [PSObject("System.Collections.DictionaryEntry", {"Name": k, "Key": k, "Value": v}) for k, v in obj.items()]
        if low == "tostring":
            return "System.Collections.Hashtable"
    if isinstance(obj, list) and not isinstance(obj, CM.KeyValueCollection):
        if low == "contains":
            from labkit.twin.values import equals
            return any(equals(x, args[0], True) if isinstance(x, str) else equals(x, args[0]) for x in obj)
        if low == "indexof":
            for i, x in enumerate(obj):
                if x == args[0]:
                    return i
            return -1
        if low == "clone" and isinstance(obj, (TypedArray, ArrayList)):
            # Array.Clone / ArrayList.Clone: a copy of the same type ([int[]] stays [int[]])
            return TypedArray(obj, obj.element_type) if isinstance(obj, TypedArray) else ArrayList(obj)
        if low == "toarray" or low == "clone":
            return list(obj)
        if low == "tostring":
            return "System.Object[]"
        if low == "add":
            raise PSRuntimeError('Exception calling "Add" with "1" argument(s): "Collection was of a fixed size."',
                                 "NotSpecified", "NotSupportedException")
    if isinstance(obj, datetime):
        if low.startswith("add") and low[3:] in _ADD_UNITS:
            try:
                return obj + timedelta(**{_ADD_UNITS[low[3:]]: float(to_number(args[0]))})
            except (OverflowError, ValueError):
                # DateTime.Add*: ArgumentOutOfRangeException past 9999-12-31 or before 0001-01-01
                raise PSRuntimeError(f'Exception calling "{name}" with "1" argument(s): "The added or subtracted value results '
                                     'in an un-representable DateTime.\r\nParameter name: value"', "NotSpecified",
                                     "ArgumentOutOfRangeException") from None
        if low == "tostring":
            # DateTime.ToString() is the current culture's "G" (en-US: 12/1/2026 9:15:54 PM); "$d" is invariant
            return format_datetime_net(obj, to_string(args[0]) if args else "G")
        if low in ("touniversaltime", "tolocaltime"):
            return obj
        if low in ("add", "subtract") and len(args) == 1:
            # DateTime.Add(TimeSpan) / Subtract(TimeSpan | DateTime); past 0001-01-01 .. 9999-12-31 .NET's
            # ArgumentOutOfRangeException (https://learn.microsoft.com/en-us/dotnet/api/system.datetime.add?view=netframework-4.8)
            if low == "subtract" and isinstance(args[0], datetime):
                return obj - args[0]
            span = convert(args[0], "timespan")
            try:
                return obj + span if low == "add" else obj - span
            except OverflowError:
                raise PSRuntimeError(f'Exception calling "{name}" with "1" argument(s): "The added or subtracted value results '
                                     'in an un-representable DateTime.\r\nParameter name: value"', "NotSpecified",
                                     "ArgumentOutOfRangeException") from None
    if isinstance(obj, timedelta) and low == "tostring":
        if not args or args[0] is None:
            return to_string(obj)
        try:
            return timespan_parts.format_timespan(obj, to_string(args[0]))
        except ValueError:
            raise PSRuntimeError(f'Exception calling "ToString" with "1" argument(s): "Input string was not in a correct format."',
                                 "NotSpecified", "FormatException") from None
    if isinstance(obj, timedelta) and low in _TIMESPAN_METHODS:
        # System.TimeSpan's instance methods (https://learn.microsoft.com/en-us/dotnet/api/system.timespan?view=netframework-4.8)
        arity = _TIMESPAN_METHODS[low]
        _arity(name, len(args), (arity,))
        other = convert(args[0], "timespan") if arity else None
        if low in ("add", "subtract", "negate", "duration"):
            # within TimeSpan's range, else .NET's OverflowException (labkit/twin/time_arithmetic.py)
            from labkit.twin.time_arithmetic import span_negated, span_plus
            if low in ("add", "subtract"):
                return span_plus(obj, other, 1 if low == "add" else -1, "Add" if low == "add" else "Subtract")
            return span_negated(obj, "Negate" if low == "negate" else "Duration")
        if low == "compareto":
            return (obj > other) - (obj < other)
        return obj == other     # Equals
    if isinstance(obj, (int, float)) and not isinstance(obj, bool):
        if low == "tostring":
            if not args:
                return to_string(obj)
            try:
                return format_number_net(obj, to_string(args[0]))
            except PSRuntimeError as e:
                if e.error_id != "FormatException":
                    raise
                raise method_exception(name, len(args), "System.FormatException", str(e)) from None
        if low == "equals":
            return obj == to_number(args[0])
        if low == "compareto":
            other = to_number(args[0])
            return (obj > other) - (obj < other)
    if isinstance(obj, PSObject):
        if low == "tostring":
            if not args and _PS_CUSTOM_OBJECT in obj.type_names:
                # PSCustomObject.ToString() is the empty string in 5.1, though "$o" is @{a=1}
                # (PowerShell issue #6163; Get-Help's objects too, #7116)
                return ""
            return to_string(obj)
        # a note property that holds a script block is no method: $o.f() is MethodNotFound in 5.1 (an Add-Member
        # ScriptMethod is, labkit.twin.member_kinds)
    if low == "tostring":
        return to_string(obj)
    if low == "equals":
        return obj == args[0]
    if CM.is_member_method(obj, name):
        CM.refuse_member(obj, name)      # a real member of the collection's type: "not emulated", never "does not contain"
    if (type(obj) in (list, TypedArray) and low not in _ARRAY_METHODS or CM.is_collection_object(obj)) and obj:
        # member-access enumeration (about_Methods, 5.1): a method the array lacks runs on each element,
        # so (Get-Content f).Trim() trims every line
        # (each result is enumerated into the one output, as member-access enumeration collects property values)
        results: list[Any] = []
        for x in obj:
            r = call_method(x, name, args, invoke_block)
            if isinstance(r, list):
                results.extend(r)
            elif r is not _VOID:
                results.append(r)
        return results
    raise _method_missing(obj, name)


# System.Array's own instance methods and the IList ones PowerShell reaches on an array
# (https://learn.microsoft.com/dotnet/api/system.array?view=netframework-4.8): never enumerated onto the elements
_ARRAY_METHODS = {"address", "clone", "copyto", "equals", "get", "getenumerator", "gethashcode", "getlength", "getlonglength",
                  "getlowerbound", "gettype", "getupperbound", "getvalue", "initialize", "set", "setvalue", "tostring",
                  "add", "clear", "contains", "indexof", "insert", "remove", "removeat"}

_TIMESPAN_METHODS = {"add": 1, "subtract": 1, "negate": 0, "duration": 0, "compareto": 1, "equals": 1}
_ADD_UNITS = {"seconds": "seconds", "minutes": "minutes", "hours": "hours", "days": "days", "milliseconds": "milliseconds"}


class _Void:
    """A method that returns nothing (void): its call writes nothing."""


_VOID = _Void()
VOID = _VOID
_NO_ITEM = object()
NO_ITEM = _NO_ITEM


# -- static members --------------------------------------------------------------------

def _round(args: list[Any]) -> Any:
    x = to_number(args[0])
    digits = int(to_number(args[1])) if len(args) > 1 else 0
    r = round(float(x), digits)
    return int(r) if digits == 0 and isinstance(x, float) is False else r


_MATH: dict[str, Callable[[list[Any]], Any]] = {
    "round": _round,
    "floor": lambda a: float(math.floor(to_number(a[0]))),
    "ceiling": lambda a: float(math.ceil(to_number(a[0]))),
    "truncate": lambda a: float(math.trunc(to_number(a[0]))),
    "abs": lambda a: abs(to_number(a[0])),
    "max": lambda a: max(to_number(a[0]), to_number(a[1])),
    "min": lambda a: min(to_number(a[0]), to_number(a[1])),
    "pow": lambda a: float(to_number(a[0])) ** float(to_number(a[1])),
    "sqrt": lambda a: math.sqrt(to_number(a[0])),
    "log": lambda a: math.log(to_number(a[0])) if len(a) == 1 else math.log(to_number(a[0]), to_number(a[1])),
    "log10": lambda a: math.log10(to_number(a[0])),
}

_STATIC_PROPS: dict[tuple[str, str], Any] = {
    ("math", "pi"): math.pi, ("math", "e"): math.e,
    ("int", "maxvalue"): 2**31 - 1, ("int32", "maxvalue"): 2**31 - 1, ("int", "minvalue"): -2**31,
    ("int64", "maxvalue"): 2**63 - 1, ("long", "maxvalue"): 2**63 - 1, ("uint64", "maxvalue"): 2**64 - 1,
    ("string", "empty"): "", ("system.string", "empty"): "",
    ("environment", "newline"): "\r\n", ("system.environment", "newline"): "\r\n",
}


def static_member(type_name: str, name: str, now: Callable[[], datetime], host: str) -> Any:
    key = (type_name.lower().removeprefix("system."), name.lower())
    if key in _STATIC_PROPS:
        return _STATIC_PROPS[key]
    if key in (("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today")):
        d = now()
        return datetime(d.year, d.month, d.day) if key[1] == "today" else d
    if key == ("environment", "machinename"):
        return host
    return _MISSING


def call_static(type_name: str, name: str, args: list[Any], now: Callable[[], datetime]) -> Any:
    t = type_name.lower().removeprefix("system.")
    low = name.lower()
    if t == "math" and low in _MATH:
        try:
            return _MATH[low](args)
        except (IndexError, ValueError) as e:
            raise PSRuntimeError(f'Exception calling "{name}": "{e}"', "NotSpecified", "MethodException") from None
    if t == "datetime" and low in ("parse", "parseexact"):
        return convert(args[0], "datetime")
    if t == "timespan":
        unit = {"fromseconds": "seconds", "fromminutes": "minutes", "fromhours": "hours", "fromdays": "days",
                "frommilliseconds": "milliseconds"}.get(low)
        if unit:
            return timedelta(**{unit: float(to_number(args[0]))})
    if t in ("regex", "text.regularexpressions.regex"):
        if low == "escape":
            from labkit.twin.net_regex import escape
            return escape(to_string(args[0]))
        if low == "ismatch":
            return regex_for(args[1], case_sensitive=True).search(to_string(args[0])) is not None
    if t in ("int", "int32", "int64", "long", "double", "uint64"):
        if low == "parse":
            return convert(args[0], t)
    return _MISSING


MISSING = _MISSING
