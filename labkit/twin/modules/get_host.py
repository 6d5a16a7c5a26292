"""Get-Host (Microsoft.PowerShell.Utility): the object that stands for the current host, the one $Host holds.
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/get-host?view=powershell-5.1
"""

from __future__ import annotations

from typing import Any, Iterator

from labkit.twin.registry import cmdlet


@cmdlet("Get-Host")
def get_host(ctx: Any, args: dict[str, Any], input: Any) -> Iterator[Any]:
    yield ctx.engine.global_scope.lookup("host")
