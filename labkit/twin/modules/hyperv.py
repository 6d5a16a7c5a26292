"""Hyper-V: virtual switches, host settings (default paths, live migration),
VMs and their processors, disks and network adapters, VHDs.

Every cmdlet needs the Hyper-V PowerShell module (Hyper-V-PowerShell, added by
``-IncludeManagementTools``) and a running hypervisor (the Hyper-V role
installed *and* the host restarted): see
:func:`labkit.twin.modules.servermanager.require_hyperv`.

VM files: ``New-VM -Path P`` keeps the VM in ``P\\<Name>`` (``Virtual
Machines`` below it), as Hyper-V does; without ``-Path`` in the host's
VirtualMachinePath.  A relative ``-NewVHDPath`` lands in the host's
VirtualHardDiskPath.  Files on a Cluster Shared Volume are reachable from
every node; Hyper-V's own access to a 2008 R2 CSV is allowed from any node.
"""

from __future__ import annotations

import fnmatch
import ipaddress
from datetime import timedelta
from typing import Any, Iterable

from labkit.twin.logon import is_other_host, lab_host, require_reach
from labkit.twin.dotnet_values import Int64Value
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.events import emit
from labkit.twin.modules.netadapter import one
from labkit.twin.values import as_list
from labkit.twin.modules.servermanager import require_hyperv
from labkit.twin.modules.storage import add_file, path_exists, resolve_path
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.unmodelled import read_only_object
from labkit.twin.registry import cmdlet
from labkit.twin.world import BINDINGS, BINDINGS_OFF, VM, Adapter, Host, Switch, World

VM_STATE = {"Other": 1, "Running": 2, "Off": 3, "Stopping": 4, "Saved": 6, "Paused": 9, "Starting": 10,
            "Reset": 11, "Saving": 32773, "Pausing": 32776, "Resuming": 32777}
SWITCH_TYPE = {"Private": 0, "Internal": 1, "External": 2}
PERFORMANCE = {"TCPIP": 0, "Compression": 1, "SMB": 2}
AUTH = {"CredSSP": 0, "Kerberos": 1}
#: Memory the parent partition keeps for itself.
HOST_RESERVE = 1024**3


# -- objects ----------------------------------------------------------------------

def vm_state(name: str) -> PSEnum:
    return PSEnum("Microsoft.HyperV.PowerShell.VMState", name, VM_STATE[name])


# What New-VM leaves and the twin never changes (New-VM's and Set-VM's pages, windowsserver2022-ps): stop by saving,
# production checkpoints, static memory between 512 MB and 1 TB, no replication, no checkpoint, no DVD drive on a
# generation 2 VM created with a new VHD, healthy.
VM_DEFAULTS = {
    "AutomaticStopAction": PSEnum("Microsoft.HyperV.PowerShell.StopAction", "Save", 3), "AutomaticStartDelay": 0,
    "CheckpointType": PSEnum("Microsoft.HyperV.PowerShell.CheckpointType", "Production", 3),
    "MemoryMinimum": Int64Value(512 * 1024**2), "MemoryMaximum": Int64Value(1024**4),
    "ReplicationState": PSEnum("Microsoft.HyperV.PowerShell.VMReplicationState", "Disabled", 0),
    "ReplicationHealth": PSEnum("Microsoft.HyperV.PowerShell.VMReplicationHealthState", "NotApplicable", 0),
    "ReplicationMode": PSEnum("Microsoft.HyperV.PowerShell.VMReplicationMode", "None", 0),
    "ParentSnapshotId": None, "ParentSnapshotName": None, "ParentCheckpointId": None, "ParentCheckpointName": None,
    "DVDDrives": [], "IsDeleted": False, "ResourceMeteringEnabled": False, "Groups": [],
    "OperationalStatus": [PSEnum("Microsoft.HyperV.PowerShell.VMOperationalStatus", "Ok", 2)],
    "PrimaryOperationalStatus": PSEnum("Microsoft.HyperV.PowerShell.VMOperationalStatus", "Ok", 2),
    "StatusDescriptions": ["Operating normally"], "PrimaryStatusDescription": "Operating normally",
}
# The configuration version a new VM gets on each host release ("Upgrade virtual machine version",
# https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/deploy/upgrade-virtual-machine-version-in-hyper-v-on-windows-or-windows-server)
VM_VERSIONS = {"2012R2": "5.0", "2016": "8.0", "2019": "9.0", "2022": "10.0", "2025": "12.0"}


def _vm_version(world: World, vm: VM) -> str:
    host = world.find_host(vm.host)
    version = VM_VERSIONS.get(host.os_version) if host is not None else None
    return version or ("10.0" if vm.generation == 2 else "9.0")


def vm_object(world: World, vm: VM) -> PSObject:
    running = vm.state == "Running"
    uptime = timedelta(seconds=int(world.clock - vm.started_at)) if running and vm.started_at is not None else timedelta(0)
    clustered = bool(world.cluster and world.cluster.group(vm.name))
    return read_only_object(PSObject(
        ["Microsoft.HyperV.PowerShell.VirtualMachine", "Microsoft.HyperV.PowerShell.VirtualMachineBase"],
        {
            "Name": vm.name,
            "VMName": vm.name,
            "Id": vm.id,
            "VMId": vm.id,
            "State": vm_state(vm.state),
            "CPUUsage": 3 if running else 0,
            # the memory figures and the processor count are Int64 (System.Int64 in Get-VM | Get-Member), the generation an Int32
            "MemoryAssigned": Int64Value(vm.memory_startup if running else 0),
            "MemoryDemand": Int64Value(int(vm.memory_startup * 0.6) if running else 0),
            "MemoryStartup": Int64Value(vm.memory_startup),
            "DynamicMemoryEnabled": False,
            "ProcessorCount": Int64Value(vm.processor_count),
            "Uptime": uptime,
            "Status": "Operating normally",
            "ComputerName": vm.host,
            "Path": vm.path,
            "ConfigurationLocation": vm.path,
            "SnapshotFileLocation": vm.path,
            "CheckpointFileLocation": vm.path,
            "SmartPagingFilePath": vm.path,
            "Generation": vm.generation,
            "Version": _vm_version(world, vm),
            "IsClustered": clustered,
            "HardDrives": [hard_drive_object(vm, i, p) for i, p in enumerate(vm.vhds)],
            "NetworkAdapters": [vm_adapter_object(world, vm)] if vm.switch is not None else [],
            "Notes": "",
            **VM_DEFAULTS,
        },
        display=["Name", "State", "CPUUsage", "MemoryAssigned", "Uptime", "Status", "Version"],
        tostring=f"VirtualMachine (Name = '{vm.name}') [Id = '{vm.id}']",
    ))


# the controller a generation 2 VM's drives hang on, in their device Id (Microsoft:<VM id>\<controller>\<number>\<location>\D)
SCSI_CONTROLLER = "83F8638B-8DCA-4152-9EDA-2CA8B33039B4"


def hard_drive_object(vm: VM, index: int, path: str) -> PSObject:
    ctype = "SCSI" if vm.generation == 2 else "IDE"
    name = f"Hard Drive on {ctype} controller number 0 at location {index}"
    device = f"Microsoft:{vm.id.upper()}\\{SCSI_CONTROLLER}\\0\\{index}\\D"
    return PSObject(
        "Microsoft.HyperV.PowerShell.HardDiskDrive",
        # a drive's Name is its device name, controller and location (Drive.Name in the Hyper-V module)
        {"VMName": vm.name, "VMId": vm.id, "ComputerName": vm.host, "Name": name, "Id": device,
         "ControllerType": PSEnum("Microsoft.HyperV.PowerShell.ControllerType", ctype, 1 if ctype == "SCSI" else 0),
         "ControllerNumber": 0, "ControllerLocation": index, "DiskNumber": None, "Path": path},
        display=["VMName", "ControllerType", "ControllerNumber", "ControllerLocation", "DiskNumber", "Path"],
        # VirtualizationObject.ToString(): friendly identifiers (Drive.Name, VMName), then unique ones (VMDevice.Id, VMId)
        tostring=f"HardDiskDrive (Name = '{name}', VMName = '{vm.name}') [Id = '{device}', VMId = '{vm.id}']",
    )


def vm_adapter_object(world: World, vm: VM) -> PSObject:
    n = world.vms.index(vm) + 1 if vm in world.vms else 0
    return PSObject(
        "Microsoft.HyperV.PowerShell.VMNetworkAdapter",
        {"Name": "Network Adapter", "VMName": vm.name, "VMId": vm.id, "IsManagementOs": False, "SwitchName": vm.switch,
         "MacAddress": f"00155D0B{n:04X}", "Status": ["Ok"] if vm.state == "Running" else [],
         "IPAddresses": [], "ComputerName": vm.host, "Connected": vm.switch is not None},
        display=["Name", "IsManagementOs", "VMName", "SwitchName", "MacAddress", "Status", "IPAddresses"],
        # Hyper-V's VirtualizationObject.ToString(): the type, its friendly identifiers (VMDevice.Name, VMComponentObject.VMName)
        # in parentheses, its unique ones (VMId) in brackets; a management OS adapter has no VM and is "Type, Name = '...'"
        # (VMNetworkAdapterBase.ToString) -- see management_os_adapter_string
        tostring=f"VMNetworkAdapter (Name = 'Network Adapter', VMName = '{vm.name}') [VMId = '{vm.id}']",
    )


def management_os_adapter_string(name: str | None) -> str:
    """``"$adapter"`` of ``Get-VMNetworkAdapter -ManagementOS``: no VM owns it, so VMNetworkAdapterBase.ToString() writes
    ``VMInternalNetworkAdapter, Name = 'External'`` (its .NET type name and Name)."""
    return f"VMInternalNetworkAdapter, Name = '{name or ''}'"


def switch_object(world: World, host: Host, sw: Switch) -> PSObject:
    a = host.adapter(sw.adapter) if sw.adapter else None
    return read_only_object(PSObject(
        "Microsoft.HyperV.PowerShell.VMSwitch",
        {
            "Name": sw.name,
            "Id": sw.id,
            "SwitchType": PSEnum("Microsoft.HyperV.PowerShell.VMSwitchType", sw.switch_type, SWITCH_TYPE[sw.switch_type]),
            "NetAdapterInterfaceDescription": a.description if a else None,
            "NetAdapterInterfaceDescriptions": [a.description] if a else [],
            "AllowManagementOS": sw.allow_management_os,
            "ComputerName": host.name,
            "Notes": "",
            "EmbeddedTeamingEnabled": False,
        },
        display=["Name", "SwitchType", "NetAdapterInterfaceDescription"],
        tostring=f"VMSwitch (Name = '{sw.name}') [Id = '{sw.id}']",
    ))


def vmhost_object(world: World, host: Host) -> PSObject:
    s = host.vmhost
    return read_only_object(PSObject(
        "Microsoft.HyperV.PowerShell.VMHost",
        {
            "Name": host.name,
            "ComputerName": host.name,
            "FullyQualifiedDomainName": host.fqdn,
            "LogicalProcessorCount": host.cpus,
            "MemoryCapacity": host.memory,
            "VirtualMachinePath": s.virtual_machine_path,
            "VirtualHardDiskPath": s.virtual_hard_disk_path,
            "VirtualMachineMigrationEnabled": s.migration_enabled,
            "VirtualMachineMigrationPerformanceOption": PSEnum("Microsoft.HyperV.PowerShell.VMMigrationPerformance", s.migration_performance, PERFORMANCE[s.migration_performance]),
            "VirtualMachineMigrationAuthenticationType": PSEnum("Microsoft.HyperV.PowerShell.MigrationAuthenticationType", s.migration_authentication, AUTH[s.migration_authentication]),
            "MaximumVirtualMachineMigrations": s.maximum_migrations,
            "MaximumStorageMigrations": s.maximum_storage_migrations,
            "UseAnyNetworkForMigration": s.use_any_network,
            "NumaSpanningEnabled": True,
            "EnableEnhancedSessionMode": False,
        },
        display=["Name", "LogicalProcessorCount", "MemoryCapacity", "VirtualMachinePath", "VirtualHardDiskPath"],
        # VirtualizationObject.ToString(): Name is both its friendly and its unique identifier, so it is named once
        tostring=f"VMHost (Name = '{host.name}')",
    ))


# -- helpers ------------------------------------------------------------------------

def _target_host(ctx: Any, args: dict[str, Any], cmdlet_name: str) -> Host:
    names = [str(n) for n in as_list(args.get("ComputerName"))]
    if len(names) > 1:
        # -ComputerName is String[]: Get-VM, Get-VMHost, Get-VMSwitch, Get-VMNetworkAdapter and Get-VMMigrationNetwork go through several
        # computers (_target_hosts); the others refuse several rather than answer for the first
        raise NotEmulated(cmdlet_name, f"-ComputerName with several computers ({', '.join(names)})")
    return _target_hosts(ctx, args, cmdlet_name)[0]


def _target_hosts(ctx: Any, args: dict[str, Any], cmdlet_name: str) -> list[Host]:
    """The Hyper-V hosts -ComputerName names, in its order (the session's own host without it)."""
    me = require_hyperv(ctx, cmdlet_name)
    names = [str(n) for n in as_list(args.get("ComputerName"))]
    hosts: list[Host] = []
    for name in names or ["."]:
        if name in (".", "localhost"):
            hosts.append(me)
            continue
        host = lab_host(ctx, name) if is_other_host(ctx, name) else me   # a name, an FQDN or an address
        if host is None:
            raise CmdletError(f"The computer '{name}' could not be resolved: it is not a host of the lab.", "ObjectNotFound", "", name)
        require_reach(ctx, name, "hyperv")  # the double hop: labkit/twin/logon.py
        if not host.running:
            raise CmdletError(f"The operation on computer '{name}' failed: The WinRM client cannot process the request (the computer is not running).", "ConnectionError", "", name)
        if not host.installed("Hyper-V"):
            raise CmdletError(f"Hyper-V is not installed on computer '{host.name}'.", "ObjectNotFound", "", host.name)
        hosts.append(host)
    return hosts


def vms_on(world: World, host: Host) -> list[VM]:
    return [v for v in world.vms if v.host.lower() == host.name.lower()]


def select_vms(ctx: Any, host: Host, args: dict[str, Any], input: Any, *, key: str = "Name") -> list[VM]:
    objs = [o for o in as_list(args.get("VM")) + as_list(args.get("InputObject")) if isinstance(o, PSObject)]
    if not objs and isinstance(input, PSObject):
        objs = [input]
    mine = vms_on(ctx.world, host)
    if objs:
        out = []
        for o in objs:
            vm = ctx.world.vm(str(o.get("VMName") or o.get("Name")))
            if vm is None or vm not in mine:
                ctx.error(f"Hyper-V was unable to find a virtual machine with name \"{o.get('Name')}\".", "InvalidArgument", o.get("Name"), "InvalidParameter")
                continue
            out.append(vm)
        return out
    names = [str(n) for n in as_list(args.get(key))]
    if not names:
        return mine
    out = []
    for n in names:
        hits = [v for v in mine if fnmatch.fnmatch(v.name.lower(), n.lower())]
        if not hits and not any(c in n for c in "*?["):
            ctx.error(f"Hyper-V was unable to find a virtual machine with name \"{n}\".", "InvalidArgument", n, "InvalidParameter")
        out += [v for v in hits if v not in out]
    return out


def _vms_across(ctx: Any, hosts: list[Host], names: Any) -> list[VM]:
    """-ComputerName A,B: the VMs of each computer in turn, those -Name/-VMName names; a name found on none of
    them is the error (on one host only, select_vms says so)."""
    vms = [v for h in hosts for v in vms_on(ctx.world, h)]
    if names is None:
        return vms
    chosen: list[VM] = []
    for n in (str(x) for x in as_list(names)):
        hits = [v for v in vms if fnmatch.fnmatch(v.name.lower(), n.lower())]
        if not hits and not any(c in n for c in "*?["):
            ctx.error(f"Hyper-V was unable to find a virtual machine with name \"{n}\".", "InvalidArgument", n, "InvalidParameter")
        chosen += [v for v in hits if v not in chosen]
    return [v for v in vms if v in chosen]


def _vms_of_cluster_objects(ctx: Any, objs: Any) -> list[VM]:
    """The VMs behind clustered roles or Virtual Machine resources (Get-VM -ClusterObject, which binds
    Get-ClusterGroup / Get-ClusterResource output from the pipeline), wherever in the cluster they run.
    https://learn.microsoft.com/en-us/powershell/module/hyper-v/get-vm?view=windowsserver2022-ps"""
    world = ctx.world
    out: list[VM] = []
    for o in as_list(objs):
        name = str(o.get("Name")) if isinstance(o, PSObject) else str(o)
        kind = o.type_name.rsplit(".", 1)[-1] if isinstance(o, PSObject) else ""
        vm = None
        if world.cluster is not None and kind == "ClusterGroup":
            g = world.cluster.group(name)
            vm = world.vm(g.name) if g is not None and g.group_type == "VirtualMachine" else None
        elif world.cluster is not None and kind == "ClusterResource":
            r = world.cluster.resource(name)
            vm = world.vm(r.vm) if r is not None and r.vm else None
        if vm is None:
            ctx.error(f"The cluster object '{name}' is not a virtual machine role or a Virtual Machine resource of this cluster.",
                      "InvalidArgument", o, "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM")
            continue
        if vm not in out:
            out.append(vm)
    return out


def free_memory(world: World, host: Host, *, excluding: VM | None = None) -> int:
    used = sum(v.memory_startup for v in vms_on(world, host) if v.state in ("Running", "Starting", "Paused") and v is not excluding)
    return host.memory - HOST_RESERVE - used


def _join(folder: str, name: str) -> str:
    return folder.rstrip("\\") + "\\" + name


def files_reachable(world: World, host: Host, vm: VM) -> str | None:
    """The first of the VM's files ``host`` cannot reach, or None."""
    for p in [vm.path, *vm.vhds]:
        try:
            if not path_exists(world, host, p, hyperv=True):
                return p
        except CmdletError:
            return p
    return None


def start(world: World, host: Host, vm: VM) -> None:
    """Start ``vm`` on ``host`` (checks files and memory)."""
    missing = files_reachable(world, host, vm)
    if missing:
        raise CmdletError(
            f"'{vm.name}' failed to start. The virtual machine's file '{missing}' is not accessible on {host.name}.",
            "ObjectNotFound", "OperationFailed,Microsoft.HyperV.PowerShell.Commands.StartVM", vm.name)
    if free_memory(world, host, excluding=vm) < vm.memory_startup:
        raise CmdletError(
            f"'{vm.name}' failed to start. Not enough memory in the system to start the virtual machine {vm.name}.",
            "OutOfMemory", "OutOfMemory,Microsoft.HyperV.PowerShell.Commands.StartVM", vm.name)
    vm.host = host.name
    vm.state = "Running"
    vm.started_at = world.clock
    emit(world, "vm-started", vm=vm.name, host=host.name)


# -- switches -----------------------------------------------------------------------

@cmdlet("Get-VMSwitch", honours={"Name", "SwitchType", "Id", "ComputerName"})
def get_vm_switch(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # -ComputerName "one or more Hyper-V hosts": each host's switches in turn (runbook 2's promise, the same switch
    # on every node, read in one command: Get-VMSwitch -ComputerName CLUSTERNODE-1, CLUSTERNODE-2)
    sws = [(host, s) for host in _target_hosts(ctx, args, "Get-VMSwitch") for s in host.switches]
    names = [str(n) for n in as_list(args.get("Name"))]
    if names:
        sws = [(h, s) for h, s in sws if any(fnmatch.fnmatch(s.name.lower(), n.lower()) for n in names)]
        if not sws and not any("*" in n for n in names):
            ctx.error(f"Hyper-V was unable to find a virtual switch with name \"{names[0]}\".", "InvalidArgument", names[0], "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVMSwitch")
    if "SwitchType" in args:
        kinds = [str(k).lower() for k in as_list(args["SwitchType"])]
        sws = [(h, s) for h, s in sws if s.switch_type.lower() in kinds]
    if "Id" in args:
        ids = [str(i).lower().strip("{}") for i in as_list(args["Id"])]
        sws = [(h, s) for h, s in sws if s.id.lower() in ids]
    return [switch_object(ctx.world, host, s) for host, s in sws]


@cmdlet("New-VMSwitch", honours={"Name", "NetAdapterName", "NetAdapterInterfaceDescription", "AllowManagementOS", "SwitchType", "ComputerName", "Confirm"})
def new_vm_switch(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    host = _target_host(ctx, args, "New-VMSwitch")
    name = str(args["Name"])
    if any(s.name.lower() == name.lower() for s in host.switches):
        raise CmdletError(f"Failed while creating virtual Ethernet switch: a virtual switch named '{name}' already exists on {host.name} (the twin keeps switch names unique).",
                          "ResourceExists", "ObjectExists,Microsoft.HyperV.PowerShell.Commands.NewVMSwitch", name)
    adapter: Adapter | None = None
    if "NetAdapterName" in args or "NetAdapterInterfaceDescription" in args:
        if "NetAdapterName" in args:
            adapter = host.adapter(str(one(args["NetAdapterName"])))
            what = str(one(args["NetAdapterName"]))
        else:
            adapter = next((a for a in host.adapters if a.description.lower() == str(one(args["NetAdapterInterfaceDescription"])).lower()), None)
            what = str(one(args["NetAdapterInterfaceDescription"]))
        if adapter is None or adapter.virtual:
            raise CmdletError(f"Failed while creating virtual Ethernet switch. No network adapter named '{what}' was found on {host.name} (Get-NetAdapter lists them).",
                              "ObjectNotFound", "ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.NewVMSwitch", what)
        if adapter.switch:
            raise CmdletError(
                f"Failed while adding virtual Ethernet switch connections. External Ethernet adapter '{adapter.description}' is already bound to the Microsoft Virtual Switch protocol (switch '{adapter.switch}').",
                "InvalidOperation", "OperationFailed,Microsoft.HyperV.PowerShell.Commands.NewVMSwitch", adapter.name)
        kind = "External"
    else:
        kind = str(args.get("SwitchType", "Private")).capitalize()
        if kind not in ("Internal", "Private"):
            raise CmdletError("An external switch needs -NetAdapterName (the physical adapter it binds to).", "InvalidArgument", "", kind)
    allow = bool(args.get("AllowManagementOS", kind == "External")) if kind == "External" else kind == "Internal"
    sw = Switch(name=name, id=world.next_id("switch"), switch_type=kind, adapter=adapter.name if adapter else None, allow_management_os=allow)  # type: ignore[arg-type]
    host.switches.append(sw)
    if adapter is not None:
        adapter.switch = name
        moved, dns, gateway = list(adapter.addresses), list(adapter.dns_servers), adapter.gateway
        adapter.addresses, adapter.dns_servers, adapter.gateway = [], [], None
        adapter.bindings = {b: b == "vms_pp" for b in BINDINGS}
        if allow:
            host.adapters.append(Adapter(
                name=f"vEthernet ({name})",
                description=f"Hyper-V Virtual Ethernet Adapter" + ("" if not any(a.virtual for a in host.adapters) else f" #{sum(a.virtual for a in host.adapters) + 1}"),
                if_index=max(a.if_index for a in host.adapters) + 1,
                mac=adapter.mac,
                network=adapter.network,
                addresses=moved, dns_servers=dns, gateway=gateway,
                bindings={b: b not in BINDINGS_OFF for b in BINDINGS},
                virtual=True, switch=name,
            ))
    elif kind == "Internal":
        host.adapters.append(Adapter(
            name=f"vEthernet ({name})", description="Hyper-V Virtual Ethernet Adapter",
            if_index=max(a.if_index for a in host.adapters) + 1, mac=f"00-15-5D-0C-{host.index:02X}-{len(host.switches):02X}",
            network="", bindings={b: b not in BINDINGS_OFF for b in BINDINGS}, virtual=True, switch=name))
    ctx.advance(8.0)
    return [switch_object(world, host, sw)]


# -- host settings and migration -----------------------------------------------------

@cmdlet("Get-VMHost", honours={"ComputerName"})
def get_vm_host(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # one VMHost per computer -ComputerName names ("Get-VMHost -ComputerName <name1>,<name2>,<name3> | FT Name,
    # MaximumVirtualMachineMigrations", https://techcommunity.microsoft.com/t5/failover-clustering/new-cluster-wide-control-for-virtual-machine-live-migrations-in/ba-p/3709680)
    return [vmhost_object(ctx.world, host) for host in _target_hosts(ctx, args, "Get-VMHost")]


@cmdlet("Set-VMHost", honours={"VirtualMachinePath", "VirtualHardDiskPath", "VirtualMachineMigrationPerformanceOption", "VirtualMachineMigrationAuthenticationType",
                               "MaximumVirtualMachineMigrations", "MaximumStorageMigrations", "UseAnyNetworkForMigration", "Passthru", "ComputerName", "Confirm"})
def set_vm_host(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    host = _target_host(ctx, args, "Set-VMHost")
    s = host.vmhost
    for key, attr in (("VirtualMachinePath", "virtual_machine_path"), ("VirtualHardDiskPath", "virtual_hard_disk_path")):
        if key in args:
            p = str(args[key]).rstrip("\\")
            if resolve_path(world, host, p, hyperv=True) is None:
                raise CmdletError(f"Failed to modify service settings. The path '{p}' does not exist or is not accessible on {host.name}.", "InvalidArgument", "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMHost", p)
            add_file(world, host, p, hyperv=True)
            setattr(s, attr, p)
    if "VirtualMachineMigrationPerformanceOption" in args:
        opt = {k.lower(): k for k in PERFORMANCE}.get(str(args["VirtualMachineMigrationPerformanceOption"]).lower())
        if opt is None:
            raise CmdletError(f"Cannot bind parameter 'VirtualMachineMigrationPerformanceOption'. Cannot convert value \"{args['VirtualMachineMigrationPerformanceOption']}\": the values are TCPIP, Compression, SMB.", "InvalidArgument", "", None)
        if host.os_version == "2008R2" and opt != "TCPIP":
            raise CmdletError(f"Windows Server 2008 R2 live migration only copies memory over TCP/IP; {opt} needs Windows Server 2012 R2 or later.", "InvalidArgument", "", opt)
        s.migration_performance = opt  # type: ignore[assignment]
    if "VirtualMachineMigrationAuthenticationType" in args:
        auth = {k.lower(): k for k in AUTH}.get(str(args["VirtualMachineMigrationAuthenticationType"]).lower())
        if auth is None:
            raise CmdletError("VirtualMachineMigrationAuthenticationType is CredSSP or Kerberos.", "InvalidArgument", "", None)
        s.migration_authentication = auth  # type: ignore[assignment]
    if "MaximumVirtualMachineMigrations" in args:
        s.maximum_migrations = int(args["MaximumVirtualMachineMigrations"])
    if "MaximumStorageMigrations" in args:
        s.maximum_storage_migrations = int(args["MaximumStorageMigrations"])
    if "UseAnyNetworkForMigration" in args:
        s.use_any_network = bool(args["UseAnyNetworkForMigration"])
    ctx.advance(1.0)
    return [vmhost_object(world, host)] if args.get("Passthru") else []


@cmdlet("Enable-VMMigration", honours={"ComputerName", "Passthru", "Confirm"})
def enable_vm_migration(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = _target_host(ctx, args, "Enable-VMMigration")
    host.vmhost.migration_enabled = True
    ctx.advance(1.0)
    return [vmhost_object(ctx.world, host)] if args.get("Passthru") else []


def _migration_network_object(host: Host, subnet: str, priority: int) -> PSObject:
    return PSObject("Microsoft.HyperV.PowerShell.VMMigrationNetwork",
                    {"Subnet": subnet, "Priority": priority, "ComputerName": host.name},
                    display=["Subnet", "Priority"], tostring=f"VMMigrationNetwork (Subnet = '{subnet}')")   # as VMHost's Name


@cmdlet("Add-VMMigrationNetwork", honours={"Subnet", "ComputerName", "Passthru", "Confirm"})
def add_vm_migration_network(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = _target_host(ctx, args, "Add-VMMigrationNetwork")
    subnet = str(args["Subnet"])
    try:
        net = ipaddress.IPv4Network(subnet, strict=False)
    except ValueError:
        try:
            ipaddress.IPv6Network(subnet, strict=False)
        except ValueError:
            raise CmdletError(f"The subnet '{subnet}' is not valid: write it like 10.0.30.0/24.", "InvalidArgument", "InvalidParameter", subnet) from None
        # an IPv6 subnet is a migration network on Windows (the page's Examples 3 and 4, 2001:836c:6456:1c99::/32,
        # https://learn.microsoft.com/en-us/powershell/module/hyper-v/add-vmmigrationnetwork?view=windowsserver2022-ps);
        # the twin's lab migrates over IPv4
        raise NotEmulated("Add-VMMigrationNetwork", f"the IPv6 subnet '{subnet}'") from None
    text = str(net)
    if text not in host.vmhost.migration_networks:
        host.vmhost.migration_networks.append(text)
    ctx.advance(1.0)
    return [_migration_network_object(host, text, host.vmhost.migration_networks.index(text))] if args.get("Passthru") else []


@cmdlet("Get-VMMigrationNetwork", honours={"Subnet", "ComputerName"})
def get_vm_migration_network(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    out = [_migration_network_object(host, s, i) for host in _target_hosts(ctx, args, "Get-VMMigrationNetwork")
           for i, s in enumerate(host.vmhost.migration_networks)]
    if "Subnet" in args:
        out = [o for o in out if any(fnmatch.fnmatch(o.get("Subnet"), str(x)) for x in as_list(args["Subnet"]))]
    return out


# -- VMs --------------------------------------------------------------------------------

@cmdlet("Get-VM", honours={"Name", "Id", "ComputerName", "ClusterObject"})
def get_vm(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    hosts = _target_hosts(ctx, args, "Get-VM")
    if "ClusterObject" in args:
        return [vm_object(ctx.world, vm) for vm in _vms_of_cluster_objects(ctx, args["ClusterObject"])]
    if len(hosts) == 1:
        vms = select_vms(ctx, hosts[0], {"Name": args["Name"]} if "Name" in args else {}, None)
    else:
        vms = _vms_across(ctx, hosts, args.get("Name"))
    if "Id" in args:
        wanted = str(args["Id"]).lower().strip("{}")
        vms = [v for v in vms if v.id.lower() == wanted]
        if not vms:
            ctx.error(f"Hyper-V was unable to find a virtual machine with id \"{wanted}\".", "InvalidArgument", args["Id"], "InvalidParameter")
    return [vm_object(ctx.world, v) for v in vms]


@cmdlet("New-VHD", honours={"Path", "SizeBytes", "Dynamic", "Fixed", "ComputerName", "Confirm"})
def new_vhd(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    host = _target_host(ctx, args, "New-VHD")
    path = str(one(args["Path"]))
    size = int(args["SizeBytes"])
    _create_vhd(world, host, path, size)
    ctx.advance(size / 500e6 if args.get("Fixed") else 2.0)
    return [PSObject("Microsoft.Vhd.PowerShell.VirtualHardDisk",
                     {"ComputerName": host.name, "Path": path, "VhdFormat": "VHDX" if path.lower().endswith(".vhdx") else "VHD",
                      "VhdType": "Fixed" if args.get("Fixed") else "Dynamic", "FileSize": size if args.get("Fixed") else 4 * 1024**2,
                      "Size": size, "Attached": False, "LogicalSectorSize": 512, "PhysicalSectorSize": 4096},
                     display=["ComputerName", "Path", "VhdFormat", "VhdType", "FileSize", "Size"])]


def _create_vhd(world: World, host: Host, path: str, size: int) -> None:
    if not path.lower().endswith((".vhd", ".vhdx")):
        raise CmdletError(f"Failed to create the virtual hard disk. The file name extension of '{path}' is not valid: use .vhdx (or .vhd).", "InvalidArgument", "InvalidParameter", path)
    if path_exists(world, host, path, hyperv=True):
        raise CmdletError(f"Failed to create the virtual hard disk. The file exists: '{path}'.", "ResourceExists", "ObjectExists", path)
    if size <= 0:
        raise CmdletError("The size of the virtual hard disk must be positive, like 40GB.", "InvalidArgument", "InvalidParameter", size)
    add_file(world, host, path, hyperv=True)


@cmdlet("New-VM", honours={"Name", "MemoryStartupBytes", "Generation", "Path", "NewVHDPath", "NewVHDSizeBytes", "VHDPath", "NoVHD", "SwitchName", "ComputerName", "Force", "Confirm"})
def new_vm(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    host = _target_host(ctx, args, "New-VM")
    name = str(args.get("Name") or "New Virtual Machine")
    if world.vm(name) is not None:
        raise CmdletError(f"A virtual machine named '{name}' already exists (on {world.vm(name).host}); the twin keeps VM names unique across the lab.",
                          "ResourceExists", "ObjectExists,Microsoft.HyperV.PowerShell.Commands.NewVM", name)
    generation = int(args.get("Generation", 1))
    if generation not in (1, 2):
        raise CmdletError(f"Cannot validate argument on parameter 'Generation'. The {generation} argument is greater than the maximum allowed range of 2.", "InvalidData", "", generation)
    if "Generation" in args and host.os_version == "2012":
        # Windows Server 2012's New-VM has no -Generation parameter (winserver2012-ps/hyper-v/New-VM.md;
        # it arrived with 2012 R2): the binder refuses it by name.
        raise CmdletError("A parameter cannot be found that matches parameter name 'Generation'.", "InvalidArgument",
                          "NamedParameterNotFound,Microsoft.HyperV.PowerShell.Commands.NewVM", "Generation")
    if generation == 2 and host.os_version in ("2008R2", "2012"):
        raise CmdletError(f"Generation 2 virtual machines need Windows Server 2012 R2 or later ({host.name} runs {host.os_version}).", "InvalidArgument", "", generation)
    memory = int(args.get("MemoryStartupBytes", 1024**3 if host.os_version not in ("2008R2", "2012", "2012R2") else 512 * 1024**2))
    if memory % (2 * 1024**2):
        raise CmdletError(f"Failed to modify device 'Memory'. Invalid startup memory amount assigned for '{name}'. The value {memory} is not a multiple of 2 MB.", "InvalidArgument", "InvalidParameter", memory)
    switch = str(args["SwitchName"]) if args.get("SwitchName") else None
    if switch and not any(s.name.lower() == switch.lower() for s in host.switches):
        raise CmdletError(f"Hyper-V was unable to find a virtual switch with name \"{switch}\".", "InvalidArgument", "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.NewVM", switch)
    if "Path" in args:
        folder = _join(str(args["Path"]), name)
    else:
        folder = host.vmhost.virtual_machine_path
    if resolve_path(world, host, folder, hyperv=True) is None:
        raise CmdletError(f"The operation failed because the file was not found: the folder '{folder}' is not on a volume {host.name} can reach.", "ObjectNotFound", "ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.NewVM", folder)
    vhds = []
    if "NewVHDPath" in args:
        vhd = str(args["NewVHDPath"])
        if ":" not in vhd:
            vhd = _join(host.vmhost.virtual_hard_disk_path, vhd)
        if "NewVHDSizeBytes" not in args:
            raise CmdletError("New-VM -NewVHDPath needs -NewVHDSizeBytes.", "InvalidArgument", "", vhd)
        if generation == 2 and vhd.lower().endswith(".vhd"):
            raise CmdletError("Generation 2 virtual machines need a .vhdx virtual hard disk.", "InvalidArgument", "", vhd)
        _create_vhd(world, host, vhd, int(args["NewVHDSizeBytes"]))
        vhds.append(vhd)
    elif "VHDPath" in args:
        vhd = str(args["VHDPath"])
        if not path_exists(world, host, vhd, hyperv=True):
            raise CmdletError(f"Failed to add device 'Virtual Hard Disk'. The system cannot find the file '{vhd}'.", "ObjectNotFound", "ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.NewVM", vhd)
        vhds.append(vhd)
    vm = VM(name=name, id=world.next_id("vm"), host=host.name, generation=generation, memory_startup=memory,
            path=folder, vhds=vhds, switch=switch)
    spec = next((v for v in (ctx.lab.vms if getattr(ctx, "lab", None) is not None else []) if v.name.lower() == name.lower()), None)
    if spec is not None:
        vm.workload = spec.workload
    add_file(world, host, _join(folder, "Virtual Machines"), hyperv=True)
    add_file(world, host, _join(folder, rf"Virtual Machines\{vm.id.upper()}.vmcx"), hyperv=True)
    world.vms.append(vm)
    ctx.advance(5.0)
    return [vm_object(world, vm)]


@cmdlet("Start-VM", honours={"Name", "VM", "Passthru", "ComputerName", "Confirm"})
def start_vm(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    host = _target_host(ctx, args, "Start-VM")
    out = []
    for vm in select_vms(ctx, host, args, input):
        if vm.state == "Running":
            ctx.warning(f"The virtual machine '{vm.name}' is already in the specified state.")
        else:
            restored = vm.state == "Saved"
            start(world, host, vm)
            ctx.advance(vm.memory_startup / 150e6 if restored else 8.0)
            emit(world, "vm-state", vm=vm.name, host=vm.host, state=vm.state)   # the cluster keeps the VM's role in step
        if args.get("Passthru"):
            out.append(vm_object(world, vm))
    return out


@cmdlet("Stop-VM", honours={"Name", "VM", "Save", "TurnOff", "Force", "Passthru", "ComputerName", "Confirm"})
def stop_vm(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    host = _target_host(ctx, args, "Stop-VM")
    out = []
    for vm in select_vms(ctx, host, args, input):
        if vm.state not in ("Running", "Paused"):
            ctx.warning(f"The virtual machine '{vm.name}' is already in the specified state.")
        elif args.get("Save"):
            vm.state, vm.started_at = "Saved", None
            ctx.advance(vm.memory_startup / 150e6)
        else:
            vm.state, vm.started_at = "Off", None
            ctx.advance(1.0 if args.get("TurnOff") else 20.0)
        if vm.state != "Running":
            emit(world, "vm-state", vm=vm.name, host=vm.host, state=vm.state)   # the cluster keeps the VM's role in step
        if args.get("Passthru"):
            out.append(vm_object(world, vm))
    return out


def _processor_object(vm: VM) -> PSObject:
    return PSObject("Microsoft.HyperV.PowerShell.VMProcessor",
                    {"VMName": vm.name, "VMId": vm.id, "ComputerName": vm.host, "Count": vm.processor_count,
                     "CompatibilityForMigrationEnabled": vm.processor_compatibility,
                     "CompatibilityForOlderOperatingSystemsEnabled": False, "Reserve": 0, "Maximum": 100, "RelativeWeight": 100,
                     "ExposeVirtualizationExtensions": False},
                    display=["VMName", "Count", "CompatibilityForMigrationEnabled", "CompatibilityForOlderOperatingSystemsEnabled"])


@cmdlet("Get-VMProcessor", honours={"VMName", "VM", "ComputerName"})
def get_vm_processor(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = _target_host(ctx, args, "Get-VMProcessor")
    return [_processor_object(vm) for vm in select_vms(ctx, host, args, input, key="VMName")]


@cmdlet("Set-VMProcessor", honours={"VMName", "VM", "CompatibilityForMigrationEnabled", "Count", "Passthru", "ComputerName", "Confirm"})
def set_vm_processor(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = _target_host(ctx, args, "Set-VMProcessor")
    out = []
    for vm in select_vms(ctx, host, args, input, key="VMName"):
        if vm.state != "Off":
            raise CmdletError(
                f"Failed to modify device 'Processor'. The operation cannot be performed while the virtual machine '{vm.name}' is in its current state ({vm.state}): stop it first (Stop-VM).",
                "InvalidOperation", "InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVMProcessor", vm.name)
        if "CompatibilityForMigrationEnabled" in args:
            vm.processor_compatibility = bool(args["CompatibilityForMigrationEnabled"])
        if "Count" in args:
            vm.processor_count = int(args["Count"])
        ctx.advance(1.0)
        if args.get("Passthru"):
            out.append(_processor_object(vm))
    return out


@cmdlet("Get-VMHardDiskDrive", honours={"VMName", "VM", "ControllerType", "ControllerNumber", "ControllerLocation", "ComputerName"})
def get_vm_hard_disk_drive(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = _target_host(ctx, args, "Get-VMHardDiskDrive")
    out = [hard_drive_object(vm, i, p) for vm in select_vms(ctx, host, args, input, key="VMName") for i, p in enumerate(vm.vhds)]
    if "ControllerType" in args:
        out = [o for o in out if str(o.get("ControllerType")).lower() == str(args["ControllerType"]).lower()]
    # "-ControllerNumber: the number of the controller of the hard disk drives to be retrieved", -ControllerLocation
    # its location on the controller (Example 2 of
    # https://learn.microsoft.com/en-us/powershell/module/hyper-v/get-vmharddiskdrive?view=windowsserver2022-ps)
    for key in ("ControllerNumber", "ControllerLocation"):
        if key in args:
            out = [o for o in out if int(o.get(key)) == int(args[key])]
    return out


@cmdlet("Get-VMNetworkAdapter", honours={"VMName", "VM", "Name", "ManagementOS", "SwitchName", "All", "ComputerName"})
def get_vm_network_adapter(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    out = []
    hosts = _target_hosts(ctx, args, "Get-VMNetworkAdapter")
    across = _vms_across(ctx, hosts, args.get("VMName")) if len(hosts) > 1 and not args.get("ManagementOS") else []
    for host in hosts:   # "one or more Hyper-V hosts", each in turn
        if args.get("ManagementOS") or args.get("All"):
            for a in host.adapters:
                if a.virtual:
                    out.append(PSObject("Microsoft.HyperV.PowerShell.VMInternalNetworkAdapter",
                                        {"Name": a.switch, "VMName": None, "IsManagementOs": True, "SwitchName": a.switch,
                                         "MacAddress": a.mac.replace("-", ""), "Status": ["Ok"], "IPAddresses": [ip.ip for ip in a.addresses], "ComputerName": host.name},
                                        display=["Name", "IsManagementOs", "VMName", "SwitchName", "MacAddress", "Status", "IPAddresses"],
                                        tostring=management_os_adapter_string(a.switch)))
        if not args.get("ManagementOS"):
            vms = select_vms(ctx, host, args, input, key="VMName") if len(hosts) == 1 else \
                [v for v in across if v.host.lower() == host.name.lower()]
            out += [vm_adapter_object(world, vm) for vm in vms if vm.switch is not None]
    if "SwitchName" in args:
        out = [o for o in out if str(o.get("SwitchName")).lower() == str(args["SwitchName"]).lower()]
    if "Name" in args:   # the adapter's name (wildcards allowed)
        pats = [str(n).lower() for n in as_list(args["Name"])]
        out = [o for o in out if any(fnmatch.fnmatch(str(o.get("Name")).lower(), n) for n in pats)]
    return out
