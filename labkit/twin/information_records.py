"""InformationRecord: what Write-Information (and Write-Host, 5.0 and later) write to the information stream (6).

The record's properties as 5.1 sets them (System.Management.Automation.InformationRecord; Cmdlet.WriteInformation):
MessageData (the object given, not its text), Source (the script's path, else the command's name), TimeGenerated,
Tags, User (the Windows identity, DOMAIN\\user), Computer (the host name with its DNS domain), ProcessId ($PID),
NativeThreadId, ManagedThreadId; ToString() is MessageData's text.
https://learn.microsoft.com/dotnet/api/system.management.automation.informationrecord
https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/write-information?view=powershell-5.1

The record enters the stream whatever $InformationPreference says (Ignore aside): the console shows it only
with Continue, but ``6>&1``, a runspace's Streams.Information and -InformationVariable get it
(about_CommonParameters 5.1, -InformationVariable; MshCommandRuntime.WriteInformation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labkit.twin.dotnet_values import ArrayList
from labkit.twin.objects import PSObject
from labkit.twin.values import to_string

if TYPE_CHECKING:
    from labkit.twin.interpreter import CmdletContext

TYPE = "System.Management.Automation.InformationRecord"


def information_record(ctx: "CmdletContext", data: Any, tags: list[str]) -> PSObject:
    engine = ctx.engine
    host = engine.world.host(engine.host)
    domain = getattr(host, "domain", "") or ""
    user_domain = engine.world.netbios if domain else host.name
    pid = engine.get_var("pid")
    text = "" if data is None else to_string(data)
    return PSObject(TYPE, {
        "MessageData": data, "Source": engine.script_path or ctx.name, "TimeGenerated": engine.now(),
        "Tags": ArrayList(tags), "User": f"{user_domain}\\Administrator",
        "Computer": f"{host.name}.{domain}" if domain else host.name,
        "ProcessId": pid, "NativeThreadId": 4 * (int(pid) % 1000) + 4, "ManagedThreadId": 1,
    }, tostring=text)


def write_record(ctx: "CmdletContext", record: PSObject) -> None:
    """Into the command's own -InformationVariable, the callers' (labkit.twin.error_pipes) and the stream kept for a
    runspace's Streams.Information."""
    from labkit.twin.script_binding import _target, _variable_name

    lists = list(ctx.engine.error_pipes.lists_of(ctx.command, "Information"))
    if "InformationVariable" in ctx.common:
        name, _ = _variable_name(ctx.common["InformationVariable"])
        scope, name = _target(ctx.engine.scope, name)
        own = scope.lookup(name)
        if isinstance(own, list):
            lists.insert(0, own)
    ctx.engine.error_pipes.append(lists, record)
    ctx.engine.information.append(record)
