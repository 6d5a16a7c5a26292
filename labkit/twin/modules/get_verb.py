"""Get-Verb: the approved verbs of Windows PowerShell 5.1, with their groups.

In 5.1 Get-Verb is a function over the static properties of the engine's Verbs* classes (VerbsCommon,
VerbsData, VerbsLifecycle, VerbsDiagnostic, VerbsCommunications, VerbsSecurity, VerbsOther, in that order,
each class's verbs in Get-Member's alphabetical order); for each -verb pattern (default *) it writes the
verbs -like the pattern as objects with Verb and Group.
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/get-verb?view=powershell-5.1
The verbs: src/System.Management.Automation/utils/Verbs.cs as PowerShell's repository imported it from 5.1
(commit 60b3b304f2); PowerShell 6 added Build and Deploy, 7 added descriptions and aliases.
"""

from __future__ import annotations

from typing import Any, Iterator

from labkit.twin.objects import PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.values import as_list, like, to_string

VERBS: dict[str, str] = {
    "Common": "Add Clear Close Copy Enter Exit Find Format Get Hide Lock Move New Open Optimize Push Pop Remove Rename Reset "
              "Resize Set Search Show Skip Step Join Redo Split Switch Select Undo Unlock Watch",
    "Data": "Backup Checkpoint Compare Compress Convert ConvertFrom ConvertTo Edit Expand Export Group Import Initialize Limit "
            "Merge Publish Restore Save Sync Unpublish Update Mount Dismount Out",
    "Lifecycle": "Approve Assert Complete Confirm Deny Disable Enable Install Invoke Register Request Restart Resume Start Stop "
                 "Submit Suspend Uninstall Unregister Wait",
    "Diagnostic": "Debug Measure Ping Repair Resolve Test Trace",
    "Communications": "Send Receive Connect Disconnect Write Read",
    "Security": "Grant Revoke Protect Unprotect Block Unblock",
    "Other": "Use",
}


def approved() -> list[tuple[str, str]]:
    """(verb, group) in the order Get-Verb writes them."""
    return [(v, group) for group, names in VERBS.items() for v in sorted(names.split(), key=str.lower)]


@cmdlet("Get-Verb", honours={"Verb"})
def get_verb(ctx: Any, args: dict[str, Any], input: Any) -> Iterator[Any]:
    for pattern in (to_string(p) for p in as_list(args.get("Verb", "*"))):
        for verb, group in approved():
            if like(verb, pattern):
                yield PSObject(["Selected.Microsoft.PowerShell.Commands.MemberDefinition", "System.Management.Automation.PSCustomObject"],
                               {"Verb": verb, "Group": group})
