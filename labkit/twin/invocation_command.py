"""An error record's InvocationInfo.MyCommand: the CommandInfo of the command that failed (CmdletInfo for a cmdlet,
FunctionInfo for a function), as 5.1 sets it; ``$_.InvocationInfo.MyCommand.Name`` names the command in a catch block.
https://learn.microsoft.com/dotnet/api/system.management.automation.invocationinfo.mycommand
"""

from __future__ import annotations

from typing import Any

from labkit.twin.objects import PSEnum, PSObject

_KINDS = {"Cmdlet": ("System.Management.Automation.CmdletInfo", 8), "Function": ("System.Management.Automation.FunctionInfo", 2)}


def command_info(name: Any) -> Any:
    """The CommandInfo of ``name`` (a command's name); a script file's name (ScriptName) and "" are left as they are."""
    if type(name) is not str or not name:
        return name if name else None
    from labkit.twin.registry import lookup
    from labkit.twin.signatures import signatures

    sig = signatures().get(name)
    kind = "Cmdlet" if sig is not None or lookup(name) is not None else "Function"
    module = sig.module if sig is not None else ""
    type_name, number = _KINDS[kind]
    return PSObject([type_name, "System.Management.Automation.CommandInfo"], {
        "CommandType": PSEnum("System.Management.Automation.CommandTypes", kind, number), "Name": name,
        "ModuleName": module, "Source": module}, display=["CommandType", "Name", "Version", "Source"], tostring=name)
