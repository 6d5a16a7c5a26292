"""iSCSI initiator (the iSCSI module, on the nodes): target portals, target
discovery, persistent connections, sessions, the initiator port.

The Microsoft iSCSI Initiator Service (MSiSCSI) is stopped and on Manual at the
start (see :mod:`labkit.twin.modules.system` for Get-Service / Start-Service /
Set-Service); every cmdlet here needs it running.  A target is visible to an
initiator only if the storage server's target lists it (``IQN:<initiator
iqn>``, ``IPAddress:<one of its addresses>``, ``DNSName:`` or ``MACAddress:``),
and the LUNs mapped to a connected target appear as disks on the node
(BusType iSCSI, offline, RAW, numbered after the OS disk 0).
"""

from __future__ import annotations

from typing import Any, Iterable

from labkit.twin.cim_query import cim_query, given
from labkit.twin.errors import CmdletError
from labkit.twin.iscsi_luns import session_disk_ids
from labkit.twin.events import Event, on
from labkit.twin.values import as_list
from labkit.twin.modules.system import service_status
from labkit.twin.objects import PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.world import DiskView, Host, Portal, Session, Target, World

NAMESPACE = "ROOT/Microsoft/Windows/Storage"
CIM = f"Microsoft.Management.Infrastructure.CimInstance#{NAMESPACE}/"


def _me(ctx: Any) -> Host:
    me = ctx.world.host(ctx.host)
    if service_status(ctx.world, me, "MSiSCSI")[0] != "Running":
        raise CmdletError(
            "The Microsoft iSCSI initiator service has not been started. Start it with Start-Service MSiSCSI "
            "(and Set-Service MSiSCSI -StartupType Automatic so that it starts after a restart).",
            "NotSpecified", "HRESULT 0xefff0053", "MSiSCSI")
    return me


def allows(world: World, t: Target, host: Host) -> bool:
    """Whether target ``t`` lets initiator ``host`` in."""
    for ident in t.initiator_ids:
        kind, _, value = ident.partition(":")
        v = value.lower()
        if kind == "IQN" and v == host.initiator_iqn.lower():
            return True
        if kind == "IPAddress" and any(ip.ip == value for a in host.adapters for ip in a.addresses):
            return True
        if kind == "DNSName" and v in (host.name.lower(), host.fqdn.lower()):
            return True
        if kind == "MACAddress" and any(a.mac.lower() == v.replace(":", "-") for a in host.adapters):
            return True
    return False


def _server_of(world: World, portal: Portal) -> Host | None:
    server = world.host_by_address(portal.address)
    if server is None or not server.installed("FS-iSCSITarget-Server"):
        return None
    return server


def discovered(world: World, host: Host) -> list[tuple[Portal, Host, Target]]:
    """Targets this initiator sees through its portals."""
    out = []
    for p in host.portals:
        server = _server_of(world, p)
        if server is None or not world.reachable(host, p.address):
            continue
        for t in server.target_server.targets:
            if t.enabled and allows(world, t, host) and not any(x[2].iqn == t.iqn for x in out):
                out.append((p, server, t))
    return out


def _target_by_iqn(world: World, iqn: str) -> Target | None:
    for h in world.hosts:
        for t in h.target_server.targets:
            if t.iqn.lower() == iqn.lower():
                return t
    return None


def refresh_views(world: World) -> None:
    """Give every host the disks its sessions reach (new ones offline, numbered after the last)."""
    for host in world.hosts:
        wanted: list[str] = []
        for s in host.sessions:
            t = _target_by_iqn(world, s.target_iqn)
            if t is None:
                continue
            server = next(h for h in world.hosts if t in h.target_server.targets)
            for m in sorted(t.luns, key=lambda m: m.lun):
                vd = next((v for v in server.target_server.virtual_disks if v.path.lower() == m.path.lower()), None)
                if vd and vd.disk_id not in wanted:
                    wanted.append(vd.disk_id)
        host.disks = [v for v in host.disks if v.disk_id in wanted]
        for disk_id in wanted:
            if host.view(disk_id) is None:
                number = max((v.number for v in host.disks), default=0) + 1
                host.disks.append(DiskView(disk_id=disk_id, number=number))


@on("restart")
@on("heal")
def _after_boot(world: World, event: Event) -> None:
    if "host" in event:              # a healed network has no host
        after_reboot(world, world.host(event["host"]))


@on("lun-mapped")
def _lun_mapped(world: World, event: Event) -> None:
    refresh_views(world)


def after_reboot(world: World, host: Host) -> None:
    """Sessions after a restart: persistent ones come back if MSiSCSI starts automatically."""
    auto = service_status(world, host, "MSiSCSI")[1] == "Automatic"
    if "MSiSCSI" in host.services:
        host.services["MSiSCSI"].status = "Running" if auto else "Stopped"
    host.sessions = [s for s in host.sessions if s.persistent and auto]
    refresh_views(world)


def portal_object(host: Host, p: Portal) -> PSObject:
    return PSObject(
        [CIM + "MSFT_iSCSITargetPortal", "Microsoft.Management.Infrastructure.CimInstance"],
        {
            "InitiatorInstanceName": None,
            "InitiatorPortalAddress": p.initiator_address,
            "IsDataDigest": False,
            "IsHeaderDigest": False,
            "TargetPortalAddress": p.address,
            "TargetPortalPortNumber": p.port,
            "PSComputerName": None,
        },
        display=["InitiatorInstanceName", "InitiatorPortalAddress", "IsDataDigest", "IsHeaderDigest", "TargetPortalAddress", "TargetPortalPortNumber", "PSComputerName"],
    )


def target_object(host: Host, iqn: str) -> PSObject:
    return PSObject(
        [CIM + "MSFT_iSCSITarget", "Microsoft.Management.Infrastructure.CimInstance"],
        {"IsConnected": any(s.target_iqn == iqn for s in host.sessions), "NodeAddress": iqn, "PSComputerName": None},
        display=["IsConnected", "NodeAddress", "PSComputerName"],
    )


def session_object(host: Host, s: Session) -> PSObject:
    return PSObject(
        [CIM + "MSFT_iSCSISession", "Microsoft.Management.Infrastructure.CimInstance"],
        {
            "AuthenticationType": "NONE",
            "InitiatorInstanceName": "ROOT\\ISCSIPRT\\0000_0",
            "InitiatorNodeAddress": host.initiator_iqn,
            "InitiatorPortalAddress": s.initiator_address or "0.0.0.0",
            "InitiatorSideIdentifier": "400001370000",
            "IsConnected": True,
            "IsDataDigest": False,
            "IsDiscovered": True,
            "IsHeaderDigest": False,
            "IsMultipathEnabled": False,
            "IsPersistent": s.persistent,
            "NumberOfConnections": 1,
            "SessionIdentifier": s.id,
            "TargetNodeAddress": s.target_iqn,
            "TargetSideIdentifier": "0100",
            "PSComputerName": None,
        },
        display=["AuthenticationType", "InitiatorInstanceName", "InitiatorNodeAddress", "InitiatorPortalAddress", "InitiatorSideIdentifier",
                 "IsConnected", "IsDataDigest", "IsDiscovered", "IsHeaderDigest", "IsPersistent", "NumberOfConnections", "SessionIdentifier",
                 "TargetNodeAddress", "TargetSideIdentifier", "PSComputerName"],
    )


@cmdlet("New-IscsiTargetPortal", honours={"TargetPortalAddress", "TargetPortalPortNumber", "InitiatorPortalAddress"})
def new_iscsi_target_portal(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    me = _me(ctx)
    address = str(args["TargetPortalAddress"])
    port = int(args.get("TargetPortalPortNumber", 3260))
    init = str(args["InitiatorPortalAddress"]) if args.get("InitiatorPortalAddress") else None
    if init and not any(ip.ip == init for a in me.adapters for ip in a.addresses):
        raise CmdletError(f"The initiator portal address {init} is not an address of {me.name}.", "InvalidArgument", "", init)
    if not ctx.world.reachable(me, address):
        ctx.advance(20.0)
        raise CmdletError(f"Connection Failed: the target portal {address}:{port} cannot be reached from {me.name}. "
                          "Check the iSCSI network address of this node and of the storage server.",
                          "ConnectionError", "HRESULT 0xefff0003", address)
    p = next((p for p in me.portals if p.address == address and p.port == port), None)
    if p is None:
        p = Portal(address=address, port=port, initiator_address=init)
        me.portals.append(p)
    ctx.advance(2.0)
    return [portal_object(me, p)]


@cmdlet("Get-IscsiTargetPortal", honours={"TargetPortalAddress", "TargetPortalPortNumber", "InitiatorPortalAddress"})
def get_iscsi_target_portal(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    me = _me(ctx)
    rows = [portal_object(me, p) for p in me.portals]
    filters = [given(args, "TargetPortalAddress"), given(args, "TargetPortalPortNumber", wildcards=False), given(args, "InitiatorPortalAddress")]
    return cim_query(ctx, NAMESPACE, "MSFT_iSCSITargetPortal", rows, filters)


@cmdlet("Get-IscsiTarget", honours={"NodeAddress", "IscsiTargetPortal"})
def get_iscsi_target(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    me = _me(ctx)
    if "IscsiTargetPortal" in args:   # Get-IscsiTargetPortal | Get-IscsiTarget: what each portal offers
        portals = [str(o.get("TargetPortalAddress")) for o in as_list(args["IscsiTargetPortal"]) if isinstance(o, PSObject)]
        iqns = [t.iqn for p, _, t in discovered(ctx.world, me) if p.address in portals]
    else:
        iqns = [t.iqn for _, _, t in discovered(ctx.world, me)]
        iqns += [s.target_iqn for s in me.sessions if s.target_iqn not in iqns]
    return cim_query(ctx, NAMESPACE, "MSFT_iSCSITarget", [target_object(me, i) for i in iqns], [given(args, "NodeAddress")])


@cmdlet("Connect-IscsiTarget", honours={"NodeAddress", "InputObject", "IsPersistent", "TargetPortalAddress", "InitiatorPortalAddress"})
def connect_iscsi_target(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    me = _me(ctx)
    obj = args.get("InputObject") or input
    iqns = [str(o.get("NodeAddress")) for o in as_list(obj) if isinstance(o, PSObject)] or [str(x) for x in as_list(args.get("NodeAddress"))]
    if not iqns:
        raise CmdletError("Connect-IscsiTarget needs -NodeAddress (the target IQN, see Get-IscsiTarget).", "InvalidArgument", "", None)
    out = []
    for iqn in iqns:
        found = [x for x in discovered(world, me) if x[2].iqn.lower() == iqn.lower()]
        if "TargetPortalAddress" in args:
            found = [x for x in found if x[0].address == str(args["TargetPortalAddress"])]
        if not found:
            raise CmdletError(
                f"The target name is not found or is marked as hidden from login: {iqn} is not offered to {me.name} "
                f"({me.initiator_iqn}) by any of its target portals. Check that the target lists this initiator "
                "(New-IscsiServerTarget -InitiatorIds / Set-IscsiServerTarget) and that New-IscsiTargetPortal was run.",
                "ObjectNotFound", "HRESULT 0xefff0008", iqn)
        portal, server, t = found[0]
        if any(s.target_iqn.lower() == t.iqn.lower() for s in me.sessions):
            raise CmdletError("The target has already been logged in via an iSCSI session.", "InvalidOperation", "HRESULT 0xefff003f", iqn)
        init = str(args["InitiatorPortalAddress"]) if args.get("InitiatorPortalAddress") else portal.initiator_address
        world.serial += 1
        s = Session(
            id=f"ffffe00{me.index:x}a1b2c010-40000137000000{world.serial:02x}",
            target_iqn=t.iqn, portal=portal.address, initiator_address=init,
            persistent=bool(args.get("IsPersistent", False)),
        )
        me.sessions.append(s)
        refresh_views(world)
        ctx.advance(3.0)
        out.append(session_object(me, s))
    return out


@cmdlet("Get-IscsiSession", honours={"SessionIdentifier", "IscsiTarget", "Disk"})
def get_iscsi_session(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    me = _me(ctx)
    sessions = list(me.sessions)
    if "IscsiTarget" in args:   # Get-IscsiTarget | Get-IscsiSession: the sessions to each target
        iqns = [str(o.get("NodeAddress")).lower() for o in as_list(args["IscsiTarget"]) if isinstance(o, PSObject)]
        sessions = [s for s in sessions if s.target_iqn.lower() in iqns]
    if "Disk" in args:
        # Get-Disk | Get-IscsiSession: the sessions a disk is reached through
        # (https://learn.microsoft.com/en-us/powershell/module/storage/get-disk?view=windowsserver2022-ps, Example 4);
        # a disk no session reaches (the OS disk) has none
        wanted = {str(o.get("UniqueId")) for o in as_list(args["Disk"]) if isinstance(o, PSObject)}
        ids = {d.id for d in ctx.world.disks if d.unique_id in wanted}
        sessions = [s for s in sessions if ids & set(session_disk_ids(ctx.world, s))]
    return cim_query(ctx, NAMESPACE, "MSFT_iSCSISession", [session_object(me, s) for s in sessions], [given(args, "SessionIdentifier")])


@cmdlet("Get-InitiatorPort", honours={"NodeAddress", "ConnectionType", "InstanceName"})
def get_initiator_port(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    me = ctx.world.host(ctx.host)
    port = [PSObject(
        [CIM + "MSFT_InitiatorPort", "Microsoft.Management.Infrastructure.CimInstance"],
        {
            "InstanceName": "ROOT\\ISCSIPRT\\0000_0",
            "NodeAddress": me.initiator_iqn,
            "PortAddress": "ISCSI ANY PORT",
            "ConnectionType": "iSCSI",
            "PortType": "Unknown",
            "OperationalStatus": "Unknown",
        },
        display=["InstanceName", "NodeAddress", "PortAddress", "ConnectionType"],
    )]
    return cim_query(ctx, NAMESPACE, "MSFT_InitiatorPort", port, [given(args, key) for key in ("NodeAddress", "ConnectionType", "InstanceName")])
