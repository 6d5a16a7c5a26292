"""Get-Culture and Get-UICulture (Microsoft.PowerShell.Utility): the lab servers run en-US (as $PSCulture and
$PSUICulture say), so both write that System.Globalization.CultureInfo.

5.1's cmdlets take no parameters but the common ones (-Name, -ListAvailable, -NoUserOverrides came in 6.2/7).
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/get-culture?view=powershell-5.1
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/get-uiculture?view=powershell-5.1
The object: labkit/twin/cultures.py.
"""

from __future__ import annotations

from typing import Any, Iterator

from labkit.twin.cultures import en_us
from labkit.twin.registry import cmdlet


@cmdlet("Get-Culture")
def get_culture(ctx: Any, args: dict[str, Any], input: Any) -> Iterator[Any]:
    yield en_us()


@cmdlet("Get-UICulture")
def get_ui_culture(ctx: Any, args: dict[str, Any], input: Any) -> Iterator[Any]:
    yield en_us()
