"""The cluster object's writable property: Cluster Shared Volumes enabled by hand on 2008 R2.

On Windows Server 2008 R2, Cluster Shared Volumes were off in a new cluster:
the administrator enabled them once ("Enable Cluster Shared Volumes" in
Failover Cluster Manager, accepting the notice that CSV is for Hyper-V only),
which sets the cluster's common property EnableSharedVolumes
(ENABLE_CLUSTER_SHARED_VOLUMES in clusapi.h,
https://learn.microsoft.com/en-us/windows/win32/api/clusapi/).  The
FailoverClusters module of 2008 R2 exposes it on the object Get-Cluster
returns, so PowerShell enables it with::

    (Get-Cluster).EnableSharedVolumes = "Enabled"

From Windows Server 2012 on, CSV is always on (Failover Clustering's "What's
New in Windows Server 2012": CSV no longer needs enabling), and the twin
refuses to set the property there as not emulated.  Any other property of the
cluster object the twin does not act on is refused the same way, never set on a
copy and forgotten.
"""

from __future__ import annotations

from typing import Any

from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.objects import PSObject
from labkit.twin.values import to_string
from labkit.twin.world import Cluster, World

CLUSTER_TYPE = "Microsoft.FailoverClusters.PowerShell.Cluster"
VALUES = {"enabled": True, "1": True, "disabled": False, "0": False}


def shared_volumes_state(c: Cluster) -> str:
    return "Enabled" if c.shared_volumes_enabled else "Disabled"


def uses_2008r2(world: World | None, c: Cluster) -> bool:
    return world is not None and any(world.host(n.name).os_version == "2008R2" for n in c.nodes)


class ClusterObject(PSObject):
    """What Get-Cluster returns: assigning EnableSharedVolumes on a 2008 R2 cluster changes the cluster."""

    def __init__(self, world: World | None, cluster: Cluster, props: dict[str, Any], **kw: Any) -> None:
        self._ready = False
        super().__init__(CLUSTER_TYPE, props, **kw)
        self._world, self._cluster, self._ready = world, cluster, True

    def set(self, name: str, value: Any) -> None:
        if not getattr(self, "_ready", False) or not self.has(name):   # building it, or a note property added to it
            super().set(name, value)
            return
        if name.lower() != "enablesharedvolumes":
            raise NotEmulated("The cluster object", f"setting its property '{name}'")
        if not uses_2008r2(self._world, self._cluster):
            raise NotEmulated("The cluster object", "setting EnableSharedVolumes on Windows Server 2012 and later "
                                                   "(Cluster Shared Volumes are always enabled there)")
        enabled = VALUES.get(to_string(value).strip().lower())
        if enabled is None:
            raise CmdletError(f"Cannot set EnableSharedVolumes to '{to_string(value)}': the values are Enabled and Disabled.",
                              "InvalidArgument", "InvalidEnableSharedVolumes", value)
        if not enabled and self._cluster.csvs():
            raise CmdletError(f"Cluster Shared Volumes cannot be disabled while the cluster '{self._cluster.name}' has some "
                              f"({', '.join(r.name for r in self._cluster.csvs())}): remove them first (Remove-ClusterSharedVolume).",
                              "InvalidOperation", "SharedVolumesInUse", value)
        self._cluster.shared_volumes_enabled = enabled
        if self._world is not None:
            self._world.record("csv-enabled" if enabled else "csv-disabled", cluster=self._cluster.name)
        super().set(name, shared_volumes_state(self._cluster))


def require_shared_volumes(c: Cluster, disk_name: str) -> None:
    """Add-ClusterSharedVolume on a 2008 R2 cluster whose CSV are not enabled yet."""
    if not c.shared_volumes_enabled:
        raise CmdletError(
            f"Cannot add '{disk_name}' to Cluster Shared Volumes: Cluster Shared Volumes are not enabled on cluster '{c.name}'. "
            "On Windows Server 2008 R2, enable them first: Failover Cluster Manager's 'Enable Cluster Shared Volumes', or "
            "(Get-Cluster).EnableSharedVolumes = 'Enabled'.", "InvalidOperation", "SharedVolumesNotEnabled", disk_name)
