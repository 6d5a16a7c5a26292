"""The properties of a script block value (System.Management.Automation.ScriptBlock, 5.1:
https://learn.microsoft.com/dotnet/api/system.management.automation.scriptblock).

The twin answers those it knows: ``IsFilter``, ``IsConfiguration`` and ``DebuggerHidden`` ($false: a script block
literal is no filter, the twin has no DSC configurations and no debugger) and ``Module`` ($null: the twin loads no
script modules).  ``Ast``, ``Attributes``, ``File`` (a block does not keep the file it was read from), ``Id`` and
``StartPosition`` are not modelled: reading one is refused as not emulated, never a silent $null.
"""

from __future__ import annotations

from typing import Any

from labkit.twin.errors import CmdletError

_REFUSED = {"ast": "Ast", "attributes": "Attributes", "file": "File", "id": "Id", "startposition": "StartPosition"}
_FALSE = ("isfilter", "isconfiguration", "debuggerhidden")


def script_block_property(block: Any, name: str) -> Any:
    """``$sb.Name``: its value, or NotEmulated for the documented properties the twin does not model; None for a
    name ScriptBlock does not have (as PowerShell answers)."""
    low = name.lower()
    if low in _REFUSED:
        raise CmdletError(f"The property '{_REFUSED[low]}' of System.Management.Automation.ScriptBlock is not emulated by "
                          "the labkit twin: Windows' object has it, the twin's does not model it.",
                          "NotImplemented", "NotEmulated", name)
    if low in _FALSE:
        return False
    return None
