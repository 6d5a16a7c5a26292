"""When ``$PSCmdlet.ShouldProcess()`` / ``ShouldContinue()`` of an advanced function would ask the user.

ShouldProcess asks when the function's ``ConfirmImpact`` (``[CmdletBinding(ConfirmImpact=...)]``, Medium by
default) is at or above the confirm threshold: ``Low`` under ``-Confirm``, ``None`` (never) under
``-Confirm:$false``, else ``$ConfirmPreference`` (High by default); ``ConfirmImpact='None'`` never asks
(MshCommandRuntime.CanShouldProcessAutoConfirm and ConfirmPreference in PowerShell's source).
ShouldContinue always asks.

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_functions_cmdletbindingattribute?view=powershell-5.1#confirmimpact
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_preference_variables?view=powershell-5.1#confirmpreference

The twin has no one to ask.  A runspace made with ``[powershell]::Create()`` has no host user interface in
5.1 either, so there the question fails as it does on Windows (HostException, HostFunctionNotImplemented);
elsewhere the twin refuses the prompt as not emulated rather than answer it for the user.
"""

from __future__ import annotations

from typing import Any

from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.values import PSRuntimeError, to_string

IMPACTS = ("None", "Low", "Medium", "High")


def impact(value: Any, default: str = "Medium") -> str:
    """A ConfirmImpact value as its member name (case-insensitive), or the default when not given."""
    if value is None:
        return default
    text = to_string(value).strip().lower()
    for name in IMPACTS:
        if name.lower() == text:
            return name
    raise CmdletError(f"Cannot convert value \"{to_string(value)}\" to type \"System.Management.Automation.ConfirmImpact\". "
                      f"Error: \"Unable to match the identifier name {to_string(value)} to a valid enumerator name. Specify one "
                      f"of the following enumerator names and try again:\n{', '.join(IMPACTS)}\"", "InvalidArgument",
                      "InvalidCastFromStringToEnum")


def threshold(confirm: Any, preference: Any) -> str:
    """The confirm threshold in the function: -Confirm, -Confirm:$false, else $ConfirmPreference."""
    if confirm is not None:
        return "Low" if confirm else "None"
    try:
        return impact(preference, "High")
    except CmdletError:
        return "High"


def asks(function_impact: str, confirm: Any, preference: Any) -> bool:
    """Whether ShouldProcess would prompt (CanShouldProcessAutoConfirm is false)."""
    limit = threshold(confirm, preference)
    return limit != "None" and IMPACTS.index(limit) <= IMPACTS.index(function_impact)


def prompt(engine: Any, command: str, method: str, argc: int, message: str) -> Exception:
    """The error of a prompt the twin cannot show."""
    if getattr(engine, "no_host_ui", False):
        # HostInterfaceExceptionsStrings.resx HostFunctionPromptNotImplemented (InternalHostUserInterface.ThrowPromptNotInteractive),
        # a HostException out of a .NET method call: a MethodInvocationException whose id is the inner exception's type name
        text = ("A command that prompts the user failed because the host program or the command type does not support "
                f"user interaction. The host was attempting to request confirmation with the following message: {message}")
        return PSRuntimeError(f'Exception calling "{method}" with "{argc}" argument(s): "{text}"', "NotSpecified", "HostException")
    return NotEmulated(command or "a function", f"the confirmation prompt of $PSCmdlet.{method}() (\"{message}\"; "
                       "answer it ahead with -Confirm:$false or -WhatIf)")
