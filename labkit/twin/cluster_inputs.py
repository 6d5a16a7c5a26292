"""The objects a Get-Cluster* cmdlet's -InputObject takes, as its Windows Server 2022 page names them
(https://learn.microsoft.com/en-us/powershell/module/failoverclusters/?view=windowsserver2022-ps):

- Get-ClusterNode, Get-ClusterNetwork, Get-ClusterSharedVolume, Get-ClusterAvailableDisk: "the cluster on which to
  enumerate" them; Get-ClusterQuorum: "the cluster for which to query the quorum type";
- Get-ClusterGroup: "the cluster or cluster node";
- Get-ClusterResource: "the cluster node or cluster group" (and the cluster, which holds them all).

Another object piped in (a resource into Get-ClusterGroup, a VM into Get-ClusterNode) is refused as not emulated:
ignoring it answered for the whole cluster, a silent wrong answer.
"""

from __future__ import annotations

from typing import Any

from labkit.twin.errors import NotEmulated
from labkit.twin.objects import PSObject
from labkit.twin.values import as_list

FC = "Microsoft.FailoverClusters.PowerShell."


def check_input(cmdlet_name: str, args: dict[str, Any], input: Any, accepted: tuple[str, ...]) -> None:
    """Refuse an -InputObject (bound or piped) that is none of ``accepted`` (type names after Microsoft.FailoverClusters.PowerShell.).
    A VM piped to Get-ClusterGroup / Get-ClusterResource is read by its VMId (bound by property name), not refused."""
    if "VMId" in args:
        return
    objs = [o for o in as_list(args.get("InputObject")) if isinstance(o, PSObject)] or ([input] if isinstance(input, PSObject) else [])
    for o in objs:
        if not any(o.type_name == FC + t for t in accepted):
            raise NotEmulated(cmdlet_name, f"-InputObject of type {o.type_name} (it takes {' or '.join(accepted)} objects)")
