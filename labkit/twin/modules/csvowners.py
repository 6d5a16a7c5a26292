"""FailoverClusters: Move-ClusterSharedVolume, which node coordinates a Cluster Shared Volume.

"On a failover cluster that uses CSVs, at any given time, access to each CSV is controlled by a particular node,
called the owner of that CSV"; the cmdlet "moves a Cluster Shared Volume (CSV) to ownership by a different node":
without -Node to another node of the cluster, with -Node to that one
(https://learn.microsoft.com/en-us/powershell/module/failoverclusters/move-clustersharedvolume?view=windowsserver2022-ps,
Examples 1 and 2). The VMs on the volume keep running wherever they run: only the coordinator changes
(Get-ClusterSharedVolume's OwnerNode, Get-ClusterSharedVolumeState's StateInfo stays Direct on every node).
"""

from __future__ import annotations

from typing import Any, Iterable

from labkit.twin.cluster_common import select_named
from labkit.twin.errors import CmdletError
from labkit.twin.modules.failoverclusters import csv_object, my_cluster
from labkit.twin.objects import PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.values import as_list


@cmdlet("Move-ClusterSharedVolume", honours={"Name", "Node", "InputObject", "Cluster"})
def move_cluster_shared_volume(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    c = my_cluster(ctx, args, "Move-ClusterSharedVolume")
    csvs = c.csvs()
    objs = [o for o in as_list(args.get("InputObject")) if isinstance(o, PSObject)] or ([input] if isinstance(input, PSObject) else [])
    names = [str(o.get("Name")) for o in objs] + ([str(args["Name"])] if args.get("Name") else [])
    if not names:
        raise CmdletError("Move-ClusterSharedVolume: name the Cluster Shared Volume to move (-Name, or one piped from "
                          "Get-ClusterSharedVolume).", "InvalidArgument", "MissingName", None)
    chosen, missing = select_named(csvs, names, lambda r: r.name)
    for n in missing:
        ctx.error(f"The cluster shared volume '{n}' was not found.", "ObjectNotFound", n, "ClusterObjectNotFound")
    out = []
    for r in chosen:
        up = [n for n in sorted(c.nodes, key=lambda n: n.id) if n.state == "Up" and world.host(n.name).running]
        if args.get("Node"):
            wanted = str(args["Node"]).split(".")[0]
            target = next((n for n in c.nodes if n.name.lower() == wanted.lower()), None)
            if target is None:
                raise CmdletError(f"The node '{args['Node']}' is not a node of cluster {c.name}.", "ObjectNotFound",
                                  "ClusterObjectNotFound", args["Node"])
            if target not in up:
                raise CmdletError(f"The node '{target.name}' is {target.state.lower()} and cannot own the Cluster Shared "
                                  f"Volume '{r.name}'.", "InvalidOperation", "NodeNotUp", target.name)
        else:
            others = [n for n in up if n.name.lower() != (r.csv_owner or "").lower()]
            if not others:
                raise CmdletError(f"No other node of cluster {c.name} is up to own the Cluster Shared Volume '{r.name}'.",
                                  "InvalidOperation", "NoNodeAvailable", r.name)
            target = others[0]
        r.csv_owner = target.name
        ctx.advance(2.0)
        out.append(csv_object(world, c, r))
    return out
