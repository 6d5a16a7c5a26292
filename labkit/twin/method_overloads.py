"""Choosing a .NET method's overload as PowerShell 5.1 does, and reporting what the call throws.

A method is a list of :class:`Overload` (the parameter types of one .NET signature).  A call
keeps the overloads whose parameter count fits (a ``params T[]`` last parameter takes any
number), ranks each argument against each parameter type (identity above an assignable type
above a conversion PowerShell can try: LanguagePrimitives' conversion ranks, roughly), and
calls the best.  Two best overloads that rank the same (``"a--b".Split("--", 'None')``: the
string converts to ``char[]`` and to ``string[]`` alike) are refused as not emulated rather
than guessed.  Arguments convert as PowerShell converts them for a method call: ``$null``
for a ``string`` parameter is ``String.Empty`` (https://github.com/PowerShell/PowerShell/issues/11515),
a string for ``char[]`` is its characters, an enum from its value, number or member name.

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
from labkit.twin.types import PSType, resolve
from labkit.twin.values import PSRuntimeError, to_string

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
                          "NotImplemented", "MethodNotEmulated")


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _rank(kind: str, v: Any) -> int | None:
    """How well ``v`` fits a parameter of ``kind``: 3 its own type, 2 assignable or a natural conversion,
    1 a conversion PowerShell would try, None none."""
    if kind == "object":
        return 2
    if kind == "string":
        return 3 if isinstance(v, str) and not isinstance(v, PSChar) else 2 if v is None or isinstance(v, PSChar) else 1
    if kind == "char":
        if isinstance(v, PSChar):
            return 3
        return 1 if isinstance(v, str) or _is_number(v) or v is None else None
    if kind == "int":
        if isinstance(v, int) and not isinstance(v, (bool, PSEnum)):
            return 3
        if _is_number(v) or v is None or isinstance(v, (bool, PSChar)):
            return 2
        if isinstance(v, str):
            return 1 if to_string(v).strip().lstrip("+-").replace(".", "", 1).isdigit() else None
        return None
    if kind == "chars":
        if v is None:
            return 3
        if isinstance(v, list):
            return 3 if v and all(isinstance(x, PSChar) for x in v) else 2
        return 2 if isinstance(v, str) else None
    if kind == "strings":
        if v is None:
            return 3
        if isinstance(v, list):
            return 3 if all(isinstance(x, str) and not isinstance(x, PSChar) for x in v) else 2
        return 2 if isinstance(v, str) else None
    if kind in ("comparison", "options", "form"):
        if isinstance(v, PSEnum):
            return 3 if v.type_name == TYPE_NAMES[kind] else None
        if isinstance(v, int) and not isinstance(v, bool):
            return 1
        if isinstance(v, str):
            # a member's name converts; any other text does not (so "a;b".Split(',', ';') is params char[])
            return 1 if v.strip().lower() in {m.lower() for m in _enum_names(kind)} else None
        return None
    if kind == "bool":
        return 3 if isinstance(v, bool) else 1
    if kind in ("culture", "provider"):
        if isinstance(v, PSObject) and "System.Globalization.CultureInfo" in v.type_names:
            return 3
        return 2 if v is None else 1 if isinstance(v, str) else None
    raise ValueError(kind)


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


def _conversion_error(method: str, param: str, kind: str, value: Any, e: PSRuntimeError) -> PSRuntimeError:
    err = PSRuntimeError(f'Cannot convert argument "{param}", with value: "{to_string(value)}", for "{method}" to type '
                         f'"{TYPE_NAMES[kind]}": "{e}"', "NotSpecified", "MethodArgumentConversionInvalidCastArgument")
    err.exception_type = "System.Management.Automation.MethodException"  # type: ignore[attr-defined]
    err.inner_exception = "System.Management.Automation.PSInvalidCastException"  # type: ignore[attr-defined]
    err.inner_message = str(e)  # type: ignore[attr-defined]
    return err


def _fits(o: Overload, argc: int) -> bool:
    n = len(o.params)
    return argc >= n - 1 if o.variadic else argc == n


def _score(o: Overload, args: list[Any]) -> int | None:
    total = 0
    n = len(o.params)
    if o.variadic and len(args) == n and (args[-1] is None or isinstance(args[-1], (list, str))):
        pairs = list(zip(o.params, args))      # the array itself for params T[]
    elif o.variadic:
        fixed = list(zip(o.params[:-1], args[:n - 1]))
        elem = "char" if o.params[-1][0] == "chars" else "string"
        pairs = fixed + [((elem, o.params[-1][1]), a) for a in args[n - 1:]]
    else:
        pairs = list(zip(o.params, args))
    for (kind, _), a in pairs:
        r = _rank(kind, a)
        if r is None:
            return None
        total += r
    return total


def invoke(type_name: str, method: str, overloads: list[Overload], args: list[Any]) -> Any:
    """Calls the overload of ``method`` that PowerShell would choose for ``args``."""
    argc = len(args)
    scored = [(s, o) for o in overloads if _fits(o, argc) and (s := _score(o, args)) is not None]
    if not scored:
        if any(_fits(o, argc) for o in overloads):
            # a count that fits but no argument type that converts: PowerShell tries the first and reports its conversion
            o = next(o for o in overloads if _fits(o, argc))
            _convert_all(method, o, args)
        raise count_error(method, argc)
    scored.sort(key=lambda so: -so[0])
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        sigs = " and ".join("(" + ", ".join(TYPE_NAMES[k] for k, _ in o.params) + ")" for _, o in scored[:2])
        raise not_emulated(f"Choosing between the overloads {sigs} of [{type_name}].{method} for these arguments")
    best = scored[0][1]
    return best.impl(*_convert_all(method, best, args))


def _convert_all(method: str, o: Overload, args: list[Any]) -> list[Any]:
    n = len(o.params)
    if o.variadic and not (len(args) == n and (args[-1] is None or isinstance(args[-1], (list, str)))):
        args = list(args[:n - 1]) + [list(args[n - 1:])]
    out = []
    for (kind, param), a in zip(o.params, args):
        try:
            out.append(_convert(kind, a))
        except PSRuntimeError as e:
            raise _conversion_error(method, param, kind, a, e) from None
    return out


def string_array(items: list[str]) -> TypedArray:
    """A ``string[]`` (what Split returns): GetType() is System.String[]."""
    return TypedArray(items, resolve("System.String"))


def char_array(text: str) -> TypedArray:
    """A ``char[]`` (what ToCharArray returns)."""
    return TypedArray([PSChar(c) for c in text], resolve("System.Char"))


__all__ = ["Overload", "invoke", "method_exception", "count_error", "not_emulated", "string_array", "char_array", "PSType"]
