"""Variable options (ReadOnly, Constant) and the automatic variables 5.1
protects: assigning ``$PID``, ``$true`` or a ``Set-Variable -Option
Constant`` variable fails with "Cannot overwrite variable X because it is
read-only or constant." (error ID VariableNotWritable); ``$null = x``
discards x.

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_automatic_variables?view=powershell-5.1
https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/set-variable?view=powershell-5.1 (-Option)
Options of the built-in variables: PowerShell's InitialSessionState / SessionState sources.
"""

from __future__ import annotations

from typing import Any

from labkit.twin.values import PSRuntimeError, to_string

# Built-in variables and their options (ReadOnly ones can be changed with Set-Variable -Force; Constant never).
AUTOMATIC_OPTIONS = {
    "true": "Constant", "false": "Constant", "pid": "Constant", "pshome": "Constant", "host": "Constant",
    "executioncontext": "Constant", "shellid": "Constant", "psversiontable": "Constant", "psedition": "Constant",
    "error": "Constant", "home": "ReadOnly", "psculture": "ReadOnly", "psuiculture": "ReadOnly", "?": "ReadOnly",
}

# The names of 5.1's automatic and preference variables as Get-Variable writes them (about_Automatic_Variables,
# about_Preference_Variables: https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_automatic_variables?view=powershell-5.1)
AUTOMATIC_NAMES = {n.lower(): n for n in (
    "PID", "PSHOME", "ShellId", "PSCulture", "PSUICulture", "PSScriptRoot", "PSCommandPath", "PSEdition", "Host", "MyInvocation",
    "Error", "ErrorActionPreference", "WarningPreference", "VerbosePreference", "ProgressPreference", "DebugPreference",
    "InformationPreference", "ConfirmPreference", "WhatIfPreference", "ErrorView", "FormatEnumerationLimit", "PSVersionTable",
    "PWD", "HOME", "true", "false", "null", "ExecutionContext", "args", "input", "PSBoundParameters", "LASTEXITCODE",
    "StackTrace", "OFS", "PSDefaultParameterValues", "PSEmailServer", "PSModuleAutoLoadingPreference", "PSSessionApplicationName",
    "PSSessionConfigurationName", "PSSessionOption", "MaximumHistoryCount", "NestedPromptLevel", "Matches", "PSItem")}

SCOPED_ITEM_OPTIONS = {"none": 0, "readonly": 1, "constant": 2, "private": 4, "allscope": 8, "unspecified": 16}


class VariableNotWritable(PSRuntimeError):
    def __init__(self, display: str):
        super().__init__(f"Cannot overwrite variable {display} because it is read-only or constant.", "WriteError", "VariableNotWritable")
        # 5.1 throws SessionStateUnauthorizedAccessException with the variable's name as the record's target:
        # "WriteError: (x:String) [], SessionStateUnauthorizedAccessException"
        self.exception_type = "System.Management.Automation.SessionStateUnauthorizedAccessException"
        self.error_target = display


def option_of(scope: Any, name: str) -> str | None:
    """The protection of variable ``name`` as assignment in ``scope`` meets it (local options, then built-ins)."""
    opts = scope.options
    if opts and name in opts:
        return opts[name]
    return AUTOMATIC_OPTIONS.get(name)


def check_assignable(scope: Any, name: str, display: str) -> None:
    if name in AUTOMATIC_OPTIONS or (scope.options and name in scope.options):
        if option_of(scope, name) in ("ReadOnly", "Constant"):
            raise VariableNotWritable(display)


def parse_options(value: Any) -> set[str]:
    """ScopedItemOptions from a name, a comma list or an array of names."""
    out: set[str] = set()
    items = value if isinstance(value, list) else [value]
    for item in items:
        for part in to_string(item).split(","):
            key = part.strip().lower()
            if not key:
                continue
            if key not in SCOPED_ITEM_OPTIONS:
                raise PSRuntimeError(
                    f"Cannot bind parameter 'Option'. Cannot convert value \"{to_string(value)}\" to type "
                    "\"System.Management.Automation.ScopedItemOptions\". Error: \"Unable to match the identifier name "
                    f"{part.strip()} to a valid enumerator name. Specify one of the following enumerator names and try again:\n"
                    "None, ReadOnly, Constant, Private, AllScope, Unspecified\"", "InvalidArgument", "CannotConvertArgumentNoMessage")
            out.add({"readonly": "ReadOnly", "constant": "Constant", "private": "Private", "allscope": "AllScope",
                     "none": "None", "unspecified": "Unspecified"}[key])
    return out


def constrain(scope: Any, name: str, type_name: str, line: int) -> None:
    """``[T]$x = ...``: from now on what is assigned to $x in this scope converts to T (about_Variables)."""
    from labkit.twin.type_ops import type_literal

    t = type_literal(type_name, line)
    if t.full_name in ("System.Object", "System.Management.Automation.PSObject"):
        if scope.types:
            scope.types.pop(name, None)
        return
    if scope.types is None:
        scope.types = {}
    scope.types[name] = t


def constrained_value(t: Any, value: Any) -> Any:
    from labkit.twin.casts import cast

    if value is None and t.convert_key not in ("string", "bool", "switch") and t.element is None:
        return None if t.convert_key is None else cast(None, t)
    return cast(value, t)
