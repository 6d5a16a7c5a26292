"""-WhatIf of the cmdlets the twin emulates: the line ShouldProcess writes instead of acting.

``What if: Performing the operation "<action>" on target "<target>".`` (the ShouldProcess message of
MshCommandRuntime, CommandBaseStrings.resx ShouldProcessWhatIfMessage), with each cmdlet's own action and target
texts, cited where they are used (the FileSystem provider's from FileSystemProviderStrings.resx, the content
cmdlets' from NavigationResources.resx). ``$WhatIfPreference = $true`` reaches a cmdlet as -WhatIf
(labkit.twin.script_binding.preference_switches).
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_commonparameters?view=powershell-5.1#-whatif
"""

from __future__ import annotations

from typing import Any

from labkit.twin.values import to_bool


def skipped(ctx: Any, args: dict[str, Any], action: str, target: str) -> bool:
    """Under -WhatIf: write the What-if line for ``action`` on ``target`` and answer True (the caller skips the
    action); otherwise False."""
    if not to_bool(args.get("WhatIf")):
        return False
    ctx.host_write(f'What if: Performing the operation "{action}" on target "{target}".')
    return True
