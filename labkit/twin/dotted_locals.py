"""What a dot-sourced script block or function leaves in its caller's scope.

A dot-sourced command runs in the caller's scope: the variables it assigns stay there, and so do its parameters
(ScriptParameterBinder.BindParameter: "enter a new PSVariable in the current scope. This is what normally happens
when dotting"). Its automatic variables ($args, $input, $PSBoundParameters, $MyInvocation, $PSCmdlet) do not: 5.1
keeps them in a locals tuple pushed on the scope's DottedScopes while the command runs and pops it after
(DlrScriptCommandProcessor.OnSetCurrentScope / OnRestorePreviousScope in PowerShell's sources), so after
``. { "$args" } x`` a function's ``$args`` is its own again.
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_scopes?view=powershell-5.1
("Using dot-source notation with scope")
"""

from __future__ import annotations

from typing import Any

#: the automatic variables of a command's locals tuple the twin sets when it binds a block
AUTOMATIC = ("args", "input", "psboundparameters", "myinvocation", "pscmdlet")

_ABSENT = object()


def backup(scope: Any) -> dict[str, Any]:
    """The caller's values of the automatic variables binding a dot-sourced command overwrites in ``scope``."""
    return {n: scope.vars.get(n, _ABSENT) for n in AUTOMATIC}


def restore(scope: Any, saved: dict[str, Any]) -> None:
    for name, value in saved.items():
        if value is _ABSENT:
            scope.vars.pop(name, None)
        else:
            scope.vars[name] = value
