"""The lab's own names for the names Microsoft's examples use (hosts, cluster, roles, VMs, disks, adapters).

The examples name things of their authors' labs (`node1`, `cluster1`, `TestVM`, `MyAdapter`); the twin's lab
after the chain has its own (labkit/data/default-lab.yaml and what the runbooks create). `NAMES` maps a name
wherever it stands as a whole word (case-insensitive) or inside a quoted string; `PER_EXAMPLE` maps what only one
example means (a disk number, an index); `UNMAPPED` names what the lab has nothing for: an example naming one of
those is counted as "unmapped" and not run.
"""

from __future__ import annotations

import re

N1, N2 = "CLUSTERNODE-1", "CLUSTERNODE-2"

# Which host an example of a module runs on: the cluster node, or the iSCSI target server for IscsiTarget.
HOSTS = {"IscsiTarget": "STORAGE01"}
DEFAULT_HOST = N1

# Longest first where one name contains another.
NAMES: dict[str, str] = {
    # clusters
    "cluster1": "HVCLUSTER", "Cluster1": "HVCLUSTER", "cluster2": "HVCLUSTER", "mycluster": "HVCLUSTER",
    # cluster nodes and Hyper-V hosts
    "node1": N1, "node2": N2, "Server1": N2, "Server01": N2, "HostServer01": N2, "remoteServer": N2,
    "Development": N2,
    # clustered roles (the lab's one role is its VM's)
    "FileServer1": "HA-VM01", "MyFileServer": "HA-VM01", "cluster1FS12": "HA-VM01", "Virtual Machine1": "HA-VM01",
    # resources: the file server's network name -> the cluster's network name (HostRecordTTL is a Network Name
    # resource's parameter); IP address resources -> the cluster's
    "cluster1FS": "Cluster Name",
    "IP Address 172.24.11.0": "Cluster IP Address", "IP Address 10.24.11.0": "Cluster IP Address",
    # disks: the page's CSV disk -> the lab's CSV disk, its witness disk -> the lab's witness
    "Cluster Disk 4": "Cluster Disk 2", "Cluster Disk 3": "Cluster Disk 2", "Cluster Disk 7": "Cluster Disk 1",
    # virtual machines
    "TestVM": "HA-VM01", "Test VM": "HA-VM01", "VM1": "HA-VM01", "old 1": "HA-VM01",
    "*print-VM1": "*HA-VM01", "*print*": "*HA-VM*", "Test*": "HA-VM*",
    # network adapters: the page's adapter -> the lab's Public adapter
    "MyAdapter": "Public",
    "Ethernet 2": "iSCSI", "Ethernet 3": "Public", "Ethernet 6": "Heartbeat", "E*2": "i*I",
    # iSCSI target server
    "TargetOne": "hvcluster-target", "testIscsi": "10.0.20.20",
    "fscluster.contoso.com": "STORAGE01", "iscsisvr": "STORAGE01", "Server02": "STORAGE01", "E:\\temp\\test.vhdx": "C:\\iSCSIVirtualDisks\\CSV01.vhdx",
    "E:\\Temp\\vhd1.vhdx": "C:\\iSCSIVirtualDisks\\CSV01.vhdx",
    # the adapter the page renames -> the lab's Management adapter
    "Ethernet": "Management", "E*t": "M*t",
    # domain
    "contoso.com": "lab.local",
}

PER_EXAMPLE: dict[str, dict[str, str]] = {
    # the lab has two nodes: the page's third one -> the second
    "Start-ClusterNode #1": {"node3": N2},
    "Stop-ClusterNode #1": {"node3": N2},
    "Move-ClusterGroup #3": {"node3": N1},
    # disk numbers: the page's data disk -> the lab's CSV LUN (disk 2 on the first node)
    "Get-Disk #2": {"6": "2"},
    "Get-Partition #2": {"5": "2"},
    # the pages' disks 5 and 11 -> the lab's quorum LUN (1) and CSV LUN (2); drive D -> the quorum partition's E
    "Set-Disk #1": {"5": "1"}, "Set-Disk #2": {"5": "1"}, "Add-ClusterDisk #3": {"11": "2"},
    "Format-Volume #1": {"D": "E"}, "Format-Volume #2": {"D": "E"}, "Format-Volume #3": {"D": "E"}, "Format-Volume #4": {"D": "E"},
    # the page's interface index -> the lab's Management adapter (index 11 on the first node)
    "Get-NetIPAddress #3": {"12": "11"},
    "New-NetIPAddress #1": {"12": "11"},
    "Remove-NetIPAddress #1": {"12": "11"},
    # the page passes a VM's name as -ComputerName; the lab's other Hyper-V host
    "Enable-VMMigration #2": {"TestVM": N2},
    # the target the page changes -> the lab's target
    "Set-IscsiServerTarget #1": {"Test": "hvcluster-target"},
    "Set-IscsiServerTarget #4": {"Test": "hvcluster-target"},
    "Set-IscsiServerTarget #5": {"Test": "hvcluster-target"},
    # a new virtual disk beside the lab's
    "New-IscsiVirtualDisk #1": {"E:\\temp\\test.vhdx": "C:\\iSCSIVirtualDisks\\test.vhdx"},
    "New-IscsiVirtualDisk #3": {"E:\\temp\\test.vhdx": "C:\\iSCSIVirtualDisks\\test.vhdx"},
    "New-IscsiVirtualDisk #2": {"E:\\temp\\test.vhdx": "C:\\iSCSIVirtualDisks\\CSV01.vhdx",
                                "E:\\temp\\child\\diff.vhdx": "C:\\iSCSIVirtualDisks\\diff.vhdx"},
}

UNMAPPED: tuple[str, ...] = (
    "node3", "node4",                  # a third and fourth node: the lab has two
    "cluster pool 1",                  # a storage pool: the lab has none
    "Get-VMSnapshot", "Get-VMIdeController",
    "<AzureStorageAccountName>",       # a cloud witness needs an Azure account
    "\\\\fileserver\\fsw",             # a file share witness: the lab has no file server
    "ramdisk:",
    "D:\\", "d:\\",                    # a drive the lab's hosts lack
    "Wired Ethernet Connection 3",
    "Get-VirtualDisk",
)


def _pattern(name: str) -> str:
    edge_l = r"(?<![\w-])" if name[0].isalnum() else ""
    edge_r = r"(?![\w-])" if name[-1].isalnum() else ""
    return edge_l + re.escape(name) + edge_r


def unmapped(code: str) -> str | None:
    """The name in the example the lab has nothing for, or None."""
    for name in UNMAPPED:
        if name.lower() in code.lower():
            return name
    return None


def mapped(code: str, key: str) -> str:
    """The example's code with the lab's names, replaced in one pass (a replacement is never replaced again)."""
    table = {k.lower(): v for k, v in {**NAMES, **PER_EXAMPLE.get(key, {})}.items()}
    alternatives = "|".join(_pattern(n) for n in sorted(table, key=len, reverse=True))

    def replace(m: re.Match[str]) -> str:
        new = table[m.group(0).lower()]
        quoted = m.start() > 0 and code[m.start() - 1] in "'\""
        # a bare word that becomes a name with spaces (cluster1FS -> Cluster Name) gets quotes
        return f"'{new}'" if " " in new and " " not in m.group(0) and not quoted else new

    return re.sub(alternatives, replace, code, flags=re.IGNORECASE)
