"""New-TemporaryFile (Microsoft.PowerShell.Utility): an empty tmp<NNNN>.tmp file in the TEMP folder, as a FileInfo.

It calls Path.GetTempFileName() (labkit/twin/temp_files.py) after ShouldProcess on the TEMP folder, so -WhatIf
writes "What if: Performing the operation "New-TemporaryFile" on target "<TEMP>\"." and creates nothing.
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/new-temporaryfile?view=powershell-5.1
"""

from __future__ import annotations

from typing import Any, Iterator

from labkit.twin.interpreter import CmdletContext
from labkit.twin.modules.management import item_object
from labkit.twin.registry import cmdlet
from labkit.twin.temp_files import TEMP_FOLDER, get_temp_file_name
from labkit.twin.values import to_bool


@cmdlet("New-TemporaryFile", honours={"WhatIf"})
def new_temporary_file(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    if to_bool(args.get("WhatIf")) or str(ctx.engine.pref("whatifpreference", "False")).lower() == "true":
        ctx.host_write(f'What if: Performing the operation "New-TemporaryFile" on target "{TEMP_FOLDER}\\".')
        return
    path = get_temp_file_name(ctx.engine, ctx.command.line)
    yield item_object(ctx, ctx.world.host(ctx.host), path)
