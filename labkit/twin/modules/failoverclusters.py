"""FailoverClusters: the cluster, its nodes, networks, disks, quorum, CSVs,
clustered VM roles and their moves (live, quick), drains and failovers.

Cluster cmdlets run on a node work on that node's cluster (``-Cluster`` may
name it too).  Choices the twin makes, documented here once:

* **Cluster networks** are one per lab subnet that a node has an address on,
  in the lab's order Public, iSCSI, Heartbeat, Management, named ``Cluster
  Network 1..N``.  Roles: Public and Management -> ClusterAndClient (3),
  Heartbeat -> Cluster (1), iSCSI -> None (0: Windows Server 2012 and later
  keep cluster traffic off a network that carries iSCSI).  Cluster-only
  networks get the lower (preferred) metric.
* **New-Cluster** without ``-NoStorage`` adds every available disk and, with
  an even number of nodes, makes the smallest one the disk witness.
* **Quorum type** reads ``Majority`` on 2012 R2 and later (dynamic quorum) and
  ``NodeAndDiskMajority`` / ``NodeMajority`` on 2008 R2 and 2012.
* **Live migration network**: the source host's VMMigrationNetwork subnets
  (Add-VMMigrationNetwork) when UseAnyNetworkForMigration is off, in
  priority order; otherwise the cluster networks that carry cluster traffic,
  cluster-only first.  The first subnet both nodes reach is used; both ends'
  adapters on it need Client for Microsoft Networks and File and Printer
  Sharing bound.  Bandwidth 1 GbE (117.5e6 B/s), transport from Set-VMHost
  -VirtualMachineMigrationPerformanceOption, pass cap 10 on 2008 R2, else 5
  (:func:`labkit.migration.live_migrate`).
* **Move-ClusterGroup** of a VM role moves it by quick migration;
  Move-ClusterVirtualMachineRole defaults to live.
* A VM group is Online while its VM runs, Offline when it is off or saved
  (Stop-ClusterGroup saves it, the VM resource's default offline action).
"""

from __future__ import annotations

import ipaddress
from typing import Any, Iterable

from labkit import migration
from labkit.lab import NETWORK_NAMES
from labkit.twin import validation
from labkit.twin.cluster_common import (CLUSTER_2016_DEFAULTS, CLUSTER_2022_DEFAULTS, CLUSTER_DEFAULTS, CLUSTER_WRITABLE, GROUP_DEFAULTS, GROUP_WRITABLE,
                                        NETWORK_WRITABLE, NODE_WRITABLE, RESOURCE_DEFAULTS, RESOURCE_WRITABLE, by_name, select_named,
                                        setter, in_order, uint32_numbers, CLUSTER_ORDER, GROUP_ORDER, RESOURCE_ORDER)
from labkit.twin.dotnet_values import UInt32Value
from labkit.twin.cluster_properties import ClusterObject, require_shared_volumes, shared_volumes_state
from labkit.twin.cluster_inputs import check_input
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.events import Event, emit, on
from labkit.twin.logon import require_reach
from labkit.twin.modules.hyperv import files_reachable, free_memory, start
from labkit.twin.values import as_list
from labkit.twin.modules.servermanager import require_module
from labkit.twin.modules.storage import add_file, csv_volume_path, resolve_path
from labkit.twin.modules.system import OS_BUILDS
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.processors import migration_blocker
from labkit.twin.registry import cmdlet
from labkit.twin.world import VM, Cluster, ClusterNet, ClusterNode, Group, Host, Quorum, Resource, World

NODE_STATE = {"Up": 0, "Down": 1, "Paused": 2, "Joining": 3}
GROUP_STATE = {"Online": 0, "Offline": 1, "Failed": 2, "PartialOnline": 3, "Pending": 4}
RESOURCE_STATE = {"Inherited": 0, "Initializing": 1, "Online": 2, "Offline": 3, "Failed": 4, "Pending": 128}
NETWORK_ROLE = {"None": 0, "Cluster": 1, "ClientAccess": 2, "ClusterAndClient": 3}
NETWORK_STATE = {"Unavailable": 0, "Down": 1, "Partitioned": 2, "Up": 3}
GROUP_TYPE = {"Cluster": 1, "AvailableStorage": 2, "VirtualMachine": 111}
DRAIN_STATUS = {"NotInitiated": 0, "InProgress": 1, "Completed": 2, "Failed": 3}
ROLE_OF_NETWORK = {"Public": "ClusterAndClient", "Management": "ClusterAndClient", "Heartbeat": "Cluster", "iSCSI": "None"}
CORE_GROUP = "Cluster Group"
STORAGE_GROUP = "Available Storage"
CSV_GROUP = "Cluster Shared Volume"
LINK_BYTES_PER_S = migration.LINK_1GBE_BYTES_PER_S

NOT_RUNNING = "The cluster service is not running.  Make sure that the service is running on all nodes in the cluster."


# -- which cluster -------------------------------------------------------------------

def my_cluster(ctx: Any, args: dict[str, Any], cmdlet_name: str) -> Cluster:
    me = require_module(ctx, cmdlet_name, "FailoverClusters")
    c = ctx.world.cluster
    name = str(args.get("Cluster") or "").strip()
    if name and name != ".":
        if c is None or name.split(".")[0].lower() != c.name.lower():
            raise CmdletError(f"The cluster '{name}' could not be contacted: no cluster of that name is in the lab.", "ConnectionError", "ClusterNotFound", name)
        if not c.up_nodes():
            raise CmdletError(f"The cluster '{name}' could not be contacted: none of its nodes is up.", "ConnectionError", "ClusterNotFound", name)
        return c
    node = c.node(me.name) if c else None
    if c is None or node is None or node.state == "Down" or not me.running:
        raise CmdletError(NOT_RUNNING, "ConnectionError", "ClusterCmdletException", me.name)
    return c


# -- objects ----------------------------------------------------------------------------

def _node_version(world: World | None, n: ClusterNode) -> dict[str, int]:
    """MajorVersion, MinorVersion, BuildNumber: the node's Windows version (MSCluster_Node,
    https://learn.microsoft.com/en-us/previous-versions/windows/desktop/cluswmi/mscluster-node)."""
    host = world.find_host(n.name) if world is not None else None
    if host is None:
        return {}
    major, minor, build = (int(x) for x in OS_BUILDS[host.os_version].split("."))
    return {"MajorVersion": major, "MinorVersion": minor, "BuildNumber": build}


def node_object(c: Cluster, n: ClusterNode, world: World | None = None) -> PSObject:
    weight = n.common.get("NodeWeight", 1)
    obj = PSObject(
        "Microsoft.FailoverClusters.PowerShell.ClusterNode",
        {"Name": n.name, "Id": str(n.id), "ID": str(n.id), "State": PSEnum("Microsoft.FailoverClusters.PowerShell.ClusterNodeState", n.state, NODE_STATE[n.state]),
         "Cluster": cluster_object(world, c), "DrainStatus": PSEnum("Microsoft.FailoverClusters.PowerShell.ClusterNodeDrainStatus", n.drain_status, DRAIN_STATUS[n.drain_status]),
         "NodeWeight": UInt32Value(weight), "DynamicWeight": UInt32Value(1 if n.state != "Down" and weight else 0), "Model": "Virtual Machine", "Manufacturer": "Microsoft Corporation",
         "Description": n.common.get("Description", ""), **uint32_numbers(_node_version(world, n))},
        display=["Name", "ID", "State"], tostring=n.name,
    )
    # a node without a vote (NodeWeight 0) has no dynamic weight either
    obj.setter = setter(lambda: obj, n.common, NODE_WRITABLE,
                        lambda k, v: obj.set("DynamicWeight", UInt32Value(0) if k == "NodeWeight" and not v else obj.get("DynamicWeight")))
    return obj


def _node_ref(c: Cluster, name: str | None, world: World | None = None) -> Any:
    n = c.node(name) if name else None
    return node_object(c, n, world) if n else None


def group_object(world: World, c: Cluster, g: Group) -> PSObject:
    obj = PSObject(
        "Microsoft.FailoverClusters.PowerShell.ClusterGroup",
        in_order({"Name": g.name, "OwnerNode": _node_ref(c, g.owner, world),
         "State": PSEnum("Microsoft.FailoverClusters.PowerShell.ClusterGroupState", g.state, GROUP_STATE[g.state]),
         "GroupType": PSEnum("Microsoft.FailoverClusters.PowerShell.GroupType", g.group_type, GROUP_TYPE[g.group_type]),
         "Cluster": cluster_object(world, c), "IsCoreGroup": g.group_type != "VirtualMachine", "Id": world_id(g.name),
         **GROUP_DEFAULTS, **g.common}, GROUP_ORDER),
        display=["Name", "OwnerNode", "State"], tostring=g.name,
    )
    obj.setter = setter(lambda: obj, g.common, GROUP_WRITABLE)
    return obj


def world_id(name: str) -> str:
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_OID, name.lower()))


def _group_ref(world: World, c: Cluster, name: str | None) -> Any:
    if name is None:
        return PSObject("Microsoft.FailoverClusters.PowerShell.ClusterGroup", {"Name": CSV_GROUP}, display=["Name"], tostring=CSV_GROUP)
    g = c.group(name)
    return group_object(world, c, g) if g else None


def resource_object(world: World, c: Cluster, r: Resource) -> PSObject:
    obj = PSObject(
        "Microsoft.FailoverClusters.PowerShell.ClusterResource",
        in_order({"Name": r.name, "State": PSEnum("Microsoft.FailoverClusters.PowerShell.ClusterResourceState", r.state, RESOURCE_STATE[r.state]),
         "OwnerGroup": _group_ref(world, c, r.group), "OwnerNode": _node_ref(c, c.owner_of(r), world),
         "ResourceType": PSObject("Microsoft.FailoverClusters.PowerShell.ClusterResourceType", {"Name": r.resource_type, "DisplayName": r.resource_type}, display=["Name"], tostring=r.resource_type),
         "Cluster": cluster_object(world, c), "IsCoreResource": r.group == CORE_GROUP, "Id": world_id(r.name),
         "IsNetworkClassResource": r.resource_type in ("IP Address", "Network Name"), "IsStorageClassResource": r.resource_type == "Physical Disk",
         **RESOURCE_DEFAULTS, **r.common}, RESOURCE_ORDER),
        display=["Name", "State", "OwnerGroup", "ResourceType"], tostring=r.name,
    )
    obj.setter = setter(lambda: obj, r.common, RESOURCE_WRITABLE)
    return obj


def csv_object(world: World, c: Cluster, r: Resource) -> PSObject:
    disk = world.disk(r.disk_id or "")
    part = next((p for p in disk.partitions if p.volume), None)
    size = part.size if part else disk.size
    used = len(part.volume.files) * 64 * 1024**2 if part and part.volume else 0
    info = PSObject(
        "Microsoft.FailoverClusters.PowerShell.ClusterSharedVolumeInfo",
        {"FriendlyVolumeName": csv_volume_path(r.csv_volume or 0), "Name": csv_volume_path(r.csv_volume or 0),
         "MaintenanceMode": False, "RedirectedAccess": False, "FaultState": "NoFaults",
         "Partition": PSObject("Microsoft.FailoverClusters.PowerShell.ClusterDiskPartitionInfo",
                               {"Name": csv_volume_path(r.csv_volume or 0), "FileSystem": "CSVFS", "Size": size, "FreeSpace": size - used,
                                "UsedSpace": used, "PercentFree": round(100.0 * (size - used) / size, 2) if size else 0.0},
                               display=["Name", "FileSystem", "Size", "FreeSpace"]),
         "PartitionNumber": part.number if part else 0},
        display=["FriendlyVolumeName", "MaintenanceMode", "RedirectedAccess"], tostring=csv_volume_path(r.csv_volume or 0),
    )
    return PSObject(
        "Microsoft.FailoverClusters.PowerShell.ClusterSharedVolume",
        {"Name": r.name, "State": PSEnum("Microsoft.FailoverClusters.PowerShell.ClusterResourceState", r.state, RESOURCE_STATE[r.state]),
         "OwnerNode": _node_ref(c, r.csv_owner, world), "SharedVolumeInfo": [info], "Cluster": cluster_object(world, c), "Id": world_id(r.name)},
        display=["Name", "State", "OwnerNode"], tostring=r.name,
    )


def network_state(world: World, c: Cluster, net: ClusterNet) -> str:
    ups = [world.link_up(world.host(n.name), net.network) for n in c.nodes if n.state != "Down"]
    if not ups or not any(ups):
        return "Down"
    return "Up" if all(ups) else "Partitioned"


def network_object(world: World, c: Cluster, net: ClusterNet) -> PSObject:
    ip = ipaddress.IPv4Network(net.cidr)
    state = network_state(world, c, net)
    obj = PSObject(
        "Microsoft.FailoverClusters.PowerShell.ClusterNetwork",
        {"Name": net.name, "State": PSEnum("Microsoft.FailoverClusters.PowerShell.ClusterNetworkState", state, NETWORK_STATE[state]),
         "Role": PSEnum("Microsoft.FailoverClusters.PowerShell.ClusterNetworkRole", net.role, NETWORK_ROLE[net.role]),
         "Address": str(ip.network_address), "AddressMask": str(ip.netmask), "Metric": UInt32Value(net.metric), "AutoMetric": net.auto_metric,
         "Ipv4Addresses": [str(ip.network_address)], "Ipv4PrefixLengths": [ip.prefixlen], "Cluster": cluster_object(world, c),
         "Description": net.description},
        display=["Name", "State", "Metric", "Role"], tostring=net.name,
    )
    obj.setter = lambda name, value: set_network_property(c, net, obj, name, value)
    return obj


def set_network_property(c: Cluster, net: ClusterNet, obj: PSObject, name: str, value: Any) -> None:
    """``$network.Name = ...``, ``.Role``, ``.Metric``, ``.AutoMetric``, ``.Description``: the change reaches the cluster."""
    key = next((k for k in NETWORK_WRITABLE if k.lower() == name.lower()), None)
    if key is None:
        setter(lambda: obj, {}, set())(name, value)    # PowerShell's read-only / not-found errors
        return
    text = str(value)
    if key == "Name":
        if any(n is not net and n.name.lower() == text.lower() for n in c.networks):
            raise CmdletError(f"A cluster network named '{text}' already exists.", "ResourceExists", "ClusterNetworkExists", text)
        net.name = text
    elif key == "Role":
        role = next((r for r, v in NETWORK_ROLE.items() if text.lower() == r.lower() or text == str(v)), None)
        if role is None:
            raise CmdletError(f"Cannot convert value \"{text}\" to type \"Microsoft.FailoverClusters.PowerShell.ClusterNetworkRole\". "
                              f"Specify one of the following enumerator names and try again: {', '.join(NETWORK_ROLE)}", "InvalidArgument", "", text)
        net.role = role  # type: ignore[assignment]
        value = PSEnum("Microsoft.FailoverClusters.PowerShell.ClusterNetworkRole", role, NETWORK_ROLE[role])
    elif key == "Metric":
        net.metric = int(text)
        net.auto_metric = False
        obj.set("AutoMetric", False)
        value = UInt32Value(net.metric)
    elif key == "AutoMetric":
        net.auto_metric = text.lower() in ("true", "1")
        value = net.auto_metric
    else:
        net.description = text
    obj.set(key, value)


def cluster_object(world: World | None, c: Cluster) -> PSObject:
    """The cluster; also the ``.Cluster`` of its nodes, groups, resources and quorum (prints as its name)."""
    old = world is not None and world.hosts[0].os_version in ("2012R2",)
    obj = ClusterObject(
        world, c,
        in_order({"Name": c.name, "Domain": c.domain, "Id": c.id, "SharedVolumesRoot": r"C:\ClusterStorage", "EnableSharedVolumes": shared_volumes_state(c),
         "SameSubnetDelay": 1000, "SameSubnetThreshold": 5 if old else 10, "CrossSubnetDelay": 1000, "CrossSubnetThreshold": 20,
         "DynamicQuorum": 1, "WitnessDynamicWeight": 1 if c.quorum.resource else 0, **CLUSTER_DEFAULTS,
         **({} if world is None or world.hosts[0].os_version in ("2008R2", "2012", "2012R2") else CLUSTER_2016_DEFAULTS),
         **(CLUSTER_2022_DEFAULTS if world is not None and world.hosts[0].os_version == "2022" else {}), **c.common},
                 CLUSTER_ORDER),
        display=["Name"], tostring=c.name,
    )
    # (Get-Cluster).Name = 'NEW' renames the cluster on Windows: not emulated
    write = setter(lambda: obj, c.common, CLUSTER_WRITABLE, refused=frozenset({"Name"}), after=lambda key, v: _cluster_written(world, c, key, v))

    def write_cluster(name: str, value: Any) -> None:
        if name.lower() == "enablesharedvolumes":
            obj.set(name, value)      # 2008 R2's hand-enabled CSV (labkit/twin/cluster_properties.py)
        else:
            write(name, value)

    obj.setter = write_cluster
    return obj


def _cluster_written(world: World | None, c: Cluster, key: str, value: Any) -> None:
    """What a cluster property reaches beyond the cluster: MaximumParallelMigrations becomes every node's Hyper-V
    MaximumVirtualMachineMigrations (labkit/twin/cluster_common.py, CLUSTER_2022_DEFAULTS)."""
    if key == "MaximumParallelMigrations" and world is not None:
        for n in c.nodes:
            world.host(n.name).vmhost.maximum_migrations = int(value)


def quorum_type(world: World, c: Cluster) -> str:
    version = world.host(c.nodes[0].name).os_version if c.nodes else "2022"
    if version in ("2008R2", "2012"):
        return c.quorum.type
    return "DiskOnly" if c.quorum.type == "DiskOnly" else "Majority"


def quorum_object(world: World, c: Cluster) -> PSObject:
    r = c.resource(c.quorum.resource) if c.quorum.resource else None
    qt = quorum_type(world, c)
    return PSObject(
        "Microsoft.FailoverClusters.PowerShell.ClusterQuorumSettings",
        {"Cluster": cluster_object(world, c), "QuorumResource": resource_object(world, c, r) if r else None,
         "QuorumType": PSEnum("Microsoft.FailoverClusters.PowerShell.ClusterQuorumType", qt,
                              {"NodeMajority": 0, "NodeAndDiskMajority": 1, "NodeAndFileShareMajority": 2, "DiskOnly": 3, "Majority": 4}[qt])},
        display=["Cluster", "QuorumResource"],
    )


# -- state helpers ------------------------------------------------------------------------

def sync_vm_group(world: World, vm: VM) -> None:
    """Keep a VM role's group and resources in step with its VM."""
    c = world.cluster
    g = c.group(vm.name) if c else None
    if g is None or g.group_type != "VirtualMachine":
        return
    g.owner = vm.host
    if g.state != "Failed" or vm.state == "Running":
        g.state = "Online" if vm.state == "Running" else "Offline"
    for r in c.resources:
        if r.group and r.group.lower() == g.name.lower():
            if r.resource_type == "Virtual Machine":
                r.state = "Online" if vm.state == "Running" else ("Failed" if g.state == "Failed" else "Offline")
            else:
                r.state = "Failed" if g.state == "Failed" else "Online"


@on("vm-state")
def _vm_state_changed(world: World, event: Event) -> None:
    vm = world.vm(event["vm"])
    if vm is not None:
        sync_vm_group(world, vm)


@on("restart")
def _node_restarting(world: World, event: Event) -> None:
    """A node that restarts is drained first, as the Cluster service does on shutdown."""
    host = world.host(event["host"])
    if world.cluster and world.cluster.node(host.name) and host.running:
        evacuate_node(world, host.name, reason="restart")


@on("crash")
@on("partition")
def _node_lost(world: World, event: Event) -> None:
    node = event.get("host") or event.get("node") or ""
    c = world.cluster
    if c is not None and c.node(node) is not None and c.node(node).state != "Down":
        fail_node(world, c.node(node).name)


def _pick_node(world: World, c: Cluster, exclude: str) -> str | None:
    for n in sorted(c.nodes, key=lambda n: n.id):
        if n.name.lower() != exclude.lower() and n.state == "Up" and world.host(n.name).running:
            return n.name
    return None


def has_quorum(world: World, c: Cluster) -> bool:
    votes = len(c.nodes) + (1 if c.quorum.resource else 0)
    up = sum(1 for n in c.nodes if n.state != "Down" and world.host(n.name).running)
    if c.quorum.resource:
        r = c.resource(c.quorum.resource)
        if r is not None and r.state == "Online" and any(n.state != "Down" for n in c.nodes):
            up += 1
    if c.quorum.type == "DiskOnly":
        return bool(c.quorum.resource) and up > 0
    return up * 2 > votes


def _vm_by_id(world: World, vm_id: Any) -> VM | None:
    wanted = str(vm_id).lower().strip("{}")
    return next((v for v in world.vms if v.id.lower() == wanted), None)


def _vm_of_group(world: World, g: Group) -> VM | None:
    return world.vm(g.name) if g.group_type == "VirtualMachine" else None


def migration_subnets(world: World, c: Cluster, source: Host) -> list[str]:
    s = source.vmhost
    if not s.use_any_network and s.migration_networks:
        return list(s.migration_networks)
    nets = sorted((n for n in c.networks if n.role != "None"), key=lambda n: n.metric)
    return [n.cidr for n in nets]


def migration_network(world: World, c: Cluster, source: Host, target: Host) -> tuple[str, str] | None:
    """(subnet, lab network) the live migration uses, or None."""
    for cidr in migration_subnets(world, c, source):
        name = world.network_of(str(ipaddress.IPv4Network(cidr).network_address))
        if name is None:
            continue
        if source.address_on(cidr) and target.address_on(cidr) and world.link_up(source, name) and world.link_up(target, name):
            return cidr, name
    return None


def _vm_files_on_csv(world: World, host: Host, vm: VM) -> str | None:
    for p in [vm.path, *vm.vhds]:
        try:
            place = resolve_path(world, host, p, hyperv=True)
        except CmdletError:
            place = None
        if place is None or place.csv is None:
            return p
    return None


def move_problems(world: World, c: Cluster, vm: VM, source: Host, target: Host, kind: str, *, restarts: bool = False) -> list[str]:
    """What stops ``vm`` from moving ``kind`` (live/quick) from ``source`` to ``target``; first is the error.
    ``restarts``: the VM is shut down and started on the target, so its processor features do not travel."""
    label = f"Virtual Machine {vm.name}"
    node = c.node(target.name)
    problems = []
    if node is None:
        return [f"The node '{target.name}' is not a node of cluster {c.name}."]
    if node.state != "Up" or not target.running:
        return [f"The operation failed because the node '{target.name}' is {('Down' if not target.running else node.state)}: "
                f"a role can only move to a node that is Up (Resume-ClusterNode / Start-ClusterNode)."]
    off = _vm_files_on_csv(world, target, vm)
    if off:
        problems.append(f"{kind.capitalize()} migration of '{label}' failed. The file '{off}' of virtual machine '{vm.name}' is not on a "
                        f"Cluster Shared Volume, so node '{target.name}' cannot reach it. Keep the VM's configuration and virtual hard "
                        f"disks under C:\\ClusterStorage\\VolumeN.")
    if vm.switch and not any(s.name.lower() == vm.switch.lower() for s in target.switches):
        problems.append(f"{kind.capitalize()} migration of '{label}' failed at migration destination '{target.name}'. Could not find "
                        f"Ethernet switch '{vm.switch}': the virtual machine is connected to virtual switch '{vm.switch}', which does not "
                        f"exist on '{target.name}'. Create a switch with the same name on every node (New-VMSwitch).")
    blocker = migration_blocker(vm, source, target) if vm.state != "Off" and not restarts else None
    if blocker:
        problems.append(f"{kind.capitalize()} migration of '{label}' failed. {blocker}")
    if kind == "live":
        if not source.domain or (source.domain or "").lower() != (target.domain or "").lower():
            problems.append(f"Live migration of '{label}' failed. The nodes '{source.name}' ({source.domain or 'WORKGROUP'}) and "
                            f"'{target.name}' ({target.domain or 'WORKGROUP'}) are not members of the same domain: live migration "
                            f"authenticates the destination host through the domain.")
        net = migration_network(world, c, source, target)
        if net is None:
            problems.append(f"Live migration of '{label}' failed. No network for live migration connects '{source.name}' and "
                            f"'{target.name}' (subnets tried: {', '.join(migration_subnets(world, c, source)) or 'none'}): "
                            f"check the addresses, Add-VMMigrationNetwork and that the network is up.")
        else:
            cidr, _ = net
            for h in (source, target):
                adapter = h.address_on(cidr)[0]  # type: ignore[index]
                for comp, name in (("ms_msclient", "Client for Microsoft Networks"), ("ms_server", "File and Printer Sharing for Microsoft Networks")):
                    if not adapter.bindings.get(comp, False):
                        problems.append(
                            f"Live migration of '{label}' failed. {name} ({comp}) is not bound on adapter '{adapter.name}' of "
                            f"'{h.name}', the adapter on network {cidr} that carries the live migration. Bind it: "
                            f"Enable-NetAdapterBinding -Name '{adapter.name}' -ComponentID {comp}.")
    if vm.state == "Running" and free_memory(world, target) < vm.memory_startup:
        problems.append(f"{kind.capitalize()} migration of '{label}' failed. Not enough memory in the system to start the virtual "
                        f"machine '{vm.name}' on '{target.name}' ({vm.memory_startup // 2**20} MB needed).")
    return problems


def _max_passes(host: Host) -> int:
    return 10 if host.os_version == "2008R2" else 5


def live_migrate_vm(world: World, c: Cluster, vm: VM, target: Host, advance: Any) -> dict[str, Any]:
    """Live-migrate a running clustered VM; returns the result dict (also in vm.last_migration)."""
    source = world.host(vm.host)
    problems = move_problems(world, c, vm, source, target, "live")
    if problems:
        raise CmdletError(problems[0], "InvalidOperation", "LiveMigrationFailed", vm.name)
    cidr, net_name = migration_network(world, c, source, target)  # type: ignore[misc]
    result = migration.live_migrate(
        vm.memory_startup, workload=vm.workload, bandwidth_bytes_per_s=LINK_BYTES_PER_S,
        transport=source.vmhost.migration_performance, max_passes=_max_passes(source), seed=len(world.history),
    )
    armed = [f for f in world.faults if f.kind == "cut" and f.when == "migration"]
    world.faults = [f for f in world.faults if f not in armed]
    cut_here = [f.target for f in armed if f.target.lower() == net_name.lower()]
    for f in armed:
        world.networks[f.target].cut = True
        world.record("cut", network=f.target, during="migration", vm=vm.name)
    started = world.clock
    if cut_here:
        lost_after = result.total_s / 2
        advance(lost_after)
        entry = {"type": "live", "vm": vm.name, "from": source.name, "to": target.name, "ok": False, "network": net_name, "subnet": cidr,
                 "started": round(started, 3), "total_s": round(lost_after, 3), "blackout_s": 0.0, "downtime_s": 0.0,
                 "reason": f"network {net_name} was cut during the migration"}
        vm.last_migration = entry
        world.record("migration", **{k: v for k, v in entry.items() if k != "type"}, migration_type="live")
        raise CmdletError(
            f"Live migration of 'Virtual Machine {vm.name}' failed. The connection to '{target.name}' over network {net_name} ({cidr}) "
            f"was lost during the migration; the virtual machine keeps running on '{source.name}'.",
            "ConnectionError", "LiveMigrationFailed", vm.name)
    advance(result.total_s)
    vm.host = target.name
    sync_vm_group(world, vm)
    entry = {"type": "live", "vm": vm.name, "from": source.name, "to": target.name, "ok": True, "network": net_name, "subnet": cidr,
             "started": round(started, 3), "total_s": result.total_s, "blackout_s": result.blackout_s, "downtime_s": result.blackout_s,
             "transport": source.vmhost.migration_performance, "memory_bytes": vm.memory_startup, "passes": result.passes,
             "max_passes": result.max_passes, "workload": vm.workload,
             "converged": result.converged, "reason": result.reason, "bytes_on_wire": result.bytes_on_wire,
             "rounds": [r.to_dict() for r in result.rounds]}
    vm.last_migration = entry
    world.record("migration", **{k: v for k, v in entry.items() if k not in ("type", "rounds")}, migration_type="live")
    return entry


def quick_migrate_vm(world: World, c: Cluster, vm: VM, target: Host, advance: Any, *, how: str = "quick") -> dict[str, Any]:
    """Save (or shut down), move the group, restore (or start)."""
    source = world.host(vm.host)
    problems = move_problems(world, c, vm, source, target, "quick", restarts=how != "quick")
    if problems:
        raise CmdletError(problems[0], "InvalidOperation", "QuickMigrationFailed", vm.name)
    started = world.clock
    was_running = vm.state == "Running"
    if was_running and how == "quick":
        r = migration.quick_migrate(vm.memory_startup)
        downtime, total, detail = r.downtime_s, r.total_s, r.to_dict()
    elif was_running:
        # ShutdownForce shuts the guest down without waiting for slow processes: shorter than an orderly Shutdown
        # (https://learn.microsoft.com/en-us/powershell/module/failoverclusters/move-clustervirtualmachinerole?view=windowsserver2022-ps).
        downtime = {"shutdown": 20.0, "shutdownforce": 8.0, "turnoff": 1.0}.get(how, 1.0) + migration.DEFAULT_HANDOVER_S + migration.DEFAULT_GUEST_BOOT_S
        total, detail = downtime, {}
    else:
        downtime, total, detail = 0.0, migration.DEFAULT_HANDOVER_S, {}
    advance(total)
    vm.host = target.name
    if was_running:
        vm.state = "Running"
        if how != "quick":
            vm.started_at = world.clock
    sync_vm_group(world, vm)
    entry = {"type": how, "vm": vm.name, "from": source.name, "to": target.name, "ok": True, "started": round(started, 3),
             "total_s": total, "downtime_s": downtime, "blackout_s": downtime, "memory_bytes": vm.memory_startup, **{k: v for k, v in detail.items() if k not in ("memory_bytes", "downtime_s", "total_s")}}
    vm.last_migration = entry
    world.record("migration", **{k: v for k, v in entry.items() if k != "type"}, migration_type=how)
    return entry


def _move_plain_group(world: World, c: Cluster, g: Group, target: str) -> None:
    g.owner = target
    for r in c.resources:
        if r.group and r.group.lower() == g.name.lower() and r.state == "Offline" and g.state == "Online":
            r.state = "Online"


def evacuate_node(world: World, node: str, *, reason: str, advance: Any = None, to: str | None = None) -> list[dict[str, Any]]:
    """Planned: move every role off ``node`` (VMs live if they can, else quick), to node ``to`` if given."""
    c = world.cluster
    if c is None:
        return []
    adv = advance or world.advance
    moved = []
    for g in list(c.groups):
        if g.owner.lower() != node.lower():
            continue
        target = to or _pick_node(world, c, node)
        if target is None:
            continue
        vm = _vm_of_group(world, g)
        if vm is not None and vm.host.lower() == node.lower():
            try:
                if vm.state == "Running":
                    moved.append(live_migrate_vm(world, c, vm, world.host(target), adv))
                else:
                    moved.append(quick_migrate_vm(world, c, vm, world.host(target), adv))
            except CmdletError:
                moved.append(quick_migrate_vm(world, c, vm, world.host(target), adv))
        else:
            _move_plain_group(world, c, g, target)
    for r in c.csvs():
        if (r.csv_owner or "").lower() == node.lower():
            r.csv_owner = _pick_node(world, c, node) or r.csv_owner
    world.record("evacuate", node=node, reason=reason, moved=[m["vm"] for m in moved])
    return moved


def fail_node(world: World, node: str) -> list[dict[str, Any]]:
    """Unplanned: ``node`` is gone.  The cluster restarts its VMs on a survivor
    (downtime from :func:`labkit.migration.failover`) and moves its other groups."""
    c = world.cluster
    if c is None or c.node(node) is None:
        return []
    n = c.node(node)
    n.state = "Down"
    emit(world, "node-down", node=n.name, cluster=c.name)
    events = []
    if not has_quorum(world, c):
        for g in c.groups:
            g.state = "Failed"
            vm = _vm_of_group(world, g)
            if vm is not None and vm.host.lower() == node.lower():
                vm.state, vm.started_at = "Off", None
                sync_vm_group(world, vm)
                g.state = "Failed"
        world.record("quorum-lost", node=node)
        return events
    for g in list(c.groups):
        if g.owner.lower() != node.lower():
            continue
        target = _pick_node(world, c, node)
        vm = _vm_of_group(world, g)
        if target is None:
            g.state = "Failed"
            if vm is not None:
                vm.state, vm.started_at = "Off", None
            continue
        if vm is None:
            _move_plain_group(world, c, g, target)
            continue
        was_running = vm.state == "Running"
        vm.state, vm.started_at = "Off", None
        vm.host = target
        if was_running:
            r = migration.failover(vm.memory_startup)
            try:
                start(world, world.host(target), vm)
                vm.started_at = world.clock + r.downtime_s
                ok = True
            except CmdletError as e:
                g.state = "Failed"
                ok = False
                world.record("failover-failed", vm=vm.name, node=target, reason=str(e))
            entry = {"type": "failover", "vm": vm.name, "from": node, "to": target, "ok": ok, "started": round(world.clock, 3),
                     "downtime_s": r.downtime_s, "blackout_s": r.downtime_s, "total_s": r.downtime_s,
                     "detection_s": r.detection_s, "boot_s": r.boot_s, "memory_bytes": vm.memory_startup, "state_lost": True}
            vm.last_migration = entry
            world.record("failover", **{k: v for k, v in entry.items() if k != "type"})
            events.append(entry)
        sync_vm_group(world, vm)
    for r in c.csvs():
        if (r.csv_owner or "").lower() == node.lower():
            r.csv_owner = _pick_node(world, c, node)
    return events


# -- cluster cmdlets -------------------------------------------------------------------------

@cmdlet("Get-Cluster", honours={"Name", "Domain"})
def get_cluster(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    if "Domain" in args:
        # "the name of the domain in which to enumerate clusters" (Example 3: Get-Cluster -Domain contoso.com): the
        # lab's domain holds the lab's cluster, whatever computer asks; another domain is not the lab's
        # (https://learn.microsoft.com/en-us/powershell/module/failoverclusters/get-cluster?view=windowsserver2022-ps)
        require_module(ctx, "Get-Cluster", "FailoverClusters")
        world, domain = ctx.world, str(args["Domain"]).strip()
        if domain.lower() not in (str(world.domain).lower(), str(world.domain).split(".")[0].lower()):
            raise NotEmulated("Get-Cluster", f"-Domain '{domain}' (the lab has one domain, {world.domain})")
        clusters = [world.cluster] if world.cluster is not None else []
        names = [str(args["Name"]).lower()] if args.get("Name") else None
        return [cluster_object(world, c) for c in clusters if names is None or c.name.lower() in names]
    c = my_cluster(ctx, {"Cluster": args.get("Name")}, "Get-Cluster")
    return [cluster_object(ctx.world, c)]


# A cluster name is a DNS host name label: at most 63 characters (MAX_CLUSTERNAME_LENGTH in clusapi.h;
# MS-CMRP ApiSetClusterName allows 64 Unicode characters with the terminating null,
# https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-cmrp/f98759ab-3580-4795-90d7-e0923c012fb0).
# Longer than the 15 characters of a NetBIOS name is allowed: the cluster's computer object (CNO)
# then carries the name cut to 15 characters.
CLUSTER_NAME_MAX = 63
# Characters a computer name cannot hold ("Naming conventions in Active Directory for computers, domains,
# sites, and OUs", https://learn.microsoft.com/en-us/troubleshoot/windows-server/active-directory/naming-conventions-for-computer-domain-site-ou).
CLUSTER_NAME_FORBIDDEN = set('\\/:*?"<>|,~!@#$%^&\'.(){}_ ')


def cluster_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a cluster, or None."""
    if not name:
        return "it is empty"
    if len(name) > CLUSTER_NAME_MAX:
        return f"it has {len(name)} characters and a cluster name (a DNS host name) has at most {CLUSTER_NAME_MAX}"
    bad = sorted(set(name) & CLUSTER_NAME_FORBIDDEN)
    if bad or not name.isascii():
        return f"it contains {' '.join(bad) or 'non-ASCII characters'}; use letters, digits and hyphens"
    if name.isdigit():
        return "it is all digits"
    return None


def core_resources(hosts: list[Host]) -> list[Resource]:
    """The resources Windows Server puts in 'Cluster Group' when it creates a cluster: the name and its address;
    from Windows Server 2016 on, the Storage QoS Policy Manager ("Storage Qos Resource",
    https://learn.microsoft.com/en-us/windows-server/storage/storage-qos/storage-qos-overview) and, on Hyper-V
    nodes, "Virtual Machine Cluster WMI" (resource type CLUS_RESTYPE_NAME_VM_WMI in clusapi.h). The witness disk
    joins the group when the quorum takes it."""
    out = [Resource(name="Cluster IP Address", resource_type="IP Address", group=CORE_GROUP),
           Resource(name="Cluster Name", resource_type="Network Name", group=CORE_GROUP)]
    if all(h.os_version not in ("2008R2", "2012", "2012R2") for h in hosts):
        out.append(Resource(name="Storage Qos Resource", resource_type="Storage QoS Policy Manager", group=CORE_GROUP))
        if all(h.installed("Hyper-V") for h in hosts):
            out.append(Resource(name="Virtual Machine Cluster WMI", resource_type="Virtual Machine Cluster WMI", group=CORE_GROUP))
    return out


@cmdlet("New-Cluster", honours={"Name", "Node", "StaticAddress", "NoStorage", "IgnoreNetwork", "Force"})
def new_cluster(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world: World = ctx.world
    me = require_module(ctx, "New-Cluster", "FailoverClusters")
    name = str(args["Name"])
    if name[:3].upper() == "CN=":
        # A distinguished name places the cluster's computer object in an OU (Windows Server 2012 and later,
        # https://learn.microsoft.com/en-us/windows-server/failover-clustering/create-failover-cluster); the name is the CN.
        name = name[3:].split(",")[0]
    name = name.split(".")[0]
    problem = cluster_name_problem(name)
    if problem:
        raise CmdletError(f"Cluster creation failed: the cluster name '{name}' is not valid: {problem}.", "InvalidArgument", "NewClusterFailed", name)
    nodes = [world.find_host(str(n)) for n in as_list(args.get("Node"))] or [me]
    for raw, h in zip(as_list(args.get("Node")) or [me.name], nodes):
        if h is None:
            raise CmdletError(f"Cluster creation failed: the computer '{raw}' could not be found (no such host in domain {world.domain}).", "ObjectNotFound", "NewClusterFailed", raw)
    hosts: list[Host] = [h for h in nodes if h is not None]
    if world.cluster is not None and world.cluster.name.lower() == name.lower():
        raise CmdletError(f"Cluster creation failed: the name '{name}' is already in use by cluster {world.cluster.name} in domain {world.domain}. Choose another cluster name.",
                          "ResourceExists", "NewClusterFailed", name)
    if world.find_host(name) is not None:
        raise CmdletError(f"Cluster creation failed: the name '{name}' is already in use in domain {world.domain} by computer {world.host(name).name}. Choose another cluster name.",
                          "ResourceExists", "NewClusterFailed", name)
    for h in hosts:
        if not h.running:
            raise CmdletError(f"Cluster creation failed: the node '{h.name}' could not be contacted (it is not running).", "ConnectionError", "NewClusterFailed", h.name)
        require_reach(ctx, h.name)  # the double hop: labkit/twin/logon.py
        if not h.installed("Failover-Clustering"):
            raise CmdletError(
                f"Cluster creation failed: the Failover Clustering feature is not installed on node '{h.name}'. Install it there first "
                "(Install-WindowsFeature Failover-Clustering -IncludeManagementTools).", "InvalidOperation", "NewClusterFailed", h.name)
        if world.cluster is not None and world.cluster.node(h.name):
            raise CmdletError(f"Cluster creation failed: the node '{h.name}' is already a member of cluster '{world.cluster.name}'.", "ResourceExists", "NewClusterFailed", h.name)
        if not h.domain or h.domain.lower() != world.domain.lower():
            raise CmdletError(f"Cluster creation failed: the node '{h.name}' is not joined to domain {world.domain}: every node of a cluster must be a member of the same domain.",
                              "InvalidOperation", "NewClusterFailed", h.name)
    limit = min(16 if h.os_version == "2008R2" else 64 for h in hosts)
    if len(hosts) > limit:
        raise CmdletError(f"Cluster creation failed: {len(hosts)} nodes exceed the maximum of {limit} nodes in a Windows Server {hosts[0].os_version} failover cluster.",
                          "InvalidOperation", "NewClusterFailed", len(hosts))
    if world.cluster is not None:
        raise CmdletError(f"The twin holds one cluster per lab and '{world.cluster.name}' exists already.", "ResourceExists", "NewClusterFailed", name)
    ignored = [str(x) for x in as_list(args.get("IgnoreNetwork"))]
    nets: list[ClusterNet] = []
    for lab_net in NETWORK_NAMES:
        state = world.networks.get(lab_net)
        if state is None or any(str(ipaddress.IPv4Network(i, strict=False)) == state.cidr for i in ignored):
            continue
        if not any(h.address_on(state.cidr) for h in hosts):
            continue
        role = ROLE_OF_NETWORK[lab_net]
        nets.append(ClusterNet(name=f"Cluster Network {len(nets) + 1}", network=lab_net, cidr=state.cidr, role=role,  # type: ignore[arg-type]
                               metric=(30000 if role == "Cluster" else 70000) + 240 + len(nets)))
    addresses = [str(a) for a in as_list(args.get("StaticAddress"))]
    if not addresses:
        raise CmdletError("Cluster creation failed: give the cluster a static address on the Public network (-StaticAddress); the lab has no DHCP.", "InvalidArgument", "NewClusterFailed", None)
    address = addresses[0]
    try:
        ip = ipaddress.IPv4Address(address)
    except ValueError:
        raise CmdletError(f"Static address '{address}' is not a valid IPv4 address.", "InvalidArgument", "NewClusterFailed", address) from None
    if not any(ip in ipaddress.IPv4Network(n.cidr) and n.role != "None" for n in nets):
        raise CmdletError(f"Static address '{address}' was not found on any cluster network or is not valid: it must be on a network "
                          f"that carries client traffic ({', '.join(n.cidr for n in nets if n.role == 'ClusterAndClient')}).",
                          "InvalidArgument", "NewClusterFailed", address)
    owner_of_ip = world.host_by_address(address)
    if owner_of_ip is not None:
        raise CmdletError(f"Cluster creation failed: the static address '{address}' is already in use on the network by {owner_of_ip.name}. "
                          "Choose a free address on the Public network.", "ResourceExists", "NewClusterFailed", address)
    first = me.name if any(h.name == me.name for h in hosts) else hosts[0].name
    c = Cluster(name=name.upper() if name.isupper() else name, address=address, domain=world.domain, id=world.next_id("cluster"), created=world.clock,
                nodes=[ClusterNode(name=h.name, id=i + 1) for i, h in enumerate(hosts)], networks=nets,
                groups=[Group(name=CORE_GROUP, group_type="Cluster", owner=first), Group(name=STORAGE_GROUP, group_type="AvailableStorage", owner=first)],
                resources=core_resources(hosts),
                quorum=Quorum(type="NodeMajority"),
                shared_volumes_enabled=not any(h.os_version == "2008R2" for h in hosts))   # 2008 R2: enabled by hand
    world.cluster = c
    if not args.get("NoStorage"):
        added = [add_disk(world, c, d) for d in available_disks(world, c)]
        if added and len(hosts) % 2 == 0:
            smallest = min(added, key=lambda r: world.disk(r.disk_id or "").size)
            set_witness(world, c, smallest)
    ctx.advance(60.0 + 10.0 * len(hosts))
    world.record("new-cluster", cluster=c.name, nodes=[h.name for h in hosts], address=address)
    return [cluster_object(world, c)]


@cmdlet("Get-ClusterNode", honours={"Name", "Cluster", "InputObject"})
def get_cluster_node(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    c = my_cluster(ctx, args, "Get-ClusterNode")
    check_input("Get-ClusterNode", args, input, ("Cluster",))
    nodes = list(c.nodes)
    names = [str(n) for n in as_list(args.get("Name"))]
    if names:
        nodes, missing = select_named(nodes, [x.split(".")[0] for x in names], lambda n: n.name)
        for x in missing:
            ctx.error(f"The node '{x}' was not found in cluster {c.name}.", "ObjectNotFound", x, "ClusterObjectNotFound")
    return [node_object(c, n, ctx.world) for n in nodes]


@cmdlet("Get-ClusterNetwork", honours={"Name", "Cluster", "InputObject"})
def get_cluster_network(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    c = my_cluster(ctx, args, "Get-ClusterNetwork")
    check_input("Get-ClusterNetwork", args, input, ("Cluster",))
    nets = list(c.networks)
    names = [str(n) for n in as_list(args.get("Name"))]
    if names:
        nets, missing = select_named(nets, names, lambda n: n.name)
        for x in missing:
            ctx.error(f"The cluster network '{x}' was not found.", "ObjectNotFound", x, "ClusterObjectNotFound")
    return [network_object(ctx.world, c, n) for n in by_name(nets, lambda n: n.name)]


# -- disks and quorum ----------------------------------------------------------------------------

def available_disks(world: World, c: Cluster) -> list[str]:
    """Shared disks every node sees, initialized, not yet clustered (disk ids)."""
    hosts = [world.host(n.name) for n in c.nodes]
    out = []
    for d in world.disks:
        if c.disk_resource(d.id) is not None or d.partition_style == "RAW":
            continue
        if all(h.view(d.id) is not None for h in hosts):
            out.append(d.id)
    return out


def _available_object(world: World, c: Cluster, host: Host, disk_id: str) -> PSObject:
    d = world.disk(disk_id)
    view = host.view(disk_id)
    return PSObject(
        "Microsoft.FailoverClusters.PowerShell.ClusterAvailableDisk",
        {"Cluster": c.name, "Id": d.guid or d.unique_id, "Name": f"Cluster Disk {_next_disk_index(c) + available_disks(world, c).index(disk_id)}",
         "Number": view.number if view else None, "Size": d.size, "Partitions": [f"{l}:" for l in (view.letters.values() if view else [])],
         "UniqueId": d.unique_id},
        display=["Cluster", "Id", "Name", "Number", "Size", "Partitions"], tostring=f"Cluster Disk {disk_id}",
    )


def _next_disk_index(c: Cluster) -> int:
    return sum(1 for r in c.resources if r.resource_type == "Physical Disk") + 1


def add_disk(world: World, c: Cluster, disk_id: str) -> Resource:
    r = Resource(name=f"Cluster Disk {_next_disk_index(c)}", resource_type="Physical Disk", group=STORAGE_GROUP, disk_id=disk_id)
    c.resources.append(r)
    letters: dict[str, str] = {}
    for h in world.hosts:
        v = h.view(disk_id)
        if v is not None and v.letters:
            letters = dict(v.letters)
            break
    for n in c.nodes:
        v = world.host(n.name).view(disk_id)
        if v is not None:
            v.letters = dict(letters)
            v.offline = True
    return r


@cmdlet("Get-ClusterAvailableDisk", honours={"Cluster", "InputObject"})
def get_cluster_available_disk(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    c = my_cluster(ctx, args, "Get-ClusterAvailableDisk")
    check_input("Get-ClusterAvailableDisk", args, input, ("Cluster",))
    me = ctx.world.host(ctx.host)
    ctx.advance(5.0)
    return [_available_object(ctx.world, c, me, d) for d in available_disks(ctx.world, c)]


@cmdlet("Add-ClusterDisk", honours={"InputObject", "Cluster"})
def add_cluster_disk(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    c = my_cluster(ctx, args, "Add-ClusterDisk")
    out = []
    for o in [x for x in as_list(args.get("InputObject")) if isinstance(x, PSObject)]:
        uid = o.get("UniqueId")
        disk = next((d for d in world.disks if d.unique_id == uid or (d.guid and d.guid == o.get("Id"))), None)
        if disk is None or disk.id not in available_disks(world, c):
            # an available disk (Get-ClusterAvailableDisk) has a Name; a Get-Disk object (Example 3 of the page) its Number
            label = o.get("Name") if o.get("Name") is not None else f"Disk {o.get('Number')}"
            raise CmdletError(f"The disk '{label}' is not available to the cluster: it must be seen by every node, initialized and not clustered yet (Get-ClusterAvailableDisk).",
                              "InvalidOperation", "ClusterDiskNotAvailable", label)
        r = add_disk(world, c, disk.id)
        ctx.advance(5.0)
        out.append(resource_object(world, c, r))
    return out


def set_witness(world: World, c: Cluster, r: Resource | None, *, disk_only: bool = False) -> None:
    if c.quorum.resource:
        old = c.resource(c.quorum.resource)
        if old is not None and old.group == CORE_GROUP:
            old.group = STORAGE_GROUP
    if r is None:
        c.quorum = Quorum(type="NodeMajority")
        return
    r.group = CORE_GROUP
    c.quorum = Quorum(type="DiskOnly" if disk_only else "NodeAndDiskMajority", resource=r.name)


@cmdlet("Set-ClusterQuorum", honours={"DiskWitness", "NoWitness", "DiskOnly", "Cluster", "InputObject"})
def set_cluster_quorum(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    c = my_cluster(ctx, args, "Set-ClusterQuorum")
    name = args.get("DiskWitness") or args.get("DiskOnly")
    if name:
        r = c.resource(str(name))
        if r is None or r.resource_type != "Physical Disk":
            raise CmdletError(f"The resource '{name}' was not found or is not a cluster disk (Get-ClusterResource lists them).", "ObjectNotFound", "ClusterObjectNotFound", name)
        if r.csv_volume is not None:
            raise CmdletError(f"The disk '{name}' is a Cluster Shared Volume and cannot be the disk witness: use a small disk of its own.", "InvalidOperation", "InvalidQuorumResource", name)
        set_witness(world, c, r, disk_only=bool(args.get("DiskOnly")))
    elif args.get("NoWitness"):
        set_witness(world, c, None)
    else:
        raise CmdletError("Set-ClusterQuorum needs a quorum configuration: -DiskWitness <disk>, -NoWitness or -DiskOnly <disk>.", "InvalidArgument", "", None)
    ctx.advance(5.0)
    return [quorum_object(world, c)]


@cmdlet("Get-ClusterQuorum", honours={"Cluster", "InputObject"})
def get_cluster_quorum(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    c = my_cluster(ctx, args, "Get-ClusterQuorum")
    check_input("Get-ClusterQuorum", args, input, ("Cluster",))
    return [quorum_object(ctx.world, c)]


@cmdlet("Get-ClusterResource", honours={"Name", "Cluster", "InputObject", "VMId"})
def get_cluster_resource(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    c = my_cluster(ctx, args, "Get-ClusterResource")
    check_input("Get-ClusterResource", args, input, ("Cluster", "ClusterNode", "ClusterGroup"))
    rs = list(c.resources)
    obj = args.get("InputObject") or input
    if isinstance(obj, PSObject) and obj.type_name.endswith("ClusterGroup"):
        rs = [r for r in rs if (r.group or CSV_GROUP).lower() == str(obj.get("Name")).lower()]
    elif isinstance(obj, PSObject) and obj.type_name.endswith("ClusterNode"):
        # "the cluster node or cluster group on which to enumerate cluster resources": those its groups (or CSVs) run on
        node = str(obj.get("Name")).lower()
        rs = [r for r in rs if (r.csv_owner if r.group is None else (c.group(r.group).owner if c.group(r.group) else "")) .lower() == node]
    if "VMId" in args:
        vm = _vm_by_id(ctx.world, args["VMId"])
        rs = [r for r in rs if vm is not None and (r.vm or "").lower() == vm.name.lower()]
    names = [str(n) for n in as_list(args.get("Name"))]
    if names:
        rs, missing = select_named(rs, names, lambda r: r.name)
        for x in missing:
            ctx.error(f"The cluster resource '{x}' was not found.", "ObjectNotFound", x, "ClusterObjectNotFound")
    return [resource_object(ctx.world, c, r) for r in by_name(rs, lambda r: r.name)]


@cmdlet("Add-ClusterSharedVolume", honours={"Name", "InputObject", "Cluster"})
def add_cluster_shared_volume(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    c = my_cluster(ctx, args, "Add-ClusterSharedVolume")
    names = [str(n) for n in as_list(args.get("Name"))] + [str(o.get("Name")) for o in as_list(args.get("InputObject")) if isinstance(o, PSObject)]
    out = []
    for name in names:
        r = c.resource(name)
        if r is None or r.resource_type != "Physical Disk":
            raise CmdletError(f"The cluster disk '{name}' was not found (Get-ClusterResource lists the cluster's disks).", "ObjectNotFound", "ClusterObjectNotFound", name)
        require_shared_volumes(c, name)
        if r.csv_volume is not None:
            raise CmdletError(f"The disk '{name}' is already a Cluster Shared Volume ({csv_volume_path(r.csv_volume)}).", "ResourceExists", "AlreadyCsv", name)
        if c.quorum.resource and c.quorum.resource.lower() == r.name.lower():
            raise CmdletError(f"The disk '{name}' is the disk witness of the quorum and cannot be a Cluster Shared Volume.", "InvalidOperation", "QuorumDisk", name)
        if r.group != STORAGE_GROUP:
            raise CmdletError(f"The disk '{name}' is used by the role '{r.group}': only a disk in Available Storage can become a Cluster Shared Volume.", "InvalidOperation", "DiskInUse", name)
        disk = world.disk(r.disk_id or "")
        if not any(p.volume for p in disk.partitions):
            raise CmdletError(f"The disk '{name}' has no NTFS volume: format it before making it a Cluster Shared Volume.", "InvalidOperation", "NoVolume", name)
        owner = c.owner_of(r)
        r.csv_volume = max((x.csv_volume or 0 for x in c.csvs()), default=0) + 1
        r.csv_owner = owner
        r.group = None
        for n in c.nodes:
            v = world.host(n.name).view(disk.id)
            if v is not None:
                v.letters = {}
        ctx.advance(10.0)
        world.record("csv", resource=r.name, path=csv_volume_path(r.csv_volume))
        out.append(csv_object(world, c, r))
    return out


@cmdlet("Get-ClusterSharedVolume", honours={"Name", "Cluster", "InputObject"})
def get_cluster_shared_volume(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    c = my_cluster(ctx, args, "Get-ClusterSharedVolume")
    check_input("Get-ClusterSharedVolume", args, input, ("Cluster",))
    rs = c.csvs()
    names = [str(n) for n in as_list(args.get("Name"))]
    if names:
        rs, missing = select_named(rs, names, lambda r: r.name)
        for x in missing:
            ctx.error(f"The cluster shared volume '{x}' was not found.", "ObjectNotFound", x, "ClusterObjectNotFound")
    return [csv_object(ctx.world, c, r) for r in by_name(rs, lambda r: r.name)]


# -- roles ----------------------------------------------------------------------------------------

def _groups(ctx: Any, c: Cluster, args: dict[str, Any], input: Any, *, key: str = "Name") -> list[Group]:
    objs = [o for o in as_list(args.get("InputObject")) if isinstance(o, PSObject)] or ([input] if isinstance(input, PSObject) else [])
    names = [str(o.get("Name")) for o in objs] + [str(n) for n in as_list(args.get(key))]
    out = []
    for n in names:
        g = c.group(n)
        if g is None:
            ctx.error(f"The cluster group '{n}' was not found in cluster {c.name}.", "ObjectNotFound", n, "ClusterObjectNotFound")
            continue
        out.append(g)
    return out


@cmdlet("Get-ClusterGroup", honours={"Name", "Cluster", "InputObject", "VMId"})
def get_cluster_group(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    c = my_cluster(ctx, args, "Get-ClusterGroup")
    check_input("Get-ClusterGroup", args, input, ("Cluster", "ClusterNode"))
    gs = list(c.groups)
    if "Name" in args:
        gs, missing = select_named(gs, [str(n) for n in as_list(args["Name"])], lambda g: g.name)
        for n in missing:
            ctx.error(f"The cluster group '{n}' was not found in cluster {c.name}.", "ObjectNotFound", n, "ClusterObjectNotFound")
    obj = args.get("InputObject") or input
    if isinstance(obj, PSObject) and obj.type_name.endswith("ClusterNode"):   # the roles a node owns
        gs = [g for g in gs if g.owner.lower() == str(obj.get("Name")).lower()]
    if "VMId" in args:   # Get-VM | Get-ClusterGroup binds the VM's VMId by property name
        vm = _vm_by_id(ctx.world, args["VMId"])
        gs = [g for g in gs if vm is not None and g.group_type == "VirtualMachine" and g.name.lower() == vm.name.lower()]
    return [group_object(ctx.world, c, g) for g in by_name(gs, lambda g: g.name)]


@cmdlet("Add-ClusterVirtualMachineRole", honours={"VMName", "VirtualMachine", "Name", "Cluster", "InputObject", "VMId"})
def add_cluster_virtual_machine_role(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    c = my_cluster(ctx, args, "Add-ClusterVirtualMachineRole")
    objs = [o for o in as_list(args.get("InputObject")) if isinstance(o, PSObject)]
    name = str(args.get("VMName") or args.get("VirtualMachine") or (objs[0].get("Name") if objs else ""))
    # Get-VM | Add-ClusterVirtualMachineRole binds the VM's VMId by property name (the page's Example 3)
    by_id = _vm_by_id(world, args["VMId"]) if "VMId" in args and not args.get("VMName") and not args.get("VirtualMachine") else None
    vm = by_id or world.vm(name)
    name = name or str(args.get("VMId", ""))
    if vm is None or c.node(vm.host) is None:
        raise CmdletError(f"The virtual machine '{name}' was not found on any node of cluster {c.name} (Get-VM on each node lists them).", "ObjectNotFound", "VirtualMachineNotFound", name)
    if c.group(vm.name) is not None:
        raise CmdletError(f"The virtual machine '{vm.name}' is already a clustered role of cluster {c.name}.", "ResourceExists", "AlreadyClustered", vm.name)
    role = str(args.get("Name") or vm.name)
    off = _vm_files_on_csv(world, world.host(vm.host), vm)
    if off:
        ctx.warning(f"The virtual machine '{vm.name}' has its file '{off}' outside cluster storage: other nodes cannot reach it, "
                    "so the role cannot fail over or live-migrate. Put VMs on a Cluster Shared Volume.")
    g = Group(name=role, group_type="VirtualMachine", owner=vm.host, state="Online" if vm.state == "Running" else "Offline")
    c.groups.append(g)
    c.resources.append(Resource(name=f"Virtual Machine {vm.name}", resource_type="Virtual Machine", group=role, vm=vm.name,
                                state="Online" if vm.state == "Running" else "Offline"))
    c.resources.append(Resource(name=f"Virtual Machine Configuration {vm.name}", resource_type="Virtual Machine Configuration", group=role, vm=vm.name))
    ctx.advance(10.0)
    world.record("ha-role", vm=vm.name, owner=vm.host)
    return [group_object(world, c, g)]


def _ensure_quorum(world: World, c: Cluster) -> None:
    if not has_quorum(world, c):
        raise CmdletError(f"The cluster {c.name} has lost quorum: too few nodes (and witness) are up to run roles.", "ResourceUnavailable", "NoQuorum", c.name)


@cmdlet("Start-ClusterGroup", honours={"Name", "InputObject", "Cluster", "Wait", "IgnoreLocked"})
def start_cluster_group(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    c = my_cluster(ctx, args, "Start-ClusterGroup")
    _ensure_quorum(world, c)
    out = []
    for g in _groups(ctx, c, args, input):
        node = c.node(g.owner)
        if node is None or node.state != "Up" or not world.host(g.owner).running:
            other = _pick_node(world, c, g.owner)
            if other is None:
                raise CmdletError(f"The group '{g.name}' cannot be brought online: no node is up.", "ResourceUnavailable", "NoNode", g.name)
            g.owner = other
        vm = _vm_of_group(world, g)
        if vm is not None:
            if vm.state != "Running":
                restored = vm.state == "Saved"
                start(world, world.host(g.owner), vm)
                ctx.advance(vm.memory_startup / migration.DEFAULT_STORAGE_BYTES_PER_S if restored else 10.0)
            g.state = "Online"
            sync_vm_group(world, vm)
        else:
            _set_group_state(c, g, "Online")
            ctx.advance(2.0)
        emit(world, "group-state", group=g.name, node=g.owner, state=g.state)
        out.append(group_object(world, c, g))
    return out


def _set_group_state(c: Any, g: Any, state: str) -> None:
    """A group without a VM and its resources go online or offline together."""
    g.state = state
    for r in c.resources:
        if r.group and r.group.lower() == g.name.lower():
            r.state = state


@cmdlet("Stop-ClusterGroup", honours={"Name", "InputObject", "Cluster", "Wait", "IgnoreLocked"})
def stop_cluster_group(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    c = my_cluster(ctx, args, "Stop-ClusterGroup")
    out = []
    for g in _groups(ctx, c, args, input):
        vm = _vm_of_group(world, g)
        if vm is not None:
            if vm.state == "Running":
                vm.state, vm.started_at = "Saved", None
                ctx.advance(vm.memory_startup / migration.DEFAULT_STORAGE_BYTES_PER_S)
            g.state = "Offline"
            sync_vm_group(world, vm)
        else:
            _set_group_state(c, g, "Offline")
            ctx.advance(2.0)
        emit(world, "group-state", group=g.name, node=g.owner, state=g.state)
        out.append(group_object(world, c, g))
    return out


def _target_node(ctx: Any, c: Cluster, args: dict[str, Any], g: Group) -> Host:
    world = ctx.world
    name = args.get("Node")
    if isinstance(name, list):
        name = name[0] if name else None
    if isinstance(name, PSObject):
        name = name.get("Name")
    if not name:
        name = _pick_node(world, c, g.owner)
        if name is None:
            raise CmdletError(f"No other node of cluster {c.name} is up to take '{g.name}'.", "ResourceUnavailable", "NoNode", g.name)
    host = world.find_host(str(name))
    if host is None or c.node(host.name) is None:
        raise CmdletError(f"The node '{name}' is not a node of cluster {c.name}.", "ObjectNotFound", "ClusterObjectNotFound", name)
    return host


@cmdlet("Move-ClusterVirtualMachineRole", honours={"Name", "InputObject", "Node", "MigrationType", "Cluster", "Wait", "IgnoreLocked", "VMId"})
def move_cluster_virtual_machine_role(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    c = my_cluster(ctx, args, "Move-ClusterVirtualMachineRole")
    if "VMId" in args:   # the role of the VM with that id
        vm = _vm_by_id(world, args["VMId"])
        if vm is None:
            raise CmdletError(f"No clustered virtual machine has the id '{args['VMId']}'.", "ObjectNotFound", "ClusterObjectNotFound", args["VMId"])
        args = {**args, "Name": vm.name}
    _ensure_quorum(world, c)
    # The binder already holds -MigrationType to the VmMigrationType members (TurnOff, Quick, Shutdown, ShutdownForce, Live).
    kind = str(args.get("MigrationType", "Live")).lower()
    out = []
    for g in _groups(ctx, c, args, input):
        vm = _vm_of_group(world, g)
        if vm is None:
            raise CmdletError(f"The group '{g.name}' is not a virtual machine role.", "InvalidArgument", "NotVirtualMachine", g.name)
        target = _target_node(ctx, c, args, g)
        if target.name.lower() == vm.host.lower():
            ctx.warning(f"The virtual machine '{vm.name}' already runs on '{target.name}'.")
        elif kind == "live" and vm.state == "Running":
            live_migrate_vm(world, c, vm, target, ctx.advance)
        else:
            quick_migrate_vm(world, c, vm, target, ctx.advance, how=kind if kind != "live" else "quick")
        out.append(group_object(world, c, g))
    return out


@cmdlet("Move-ClusterGroup", honours={"Name", "InputObject", "Node", "Cluster", "Wait", "IgnoreLocked"})
def move_cluster_group(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    c = my_cluster(ctx, args, "Move-ClusterGroup")
    _ensure_quorum(world, c)
    out = []
    for g in _groups(ctx, c, args, input):
        target = _target_node(ctx, c, args, g)
        node = c.node(target.name)
        if node.state != "Up" or not target.running:
            raise CmdletError(f"The operation failed because the node '{target.name}' is {node.state}: a group can only move to a node that is Up.", "InvalidOperation", "NodeNotUp", target.name)
        vm = _vm_of_group(world, g)
        if vm is not None and vm.host.lower() != target.name.lower():
            quick_migrate_vm(world, c, vm, target, ctx.advance)
        elif vm is None:
            _move_plain_group(world, c, g, target.name)
            ctx.advance(5.0)
            world.record("move-group", group=g.name, to=target.name)
        out.append(group_object(world, c, g))
    return out


@cmdlet("Get-ClusterOwnerNode", honours={"Group", "Resource", "InputObject", "Cluster"})
def get_cluster_owner_node(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    c = my_cluster(ctx, args, "Get-ClusterOwnerNode")
    piped = args.get("InputObject") or input
    if isinstance(piped, PSObject) and piped.type_name.endswith("ClusterResource") and not args.get("Resource"):
        args = {**args, "Resource": piped.get("Name")}   # Get-ClusterResource | Get-ClusterOwnerNode
    if args.get("Resource"):
        r = c.resource(str(args["Resource"]))
        if r is None:
            raise CmdletError(f"The cluster resource '{args['Resource']}' was not found.", "ObjectNotFound", "ClusterObjectNotFound", args["Resource"])
        owners, what = [n.name for n in c.nodes], r.name
    else:
        g = (_groups(ctx, c, {"Name": args.get("Group")} if args.get("Group") else args, input) or [None])[0]
        if g is None:
            return []
        owners, what = [], g.name
    return [PSObject("Microsoft.FailoverClusters.PowerShell.ClusterOwnerNodeList",
                     {"ClusterObject": what, "OwnerNodes": [node_object(c, c.node(o)) for o in owners]},
                     display=["ClusterObject", "OwnerNodes"])]


# -- nodes ---------------------------------------------------------------------------------------

def _nodes(ctx: Any, c: Cluster, args: dict[str, Any], input: Any) -> list[ClusterNode]:
    objs = [o for o in as_list(args.get("InputObject")) if isinstance(o, PSObject)] or ([input] if isinstance(input, PSObject) else [])
    names = [str(o.get("Name")) for o in objs] + [str(n) for n in as_list(args.get("Name"))]
    if not names:
        names = [ctx.host]
    out = []
    for n in names:
        node = c.node(n.split(".")[0])
        if node is None:
            raise CmdletError(f"The node '{n}' was not found in cluster {c.name}.", "ObjectNotFound", "ClusterObjectNotFound", n)
        out.append(node)
    return out


@cmdlet("Suspend-ClusterNode", honours={"Name", "InputObject", "Drain", "ForceDrain", "TargetNode", "Cluster", "Wait", "Confirm"})
def suspend_cluster_node(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    c = my_cluster(ctx, args, "Suspend-ClusterNode")
    out = []
    for n in _nodes(ctx, c, args, input):
        if n.state == "Down":
            raise CmdletError(f"The node '{n.name}' is down and cannot be paused.", "InvalidOperation", "NodeDown", n.name)
        to = None
        if args.get("TargetNode"):   # "the node to which to move the workloads" when draining
            to = next((m.name for m in c.nodes if m.name.lower() == str(args["TargetNode"]).split(".")[0].lower()), None)
            if to is None or to.lower() == n.name.lower() or c.node(to).state != "Up":
                raise CmdletError(f"The node '{args['TargetNode']}' cannot take the roles of '{n.name}': it must be another node of "
                                  f"cluster {c.name} that is Up.", "InvalidArgument", "InvalidTargetNode", args["TargetNode"])
        n.state = "Paused"
        if args.get("Drain") or args.get("ForceDrain"):
            n.drain_status = "InProgress"
            evacuate_node(world, n.name, reason="drain", advance=ctx.advance, to=to)
            n.drain_status = "Completed"
        ctx.advance(2.0)
        out.append(node_object(c, n))
    return out


def _fail_back(ctx: Any, c: Cluster, node: str) -> None:
    """``-Failback Immediate``: the roles the last drain moved off ``node`` come back to it at once (VMs live if
    running). ``Policy`` follows each group's failback policy, which for the groups the twin creates is Windows'
    default (prevent failback), so it moves nothing, like ``NoFailback``.
    https://learn.microsoft.com/en-us/powershell/module/failoverclusters/resume-clusternode?view=windowsserver2022-ps"""
    world = ctx.world
    drains = [e for e in world.history if e.get("kind") == "evacuate" and e.get("reason") == "drain"
              and str(e.get("node", "")).lower() == node.lower()]
    if not drains:
        return
    target = world.host(node)
    for name in drains[-1].get("moved") or []:
        vm = world.vm(name)
        if vm is None or vm.host.lower() == node.lower():
            continue
        if vm.state == "Running":
            live_migrate_vm(world, c, vm, target, ctx.advance)
        else:
            quick_migrate_vm(world, c, vm, target, ctx.advance)


@cmdlet("Resume-ClusterNode", honours={"Name", "InputObject", "Failback", "Cluster"})
def resume_cluster_node(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    c = my_cluster(ctx, args, "Resume-ClusterNode")
    out = []
    for n in _nodes(ctx, c, args, input):
        if n.state == "Paused":
            n.state = "Up"
            n.drain_status = "NotInitiated"
            if str(args.get("Failback", "NoFailback")) == "Immediate":
                _fail_back(ctx, c, n.name)
        ctx.advance(2.0)
        out.append(node_object(c, n))
    return out


@cmdlet("Stop-ClusterNode", honours={"Name", "InputObject", "Cluster", "Wait", "Confirm"})
def stop_cluster_node(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    c = my_cluster(ctx, args, "Stop-ClusterNode")
    out = []
    for n in _nodes(ctx, c, args, input):
        if n.state != "Down":
            evacuate_node(world, n.name, reason="stop", advance=ctx.advance)
            n.state = "Down"
            world.record("node-stopped", node=n.name)
        ctx.advance(5.0)
        out.append(node_object(c, n))
    return out


@cmdlet("Start-ClusterNode", honours={"Name", "InputObject", "Cluster", "Wait"})
def start_cluster_node(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    me = require_module(ctx, "Start-ClusterNode", "FailoverClusters")
    c = world.cluster
    if c is None:
        raise CmdletError(NOT_RUNNING, "ConnectionError", "ClusterCmdletException", me.name)
    out = []
    for n in _nodes(ctx, c, args, input):
        if not world.host(n.name).running:
            raise CmdletError(f"The node '{n.name}' could not be contacted (it is not running).", "ConnectionError", "NodeNotReachable", n.name)
        if n.state == "Down":
            n.state = "Up"
            world.record("node-started", node=n.name)
        ctx.advance(15.0)
        out.append(node_object(c, n))
    return out


# -- validation -----------------------------------------------------------------------------------

def _write_report_file(world: World, host: Host, path: str, text: str) -> None:
    """Leave a report file on the node Test-Cluster ran on, where Get-Content and Test-Path find it."""
    add_file(world, host, path)
    place = resolve_path(world, host, path)
    assert place is not None        # add_file raised otherwise
    if place.disk is None:
        host.texts[place.path.lower()] = text
    elif place.volume is not None:
        place.volume.texts[place.rel.lower()] = text


@cmdlet("Test-Cluster", honours={"Node", "Include", "Ignore", "ReportName", "Force", "Confirm"})
def test_cluster(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    me = require_module(ctx, "Test-Cluster", "FailoverClusters")
    names = [str(n) for n in as_list(args.get("Node"))]
    if not names:
        if world.cluster is None or world.cluster.node(me.name) is None:
            raise CmdletError(NOT_RUNNING, "ConnectionError", "ClusterCmdletException", me.name)
        names = [n.name for n in world.cluster.nodes]
    hosts = []
    for n in names:
        h = world.find_host(n)
        if h is None:
            raise CmdletError(f"Failed to access the node '{n}': the computer could not be found in domain {world.domain}.", "ObjectNotFound", "ValidationNodeNotFound", n)
        hosts.append(h)
        require_reach(ctx, h.name)  # the double hop: labkit/twin/logon.py
    include = [str(x) for x in as_list(args.get("Include"))] or list(validation.CATEGORIES)
    ignore = [str(x) for x in as_list(args.get("Ignore"))]
    unknown = [x for x in include + ignore if validation.category_of(x) is None]
    unmodelled = [x for x in unknown if validation.is_windows_test_name(x)]
    if unmodelled:
        # a test of Windows' that the twin does not run ("List System Drivers": the page's Example 7,
        # https://learn.microsoft.com/en-us/powershell/module/failoverclusters/test-cluster?view=windowsserver2022-ps)
        raise NotEmulated("Test-Cluster", f"the validation test or category '{unmodelled[0]}' (the twin runs "
                          f"{', '.join(validation.CATEGORIES)} and their tests: Test-Cluster -Include <category>)")
    if unknown:
        raise CmdletError(f"The test or category '{unknown[0]}' is not known; the categories are {', '.join(validation.CATEGORIES)}.", "InvalidArgument", "UnknownValidationTest", unknown[0])
    report = validation.run(world, hosts, include=include, ignore=ignore, report_name=args.get("ReportName"))
    ctx.advance(report["seconds"])
    for path, text in validation.report_files(report).items():
        _write_report_file(world, me, path, text)
    state_dir = getattr(ctx, "state_dir", None)
    if state_dir is not None:
        validation.write_html(report, state_dir)
    for line in report["warnings"]:
        ctx.warning(line)
    return [validation.file_object(report)]
