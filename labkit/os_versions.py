"""What each Windows Server version the lab file accepts can do for the procedure.

The runbooks drive the cluster with the PowerShell modules that arrived with
Windows Server 2012 (Hyper-V, Storage, iSCSI, IscsiTarget, NetAdapter,
NetTCPIP, DnsClient).  Windows Server 2008 R2, the OS of the procedure's own
article, has only the FailoverClusters and ServerManager modules and ships
Windows PowerShell 2.0, so no runbook step could run there: labkit refuses a
2008 R2 lab before the first notebook, and the twin gives 2008 R2 hosts only
the modules 2008 R2 has (a Hyper-V cmdlet is "not recognized" there, as on
the real host).

Sources:
- Modules per version: Microsoft's module reference for Windows Server 2012
  (MicrosoftDocs/windows-powershell-docs, docset/winserver2012-ps: dnsclient,
  failoverclusters, hyper-v, iscsi, iscsitarget, netadapter, nettcpip,
  servermanager, storage; the docset was retired in commit 374feaa) and
  "What's New in Windows PowerShell 3.0"/Windows Server 2012 (the Hyper-V,
  Storage, iSCSI and NetAdapter modules are new in 2012; 2008 R2 had the
  FailoverClusters and ServerManager modules on PowerShell 2.0).
- In-box Windows PowerShell: 2.0 on 2008 R2, 3.0 on 2012, 4.0 on 2012 R2,
  5.1 on 2016 and later (about_Windows_PowerShell_5.1; WMF 5.1 installs 5.1
  on 2008 R2 SP1, 2012 and 2012 R2).  The twin always speaks 5.1.
- Generation 2 VMs need a Windows Server 2012 R2 host, and 2012's New-VM has
  no -Generation parameter (winserver2012-ps/hyper-v/New-VM.md has none;
  winserver2012r2-ps/hyper-v/New-VM.md has ``[[-Generation] <Int16>]``).
- Cluster size: 16 nodes on 2008 R2, 64 from 2012 on (Failover Clustering
  "What's New in Windows Server 2012").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The modules the steps use that came with Windows Server 2012.
MODULES_SINCE_2012 = frozenset({"Hyper-V", "Storage", "iSCSI", "IscsiTarget", "NetAdapter", "NetTCPIP", "DnsClient", "CimCmdlets"})
# Modules 2008 R2 has, besides Windows PowerShell's own (Microsoft.PowerShell.*).
MODULES_2008R2 = frozenset({"FailoverClusters", "ServerManager"})
# Cmdlets whose module is older than the cmdlet: the oldest version that has them.
CMDLETS_SINCE = {"install-windowsfeature": "2012", "uninstall-windowsfeature": "2012"}

ORDER = ("2008R2", "2012", "2012R2", "2016", "2019", "2022", "2025")
OLDEST_FOR_CHAIN = "2012"


@dataclass(frozen=True)
class WindowsServer:
    key: str            # as the lab file spells it (os.version)
    powershell: str     # in-box Windows PowerShell
    node_limit: int
    vm_generations: tuple[int, ...]

    @property
    def name(self) -> str:
        return "Windows Server " + ("2008 R2" if self.key == "2008R2" else self.key.replace("R2", " R2"))

    def has_module(self, module: str | None) -> bool:
        """Whether a host of this version has ``module`` in the box."""
        if not module or module.startswith("Microsoft.PowerShell") or self.key != "2008R2":
            return True
        return module in MODULES_2008R2

    def has_cmdlet(self, name: str, module: str | None) -> bool:
        since = CMDLETS_SINCE.get(name.lower())
        if since is not None and ORDER.index(self.key) < ORDER.index(since):
            return False
        return self.has_module(module)

    @property
    def max_generation(self) -> int:
        return max(self.vm_generations)


VERSIONS: dict[str, WindowsServer] = {
    "2008R2": WindowsServer("2008R2", "2.0", 16, (1,)),
    "2012": WindowsServer("2012", "3.0", 64, (1,)),
    "2012R2": WindowsServer("2012R2", "4.0", 64, (1, 2)),
    "2016": WindowsServer("2016", "5.1", 64, (1, 2)),
    "2019": WindowsServer("2019", "5.1", 64, (1, 2)),
    "2022": WindowsServer("2022", "5.1", 64, (1, 2)),
    "2025": WindowsServer("2025", "5.1", 64, (1, 2)),
}


def version(key: str) -> WindowsServer:
    return VERSIONS[key]


def chain_blockers(key: str) -> list[str]:
    """Why the runbooks cannot run on hosts of this version (empty: they can)."""
    v = VERSIONS[key]
    missing = sorted(MODULES_SINCE_2012 - {"CimCmdlets"})
    if key == "2008R2":
        return [
            f"{v.name} ships Windows PowerShell {v.powershell} and lacks the {', '.join(missing)} modules "
            f"the runbooks use (they arrived with Windows Server 2012); the oldest version the runbooks "
            f"support is {VERSIONS[OLDEST_FOR_CHAIN].name}: set os.version to {OLDEST_FOR_CHAIN} or later"
        ]
    return []


def capabilities(key: str) -> list[tuple[str, str]]:
    """(what, how it stands on this version) rows for `labkit lab check`."""
    v = VERSIONS[key]
    chain = chain_blockers(key)
    rows = [
        ("in-box Windows PowerShell", v.powershell + ("" if v.powershell == "5.1" else " (the twin speaks 5.1; install WMF 5.1 on real hosts)")),
        ("the eight runbooks", "refused before the first notebook" if chain else "run"),
        ("Hyper-V, Storage, iSCSI, NetAdapter modules", "missing (arrived with 2012)" if key == "2008R2" else "in the box"),
        ("FailoverClusters and ServerManager modules", "in the box"),
        ("VM generations", ", ".join(str(g) for g in v.vm_generations) + ("" if 2 in v.vm_generations else " (generation 2 needs 2012 R2)")),
        ("nodes per cluster", f"at most {v.node_limit}"),
    ]
    if key == "2008R2":
        rows += [
            ("Cluster Shared Volumes", "enabled by hand; for Hyper-V only: other access off the coordinator node is denied"),
            ("live migration", "memory over TCP/IP only (no compression, no SMB)"),
        ]
    return rows


def host_has_command(world: Any, host: str, name: str, module: str | None) -> bool:
    """Whether the twin host ``host`` (its Windows Server version) has command ``name`` of ``module``."""
    h = world.find_host(host)
    return h is None or VERSIONS[h.os_version].has_cmdlet(name, module)
