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



def automatic_variables(g: dict[str, Any], host: str, source: str) -> None:
    g.update(_for_script(host, source))


@lru_cache(maxsize=64)
def _for_script(host: str, source: str) -> dict[str, Any]:
    """Built once per host and script text: an engine is made for every run, and these objects are read-only to scripts."""
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
    # $Host is made per run, with the engine it writes to (labkit.twin.console_host)
    info = invocation_info("", 0, 0, "", None, [], command_type="Script", definition=source)
    info.set("InvocationName", "")
    info.set("CommandOrigin", "Runspace")
    g["myinvocation"] = info
    from labkit.twin.engine_intrinsics import execution_context
    g["executioncontext"] = execution_context()
    return g
