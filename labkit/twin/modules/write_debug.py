"""Write-Debug (Microsoft.PowerShell.Utility): a message for the debug stream, which $DebugPreference governs.

With the default SilentlyContinue the message is not written at all (nothing shows, nothing reaches 5>&1); Stop
ends the command with 5.1's "preference variable is set to Stop" error.  Showing it (Continue) or asking
(Inquire, which -Debug means in 5.1) needs a debug stream the twin does not keep: refused as not emulated.
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/write-debug?view=powershell-5.1
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_preference_variables?view=powershell-5.1#debugpreference
"""

from __future__ import annotations

from typing import Any

from labkit.twin.errors import NotEmulated
from labkit.twin.interpreter import CmdletContext
from labkit.twin.registry import cmdlet
from labkit.twin.values import to_bool, to_string


@cmdlet("Write-Debug", honours={"Message"})
def write_debug(ctx: CmdletContext, args: dict[str, Any], input: Any) -> None:
    text = to_string(args.get("Message"))
    if "Debug" in ctx.common and to_bool(ctx.common["Debug"]):
        raise NotEmulated("Write-Debug", "-Debug (5.1 asks whether to continue: Inquire)")
    pref = to_string(ctx.engine.pref("debugpreference", "SilentlyContinue")).lower()
    if pref == "silentlycontinue":
        return None
    if pref == "stop":
        ctx.engine.terminate_stop("The running command stopped because the preference variable \"DebugPreference\" or common "
                                  f"parameter is set to Stop: {text}", ctx.command, ctx.name)
    raise NotEmulated("Write-Debug", f"writing the debug stream ($DebugPreference is {pref}; the twin keeps no debug stream)")
