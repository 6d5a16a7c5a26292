"""Microsoft.PowerShell.Core's remoting cmdlet Invoke-Command, as far as the
twin emulates it (kept beside core.py: it is about logons and second hops,
labkit/twin/logon.py).

* Without ``-ComputerName`` (the InProcess set) the script block runs here,
  in a child scope (``-NoNewScope``: in the current one), with
  ``-ArgumentList`` bound by position.
* ``-ComputerName`` naming another host from a session without delegated
  credentials fails per computer as Windows fails (the double hop:
  "[X] Connecting to remote server X failed with the following error
  message : Access is denied. ...", PSRemotingTransportException,
  AccessDenied,PSSessionStateBroken; about_Remote_Troubleshooting,
  https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_remote_troubleshooting?view=powershell-5.1).
* Actually running a block on another computer (with delegation, or on this
  computer through a loopback session) returns deserialized objects with
  PSComputerName: not emulated, refused loudly.
"""

from __future__ import annotations

from typing import Any, Iterable

from labkit.twin.errors import NotEmulated
from labkit.twin.logon import is_other_host, second_hop_error
from labkit.twin.registry import cmdlet
from labkit.twin.values import as_list


@cmdlet("Invoke-Command", honours={"ScriptBlock", "ArgumentList", "ComputerName", "NoNewScope"})
def invoke_command(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    block = args["ScriptBlock"]
    arguments = list(as_list(args.get("ArgumentList"))) if "ArgumentList" in args else []
    names = [str(n) for n in as_list(args.get("ComputerName"))]
    if "ComputerName" not in args:
        return ctx.engine.invoke_block(block, args=arguments, new_scope=not args.get("NoNewScope"))
    for name in names:
        if not is_other_host(ctx, name):
            raise NotEmulated("Invoke-Command", f"-ComputerName '{name}' (this computer, through a loopback WinRM session)")
        denied = second_hop_error(ctx, name, "remoting")
        if denied is not None:
            ctx.error(str(denied), denied.category, name, denied.error_id)
            continue
        raise NotEmulated("Invoke-Command", f"running a script block on another computer ('{name}')")
    return []
