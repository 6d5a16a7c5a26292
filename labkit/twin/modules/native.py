"""Native programs of a Windows Server host: hostname, whoami, ipconfig, ping, cmd /c.

They print what the Windows programs print, line by line, from the world
(the host's adapters, the lab networks, crashed hosts), and set
``$LASTEXITCODE`` (labkit.twin.programs).  Options they do not emulate are
refused, never ignored.

cluster.exe is not here on purpose: since Windows Server 2012 it ships only
with the optional "Failover Cluster Command Interface" feature
(RSAT-Clustering-CmdInterface), which ``Install-WindowsFeature
Failover-Clustering -IncludeManagementTools`` does not install, so on the
lab's nodes ``cluster`` is not recognized, as the twin says.
"""

from __future__ import annotations

import re
import ipaddress
from typing import Any

from labkit.twin.environment import environment_table
from labkit.twin.errors import NotEmulated
from labkit.twin.modules.netadapter import cluster_addresses, link_local
from labkit.twin.modules.netconfig import reaches
from labkit.twin.modules.system import OS_BUILDS, resolve_name
from labkit.twin.programs import program
from labkit.twin.world import Adapter, Host, World

#: Update build revision of each OS the lab knows (the PowerShell 5.1 build of the twin is 5.1.20348.2849).
UBR = {"2022": 2849}


def logon_name(ctx: Any) -> str:
    """``DOMAIN\\user`` in lower case, as whoami prints it: the twin's sessions log on as the domain's Administrator."""
    host = ctx.world.host(ctx.host)
    domain = ctx.world.netbios if host.domain else host.name
    return f"{domain}\\administrator".lower()


@program("hostname")
def hostname(ctx: Any, argv: list[str]) -> tuple[list[str], int]:
    # hostname: https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/hostname
    if argv:
        raise NotEmulated("hostname", f"argument '{argv[0]}' (hostname prints the name and takes no arguments)")
    return [ctx.world.host(ctx.host).name], 0


@program("whoami")
def whoami(ctx: Any, argv: list[str]) -> tuple[list[str], int]:
    # whoami: https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/whoami
    if argv:
        raise NotEmulated("whoami", f"option '{argv[0]}'")
    return [logon_name(ctx)], 0


# -- ipconfig ---------------------------------------------------------------------------

# The labels as ipconfig prints them (fixed strings: the dot fill is not computed the same way for every label).
LABELS = {
    "Connection-specific DNS Suffix": "Connection-specific DNS Suffix  . : ",
    "Link-local IPv6 Address": "Link-local IPv6 Address . . . . . : ",
    "IPv4 Address": "IPv4 Address. . . . . . . . . . . : ",
    "Subnet Mask": "Subnet Mask . . . . . . . . . . . : ",
    "Default Gateway": "Default Gateway . . . . . . . . . : ",
    "Host Name": "Host Name . . . . . . . . . . . . : ",
    "Primary Dns Suffix": "Primary Dns Suffix  . . . . . . . : ",
    "Node Type": "Node Type . . . . . . . . . . . . : ",
    "IP Routing Enabled": "IP Routing Enabled. . . . . . . . : ",
    "WINS Proxy Enabled": "WINS Proxy Enabled. . . . . . . . : ",
    "DNS Suffix Search List": "DNS Suffix Search List. . . . . . : ",
    "Media State": "Media State . . . . . . . . . . . : ",
    "Description": "Description . . . . . . . . . . . : ",
    "Physical Address": "Physical Address. . . . . . . . . : ",
    "DHCP Enabled": "DHCP Enabled. . . . . . . . . . . : ",
    "Autoconfiguration Enabled": "Autoconfiguration Enabled . . . . : ",
    "DNS Servers": "DNS Servers . . . . . . . . . . . : ",
    "NetBIOS over Tcpip": "NetBIOS over Tcpip. . . . . . . . : ",
}


def _line(label: str, value: str) -> str:
    return f"   {LABELS[label]}{value}"


def _shown(a: Adapter) -> bool:
    """Adapters with TCP/IP bound (a physical adapter an external switch took over keeps only the switch protocol)."""
    return bool(a.bindings.get("ms_tcpip", True)) and not (a.switch and not a.virtual)


def _connected(world: World, host: Host, a: Adapter) -> bool:
    net = world.networks.get(a.network)
    return host.running and not (net is not None and net.cut)


@program("ipconfig")
def ipconfig(ctx: Any, argv: list[str]) -> tuple[list[str], int]:
    # ipconfig: https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/ipconfig
    opts = [a.lower() for a in argv]
    if any(o not in ("/all", "-all") for o in opts):
        bad = next(o for o in argv if o.lower() not in ("/all", "-all"))
        raise NotEmulated("ipconfig", f"option '{bad}' (the twin prints ipconfig and ipconfig /all)")
    full = bool(opts)
    world = ctx.world
    host = world.host(ctx.host)
    suffix = host.domain or ""
    out = ["", "Windows IP Configuration", ""]
    if full:
        out += [
            _line("Host Name", host.name),
            _line("Primary Dns Suffix", suffix),
            _line("Node Type", "Hybrid"),
            _line("IP Routing Enabled", "No"),
            _line("WINS Proxy Enabled", "No"),
            _line("DNS Suffix Search List", suffix),
        ]
    out.append("")
    for a in host.adapters:
        if not _shown(a):
            continue
        out += [f"Ethernet adapter {a.name}:", ""]
        if not _connected(world, host, a):
            out.append(_line("Media State", "Media disconnected"))
            out.append(_line("Connection-specific DNS Suffix", a.dns_suffix))
            if full:
                out += [_line("Description", a.description), _line("Physical Address", a.mac),
                        _line("DHCP Enabled", "No" if a.addresses else "Yes"), _line("Autoconfiguration Enabled", "Yes")]
            out.append("")
            continue
        out.append(_line("Connection-specific DNS Suffix", a.dns_suffix))
        if full:
            out += [_line("Description", a.description), _line("Physical Address", a.mac),
                    _line("DHCP Enabled", "No" if a.addresses else "Yes"), _line("Autoconfiguration Enabled", "Yes")]
        if a.bindings.get("ms_tcpip6", True):    # IPv6 is on by default: the adapter's link-local address first
            local = f"{link_local(host, a)}%{a.if_index}"
            out.append(_line("Link-local IPv6 Address", f"{local}(Preferred) " if full else local))
        for ip in a.addresses + [cip for ca, cip in cluster_addresses(world, host) if ca is a]:   # the cluster's own address too
            mask = str(ipaddress.IPv4Network(f"0.0.0.0/{ip.prefix}").netmask)
            out.append(_line("IPv4 Address", f"{ip.ip}(Preferred) " if full else ip.ip))
            out.append(_line("Subnet Mask", mask))
        out.append(_line("Default Gateway", a.gateway or ""))
        if full:
            dns = a.dns_servers or [""]
            out.append(_line("DNS Servers", dns[0]))
            out += [" " * 39 + d for d in dns[1:]]
            out.append(_line("NetBIOS over Tcpip", "Enabled"))
        out.append("")
    while out and out[-1] == "":
        out.pop()
    return out, 0


# -- ping -----------------------------------------------------------------------------------

@program("ping")
def ping(ctx: Any, argv: list[str]) -> tuple[list[str], int]:
    # ping: https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/ping
    world = ctx.world
    me = world.host(ctx.host)
    count, size, target = 4, 32, None
    it = iter(argv)
    for a in it:
        low = a.lower()
        if low in ("-n", "/n", "-l", "/l", "-w", "/w"):
            value = next(it, None)
            if value is None or not value.isdigit():
                return [f"Value must be supplied for option {a}."], 1
            if low[1] == "n":
                count = int(value)
            elif low[1] == "l":
                size = int(value)
        elif low in ("-4", "/4"):
            continue
        elif low.startswith(("-", "/")):
            raise NotEmulated("ping", f"option '{a}' (the twin emulates -n, -l, -w and -4)")
        elif target is None:
            target = a
        else:
            raise NotEmulated("ping", f"a second target '{a}'")
    if target is None:
        raise NotEmulated("ping", "ping without a target (it prints its usage)")
    if target.lower() in ("localhost", me.name.lower(), me.fqdn.lower()):
        if target.lower() == "localhost":
            head = f"Pinging {me.name} [::1] with {size} bytes of data:"
            ctx.advance(count * 1.0)
            return ["", head] + ["Reply from ::1: time<1ms "] * count + _stats("::1", count, count), 0
    address = resolve_name(world, target)
    if address is None:
        return [f"Ping request could not find host {target}. Please check the name and try again."], 1
    shown = address
    head = f"Pinging {address} with {size} bytes of data:"
    try:
        ipaddress.IPv4Address(target)
    except ValueError:
        fqdn = target if "." in target else f"{target}.{world.domain}"
        head = f"Pinging {fqdn} [{address}] with {size} bytes of data:"
    ok = reaches(world, me, address)[0]
    lines = ["", head]
    if ok:
        lines += [f"Reply from {shown}: bytes={size} time<1ms TTL=128"] * count
        ctx.advance(count * 1.0)
    else:
        lines += ["Request timed out."] * count
        ctx.advance(count * 4.0)
    lines += _stats(shown, count, count if ok else 0)
    return lines, 0 if ok else 1


def _stats(shown: str, sent: int, received: int) -> list[str]:
    lost = sent - received
    pct = round(100 * lost / sent) if sent else 0
    out = ["", f"Ping statistics for {shown}:", f"    Packets: Sent = {sent}, Received = {received}, Lost = {lost} ({pct}% loss),"]
    if received:
        out += ["Approximate round trip times in milli-seconds:", "    Minimum = 0ms, Maximum = 0ms, Average = 0ms"]
    return out


# -- cmd /c --------------------------------------------------------------------------------------

def _expand(ctx: Any, text: str) -> str:
    """cmd's %NAME% expansion from the session's environment (labkit.twin.environment); an unknown name stays as typed."""
    env = {k.lower(): v for k, v in environment_table(ctx.engine).items()}
    return re.sub(r"%([^%]+)%", lambda m: env.get(m.group(1).lower(), m.group(0)), text)


@program("cmd")
def cmd(ctx: Any, argv: list[str]) -> tuple[list[str], int]:
    # cmd: https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/cmd
    if not argv or argv[0].lower() not in ("/c", "/k"):
        raise NotEmulated("cmd", "an interactive cmd (the twin runs cmd /c <command>)")
    if argv[0].lower() == "/k":
        raise NotEmulated("cmd", "/k (an interactive cmd)")
    words = argv[1:]
    if not words:
        return [], 0
    verb, rest = words[0].lower(), " ".join(words[1:])
    host = ctx.world.host(ctx.host)
    if verb == "echo":
        # echo: https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/echo
        return [_expand(ctx, rest) if rest else "ECHO is on."], 0
    if verb == "ver" and not rest:
        # ver: https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/ver
        return ["", f"Microsoft Windows [Version {OS_BUILDS[host.os_version]}.{UBR.get(host.os_version, 0)}]"], 0
    if verb in ("hostname", "hostname.exe") and not rest:
        return [host.name], 0
    raise NotEmulated("cmd", f"the command '{' '.join(words)}' (cmd /c runs echo, ver and hostname on the twin)")
