"""Set-StrictMode: the rules a scope and its child scopes enforce.

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/set-strictmode?view=powershell-5.1

- 1.0: a reference to an uninitialized variable is an error, except inside strings;
- 2.0: also inside strings; a reference to a property the object does not have;
  a function called with method syntax, ``f(1,2)``;
- 3.0 and Latest (any version above 3 is Latest): also an index out of an array's bounds.

The version lives on the scope Set-StrictMode ran in (``Scope.strict``; 0 is Off) and
applies to the child scopes that do not set their own.  The texts and error IDs are
PowerShell's (ParserStrings.resx: VariableIsUndefined, PropertyNotFoundStrict,
StrictModeFunctionCallWithParens).
"""

from __future__ import annotations

from typing import Any

from labkit.twin.values import PSRuntimeError

LATEST = 3.0

# Variables that are never "uninitialized": the automatic ones PowerShell sets per call or pipeline.
_ALWAYS_SET = frozenset({"_", "psitem", "args", "input", "this", "null", "true", "false", "matches",
                         "lastexitcode", "error", "foreach", "switch", "psboundparameters", "pscmdlet",
                         "myinvocation", "stacktrace", "event", "eventargs", "sender", "ofs"})


def version_of(scope: Any) -> float:
    """The strict-mode version in force in ``scope`` (0.0: off)."""
    s = scope
    while s is not None:
        v = getattr(s, "strict", None)
        if v is not None:
            return v
        s = s.parent
    return 0.0


def parse_version(value: Any) -> float:
    """-Version: 'Latest', or a version number ('1', '2.0', 3); above 3 is Latest."""
    text = str(value).strip()
    if text.lower() == "latest":
        return LATEST
    parts = text.split(".")
    try:
        major = int(parts[0])
        minor = int(parts[1]) if len(parts) > 1 and parts[1] else 0
    except ValueError:
        raise PSRuntimeError(f"Cannot process argument transformation on parameter 'Version'. Cannot convert value "
                             f"\"{text}\" to type \"System.Version\". Error: \"Input string was not in a correct format.\"",
                             "InvalidData", "ParameterArgumentTransformationError,Microsoft.PowerShell.Commands.SetStrictModeCommand") from None
    if major < 1:
        # 5.1: "The value 0.0 is not valid for the -Version parameter. The valid values are 1.0 and 2.0 ..."
        raise PSRuntimeError(f"Cannot validate argument on parameter 'Version'. The \"{text}\" argument does not belong to "
                             "the set \"1.0, 2.0, 3.0, Latest\" specified by the ValidateSet attribute.",
                             "InvalidData", "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.SetStrictModeCommand")
    return min(float(major) + minor / 10.0, LATEST)


def check_variable(scope: Any, name: str, in_string: bool) -> None:
    """Raise 5.1's VariableIsUndefined when strict mode forbids reading the unset ``$name``."""
    if name in _ALWAYS_SET or ":" in name:
        return
    v = version_of(scope)
    if v >= 2.0 or (v >= 1.0 and not in_string):
        raise PSRuntimeError(f"The variable '${name}' cannot be retrieved because it has not been set.",
                             "InvalidOperation", "VariableIsUndefined")


def property_error(name: str) -> PSRuntimeError:
    return PSRuntimeError(f"The property '{name}' cannot be found on this object. Verify that the property exists.",
                          "InvalidOperation", "PropertyNotFoundStrict")


def index_error() -> PSRuntimeError:
    return PSRuntimeError("Index was outside the bounds of the array.", "InvalidOperation",
                          "System.IndexOutOfRangeException")


def called_like_a_method(cmd: Any) -> bool:
    """``add(3,4)``: one parenthesized comma list right after the command name, no space between."""
    from labkit.twin import syntax as S

    arg = cmd.elements[0]
    if type(arg) is not S.Paren or cmd.invoke_op or not isinstance(cmd.name, str):
        return False
    if arg.line != cmd.line or arg.col != cmd.col + len(cmd.name):
        return False
    stages = getattr(arg.pipeline, "stages", None)
    return bool(stages) and len(stages) == 1 and type(stages[0]) is S.ArrayLiteral


def method_syntax_error() -> PSRuntimeError:
    return PSRuntimeError("The function or command was called as if it were a method. Parameters should be separated by "
                          "spaces. For information about parameters, see the about_Parameters Help topic.",
                          "InvalidOperation", "StrictModeFunctionCallWithParens")
