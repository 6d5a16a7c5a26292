"""IscsiTarget (iSCSI Target Server, on the storage server): virtual disks,
targets, the initiators each target lets in, LUN mappings.

The module exists once FS-iSCSITarget-Server is installed.  A target's IQN is
``iqn.1991-05.com.microsoft:<server>-<target>-target`` (lower case), as the
Windows target server names it.  Each virtual disk is a shared LUN
(:class:`labkit.twin.world.Disk`) that initiators see once a target maps it.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Any, Iterable

from labkit.twin.errors import CmdletError
from labkit.twin.file_times import stamp
from labkit.twin.events import emit
from labkit.twin.values import as_list
from labkit.twin.modules.servermanager import require_module
from labkit.twin.objects import PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.remote_hosts import remote_host
from labkit.twin.world import Disk, Host, LunMapping, Target, VirtualDisk, World

INITIATOR_ID = re.compile(r"^(IQN|IPAddress|IPv6Address|MACAddress|DNSName):(.+)$", re.IGNORECASE)


def target_iqn(server: Host, name: str) -> str:
    return f"iqn.1991-05.com.microsoft:{server.name.lower()}-{name.lower()}-target"


def _server(ctx: Any, cmdlet_name: str, args: dict[str, Any]) -> Host:
    me = require_module(ctx, cmdlet_name, "IscsiTarget")
    host = remote_host(ctx, args.get("ComputerName")) if args.get("ComputerName") else me
    if not host.installed("FS-iSCSITarget-Server"):
        raise CmdletError(
            f"{cmdlet_name} : The WS-Management service cannot process the request: the iSCSI Target Server role service "
            f"is not installed on {host.name} (Install-WindowsFeature FS-iSCSITarget-Server).",
            "ObjectNotFound", "", host.name)
    return host


def _target(server: Host, name: str) -> Target:
    t = next((t for t in server.target_server.targets if t.name.lower() == name.lower()), None)
    if t is None:
        raise CmdletError(f"The target '{name}' does not exist on {server.name}. Create it with New-IscsiServerTarget -TargetName {name}.",
                          "ObjectNotFound", "Microsoft.Iscsi.Target.Commands.IscsiCmdException", name)
    return t


def _vdisk(server: Host, path: str) -> VirtualDisk | None:
    return next((v for v in server.target_server.virtual_disks if v.path.lower() == path.lower()), None)


def connected_initiators(world: World, server: Host, t: Target) -> list[Host]:
    return [h for h in world.hosts if any(s.target_iqn == t.iqn for s in h.sessions)]


def vdisk_object(world: World, server: Host, v: VirtualDisk) -> PSObject:
    disk = world.disk(v.disk_id)
    mapped = [t for t in server.target_server.targets if any(m.path.lower() == v.path.lower() for m in t.luns)]
    connected = any(connected_initiators(world, server, t) for t in mapped)
    return PSObject(
        "Microsoft.Iscsi.Target.Commands.IscsiVirtualDisk",
        {
            "ClusterGroupName": "",
            "ComputerName": server.fqdn,
            "Description": v.description,
            "DiskType": "Dynamic",
            "HostVolumeId": "{C0000000-0000-0000-0000-000000000000}",
            "LocalMountDeviceId": "",
            "OriginalPath": "",
            "ParentPath": "",
            "Path": v.path,
            "SerialNumber": disk.serial,
            "Size": v.size,
            "SnapshotIds": None,
            "Status": "Connected" if connected else "NotConnected",
            "VirtualDiskIndex": server.target_server.virtual_disks.index(v) + 1,
        },
        display=["ClusterGroupName", "ComputerName", "Description", "DiskType", "HostVolumeId", "LocalMountDeviceId", "OriginalPath", "ParentPath", "Path", "SerialNumber", "Size", "SnapshotIds", "Status", "VirtualDiskIndex"],
        tostring=v.path,
    )


def target_object(world: World, server: Host, t: Target) -> PSObject:
    sessions = connected_initiators(world, server, t)
    return PSObject(
        "Microsoft.Iscsi.Target.Commands.IscsiServerTarget",
        {
            "ChapUserName": "",
            "ClusterGroupName": "",
            "ComputerName": server.fqdn,
            "Description": t.description,
            "EnableChap": False,
            "EnableReverseChap": False,
            "EnforceIdleTimeoutDetection": True,
            "FirstBurstLength": 65536,
            "IdleDuration": "00:00:00" if sessions else "00:10:00",
            "InitiatorIds": [initiator_id_object(i) for i in t.initiator_ids],
            "LastLogin": "",
            "LunMappings": [lun_mapping_object(t, m) for m in t.luns],
            "MaxBurstLength": 262144,
            "MaxReceiveDataSegmentLength": 65536,
            "ReceiveBufferCount": 10,
            "ReverseChapUserName": "",
            "Sessions": [h.initiator_iqn for h in sessions],
            "Status": "Connected" if sessions else "NotConnected",
            "TargetIqn": t.iqn,
            "TargetName": t.name,
        },
        display=["ChapUserName", "ClusterGroupName", "ComputerName", "Description", "EnableChap", "EnableReverseChap", "EnforceIdleTimeoutDetection",
                 "FirstBurstLength", "IdleDuration", "InitiatorIds", "LastLogin", "LunMappings", "MaxBurstLength", "MaxReceiveDataSegmentLength",
                 "ReceiveBufferCount", "ReverseChapUserName", "Sessions", "Status", "TargetIqn", "TargetName"],
        tostring=t.name,
    )


def initiator_id_object(ident: str) -> PSObject:
    method, _, value = ident.partition(":")
    return PSObject("Microsoft.Iscsi.Target.Commands.InitiatorId", {"Method": method, "Value": value},
                    display=["Method", "Value"], tostring=ident)


def lun_mapping_object(t: Target, m: LunMapping) -> PSObject:
    return PSObject("Microsoft.Iscsi.Target.Commands.LunMapping", {"TargetName": t.name, "Path": m.path, "Lun": m.lun},
                    display=["TargetName", "Path", "Lun"], tostring=f"TargetName:{t.name};VHD:\"{m.path}\";LUN:{m.lun}")


def _initiator_ids(value: Any) -> list[str]:
    ids = []
    for raw in as_list(value):
        if isinstance(raw, PSObject) and raw.has("Method"):
            raw = f"{raw.get('Method')}:{raw.get('Value')}"
        text = str(raw).strip()
        m = INITIATOR_ID.match(text)
        if not m:
            raise CmdletError(
                f"Cannot bind parameter 'InitiatorIds'. Cannot convert value \"{text}\" to type \"Microsoft.Iscsi.Target.Commands.InitiatorId\". "
                "Error: \"The initiator ID format is invalid: write it as IQN:<iqn>, IPAddress:<address>, MACAddress:<mac> or DNSName:<name>.\"",
                "InvalidArgument", "CannotConvertArgumentNoMessage", text)
        kind = {"iqn": "IQN", "ipaddress": "IPAddress", "ipv6address": "IPv6Address", "macaddress": "MACAddress", "dnsname": "DNSName"}[m.group(1).lower()]
        ids.append(f"{kind}:{m.group(2)}")
    return ids


@cmdlet("New-IscsiVirtualDisk", honours={"Path", "SizeBytes", "UseFixed", "Description", "ComputerName"})
def new_iscsi_virtual_disk(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    server = _server(ctx, "New-IscsiVirtualDisk", args)
    path = str(args["Path"])
    if not path.lower().endswith((".vhdx", ".vhd")):
        raise CmdletError(f"The file extension of '{path}' is not valid: an iSCSI virtual disk is a .vhdx (or .vhd) file.", "InvalidArgument", "", path)
    if _vdisk(server, path) is not None or any(f.lower() == path.lower() for f in server.files):
        raise CmdletError(f"The file exists: '{path}'. Choose another path or use the existing virtual disk.", "ResourceExists", "Microsoft.Iscsi.Target.Commands.IscsiCmdException", path)
    if "SizeBytes" not in args:
        raise CmdletError("New-IscsiVirtualDisk needs -SizeBytes (for example -SizeBytes 1GB).", "InvalidArgument", "", path)
    size = int(args["SizeBytes"])
    if size < 8 * 1024**2:
        raise CmdletError("The size of the virtual disk is too small: give at least 8MB.", "InvalidArgument", "", size)
    n = len(world.disks) + 1
    world.serial += 1
    serial = f"{world.serial:08X}-{n:04X}-4E4F-8B3A-{server.index:012X}"
    disk = Disk(id=f"lun{n}", size=size, serial=serial, unique_id=f"60003FF4{n:024X}", source=path)
    world.disks.append(disk)
    v = VirtualDisk(path=path, size=size, disk_id=disk.id, description=str(args.get("Description", "")))
    server.target_server.virtual_disks.append(v)
    server.files.append(path)
    stamp(server.times, path, world.clock)
    ctx.advance(size / 400e6 if args.get("UseFixed") else 3.0)
    stamp(server.times, path, world.clock)      # written until the disk is made (labkit.twin.file_times)
    return [vdisk_object(world, server, v)]


@cmdlet("Get-IscsiVirtualDisk", honours={"Path", "TargetName", "InitiatorId", "ComputerName"})
def get_iscsi_virtual_disk(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    server = _server(ctx, "Get-IscsiVirtualDisk", args)
    vds = list(server.target_server.virtual_disks)
    if "Path" in args:
        vds = [v for v in vds if fnmatch.fnmatch(v.path.lower(), str(args["Path"]).lower())]
        if not vds and "*" not in str(args["Path"]):
            ctx.error(f"The virtual disk '{args['Path']}' does not exist on {server.name}.", "ObjectNotFound", args["Path"],
                      "Microsoft.Iscsi.Target.Commands.IscsiCmdException")
    if "TargetName" in args:
        t = _target(server, str(args["TargetName"]))
        paths = {m.path.lower() for m in t.luns}
        vds = [v for v in vds if v.path.lower() in paths]
    if "InitiatorId" in args:
        # the virtual disks the initiator can reach: those mapped to a target that lets it in (the page's Example 5,
        # https://learn.microsoft.com/en-us/powershell/module/iscsitarget/get-iscsivirtualdisk?view=windowsserver2022-ps)
        wanted = {i.lower() for i in _initiator_ids(args["InitiatorId"])}
        paths = {m.path.lower() for t in server.target_server.targets if wanted & {i.lower() for i in t.initiator_ids} for m in t.luns}
        vds = [v for v in vds if v.path.lower() in paths]
    return [vdisk_object(ctx.world, server, v) for v in vds]


@cmdlet("New-IscsiServerTarget", honours={"TargetName", "InitiatorIds", "ComputerName"})
def new_iscsi_server_target(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    server = _server(ctx, "New-IscsiServerTarget", args)
    name = str(args["TargetName"])
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.\-]{0,222}", name):
        raise CmdletError(f"The target name '{name}' is not valid: use letters, digits, '.' and '-'.", "InvalidArgument", "", name)
    if any(t.name.lower() == name.lower() for t in server.target_server.targets):
        raise CmdletError(f"The target '{name}' already exists on {server.name}.", "ResourceExists", "Microsoft.Iscsi.Target.Commands.IscsiCmdException", name)
    t = Target(name=name, iqn=target_iqn(server, name), initiator_ids=_initiator_ids(args.get("InitiatorIds")))
    server.target_server.targets.append(t)
    ctx.advance(2.0)
    return [target_object(ctx.world, server, t)]


@cmdlet("Set-IscsiServerTarget", honours={"TargetName", "InputObject", "InitiatorIds", "Description", "Enable", "PassThru", "ComputerName"})
def set_iscsi_server_target(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    server = _server(ctx, "Set-IscsiServerTarget", args)
    obj = args.get("InputObject") or input
    name = str(obj.get("TargetName")) if isinstance(obj, PSObject) else str(args["TargetName"])
    t = _target(server, name)
    if "InitiatorIds" in args:
        t.initiator_ids = _initiator_ids(args["InitiatorIds"])
    if "Description" in args:
        t.description = str(args["Description"])
    if "Enable" in args:
        t.enabled = bool(args["Enable"])
    ctx.advance(1.0)
    return [target_object(ctx.world, server, t)] if args.get("PassThru") else []


@cmdlet("Get-IscsiServerTarget", honours={"TargetName", "InitiatorId", "Path", "ComputerName"})
def get_iscsi_server_target(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    server = _server(ctx, "Get-IscsiServerTarget", args)
    ts = list(server.target_server.targets)
    if "TargetName" in args:
        ts = [t for t in ts if fnmatch.fnmatch(t.name.lower(), str(args["TargetName"]).lower())]
        if not ts and "*" not in str(args["TargetName"]):
            try:
                _target(server, str(args["TargetName"]))
            except CmdletError as e:
                ctx.error(str(e), e.category, e.target, e.error_id)
    if "InitiatorId" in args:
        wanted = {i.lower() for i in _initiator_ids(args["InitiatorId"])}
        ts = [t for t in ts if wanted & {i.lower() for i in t.initiator_ids}]
    if "Path" in args:
        ts = [t for t in ts if any(m.path.lower() == str(args["Path"]).lower() for m in t.luns)]
    return [target_object(ctx.world, server, t) for t in ts]


@cmdlet("Add-IscsiVirtualDiskTargetMapping", honours={"TargetName", "Path", "Lun", "ComputerName"})
def add_iscsi_virtual_disk_target_mapping(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    server = _server(ctx, "Add-IscsiVirtualDiskTargetMapping", args)
    t = _target(server, str(args["TargetName"]))
    path = str(args["Path"])
    v = _vdisk(server, path)
    if v is None:
        raise CmdletError(f"The virtual disk '{path}' does not exist on {server.name}. Create it with New-IscsiVirtualDisk -Path '{path}' -SizeBytes <size>.",
                          "ObjectNotFound", "Microsoft.Iscsi.Target.Commands.IscsiCmdException", path)
    if any(m.path.lower() == path.lower() for m in t.luns):
        raise CmdletError(f"The virtual disk '{path}' is already mapped to target '{t.name}'.", "ResourceExists", "", path)
    lun = int(args["Lun"]) if "Lun" in args else max((m.lun + 1 for m in t.luns), default=0)
    if any(m.lun == lun for m in t.luns):
        raise CmdletError(f"LUN {lun} is already used on target '{t.name}'.", "ResourceExists", "", lun)
    t.luns.append(LunMapping(path=v.path, lun=lun))
    emit(ctx.world, "lun-mapped", target=t.name, path=v.path, lun=lun)   # initiators with sessions see the new disk
    ctx.advance(1.0)
    return []
