"""FailoverClusters: nodes joining and leaving a cluster (Add-ClusterNode, Remove-ClusterNode).

- Add-ClusterNode adds a server to the cluster and returns the new node
  (https://learn.microsoft.com/en-us/powershell/module/failoverclusters/add-clusternode?view=windowsserver2022-ps):
  the server must run the Failover Clustering feature, be in the cluster's
  domain and reachable (the cmdlet needs CredSSP when run remotely); without
  -NoStorage it also adds the shared disks every node sees.  A cluster holds at
  most 16 nodes on Windows Server 2008 R2 and 64 from 2012 on (Failover
  Clustering, "What's New in Windows Server 2012").  Nodes of different Windows
  Server versions meet only in a cluster OS rolling upgrade, which the twin does
  not emulate: it refuses them.
- Remove-ClusterNode evicts a node
  (https://learn.microsoft.com/en-us/powershell/module/failoverclusters/remove-clusternode?view=windowsserver2022-ps):
  its roles move to the other nodes first (VMs live when they can), then it no
  longer takes part in the cluster until added back; it writes no output.
"""

from __future__ import annotations

from typing import Any, Iterable

from labkit.os_versions import version as windows_version
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.logon import require_reach
from labkit.twin.modules.failoverclusters import _nodes, add_disk, available_disks, evacuate_node, my_cluster, node_object
from labkit.twin.objects import PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.values import as_list, to_string
from labkit.twin.world import ClusterNode


@cmdlet("Add-ClusterNode", honours={"Name", "NoStorage", "InputObject", "Cluster"})
def add_cluster_node(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    given = [o for o in as_list(args.get("InputObject")) if isinstance(o, PSObject)] or ([input] if isinstance(input, PSObject) else [])
    cluster_name = to_string(given[0].get("Name")) if given else args.get("Cluster")
    c = my_cluster(ctx, {"Cluster": cluster_name}, "Add-ClusterNode")
    names = [to_string(n).split(".")[0] for n in as_list(args.get("Name"))]
    if not names:
        raise CmdletError("Add-ClusterNode: name the server to add (-Name).", "InvalidArgument", "NoNodeName", None)
    version = world.host(c.nodes[0].name).os_version
    limit = windows_version(version).node_limit
    if len(c.nodes) + len(names) > limit:
        raise CmdletError(f"Adding {len(names)} node(s) to cluster {c.name} failed: {len(c.nodes) + len(names)} nodes exceed the maximum of "
                          f"{limit} nodes in a Windows Server {version} failover cluster.", "InvalidOperation", "AddClusterNodeFailed", names[0])
    out = []
    for name in names:
        h = world.find_host(name)
        if h is None:
            raise CmdletError(f"Adding node '{name}' to cluster {c.name} failed: the computer '{name}' could not be found (no such host "
                              f"in domain {world.domain}).", "ObjectNotFound", "AddClusterNodeFailed", name)
        if c.node(h.name) is not None:
            raise CmdletError(f"Adding node '{h.name}' failed: it is already a member of cluster '{c.name}'.", "ResourceExists",
                              "AddClusterNodeFailed", h.name)
        if not h.running:
            raise CmdletError(f"Adding node '{h.name}' failed: the node could not be contacted (it is not running).", "ConnectionError",
                              "AddClusterNodeFailed", h.name)
        if h.name.lower() != ctx.host.lower():
            require_reach(ctx, h.name)   # the double hop: labkit/twin/logon.py
        if not h.installed("Failover-Clustering"):
            raise CmdletError(f"Adding node '{h.name}' failed: the Failover Clustering feature is not installed on it. Install it there "
                              "first (Install-WindowsFeature Failover-Clustering -IncludeManagementTools).", "InvalidOperation",
                              "AddClusterNodeFailed", h.name)
        if not h.domain or h.domain.lower() != world.domain.lower():
            raise CmdletError(f"Adding node '{h.name}' failed: it is not joined to domain {world.domain}: every node of a cluster must be "
                              "a member of the same domain.", "InvalidOperation", "AddClusterNodeFailed", h.name)
        if h.os_version != version:
            raise NotEmulated("Add-ClusterNode", f"adding a Windows Server {h.os_version} node to a Windows Server {version} cluster "
                                                 "(a cluster OS rolling upgrade)")
        # Node ids are not reused: an evicted node's id stays taken.
        used = [n.id for n in c.nodes] + [int(e.get("id", 0)) for e in world.history if e.get("kind") == "node-evicted"]
        node = ClusterNode(name=h.name, id=max(used, default=0) + 1)
        c.nodes.append(node)
        if not args.get("NoStorage"):
            for disk_id in available_disks(world, c):
                add_disk(world, c, disk_id)
        ctx.advance(30.0)
        world.record("node-added", node=h.name, cluster=c.name)
        out.append(node_object(c, node, world))
    return out


@cmdlet("Remove-ClusterNode", honours={"Name", "InputObject", "Cluster", "Force", "Confirm"})
def remove_cluster_node(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # -Force and -Confirm only decide whether Windows asks first; the twin never asks.
    world = ctx.world
    c = my_cluster(ctx, args, "Remove-ClusterNode")
    for n in _nodes(ctx, c, args, input):
        if len(c.nodes) == 1:
            raise CmdletError(f"The node '{n.name}' is the last node of cluster {c.name}: evicting it would leave no cluster. "
                              "Remove the cluster instead (Remove-Cluster, not emulated by the twin).", "InvalidOperation",
                              "LastNode", n.name)
        if n.name.lower() != ctx.host.lower():
            require_reach(ctx, n.name)
        evacuate_node(world, n.name, reason="evict", advance=ctx.advance)
        left = [g.name for g in c.groups if g.owner.lower() == n.name.lower()]
        if left:
            raise CmdletError(f"Evicting node '{n.name}' failed: its roles {', '.join(left)} could not move to another node.",
                              "InvalidOperation", "EvictNodeFailed", n.name)
        c.nodes = [m for m in c.nodes if m is not n]
        ctx.advance(15.0)
        world.record("node-evicted", node=n.name, id=n.id, cluster=c.name)
    return []
