"""Write-Debug (Microsoft.PowerShell.Utility): a message for the debug stream, which $DebugPreference and -Debug
govern (labkit.twin.debug_stream).
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/write-debug?view=powershell-5.1
"""

from __future__ import annotations

from typing import Any

from labkit.twin.debug_stream import write_debug as write_debug_message
from labkit.twin.interpreter import CmdletContext
from labkit.twin.registry import cmdlet
from labkit.twin.values import to_string


@cmdlet("Write-Debug", honours={"Message"})
def write_debug(ctx: CmdletContext, args: dict[str, Any], input: Any) -> None:
    write_debug_message(ctx.engine, to_string(args.get("Message")), ctx.common, ctx.command, ctx.name)
    return None
