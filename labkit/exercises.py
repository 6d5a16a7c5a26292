"""Break-and-fix exercises on the twin, the way trainers teach clustering.

Each exercise starts from the lab at the end of a section (a checkpoint, see
:mod:`labkit.twin.checkpoints`), breaks one thing the procedure warns about,
and gives the student a symptom to look at, hints one at a time, and a check
that reads the lab and passes only when the real fix is in place (not when the
symptom is merely out of sight).  The student fixes it with PowerShell, as an
admin would: `labkit exec HOST -c ...`, or `%%powershell HOST` in the
exercises runbook.

`labkit exercise list|start NAME|check|hint|reset` drives them; the exercise
under way is kept in ``exercise.json`` in the lab state folder.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from labkit.twin.world import World

if TYPE_CHECKING:
    from labkit.lab import Lab

ACTIVE_FILE = "exercise.json"


class ExerciseError(Exception):
    """The exercise cannot start or be checked; the message says what to do."""


@dataclass(frozen=True)
class Exercise:
    name: str
    title: str
    section: int                          # starts from the lab at the end of this section
    story: str                            # what the student is told
    symptom: tuple[str, str]              # (host, PowerShell) that shows the problem
    hints: tuple[str, ...]
    break_it: Callable[[Path], None]      # applies the fault to the lab state
    problems: Callable[[World], list[str]]  # what is still wrong ([] when fixed)
    solution: tuple[tuple[str, str], ...] = field(default=())   # (host, PowerShell) an admin types: for the tests


# -- shared ---------------------------------------------------------------------------

def _ps(state: Path, host: str, script: str) -> None:
    """Break the lab with the PowerShell a careless admin would type (must succeed)."""
    from labkit.twin.session import run_script

    r = run_script(script, host=host, state_dir=state, label="exercise")
    if not r.ok or r.errors:
        raise ExerciseError(f"could not set the exercise up on {host}: {r.error_text}")


def _nodes(world: World) -> list[str]:
    return [h.name for h in world.hosts if h.role == "node"]


def _migration_subnets(world: World) -> list[str]:
    subnets: list[str] = []
    for h in world.hosts:
        if h.role == "node":
            subnets += [s for s in h.vmhost.migration_networks if s not in subnets]
    return subnets


# -- 1. File and Printer Sharing unbound on the migration network --------------------------

def _break_bindings(state: Path) -> None:
    _ps(state, "CLUSTERNODE-2", "Disable-NetAdapterBinding -Name Heartbeat -ComponentID ms_server")


def _bindings_problems(world: World) -> list[str]:
    import ipaddress

    out = []
    for subnet in _migration_subnets(world):
        net = ipaddress.IPv4Network(subnet)
        for h in world.hosts:
            if h.role != "node":
                continue
            for a in h.adapters:
                if any(ipaddress.IPv4Address(ip.ip) in net for ip in a.addresses):
                    for comp, label in (("ms_msclient", "Client for Microsoft Networks"),
                                        ("ms_server", "File and Printer Sharing for Microsoft Networks")):
                        if not a.bindings.get(comp, False):
                            out.append(f"{h.name}: {label} ({comp}) is unbound on {a.name}, the live migration network {subnet}")
    return out


# -- 2. an iSCSI session dropped on one node -------------------------------------------------

def _break_session(state: Path) -> None:
    from labkit.twin.modules.iscsi import refresh_views
    from labkit.twin.session import transaction

    # What `Disconnect-IscsiTarget` on the node does: the session and its persistent login go,
    # and with them the node's view of the LUNs.
    with transaction(state) as world:
        node = world.host("CLUSTERNODE-2")
        node.sessions = []
        refresh_views(world)
        world.record("exercise", what="iSCSI session dropped", host=node.name)


def _session_problems(world: World) -> list[str]:
    out = []
    luns = {vd.disk_id for h in world.hosts for vd in h.target_server.virtual_disks}
    for name in _nodes(world):
        h = world.host(name)
        if not h.sessions:
            out.append(f"{name} has no iSCSI session to the target")
        elif not all(s.persistent for s in h.sessions):
            out.append(f"{name}'s iSCSI session is not persistent: it will not come back after a restart (-IsPersistent $true)")
        missing = [d for d in luns if h.view(d) is None]
        if missing:
            out.append(f"{name} does not see {len(missing)} of the {len(luns)} LUNs")
    return out


# -- 3. a node paused with its roles drained ----------------------------------------------------

def _break_paused(state: Path) -> None:
    _ps(state, "CLUSTERNODE-1", "Suspend-ClusterNode -Name CLUSTERNODE-1 -Drain | Out-Null")


def _paused_problems(world: World) -> list[str]:
    c = world.cluster
    if c is None:
        return ["there is no cluster"]
    out = [f"{n.name} is {n.state}" for n in c.nodes if n.state != "Up"]
    home = _nodes(world)[0]
    for vm in world.vms:
        g = c.group(vm.name)
        if g is not None and g.owner.lower() != home.lower():
            out.append(f"{vm.name} runs on {g.owner}, not back on {home}: its roles did not fail back")
    return out


# -- 4. the quorum disk offline -----------------------------------------------------------------

def _break_witness(state: Path) -> None:
    _ps(state, "CLUSTERNODE-1", "(Get-ClusterQuorum).QuorumResource | Stop-ClusterResource | Out-Null")


def _witness_problems(world: World) -> list[str]:
    c = world.cluster
    if c is None:
        return ["there is no cluster"]
    if not c.quorum.resource:
        return ["the cluster has no disk witness any more: with two nodes, losing one now stops the cluster"]
    r = c.resource(c.quorum.resource)
    if r is None:
        return [f"the quorum resource {c.quorum.resource} does not exist"]
    out = []
    if r.state != "Online":
        out.append(f"the disk witness {r.name} is {r.state}")
    luns = sorted((vd.size, vd.disk_id) for h in world.hosts for vd in h.target_server.virtual_disks)
    if luns and r.disk_id != luns[0][1]:
        out.append(f"the disk witness {r.name} is not the small quorum LUN")
    return out


# -- 5. a CSV in redirected access ----------------------------------------------------------------

def _csv_problems(world: World) -> list[str]:
    c = world.cluster
    if c is None:
        return ["there is no cluster"]
    out = []
    for r in c.csvs():
        for n in c.nodes:
            if world.host(n.name).view(r.disk_id or "") is None:
                out.append(f"{r.name} is in redirected access on {n.name}: its I/O goes over the network to the coordinator")
    return out + [p for p in _session_problems(world) if "persistent" in p]


# -- 6. a node replaced with a newer processor generation ----------------------------------------

VM_NAME = "HA-VM01"


def _since_break(world: World, what: str) -> list[dict]:
    """The world's events after the exercise's break (the last ``exercise`` record saying ``what``)."""
    marks = [i for i, e in enumerate(world.history) if e.get("kind") == "exercise" and e.get("what") == what]
    return world.history[marks[-1] + 1:] if marks else []


def _break_processor_generation(state: Path) -> None:
    from labkit.twin.processors import NEWER_PART
    from labkit.twin.session import load_world, transaction

    # The VM starts on the first node, processor compatibility off (the default): a running VM to move.
    home, other = _nodes(load_world(state))[:2]
    _ps(state, home, f"Move-ClusterVirtualMachineRole -Name {VM_NAME} -Node {home} -MigrationType Live -WarningAction SilentlyContinue | Out-Null")
    with transaction(state) as world:
        vm = world.vm(VM_NAME)
        if vm.processor_compatibility:
            raise ExerciseError(f"{VM_NAME} already has processor compatibility on: reset the lab (labkit run) first")
        node = world.host(other)
        node.processor_model = NEWER_PART[node.processor]   # the replacement server: same maker, a newer generation
        world.record("exercise", what="processor generation", host=node.name, part=node.processor_model)


def _live_migrations(world: World, events: list[dict]) -> list[dict]:
    return [e for e in events if e.get("kind") == "migration" and e.get("vm") == VM_NAME and e.get("ok")
            and e.get("migration_type") == "live"]


def _processor_generation_problems(world: World) -> list[str]:
    from labkit.twin.processors import features_differ

    vm = world.vm(VM_NAME)
    if vm is None:
        return [f"the virtual machine {VM_NAME} is gone"]
    out = []
    nodes = [world.host(n) for n in _nodes(world)]
    if not any(features_differ(a, b) for a in nodes for b in nodes):
        out.append("the nodes' processors no longer differ: this exercise is about moving a running VM between them")
    if not vm.processor_compatibility:
        out.append(f"{VM_NAME} does not limit its processor features (Get-VMProcessor -VMName {VM_NAME}: "
                   "CompatibilityForMigrationEnabled is False), so it cannot live-migrate between the two generations")
    if vm.state != "Running":
        out.append(f"{VM_NAME} is {vm.state}: start it again (Start-ClusterGroup)")
    if not _live_migrations(world, _since_break(world, "processor generation")):
        out.append(f"{VM_NAME} has not live-migrated between the nodes since the processor changed: "
                   f"Move-ClusterVirtualMachineRole -Name {VM_NAME} -Node <the other node> -MigrationType Live")
    return out


# -- 7. a node of the other processor maker: evict it, add a matching one -------------------------

def _spare_name(nodes: list[str]) -> str:
    """The next node name in the lab's pattern (CLUSTERNODE-1, CLUSTERNODE-2 -> CLUSTERNODE-3)."""
    import re

    stem = re.sub(r"\d+$", "", nodes[0])
    n = len(nodes) + 1
    while f"{stem}{n}".lower() in (x.lower() for x in nodes):
        n += 1
    return f"{stem}{n}"


def _spare_addresses(lab: "Lab", taken: set[str]) -> dict[str, str]:
    """A free address on each network the first node has (the next ones after the nodes')."""
    import ipaddress

    out = {}
    for net, addr in lab.nodes[0].addresses.items():
        cidr = lab.networks[net]
        candidate = ipaddress.IPv4Address(str(addr)) + 1
        while str(candidate) in taken or candidate not in cidr or candidate in (cidr.network_address, cidr.broadcast_address):
            candidate += 1
        out[net] = str(candidate)
        taken.add(str(candidate))
    return out


def _add_spare_node(state: Path, name: str, maker: str) -> None:
    """A server racked and prepared the way sections 1-3, 6 and 8 prepared the nodes, not yet in the cluster."""
    from labkit import steps
    from labkit.lab import Lab
    from labkit.twin.session import run_script
    from labkit.twin.store import Store
    from labkit.twin.world import _new_host

    # The lab file stays as it is (the spare is not part of the course's lab): the spare lives in the world only,
    # made from the lab with it added, and `labkit exec` reaches it like any lab host (labkit.twin.session).
    with Store(state).transaction() as txn:
        lab = txn.lab
        taken = {str(a) for h in lab.hosts for a in h.addresses.values()} | {str(lab.spec.cluster.address)}
        data = lab.to_dict()
        spare = {**data["nodes"][0], "name": name, "addresses": _spare_addresses(lab, taken)}
        spare["os"] = {**(data["nodes"][0].get("os") or data.get("os") or {}), "processor": maker}
        data["nodes"].append(spare)
        with_spare = Lab.from_dict(data, source=lab.source)
        txn.world.hosts.append(_new_host(with_spare, with_spare.host(name), len(txn.world.hosts) + 1))
        first = txn.world.host(data["nodes"][0]["name"])
        txn.world.host(name).processor_model = first.processor_model if first.processor == maker else ""
        lab = with_spare

    def step(host: str, name_: str, args: dict) -> None:
        r = run_script(steps.script(name_), host=host, args=args, state_dir=state, label=f"exercise: {name_}")
        if not r.ok or r.errors:
            raise ExerciseError(f"could not prepare the spare node {name} ({name_} on {host}): {r.error_text}")

    step(name, "install-features", {"Features": ["Hyper-V", "Failover-Clustering"], "Restart": True})
    step(name, "configure-network", {"Networks": steps.network_plan(lab, lab.host(name))})
    step(name, "ensure-vmswitch", {})
    step(name, "ensure-iscsi-initiator", {})
    with Store(state).transaction() as txn:
        iqns = [f"IQN:{h.initiator_iqn}" for h in txn.world.hosts if h.role == "node"]
    step(lab.storage_server.name, "ensure-iscsi-target",
         {"TargetName": steps.target_name(lab), "InitiatorIds": iqns, "Luns": steps.lun_plan(lab)})
    step(name, "connect-iscsi", {"PortalAddress": str(lab.storage_server.addresses["iSCSI"]),
                                 "InitiatorAddress": str(lab.host(name).addresses["iSCSI"])})
    with Store(state).transaction() as txn:
        # Hyper-V's settings as the other nodes have them (default paths on the CSV, live migration networks).
        txn.world.host(name).vmhost = txn.world.host(lab.nodes[0].name).vmhost.model_copy(deep=True)


def _break_processor_makers(state: Path) -> None:
    from labkit.twin.session import load_world, transaction

    nodes = _nodes(load_world(state))
    home, odd = nodes[:2]
    _ps(state, home, f"Move-ClusterVirtualMachineRole -Name {VM_NAME} -Node {home} -MigrationType Live -WarningAction SilentlyContinue | Out-Null")
    maker = load_world(state).host(home).processor
    _add_spare_node(state, _spare_name(nodes), maker)
    with transaction(state) as world:
        node = world.host(odd)
        node.processor, node.processor_model = ("AMD" if maker == "Intel" else "Intel"), ""   # the replacement server
        # Someone already tried the usual cure: HA-VM01 runs with processor compatibility on.
        world.vm(VM_NAME).processor_compatibility = True
        world.record("exercise", what="processor makers", host=node.name, maker=node.processor)


def _processor_makers_problems(world: World) -> list[str]:
    c = world.cluster
    if c is None:
        return ["there is no cluster"]
    out = []
    makers = {world.host(n.name).processor: n.name for n in c.nodes}
    if len(makers) > 1:
        out.append("the cluster's nodes have processors of different makers (" +
                   ", ".join(f"{n.name} {world.host(n.name).processor}" for n in c.nodes) +
                   "): a running VM cannot move between them, processor compatibility or not")
    up = [n.name for n in c.nodes if n.state == "Up" and world.host(n.name).running]
    if len(up) < 2:
        out.append(f"the cluster has {len(up)} node(s) up: HA-VM01 has nowhere to fail over or move to")
    vm = world.vm(VM_NAME)
    if vm is None or vm.state != "Running":
        out.append(f"{VM_NAME} is not running")
    members = {n.name.lower() for n in c.nodes}
    moved = [e for e in _live_migrations(world, _since_break(world, "processor makers"))
             if str(e.get("from", "")).lower() in members and str(e.get("to", "")).lower() in members]
    if not moved:
        out.append(f"{VM_NAME} has not live-migrated between two nodes of the cluster as it is now: "
                   f"Move-ClusterVirtualMachineRole -Name {VM_NAME} -Node <another node> -MigrationType Live")
    return out


# -- 8. a 2008 R2 cluster as the article's GUI built it: CSV enabled by hand ----------------------

def _break_2008r2(state: Path) -> None:
    from labkit.twin.modules.failoverclusters import CORE_GROUP, core_resources
    from labkit.twin.session import transaction

    # The lab at the end of section 5 (built with the modern tools), turned into what the article's
    # Windows Server 2008 R2 servers run: their module set (os_versions.MODULES_2008R2), live migration
    # over TCP/IP only, and a cluster whose Cluster Shared Volumes nobody has enabled yet.
    with transaction(state) as world:
        if world.cluster is None:
            raise ExerciseError("this exercise starts from a cluster (section 5): run `labkit run --until 5` first")
        if world.cluster.csvs():
            raise ExerciseError("the lab at the end of section 5 already has a Cluster Shared Volume: run `labkit run` again")
        for h in world.hosts:
            h.os_version = "2008R2"
            if h.role == "node":
                h.vmhost.migration_performance = "TCPIP"
        world.cluster.shared_volumes_enabled = False
        # Only the core resources a 2008 R2 New-Cluster makes (no Storage QoS, no VM Cluster WMI: those came with 2016).
        core = {r.name for r in core_resources([world.host(n.name) for n in world.cluster.nodes])}
        world.cluster.resources = [r for r in world.cluster.resources if r.group != CORE_GROUP or r.name in core
                                   or r.resource_type == "Physical Disk"]
        world.record("exercise", what="2008 R2 cluster")


def _csv_lun(world: World) -> str | None:
    luns = sorted((vd.size, vd.disk_id) for h in world.hosts for vd in h.target_server.virtual_disks)
    return luns[-1][1] if luns else None


def _2008r2_problems(world: World) -> list[str]:
    c = world.cluster
    if c is None:
        return ["there is no cluster"]
    out = []
    if any(h.os_version != "2008R2" for h in world.hosts):
        out.append("the lab is no longer the 2008 R2 lab of this exercise: labkit exercise reset")
    if not c.shared_volumes_enabled:
        out.append(f"Cluster Shared Volumes are not enabled on cluster {c.name} (Get-Cluster | Format-List EnableSharedVolumes)")
    lun = _csv_lun(world)
    r = c.disk_resource(lun) if lun else None
    if r is None:
        out.append("the large LUN is not a disk of the cluster")
    elif r.csv_volume is None:
        out.append(f"{r.name}, the large LUN, is not a Cluster Shared Volume (it is in {r.group or 'no group'})")
    elif r.state != "Online":
        out.append(f"the Cluster Shared Volume {r.name} is {r.state}")
    return out


EXERCISES: dict[str, Exercise] = {e.name: e for e in (
    Exercise(
        "migration-bindings", "Live migration refuses: a binding is missing on the migration network", 8,
        "A colleague 'hardened' the cluster network on one node last night. This morning, live migration of "
        "HA-VM01 to that node fails.",
        ("CLUSTERNODE-1", "Move-ClusterVirtualMachineRole -Name HA-VM01 -Node CLUSTERNODE-2 -MigrationType Live"),
        ("Live migration runs over the network Set-VMHost / Add-VMMigrationNetwork chose: which one is it on each node? (Get-VMMigrationNetwork)",
         "Live migration needs two bindings on that network, on both ends: look at Get-NetAdapterBinding -Name Heartbeat on each node.",
         "Enable-NetAdapterBinding -Name Heartbeat -ComponentID ms_server on the node where File and Printer Sharing is unbound."),
        _break_bindings, _bindings_problems,
        (("CLUSTERNODE-2", "Enable-NetAdapterBinding -Name Heartbeat -ComponentID ms_server"),),
    ),
    Exercise(
        "iscsi-session", "A node lost its iSCSI session before validation", 3,
        "Someone cleaned up the iSCSI Initiator on one node while you were setting up the storage. Validation "
        "(section 4) now fails on storage, and that node would not reach the shared disks after a failover.",
        ("CLUSTERNODE-2", '"iSCSI sessions: $(@(Get-IscsiSession).Count)"\n'
                          '"iSCSI disks:    $(@(Get-Disk | Where-Object BusType -eq iSCSI).Count)"'),
        ("Compare Get-IscsiSession and Get-Disk on both nodes.",
         "The target and its portal are still known: Get-IscsiTarget shows the target's NodeAddress (IsConnected False).",
         "Connect-IscsiTarget -NodeAddress <the target IQN> -IsPersistent $true (Get-IscsiTargetPortal shows the portal it goes through): "
         "without -IsPersistent the session is gone after the next restart."),
        _break_session, _session_problems,
        (("CLUSTERNODE-2", "Get-IscsiTarget | Connect-IscsiTarget -IsPersistent $true | Out-Null"),),
    ),
    Exercise(
        "node-paused", "A node left paused after maintenance", 8,
        "Last night's patching drained CLUSTERNODE-1 and paused it. Patching is done, but the node still takes "
        "no roles, and HA-VM01 runs on the other node with no failover target.",
        ("CLUSTERNODE-1", "Get-ClusterNode | Select-Object Name, State, DrainStatus\nGet-ClusterGroup | Select-Object Name, OwnerNode, State"),
        ("A paused node stays in the cluster but takes no roles: Get-ClusterNode shows which.",
         "Resume-ClusterNode brings it back; what happens to the roles that were drained from it?",
         "Resume-ClusterNode -Name CLUSTERNODE-1 -Failback Immediate returns its roles (or move them back with Move-ClusterVirtualMachineRole)."),
        _break_paused, _paused_problems,
        (("CLUSTERNODE-1", "Resume-ClusterNode -Name CLUSTERNODE-1 -Failback Immediate | Out-Null"),),
    ),
    Exercise(
        "quorum-disk-offline", "The disk witness is offline", 8,
        "The monitoring says the cluster 'has no witness'. Both nodes are up and the VM runs, so nobody noticed: "
        "but if one node fails now, the other has only half the votes.",
        ("CLUSTERNODE-1", "Get-ClusterQuorum | Select-Object Cluster, QuorumResource, QuorumType\n"
                          "Get-ClusterResource | Select-Object Name, State, OwnerGroup, ResourceType"),
        ("The witness is a cluster resource: which one, and in which state? (Get-ClusterQuorum, Get-ClusterResource)",
         "Removing the witness (Set-ClusterQuorum -NoWitness) makes the warning go away, and the cluster weaker: bring it back instead.",
         "Start-ClusterResource -Name <the witness disk> brings it online."),
        _break_witness, _witness_problems,
        (("CLUSTERNODE-1", "(Get-ClusterQuorum).QuorumResource | Start-ClusterResource | Out-Null"),),
    ),
    Exercise(
        "csv-redirected", "A Cluster Shared Volume in redirected access", 8,
        "The VMs on CLUSTERNODE-2 got slow this morning, though nothing failed. Storage traffic on the Heartbeat "
        "network has gone up.",
        ("CLUSTERNODE-2", "Get-ClusterSharedVolumeState | Select-Object Name, Node, StateInfo, BlockRedirectedIOReason"),
        ("Get-ClusterSharedVolumeState tells, per node, whether the node writes the CSV directly or through the coordinator.",
         "BlockRedirected with NoDiskConnectivity: the node lost its path to the disk. Which path does a node have to the LUN? (Get-IscsiSession)",
         "Reconnect the node's iSCSI session persistently: Get-IscsiTarget | Connect-IscsiTarget -IsPersistent $true."),
        _break_session, _csv_problems,
        (("CLUSTERNODE-2", "Get-IscsiTarget | Connect-IscsiTarget -IsPersistent $true | Out-Null"),),
    ),
    Exercise(
        "processor-generation", "Live migration refuses: a node has a newer processor generation", 8,
        "CLUSTERNODE-2's hardware failed and was replaced over the weekend by a newer server, same processor maker, "
        "newer generation. The cluster took it back without complaint, but HA-VM01 no longer live-migrates to it.",
        ("CLUSTERNODE-1", f"Move-ClusterVirtualMachineRole -Name {VM_NAME} -Node CLUSTERNODE-2 -MigrationType Live"),
        ("Compare the nodes' processors: Get-CimInstance Win32_Processor | Select-Object Manufacturer, Name, Caption on each node.",
         "Same maker, different generation: a running VM uses the processor features of the host it started on, and Hyper-V "
         "refuses to move it to a host without them. Processor compatibility limits the VM to features every generation has: "
         f"Get-VMProcessor -VMName {VM_NAME}.",
         f"The setting changes only with the VM off, and saved is not off (Stop-ClusterGroup saves a VM role): on its node, "
         f"Stop-VM -Name {VM_NAME}; Set-VMProcessor -VMName {VM_NAME} -CompatibilityForMigrationEnabled $true; "
         f"Start-ClusterGroup {VM_NAME}; then live-migrate it (Move-ClusterVirtualMachineRole ... -MigrationType Live)."),
        _break_processor_generation, _processor_generation_problems,
        (("CLUSTERNODE-1", f"Stop-VM -Name {VM_NAME}\n"
                           f"Set-VMProcessor -VMName {VM_NAME} -CompatibilityForMigrationEnabled $true\n"
                           f"Start-ClusterGroup -Name {VM_NAME} | Out-Null\n"
                           f"Move-ClusterVirtualMachineRole -Name {VM_NAME} -Node CLUSTERNODE-2 -MigrationType Live | Out-Null"),),
    ),
    Exercise(
        "processor-makers", "Live migration refuses: a node with the other processor maker", 8,
        "CLUSTERNODE-2 failed and was replaced in a hurry by the only spare server at hand, which has processors of the "
        "other maker. HA-VM01 no longer live-migrates to it, although a colleague already switched processor compatibility "
        "on. A server matching CLUSTERNODE-1, CLUSTERNODE-3, has arrived: racked, cabled, roles installed, iSCSI connected, "
        "but not in the cluster.",
        ("CLUSTERNODE-1", f"Get-VMProcessor -VMName {VM_NAME} | Select-Object VMName, CompatibilityForMigrationEnabled\n"
                          f"Move-ClusterVirtualMachineRole -Name {VM_NAME} -Node CLUSTERNODE-2 -MigrationType Live"),
        ("Compare the processors: Get-CimInstance Win32_Processor | Select-Object Manufacturer, Name on each node (and on "
         "CLUSTERNODE-3). Test-Cluster -Include 'Validate Matching Processor Manufacturers' says the same.",
         "Processor compatibility hides the differences between generations of one maker; no setting lets a running VM move "
         "between Intel and AMD. The cluster needs nodes of one maker: replace the odd one.",
         "Evict the odd node (Remove-ClusterNode -Name CLUSTERNODE-2), add the matching one (Add-ClusterNode -Name CLUSTERNODE-3), "
         f"then live-migrate {VM_NAME} to it. Both cmdlets reach the other node: over WinRM they need CredSSP "
         "(labkit exec --logon credssp)."),
        _break_processor_makers, _processor_makers_problems,
        (("CLUSTERNODE-1", "Remove-ClusterNode -Name CLUSTERNODE-2 -Force\n"
                           "Add-ClusterNode -Name CLUSTERNODE-3 | Out-Null\n"
                           f"Move-ClusterVirtualMachineRole -Name {VM_NAME} -Node CLUSTERNODE-3 -MigrationType Live | Out-Null"),),
    ),
    Exercise(
        "csv-2008r2", "Windows Server 2008 R2: Cluster Shared Volumes enabled by hand", 5,
        "The procedure's article built its cluster on Windows Server 2008 R2, and so is this lab now: the cluster "
        "exists, but there is no Cluster Shared Volume, and the Hyper-V, Storage and iSCSI modules are missing (they "
        "came with 2012). Make the large shared disk a CSV with the tools 2008 R2 has: its FailoverClusters module.",
        ("CLUSTERNODE-1", "Get-Cluster | Format-List Name, EnableSharedVolumes\n"
                          "Get-ClusterResource | Format-Table Name, State, OwnerGroup, ResourceType -AutoSize\n"
                          "Get-ClusterSharedVolume\n"
                          "Get-Disk"),
        ("Which tools does a 2008 R2 host have? Get-Command -Module FailoverClusters lists the cluster's cmdlets; "
         "Get-Command Get-Disk, Get-VM: not there (the Storage and Hyper-V modules came with 2012).",
         "On 2008 R2 a new cluster has Cluster Shared Volumes switched off: the article enables them in Failover Cluster "
         "Manager ('Enable Cluster Shared Volumes'). In PowerShell that is the cluster's EnableSharedVolumes property.",
         "(Get-Cluster).EnableSharedVolumes = 'Enabled', then Add-ClusterSharedVolume -Name <the large disk in Available "
         "Storage, not the witness>. Then try writing a file to C:\\ClusterStorage\\Volume1 from the node that does not "
         "own the CSV: on 2008 R2 only Hyper-V may."),
        _break_2008r2, _2008r2_problems,
        (("CLUSTERNODE-1", "(Get-Cluster).EnableSharedVolumes = 'Enabled'\n"
                           "Get-ClusterResource | Where-Object { \"$($_.OwnerGroup)\" -eq 'Available Storage' } | "
                           "Add-ClusterSharedVolume | Out-Null"),),
    ),
)}


# -- running them -------------------------------------------------------------------------------

def _active_path(state: Path) -> Path:
    return Path(state) / ACTIVE_FILE


def active(state: Path) -> tuple[Exercise, dict] | None:
    path = _active_path(state)
    if not path.is_file():
        return None
    doc = json.loads(path.read_text(encoding="utf-8"))
    ex = EXERCISES.get(doc.get("name", ""))
    return (ex, doc) if ex else None


def get(name: str) -> Exercise:
    if name not in EXERCISES:
        import difflib

        close = difflib.get_close_matches(name, EXERCISES, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ExerciseError(f"no exercise {name!r}{hint}; `labkit exercise list` shows them: {', '.join(EXERCISES)}")
    return EXERCISES[name]


def start(state: Path, name: str) -> Exercise:
    """The lab at the end of the exercise's section, broken as the exercise says."""
    from labkit.twin import checkpoints
    from labkit.twin.store import OlderState, StoreError

    ex = get(name)
    try:
        checkpoints.restore(state, ex.section)
    except OlderState as e:
        raise ExerciseError(f"exercise {name} starts from the lab at the end of section {ex.section}: {e}") from None
    except StoreError:
        raise ExerciseError(
            f"exercise {name} starts from the lab at the end of section {ex.section}, and this lab state has no "
            f"checkpoint {ex.section}: run `labkit run` (or `labkit run --until {ex.section}`) first") from None
    ex.break_it(Path(state))
    _active_path(state).write_text(json.dumps({"name": name, "started": time.time(), "hints": 0}), encoding="utf-8")
    return ex


def check(state: Path) -> tuple[Exercise, list[str]]:
    from labkit.twin.session import load_world

    found = active(state)
    if found is None:
        raise ExerciseError("no exercise under way: `labkit exercise start NAME` (`labkit exercise list` shows them)")
    ex, _ = found
    problems = ex.problems(load_world(state))
    if not problems:
        _record_pass(Path(state), ex.name)
    return ex, problems


PASSED_FILE = "exercises.json"


def _record_pass(state: Path, name: str) -> None:
    """Remember a passed exercise (the trainer's `labkit class status` reads it); written atomically."""
    path = state / PASSED_FILE
    try:
        doc = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except ValueError:
        doc = {}
    passed = list(doc.get("passed", []))
    if name not in passed:
        passed.append(name)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"passed": passed}), encoding="utf-8")
    tmp.replace(path)


def hint(state: Path) -> tuple[Exercise, int, str]:
    found = active(state)
    if found is None:
        raise ExerciseError("no exercise under way: `labkit exercise start NAME` first")
    ex, doc = found
    n = min(doc.get("hints", 0), len(ex.hints) - 1)
    doc["hints"] = n + 1
    _active_path(state).write_text(json.dumps(doc), encoding="utf-8")
    return ex, n + 1, ex.hints[n]


def reset(state: Path) -> Exercise:
    found = active(state)
    if found is None:
        raise ExerciseError("no exercise under way to reset: `labkit exercise start NAME`")
    return start(state, found[0].name)
