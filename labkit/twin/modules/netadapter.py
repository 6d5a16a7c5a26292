"""NetAdapter, NetTCPIP and DnsClient: adapters, their names, IPv4 addresses,
DNS servers and protocol bindings.

Which adapter is which lab network: see :mod:`labkit.twin.world` (fresh hosts
have ``Ethernet``, ``Ethernet 2`` ... in the order Management, Public, iSCSI,
Heartbeat; only Management has its address).
"""

from __future__ import annotations

import hashlib
import ipaddress
import uuid
from typing import Any, Iterable

from labkit.twin.cim_query import Filter, cim_query, given
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.timespan_limits import MAX_VALUE as TIMESPAN_MAX
from labkit.twin.values import as_list
from labkit.twin.world import BINDINGS, Adapter, Host, IPAddr

CIM = "Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/"


def one(value: Any) -> Any:
    """The single value of a parameter declared as an array (String[]) but used with one value."""
    if isinstance(value, (list, tuple)):
        return value[0] if value else None
    return value


def not_found(cim_class: str, prop: str, value: Any) -> CmdletError:
    return CmdletError(
        f"No {cim_class} objects found with property '{prop}' equal to '{value}'.  Verify the value of the property and retry.",
        "ObjectNotFound", f"CmdletizationQuery_NotFound_{prop}", value,
    )


def report(ctx: Any, err: CmdletError) -> None:
    """Write ``err`` as a non-terminating error (what CIM cmdlets do for "not found")."""
    ctx.error(str(err), err.category, err.target, err.error_id)


def adapter_status(ctx: Any, host: Host, a: Adapter) -> str:
    net = ctx.world.networks.get(a.network)
    if not host.running or (net is not None and net.cut):
        return "Disconnected"
    return "Up"


def adapter_object(ctx: Any, host: Host, a: Adapter) -> PSObject:
    status = adapter_status(ctx, host, a)
    return PSObject(
        [CIM + "MSFT_NetAdapter", "Microsoft.Management.Infrastructure.CimInstance"],
        {
            "Name": a.name,
            "InterfaceDescription": a.description,
            "ifIndex": a.if_index,
            "Status": status,
            "MacAddress": a.mac,
            "LinkSpeed": "10 Gbps",
            "InterfaceAlias": a.name,
            "InterfaceIndex": a.if_index,
            "ifDesc": a.description,
            "MediaConnectionState": PSEnum("MediaConnectionState", "Connected" if status == "Up" else "Disconnected", 1 if status == "Up" else 2),
            "Virtual": a.virtual,
            "HardwareInterface": not a.virtual,
            "ConnectorPresent": not a.virtual,
            "SystemName": host.fqdn,
            # every CIM instance has PSComputerName (CimInstanceTypeAdapter); a local query's is empty -- no "ComputerName"
            "PSComputerName": None,
            # the lab's 10 GbE links: the numbers behind LinkSpeed, an Ethernet medium, the standard MTU
            # (MSFT_NetAdapter, https://learn.microsoft.com/en-us/previous-versions/windows/desktop/legacy/hh968170(v=vs.85))
            "Speed": 10_000_000_000, "ReceiveLinkSpeed": 10_000_000_000, "TransmitLinkSpeed": 10_000_000_000, "FullDuplex": True,
            "MtuSize": 1500, "ActiveMaximumTransmissionUnit": 1500, "MediaType": "802.3", "PhysicalMediaType": "802.3",
            "AdminStatus": "Up", "ifOperStatus": status, "DriverDescription": a.description.split(" #")[0],
            # the CIM_LogicalDevice keys, which "$adapter" shows (labkit/twin/cim_tostring.py): DeviceID is the
            # interface GUID in braces; Windows draws it when the adapter is installed, the twin derives one per host and MAC
            "CreationClassName": "MSFT_NetAdapter", "DeviceID": interface_guid(host, a), "InterfaceGuid": interface_guid(host, a),
            "SystemCreationClassName": "CIM_NetworkPort",
        },
        display=["Name", "InterfaceDescription", "ifIndex", "Status", "MacAddress", "LinkSpeed"],
    )


def interface_guid(host: Host, a: Adapter) -> str:
    """MSFT_NetAdapter.InterfaceGuid / DeviceID: ``{XXXXXXXX-XXXX-...}``, upper case, the same for a host's adapter on every query."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_OID, f"{host.name.lower()}/{a.mac.lower()}")).upper() + "}"


def ip_address_name(address: str, if_index: int) -> str:
    """MSFT_NetIPAddress.Name, the instance's key: an opaque string Windows encodes from the address and the interface
    (";C?8;@B8:8;:;55;"); the twin writes its own opaque value from the same characters, stable per address and interface."""
    digest = hashlib.sha256(f"{address}%{if_index}".encode()).digest()
    return "".join("56789:;?@ABC"[b % 12] for b in digest[:8 + len(address) // 2])


def _ip_keys(address: str, if_index: int) -> dict[str, str]:
    # the CIM_ServiceAccessPoint keys besides Name are empty strings on Windows' instances
    return {"Name": ip_address_name(address, if_index), "CreationClassName": "", "SystemCreationClassName": "", "SystemName": ""}


NAMESPACE = "ROOT/StandardCimv2"
# The filter parameters of the NetAdapter / NetTCPIP / DnsClient CDXML cmdlets and the CIM property each queries;
# strings take wildcards, numbers do not (see labkit/twin/cim_query.py for the not-found rules).
ADAPTER_FILTERS = (("Name", "Name"), ("InterfaceAlias", "InterfaceAlias"), ("InterfaceDescription", "InterfaceDescription"), ("InterfaceIndex", "InterfaceIndex"))


def select_adapters(ctx: Any, host: Host, args: dict[str, Any], input: Any, *, cim_class: str = "MSFT_NetAdapter") -> list[Adapter]:
    """Adapters chosen by -Name / -InterfaceAlias / -InterfaceDescription / -InterfaceIndex / -InputObject,
    with the CIM query's not-found errors (class ``cim_class``)."""
    objs = as_list(args.get("InputObject")) or ([input] if isinstance(input, PSObject) else [])
    if objs:
        out = []
        for o in objs:
            name = o.get("InterfaceAlias") or o.get("Name")
            a = host.adapter(str(name))
            if a is None:
                report(ctx, not_found(cim_class, "Name", name))
                continue
            out.append(a)
        return out
    rows = [{"Name": a.name, "InterfaceAlias": a.name, "InterfaceDescription": a.description, "InterfaceIndex": a.if_index, "_": a}
            for a in host.adapters]
    filters = [given(args, key, prop, wildcards=key != "InterfaceIndex") for key, prop in ADAPTER_FILTERS]
    return [r["_"] for r in cim_query(ctx, NAMESPACE, cim_class, rows, filters)]


@cmdlet("Get-NetAdapter", honours={"Name", "InterfaceDescription", "InterfaceIndex", "Physical"})
def get_net_adapter(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = ctx.world.host(ctx.host)
    rows = [adapter_object(ctx, host, a) for a in sorted(host.adapters, key=lambda a: a.name.lower())]
    filters = [given(args, key, prop, wildcards=key != "InterfaceIndex") for key, prop in ADAPTER_FILTERS]
    # -Physical queries ConnectorPresent = TRUE (a switch: no wildcard, so "not found" reports)
    filters.append(Filter("ConnectorPresent", [True], wildcards=False) if args.get("Physical") else None)
    return cim_query(ctx, NAMESPACE, "MSFT_NetAdapter", rows, filters)


@cmdlet("Rename-NetAdapter", honours={"Name", "InterfaceDescription", "InputObject", "NewName", "PassThru", "Confirm"})
def rename_net_adapter(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = ctx.world.host(ctx.host)
    new = str(args["NewName"])
    out = []
    for a in select_adapters(ctx, host, args, input):
        other = host.adapter(new)
        if other is not None and other is not a:
            raise CmdletError(
                "{Object Exists} An attempt was made to create an object and the object name already existed.",
                "ResourceExists", "Windows System Error 1813,Rename-NetAdapter", new,
            )
        for sw in host.switches:
            if sw.adapter == a.name:
                sw.adapter = new
        a.name = new
        ctx.advance(1.0)
        if args.get("PassThru"):
            out.append(adapter_object(ctx, host, a))
    return out


# -- NetTCPIP -------------------------------------------------------------------

def cluster_addresses(world: Any, host: Host) -> list[tuple[Adapter, IPAddr]]:
    """The cluster's own IP address, on the public adapter of the node that owns the core group while its IP Address
    resource is online: the cluster adds it there beside the node's address, marked skip-as-source so that the node's
    own traffic does not leave from it (MSFT_NetIPAddress.SkipAsSource)."""
    c = world.cluster
    if c is None or not host.running or c.node(host.name) is None:
        return []
    core, res = c.group("Cluster Group"), c.resource("Cluster IP Address")
    if core is None or core.owner.lower() != host.name.lower() or res is None or res.state != "Online":
        return []
    for net in c.networks:
        cidr = ipaddress.IPv4Network(net.cidr)
        if ipaddress.IPv4Address(c.address) in cidr:
            hit = host.address_on(net.cidr)
            return [(hit[0], IPAddr(ip=c.address, prefix=cidr.prefixlen))] if hit else []
    return []


def _ip_object(ctx: Any, host: Host, a: Adapter | None, ip: IPAddr, store: str = "ActiveStore", *, skip_as_source: bool = False) -> PSObject:
    duplicate = any(
        h is not host and any(x.ip == ip.ip for ad in h.adapters for x in ad.addresses) for h in ctx.world.hosts
    )
    state = ("Duplicate", 2) if duplicate else ("Preferred", 4)
    return PSObject(
        [CIM + "MSFT_NetIPAddress", "Microsoft.Management.Infrastructure.CimInstance"],
        {
            "IPAddress": ip.ip,
            "InterfaceIndex": a.if_index if a else 1,
            "InterfaceAlias": a.name if a else "Loopback Pseudo-Interface 1",
            "AddressFamily": PSEnum("AddressFamily", "IPv4", 2),
            "Type": PSEnum("Type", "Unicast", 1),
            "PrefixLength": ip.prefix,
            "PrefixOrigin": PSEnum("PrefixOrigin", "Manual" if a else "WellKnown", 1 if a else 2),
            "SuffixOrigin": PSEnum("SuffixOrigin", "Manual" if a else "WellKnown", 1 if a else 2),
            "AddressState": PSEnum("AddressState", *state),
            "ValidLifetime": TIMESPAN_MAX,
            "PreferredLifetime": TIMESPAN_MAX,
            "SkipAsSource": skip_as_source,
            "PolicyStore": store,
            "ifIndex": a.if_index if a else 1,      # the module's alias properties (ifIndex, ifAlias)
            "ifAlias": a.name if a else "Loopback Pseudo-Interface 1",
            **_ip_keys(ip.ip, a.if_index if a else 1),
        },
        display=["IPAddress", "InterfaceIndex", "InterfaceAlias", "AddressFamily", "Type", "PrefixLength", "PrefixOrigin", "SuffixOrigin", "AddressState", "PolicyStore"],
    )


def link_local(host: Host, a: Adapter) -> str:
    """The adapter's IPv6 link-local address: fe80::/64 with an interface identifier. Windows draws it at random
    (Set-NetIPv6Protocol -RandomizeIdentifiers, on by default); the twin derives one that stays the same per host and adapter."""
    digest = hashlib.sha256(f"{host.name}/{a.mac}".encode()).hexdigest()
    groups = [digest[i:i + 4].lstrip("0") or "0" for i in range(0, 16, 4)]
    return "fe80::" + ":".join(groups)


def _ipv6_object(alias: str, index: int, address: str, prefix: int, origin: tuple[str, str]) -> PSObject:
    return PSObject(
        [CIM + "MSFT_NetIPAddress", "Microsoft.Management.Infrastructure.CimInstance"],
        {"IPAddress": address, "InterfaceIndex": index, "InterfaceAlias": alias, "AddressFamily": PSEnum("AddressFamily", "IPv6", 23),
         "Type": PSEnum("Type", "Unicast", 1), "PrefixLength": prefix,
         "PrefixOrigin": PSEnum("PrefixOrigin", origin[0], IP_ENUMS["PrefixOrigin"][origin[0]]),
         "SuffixOrigin": PSEnum("SuffixOrigin", origin[1], IP_ENUMS["SuffixOrigin"][origin[1]]),
         "AddressState": PSEnum("AddressState", "Preferred", 4), "ValidLifetime": TIMESPAN_MAX,
         "PreferredLifetime": TIMESPAN_MAX, "SkipAsSource": False, "PolicyStore": "ActiveStore",
         "ifIndex": index, "ifAlias": alias, **_ip_keys(address, index)},
        display=["IPAddress", "InterfaceIndex", "InterfaceAlias", "AddressFamily", "Type", "PrefixLength", "PrefixOrigin", "SuffixOrigin", "AddressState", "PolicyStore"],
    )


def ipv6_objects(host: Host) -> list[PSObject]:
    """IPv6 is on by default: every IP interface with TCP/IPv6 bound has a link-local address (fe80::/64, a well-known
    prefix with a link-layer suffix), the loopback has ::1 (RFC 4291 section 2.5.3 and 2.5.6)."""
    out = [_ipv6_object(a.name, a.if_index, f"{link_local(host, a)}%{a.if_index}", 64, ("WellKnown", "Link"))
           for a in host.adapters if has_ip_interface(a) and a.bindings.get("ms_tcpip6", True)]
    return out + [_ipv6_object("Loopback Pseudo-Interface 1", 1, "::1", 128, ("WellKnown", "WellKnown"))]


# MSFT_NetIPAddress's enum properties (https://learn.microsoft.com/en-us/windows/win32/fwp/wmi/nettcpipprov/msft-netipaddress)
IP_ENUMS = {"AddressFamily": {"IPv4": 2, "IPv6": 23}, "Type": {"Unicast": 1, "Anycast": 2},
            "PrefixOrigin": {"Other": 0, "Manual": 1, "WellKnown": 2, "Dhcp": 3, "RouterAdvertisement": 4},
            "SuffixOrigin": {"Other": 0, "Manual": 1, "WellKnown": 2, "Dhcp": 3, "Link": 4, "Random": 5},
            "AddressState": {"Invalid": 0, "Tentative": 1, "Duplicate": 2, "Deprecated": 3, "Preferred": 4}}


@cmdlet("Get-NetIPAddress", honours={"InterfaceAlias", "InterfaceIndex", "IPAddress", "AddressFamily", "PrefixLength", "Type", "AddressState", "PrefixOrigin",
                                     "SuffixOrigin", "SkipAsSource"})
def get_net_ip_address(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/nettcpip/get-netipaddress?view=windowsserver2022-ps
    host = ctx.world.host(ctx.host)
    # IPv6 first (the link-local addresses and ::1), then IPv4, as Windows lists them
    clustered = cluster_addresses(ctx.world, host)
    rows = ipv6_objects(host)
    for a in host.adapters:
        rows += [_ip_object(ctx, host, a, ip) for ip in a.addresses]
        rows += [_ip_object(ctx, host, ca, ip, skip_as_source=True) for ca, ip in clustered if ca is a]
    rows.append(_ip_object(ctx, host, None, IPAddr(ip="127.0.0.1", prefix=8)))
    filters = [given(args, "IPAddress"), given(args, "InterfaceIndex", wildcards=False), given(args, "InterfaceAlias")]
    filters += [given(args, key, wildcards=False, codes=IP_ENUMS.get(key)) for key in ("AddressFamily", "Type", "PrefixLength", "PrefixOrigin", "SuffixOrigin", "AddressState", "SkipAsSource")]
    return cim_query(ctx, NAMESPACE, "MSFT_NetIPAddress", rows, filters)


@cmdlet("New-NetIPAddress", honours={"InterfaceAlias", "InterfaceIndex", "IPAddress", "PrefixLength", "DefaultGateway", "AddressFamily", "Type", "Confirm"})
def new_net_ip_address(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = ctx.world.host(ctx.host)
    if "InterfaceAlias" not in args and "InterfaceIndex" not in args:
        raise CmdletError("Either -InterfaceAlias or -InterfaceIndex must be specified.", "InvalidArgument", "", None)
    found = select_adapters(ctx, host, {k: args[k] for k in ("InterfaceAlias", "InterfaceIndex") if k in args}, None, cim_class="MSFT_NetIPInterface")
    if not found:
        return []
    a = found[0]
    for key, modelled in (("AddressFamily", "IPv4"), ("Type", "Unicast")):
        if key in args and str(args[key]) != modelled:
            raise NotEmulated("New-NetIPAddress", f"-{key} {args[key]} (the lab's networks are {modelled} only)")
    try:
        addr = ipaddress.IPv4Address(str(args["IPAddress"]))
    except ValueError:
        raise CmdletError(f"Cannot process argument transformation on parameter 'IPAddress'. '{args['IPAddress']}' is not a valid IPv4 address.", "InvalidArgument", "", args["IPAddress"]) from None
    prefix = int(args.get("PrefixLength", 24))
    if any(x.ip == str(addr) for ad in host.adapters for x in ad.addresses):
        raise CmdletError("Instance MSFT_NetIPAddress already exists", "InvalidArgument", "Windows System Error 87,New-NetIPAddress", str(addr))
    if a.switch and not a.virtual:
        raise CmdletError(
            f"Inconsistent parameters PolicyStore PersistentStore and Dhcp Enabled: the adapter '{a.name}' is bound to virtual switch '{a.switch}'; "
            f"configure the address on 'vEthernet ({a.switch})'.", "InvalidArgument", "", a.name)
    if args.get("DefaultGateway"):
        if a.gateway:
            raise CmdletError("Instance DefaultGateway already exists", "InvalidArgument", "Windows System Error 87,New-NetIPAddress", args["DefaultGateway"])
        a.gateway = str(args["DefaultGateway"])
    ip = IPAddr(ip=str(addr), prefix=prefix)
    a.addresses.append(ip)
    ctx.advance(2.0)
    # What New-NetIPAddress returns is the address as it was just made: in the active store its uniqueness is still
    # being verified ("Tentative: ... addresses that are not used for communication, as the uniqueness of those IP
    # addresses is being verified"), the persistent store's copy is no address in use ("Invalid");
    # https://learn.microsoft.com/en-us/powershell/module/nettcpip/set-netipaddress?view=windowsserver2022-ps (-AddressState).
    # Get-NetIPAddress reads it Preferred afterwards.
    active, persistent = _ip_object(ctx, host, a, ip, "ActiveStore"), _ip_object(ctx, host, a, ip, "PersistentStore")
    if active.get("AddressState").name == "Preferred":
        active.set("AddressState", PSEnum("AddressState", "Tentative", IP_ENUMS["AddressState"]["Tentative"]))
    persistent.set("AddressState", PSEnum("AddressState", "Invalid", IP_ENUMS["AddressState"]["Invalid"]))
    return [active, persistent]


# -- DnsClient --------------------------------------------------------------------

@cmdlet("Set-DnsClientServerAddress", honours={"InterfaceAlias", "InterfaceIndex", "InputObject", "ServerAddresses", "ResetServerAddresses", "PassThru", "Confirm"})
def set_dns_client_server_address(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = ctx.world.host(ctx.host)
    out = []
    for a in select_adapters(ctx, host, args, input, cim_class="MSFT_DNSClientServerAddress"):
        a.dns_servers = [] if args.get("ResetServerAddresses") else [str(s) for s in as_list(args.get("ServerAddresses"))]
        if args.get("PassThru"):
            out.append(PSObject(
                [CIM + "MSFT_DNSClientServerAddress"],
                {"InterfaceAlias": a.name, "InterfaceIndex": a.if_index, "AddressFamily": PSEnum("AddressFamily", "IPv4", 2), "ServerAddresses": list(a.dns_servers)},
                display=["InterfaceAlias", "InterfaceIndex", "AddressFamily", "ServerAddresses"],
            ))
    ctx.advance(1.0)
    return out


def has_ip_interface(a: Adapter) -> bool:
    """Whether TCP/IP is bound to ``a``: an adapter an external switch took carries only the switch protocol."""
    return not (a.switch and not a.virtual)


# the DNS servers an interface asks over IPv6 when none are configured or learned (no DHCPv6 in the lab): the three
# well-known site-local addresses fec0:0:0:ffff::1-3 (RFC 3513's deprecated site-local DNS servers)
SITE_LOCAL_IPV6_DNS = ["fec0:0:0:ffff::1", "fec0:0:0:ffff::2", "fec0:0:0:ffff::3"]


def _dns_server_object(alias: str, index: int, family: str, servers: list[str]) -> PSObject:
    return PSObject(
        [CIM + "MSFT_DNSClientServerAddress", "Microsoft.Management.Infrastructure.CimInstance"],
        {"InterfaceAlias": alias, "InterfaceIndex": index, "AddressFamily": PSEnum("AddressFamily", family, IP_ENUMS["AddressFamily"][family]),
         "ServerAddresses": list(servers), "ElementName": alias, "Name": str(index), "PSComputerName": None},
        display=["InterfaceAlias", "InterfaceIndex", "AddressFamily", "ServerAddresses"],
    )


@cmdlet("Get-DnsClientServerAddress", honours={"InterfaceAlias", "InterfaceIndex", "AddressFamily"})
def get_dns_client_server_address(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/dnsclient/get-dnsclientserveraddress?view=windowsserver2022-ps
    # one instance per IP interface and address family; the lab configures IPv4 DNS servers only, so every IPv6 row
    # shows the site-local defaults
    host = ctx.world.host(ctx.host)
    rows = []
    for a in sorted((a for a in host.adapters if has_ip_interface(a)), key=lambda a: a.if_index, reverse=True):
        rows += [_dns_server_object(a.name, a.if_index, "IPv4", a.dns_servers),
                 _dns_server_object(a.name, a.if_index, "IPv6", SITE_LOCAL_IPV6_DNS)]
    rows += [_dns_server_object("Loopback Pseudo-Interface 1", 1, "IPv4", []),
             _dns_server_object("Loopback Pseudo-Interface 1", 1, "IPv6", SITE_LOCAL_IPV6_DNS)]
    filters = [given(args, "InterfaceIndex", wildcards=False), given(args, "InterfaceAlias"),
               given(args, "AddressFamily", wildcards=False, codes=IP_ENUMS["AddressFamily"])]
    return cim_query(ctx, NAMESPACE, "MSFT_DNSClientServerAddress", rows, filters)


# -- bindings --------------------------------------------------------------------------

def _binding_object(host: Host, a: Adapter, component: str) -> PSObject:
    return PSObject(
        [CIM + "MSFT_NetAdapterBindingSettingData", "Microsoft.Management.Infrastructure.CimInstance"],
        {
            "Name": a.name,
            "InterfaceAlias": a.name,
            "ifAlias": a.name,
            "InterfaceDescription": a.description,
            "DisplayName": BINDINGS[component],
            "ComponentID": component,
            "Enabled": bool(a.bindings.get(component, False)),
        },
        display=["Name", "DisplayName", "ComponentID", "Enabled"],
    )


def _select_bindings(ctx: Any, host: Host, args: dict[str, Any], input: Any) -> list[tuple[Adapter, str]]:
    if isinstance(input, PSObject) and input.has("ComponentID"):
        a = host.adapter(str(input.get("Name")))
        return [(a, str(input.get("ComponentID")))] if a else []
    rows = [{"Name": a.name, "InterfaceDescription": a.description, "ComponentID": c, "DisplayName": BINDINGS[c], "_": (a, c)}
            for a in sorted(host.adapters, key=lambda a: a.name.lower()) for c in BINDINGS]
    filters = [given(args, key) for key in ("Name", "InterfaceDescription", "ComponentID", "DisplayName")]
    return [r["_"] for r in cim_query(ctx, NAMESPACE, "MSFT_NetAdapterBindingSettingData", rows, filters)]


@cmdlet("Get-NetAdapterBinding", honours={"Name", "InterfaceDescription", "ComponentID", "DisplayName"})
def get_net_adapter_binding(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = ctx.world.host(ctx.host)
    return [_binding_object(host, a, c) for a, c in _select_bindings(ctx, host, args, None)]


def _set_binding(ctx: Any, args: dict[str, Any], input: Any, enabled: bool) -> list[Any]:
    host = ctx.world.host(ctx.host)
    out = []
    for a, c in _select_bindings(ctx, host, args, input):
        a.bindings[c] = enabled
        if args.get("PassThru"):
            out.append(_binding_object(host, a, c))
    ctx.advance(1.0)
    return out


@cmdlet("Enable-NetAdapterBinding", honours={"Name", "InterfaceDescription", "ComponentID", "DisplayName", "InputObject", "PassThru", "Confirm"})
def enable_net_adapter_binding(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    return _set_binding(ctx, args, input, True)


@cmdlet("Disable-NetAdapterBinding", honours={"Name", "InterfaceDescription", "ComponentID", "DisplayName", "InputObject", "PassThru", "Confirm"})
def disable_net_adapter_binding(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    return _set_binding(ctx, args, input, False)
