"""FailoverClusters cmdlets admins type to look into a running cluster:
Get-ClusterNetworkInterface, Get-ClusterSharedVolumeState,
Get-ClusterParameter, Start-ClusterResource, Stop-ClusterResource and
Get-ClusterLog (which writes each node's cluster.log from the world's event
stream).  The procedure's own cluster cmdlets are in failoverclusters.py.
"""

from __future__ import annotations

import fnmatch
import ipaddress
import ntpath
from typing import Any, Iterable

from labkit.twin.clock import lab_time
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.events import emit
from labkit.twin.modules.failoverclusters import my_cluster, resource_object
from labkit.twin.file_members import filesystem_item
from labkit.twin.modules.management import full_path, item_object, make_folder, write_text
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.values import as_list, to_string
from labkit.twin.world import Cluster, ClusterNet, Host, Resource, World

# CLUSTER_NETINTERFACE_STATE (clusapi.h): https://learn.microsoft.com/en-us/windows/win32/api/clusapi/ne-clusapi-cluster_netinterface_state
INTERFACE_STATE = {"Unknown": -1, "Unavailable": 0, "Failed": 1, "Unreachable": 2, "Up": 3}
RESOURCE_STATE = {"Online": 2, "Offline": 3, "Failed": 4, "Pending": 128}

#: What a resource needs online first (Windows creates the core resources with these dependencies).
DEPENDS_ON = {"Cluster Name": ["Cluster IP Address"]}


def _names(value: Any) -> list[str]:
    return [to_string(v) for v in as_list(value)]


def _match(patterns: list[str], value: str) -> bool:
    return not patterns or any(fnmatch.fnmatch(value.lower(), p.lower()) for p in patterns)


# -- network interfaces ---------------------------------------------------------------------

def interface_object(world: World, c: Cluster, node: str, net: ClusterNet) -> PSObject | None:
    host = world.host(node)
    hit = host.address_on(net.cidr)
    if hit is None:
        return None
    adapter, address = hit
    n = c.node(node)
    if n is None or n.state == "Down" or not host.running:
        state = "Unavailable"
    elif not world.link_up(host, net.network):
        state = "Failed"
    else:
        others = [m for m in c.nodes if m.name.lower() != node.lower() and m.state != "Down" and world.host(m.name).running]
        state = "Up" if not others or any(world.link_up(world.host(m.name), net.network) for m in others) else "Unreachable"
    return PSObject(
        "Microsoft.FailoverClusters.PowerShell.ClusterNetworkInterface",
        {"Name": f"{node} - {adapter.name}", "Node": node, "Network": net.name, "Adapter": adapter.description, "Address": address,
         "Ipv4Addresses": [address], "State": PSEnum("Microsoft.FailoverClusters.PowerShell.ClusterNetworkInterfaceState", state, INTERFACE_STATE[state]),
         "Cluster": c.name, "Description": "", "DhcpEnabled": 0, "Id": f"{node}:{net.name}"},
        display=["Name", "Node", "Network", "State"], tostring=f"{node} - {adapter.name}",
    )


@cmdlet("Get-ClusterNetworkInterface", honours={"Name", "Node", "Network", "InputObject", "Cluster"})
def get_cluster_network_interface(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/failoverclusters/get-clusternetworkinterface?view=windowsserver2022-ps
    world = ctx.world
    c = my_cluster(ctx, args, "Get-ClusterNetworkInterface")
    nodes, networks = _names(args.get("Node")), _names(args.get("Network"))
    obj = args.get("InputObject") if "InputObject" in args else input
    if obj is not None and not isinstance(obj, PSObject):
        raise NotEmulated("Get-ClusterNetworkInterface", f"-InputObject '{to_string(obj)}' (give a cluster node or network object)")
    if isinstance(obj, PSObject):
        if obj.type_name.endswith("ClusterNode"):
            nodes = [to_string(obj.get("Name"))]
        elif obj.type_name.endswith("ClusterNetwork"):
            networks = [to_string(obj.get("Name"))]
        elif obj.type_name.endswith(".Cluster"):
            pass      # -InputObject: "the cluster on which to enumerate the cluster network interfaces"
        else:
            raise NotEmulated("Get-ClusterNetworkInterface", f"input of type {obj.type_name}")
    out = []
    for n in c.nodes:
        if not _match(nodes, n.name):
            continue
        for net in c.networks:
            if not _match(networks, net.name):
                continue
            o = interface_object(world, c, n.name, net)
            if o is not None and _match(_names(args.get("Name")), to_string(o.get("Name"))):
                out.append(o)
    return out


# -- CSV state ---------------------------------------------------------------------------------

@cmdlet("Get-ClusterSharedVolumeState", honours={"Name", "Node", "InputObject", "Cluster"})
def get_cluster_shared_volume_state(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/failoverclusters/get-clustersharedvolumestate?view=windowsserver2022-ps
    world = ctx.world
    c = my_cluster(ctx, args, "Get-ClusterSharedVolumeState")
    names, nodes = _names(args.get("Name")), _names(args.get("Node"))
    obj = args.get("InputObject") if "InputObject" in args else input
    if isinstance(obj, PSObject):
        names = [to_string(obj.get("Name"))]
    out = []
    for r in c.csvs():
        if not _match(names, r.name):
            continue
        disk = world.disk(r.disk_id or "")
        part = next((p for p in disk.partitions if p.volume), None)
        guid = part.volume.guid if part and part.volume else ""
        for n in c.nodes:
            if not _match(nodes, n.name):
                continue
            host = world.host(n.name)
            up = n.state != "Down" and host.running and r.state == "Online"
            state = "Direct" if up else "Unavailable"
            # A 2008 R2 node that does not coordinate the CSV reaches it through the coordinator.
            if up and host.os_version == "2008R2" and (r.csv_owner or "").lower() != n.name.lower():
                state = "FileSystemRedirected"
            # A node that lost its path to the disk (its iSCSI session) keeps the CSV through the
            # coordinator over the network: BlockRedirected, reason NoDiskConnectivity.
            # https://techcommunity.microsoft.com/t5/failover-clustering/understanding-the-state-of-your-cluster-shared-volumes/ba-p/371889
            blocked = up and state == "Direct" and host.view(r.disk_id or "") is None
            if blocked:
                state = "BlockRedirected"
            out.append(PSObject(
                "Microsoft.FailoverClusters.PowerShell.ClusterSharedVolumeStateInfo",
                {"Name": r.name, "VolumeName": f"\\\\?\\Volume{{{guid}}}\\", "Node": n.name,
                 "StateInfo": PSEnum("Microsoft.FailoverClusters.PowerShell.ClusterSharedVolumeState", state,
                                     {"Unavailable": 0, "Paused": 1, "Direct": 2, "FileSystemRedirected": 3, "BlockRedirected": 4}[state]),
                 "VolumeFriendlyName": f"Volume{r.csv_volume}", "FileSystemRedirectedIOReason": "NotFileSystemRedirected" if state != "FileSystemRedirected" else "UserRequest",
                 "BlockRedirectedIOReason": "NoDiskConnectivity" if blocked else "NotBlockRedirected"},
                display=["Name", "VolumeName", "Node", "StateInfo", "VolumeFriendlyName", "FileSystemRedirectedIOReason", "BlockRedirectedIOReason"],
                tostring=r.name))
    return out


# -- parameters --------------------------------------------------------------------------------

PARAMETER_TYPE = {"String": 3, "UInt32": 2, "Int32": 6, "UInt64": 7, "Boolean": 1, "DateTime": 8, "MultiString": 4}


def resource_parameters(world: World, c: Cluster, r: Resource) -> list[tuple[str, Any, str]]:
    """(name, value, type) of a resource's private properties, as its resource type defines them."""
    if r.resource_type == "IP Address":
        net = next((n for n in c.networks if ipaddress.IPv4Address(c.address) in ipaddress.IPv4Network(n.cidr)), None)
        mask = str(ipaddress.IPv4Network(net.cidr).netmask) if net else ""
        return [("Network", net.name if net else "", "String"), ("Address", c.address, "String"), ("SubnetMask", mask, "String"),
                ("EnableNetBIOS", 1, "UInt32"), ("OverrideAddressMatch", 0, "UInt32"), ("EnableDhcp", 0, "UInt32"),
                ("ProbePort", 0, "UInt32"), ("ProbeFailureThreshold", 0, "UInt32")]
    if r.resource_type == "Network Name":
        # Name is the NetBIOS name, at most 15 characters: a longer cluster name is cut there, DnsName keeps it
        # whole (the computer object then differs from the cluster name, dsccommunity/FailoverClusterDsc#259;
        # MAX_COMPUTERNAME_LENGTH, https://learn.microsoft.com/en-us/windows/win32/sysinfo/computer-names).
        return [("Name", c.name[:15], "String"), ("DnsName", c.name, "String"), ("Aliases", "", "String"), ("RemapPipeNames", 0, "UInt32"),
                ("HostRecordTTL", 1200, "UInt32"), ("RegisterAllProvidersIP", 0, "UInt32"), ("PublishPTRRecords", 0, "UInt32"),
                ("TimerCallbackAdditionalThreshold", 5, "UInt32"), ("DnsSuffix", c.domain, "String")]
    if r.resource_type == "Physical Disk":
        disk = world.disk(r.disk_id or "")
        gpt = disk.partition_style == "GPT"
        return [("DiskIdType", 1 if gpt else 0, "UInt32"), ("DiskSignature", 0 if gpt else (disk.signature or 0), "UInt32"),
                ("DiskIdGuid", (disk.guid or "") if gpt else "", "String"), ("DiskRunChkDsk", 0, "UInt32"),
                ("DiskPath", "", "String"), ("DiskReload", 0, "UInt32"), ("MaintenanceMode", 0, "UInt32"), ("MaxIoLatency", 1000, "UInt32"),
                ("CsvEnforceWriteThrough", 0, "UInt32"), ("DiskRecoveryAction", 0, "UInt32")]
    if r.resource_type in ("Virtual Machine", "Virtual Machine Configuration"):
        vm = world.vm(r.vm or "")
        vmid = vm.id if vm else ""
        if r.resource_type == "Virtual Machine Configuration":
            return [("VmID", vmid, "String"), ("ConfigStoreRootPath", vm.path if vm else "", "String"), ("OfflineAction", 1, "UInt32")]
        return [("VmID", vmid, "String"), ("OfflineAction", 1, "UInt32"), ("ShutdownAction", 0, "UInt32"), ("DefaultMoveType", 4294967295, "UInt32"),
                ("CheckHeartbeat", 1, "UInt32"), ("MigrationState", 0, "UInt32"), ("MigrationProgress", 0, "UInt32")]
    return []


@cmdlet("Get-ClusterParameter", honours={"InputObject", "Name", "Cluster"})
def get_cluster_parameter(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/failoverclusters/get-clusterparameter?view=windowsserver2022-ps
    world = ctx.world
    c = my_cluster(ctx, args, "Get-ClusterParameter")
    obj = args.get("InputObject") if "InputObject" in args else input
    if not isinstance(obj, PSObject) or not obj.type_name.endswith("ClusterResource"):
        what = obj.type_name if isinstance(obj, PSObject) else "the cluster itself (no -InputObject)" if obj is None else f"'{to_string(obj)}'"
        raise NotEmulated("Get-ClusterParameter", f"the private properties of {what} (the twin knows those of cluster resources)")
    r = c.resource(to_string(obj.get("Name")))
    if r is None:
        raise CmdletError(f"The cluster resource '{obj.get('Name')}' could not be found.", "ObjectNotFound", "ClusterObjectNotFound", obj)
    params = resource_parameters(world, c, r)
    if not params:
        raise NotEmulated("Get-ClusterParameter", f"the private properties of resource type '{r.resource_type}'")
    wanted = _names(args.get("Name"))
    out = []
    for n in wanted:
        if not any(p[0].lower() == n.lower() for p in params):
            ctx.error(f"Parameter '{n}' does not exist on the cluster object '{r.name}'.", "ObjectNotFound", n, "ClusterParameterNotFound")
    for name, value, ptype in params:
        if wanted and not any(name.lower() == w.lower() for w in wanted):
            continue
        out.append(PSObject("Microsoft.FailoverClusters.PowerShell.ClusterParameter",
                            {"ClusterObject": resource_object(world, c, r), "Name": name, "IsReadOnly": False,
                             "ParameterType": PSEnum("Microsoft.FailoverClusters.PowerShell.ClusterParameterType", ptype, PARAMETER_TYPE[ptype]),
                             "Value": value},
                            display=["ClusterObject", "Name", "Value", "ParameterType"], tostring=name))
    return out


# -- resources -----------------------------------------------------------------------------------

def _resource(ctx: Any, c: Cluster, args: dict[str, Any], input: Any, cmdlet_name: str) -> Resource:
    obj = args.get("InputObject") if "InputObject" in args else input
    name = to_string(obj.get("Name")) if isinstance(obj, PSObject) else to_string(args.get("Name") or "")
    r = c.resource(name)
    if r is None:
        raise CmdletError(f"The cluster resource '{name}' was not found.", "ObjectNotFound", "ClusterObjectNotFound", name)
    if r.resource_type in ("Virtual Machine", "Virtual Machine Configuration"):
        raise NotEmulated(cmdlet_name, f"a virtual machine's resource '{r.name}' (use Start-ClusterGroup / Stop-ClusterGroup on the VM's role)")
    return r


def _sync_group(c: Cluster, group: str | None) -> None:
    g = c.group(group or "")
    if g is None:
        return
    states = {r.state for r in c.resources if r.group and r.group.lower() == g.name.lower()}
    g.state = "Online" if states == {"Online"} else "Offline" if states <= {"Offline"} else "PartialOnline"  # type: ignore[assignment]


@cmdlet("Start-ClusterResource", honours={"Name", "InputObject", "Cluster", "Wait"})
def start_cluster_resource(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/failoverclusters/start-clusterresource?view=windowsserver2022-ps
    world = ctx.world
    c = my_cluster(ctx, args, "Start-ClusterResource")
    r = _resource(ctx, c, args, input, "Start-ClusterResource")
    for dep in [c.resource(d) for d in DEPENDS_ON.get(r.name, [])] + [r]:
        if dep is not None and dep.state != "Online":
            dep.state = "Online"
            emit(world, "resource-state", resource=dep.name, group=dep.group, state="Online")
    _sync_group(c, r.group)
    ctx.advance(2.0)
    return [resource_object(world, c, r)]


@cmdlet("Stop-ClusterResource", honours={"Name", "InputObject", "Cluster", "Wait"})
def stop_cluster_resource(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/failoverclusters/stop-clusterresource?view=windowsserver2022-ps
    world = ctx.world
    c = my_cluster(ctx, args, "Stop-ClusterResource")
    r = _resource(ctx, c, args, input, "Stop-ClusterResource")
    dependents = [c.resource(n) for n, deps in DEPENDS_ON.items() if r.name in deps]
    for dep in [d for d in dependents if d is not None] + [r]:
        if dep.state != "Offline":
            dep.state = "Offline"
            emit(world, "resource-state", resource=dep.name, group=dep.group, state="Offline")
    _sync_group(c, r.group)
    ctx.advance(2.0)
    return [resource_object(world, c, r)]


# -- the cluster log ---------------------------------------------------------------------------------

REPORTS = r"C:\Windows\Cluster\Reports"

#: What the cluster log says about each event of the stream: (component, text).
LOG_LINES = {
    "new-cluster": ("NM", "Cluster {cluster} formed with nodes {nodes}"),
    "node-down": ("NM", "Node {node} is down; removed from the active membership of cluster {cluster}"),
    "node-stopped": ("NM", "Cluster service stopped on node {node}"),
    "node-started": ("NM", "Cluster service started on node {node}"),
    "quorum-lost": ("QUORUM", "Quorum lost after node {node} left"),
    "migration": ("RCM", "Group {vm} moving from {from} to {to} ({migration_type}), succeeded={ok}"),
    "failover": ("RCM", "Group {vm} failed over from {from} to {to}"),
    "failover-failed": ("RCM", "Group {vm} failed to come online on {node}: {reason}"),
    "move-group": ("RCM", "Group {group} moved to {to}"),
    "evacuate": ("RCM", "Node {node} drained ({reason})"),
    "resource-state": ("RCM", "Resource {resource} is now {state}"),
    "group-state": ("RCM", "Group {group} is now {state} on {node}"),
    "csv": ("CSV", "{resource} added as a Cluster Shared Volume at {path}"),
    "ha-role": ("RCM", "Virtual machine {vm} made highly available on {owner}"),
}


def cluster_log(world: World, c: Cluster, node: str, since: float | None, local_time: bool, skip_state: bool) -> str:
    """A node's cluster.log: the cluster's state, then the stream's cluster events as log lines."""
    lines = []
    if not skip_state:
        lines += ["[===Cluster===]", f"Cluster: {c.name} ({c.id})", "[===Nodes===]"] + [f"{n.name} id={n.id} state={n.state}" for n in c.nodes]
        lines += ["[===Groups===]"] + [f"{g.name} owner={g.owner} state={g.state}" for g in c.groups]
        lines += ["[===Resources===]"] + [f"{r.name} type={r.resource_type} group={r.group or 'Cluster Shared Volume'} state={r.state}"
                                         for r in c.resources]
        lines.append("[===Cluster Logs===]")
    pid = 0x1000 + 4 * (c.node(node).id if c.node(node) else 0)
    for e in world.history:
        kind = e.get("kind")
        if kind not in LOG_LINES or (since is not None and e.get("time", 0.0) < since):
            continue
        component, template = LOG_LINES[kind]
        fields = {k: (", ".join(map(str, v)) if isinstance(v, list) else v) for k, v in e.items()}
        try:
            text = template.format(**fields)
        except (KeyError, IndexError):
            text = f"{kind} {fields}"
        when = lab_time(float(e.get("time", 0.0)))
        stamp = when.strftime("%Y/%m/%d-%H:%M:%S.") + f"{when.microsecond // 1000:03d}"
        lines.append(f"{pid:08x}.{pid + 8:08x}::{stamp} INFO  [{component}] {text}")
    return "\r\n".join(lines) + "\r\n"


@cmdlet("Get-ClusterLog", honours={"Cluster", "Node", "Destination", "TimeSpan", "UseLocalTime", "SkipClusterState", "InputObject"})
def get_cluster_log(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/failoverclusters/get-clusterlog?view=windowsserver2022-ps
    world = ctx.world
    c = my_cluster(ctx, args, "Get-ClusterLog")
    nodes = _names(args.get("Node"))
    obj = args.get("InputObject") if "InputObject" in args else input
    if isinstance(obj, PSObject) and obj.type_name.endswith("ClusterNode"):
        nodes = [to_string(obj.get("Name"))]
    since = world.clock - 60.0 * int(args["TimeSpan"]) if "TimeSpan" in args else None
    me = world.host(ctx.host)
    dest = full_path(ctx, to_string(args["Destination"])) if "Destination" in args else None
    out = []
    for n in c.nodes:
        if nodes and not _match(nodes, n.name):
            continue
        host = world.host(n.name)
        if n.state == "Down" or not host.running:
            ctx.error(f"Failed to generate the cluster log on node '{n.name}': the node is not reachable.", "ConnectionError", n.name,
                      "ClusterLogFailed")
            continue
        text = cluster_log(world, c, n.name, since, bool(args.get("UseLocalTime")), bool(args.get("SkipClusterState")))
        for part in ("C:\\Windows\\Cluster", REPORTS):
            make_folder(_on(ctx, host), host, part)
        write_text(_on(ctx, host), host, ntpath.join(REPORTS, "Cluster.log"), text, cmd="GetClusterLog")
        if dest is not None:
            target = ntpath.join(dest, f"{n.name}_cluster.log")
            write_text(ctx, me, target, text, cmd="GetClusterLog")
            out.append(item_object(ctx, me, target))
        else:
            item = item_object(_on(ctx, host), host, ntpath.join(REPORTS, "Cluster.log"))
            if host is not me:
                # another node's log is read over its admin share: the whole item is the UNC path's (PSPath, PSParentPath,
                # no PSDrive), as Get-ChildItem \\NODE\C$\... gives it, not a local item with a UNC FullName
                unc = f"\\\\{n.name}\\C$\\Windows\\Cluster\\Reports\\Cluster.log"
                item = filesystem_item(unc, True, item.get("Length"), item.get("CreationTime"), item.get("LastWriteTime"))
            out.append(item)
        ctx.advance(5.0)
    return out


class _on:
    """The cmdlet context as seen from another node (paths resolve on ``host``)."""

    def __init__(self, ctx: Any, host: Host):
        self._ctx, self.world, self.host, self.engine = ctx, ctx.world, host.name, ctx.engine

    def now(self) -> Any:
        return self._ctx.now()
