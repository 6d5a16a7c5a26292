"""The automatic variables a script finds set when it starts (about_Automatic_Variables, 5.1).

A script that reaches the twin arrives as text (WinRM runs it as a script
block), so ``$PSScriptRoot`` and ``$PSCommandPath`` are empty and
``$MyInvocation.ScriptName`` is empty, as for any script block that is not a
file.

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_automatic_variables?view=powershell-5.1
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from typing import Any

from labkit.twin.objects import PSObject


def automatic_variables(g: dict[str, Any], host: str, source: str) -> None:
    g.update(_for_script(host, source))


@lru_cache(maxsize=64)
def _for_script(host: str, source: str) -> dict[str, Any]:
    """Built once per host and script text: an engine is made for every run, and these objects are read-only to scripts."""
    from labkit.twin.cultures import en_us
    from labkit.twin.script_binding import invocation_info

    g: dict[str, Any] = {}
    g["pid"] = 1000 + zlib.crc32(host.encode("utf-8")) % 8000      # a stable process id per host
    g["pshome"] = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0"
    g["shellid"] = "Microsoft.PowerShell"
    g["psculture"] = "en-US"
    g["psuiculture"] = "en-US"
    g["psscriptroot"] = ""
    g["pscommandpath"] = ""
    g["psedition"] = "Desktop"
    g["host"] = PSObject("System.Management.Automation.Internal.Host.InternalHost",
                         {"Name": "ConsoleHost", "Version": "5.1.20348.2849", "CurrentCulture": en_us(),
                          "CurrentUICulture": en_us()}, tostring="System.Management.Automation.Internal.Host.InternalHost")
    # $Host.UI (the host's RawUI: window and buffer sizes, colours) is not modelled: reading it is refused
    # (labkit.twin.unmodelled), not a silent $null that $Host.UI.RawUI.WindowSize would pass on
    info = invocation_info("", 0, 0, "", None, [], command_type="Script", definition=source)
    info.set("InvocationName", "")
    info.set("CommandOrigin", "Runspace")
    g["myinvocation"] = info
    return g
