"""Which commands exist: on Windows (in-box), and in the twin.

A name the twin does not run is either a command Windows Server 2022 has
(its signature is in ``signatures.json``, or its name is in
``inbox_commands.json``, built from the file names of Microsoft's 5.1 and
winserver2022-ps reference pages, or it is a program Windows ships in
System32) -- then the twin says it is *not emulated* -- or a name that
exists nowhere, which gets Windows PowerShell 5.1's own
CommandNotFoundException text.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from labkit.twin.errors import CmdletError

INBOX_FILE = Path(__file__).with_name("inbox_commands.json")

#: Programs in C:\Windows\System32 of Windows Server 2022 that admins type and the twin does not run.
SYSTEM32_PROGRAMS = (
    "arp", "bcdedit", "certutil", "chkdsk", "diskpart", "dism", "fsutil", "gpresult", "gpupdate", "icacls", "klist",
    "mountvol", "nbtstat", "net", "netsh", "netstat", "nltest", "nslookup", "pathping", "powershell", "reg", "robocopy",
    "route", "sc", "schtasks", "setspn", "shutdown", "systeminfo", "takeown", "tasklist", "taskkill", "tracert", "w32tm",
    "wevtutil", "winrm", "wmic", "xcopy",
)

# 5.1's text for a name found nowhere (CommandNotFoundException; ErrorCategory ObjectNotFound).
NOT_RECOGNIZED = ("The term '{0}' is not recognized as the name of a cmdlet, function, script file, or operable program. "
                  "Check the spelling of the name, or if a path was included, verify that the path is correct and try again.")


@lru_cache(maxsize=1)
def inbox_commands() -> dict[str, tuple[str, str]]:
    """lower-case name -> (name, module) of every command the reference pages document."""
    doc = json.loads(INBOX_FILE.read_text(encoding="utf-8"))
    return {n.lower(): (n, m) for m, names in doc["modules"].items() for n in names}


@lru_cache(maxsize=1)
def builtin_aliases() -> dict[str, str]:
    """lower-case alias -> command: Windows PowerShell 5.1's built-in aliases (the pages' front matter)."""
    doc = json.loads(INBOX_FILE.read_text(encoding="utf-8"))
    return {a.lower(): c for a, c in doc.get("aliases", {}).items()}


#: Aliases a module exports: from Windows Server 2012 on, ServerManager keeps 2008 R2's cmdlet names as aliases of
#: the cmdlets that replaced them (`Get-Alias Add-WindowsFeature` reads "Add-WindowsFeature -> Install-WindowsFeature",
#: Source ServerManager). On 2008 R2 the names are the cmdlets themselves.
MODULE_ALIASES = {"add-windowsfeature": ("Add-WindowsFeature", "Install-WindowsFeature", "ServerManager"),
                  "remove-windowsfeature": ("Remove-WindowsFeature", "Uninstall-WindowsFeature", "ServerManager")}


def module_alias(name: str, on_host: Callable[[str, str], bool]) -> str | None:
    """The command module alias ``name`` stands for on a host (``on_host(name, module)``: whether it has a command),
    or None when ``name`` is no module alias. Where the host's version predates the alias, ``name`` is that
    version's own cmdlet, which the twin does not run: refused as not emulated."""
    hit = MODULE_ALIASES.get(name.lower())
    if hit is None:
        return None
    alias, target, module = hit
    if on_host(target, module):
        return target
    raise CmdletError(
        f"'{alias}' is not emulated by the twin: it is a cmdlet of Windows Server 2008 R2 (module {module}), but the labkit "
        f"twin does not run it. From Windows Server 2012 on it is an alias of {target}, which the twin runs.",
        "NotImplemented", "CommandNotEmulated", alias)


def windows_module(name: str, sig: Any = None) -> str | None:
    """The Windows module of command ``name`` (``"System32"`` for a program), or None if Windows has no such command."""
    if sig is not None:
        return sig.module or "?"
    hit = inbox_commands().get(name.lower())
    if hit is not None:
        return hit[1]
    key = name.lower()[:-4] if name.lower().endswith(".exe") else name.lower()
    return "System32" if key in SYSTEM32_PROGRAMS else None


def unknown_command(name: str, sig: Any = None, on_host: Callable[[str, str], bool] | None = None) -> CmdletError:
    """The error for a command the twin cannot run: not emulated (Windows has it) or not recognized.

    ``on_host(name, module)`` tells whether the host's Windows Server version has the command
    (labkit.os_versions); a command its version lacks is not recognized there, as on that Windows."""
    module = windows_module(name, sig)
    if module is not None and module != "System32" and on_host is not None and not on_host(name, module):
        module = None
    if module is None:
        return CmdletError(NOT_RECOGNIZED.format(name), "ObjectNotFound", "CommandNotFoundException", name)
    canonical = sig.name if sig is not None else inbox_commands().get(name.lower(), (name, ""))[0]
    where = "a program of Windows Server 2022" if module == "System32" else f"a command of Windows Server 2022 (module {module})"
    return CmdletError(
        f"'{canonical}' is not emulated by the twin: it is {where}, but the labkit twin does not run it. "
        "Get-Command lists what the twin runs; run this on a Windows lab for the rest.",
        "NotImplemented", "CommandNotEmulated", canonical)
