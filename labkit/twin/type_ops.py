"""The interpreter's type expressions: ``[T]`` literals, ``[T]$x`` casts,
``-is`` / ``-isnot`` / ``-as``, and ``[T]::Member`` / ``[T]::Method()``.

A type name the twin cannot resolve is, in the order 5.1 would meet it:
a real .NET type the twin does not model (a namespace-qualified name such as
``System.IO.StreamReader``) -> refused as not emulated; anything else ->
5.1's ``Unable to find type [X].`` (error ID TypeNotFound).
"""

from __future__ import annotations

from typing import Any

from labkit.twin import references
from labkit.twin import syntax as S
from labkit.twin.console_host import console_call, console_property
from labkit.twin.environment import MISSING_MEMBER, environment_member
from labkit.twin.casts import TypeNotFound, cast, cast_as, to_pscustomobject
from labkit.twin.dotnet_values import OrderedHashtable
from labkit.twin.errors import UnsupportedConstruct
from labkit.twin.members import MISSING as MEMBER_MISSING
from labkit.twin.members import VOID, call_static as legacy_call_static, static_member as legacy_static_member
from labkit.twin.statics import MISSING, call_static, get_static
from labkit.twin.regex_values import with_evaluators
from labkit.twin.types import PSType, is_instance, resolve, value_type
from labkit.twin.values import PSHashtable, PSRuntimeError, to_string

# Real .NET types without a namespace prefix that scripts name bare (they resolve in 5.1 through
# the implicit "System." prefix); the twin does not model them, so they are refused, not "not found".
_REAL_UNMODELLED = {
    "console", "activator", "appdomain", "gc", "random", "buffer", "tuple", "lazy", "nullable", "attribute",
    "delegate", "eventargs", "uri", "text.encoding", "io.file", "io.directory", "io.fileinfo", "io.directoryinfo",
    "io.streamreader", "io.streamwriter", "io.memorystream", "io.filestream", "diagnostics.process", "diagnostics.stopwatch",
    "threading.thread", "net.dns", "net.webclient", "reflection.assembly", "text.stringbuilder", "xml.xmldocument", "xml",
    "timezoneinfo", "datetimeoffset", "bitconverter", "runtime.interopservices.marshal", "security.principal.windowsidentity",
    "stringbuilder", "environment",
}


def _unknown(name: str, line: int) -> Exception:
    low = name.strip().lower().removesuffix("[]")
    if "." in low and (low.startswith(("system.", "microsoft.")) or low.split("[")[0] in _REAL_UNMODELLED) \
            or low.removeprefix("system.") in _REAL_UNMODELLED:
        return UnsupportedConstruct(f"type [{name}]", line)
    return TypeNotFound(name)


def type_literal(name: str, line: int) -> PSType:
    t = resolve(name)
    if t is None:
        if name.strip().lower() == "ordered":
            raise UnsupportedConstruct("[ordered] outside a cast of a hashtable literal", line)
        raise _unknown(name, line)
    return t


def _target_type(target: Any, line: int) -> PSType:
    if isinstance(target, PSType):
        return target
    if type(target) is S.TypeLit:
        return type_literal(target.name, line)
    name = to_string(target)
    t = resolve(name)
    if t is None:
        err = _unknown(name, line)
        if isinstance(err, UnsupportedConstruct):
            raise err
        # a type name given as a value converts to [type]: 'x' -is 'foo' fails as that conversion
        # (PowerShell's ComparisonOperator tests: error ID RuntimeException; [foo] gives TypeNotFound)
        raise PSRuntimeError(f'Cannot convert the "{name}" value of type "{value_type(target).display_full_name}" to type '
                             '"System.Type".', "NotSpecified", "RuntimeException")
    return t


def type_operator(op: str, left: Any, right: Any, line: int) -> Any:
    t = _target_type(right, line)
    if op == "-as":
        return cast_as(left, t)
    r = is_instance(left, t)
    return r if op == "-is" else not r


def cast_expression(engine: Any, n: S.Cast) -> Any:
    low = n.type_name.strip().lower()
    if low in ("pscustomobject", "ordered") and type(n.expr) is S.HashLit:
        h = engine.eval(n.expr)
        return OrderedHashtable(h) if low == "ordered" else to_pscustomobject(h)
    if low == "ordered":
        raise UnsupportedConstruct("[ordered] on something other than a hashtable literal", n.line)
    if low in ("ref", "system.management.automation.psreference"):
        if type(n.expr) is S.Var and not n.expr.scope:
            return references.to_variable_reference(engine.scope, n.expr.name, n.expr.display, None)
        value = engine.eval(n.expr)
        return value if isinstance(value, references.PSReference) else references.to_value_reference(value)
    value = engine.eval(n.expr)
    if low in ("void", "system.void"):
        return VOID
    t = type_literal(n.type_name, n.line)
    if low == "pscustomobject" and isinstance(value, PSHashtable):
        return to_pscustomobject(value)
    if value is VOID:
        value = None
    try:
        return cast(value, t)
    except PSRuntimeError as e:
        if e.error_id == "ConversionNotEmulated":
            raise UnsupportedConstruct(f"cast to [{n.type_name}]", n.line) from None
        raise


def _static_type(engine: Any, obj: Any, line: int, what: str) -> PSType:
    if type(obj) is S.TypeLit:
        name = obj.name
    else:
        v = engine.eval(obj)
        if isinstance(v, PSType):
            return v
        name = to_string(v)
    t = resolve(name)
    if t is None:
        err = _unknown(name, line)
        if isinstance(err, UnsupportedConstruct):
            raise UnsupportedConstruct(what.format(t=name), line)
        raise err
    return t


def static_access(engine: Any, n: S.Member) -> Any:
    name = n.name if isinstance(n.name, str) else to_string(engine.eval(n.name))
    what = "static member [{t}]::" + name
    t = _static_type(engine, n.obj, n.line, what)
    if t.full_name == "System.Console":      # the console window of $Host.UI.RawUI (labkit.twin.console_host)
        try:
            return console_property(engine, name)
        except KeyError:
            raise UnsupportedConstruct(what.format(t=t.accelerator_name()), n.line) from None
    v = get_static(t, name, engine.now, engine.host)
    if v is MISSING and t.full_name == "System.Environment":
        v = environment_member(engine, name, None)
        v = MISSING if v is MISSING_MEMBER else v
    if v is MISSING:
        v = legacy_static_member(t.full_name, name, engine.now, engine.host)
    if v is MISSING or v is MEMBER_MISSING:
        raise UnsupportedConstruct(what.format(t=t.accelerator_name()), n.line)
    return v


def static_call(engine: Any, n: S.Invoke, name: str, args: list[Any]) -> Any:
    what = "static method [{t}]::" + name + "()"
    t = _static_type(engine, n.obj, n.line, what)
    if t.full_name == "System.Environment":
        v = environment_member(engine, name, args)
        if v is not MISSING_MEMBER:
            return v
    if t.full_name == "System.Console":
        try:
            return console_call(engine, name, args)
        except KeyError:
            raise UnsupportedConstruct(what.format(t=t.accelerator_name()), n.line) from None
    if t.full_name == "System.IO.Path" and name.lower() == "gettempfilename" and not args:
        from labkit.twin.temp_files import get_temp_file_name
        return get_temp_file_name(engine, n.line)
    if t.full_name == "System.Text.RegularExpressions.Regex":
        args = with_evaluators(args, lambda block, a: engine.invoke_block(block, args=a))
    try:
        v = call_static(t, name, args, engine.now)
    except (IndexError, TypeError, ValueError, KeyError, OverflowError):
        # a .NET method called with arguments none of its overloads takes
        raise PSRuntimeError(f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".',
                             "NotSpecified", "MethodCountCouldNotFindBest") from None
    if v is MISSING:
        v = legacy_call_static(t.full_name, name, args, engine.now)
    if v is MISSING or v is MEMBER_MISSING:
        raise UnsupportedConstruct(what.format(t=t.accelerator_name()), n.line)
    return v
