"""The PowerShell steps of the procedure: static ``.ps1`` files with
``param()`` blocks, each an idempotent "ensure" script that reads the current
state, changes only what differs and prints the result with ConvertTo-Json
(``Changed`` says whether it changed anything).

This module finds them and derives, from the lab, the arguments that differ
per host (the network plan); everything else is passed by the runbooks.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from labkit.lab import Host, Lab

STEPS_DIR = Path(__file__).parent

# The twin's (and Windows') factory adapter names follow the lab's network
# order Management, Public, iSCSI, Heartbeat, restricted to the networks a
# host has: Ethernet, Ethernet 2, Ethernet 3, Ethernet 4.
ADAPTER_ORDER = ("Management", "Public", "iSCSI", "Heartbeat")


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
