"""``[string]::`` static methods as .NET Framework 4.8 has them: Compare, CompareOrdinal, Concat, Copy,
Equals, Format, Intern, IsNullOrEmpty, IsNullOrWhiteSpace, Join
(https://learn.microsoft.com/dotnet/api/system.string?view=netframework-4.8), each overload chosen as
PowerShell chooses (labkit/twin/method_overloads.py; ``$null`` for a string parameter is String.Empty),
with the reference source's exceptions (https://github.com/microsoft/referencesource/blob/master/mscorlib/system/string.cs).

A value reaches Concat and Join as the .NET object it is, so an array inside them is its type's
name ("System.Object[]"), not PowerShell's space-joined text.  Refused as not emulated: the
overloads with a CultureInfo or CompareOptions, Compare's substring overloads with indexes out of
range (CompareInfo's own checks), IsInterned, and Join(string, object[]) whose first value is null
(.NET Framework then returns String.Empty: a quirk the twin cannot see through PowerShell's conversion).
"""

from __future__ import annotations

from typing import Any

from labkit.twin.method_overloads import Overload, count_error, invoke, method_exception, not_emulated
from labkit.twin.string_comparison import CURRENT_CULTURE, check_comparison, compare
from labkit.twin.string_methods import is_white_space
from labkit.twin.types import value_type
from labkit.twin.values import PSRuntimeError, to_string

_AOOR = "System.ArgumentOutOfRangeException"
NOT_A_STATIC = object()


def net_string(v: Any) -> str:
    """Object.ToString() of a value a .NET method received: an array is its type's name."""
    if v is None:
        return ""
    if isinstance(v, list):
        return value_type(v).full_name
    return str(to_string(v))


def _items(v: Any) -> list[Any]:
    return list(v) if isinstance(v, list) else [v]


def _compare_range(name: str, argc: int, a: str, ia: int, b: str, ib: int, length: int, comparison: int) -> int:
    """Compare(strA, indexA, strB, indexB, length, comparisonType)."""
    check_comparison(name, argc, comparison)
    if length < 0:
        raise method_exception(name, argc, _AOOR, "Length cannot be less than zero.", "length")
    for value, index, param in ((a, ia, "indexA"), (b, ib, "indexB")):
        if index < 0 or len(value) - index < 0:
            raise method_exception(name, argc, _AOOR,
                                   "Index was out of range. Must be non-negative and less than the size of the collection.", param)
    if length == 0 or (a == b and ia == ib):
        return 0
    return compare(a[ia:ia + length], b[ib:ib + length], comparison, f"String.{name}")


def _compare_range_checked(name: str, argc: int, a: str, ia: int, b: str, ib: int, length: int, comparison: int) -> int:
    """Compare(strA, indexA, strB, indexB, length[, ignoreCase]): CompareInfo checks the range with its own texts."""
    if length < 0 or ia < 0 or ib < 0 or ia > len(a) or ib > len(b):
        raise not_emulated(f"String.{name} with an index or length out of range (CompareInfo's exception)")
    return _compare_range(name, argc, a, ia, b, ib, length, comparison)


def _join(name: str, argc: int, separator: str, values: list[Any], objects: bool) -> str:
    if objects and values and values[0] is None:
        raise not_emulated("String.Join(String, Object[]) whose first value is $null")
    return separator.join(net_string(v) for v in values)


def _join_range(name: str, argc: int, separator: str, values: list[Any] | None, start: int, count: int) -> str:
    if values is None:
        raise method_exception(name, argc, "System.ArgumentNullException", "Value cannot be null.", "value")
    if start < 0:
        raise method_exception(name, argc, _AOOR, "StartIndex cannot be less than zero.", "startIndex")
    if count < 0:
        raise method_exception(name, argc, _AOOR, "Count cannot be less than zero.", "count")
    if start > len(values) - count:
        raise method_exception(name, argc, _AOOR, "Index and count must refer to a location within the buffer.", "startIndex")
    return separator.join("" if v is None else v for v in values[start:start + count])


def call_string_static(name: str, args: list[Any]) -> Any:
    """``[string]::Name(args)``; NOT_A_STATIC for a name this module does not answer."""
    low, argc = name.lower(), len(args)
    O = Overload
    cc = CURRENT_CULTURE

    def cmp(a: str, b: str, comparison: int) -> int:
        return compare(a, b, check_comparison(name, argc, comparison), f"String.{name}")

    refuse_culture = not_emulated_impl(f"String.{name} with a CultureInfo")
    table: dict[str, list[Overload]] = {
        "compare": [
            O((("string", "strA"), ("string", "strB")), lambda a, b: cmp(a, b, cc)),
            O((("string", "strA"), ("string", "strB"), ("bool", "ignoreCase")), lambda a, b, ic: cmp(a, b, 1 if ic else 0)),
            O((("string", "strA"), ("string", "strB"), ("comparison", "comparisonType")), cmp),
            O((("string", "strA"), ("string", "strB"), ("bool", "ignoreCase"), ("culture", "culture")), refuse_culture),
            O((("string", "strA"), ("int", "indexA"), ("string", "strB"), ("int", "indexB"), ("int", "length")),
              lambda a, ia, b, ib, n: _compare_range_checked(name, argc, a, ia, b, ib, n, cc)),
            O((("string", "strA"), ("int", "indexA"), ("string", "strB"), ("int", "indexB"), ("int", "length"),
               ("bool", "ignoreCase")),
              lambda a, ia, b, ib, n, ic: _compare_range_checked(name, argc, a, ia, b, ib, n, 1 if ic else 0)),
            O((("string", "strA"), ("int", "indexA"), ("string", "strB"), ("int", "indexB"), ("int", "length"),
               ("comparison", "comparisonType")),
              lambda a, ia, b, ib, n, t: _compare_range(name, argc, a, ia, b, ib, n, t)),
            O((("string", "strA"), ("int", "indexA"), ("string", "strB"), ("int", "indexB"), ("int", "length"),
               ("bool", "ignoreCase"), ("culture", "culture")), refuse_culture),
        ],
        "compareordinal": [
            O((("string", "strA"), ("string", "strB")), lambda a, b: compare(a, b, 4, "String.CompareOrdinal")),
            O((("string", "strA"), ("int", "indexA"), ("string", "strB"), ("int", "indexB"), ("int", "length")),
              lambda a, ia, b, ib, n: _compare_range(name, argc, a, ia, b, ib, n, 4)),
        ],
        # every Concat overload gives the same text: each value's ToString(), $null as ""
        "concat": [O((("object", "args"),), lambda *a: "".join(net_string(v) for v in a[0]), variadic=True)]
        if argc != 1 else [O((("object", "arg0"),), lambda v: "".join(net_string(x) for x in _items(v)))],
        "copy": [O((("string", "str"),), lambda s: s)],
        "intern": [O((("string", "str"),), lambda s: s)],
        "equals": [O((("string", "a"), ("string", "b")), lambda a, b: a == b),
                   O((("object", "objA"), ("object", "objB")), lambda a, b: a == b if isinstance(a, str) and isinstance(b, str)
                     else a is None and b is None),
                   O((("string", "a"), ("string", "b"), ("comparison", "comparisonType")),
                     lambda a, b, t: a == b or cmp(a, b, t) == 0)],
        "isnullorempty": [O((("string", "value"),), lambda v: v == "")],         # $null arrives as String.Empty
        "isnullorwhitespace": [O((("string", "value"),), lambda v: all(is_white_space(c) for c in v))],
        "join": [
            O((("string", "separator"), ("object", "values")), lambda sep, *v: _join(name, argc, sep, list(v[0]), True),
              variadic=True)
            if argc != 2 else
            O((("string", "separator"), ("object", "values")),
              lambda sep, v: _join(name, argc, sep, _items(v), not (isinstance(v, list) and all(isinstance(x, str) for x in v)))),
            O((("string", "separator"), ("strings", "value"), ("int", "startIndex"), ("int", "count")),
              lambda sep, v, i, n: _join_range(name, argc, sep, v, i, n)),
        ],
    }
    if low == "format":
        return _format(name, args)
    if low == "isinterned":
        raise not_emulated("String.IsInterned (the runtime's intern pool)")
    overloads = table.get(low)
    if overloads is None:
        return NOT_A_STATIC
    return invoke("System.String", name, overloads, args)


def _format(name: str, args: list[Any]) -> str:
    """String.Format(format, arg0...) / (format, params object[]): .NET's composite formatting through the twin's
    -f formatter, with .NET's FormatException for a format string it refuses (mscorlib.txt Format_InvalidString,
    Format_IndexOutOfRange); the IFormatProvider overloads are refused."""
    import re

    from labkit.twin.format import format_operator
    from labkit.twin.objects import PSObject
    argc = len(args)
    if not args:
        raise count_error(name, 0)
    if isinstance(args[0], PSObject) and "System.Globalization.CultureInfo" in args[0].type_names:
        raise not_emulated("String.Format with an IFormatProvider")
    if args[0] is None and argc >= 2:
        # $null ranks NullToRef for IFormatProvider, above ToString for the format string: Format(provider, format, ...)
        # with no provider formats in the current culture
        args = args[1:]
    fmt = "" if args[0] is None else str(to_string(args[0]))
    rest = list(args[1:])
    if len(rest) == 1 and isinstance(rest[0], list):
        rest = list(rest[0])          # Format(string, params object[]) given the array itself
    items = list(re.finditer(r"\{\{|\}\}|\{(\d+)\s*(?:,\s*(-?\d+))?\s*(?::([^}]*))?\}", fmt))
    stripped = "".join(fmt[a:b] for a, b in zip([0] + [m.end() for m in items], [m.start() for m in items] + [len(fmt)]))
    if "{" in stripped or "}" in stripped:
        raise method_exception(name, argc, "System.FormatException", "Input string was not in a correct format.")
    if any(m.group(1) is not None and int(m.group(1)) >= len(rest) for m in items):
        raise method_exception(name, argc, "System.FormatException",
                               "Index (zero based) must be greater than or equal to zero and less than the size of the argument list.")
    return format_operator(fmt, rest)


def construct_string(args: list[Any]) -> str:
    """``[string]::new(...)`` / New-Object string: String(char[]), String(char, int), String(char[], int, int)
    (the pointer constructors are not reachable from a script)."""
    name, argc = ".ctor", len(args)

    def repeat(c: str, count: int) -> str:
        if count < 0:
            raise method_exception(name, argc, _AOOR, "'count' must be non-negative.", "count")  # ArgumentOutOfRange_MustBeNonNegNum
        if count > 10_000_000:
            raise not_emulated(f"A string of {count} characters")
        return c * count

    def part(chars: list[str] | None, start: int, length: int) -> str:
        if chars is None:
            raise method_exception(name, argc, "System.ArgumentNullException", "Value cannot be null.", "value")
        if start < 0:
            raise method_exception(name, argc, _AOOR, "StartIndex cannot be less than zero.", "startIndex")
        if length < 0:
            raise method_exception(name, argc, _AOOR, "Length cannot be less than zero.", "length")
        if start > len(chars) - length:
            raise method_exception(name, argc, _AOOR,
                                   "Index was out of range. Must be non-negative and less than the size of the collection.",
                                   "startIndex")
        return "".join(chars[start:start + length])

    overloads = [Overload((("chars", "value"),), lambda chars: "".join(chars or [])),
                 Overload((("char", "c"), ("int", "count")), repeat),
                 Overload((("chars", "value"), ("int", "startIndex"), ("int", "length")), part)]
    try:
        return invoke("System.String", name, overloads, args)
    except PSRuntimeError as e:
        if e.error_id == "MethodCountCouldNotFindBest":     # ::new names the constructor "new" in this text
            raise count_error("new", argc) from None
        raise


def not_emulated_impl(what: str) -> Any:
    def impl(*_: Any) -> Any:
        raise not_emulated(what)
    return impl
