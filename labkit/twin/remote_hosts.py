"""The host a cmdlet's -ComputerName names, for the cmdlets that reach it over WinRM/CIM (IscsiTarget's, which
are WMI cmdlets, and ServerManager's): a computer name, an FQDN or an IPv4 address of a lab host.

A name no lab host has gets the text WinRM gives for a name DNS cannot resolve (as Get-CimInstance's, in
modules/system.py), never a Python error; another host needs a session that may reach it (the double hop,
labkit/twin/logon.py).
"""

from __future__ import annotations

from typing import Any

from labkit.twin.errors import CmdletError
from labkit.twin.logon import is_other_host, lab_host, require_reach
from labkit.twin.world import Host


def remote_host(ctx: Any, name: Any) -> Host:
    """The lab host ``name`` stands for (the session's own for none, ``.`` or ``localhost``)."""
    me = ctx.world.host(ctx.host)
    text = str(name).strip() if name is not None else ""
    if not text or not is_other_host(ctx, text):
        return me
    host = lab_host(ctx, text)
    if host is None:
        raise CmdletError(f"WinRM cannot process the request because the server name cannot be resolved ({text}).",
                          "ConnectionError", "HRESULT 0x80338108", text)
    require_reach(ctx, text, "cim")
    return host
