"""The PowerShell steps of the procedure: static ``.ps1`` files with
``param()`` blocks, each an idempotent "ensure" script that reads the current
state, changes only what differs and prints the result with ConvertTo-Json
(``Changed`` says whether it changed anything).

This module finds them and derives, from the lab, the arguments that differ
per host (the network plan); everything else is passed by the runbooks.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

from labkit.lab import Host, Lab

STEPS_DIR = Path(__file__).parent

# Steps that, run on one node, reach the *other* nodes: Test-Cluster and
# New-Cluster read every node's registry and services.  Over WinRM without
# delegated credentials that second hop is denied (Microsoft Failover
# Clustering blog, "PowerShell Remoting and the Double-Hop Problem",
# https://blogs.msdn.microsoft.com/clustering/2009/06/25/powershell-remoting-and-the-double-hop-problem/),
# so they run with CredSSP, which delegates the user's credentials to the node
# (the nodes have the CredSSP server role: vagrant/provision/credssp.ps1).
SECOND_HOP = frozenset({"test-cluster", "new-cluster"})
DELEGATING_LOGON = "credssp"
# Which WinRM transport those steps use instead (``ntlm`` shows the double hop failing).
ENV_SECOND_HOP_LOGON = "LABKIT_SECOND_HOP_LOGON"

# The twin's (and Windows') factory adapter names follow the lab's network
# order Management, Public, iSCSI, Heartbeat, restricted to the networks a
# host has: Ethernet, Ethernet 2, Ethernet 3, Ethernet 4.
ADAPTER_ORDER = ("Management", "Public", "iSCSI", "Heartbeat")


def logon(name: str, environ: dict[str, str] | None = None) -> str | None:
    """The WinRM transport step ``name`` must run with, or None for the host's own (lab file).

    A step in :data:`SECOND_HOP` needs delegated credentials: ``credssp``,
    unless ``LABKIT_SECOND_HOP_LOGON`` names another transport."""
    if name not in SECOND_HOP:
        return None
    env = os.environ if environ is None else environ
    return (env.get(ENV_SECOND_HOP_LOGON) or DELEGATING_LOGON).strip().lower()


def names() -> list[str]:
    return sorted(p.stem for p in STEPS_DIR.glob("*.ps1"))


def path(name: str) -> Path:
    p = STEPS_DIR / f"{name}.ps1"
    if not p.is_file():
        raise KeyError(f"no step named {name!r}; the steps are: {', '.join(names())}")
    return p


@cache
def script(name: str) -> str:
    """The text of step ``name`` (the same text goes to the twin and to Windows)."""
    return path(name).read_text(encoding="utf-8")


def factory_adapter(host: Host, network: str) -> str:
    """The name Windows gave the adapter cabled to ``network`` before anyone renamed it."""
    cabled = [n for n in ADAPTER_ORDER if n in host.addresses]
    index = cabled.index(network)
    return "Ethernet" if index == 0 else f"Ethernet {index + 1}"


def network_plan(lab: Lab, host: Host) -> list[dict[str, Any]]:
    """The ``-Networks`` argument of configure-network for ``host``."""
    return [
        {
            "Name": net,
            "Address": str(addr),
            "PrefixLength": lab.networks[net].prefixlen,
            "Adapter": factory_adapter(host, net),
        }
        for net in ADAPTER_ORDER
        if (addr := host.addresses.get(net)) is not None
    ]


def lun_plan(lab: Lab) -> list[dict[str, Any]]:
    """The ``-Luns`` argument of the iSCSI steps: quorum first, then the CSV LUNs."""
    luns = [lab.quorum_lun, *lab.csv_luns]
    return [{"Name": l.name, "SizeBytes": l.size} for l in luns]


def target_name(lab: Lab) -> str:
    return f"{lab.cluster.name.lower()}-target"
