"""Write-Information (Microsoft.PowerShell.Utility): a record for the information stream (stream 6).

The record always enters the stream (so ``6>&1`` and ``6> file`` get it); the host shows it only when
$InformationPreference or -InformationAction is Continue (default SilentlyContinue: not shown); Stop ends the
command with 5.1's preference text; Ignore drops it.  Inquire (a prompt), -Tags and -InformationVariable (the
record's tags and the variable of records) are refused as not emulated.
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/write-information?view=powershell-5.1
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_preference_variables?view=powershell-5.1#informationpreference
"""

from __future__ import annotations

from typing import Any

from labkit.twin.errors import NotEmulated
from labkit.twin.interpreter import CmdletContext
from labkit.twin.redirection import is_redirected
from labkit.twin.registry import cmdlet
from labkit.twin.values import to_string


@cmdlet("Write-Information", honours={"MessageData"})
def write_information(ctx: CmdletContext, args: dict[str, Any], input: Any) -> None:
    text = to_string(args.get("MessageData"))
    action = to_string(ctx.common.get("InformationAction") or ctx.engine.pref("informationpreference", "SilentlyContinue")).lower()
    if action == "ignore":
        return None
    if action == "stop":
        ctx.engine.terminate_stop("The running command stopped because the preference variable \"InformationPreference\" or "
                                  f"common parameter is set to Stop: {text}", ctx.command, ctx.name)
    if action not in ("continue", "silentlycontinue"):
        raise NotEmulated("Write-Information", f"$InformationPreference / -InformationAction {action}")
    if action == "continue" or is_redirected(ctx.engine.host_output):
        ctx.host_write(text)
    return None
