"""Write-Information (Microsoft.PowerShell.Utility): a record for the information stream (stream 6).

The record always enters the stream (so ``6>&1``, ``6> file``, -InformationVariable and a runspace's
Streams.Information get it, labkit.twin.information_records); the host shows it only when $InformationPreference
or -InformationAction is Continue (default SilentlyContinue: not shown); Stop ends the command with 5.1's
preference text; Ignore drops it.  Inquire (a prompt) is refused as not emulated.
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/write-information?view=powershell-5.1
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_preference_variables?view=powershell-5.1#informationpreference
"""

from __future__ import annotations

from typing import Any

from labkit.twin.errors import NotEmulated
from labkit.twin.information_records import information_record, write_record
from labkit.twin.interpreter import CmdletContext
from labkit.twin.redirection import is_redirected
from labkit.twin.registry import cmdlet
from labkit.twin.values import as_list, to_string


@cmdlet("Write-Information", honours={"MessageData", "Tags"})
def write_information(ctx: CmdletContext, args: dict[str, Any], input: Any) -> None:
    data = args.get("MessageData")
    text = "" if data is None else to_string(data)
    action = to_string(ctx.common.get("InformationAction") or ctx.engine.pref("informationpreference", "SilentlyContinue")).lower()
    if action == "ignore":
        return None
    if action not in ("continue", "silentlycontinue", "stop"):
        raise NotEmulated("Write-Information", f"$InformationPreference / -InformationAction {action}")
    record = information_record(ctx, data, [to_string(t) for t in as_list(args.get("Tags"))] if "Tags" in args else [])
    write_record(ctx, record)
    if action == "stop":
        ctx.engine.terminate_stop("The running command stopped because the preference variable \"InformationPreference\" or "
                                  f"common parameter is set to Stop: {text}", ctx.command, ctx.name)
    if is_redirected(ctx.engine.host_output):
        ctx.host_write(record)     # type: ignore[arg-type]  (6>&1 gets the record itself)
    elif action == "continue":
        ctx.host_write(text)
    return None
