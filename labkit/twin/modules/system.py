"""Microsoft.PowerShell.Management and CIM bits of a Windows host:
Restart-Computer, services (Get-Service, Start-Service, Set-Service),
Get-CimInstance (Win32_OperatingSystem, Win32_ComputerSystem, Win32_Processor),
Test-Path over the host's drives, shared disks and Cluster Shared Volumes, and
Test-Connection over the lab networks.
"""

from __future__ import annotations

import fnmatch
import ntpath
import ipaddress
import re
from typing import Any, Iterable

from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.file_encodings import size_of
from labkit.twin.modules.servermanager import reboot
from labkit.twin.modules.storage import item_times, path_exists, resolve_path
from labkit.twin.logon import is_other_host, lab_host, second_hop_error, unc_target
from labkit.twin.child_item_filters import matches, process
from labkit.twin.values import as_list, convert, like, to_string
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.item_drives import session_drive
from labkit.twin.environment import env_items, env_name
from labkit.twin.paths import absolute, current
from labkit.twin.file_members import filesystem_item
from labkit.twin.processors import part as processor_part
from labkit.twin.registry import cmdlet
from labkit.twin.world import ADAPTER_ORDER, LAB_EPOCH, Host, Service, World

# name -> (display name, feature that brings it or None, default status, default start type)
SERVICES: dict[str, tuple[str, str | None, str, str]] = {
    "MSiSCSI": ("Microsoft iSCSI Initiator Service", None, "Stopped", "Manual"),
    "WinRM": ("Windows Remote Management (WS-Management)", None, "Running", "Automatic"),
    "LanmanServer": ("Server", None, "Running", "Automatic"),
    "LanmanWorkstation": ("Workstation", None, "Running", "Automatic"),
    "W32Time": ("Windows Time", None, "Running", "Automatic"),
    "vmms": ("Hyper-V Virtual Machine Management", "Hyper-V", "Running", "Automatic"),
    "ClusSvc": ("Cluster Service", "Failover-Clustering", "Stopped", "Disabled"),
    "WinTarget": ("Microsoft iSCSI Target Server", "FS-iSCSITarget-Server", "Running", "Automatic"),
    "NTDS": ("Active Directory Domain Services", "AD-Domain-Services", "Running", "Automatic"),
    "DNS": ("DNS Server", "DNS", "Running", "Automatic"),
}
STATUS = {"Stopped": 1, "StartPending": 2, "StopPending": 3, "Running": 4, "ContinuePending": 5, "PausePending": 6, "Paused": 7}
START_MODE = {"Boot": 0, "System": 1, "Automatic": 2, "Manual": 3, "Disabled": 4}

OS_BUILDS = {"2008R2": "6.1.7601", "2012": "6.2.9200", "2012R2": "6.3.9600", "2016": "10.0.14393",
             "2019": "10.0.17763", "2022": "10.0.20348", "2025": "10.0.26100"}
SKUS = {"Standard": 7, "Datacenter": 8, "Enterprise": 10}


def _service_name(host: Host, name: str) -> str | None:
    for s, (display, feature, _, _) in SERVICES.items():
        if name.lower() in (s.lower(), display.lower()):
            if feature is None or host.installed(feature):
                return s
    return None


def service_status(world: World, host: Host, name: str) -> tuple[str, str]:
    """(status, start type) of a service on ``host``."""
    s = _service_name(host, name)
    if s is None:
        return ("Stopped", "Disabled")
    if s in host.services:
        return host.services[s].status, host.services[s].start_type
    _, _, status, start = SERVICES[s]
    if s == "ClusSvc" and world.cluster and world.cluster.node(host.name):
        node = world.cluster.node(host.name)
        return ("Running" if host.running and node.state != "Down" else "Stopped", "Automatic")
    return status, start


def service_object(world: World, host: Host, s: str) -> PSObject:
    status, start = service_status(world, host, s)
    return PSObject(
        ["System.ServiceProcess.ServiceController", "System.ComponentModel.Component"],
        {
            "Name": s,
            "ServiceName": s,
            "DisplayName": SERVICES[s][0],
            "Status": PSEnum("System.ServiceProcess.ServiceControllerStatus", status, STATUS[status]),
            "StartType": PSEnum("System.ServiceProcess.ServiceStartMode", start, START_MODE[start]),
            "CanStop": status == "Running",
            "MachineName": ".",
            "ServiceType": PSEnum("System.ServiceProcess.ServiceType", "Win32OwnProcess", 16),
        },
        display=["Status", "Name", "DisplayName"],
        tostring="System.ServiceProcess.ServiceController",
    )


def _services(ctx: Any, args: dict[str, Any], input: Any) -> list[str]:
    host = ctx.world.host(ctx.host)
    objs = [o for o in as_list(args.get("InputObject")) if isinstance(o, PSObject)] or ([input] if isinstance(input, PSObject) else [])
    names = [str(o.get("Name")) for o in objs] + [str(n) for n in as_list(args.get("Name"))] + [str(n) for n in as_list(args.get("DisplayName"))]
    if not names:
        return [s for s in SERVICES if _service_name(host, s)]
    out = []
    for n in names:
        if any(c in n for c in "*?"):
            out += [s for s in SERVICES if _service_name(host, s) and (fnmatch.fnmatch(s.lower(), n.lower()) or fnmatch.fnmatch(SERVICES[s][0].lower(), n.lower()))]
            continue
        s = _service_name(host, n)
        if s is None:
            ctx.error(f"Cannot find any service with service name '{n}'.", "ObjectNotFound", n, "NoServiceFoundForGivenName")
            continue
        out.append(s)
    return out


@cmdlet("Get-Service", honours={"Name", "DisplayName", "InputObject"})
def get_service(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = ctx.world.host(ctx.host)
    return [service_object(ctx.world, host, s) for s in _services(ctx, args, input)]


def _set(host: Host, world: World, s: str, status: str | None = None, start: str | None = None) -> None:
    cur_status, cur_start = service_status(world, host, s)
    host.services[s] = Service(status=status or cur_status, start_type=start or cur_start)  # type: ignore[arg-type]


@cmdlet("Start-Service", honours={"Name", "DisplayName", "InputObject", "PassThru", "Confirm"})
def start_service(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = ctx.world.host(ctx.host)
    out = []
    for s in _services(ctx, args, input):
        status, start = service_status(ctx.world, host, s)
        if start == "Disabled":
            ctx.error(f"Service '{SERVICES[s][0]} ({s})' cannot be started due to the following error: Cannot start service {s} on computer '.'.",
                      "OpenError", s, "CouldNotStartService,Microsoft.PowerShell.Commands.StartServiceCommand")
            continue
        if status != "Running":
            _set(host, ctx.world, s, status="Running")
            ctx.advance(2.0)
        if args.get("PassThru"):
            out.append(service_object(ctx.world, host, s))
    return out


@cmdlet("Set-Service", honours={"Name", "InputObject", "StartupType", "Status", "DisplayName", "PassThru", "Confirm"})
def set_service(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = ctx.world.host(ctx.host)
    out = []
    names = _services(ctx, {k: v for k, v in args.items() if k in ("Name", "InputObject")}, input)
    for s in names:
        start = None
        if "StartupType" in args:
            start = {"automatic": "Automatic", "manual": "Manual", "disabled": "Disabled", "automaticdelayedstart": "Automatic"}.get(str(args["StartupType"]).lower())
            if start is None:
                raise CmdletError(f"Cannot bind parameter 'StartupType'. Cannot convert value \"{args['StartupType']}\" to type \"System.ServiceProcess.ServiceStartMode\".", "InvalidArgument", "", args["StartupType"])
        status = None
        if "Status" in args:
            status = {"running": "Running", "stopped": "Stopped"}.get(str(args["Status"]).lower())
            if status is None:
                raise NotEmulated("Set-Service", f"-Status {args['Status']}")
        _set(host, ctx.world, s, status=status, start=start)
        ctx.advance(1.0)
        if args.get("PassThru"):
            out.append(service_object(ctx.world, host, s))
    return out


# -- restart ---------------------------------------------------------------------

@cmdlet("Restart-Computer", honours={"ComputerName", "Force", "Confirm"})
def restart_computer(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    names = [str(n) for n in as_list(args.get("ComputerName"))] or [ctx.host]
    seconds = 0.0
    for n in names:
        host = ctx.world.host(ctx.host if n in (".", "localhost") else n)
        if not host.running:
            ctx.error(f"Failed to restart the computer {n} with the following error message: The RPC server is unavailable.", "OperationStopped", n, "RestartcomputerFailed")
            continue
        seconds = max(seconds, reboot(ctx.world, host))
    ctx.advance(seconds)
    return []


# -- CIM ------------------------------------------------------------------------------

def _cim(cls: str, props: dict[str, Any], display: list[str]) -> PSObject:
    return PSObject([f"Microsoft.Management.Infrastructure.CimInstance#root/cimv2/{cls}", "Microsoft.Management.Infrastructure.CimInstance"], props, display=display)


def os_caption(host: Host) -> str:
    version = "2008 R2" if host.os_version == "2008R2" else host.os_version.replace("R2", " R2")
    return f"Microsoft Windows Server {version} {host.edition}"


@cmdlet("Get-CimInstance", honours={"ClassName", "ComputerName", "Property"})
def get_cim_instance(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    cls = str(args.get("ClassName", ""))
    names = [str(n) for n in as_list(args.get("ComputerName"))] or [ctx.host]
    out = []
    for n in names:
        host = lab_host(ctx, n) if is_other_host(ctx, n) else world.host(ctx.host)   # a name, an FQDN or an address
        if host is None:
            ctx.error(f"WinRM cannot process the request because the server name cannot be resolved ({n}).", "ConnectionError", n, "CimException")
            continue
        denied = second_hop_error(ctx, n, "cim")  # the double hop: labkit/twin/logon.py
        if denied is not None:
            ctx.error(str(denied), denied.category, n, denied.error_id)
            continue
        if not host.running:
            ctx.error(f"WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network ({n}).", "ConnectionError", n, "HRESULT 0x80338126")
            continue
        key = cls.lower()
        if key == "win32_operatingsystem":
            build = OS_BUILDS[host.os_version]
            out.append(_cim("Win32_OperatingSystem", {
                "Caption": os_caption(host),
                "Version": build,
                "BuildNumber": build.split(".")[-1],
                "OSArchitecture": "64-bit",
                "CSName": host.name,
                "OperatingSystemSKU": SKUS.get(host.edition, 8),
                "ProductType": 2 if host.role == "dc" else 3,
                "LastBootUpTime": world_time(world, host.last_boot),
                "TotalVisibleMemorySize": host.memory // 1024,
                "SystemDirectory": r"C:\Windows\system32",
                "Organization": "",
                "SerialNumber": f"00454-60000-00000-AA{host.index:03d}",
            }, ["SystemDirectory", "Organization", "BuildNumber", "RegisteredUser", "SerialNumber", "Version"]))
        elif key == "win32_computersystem":
            out.append(_cim("Win32_ComputerSystem", {
                "Name": host.name,
                "DNSHostName": host.name.lower(),
                "Domain": host.domain or "WORKGROUP",
                "PartOfDomain": host.domain is not None,
                "Workgroup": None if host.domain else "WORKGROUP",
                "DomainRole": 5 if host.role == "dc" else (3 if host.domain else 2),
                "Manufacturer": "Microsoft Corporation",
                "Model": "Virtual Machine",
                "TotalPhysicalMemory": host.memory,
                "NumberOfProcessors": 1,
                "NumberOfLogicalProcessors": host.cpus,
                "HypervisorPresent": host.installed("Hyper-V"),
            }, ["Name", "PrimaryOwnerName", "Domain", "TotalPhysicalMemory", "Model", "Manufacturer"]))
        elif key == "win32_processor":
            cpu = processor_part(host)
            manufacturer, name, caption = cpu.manufacturer, cpu.name, cpu.caption
            out.append(_cim("Win32_Processor", {
                "DeviceID": "CPU0",
                "Manufacturer": manufacturer,
                "Name": name,
                "Caption": caption,
                "MaxClockSpeed": cpu.max_clock_mhz,
                "NumberOfCores": host.cpus,
                "NumberOfLogicalProcessors": host.cpus,
                "VirtualizationFirmwareEnabled": True,
                "SecondLevelAddressTranslationExtensions": True,
                "VMMonitorModeExtensions": True,
                "Architecture": 9,
            }, ["DeviceID", "Name", "Caption", "MaxClockSpeed", "SocketDesignation", "Manufacturer"]))
        elif re.match(r"(Win32|CIM)_\w", cls, re.IGNORECASE):
            # a class of Windows' root/cimv2 (the Win32 and CIM classes: Win32_Process in Get-CimInstance's examples,
            # https://learn.microsoft.com/en-us/powershell/module/cimcmdlets/get-ciminstance?view=powershell-5.1)
            # the twin does not model: refused, not called invalid
            raise NotEmulated("Get-CimInstance", f"the class '{cls}' (the twin emulates Win32_OperatingSystem, Win32_ComputerSystem and "
                              "Win32_Processor)")
        else:
            raise CmdletError(f"Invalid class (the twin emulates Win32_OperatingSystem, Win32_ComputerSystem and Win32_Processor, not '{cls}')",
                              "MetadataError", "HRESULT 0x80041010,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand", cls)
    if "Property" in args:
        keep = [str(p) for p in as_list(args["Property"])]
        for o in out:
            o.display = [p for p in o.names() if p in keep]
    return out


def world_time(world: World, clock: float) -> Any:
    from datetime import timedelta

    return LAB_EPOCH + timedelta(seconds=clock)


# -- paths and pings ------------------------------------------------------------------------

@cmdlet("Test-Path", honours={"Path", "LiteralPath", "PathType", "IsValid", "OlderThan", "NewerThan"})
def test_path(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = ctx.world.host(ctx.host)
    for k in ("Path", "LiteralPath"):
        for v in as_list(args.get(k)) if k in args else []:
            if v is None or str(v) == "":
                # Test-Path's -Path takes neither (no AllowNull/AllowEmptyString): ParameterBindingValidationException
                what = "null" if v is None else "an empty string"
                raise CmdletError(f"Cannot bind argument to parameter '{k}' because it is {what}.", "InvalidData",
                                  f"ParameterArgumentValidationError{'NullNotAllowed' if v is None else 'EmptyStringNotAllowed'},"
                                  "Microsoft.PowerShell.Commands.TestPathCommand", v)
    paths = [str(p) if session_drive(ctx, p) is not None else absolute(str(p), current(ctx))
             for p in as_list(args.get("Path")) + as_list(args.get("LiteralPath"))]
    out = []
    for p in paths:
        if args.get("IsValid"):
            out.append(True)
            continue
        on = session_drive(ctx, p)
        if on is not None:         # the Alias: and Variable: drives: the root is the container, each item a leaf
            drive, name = on
            kind = str(args.get("PathType", "Any")).lower()
            try:
                found = name == "" or bool(drive.items(ctx, name, "TestPath", literal="LiteralPath" in args))
            except CmdletError:
                found = False
            out.append(found and (kind == "any" or (kind == "container") == (name == "")))
            continue
        rest = env_name(p)
        if rest is not None:
            if args.get("PathType") is not None and str(args["PathType"]).lower() != "any":
                raise NotEmulated("Test-Path", f"-PathType on the Env: drive ('{p}')")
            try:
                out.append(rest == "" or bool(env_items(ctx, rest, "TestPath")))
            except CmdletError:
                out.append(False)
            continue
        try:
            # A UNC path (\\HOST\C$\...) lands on HOST; one the session may not
            # reach is False, as Windows' Test-Path gives for access denied.
            server = _unc_server(p)
            if server and second_hop_error(ctx, server, "unc") is not None:
                ok = False
            else:
                on, local = unc_target(ctx, p) or (host.name, p)
                ok = path_exists(ctx.world, ctx.world.host(on), local)
        except CmdletError as e:
            ctx.error(str(e), e.category, p, e.error_id)
            ok = False
        kind = str(args.get("PathType", "Any")).lower()
        # a file the twin holds the text of is a file whatever its name (Set-Content C:\x\d.csv)
        leaf = ok and (_is_file(p) or _text_at(ctx, p) is not None)
        if ok and kind == "leaf":
            ok = leaf
        elif ok and kind == "container":
            ok = not leaf
        elif ok and leaf and ("OlderThan" in args or "NewerThan" in args):
            # FileSystemProvider.ItemExists: the file's LastWriteTime against -OlderThan, then -NewerThan (which wins
            # when both are given); 5.1 ignores both for folders and with a -PathType other than Any (the 5.1 page)
            on, local = unc_target(ctx, p) or (host.name, p)
            written = item_times(ctx.world, ctx.world.host(on), local)[1]
            if args.get("OlderThan") is not None:
                ok = written < convert(args["OlderThan"], "datetime")
            if args.get("NewerThan") is not None:
                ok = written > convert(args["NewerThan"], "datetime")
        out.append(ok)
    return out


def _unc_server(path: str) -> str:
    """The server of a UNC path (``\\\\SERVER\\share``), or "" for a local path."""
    p = str(path).replace("/", "\\")
    return p[2:].split("\\", 1)[0] if p.startswith("\\\\") else ""


# The world keeps paths, not inodes: a path is a file when it ends in one of
# the extensions the lab's files have, a folder otherwise.
FILE_SUFFIXES = (".vhd", ".vhdx", ".avhdx", ".xml", ".vmcx", ".vmrs", ".vmgs", ".htm", ".txt")


def _is_file(path: str) -> bool:
    return path.lower().endswith(FILE_SUFFIXES)


def _entries(world: World, host: Host, path: str) -> list[str]:
    """Every path below ``path`` (relative to it, backslash-separated) on ``host``."""
    place = resolve_path(world, host, path)
    if place is None:
        raise CmdletError(f"Cannot find path '{path}' because it does not exist.", "ObjectNotFound", "PathNotFound", path)
    rel = place.rel.strip("\\")
    if place.volume is None and place.disk is None:          # the local C: drive
        files = [f[3:] for f in host.files if f[:3].upper() == "C:\\"]
        if world.cluster and world.cluster.node(host.name):
            files += [f"ClusterStorage\\Volume{r.csv_volume}" for r in world.cluster.csvs()]
    elif place.volume is not None:
        files = list(place.volume.files)
    else:
        files = []
    prefix = rel.lower() + "\\" if rel else ""
    if rel and not any(f.lower() == rel.lower() or f.lower().startswith(prefix) for f in files):
        raise CmdletError(f"Cannot find path '{path}' because it does not exist.", "ObjectNotFound", "PathNotFound", path)
    below = {f[len(prefix):] for f in files if f.lower().startswith(prefix) and len(f) > len(prefix)}
    # every folder on the way down is an entry too
    for f in list(below):
        parts = f.split("\\")
        below.update("\\".join(parts[:i]) for i in range(1, len(parts)))
    return sorted(below, key=str.lower)


def pattern_ok(name: str, pattern: str) -> bool:
    return fnmatch.fnmatch(name.lower(), pattern.lower())


def _listing_order(rels: list[str], is_file: Any = None) -> list[str]:
    """5.1's order: a folder's subfolders, then its files (each by name), then each subfolder's contents
    (https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-childitem?view=powershell-5.1, example 5).
    ``is_file(rel)`` tells files (default: by the name's extension)."""
    file_test = is_file or (lambda k: _is_file(k.rsplit("\\", 1)[-1]))
    children: dict[str, list[str]] = {}
    for r in rels:
        children.setdefault(r.rsplit("\\", 1)[0] if "\\" in r else "", []).append(r)
    out: list[str] = []

    def visit(parent: str) -> None:
        kids = children.get(parent, [])
        dirs = sorted((k for k in kids if not file_test(k)), key=str.lower)
        files = sorted((k for k in kids if file_test(k)), key=str.lower)
        out.extend(dirs + files)
        for d in dirs:
            visit(d)

    visit("")
    return out


def _text_at(ctx: Any, full: str) -> str | None:
    """The text the twin keeps for the file at ``full`` (Set-Content, Out-File, > ...; labkit.twin.modules.management), or None."""
    host = ctx.world.host(ctx.host)
    try:
        place = resolve_path(ctx.world, host, full)
    except CmdletError:
        return None
    if place is None:
        return None
    if place.volume is None and place.disk is None:
        return host.texts.get(place.path.lower())
    return place.volume.texts.get(place.rel.lower()) if place.volume is not None else None


def _length_at(ctx: Any, full: str, text: str) -> int:
    """The bytes of the text file at ``full`` as its writes' encodings made them (labkit.twin.file_encodings)."""
    host = ctx.world.host(ctx.host)
    try:
        place = resolve_path(ctx.world, host, full)
    except CmdletError:
        place = None
    if place is None or (place.volume is None and place.disk is not None):
        return len(text.encode("utf-8"))
    if place.volume is None:
        return size_of(host.text_sizes, place.path.lower(), text)
    return size_of(place.volume.text_sizes, place.rel.lower(), text)


def _texts_below(ctx: Any, parent: str) -> Any:
    """``rel -> text`` for the files below ``parent`` the twin keeps the text of: one path resolution for a listing
    instead of one per entry (_text_at)."""
    host = ctx.world.host(ctx.host)
    try:
        place = resolve_path(ctx.world, host, parent)
    except CmdletError:
        place = None
    if place is None or (place.volume is None and place.disk is not None):
        return lambda rel: None
    if place.volume is None:
        texts, prefix = host.texts, place.path.lower().rstrip("\\") + "\\"
    else:
        rel_dir = place.rel.lower().strip("\\")
        texts, prefix = place.volume.texts, (rel_dir + "\\") if rel_dir else ""
    return lambda rel: texts.get(prefix + rel.lower())


_NO_TEXT = object()


def _item(ctx: Any, parent: str, rel: str, text: Any = _NO_TEXT) -> PSObject:
    full = parent.rstrip("\\") + "\\" + rel
    name = rel.rsplit("\\", 1)[-1]
    if text is _NO_TEXT:
        text = _text_at(ctx, full)
    is_file = _is_file(name) or text is not None
    on, local = unc_target(ctx, full) or (ctx.host, full)
    return filesystem_item(full, is_file, (_length_at(ctx, full, text) if text is not None else 4096) if is_file else None,
                           *item_times(ctx.world, ctx.world.host(on), local))


@cmdlet("Get-ChildItem", honours={"Path", "LiteralPath", "Filter", "Recurse", "Depth", "Name", "Directory", "File", "Include",
                                  "Exclude"})
def get_child_item(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = ctx.world.host(ctx.host)
    paths = [str(p) if session_drive(ctx, p) is not None else absolute(str(p), current(ctx))
             for p in as_list(args.get("Path")) + as_list(args.get("LiteralPath"))] or [current(ctx)]
    depth = None if args.get("Recurse") and "Depth" not in args else int(args.get("Depth", 0))
    pattern = str(args.get("Filter") or "*")
    out: list[Any] = []
    for path in paths:
        on = session_drive(ctx, path)
        if on is not None:
            drive, name = on
            if args.get("Filter") or args.get("File") or args.get("Directory") or args.get("Recurse") or args.get("Include") \
                    or args.get("Exclude"):
                raise NotEmulated("Get-ChildItem", f"-Filter, -Include, -Exclude, -File, -Directory or -Recurse on the {drive.name}: drive")
            try:
                found = drive.items(ctx, name, "GetChildItem", literal="LiteralPath" in args)
            except CmdletError as e:
                ctx.error(str(e), e.category, e.target, e.error_id)
                continue
            out += [i.get("Name") for i in found] if args.get("Name") else found
            continue
        rest = env_name(path)
        if rest is not None:
            try:
                items = env_items(ctx, rest, "GetChildItem", literal="LiteralPath" in args)
            except CmdletError as e:
                ctx.error(str(e), e.category, rest, e.error_id)
                continue
            if args.get("Filter") or args.get("File") or args.get("Directory") or args.get("Include") or args.get("Exclude"):
                raise NotEmulated("Get-ChildItem", "-Filter, -Include, -Exclude, -File or -Directory on the Env: drive")
            out += [i.get("Name") for i in items] if args.get("Name") else items
            continue
        include, exclude = [to_string(p) for p in as_list(args.get("Include"))], [to_string(p) for p in as_list(args.get("Exclude"))]
        recursing = bool(args.get("Recurse")) or "Depth" in args
        wild_leaf = "LiteralPath" not in args and any(c in ntpath.basename(path) for c in "*?[")
        if wild_leaf and recursing and not include and not exclude and ntpath.basename(path) == "*":
            path = ntpath.dirname(path)     # dir c:\temp\* -rec is dir c:\temp -rec (SessionStateContainer.GetChildItems)
        elif (include or exclude or (wild_leaf and recursing)) and "LiteralPath" not in args:
            # 5.1: -Include/-Exclude have no effect with -LiteralPath (the page's note); a wildcard leaf with -Recurse
            # becomes an -Include (labkit.twin.child_item_filters)
            try:
                out += _filtered_children(ctx, host, path, args, include, exclude, pattern)
            except CmdletError as e:
                ctx.error(str(e), e.category, path, e.error_id)
            continue
        glob = "LiteralPath" not in args and any(c in path for c in "*?[")
        leaf = ""
        if glob:
            # A wildcard path gives the items it matches, not their children, unless -Recurse (SessionStateContainer.GetChildItems:
            # "If we were globbing and we are not recursing then we just want to get the item for the resolved paths").
            parent, leaf = ntpath.split(path)
            if any(c in parent for c in "*?[") or args.get("Recurse") or "Depth" in args:
                raise NotEmulated("Get-ChildItem", f"the wildcard path '{path}' with wildcards before its last part or with -Recurse/-Depth")
            path = parent
        try:
            on, local = unc_target(ctx, path) or (host.name, path)   # \\HOST\C$\...: the double hop applies
            if not glob and (_is_file(local) or _text_at(ctx, local) is not None) \
                    and path_exists(ctx.world, ctx.world.host(on), local):
                # a file's path gives the file itself (Get-ChildItem C:\x\a.txt lists a.txt, 5.1 page, -Path)
                if not args.get("Directory") and pattern_ok(ntpath.basename(local), pattern):
                    out.append(ntpath.basename(local) if args.get("Name") else _item(ctx, *ntpath.split(path)))
                continue
            entries = _entries(ctx.world, ctx.world.host(on), local)
        except CmdletError as e:
            ctx.error(str(e), e.category, path, e.error_id)
            continue
        if glob:
            entries = [e for e in entries if "\\" not in e and fnmatch.fnmatchcase(e.lower(), leaf.lower())]
            if not entries and not any(c in leaf for c in "*?["):
                ctx.error(f"Cannot find path '{ntpath.join(path, leaf)}' because it does not exist.", "ObjectNotFound",
                          ntpath.join(path, leaf), "PathNotFound")
        base = path.rstrip("\\") + "\\"
        text_of = (lambda r: _text_at(ctx, base + r)) if unc_target(ctx, path) else _texts_below(ctx, path)
        # a file the twin holds the text of is a file whatever its name (Set-Content C:\x\d.csv)
        for rel in _listing_order(entries, lambda r: _is_file(r.rsplit("\\", 1)[-1]) or text_of(r) is not None):
            level = rel.count("\\")
            name = rel.rsplit("\\", 1)[-1]
            if (depth is not None and level > depth) or not fnmatch.fnmatch(name.lower(), pattern.lower()):
                continue
            text = text_of(rel)
            is_file = _is_file(name) or text is not None
            if (args.get("File") and not is_file) or (args.get("Directory") and is_file):
                continue
            out.append(rel if args.get("Name") else _item(ctx, path, rel, text))
    return out


def _filtered_children(ctx: Any, host: Host, path: str, args: dict[str, Any], include: list[str], exclude: list[str],
                       pattern: str) -> list[Any]:
    """Get-ChildItem -Include / -Exclude on a FileSystem path (labkit.twin.child_item_filters)."""
    recurse = bool(args.get("Recurse")) or "Depth" in args
    depth = None if include or "Depth" not in args else int(args["Depth"])   # 5.1: -Depth has no effect with -Include
    parent, leaf = ntpath.split(path.rstrip("\\")) if path.rstrip("\\")[-1:] != ":" else (path, "")
    if any(c in parent for c in "*?["):
        raise NotEmulated("Get-ChildItem", f"the wildcard path '{path}' with wildcards before its last part")
    wild = any(c in leaf for c in "*?[")
    if wild and recurse and not include:
        # dir c:\tem* -rec => dir c:\ -include tem* -rec; dir c:\temp\* -rec -exclude x => dir c:\temp -rec -exclude x
        root, targets, include = parent, [""], [leaf] if leaf != "*" else []
    elif wild:
        root = parent
        on, local = unc_target(ctx, root) or (host.name, root)
        tops = [e for e in _entries(ctx.world, ctx.world.host(on), local) if "\\" not in e]
        # the globber drops what fails the filters, except while recursing (they are set aside then)
        targets = [e for e in tops if like(e, leaf) and (recurse or matches(e, include, exclude))]
    else:
        if not recurse and leaf and not matches(leaf, include, exclude):
            on, local = unc_target(ctx, path) or (host.name, path)
            _entries(ctx.world, ctx.world.host(on), local)      # a path that does not exist is still an error
            return []
        root, targets = path, [""]
    on, local = unc_target(ctx, root) or (host.name, root)
    rels = _entries(ctx.world, ctx.world.host(on), local)
    base = root.rstrip("\\") + "\\"
    text_of = (lambda r: _text_at(ctx, base + r)) if unc_target(ctx, root) else _texts_below(ctx, root)

    def is_file(rel: str) -> bool:
        return _is_file(rel.rsplit("\\", 1)[-1]) or text_of(rel) is not None

    def keep(rel: str) -> bool:
        file = is_file(rel)
        return pattern_ok(rel.rsplit("\\", 1)[-1], pattern) and not (args.get("File") and not file) \
            and not (args.get("Directory") and file)

    written: list[str] = []
    for target in targets:
        if target == "" and (_is_file(local) or _text_at(ctx, local) is not None):
            # the path is a file: written when its name passes (ProcessPathItems, not a container)
            if matches(ntpath.basename(local), include, exclude) and keep(ntpath.basename(local)):
                parent_dir, name = ntpath.split(root)
                return [name if args.get("Name") else _item(ctx, parent_dir, name)]
            return []
        if target and is_file(target):
            if matches(target, include, exclude) and keep(target):
                written.append(target)
            continue
        written += process(rels, target, recurse=recurse, depth=depth, include=include, exclude=exclude, is_file=is_file,
                           keep=keep)
    return [rel if args.get("Name") else _item(ctx, root, rel, text_of(rel)) for rel in written]


def resolve_name(world: World, name: str) -> str | None:
    """An IPv4 address for a host name (DNS: the first of its addresses in adapter order) or the address itself."""
    try:
        return str(ipaddress.IPv4Address(name))
    except ValueError:
        pass
    host = world.find_host(name)
    if host is None:
        if world.cluster and name.split(".")[0].lower() == world.cluster.name.lower():
            return world.cluster.address
        return None
    for net in ("Public", *ADAPTER_ORDER):
        hit = host.address_on(world.networks[net].cidr) if net in world.networks else None
        if hit:
            return hit[1]
    return None


# Windows PowerShell 5.1's Test-Connection pings through WMI's Win32_PingStatus: -ComputerName (position 0), -Count
# (default 4), -Delay (seconds between pings, default 1), -BufferSize (default 32), -Quiet (one Boolean per computer:
# True when any ping answered). A computer that does not answer is a non-terminating TestConnectionException.
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.management/test-connection?view=powershell-5.1
@cmdlet("Test-Connection", honours={"ComputerName", "Count", "Quiet", "BufferSize", "Delay"})
def test_connection(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    me = world.host(ctx.host)
    count = int(args.get("Count", 4))
    delay = float(args.get("Delay", 1))
    size = int(args.get("BufferSize", 32))
    out: list[Any] = []
    for target in [str(t) for t in as_list(args.get("ComputerName"))]:
        address = resolve_name(world, target)
        ok = address is not None and world.reachable(me, address)
        if address is not None and not ok and world.cluster and address == world.cluster.address:
            owner = world.cluster.group("Cluster Group")
            ok = bool(owner and world.reachable(me, (world.host(owner.owner).address_on(world.networks["Public"].cidr) or (None, ""))[1] or "0.0.0.0"))
        ctx.advance(count * (1.0 if ok else 4.0) + max(count - 1, 0) * delay)
        if args.get("Quiet"):
            out.append(ok)
            continue
        if not ok:
            reason = "No such host is known" if address is None else "Error due to lack of resources"
            ctx.error(f"Testing connection to computer '{target}' failed: {reason}", "ResourceUnavailable", target,
                      "TestConnectionException,Microsoft.PowerShell.Commands.TestConnectionCommand")
            continue
        for _ in range(count):
            out.append(PSObject(
                ["System.Management.ManagementObject#root\\cimv2\\Win32_PingStatus", "System.Management.ManagementObject"],
                {"__SERVER": me.name, "PSComputerName": me.name, "Address": target, "IPV4Address": address, "IPV6Address": "",
                 "BufferSize": size, "ReplySize": size, "ResponseTime": 0, "StatusCode": 0, "TimeToLive": 128},
                display=["PSComputerName", "Address", "IPV4Address", "IPV6Address", "BufferSize", "ResponseTime"],
            ))
    return out
