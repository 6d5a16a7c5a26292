"""Which ``-ErrorVariable`` (and ``-InformationVariable``) lists a record reaches, as 5.1's pipes carry them.

about_CommonParameters (5.1) says -ErrorVariable stores "error messages about the command";
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_commonparameters?view=powershell-5.1
which errors of the commands a function calls count is PowerShell's Pipe rule (Pipe.cs
AddVariableList / AppendVariableList, MshCommandRuntime.SetVariableListsInPipe and
AppendErrorToVariables, MiscOps.SetErrorVariables, unchanged since 5.1):

- an advanced function's -ErrorVariable list is attached to the pipe the function writes
  its output to;
- a command writing an error appends it to the lists of the pipe *it* writes to: inside a
  function, the last command of a pipeline writes to the function's pipe, the others to the
  next command of their pipeline, which carries no list. So an outer command collects one
  error per nested pipeline (its last command's), not every nested command's;
- a terminating error a statement handles (caught, trapped, or reported and continued) is
  appended to the lists of the statement's pipe: the function's;
- a function that is itself the last command of a pipeline in another writes to that one's
  pipe too, so the lists reach outward along the chain of last commands.

Information records (Write-Information, Write-Host) travel the same way to -InformationVariable lists
(VariableStreamKind.Information).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator


class ErrorPipes:
    """The -ErrorVariable / -InformationVariable lists of the pipe each running function writes to (innermost
    last), by kind ("Error", "Information")."""

    def __init__(self) -> None:
        self._stack: list[dict[str, list[list[Any]]]] = [{}]
        # the commands that are not the last of their pipeline, by id; the value keeps the node alive, so its id is not
        # reused by a node made later (Invoke-Expression, [scriptblock]::Create)
        self._not_last: dict[int, Any] = {}

    def pipeline(self, commands: list[Any]) -> None:
        """Note a pipeline's commands: all but the last write to the next command, not to the function's pipe."""
        for command in commands[:-1]:
            self._not_last[id(command)] = command

    def lists_of(self, command: Any, kind: str = "Error") -> list[list[Any]]:
        """The lists of the pipe ``command`` writes to (beyond its own -ErrorVariable)."""
        if command is not None and id(command) in self._not_last:
            return []
        return self._stack[-1].get(kind, [])

    def statement_lists(self) -> list[list[Any]]:
        """The -ErrorVariable lists of the pipe the running statement writes to (for errors it handles)."""
        return self._stack[-1].get("Error", [])

    def append(self, lists: list[list[Any]], record: Any) -> None:
        for target in lists:
            if not any(item is record for item in target):
                target.append(record)

    @contextmanager
    def function(self, command: Any, own: dict[str, list[Any] | None]) -> Iterator[None]:
        """While a function or script block called by ``command`` runs: its pipe's lists are its own
        -ErrorVariable / -InformationVariable lists (``own`` by kind) and, when ``command`` is the last of its
        pipeline, the caller's."""
        inherited = {} if command is not None and id(command) in self._not_last else self._stack[-1]
        kinds = set(inherited) | {k for k, v in own.items() if v is not None}
        self._stack.append({k: ([own[k]] if own.get(k) is not None else []) + inherited.get(k, []) for k in kinds})
        try:
            yield
        finally:
            self._stack.pop()


def own_list(scope: Any, common: dict[str, Any], parameter: str = "ErrorVariable") -> list[Any] | None:
    """The list a command's -ErrorVariable (or -InformationVariable) names, made when the command starts (empty,
    or the variable's values kept for ``+name``, about_CommonParameters), so records are added as written."""
    if not common or parameter not in common:
        return None
    from labkit.twin.dotnet_values import ArrayList
    from labkit.twin.members import MISSING
    from labkit.twin.script_binding import _target, _variable_name

    name, append = _variable_name(common[parameter])
    target, name = _target(scope, name)
    existing = target.lookup(name)
    if append and existing is not MISSING and existing is not None:
        lst = existing if isinstance(existing, ArrayList) else ArrayList(existing if isinstance(existing, list) else [existing])
    else:
        lst = ArrayList()
    target.vars[name] = lst
    return lst


def stop_exception(record: Any) -> Any:
    """The ActionPreferenceStopException an error becomes under ``-ErrorAction Stop`` /
    ``$ErrorActionPreference = 'Stop'``: what -ErrorVariable keeps then (MshCommandRuntime throws
    ``ManageException(new ActionPreferenceStopException(...))``, which appends the exception to the
    variables), with the record as ``.ErrorRecord`` (CommandBaseStrings.resx ErrorPreferenceStop)."""
    from labkit.twin.error_types import type_names
    from labkit.twin.objects import PSObject
    from labkit.twin.values import to_string

    message = ("The running command stopped because the preference variable \"ErrorActionPreference\" or common parameter "
               f"is set to Stop: {to_string(record)}")
    return PSObject(type_names("System.Management.Automation.ActionPreferenceStopException"),
                    {"Message": message, "HResult": -2146233087, "ErrorRecord": record, "InnerException": None},
                    tostring=message)


def command_lists(scope: Any, common: dict[str, Any]) -> dict[str, list[Any] | None]:
    """A cmdlet's own -ErrorVariable / -WarningVariable / -InformationVariable lists (made when it started), by kind:
    what the script blocks it runs (ForEach-Object, Where-Object) write reaches them, their output being its output."""
    from labkit.twin.script_binding import _target, _variable_name

    found: dict[str, list[Any] | None] = {}
    for kind in ("Error", "Warning", "Information"):
        if f"{kind}Variable" in common:
            name, _ = _variable_name(common[f"{kind}Variable"])
            target, name = _target(scope, name)
            value = target.lookup(name)
            found[kind] = value if isinstance(value, list) else None
    return found
