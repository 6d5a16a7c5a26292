"""Choosing a .NET method's overload as PowerShell 5.1 does, and reporting what the call throws.

A method is a list of :class:`Overload` (the parameter types of one .NET signature).  A call
keeps the overloads whose parameter count fits (a ``params T[]`` last parameter takes any
number), ranks each argument against each parameter type by its type, not its value
(LanguagePrimitives.ConversionRank: Identity above StringToCharArray above Assignable ...
above Parse above ToString), and calls the best, comparing two candidates as
CoreAdapter.CompareOverloadCandidates does (the first argument weighs most).  Candidates no
argument separates are 5.1's "Multiple ambiguous overloads".  Arguments convert as PowerShell
converts them for a method call: ``$null`` for a ``string`` parameter is ``String.Empty``
(https://github.com/PowerShell/PowerShell/issues/11515), a string for ``char[]`` is its
characters, an enum from its value, number or member name.

Errors carry 5.1's texts (ExtendedTypeSystem.resx): a count no overload takes is
MethodCountCouldNotFindBest; an argument that does not convert is
MethodArgumentConversionInvalidCastArgument; an exception the .NET method throws reaches the
script as a MethodInvocationException ``Exception calling "M" with "N" argument(s): "..."``
whose InnerException is the .NET exception and whose FullyQualifiedErrorId is that
exception's type name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from labkit.twin.dotnet_values import PSChar, TypedArray
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.types import PSType, resolve, value_type
from labkit.twin.values import PSRuntimeError, convert, to_string

_METHOD_INVOCATION = "System.Management.Automation.MethodInvocationException"

# parameter kinds -> the .NET type a conversion error names
TYPE_NAMES = {
    "string": "System.String", "char": "System.Char", "int": "System.Int32", "chars": "System.Char[]",
    "strings": "System.String[]", "bool": "System.Boolean", "object": "System.Object",
    "comparison": "System.StringComparison", "options": "System.StringSplitOptions",
    "form": "System.Text.NormalizationForm", "culture": "System.Globalization.CultureInfo",
    "provider": "System.IFormatProvider",
}


@dataclass(frozen=True)
class Overload:
    """One .NET signature: ``params`` is ((kind, parameter name), ...); ``variadic``: the last is ``params T[]``."""

    params: tuple[tuple[str, str], ...]
    impl: Callable[..., Any]
    variadic: bool = False


def method_exception(method: str, argc: int, exception_type: str, message: str, param: str | None = None) -> PSRuntimeError:
    """What a .NET method throws, as 5.1 reports it (MethodInvocationException around it)."""
    full = message if param is None else f"{message}\r\nParameter name: {param}"
    err = PSRuntimeError(f'Exception calling "{method}" with "{argc}" argument(s): "{full}"', "NotSpecified",
                         exception_type.rsplit(".", 1)[-1])
    err.exception_type = _METHOD_INVOCATION  # type: ignore[attr-defined]
    err.inner_exception = exception_type  # type: ignore[attr-defined]
    err.inner_message = message  # type: ignore[attr-defined]
    err.inner_param = param  # type: ignore[attr-defined]
    return err


def count_error(method: str, argc: int) -> PSRuntimeError:
    return PSRuntimeError(f'Cannot find an overload for "{method}" and the argument count: "{argc}".', "NotSpecified",
                          "MethodCountCouldNotFindBest")


def not_emulated(what: str) -> PSRuntimeError:
    return PSRuntimeError(f"{what} is not emulated by the twin; run this script on a Windows lab, or write it without that call.",
                          "NotImplemented", "NotEmulated")


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, (bool, PSEnum))


# LanguagePrimitives.ConversionRank (System.Management.Automation/engine/LanguagePrimitives.cs): higher is better
NONE, UNRELATED_ARRAYS, TO_STRING_S2A, TO_STRING, ICONVERTIBLE, CONSTRUCTOR, PARSE = 0x00, 0x0F, 0x17, 0x1F, 0x3F, 0x6F, 0x7F
LANGUAGE, NULL_TO_VALUE, NULL_TO_REF, NUMERIC_EXPLICIT = 0x9F, 0xAF, 0xBF, 0xCF
NUMERIC_STRING_S2A, NUMERIC_STRING, NUMERIC_IMPLICIT, ASSIGNABLE = 0xE7, 0xEF, 0xFF, 0x10F
IDENTITY_S2A, STRING_TO_CHAR_ARRAY, IDENTITY = 0x117, 0x11A, 0x11F
_SMALL_INTEGERS = ("System.Int16", "System.Byte", "System.SByte", "System.UInt16")


def _scalar_rank(kind: str, v: Any) -> int:
    """GetConversionRank(argument's type, parameter's type) for the kinds of String's parameters."""
    if kind == "object":
        return NULL_TO_REF if v is None else ASSIGNABLE
    if v is None:
        # FigureConversionFromNull: an enum (a value type without a conversion from null) takes no $null
        return {"string": TO_STRING, "char": NULL_TO_VALUE, "int": NULL_TO_VALUE, "bool": NULL_TO_VALUE,
                "comparison": NONE, "options": NONE, "form": NONE}.get(kind, NULL_TO_REF)
    if kind == "string":
        if isinstance(v, str):
            return TO_STRING if isinstance(v, PSChar) else IDENTITY
        return NUMERIC_STRING if _is_number(v) else TO_STRING
    if kind == "char":
        if isinstance(v, str):
            return IDENTITY if isinstance(v, PSChar) else PARSE          # Char.Parse(string)
        return NUMERIC_STRING if _is_number(v) else ICONVERTIBLE if isinstance(v, (bool, PSEnum)) else NONE
    if kind == "int":
        if _is_number(v):
            if type(v) is int:
                return IDENTITY
            if isinstance(v, int):
                return NUMERIC_IMPLICIT if getattr(v, "type_name", "") in _SMALL_INTEGERS else NUMERIC_EXPLICIT
            return NUMERIC_EXPLICIT
        if isinstance(v, (PSChar, bool, PSEnum)):
            return ICONVERTIBLE
        return NUMERIC_STRING if isinstance(v, str) else NONE
    if kind in ("comparison", "options", "form"):
        if isinstance(v, PSEnum):
            return IDENTITY if v.type_name == TYPE_NAMES[kind] else NONE
        if isinstance(v, int) and not isinstance(v, bool):
            return LANGUAGE                                             # ConvertIntegerToEnum
        return PARSE if isinstance(v, str) and not isinstance(v, PSChar) else NONE   # ConvertStringToEnum
    if kind == "bool":
        return IDENTITY if isinstance(v, bool) else LANGUAGE
    if kind == "culture":
        if isinstance(v, PSObject) and "System.Globalization.CultureInfo" in v.type_names:
            return IDENTITY
        return CONSTRUCTOR if isinstance(v, str) else NONE                # new CultureInfo(string)
    if kind == "provider":
        return ASSIGNABLE if isinstance(v, PSObject) and "System.Globalization.CultureInfo" in v.type_names else NONE
    raise ValueError(kind)


def _element_kind(kind: str) -> str:
    return {"chars": "char", "strings": "string"}.get(kind, kind)   # params object[]: each value is an object


def _rank(kind: str, v: Any) -> int:
    if kind not in ("chars", "strings"):
        return _scalar_rank(kind, v)
    elem = _element_kind(kind)
    if v is None:
        return NULL_TO_REF
    if isinstance(v, list):
        # the array's effective type: its elements' one type (EffectiveArgumentType), else object[]
        types = {("char" if isinstance(x, PSChar) else "string" if isinstance(x, str) else "other") for x in v}
        if isinstance(v, TypedArray) and v.element_type is not None:
            types = {"char" if v.element_type.full_name == "System.Char" else
                     "string" if v.element_type.full_name == "System.String" else "other"}
        return IDENTITY if types == {elem} or not v else UNRELATED_ARRAYS
    if kind == "chars" and isinstance(v, str) and not isinstance(v, PSChar):
        return STRING_TO_CHAR_ARRAY
    r = _scalar_rank(elem, v)
    return r - 8 if r else NONE           # a scalar for an array: the S2A rank below the element's


def _element_rank(kind: str, v: Any) -> int:
    """For two UnrelatedArrays ranks: how the array's elements convert."""
    items = v if isinstance(v, list) else []
    ranks = [_scalar_rank(_element_kind(kind), x) for x in items]
    return min(ranks) if ranks else NONE


def _enum_names(kind: str) -> tuple[str, ...]:
    if kind == "form":
        from labkit.twin.string_normalization import FORMS
        return tuple(FORMS)
    from labkit.twin.types import enum_members
    return enum_members(TYPE_NAMES[kind]) or ()


def _cast(value: Any, type_name: str) -> Any:
    from labkit.twin.casts import cast
    t = resolve(type_name)
    assert t is not None, type_name
    return cast(value, t)


def _convert(kind: str, v: Any) -> Any:
    if kind == "object":
        return v
    if kind == "string":
        return "" if v is None else str(v) if isinstance(v, str) else to_string(v)
    if kind == "char":
        if v is None:
            return PSChar("\0")
        return v if isinstance(v, PSChar) else PSChar(_cast(v, "System.Char"))
    if kind == "int":
        if type(v) is int and -2**31 <= v < 2**31:
            return v
        if isinstance(v, PSChar):
            return ord(v)
        return int(_cast(v, "System.Int32"))
    if kind == "chars":
        if v is None:
            return None
        items = list(v) if isinstance(v, str) else v
        return [_convert("char", x) for x in items]
    if kind == "strings":
        if v is None:
            return None
        return [None if x is None else _convert("string", x) for x in (v if isinstance(v, list) else [v])]
    if kind in ("comparison", "options", "form"):
        if kind == "form":
            from labkit.twin.string_normalization import to_form
            return to_form(v)
        return _cast(v, TYPE_NAMES[kind]).value
    if kind == "bool":
        from labkit.twin.values import to_bool
        return to_bool(v)
    return v


def convert_element(elem: Any, method: str, param: str, v: Any) -> Any:
    """An argument for a generic collection's T parameter (List[T], HashSet[T], Stack[T], Queue[T]), converted as
    PowerShell's method binder converts it; ``elem`` is T's PSType (None or object: the value as given)."""
    if elem is None or elem.convert_key in (None, "object"):
        return v
    try:
        from labkit.twin.numeric_conversions import CODES, to_number_type
        code = CODES.get(elem.full_name.lower())
        number = to_number_type(v, code) if code is not None else None
        if number is not None:
            return number            # of T's own type: List[long].Add(5) holds an Int64
        return convert(v, elem.convert_key)
    except PSRuntimeError as e:
        raise PSRuntimeError(f'Cannot convert argument "{param}", with value: "{to_string(v)}", for "{method}" to type '
                             f'"{elem.full_name}": "{e}"', "NotSpecified", "MethodArgumentConversionInvalidCastArgument") from None


def _conversion_error(method: str, param: str, kind: str, value: Any, e: PSRuntimeError) -> PSRuntimeError:
    err = PSRuntimeError(f'Cannot convert argument "{param}", with value: "{to_string(value)}", for "{method}" to type '
                         f'"{TYPE_NAMES[kind]}": "{e}"', "NotSpecified", "MethodArgumentConversionInvalidCastArgument")
    err.exception_type = "System.Management.Automation.MethodException"  # type: ignore[attr-defined]
    err.inner_exception = "System.Management.Automation.PSInvalidCastException"  # type: ignore[attr-defined]
    err.inner_message = str(e)  # type: ignore[attr-defined]
    return err


@dataclass
class _Candidate:
    overload: Overload
    expanded: bool                      # params T[] given as separate arguments
    kinds: list[str]                    # each argument's parameter kind
    ranks: list[int]


def _candidates(o: Overload, args: list[Any]) -> list[_Candidate]:
    n, argc = len(o.params), len(args)
    kinds = [k for k, _ in o.params]
    out = []
    ek = kinds[:-1] + [_element_kind(kinds[-1])] * (argc - n + 1) if o.variadic else kinds
    if argc == n:
        ranks = [_rank(k, a) for k, a in zip(kinds, args)]
        if o.variadic and _rank(ek[-1], args[-1]) > ranks[-1]:
            # one argument for params T[]: expanded when it converts better to T than to T[] (FindBestMethodImpl)
            out.append(_Candidate(o, True, ek, ranks[:-1] + [_rank(ek[-1], args[-1])]))
        else:
            out.append(_Candidate(o, False, kinds, ranks))
    elif o.variadic and argc >= n - 1:
        out.append(_Candidate(o, True, ek, [_rank(k, a) for k, a in zip(ek, args)]))
    return [c for c in out if all(r != NONE for r in c.ranks)]


# GetConversionRank between two parameter types, for CompareOverloadCandidates' second tie-break
_PARAM_RANK = {("char", "string"): TO_STRING, ("string", "char"): PARSE, ("int", "char"): NUMERIC_STRING,
               ("char", "int"): ICONVERTIBLE, ("int", "string"): NUMERIC_STRING, ("string", "int"): NUMERIC_STRING}


def _compare(c1: _Candidate, c2: _Candidate, args: list[Any]) -> int:
    """CoreAdapter.CompareOverloadCandidates: > 0 when c1 is better."""
    n = len(args)
    better, m = 0, n
    for i in range(n):
        r1, r2 = c1.ranks[i], c2.ranks[i]
        if r1 < r2:
            better -= m
        elif r1 > r2:
            better += m
        elif r1 == UNRELATED_ARRAYS:
            e1, e2 = _element_rank(c1.kinds[i], args[i]), _element_rank(c2.kinds[i], args[i])
            better += m if e1 > e2 else -m if e1 < e2 else 0
        m -= 1
    if better == 0:
        m = n
        for i in range(n):
            r1, r2 = c1.ranks[i], c2.ranks[i]
            if r1 >= NULL_TO_VALUE and r2 >= NULL_TO_VALUE and (r1 >= NUMERIC_IMPLICIT) == (r2 >= NUMERIC_IMPLICIT):
                mult = -m if r1 >= NUMERIC_IMPLICIT else m      # implicit: the most specific; explicit: the most general
                p1 = _PARAM_RANK.get((c1.kinds[i], c2.kinds[i]), IDENTITY if c1.kinds[i] == c2.kinds[i] else NONE)
                p2 = _PARAM_RANK.get((c2.kinds[i], c1.kinds[i]), IDENTITY if c1.kinds[i] == c2.kinds[i] else NONE)
                better += mult if p1 < p2 else -mult if p1 > p2 else 0
            m = abs(m) - 1
    if better == 0 and c1.kinds == c2.kinds:
        if c1.expanded != c2.expanded:
            return -1 if c1.expanded else 1
    if better == 0:
        l1, l2 = len(c1.overload.params), len(c2.overload.params)
        better = 1 if l1 < l2 else -1 if l1 > l2 else 0
    return better


def invoke(type_name: str, method: str, overloads: list[Overload], args: list[Any], context: Any = None) -> Any:
    """Calls the overload of ``method`` that PowerShell would choose for ``args`` (CoreAdapter.FindBestCandidate);
    ``context``, when given, is passed to the implementation first."""
    argc = len(args)
    if len(overloads) == 1 and not overloads[0].variadic and len(overloads[0].params) == argc:
        # one method: no ranking, the arguments convert or fail (FindBestMethodImpl's shortcut)
        return _call(type_name, method, overloads[0], args, False, context)
    fitting = [o for o in overloads if (argc >= len(o.params) - 1 if o.variadic else argc == len(o.params))]
    candidates = [c for o in fitting for c in _candidates(o, args)]
    if not candidates:
        raise count_error(method, argc)
    best, ambiguous = candidates[0], False
    for c in candidates[1:]:
        r = _compare(best, c, args)
        if r == 0:
            ambiguous = True
        elif r < 0:
            best, ambiguous = c, False
    if ambiguous:
        # CoreAdapter.FindBestMethodImpl: no candidate better than every other (ExtendedTypeSystem.MethodAmbiguousException)
        raise PSRuntimeError(f'Multiple ambiguous overloads found for "{method}" and the argument count: "{argc}".',
                             "NotSpecified", "MethodCountCouldNotFindBest")
    return _call(type_name, method, best.overload, args, best.expanded, context)


def _call(type_name: str, method: str, o: Overload, args: list[Any], expanded: bool, context: Any) -> Any:
    converted = _convert_all(method, o, args, expanded)
    try:
        return o.impl(*converted) if context is None else o.impl(context, *converted)
    except (TypeError, ValueError, IndexError, KeyError, OverflowError, AttributeError):
        # an argument shape the emulation did not foresee: refused, never a Python traceback
        raise not_emulated(f"[{type_name}].{method} with these arguments") from None


def _convert_all(method: str, o: Overload, args: list[Any], expanded: bool) -> list[Any]:
    n = len(o.params)
    if expanded:
        args = list(args[:n - 1]) + [list(args[n - 1:])]
    out = []
    for (kind, param), a in zip(o.params, args):
        try:
            out.append(_convert(kind, a))
        except PSRuntimeError as e:
            raise _conversion_error(method, param, kind, a, e) from None
        except (TypeError, ValueError, OverflowError):
            # Cannot convert the "X" value of type "T" to type "U". (ExtendedTypeSystem.InvalidCastException)
            inner = PSRuntimeError(f'Cannot convert the "{to_string(a)}" value of type "{value_type(a).full_name}" to type '
                                   f'"{TYPE_NAMES[kind]}".', "InvalidArgument", "ConvertToFinalInvalidCastException")
            raise _conversion_error(method, param, kind, a, inner) from None
    return out


def string_array(items: list[str]) -> TypedArray:
    """A ``string[]`` (what Split returns): GetType() is System.String[]."""
    return TypedArray(items, resolve("System.String"))


def char_array(text: str) -> TypedArray:
    """A ``char[]`` (what ToCharArray returns)."""
    return TypedArray([PSChar(c) for c in text], resolve("System.Char"))


__all__ = ["Overload", "invoke", "method_exception", "count_error", "not_emulated", "string_array", "char_array", "PSType"]
