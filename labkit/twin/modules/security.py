"""Microsoft.PowerShell.Security as the twin has it: Get-ExecutionPolicy.

Windows Server 2022 sets RemoteSigned for the local machine and nothing in the other scopes: "RemoteSigned
... The default execution policy for Windows server computers" (about_Execution_Policies,
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_execution_policies?view=powershell-5.1).
The twin has no Group Policy and runs no Set-ExecutionPolicy (refused as not emulated), so these stay the policies of
every host; local script files run under them (labkit.twin.script_files; the twin models no downloaded files).

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.security/get-executionpolicy?view=powershell-5.1
"""

from __future__ import annotations

from typing import Any, Iterable

from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.values import to_string

# Microsoft.PowerShell.ExecutionPolicy and ExecutionPolicyScope, with their .NET values
POLICIES = {"Unrestricted": 0, "RemoteSigned": 1, "AllSigned": 2, "Restricted": 3, "Bypass": 4, "Undefined": 5}
SCOPES = {"Process": 0, "CurrentUser": 1, "LocalMachine": 2, "UserPolicy": 3, "MachinePolicy": 4}
#: -List's order: the scopes by precedence (Example 1 of the page)
LIST_ORDER = ("MachinePolicy", "UserPolicy", "Process", "CurrentUser", "LocalMachine")
SERVER_POLICIES = {"LocalMachine": "RemoteSigned"}     # Windows Server's default; every other scope Undefined


def _policy(name: str) -> PSEnum:
    return PSEnum("Microsoft.PowerShell.ExecutionPolicy", name, POLICIES[name])


def _scope_policy(scope: str) -> str:
    return SERVER_POLICIES.get(scope, "Undefined")


@cmdlet("Get-ExecutionPolicy", honours={"Scope", "List"})
def get_execution_policy(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    if args.get("List"):
        return [PSObject("System.Management.Automation.PSCustomObject", {
            "Scope": PSEnum("Microsoft.PowerShell.ExecutionPolicyScope", scope, SCOPES[scope]),
            "ExecutionPolicy": _policy(_scope_policy(scope))}) for scope in LIST_ORDER]
    if "Scope" in args and args["Scope"] is not None:
        wanted = to_string(args["Scope"]).lower()
        scope = next(s for s in SCOPES if s.lower() == wanted)     # the binder took only the accepted values
        return [_policy(_scope_policy(scope))]
    # the effective policy: the first scope in precedence order that sets one (about_Execution_Policies)
    effective = next((p for p in (_scope_policy(s) for s in LIST_ORDER) if p != "Undefined"), "Restricted")
    return [_policy(effective)]
