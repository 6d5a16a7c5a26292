"""Storage: Get-Disk, Set-Disk, Initialize-Disk, New-Partition, Format-Volume,
Get-Volume, Get-Partition -- and where a path on a host lands
(:func:`resolve_path`): the local C: drive, a drive letter on a shared disk,
or a Cluster Shared Volume under ``C:\\ClusterStorage\\VolumeN``.

Every host has its OS disk 0 (C:); the shared LUNs it reaches over iSCSI are
numbered after it.  A shared disk is one object: partitioning or formatting it
on one node shows on the others at once.  Who may *use* a shared disk:

* not clustered: any host that has it online (Set-Disk -IsOffline $false);
* clustered (a "Physical Disk" resource): only the node that owns its group,
  while the resource is online -- elsewhere it is reserved (offline);
* a Cluster Shared Volume: every node, under C:\\ClusterStorage\\VolumeN --
  except with the 2008 R2 profile, where CSV is for Hyper-V only and a
  non-coordinator node gets "access denied" outside Hyper-V.
"""

from __future__ import annotations

from datetime import datetime

import re
import uuid
from dataclasses import dataclass
from typing import Any, Iterable

from labkit.twin.cim_query import cim_query, given
from labkit.twin.errors import CmdletError
from labkit.twin.file_times import stamp, times_of
from labkit.twin.iscsi_luns import session_disk_ids
from labkit.twin.modules.netadapter import not_found, report
from labkit.twin.values import as_list
from labkit.twin.objects import PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.world import Disk, DiskView, Host, Partition, Volume, World

NAMESPACE = "ROOT/Microsoft/Windows/Storage"
CIM = f"Microsoft.Management.Infrastructure.CimInstance#{NAMESPACE}/"
OS_DISK_SIZE = 127 * 1024**3
MSR_SIZE = 16 * 1024**2
FIRST_OFFSET = 1024**2
CSV_ROOT = r"C:\ClusterStorage"


# -- who may use a disk ---------------------------------------------------------------

def disk_online(world: World, host: Host, view: DiskView) -> bool:
    """Whether ``host`` has the shared disk online right now."""
    if not host.running:
        return False
    res = world.cluster.disk_resource(view.disk_id) if world.cluster else None
    if res is not None and world.cluster.node(host.name):
        if res.csv_volume is not None:
            return res.state == "Online"
        return res.state == "Online" and (world.cluster.owner_of(res) or "").lower() == host.name.lower()
    return not view.offline


def csv_volume_path(n: int) -> str:
    return rf"{CSV_ROOT}\Volume{n}"


def _norm(path: str) -> str:
    p = str(path).replace("/", "\\").strip()
    while p.endswith("\\") and len(p) > 3:
        p = p[:-1]
    return p


@dataclass
class Place:
    """Where a path lands: local C: (``volume`` None) or a volume of a shared disk."""

    path: str
    rel: str                       # the rest of the path below the root ('' for the root)
    volume: Volume | None = None
    disk: Disk | None = None
    csv: int | None = None


def access_denied(path: str) -> CmdletError:
    return CmdletError(f"Access to the path '{path}' is denied.", "PermissionDenied", "UnauthorizedAccessException", path)


def resolve_path(world: World, host: Host, path: str, *, hyperv: bool = False) -> Place | None:
    """Where ``path`` lands on ``host``, or None if its drive or volume is not there.

    Raises access denied for a 2008 R2 CSV touched from a non-coordinator node
    outside Hyper-V (``hyperv=True`` is Hyper-V's own access)."""
    p = _norm(path)
    m = re.match(r"^([A-Za-z]):(\\.*)?$", p)
    if not m:
        return None
    letter, rest = m.group(1).upper(), (m.group(2) or "\\")[1:]
    if letter == "C":
        cm = re.match(r"^ClusterStorage\\Volume(\d+)(?:\\(.*))?$", rest, re.IGNORECASE)
        if cm and world.cluster and world.cluster.node(host.name):
            res = next((r for r in world.cluster.csvs() if r.csv_volume == int(cm.group(1))), None)
            if res is not None:
                if res.state != "Online" or not host.running:
                    return None
                if (host.os_version == "2008R2" and not hyperv
                        and (res.csv_owner or "").lower() != host.name.lower()):
                    raise access_denied(p)
                disk = world.disk(res.disk_id or "")
                part = next((x for x in disk.partitions if x.volume), None)
                return Place(p, cm.group(2) or "", part.volume if part else None, disk, res.csv_volume)
        return Place(p, rest)
    for view in host.disks:
        for pnum, l in view.letters.items():
            if l.upper() == letter:
                if not disk_online(world, host, view):
                    return None
                disk = world.disk(view.disk_id)
                part = next((x for x in disk.partitions if str(x.number) == pnum), None)
                if part is None or part.volume is None:
                    return None
                return Place(p, rest, part.volume, disk)
    return None


def _has(files: list[str], rel: str) -> bool:
    r = rel.lower()
    return any(f.lower() == r or f.lower().startswith(r + "\\") for f in files)


def path_exists(world: World, host: Host, path: str, *, hyperv: bool = False) -> bool:
    place = resolve_path(world, host, path, hyperv=hyperv)
    if place is None:
        return False
    if place.volume is None and place.disk is None:   # local C:
        if place.rel == "":
            return True
        if place.rel.lower() == "clusterstorage":
            return bool(world.cluster and world.cluster.node(host.name) and world.cluster.csvs())
        return _has(host.files, place.path)
    if place.volume is None:
        return False
    return place.rel == "" or _has(place.volume.files, place.rel)


def item_times(world: World, host: Host, path: str) -> tuple[datetime, datetime]:
    """(CreationTime, LastWriteTime) of the item at ``path`` (labkit.twin.file_times)."""
    try:
        place = resolve_path(world, host, path)
    except CmdletError:
        place = None
    if place is not None and place.volume is None and place.disk is None:
        return times_of(host.times, place.path)
    if place is not None and place.volume is not None:
        return times_of(place.volume.times, place.rel)
    return times_of({}, path)


def add_file(world: World, host: Host, path: str, *, hyperv: bool = False) -> None:
    """Create a file or folder (and its parents) at ``path`` on ``host``."""
    place = resolve_path(world, host, path, hyperv=hyperv)
    if place is None:
        raise CmdletError(f"Could not find a part of the path '{path}'.", "ObjectNotFound", "DirectoryNotFoundException", path)
    if place.volume is None and place.disk is None:
        if not _has(host.files, place.path):
            host.files.append(place.path)
            stamp(host.times, place.path, world.clock)
    elif place.volume is not None and place.rel and not _has(place.volume.files, place.rel):
        place.volume.files.append(place.rel)
        stamp(place.volume.times, place.rel, world.clock)


# -- objects ------------------------------------------------------------------------------

# GUID_DEVINTERFACE_DISK, the end of a disk's device path in its ObjectId
# (https://learn.microsoft.com/en-us/windows-hardware/drivers/install/guid-devinterface-disk)
DISK_INTERFACE = "{53f56307-b6bf-11d0-94f2-00a0c91efb8b}"


def storage_object_id(host: Host, wsp_class: str, inner: str) -> str:
    """MSFT_StorageObject.ObjectId, the key "$disk" shows: ``{1}\\\\HOST\\root/Microsoft/Windows/Storage/Providers_v2\\WSP_X.ObjectId="..."``
    (the storage provider's instance path, as the pages' nested outputs begin:
    https://learn.microsoft.com/en-us/powershell/module/storage/get-storagenode?view=windowsserver2022-ps, example 3);
    inside, the host's storage subsystem GUID, a kind (DI disk, PR partition) and the device; the twin derives the GUID per host."""
    subsystem = uuid.uuid5(uuid.NAMESPACE_OID, f"storage-subsystem/{host.name.lower()}")
    return f'{{1}}\\\\{host.name}\\root/Microsoft/Windows/Storage/Providers_v2\\{wsp_class}.ObjectId="{{{subsystem}}}:{inner}"'


def disk_object_id(host: Host, path: str) -> str:
    return storage_object_id(host, "WSP_Disk", f"DI:{path}#{DISK_INTERFACE}")


def partition_object_id(host: Host, path: str, offset: int) -> str:
    # the partition's offset, little-endian, in the last eight bytes of a GUID: 1 MB is {00000000-0000-0000-0000-100000000000}
    le = offset.to_bytes(8, "little").hex()
    return storage_object_id(host, "WSP_Partition", f"PR:{{00000000-0000-0000-{le[:4]}-{le[4:]}}}{path}#{DISK_INTERFACE}")


def _os_disk(host: Host) -> PSObject:
    return PSObject(
        [CIM + "MSFT_Disk", "Microsoft.Management.Infrastructure.CimInstance"],
        {
            "Number": 0, "FriendlyName": "Msft Virtual Disk", "SerialNumber": "", "HealthStatus": "Healthy",
            "OperationalStatus": "Online", "Size": OS_DISK_SIZE, "AllocatedSize": OS_DISK_SIZE, "PartitionStyle": "GPT",
            "IsOffline": False, "OfflineReason": None, "IsReadOnly": False, "IsSystem": True, "IsBoot": True,
            "IsClustered": False, "BootFromDisk": True, "BusType": "SCSI", "Manufacturer": "Msft", "Model": "Virtual Disk",
            "Location": None,   # "For Hyper-V and VHD images, this property is NULL" (msft-disk page)
            "NumberOfPartitions": 4, "UniqueId": f"60022480{host.index:024X}", "Path": r"\\?\scsi#disk&ven_msft&prod_virtual_disk#000000",
            "Guid": f"{{{host.index:08x}-0000-0000-0000-000000000000}}", "LogicalSectorSize": 512, "PhysicalSectorSize": 4096,
            "ObjectId": disk_object_id(host, OS_DISK_PATH),
        },
        display=["Number", "FriendlyName", "SerialNumber", "HealthStatus", "OperationalStatus", "Size", "PartitionStyle"],
    )


# The OS disk as Windows Setup lays out a UEFI/GPT disk: EFI system partition (100 MB, FAT32), MSR (16 MB),
# Windows (C:), recovery tools at the end ("UEFI/GPT-based hard drive partitions",
# https://learn.microsoft.com/en-us/windows-hardware/manufacture/desktop/configure-uefigpt-based-hard-drive-partitions);
# (number, type, GPT type, offset, size, file system of its volume)
_MB = 1024**2
OS_C_SIZE = OS_DISK_SIZE - 600 * _MB
OS_PARTITIONS = (
    (1, "System", "{c12a7328-f81f-11d2-ba4b-00a0c93ec93b}", FIRST_OFFSET, 100 * _MB, "FAT32"),
    (2, "Reserved", "{e3c9e316-0b5c-4db8-817d-f92df00215ae}", FIRST_OFFSET + 100 * _MB, MSR_SIZE, None),
    (3, "Basic", "{ebd0a0a2-b9e5-4433-87c0-68b6b72699c7}", FIRST_OFFSET + 116 * _MB, OS_C_SIZE, "NTFS"),
    (4, "Recovery", "{de94bba4-06d1-4d40-a16a-bfd50179d6ac}", FIRST_OFFSET + 116 * _MB + OS_C_SIZE, 482 * _MB, "NTFS"),
)
OS_DISK_PATH = r"\\?\scsi#disk&ven_msft&prod_virtual_disk#000000"


def os_volume_guid(host: Host, number: int) -> str:
    return f"{host.index:08x}-0000-0000-0000-00000000c0de" if number == 3 else f"{host.index:08x}-0000-0000-0000-0000000000{number:02x}"


def os_volume_objects(host: Host) -> list[PSObject]:
    """The OS disk's volumes without a drive letter: the EFI system volume (FAT32) and the recovery volume (NTFS)."""
    out = []
    for number, _kind, _gpt, _offset, size, fs in OS_PARTITIONS:
        if fs is None or number == 3:
            continue
        guid = os_volume_guid(host, number)
        # a file system keeps part of its partition: FAT32 shows 96 MB of 100, NTFS about all of it
        capacity = 96 * _MB if fs == "FAT32" else size - 4 * _MB
        free = capacity - (27 * _MB if fs == "FAT32" else 390 * _MB)
        out.append(PSObject(
            [CIM + "MSFT_Volume", "Microsoft.Management.Infrastructure.CimInstance"],
            {"DriveLetter": None, "FriendlyName": "", "FileSystemType": fs, "DriveType": "Fixed", "HealthStatus": "Healthy",
             "OperationalStatus": "OK", "SizeRemaining": free, "Size": capacity, "FileSystem": fs, "FileSystemLabel": "",
             "Path": f"\\\\?\\Volume{{{guid}}}\\", "UniqueId": f"\\\\?\\Volume{{{guid}}}\\",
             "ObjectId": f"{{1}}\\\\{host.name}\\root/Microsoft/Windows/Storage/Providers_v2\\WSP_Volume.ObjectId=\"{{{guid}}}\"",
             "ClusterSharedVolumePath": None},
            display=["DriveLetter", "FriendlyName", "FileSystemType", "DriveType", "HealthStatus", "OperationalStatus", "SizeRemaining", "Size"],
        ))
    return out


def os_partition_objects(host: Host) -> list[PSObject]:
    """MSFT_Partition of the OS disk 0: C: is partition 3."""
    out = []
    for number, kind, gpt, offset, size, fs in OS_PARTITIONS:
        guid = os_volume_guid(host, number)
        letter = "C" if number == 3 else None
        out.append(PSObject(
            [CIM + "MSFT_Partition", "Microsoft.Management.Infrastructure.CimInstance"],
            {"DiskNumber": 0, "DiskPath": OS_DISK_PATH, "PartitionNumber": number, "DriveLetter": letter or "\x00", "Offset": offset,
             "Size": size, "Type": kind, "GptType": gpt, "IsOffline": False, "IsReadOnly": False, "IsSystem": kind == "System",
             "IsBoot": number == 3, "IsActive": None, "IsHidden": kind in ("Recovery", "Reserved"), "IsShadowCopy": False,
             "MbrType": None, "TransitionState": 1,
             "AccessPaths": ([f"{letter}:\\"] if letter else []) + ([f"\\\\?\\Volume{{{guid}}}\\"] if fs else []),
             "DiskId": OS_DISK_PATH, "UniqueId": f"{{00000000-0000-0000-0000-000000000000}}60022480{host.index:024X}:{number}",
             "ObjectId": partition_object_id(host, OS_DISK_PATH, offset)},
            display=["PartitionNumber", "DriveLetter", "Offset", "Size", "Type"],
        ))
    return out


def disk_path(disk: Disk) -> str:
    """An iSCSI LUN's device path (MSFT_Disk.Path, MSFT_Partition.DiskPath)."""
    return rf"\\?\mpio#disk&ven_msft&prod_virtual_hd#{disk.serial.lower()}"


def disk_object(world: World, host: Host, view: DiskView) -> PSObject:
    disk = world.disk(view.disk_id)
    online = disk_online(world, host, view)
    clustered = bool(world.cluster and world.cluster.disk_resource(disk.id))
    reserved = clustered and not online
    return PSObject(
        [CIM + "MSFT_Disk", "Microsoft.Management.Infrastructure.CimInstance"],
        {
            "Number": view.number,
            "FriendlyName": disk.friendly_name,
            "SerialNumber": disk.serial,
            "HealthStatus": "Healthy",
            "OperationalStatus": "Online" if online else "Offline",
            "Size": disk.size,
            "AllocatedSize": sum(p.size for p in disk.partitions),
            "PartitionStyle": disk.partition_style,
            "IsOffline": not online,
            "OfflineReason": None if online else ("Collision" if reserved else "Policy"),
            "IsReadOnly": view.read_only,
            "IsSystem": False,
            "IsBoot": False,
            "BootFromDisk": False,     # "the disk that contains the EFI System Partition": the OS disk 0 (msft-disk page)
            "IsClustered": clustered,
            "BusType": "iSCSI",
            "Manufacturer": "MSFT",
            "Model": "Virtual HD",
            "NumberOfPartitions": len(disk.partitions),
            "UniqueId": disk.unique_id,
            "Path": disk_path(disk),
            "Guid": disk.guid,
            "Signature": disk.signature,
            "LogicalSectorSize": 512,
            "PhysicalSectorSize": 4096,
            # every CIM instance has PSComputerName (CimInstanceTypeAdapter); a local query's is empty -- no "ComputerName"
            "PSComputerName": None,
            "ObjectId": disk_object_id(host, disk_path(disk)),
        },
        display=["Number", "FriendlyName", "SerialNumber", "HealthStatus", "OperationalStatus", "Size", "PartitionStyle"],
    )


def partition_object(world: World, host: Host, view: DiskView, part: Partition) -> PSObject:
    disk = world.disk(view.disk_id)
    letter = view.letters.get(str(part.number))
    reserved = part.gpt_type.startswith("{e3c9e316")
    return PSObject(
        [CIM + "MSFT_Partition", "Microsoft.Management.Infrastructure.CimInstance"],
        {
            "DiskNumber": view.number,
            "DiskPath": disk_path(disk),
            "PartitionNumber": part.number,
            "DriveLetter": letter or "\x00",
            "Offset": part.offset,
            "Size": part.size,
            "Type": "Reserved" if reserved else ("Basic" if disk.partition_style == "GPT" else "IFS"),
            "GptType": part.gpt_type if disk.partition_style == "GPT" else None,
            "IsOffline": not disk_online(world, host, view),
            "IsReadOnly": view.read_only,
            # IsActive and MbrType are NULL on a GPT disk; TransitionState 1 is "stable" (msft-partition page)
            "IsActive": None if disk.partition_style == "GPT" else False,
            "MbrType": None if disk.partition_style == "GPT" else 7,
            "IsShadowCopy": False,
            "TransitionState": 1,
            "AccessPaths": ([f"{letter}:\\"] if letter else []) + ([f"\\\\?\\Volume{{{part.volume.guid}}}\\"] if part.volume else []),
            "DiskId": disk.unique_id,
            "UniqueId": f"{disk.unique_id}:{part.number}",
            "ObjectId": partition_object_id(host, disk_path(disk), part.offset),
        },
        display=["PartitionNumber", "DriveLetter", "Offset", "Size", "Type"],
    )


def volume_object(host: Host, volume: Volume | None, size: int, letter: str | None, *, csv: int | None = None, os_volume: bool = False) -> PSObject:
    if volume is None and not os_volume:      # a partition not formatted yet: a RAW volume
        return PSObject(
            [CIM + "MSFT_Volume", "Microsoft.Management.Infrastructure.CimInstance"],
            {"DriveLetter": letter, "FriendlyName": "", "FileSystemType": "Unknown", "DriveType": "Fixed", "HealthStatus": "Healthy",
             "OperationalStatus": "Unknown", "SizeRemaining": 0, "Size": size, "FileSystem": "", "FileSystemLabel": "",
             "Path": None, "UniqueId": None, "ObjectId": None, "ClusterSharedVolumePath": None},
            display=["DriveLetter", "FriendlyName", "FileSystemType", "DriveType", "HealthStatus", "OperationalStatus", "SizeRemaining", "Size"],
        )
    fs = "CSVFS" if csv else (volume.filesystem if volume else "NTFS")
    used = len(volume.files) * 64 * 1024**2 if volume else 20 * 1024**3
    guid = volume.guid if volume else f"{host.index:08x}-0000-0000-0000-00000000c0de"
    return PSObject(
        [CIM + "MSFT_Volume", "Microsoft.Management.Infrastructure.CimInstance"],
        {
            "DriveLetter": letter or None,
            "FriendlyName": volume.label if volume else "",
            "FileSystemType": fs,
            "DriveType": "Fixed",
            "HealthStatus": "Healthy",
            "OperationalStatus": "OK",
            "SizeRemaining": max(size - used, 0),
            "Size": size,
            "FileSystem": fs,
            "FileSystemLabel": volume.label if volume else "",
            "Path": f"\\\\?\\Volume{{{guid}}}\\",
            "UniqueId": f"\\\\?\\Volume{{{guid}}}\\",
            "ObjectId": f"{{1}}\\\\{host.name}\\root/Microsoft/Windows/Storage/Providers_v2\\WSP_Volume.ObjectId=\"{{{guid}}}\"",
            "ClusterSharedVolumePath": csv_volume_path(csv) if csv else None,
        },
        display=["DriveLetter", "FriendlyName", "FileSystemType", "DriveType", "HealthStatus", "OperationalStatus", "SizeRemaining", "Size"],
    )


# -- selection -------------------------------------------------------------------------------

def host_views(world: World, host: Host) -> list[DiskView]:
    return sorted(host.disks, key=lambda v: v.number)


def select_views(ctx: Any, args: dict[str, Any], input: Any, *, number_key: str = "Number") -> list[DiskView]:
    world, host = ctx.world, ctx.world.host(ctx.host)
    objs = [o for o in as_list(args.get("InputObject")) if isinstance(o, PSObject)] or ([input] if isinstance(input, PSObject) else [])
    numbers: list[int] = []
    for o in objs:
        numbers.append(int(o.get("Number") if o.has("Number") else o.get("DiskNumber")))
    numbers += [int(n) for n in as_list(args.get(number_key))]
    if not numbers:
        for key in ("UniqueId", "DiskId"):
            for uid in as_list(args.get(key)):
                v = next((v for v in host.disks if world.disk(v.disk_id).unique_id == str(uid)), None)
                if v is None:
                    report(ctx, not_found("MSFT_Disk", "UniqueId", uid))
                    continue
                numbers.append(v.number)
    out = []
    for n in numbers:
        if n == 0:
            raise CmdletError("Access to a CIM resource was not available to the client: disk 0 holds the operating system; the twin does not change it.", "PermissionDenied", "", 0)
        v = host.view_by_number(n)
        if v is None:
            report(ctx, not_found("MSFT_Disk", "Number", n))
            continue
        out.append(v)
    return out


@cmdlet("Get-Disk", honours={"Number", "FriendlyName", "SerialNumber", "UniqueId", "Path", "iSCSISession", "iSCSIConnection"})
def get_disk(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/storage/get-disk?view=windowsserver2022-ps
    world, host = ctx.world, ctx.world.host(ctx.host)
    rows = [_os_disk(host)] + [disk_object(world, host, v) for v in host_views(world, host)]
    if "iSCSISession" in args:
        # Get-IscsiSession | Get-Disk: the disks each session's target maps to this initiator
        wanted = {str(o.get("SessionIdentifier")) for o in as_list(args["iSCSISession"]) if isinstance(o, PSObject)}
        uids = {world.disk(d).unique_id for s in host.sessions if s.id in wanted for d in session_disk_ids(world, s)}
        rows = [r for r in rows if r.get("Number") != 0 and r.get("UniqueId") in uids]
    elif "iSCSIConnection" in args:
        rows = [r for r in rows if r.get("Number") != 0]
    filters = [given(args, "Number", wildcards=False)] + [given(args, key) for key in ("FriendlyName", "SerialNumber", "UniqueId", "Path")]
    return cim_query(ctx, NAMESPACE, "MSFT_Disk", rows, filters)


@cmdlet("Set-Disk", honours={"Number", "InputObject", "UniqueId", "IsOffline", "IsReadOnly"})
def set_disk(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world, host = ctx.world, ctx.world.host(ctx.host)
    for v in select_views(ctx, args, input):
        res = world.cluster.disk_resource(v.disk_id) if world.cluster else None
        if "IsOffline" in args:
            if res is not None:
                owner = world.cluster.owner_of(res)
                raise CmdletError(
                    f"The disk {v.number} is a clustered disk ('{res.name}', owned by {owner}): the failover cluster brings it "
                    f"online or offline (Start-ClusterResource / Move-ClusterGroup), not Set-Disk.",
                    "ResourceBusy", "MSFT_Disk,Clustered", v.number)
            v.offline = bool(args["IsOffline"])
        if "IsReadOnly" in args:
            v.read_only = bool(args["IsReadOnly"])
        ctx.advance(2.0)
    return []


def _require_usable(world: World, host: Host, v: DiskView) -> Disk:
    if not disk_online(world, host, v):
        raise CmdletError("The disk is offline.", "InvalidOperation", "MSFT_Disk,Offline", v.number)
    if v.read_only:
        raise CmdletError("The media is write protected.", "InvalidOperation", "MSFT_Disk,ReadOnly", v.number)
    return world.disk(v.disk_id)


@cmdlet("Initialize-Disk", honours={"Number", "InputObject", "UniqueId", "PartitionStyle", "PassThru", "Confirm"})
def initialize_disk(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world, host = ctx.world, ctx.world.host(ctx.host)
    style = str(args.get("PartitionStyle", "GPT")).upper()
    if style not in ("GPT", "MBR"):
        raise CmdletError(f"Cannot bind parameter 'PartitionStyle'. '{args.get('PartitionStyle')}' is not one of MBR, GPT.", "InvalidArgument", "", style)
    out = []
    for v in select_views(ctx, args, input):
        disk = _require_usable(world, host, v)
        if disk.partition_style != "RAW":
            raise CmdletError("The disk has already been initialized.", "InvalidOperation", "MSFT_Disk,AlreadyInitialized", v.number)
        disk.partition_style = style  # type: ignore[assignment]
        if style == "GPT":
            disk.guid = "{" + world.next_id("disk-guid") + "}"
            disk.partitions = [Partition(number=1, offset=17408, size=MSR_SIZE - 16384, gpt_type="{e3c9e316-0b5c-4db8-817d-f92df00215ae}")]
        else:
            world.serial += 1
            disk.signature = 0x5A000000 + world.serial
        ctx.advance(2.0)
        if args.get("PassThru"):
            out.append(disk_object(world, host, v))
    return out


def _free_letter(world: World, host: Host) -> str:
    used = {"A", "B", "C", "D"} | {l.upper() for v in host.disks for l in v.letters.values()}
    for c in "EFGHIJKLMNOPQRSTUVWXYZ":
        if c not in used:
            return c
    raise CmdletError("No drive letter is free.", "ResourceUnavailable", "", None)


@cmdlet("New-Partition", honours={"DiskNumber", "DiskId", "InputObject", "UseMaximumSize", "Size", "AssignDriveLetter", "DriveLetter"})
def new_partition(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world, host = ctx.world, ctx.world.host(ctx.host)
    out = []
    for v in select_views(ctx, {k: args[k] for k in ("InputObject", "DiskId") if k in args} | ({"Number": args["DiskNumber"]} if "DiskNumber" in args else {}), input):
        disk = _require_usable(world, host, v)
        if disk.partition_style == "RAW":
            raise CmdletError("The disk has not been initialized.", "InvalidOperation", "MSFT_Disk,NotInitialized", v.number)
        end = max((p.offset + p.size for p in disk.partitions), default=0)
        offset = max(FIRST_OFFSET, -(-end // FIRST_OFFSET) * FIRST_OFFSET)
        free = disk.size - offset - (FIRST_OFFSET if disk.partition_style == "GPT" else 0)
        if args.get("UseMaximumSize"):
            size = free
        elif "Size" in args:
            size = int(args["Size"])
        else:
            raise CmdletError("Parameter set cannot be resolved using the specified named parameters: give -Size or -UseMaximumSize.", "InvalidArgument", "AmbiguousParameterSet", None)
        if size <= 0 or size > free:
            raise CmdletError("Not enough available capacity", "InvalidArgument", "MSFT_Partition,NotEnoughCapacity", size)
        number = max((p.number for p in disk.partitions), default=0) + 1
        part = Partition(number=number, offset=offset, size=size)
        disk.partitions.append(part)
        letter = None
        if "DriveLetter" in args:
            letter = str(args["DriveLetter"]).upper()[:1]
            if letter in ("C", "D") or any(l.upper() == letter for x in host.disks for l in x.letters.values()):
                raise CmdletError(f"The requested access path is already in use: drive letter {letter}: is taken.", "InvalidArgument", "MSFT_Partition,AccessPathInUse", letter)
        elif args.get("AssignDriveLetter"):
            letter = _free_letter(world, host)
        if letter:
            v.letters[str(number)] = letter
        ctx.advance(2.0)
        out.append(partition_object(world, host, v, part))
    return out


def _partition_from(world: World, host: Host, obj: PSObject) -> tuple[DiskView, Partition] | None:
    if obj.has("PartitionNumber"):
        v = host.view_by_number(int(obj.get("DiskNumber")))
        if v is None:
            return None
        part = next((p for p in world.disk(v.disk_id).partitions if p.number == int(obj.get("PartitionNumber"))), None)
        return (v, part) if part else None
    letter = obj.get("DriveLetter")
    return _partition_by_letter(world, host, str(letter)) if letter else None


def _partition_by_letter(world: World, host: Host, letter: str) -> tuple[DiskView, Partition] | None:
    for v in host.disks:
        for pnum, l in v.letters.items():
            if l.upper() == letter.upper()[:1]:
                part = next((p for p in world.disk(v.disk_id).partitions if str(p.number) == pnum), None)
                if part:
                    return v, part
    return None


@cmdlet("Format-Volume", honours={"DriveLetter", "Partition", "InputObject", "FileSystem", "NewFileSystemLabel", "Force", "Full", "Confirm"})
def format_volume(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world, host = ctx.world, ctx.world.host(ctx.host)
    targets: list[tuple[DiskView, Partition]] = []
    objs = [o for o in as_list(args.get("Partition")) + as_list(args.get("InputObject")) if isinstance(o, PSObject)]
    if not objs and isinstance(input, PSObject):
        objs = [input]
    for o in objs:
        t = _partition_from(world, host, o)
        if t is None:
            raise not_found("MSFT_Volume", "ObjectId", o)
        targets.append(t)
    for letter in as_list(args.get("DriveLetter")):
        if str(letter).upper()[:1] == "C":
            raise CmdletError("Cannot format the volume that holds the operating system (C:).", "InvalidOperation", "", "C")
        t = _partition_by_letter(world, host, str(letter))
        if t is None:
            raise not_found("MSFT_Volume", "DriveLetter", letter)
        targets.append(t)
    if not targets:
        raise CmdletError("Format-Volume needs -DriveLetter, -Partition or a partition piped in.", "InvalidArgument", "", None)
    # The binder holds -FileSystem to the page's ValidateSet (FAT, FAT32, exFAT, NTFS, ReFS); spell it as the set does.
    fs = str(args.get("FileSystem", "NTFS"))
    fs = next(f for f in FILE_SYSTEMS if f.lower() == fs.lower())
    out = []
    for v, part in targets:
        _require_usable(world, host, v)
        limit = FAT_LIMITS.get(fs)
        if limit is not None and part.size > limit:
            raise CmdletError(f"Size Not Supported: Windows formats {fs} only up to {limit // 1024**3} GB and partition {part.number} "
                              f"has {part.size / 1024**3:.0f} GB. Use NTFS, ReFS or exFAT.", "NotSpecified", "", part.number)
        res = world.cluster.disk_resource(v.disk_id) if world.cluster else None
        if res is not None and res.csv_volume is not None:
            raise CmdletError("The volume is a Cluster Shared Volume and cannot be formatted.", "InvalidOperation", "", part.number)
        part.volume = Volume(filesystem=fs, label=str(args.get("NewFileSystemLabel", "")), guid=world.next_id("volume"))  # type: ignore[arg-type]
        ctx.advance(max(3.0, part.size / 1024**4 * 30) * (20 if args.get("Full") else 1))
        out.append(volume_object(host, part.volume, part.size, v.letters.get(str(part.number))))
    return out


FILE_SYSTEMS = ("FAT", "FAT32", "exFAT", "NTFS", "ReFS")
# Windows formats FAT (FAT16) volumes up to 4 GB and FAT32 volumes up to 32 GB
# (https://learn.microsoft.com/en-us/windows-server/storage/file-server/volume-size-limits,
#  https://learn.microsoft.com/en-us/troubleshoot/windows-client/backup-and-storage/fat-hpfs-and-ntfs-file-systems).
FAT_LIMITS = {"FAT": 4 * 1024**3, "FAT32": 32 * 1024**3}


def host_volumes(world: World, host: Host) -> list[PSObject]:
    vols = [volume_object(host, None, OS_C_SIZE, "C", os_volume=True)] + os_volume_objects(host)
    for v in host_views(world, host):
        res = world.cluster.disk_resource(v.disk_id) if world.cluster else None
        disk = world.disk(v.disk_id)
        for part in disk.partitions:
            if part.volume is None:
                letter = v.letters.get(str(part.number))
                if letter and disk_online(world, host, v):
                    vols.append(volume_object(host, None, part.size, letter))
                continue
            if res is not None and res.csv_volume is not None:
                if host.running and res.state == "Online" and world.cluster.node(host.name):
                    vols.append(volume_object(host, part.volume, part.size, None, csv=res.csv_volume))
            elif disk_online(world, host, v):
                vols.append(volume_object(host, part.volume, part.size, v.letters.get(str(part.number))))
    return vols


def _letter(value: Any) -> str:
    """A -DriveLetter value ([char]): its first character, as given (the query compares without case)."""
    return str(value)[:1]


@cmdlet("Get-Volume", honours={"DriveLetter", "FileSystemLabel", "Partition", "Path", "UniqueId", "ObjectId"})
def get_volume(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/storage/get-volume?view=windowsserver2022-ps
    world, host = ctx.world, ctx.world.host(ctx.host)
    vols = host_volumes(world, host)
    if "Partition" in args:   # Get-Partition | Get-Volume: the volume on each partition
        guids = []
        for o in [x for x in as_list(args["Partition"]) if isinstance(x, PSObject)]:
            if o.get("DiskNumber") == 0:
                guids += [p for p in as_list(o.get("AccessPaths")) if str(p).startswith("\\\\?\\Volume")]
                continue
            if o.get("DiskNumber") is None and not o.get("DriveLetter"):
                continue
            t = _partition_from(world, host, o)
            if t is not None and t[1].volume is not None:
                guids.append(f"\\\\?\\Volume{{{t[1].volume.guid}}}\\")
        vols = [v for v in vols if v.get("UniqueId") in guids]
    filters = [given(args, "DriveLetter", wildcards=False, convert=_letter), given(args, "FileSystemLabel")]
    filters += [given(args, key) for key in ("Path", "UniqueId", "ObjectId")]
    return cim_query(ctx, NAMESPACE, "MSFT_Volume", vols, filters)


@cmdlet("Get-Partition", honours={"DiskNumber", "PartitionNumber", "DriveLetter", "Disk", "DiskId", "Offset", "UniqueId", "Volume"})
def get_partition(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/storage/get-partition?view=windowsserver2022-ps
    world, host = ctx.world, ctx.world.host(ctx.host)
    rows = os_partition_objects(host)
    for v in host_views(world, host):
        rows += [partition_object(world, host, v, part) for part in world.disk(v.disk_id).partitions]
    if "Disk" in args:   # Get-Disk | Get-Partition: the partitions of each disk
        numbers = [int(d.get("Number")) for d in as_list(args["Disk"]) if isinstance(d, PSObject)]
        rows = [r for r in rows if r.get("DiskNumber") in numbers]
    if "Volume" in args:   # Get-Volume | Get-Partition: the partition each volume is on (its \\?\Volume{guid}\ access path)
        paths = {str(v.get("UniqueId")).lower() for v in as_list(args["Volume"]) if isinstance(v, PSObject)}
        rows = [r for r in rows if paths & {str(p).lower() for p in as_list(r.get("AccessPaths"))}]
    filters = [given(args, key, wildcards=False) for key in ("DiskNumber", "PartitionNumber", "Offset")]
    filters += [given(args, "DriveLetter", wildcards=False, convert=_letter), given(args, "DiskId"), given(args, "UniqueId")]
    return cim_query(ctx, NAMESPACE, "MSFT_Partition", rows, filters)
