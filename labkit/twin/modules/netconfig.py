"""Network commands admins type between steps: Test-NetConnection and
Remove-NetIPAddress (NetTCPIP), Set-DnsClient (DnsClient).  The procedure's
own network cmdlets are in netadapter.py.

Test-NetConnection answers from the world: a ping needs a configured, uncut
network to a running host (World.reachable); a TCP port answers when the
service behind it runs on the target (WinRM 5985, SMB 445 with File and
Printer Sharing bound to the adapter that owns the address, RPC 135, iSCSI
target 3260, cluster 3343, live migration 6600, the DC's DNS 53, Kerberos 88
and LDAP 389).  Ports the twin does not model are refused, not guessed.
"""

from __future__ import annotations

from typing import Any, Iterable

from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.modules.netadapter import CIM, _ip_object, not_found, report, select_adapters
from labkit.twin.modules.system import resolve_name, service_status
from labkit.twin.objects import PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.values import as_list, to_string
from labkit.twin.world import Adapter, Host, World

# -CommonTCPPort values: https://learn.microsoft.com/en-us/powershell/module/nettcpip/test-netconnection?view=windowsserver2022-ps
COMMON_PORTS = {"HTTP": 80, "RDP": 3389, "SMB": 445, "WINRM": 5985}


def _owner(world: World, address: str) -> tuple[Host, Adapter] | None:
    for h in world.hosts:
        for a in h.adapters:
            if any(ip.ip == address for ip in a.addresses):
                return h, a
    return None


def reaches(world: World, me: Host, address: str) -> tuple[bool, tuple[Host, Adapter] | None]:
    """(whether ``me`` reaches ``address``, the host and adapter answering there).

    The cluster's address answers from the node that owns the core group (its IP Address resource)."""
    c = world.cluster
    if c is not None and address == c.address:
        core = c.group("Cluster Group")
        node = world.find_host(core.owner) if core else None
        if node is None or not node.running or "Public" not in world.networks:
            return False, None
        hit = node.address_on(world.networks["Public"].cidr)
        ip = c.resource("Cluster IP Address")
        if hit is None or (ip is not None and ip.state != "Online"):
            return False, None
        return world.reachable(me, hit[1]), (node, hit[0])
    return world.reachable(me, address), _owner(world, address)


def port_open(world: World, target: Host, adapter: Adapter, port: int) -> bool:
    """Whether ``port`` listens on ``target`` at the address of ``adapter``."""
    if port == 135:
        return True
    if port == 445:
        return service_status(world, target, "LanmanServer")[0] == "Running" and adapter.bindings.get("ms_server", True)
    if port == 5985:
        return service_status(world, target, "WinRM")[0] == "Running"
    if port == 3260:
        return target.role == "storage" and service_status(world, target, "WinTarget")[0] == "Running"
    if port == 3343:
        return service_status(world, target, "ClusSvc")[0] == "Running"
    if port == 6600:
        return service_status(world, target, "vmms")[0] == "Running" and target.vmhost.migration_enabled
    if port == 53:
        return service_status(world, target, "DNS")[0] == "Running"
    if port in (88, 389):
        return service_status(world, target, "NTDS")[0] == "Running"
    raise NotEmulated("Test-NetConnection", f"-Port {port} (the twin models ports 53, 88, 135, 389, 445, 3260, 3343, 5985 and 6600)")


@cmdlet("Test-NetConnection", honours={"ComputerName", "Port", "CommonTCPPort", "InformationLevel"})
def test_net_connection(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/nettcpip/test-netconnection?view=windowsserver2022-ps
    world = ctx.world
    me = world.host(ctx.host)
    level = to_string(args.get("InformationLevel") or "Standard")
    if level.lower() not in ("quiet", "standard", "detailed"):
        raise CmdletError(f"Cannot validate argument on parameter 'InformationLevel'. The argument \"{level}\" does not belong to the set "
                          "\"Quiet,Detailed\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the "
                          "command again.", "InvalidData", "ParameterArgumentValidationError,Test-NetConnection", level)
    if level.lower() == "detailed":
        raise NotEmulated("Test-NetConnection", "-InformationLevel Detailed")
    quiet = level.lower() == "quiet"
    if "ComputerName" not in args:
        raise NotEmulated("Test-NetConnection", "a test without -ComputerName (it tests internetbeacon.msedge.net on the Internet)")
    name = to_string(args["ComputerName"])
    port: int | None = None
    if "CommonTCPPort" in args:
        key = to_string(args["CommonTCPPort"]).upper()
        if key not in COMMON_PORTS:
            raise CmdletError(f"Cannot validate argument on parameter 'CommonTCPPort'. The argument \"{args['CommonTCPPort']}\" does not belong "
                              "to the set \"HTTP,RDP,SMB,WINRM\" specified by the ValidateSet attribute. Supply an argument that is in the set "
                              "and then try the command again.", "InvalidData", "ParameterArgumentValidationError,Test-NetConnection", key)
        port = COMMON_PORTS[key]
    if "Port" in args:
        port = int(args["Port"])
    address = resolve_name(world, name)
    if address is None:
        ctx.warning(f"Name resolution of {name} failed")
        ctx.advance(2.0)
        if quiet:
            return [False]
        return [PSObject("TestNetConnectionResult", {"ComputerName": name, "RemoteAddress": None, "NameResolutionSucceeded": False,
                                                     "PingSucceeded": False, "TcpTestSucceeded": False},
                         display=["ComputerName", "RemoteAddress", "PingSucceeded"], tostring=name)]
    network = world.network_of(address)
    hit = me.address_on(world.networks[network].cidr) if network else None
    source_adapter, source = hit if hit else (next((a for a in me.adapters if a.addresses), me.adapters[0]), None)
    if source is None and source_adapter.addresses:
        source = source_adapter.addresses[0].ip
    reachable, owner = reaches(world, me, address)
    tcp = None
    if port is not None:
        tcp = bool(reachable and owner is not None and port_open(world, owner[0], owner[1], port))
        if not tcp:
            ctx.warning(f"TCP connect to ({address} : {port}) failed")
    if not reachable:
        ctx.warning(f"Ping to {address} failed with status: TimedOut")
    ctx.advance(1.0 if reachable else 5.0)
    if quiet:
        return [tcp if port is not None else reachable]
    props: dict[str, Any] = {"ComputerName": name, "RemoteAddress": address}
    if port is not None:
        props["RemotePort"] = port
    props.update({"InterfaceAlias": source_adapter.name, "SourceAddress": source, "NameResolutionSucceeded": True,
                  "PingSucceeded": reachable,
                  "PingReplyDetails": PSObject("System.Net.NetworkInformation.PingReply",
                                               {"Address": address, "Status": "Success" if reachable else "TimedOut", "RoundtripTime": 0},
                                               tostring="System.Net.NetworkInformation.PingReply")})
    if port is not None:
        props["TcpTestSucceeded"] = tcp
        display = ["ComputerName", "RemoteAddress", "RemotePort", "InterfaceAlias", "SourceAddress", "TcpTestSucceeded"]
    else:
        display = ["ComputerName", "RemoteAddress", "InterfaceAlias", "SourceAddress", "PingSucceeded", "PingReplyDetails"]
    return [PSObject("TestNetConnectionResult", props, display=display, tostring=name)]


@cmdlet("Remove-NetIPAddress", honours={"IPAddress", "InterfaceAlias", "InterfaceIndex", "PrefixLength", "AddressFamily", "InputObject",
                                        "DefaultGateway", "PassThru", "Confirm"})
def remove_net_ip_address(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/nettcpip/remove-netipaddress?view=windowsserver2022-ps
    host = ctx.world.host(ctx.host)
    families = [to_string(f).lower() for f in as_list(args.get("AddressFamily"))]
    if families and "ipv4" not in families:
        report(ctx, not_found("MSFT_NetIPAddress", "AddressFamily", args["AddressFamily"]))
        return []
    objs = [o for o in as_list(args.get("InputObject")) if isinstance(o, PSObject)] or ([input] if isinstance(input, PSObject) else [])
    if not objs and not any(k in args for k in ("IPAddress", "InterfaceAlias", "InterfaceIndex")):
        raise NotEmulated("Remove-NetIPAddress", "removing every IP address of the host (no -IPAddress, -InterfaceAlias or -InterfaceIndex)")
    wanted = [to_string(o.get("IPAddress")) for o in objs] + [to_string(x) for x in as_list(args.get("IPAddress"))]
    adapters = host.adapters
    if "InterfaceAlias" in args or "InterfaceIndex" in args:
        adapters = select_adapters(ctx, host, {k: args[k] for k in ("InterfaceAlias", "InterfaceIndex") if k in args}, None,
                                   cim_class="MSFT_NetIPAddress")
    pairs = [(a, ip) for a in adapters for ip in a.addresses]
    if wanted:
        import fnmatch

        pairs = [(a, ip) for a, ip in pairs if any(fnmatch.fnmatch(ip.ip, w) for w in wanted)]
    if "PrefixLength" in args:
        pairs = [(a, ip) for a, ip in pairs if ip.prefix == int(args["PrefixLength"])]
    if not pairs:
        report(ctx, not_found("MSFT_NetIPAddress", "IPAddress", wanted[0] if wanted else "*"))
        return []
    gateway = to_string(args["DefaultGateway"]) if args.get("DefaultGateway") else None
    if gateway is not None and not any(a.gateway == gateway for a, _ in pairs):
        raise NotEmulated("Remove-NetIPAddress", f"-DefaultGateway {gateway}, which is no gateway of the address's adapter")
    out = []
    for a, ip in pairs:
        if args.get("PassThru"):
            out.append(_ip_object(ctx, host, a, ip, "ActiveStore"))
        a.addresses = [x for x in a.addresses if x is not ip]
        if gateway is not None and a.gateway == gateway:
            # the default route through it goes with the address (New-NetIPAddress's page, Example 1:
            # "Remove-NetIPAddress -IPAddress 192.168.0.1 -DefaultGateway 192.168.0.5" undoes the first command)
            a.gateway = None
    ctx.advance(1.0)
    return out


@cmdlet("Set-DnsClient", honours={"InterfaceAlias", "InterfaceIndex", "InputObject", "ConnectionSpecificSuffix", "RegisterThisConnectionsAddress",
                                  "UseSuffixWhenRegistering", "ResetConnectionSpecificSuffix", "PassThru", "Confirm"})
def set_dns_client(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/dnsclient/set-dnsclient?view=windowsserver2022-ps
    host = ctx.world.host(ctx.host)
    if not any(k in args for k in ("InterfaceAlias", "InterfaceIndex", "InputObject")) and input is None:
        raise CmdletError("Cannot process command because of one or more missing mandatory parameters: InterfaceAlias.", "InvalidArgument",
                          "MissingMandatoryParameter,Set-DnsClient", None)
    out = []
    for a in select_adapters(ctx, host, args, input, cim_class="MSFT_DNSClient"):
        if "ConnectionSpecificSuffix" in args:
            a.dns_suffix = to_string(args["ConnectionSpecificSuffix"])
        if args.get("ResetConnectionSpecificSuffix"):
            a.dns_suffix = ""
        if "RegisterThisConnectionsAddress" in args:
            a.register_dns = bool(args["RegisterThisConnectionsAddress"])
        if "UseSuffixWhenRegistering" in args:
            a.use_suffix = bool(args["UseSuffixWhenRegistering"])
        if args.get("PassThru"):
            out.append(PSObject([CIM + "MSFT_DNSClient", "Microsoft.Management.Infrastructure.CimInstance"],
                                {"InterfaceAlias": a.name, "InterfaceIndex": a.if_index, "ConnectionSpecificSuffix": a.dns_suffix,
                                 "ConnectionSpecificSuffixSearchList": [], "RegisterThisConnectionsAddress": a.register_dns,
                                 "UseSuffixWhenRegistering": a.use_suffix},
                                display=["InterfaceAlias", "InterfaceIndex", "ConnectionSpecificSuffix", "ConnectionSpecificSuffixSearchList",
                                         "RegisterThisConnectionsAddress", "UseSuffixWhenRegistering"]))
    ctx.advance(0.5)
    return out
