"""The logon a twin session runs under, and the second hop it may or may not make.

On Windows, who a script runs as decides what it can reach *beyond* the host
it runs on:

* a **console** (interactive) logon holds the user's credentials: the script
  reaches other hosts as that user;
* a **WinRM** logon with NTLM, Negotiate, Basic or Kerberos (without
  delegation) is a *network* logon: the server verified the user but holds no
  credential it could present to a third machine.  Every action that goes on
  to another host (cluster validation and creation touching the other nodes,
  ``Invoke-Command -ComputerName``, a UNC path, remote CIM / WMI, a Hyper-V
  cmdlet with ``-ComputerName``) fails with *access denied*: the "double hop"
  (Microsoft Failover Clustering blog, "PowerShell Remoting and the
  Double-Hop Problem",
  https://blogs.msdn.microsoft.com/clustering/2009/06/25/powershell-remoting-and-the-double-hop-problem/;
  "Making the second hop in PowerShell Remoting",
  https://learn.microsoft.com/en-us/powershell/scripting/security/remoting/ps-remoting-second-hop);
* a **WinRM logon with CredSSP** delegates the user's credentials to the
  server (``Enable-WSManCredSSP -Role Server`` there, the client side in the
  client: pywinrm does CredSSP itself), so the second hop works.

The twin gives every run one :class:`Logon` (``run_script(logon=...)``): the
twin backend and ``labkit exec`` use the WinRM transport the lab file gives
the host, as the winrm backend would; ``labkit twin serve`` the transport the
client authenticated with.  Cmdlets that reach another host call
:func:`require_reach` first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from labkit.twin.errors import CmdletError, NotEmulated

# WinRM authentication a client can use (WSMan Client\Auth settings):
# https://learn.microsoft.com/en-us/windows/win32/winrm/authentication-for-remote-connections
WINRM_TRANSPORTS = ("ntlm", "negotiate", "basic", "kerberos", "credssp")
LOGON_CHOICES = ("console",) + WINRM_TRANSPORTS


@dataclass(frozen=True)
class Logon:
    """How the session's user logged on to the host the script runs on."""

    kind: str                   # "console" or "winrm"
    transport: str | None = None  # for winrm: one of WINRM_TRANSPORTS

    @property
    def delegates(self) -> bool:
        """Whether the session holds credentials it can present to another host."""
        return self.kind == "console" or self.transport == "credssp"

    def __str__(self) -> str:
        if self.kind == "console":
            return "console logon"
        how = "delegated credentials" if self.delegates else "network logon, no delegation"
        return f"WinRM with {self.transport.upper() if self.transport != 'negotiate' else 'Negotiate'} ({how})"


CONSOLE = Logon("console")


def logon_for(name: str | Logon | None) -> Logon:
    """The logon a name gives: ``console`` or a WinRM transport (``ntlm``, ``credssp`` ...)."""
    if isinstance(name, Logon):
        return name
    if name is None:
        return CONSOLE
    key = str(name).strip().lower()
    if key == "console":
        return CONSOLE
    if key in WINRM_TRANSPORTS:
        return Logon("winrm", key)
    raise ValueError(f"logon {name!r} is not one of {', '.join(LOGON_CHOICES)}")


def session_logon(ctx: Any) -> Logon:
    """The logon of the run a cmdlet context belongs to (console when none was given)."""
    engine = getattr(ctx, "engine", ctx)
    return getattr(engine, "logon", None) or CONSOLE


def _short(name: str) -> str:
    return str(name).strip().split(".")[0].upper()


def _is_ipv4(name: str) -> bool:
    parts = str(name).strip().split(".")
    return len(parts) == 4 and all(p.isdigit() and int(p) < 256 for p in parts)


def lab_host(ctx: Any, name: str) -> Any:
    """The lab host a computer name, FQDN or IPv4 address stands for, or None."""
    world = ctx.world
    if _is_ipv4(name):
        return world.host_by_address(str(name).strip()) if hasattr(world, "host_by_address") else None
    return world.find_host(_short(name)) if hasattr(world, "find_host") else None


def is_other_host(ctx: Any, name: str) -> bool:
    """Whether ``name`` (computer name, FQDN or address) is another computer than the session's."""
    text = str(name).strip()
    if text in ("", ".") or text.lower() == "localhost" or text.startswith("127."):
        return False
    h = lab_host(ctx, text)
    return (h.name if h is not None else _short(text)).upper() != _short(ctx.host)


# What Windows says when a non-delegated session reaches another host, by what
# reached it.  Sources:
# - cluster cmdlets (New-Cluster / Test-Cluster validating or joining the other
#   nodes through their remote registry): "You do not have administrative
#   privileges on the server '<node>'." (Azure Local known issue "Test-Cluster
#   reports missing administrative privileges", reproduced as "Failed to
#   execute Test-Cluster: You do not have administrative privileges on the
#   server <NodeName>"; New-Cluster's form with "Requested registry access is
#   not allowed." as seen over a network logon).
# - Invoke-Command / New-PSSession -ComputerName: "[X] Connecting to remote
#   server X failed with the following error message : Access is denied. For
#   more information, see the about_Remote_Troubleshooting Help topic."
#   (about_Remote_Troubleshooting, "ERROR: ACCESS IS DENIED",
#   https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_remote_troubleshooting?view=powershell-5.1)
#   PSRemotingTransportException, FullyQualifiedErrorId AccessDenied,PSSessionStateBroken.
# - UNC paths: the file system's "Access is denied" (UnauthorizedAccessException).
# - CIM: "Access is denied." CimException, HRESULT 0x80070005.
# - Hyper-V -ComputerName: "You do not have the required permission to complete
#   this task. Contact the administrator of the authorization policy for the
#   computer '<X>'." (VirtualizationException)
# The twin gives Windows' texts unchanged; labkit adds what to do where it
# shows a step's failure (:func:`double_hop_hint`).
DOUBLE_HOP_HINT = (
    "This looks like the double hop: a script that arrived over WinRM without delegated credentials "
    "(NTLM, Negotiate, Basic, Kerberos without delegation) cannot reach a second host. Run the step with "
    "CredSSP (Enable-WSManCredSSP -Role Server on the host; labkit: --logon credssp or a CredSSP connection "
    "in the lab file), or run it on the host's console."
)
_HOP_MARKERS = ("You do not have administrative privileges on the server", "Access is denied",
                "You do not have the required permission to complete this task")


def double_hop_hint(message: str) -> str | None:
    """:data:`DOUBLE_HOP_HINT` when ``message`` is one of the second-hop errors, else None."""
    return DOUBLE_HOP_HINT if any(m in message for m in _HOP_MARKERS) else None


def second_hop_error(ctx: Any, other: str, what: str) -> CmdletError | None:
    """The error Windows gives when this session reaches ``other`` for ``what``, or None when it may.

    ``what``: ``cluster`` (the cmdlet name is taken from ``ctx``), ``remoting``,
    ``unc``, ``cim`` or ``hyperv``."""
    logon = session_logon(ctx)
    if logon.delegates or not is_other_host(ctx, other):
        return None
    world = ctx.world
    h = lab_host(ctx, other)
    name = h.name if h is not None else str(other)
    fqdn = f"{name}.{world.domain}" if h is not None and getattr(h, "domain", None) else name
    if what == "cluster":
        text = f"You do not have administrative privileges on the server '{fqdn}'."
        if getattr(ctx, "name", "") == "New-Cluster":  # New-Cluster adds the registry error under it
            text += "\nRequested registry access is not allowed."
        return CmdletError(text,
                           "NotSpecified", "ClusterCmdletException", name)
    if what == "remoting":
        return CmdletError(f"[{name}] Connecting to remote server {name} failed with the following error message : "
                           f"Access is denied. For more information, see the about_Remote_Troubleshooting Help topic.",
                           "OpenError", "AccessDenied,PSSessionStateBroken", name)
    if what == "unc":
        return CmdletError("Access is denied", "PermissionDenied", "UnauthorizedAccessException", other)
    if what == "cim":
        return CmdletError("Access is denied.", "PermissionDenied", "HRESULT 0x80070005", name)
    if what == "hyperv":
        return CmdletError(f"You do not have the required permission to complete this task. Contact the administrator of "
                           f"the authorization policy for the computer '{name}'.",
                           "PermissionDenied", "Unspecified", name)
    raise ValueError(f"unknown kind of second hop {what!r}")


def require_reach(ctx: Any, other: str, what: str = "cluster") -> None:
    """Raise Windows' error if this session cannot go on from its host to ``other``."""
    err = second_hop_error(ctx, other, what)
    if err is not None:
        raise err


# \\HOST\C$\path : the administrative share of a drive on HOST.
_UNC = re.compile(r"^\\\\([^\\]+)\\([^\\]+)(\\.*)?$")


def unc_target(ctx: Any, path: str) -> tuple[str, str] | None:
    """For a UNC path: (host name, the local path on it), after the second-hop check; None for a local path.

    Only a drive's administrative share (``\\\\HOST\\C$``) is emulated; another
    share is refused as not emulated."""
    m = _UNC.match(str(path).replace("/", "\\"))
    if not m:
        return None
    server, share, rest = m.group(1), m.group(2), m.group(3) or "\\"
    require_reach(ctx, server, "unc")
    host = lab_host(ctx, server) if is_other_host(ctx, server) else ctx.world.host(ctx.host)
    if host is None:
        raise CmdletError(f"The network path was not found: '{path}' (no host {server!r} in the lab).", "ObjectNotFound", "PathNotFound", path)
    if not re.fullmatch(r"[A-Za-z]\$", share):
        raise NotEmulated(getattr(ctx, "name", "path"), f"the share '{share}' of UNC path '{path}' (only drive shares like C$)")
    return host.name, f"{share[0].upper()}:{rest}"
