"""The whole procedure as plain PowerShell through the real `labkit exec`
command (a subprocess per script), inspecting the twin's world after each
section: prerequisites, virtual switch, iSCSI, validation, cluster + quorum,
CSV, HA VM, live migration, quick migration, crash failover.

The section scripts live here (SECTIONS) so that the rule tests
(test_world_rules.py) build their starting state from the same text.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from labkit.lab import Lab
from labkit.twin.session import load_world

ROOT = Path(__file__).resolve().parents[1]
LAB = Lab.load()
N1, N2 = LAB.node_names
ST = LAB.storage_server.name
ORDER = ("Management", "Public", "iSCSI", "Heartbeat")


def network_script(host: str) -> str:
    """Rename the factory adapters to the network names and set the lab's addresses."""
    h = LAB.host(host)
    lines = []
    cabled = [n for n in ORDER if n in h.addresses]
    for i, net in enumerate(cabled):
        factory = "Ethernet" if i == 0 else f"Ethernet {i + 1}"
        lines.append(f"Rename-NetAdapter -Name '{factory}' -NewName '{net}'")
        if net != "Management":
            lines.append(f"New-NetIPAddress -InterfaceAlias '{net}' -IPAddress {h.addresses[net]} -PrefixLength {LAB.networks[net].prefixlen} | Out-Null")
    if "iSCSI" in cabled:
        lines.append("Disable-NetAdapterBinding -Name 'iSCSI' -ComponentID ms_msclient")
        lines.append("Disable-NetAdapterBinding -Name 'iSCSI' -ComponentID ms_server")
    lines.append(f"Set-DnsClientServerAddress -InterfaceAlias 'Public' -ServerAddresses {LAB.domain_controller.addresses['Public']}")
    return "\n".join(lines)


FEATURES = "Install-WindowsFeature -Name Hyper-V, Failover-Clustering -IncludeManagementTools -Restart | Out-Null"
SWITCH = "New-VMSwitch -Name External -NetAdapterName Public -AllowManagementOS $true | Out-Null"
TARGET = r"""
Install-WindowsFeature -Name FS-iSCSITarget-Server | Out-Null
New-IscsiVirtualDisk -Path C:\iSCSIVirtualDisks\Quorum.vhdx -SizeBytes 1GB | Out-Null
New-IscsiVirtualDisk -Path C:\iSCSIVirtualDisks\CSV01.vhdx -SizeBytes 500GB | Out-Null
New-IscsiServerTarget -TargetName hvcluster -InitiatorIds 'IQN:iqn.1991-05.com.microsoft:clusternode-1.lab.local', 'IQN:iqn.1991-05.com.microsoft:clusternode-2.lab.local' | Out-Null
Add-IscsiVirtualDiskTargetMapping -TargetName hvcluster -Path C:\iSCSIVirtualDisks\Quorum.vhdx
Add-IscsiVirtualDiskTargetMapping -TargetName hvcluster -Path C:\iSCSIVirtualDisks\CSV01.vhdx
"""


def initiator_script(host: str) -> str:
    me = LAB.host(host).addresses["iSCSI"]
    portal = LAB.storage_server.addresses["iSCSI"]
    return f"""
Set-Service -Name MSiSCSI -StartupType Automatic
Start-Service -Name MSiSCSI
New-IscsiTargetPortal -TargetPortalAddress {portal} -InitiatorPortalAddress {me} | Out-Null
foreach ($t in @(Get-IscsiTarget | Where-Object {{ -not $_.IsConnected }})) {{
    Connect-IscsiTarget -NodeAddress $t.NodeAddress -TargetPortalAddress {portal} -InitiatorPortalAddress {me} -IsPersistent $true | Out-Null
}}
"""


DISKS = r"""
foreach ($d in @(Get-Disk | Where-Object BusType -eq 'iSCSI' | Sort-Object Number)) {
    Set-Disk -Number $d.Number -IsOffline $false
    Initialize-Disk -Number $d.Number -PartitionStyle GPT
    $label = 'CSV01'
    if ($d.Size -lt 10GB) { $label = 'Quorum' }
    New-Partition -DiskNumber $d.Number -UseMaximumSize -AssignDriveLetter | Format-Volume -FileSystem NTFS -NewFileSystemLabel $label -Confirm:$false | Out-Null
}
"""
VALIDATE = f"""
$report = Test-Cluster -Node {N1}, {N2} -Include 'Inventory', 'Network', 'Storage', 'System Configuration', 'Hyper-V Configuration'
$report.FullName
"""
CLUSTER = f"""
New-Cluster -Name {LAB.cluster.name} -Node {N1}, {N2} -StaticAddress {LAB.cluster.address} -NoStorage | Out-Null
Get-ClusterAvailableDisk | Add-ClusterDisk | Out-Null
Set-ClusterQuorum -DiskWitness 'Cluster Disk 1' | Out-Null
"""
CSV = "Add-ClusterSharedVolume -Name 'Cluster Disk 2' | Out-Null"
VMHOST_PATHS = r"Set-VMHost -VirtualMachinePath C:\ClusterStorage\Volume1\VMs -VirtualHardDiskPath C:\ClusterStorage\Volume1\VHDs"
HA_VM = r"""
New-VM -Name HA-VM01 -Generation 2 -MemoryStartupBytes 2GB -Path C:\ClusterStorage\Volume1\VMs -NewVHDPath C:\ClusterStorage\Volume1\VHDs\HA-VM01.vhdx -NewVHDSizeBytes 40GB -SwitchName External | Out-Null
Add-ClusterVirtualMachineRole -VMName HA-VM01 | Out-Null
Start-ClusterGroup -Name HA-VM01 | Out-Null
"""
MIGRATION_NETWORK = f"""
Enable-VMMigration
Set-VMHost -UseAnyNetworkForMigration $false -VirtualMachineMigrationPerformanceOption Compression
Add-VMMigrationNetwork -Subnet {LAB.networks['Heartbeat']}
"""
LIVE = f"Move-ClusterVirtualMachineRole -Name HA-VM01 -Node {N2} -MigrationType Live | Out-Null"
QUICK = f"Move-ClusterVirtualMachineRole -Name HA-VM01 -Node {N1} -MigrationType Quick | Out-Null"

#: section -> [(host, script)], in the procedure's order
SECTIONS: dict[str, list[tuple[str, str]]] = {
    "prerequisites": [(N1, FEATURES), (N2, FEATURES)] + [(h, network_script(h)) for h in (N1, N2, ST)],
    "switch": [(N1, SWITCH), (N2, SWITCH)],
    "iscsi": [(ST, TARGET), (N1, initiator_script(N1)), (N2, initiator_script(N2)), (N1, DISKS)],
    "validate": [(N1, VALIDATE)],
    "cluster": [(N1, CLUSTER)],
    "csv": [(N1, CSV), (N1, VMHOST_PATHS), (N2, VMHOST_PATHS)],
    "ha_vm": [(N1, HA_VM)],
    "migration_network": [(N1, MIGRATION_NETWORK), (N2, MIGRATION_NETWORK)],
    "live": [(N1, LIVE)],
    "quick": [(N2, QUICK)],
}


def labkit(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "labkit.cli", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)


# Sections whose scripts reach the other node from the one they run on: over
# WinRM they need delegated credentials (CredSSP), as the runbooks' steps do.
SECOND_HOP_SECTIONS = {"validate", "cluster"}


def exec_ps(state: Path, host: str, script: str, logon: str = "ntlm") -> str:
    r = labkit("exec", host, "-c", script, "--state", str(state), "--logon", logon)
    assert r.returncode == 0, f"labkit exec {host} failed:\n{script}\n--- stdout\n{r.stdout}\n--- stderr\n{r.stderr}"
    return r.stdout


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("procedure") / "state"


def run_section(state: Path, name: str) -> list[str]:
    logon = "credssp" if name in SECOND_HOP_SECTIONS else "ntlm"
    return [exec_ps(state, host, script, logon) for host, script in SECTIONS[name]]


def test_the_whole_procedure_through_labkit_exec(state: Path) -> None:
    # 1. prerequisites: features, restart, adapters renamed, addresses
    run_section(state, "prerequisites")
    w = load_world(state)
    for n in (N1, N2):
        h = w.host(n)
        assert h.installed("Hyper-V") and h.installed("Failover-Clustering") and h.installed("Hyper-V-PowerShell")
        assert h.boots == 2, "Install-WindowsFeature -Restart restarts the node once"
        names = {a.name: [ip.ip for ip in a.addresses] for a in h.adapters}
        assert set(names) == set(ORDER)
        for net in ORDER:
            assert names[net] == [str(LAB.host(n).addresses[net])]
        assert not h.adapter("iSCSI").bindings["ms_msclient"] and not h.adapter("iSCSI").bindings["ms_server"]
    assert w.clock > 600, "installing Hyper-V and restarting takes minutes"

    # 2. one external switch per node, bound to Public; the host vNIC carries the Public address
    run_section(state, "switch")
    w = load_world(state)
    for n in (N1, N2):
        h = w.host(n)
        assert [(s.name, s.switch_type, s.adapter) for s in h.switches] == [("External", "External", "Public")]
        assert [ip.ip for ip in h.adapter("vEthernet (External)").addresses] == [str(LAB.host(n).addresses["Public"])]

    # 3. iSCSI: target, LUNs, initiators connected, disks online/initialized/formatted from node 1
    run_section(state, "iscsi")
    w = load_world(state)
    ts = w.storage_server.target_server
    assert [v.size for v in ts.virtual_disks] == [2**30, 500 * 2**30]
    assert ts.targets[0].iqn == "iqn.1991-05.com.microsoft:storage01-hvcluster-target"
    for n in (N1, N2):
        h = w.host(n)
        assert len(h.sessions) == 1 and h.sessions[0].persistent
        assert [v.number for v in h.disks] == [1, 2]
    assert [d.partition_style for d in w.disks] == ["GPT", "GPT"]
    assert [[p.volume.label for p in d.partitions if p.volume] for d in w.disks] == [["Quorum"], ["CSV01"]]
    assert all(not v.offline for v in w.host(N1).disks) and all(v.offline for v in w.host(N2).disks)
    n2_disks = exec_ps(state, N2, "Get-Disk | Where-Object BusType -eq 'iSCSI' | ForEach-Object { \"$($_.Number) $($_.PartitionStyle) $($_.IsOffline)\" }")
    assert n2_disks.split() == ["1", "GPT", "True", "2", "GPT", "True"], "node 2 sees node 1's partitioning at once, disks offline"

    # 4. Test-Cluster passes and writes its report
    out = run_section(state, "validate")[0]
    w = load_world(state)
    report = w.reports[-1]
    assert report["passed"] and report["summary"]["Failed"] == 0, report["results"]
    assert out.strip() == report["path"] and report["path"].endswith(".htm")
    assert set(report["categories"]) == {"Inventory", "Network", "Storage", "System Configuration", "Hyper-V Configuration"}

    # 5. New-Cluster + disk witness
    run_section(state, "cluster")
    w = load_world(state)
    c = w.cluster
    assert c is not None and c.name == LAB.cluster.name and c.address == LAB.cluster.address
    assert [n.state for n in c.nodes] == ["Up", "Up"]
    assert {n.network: n.role for n in c.networks} == {"Public": "ClusterAndClient", "iSCSI": "None", "Heartbeat": "Cluster", "Management": "ClusterAndClient"}
    assert c.quorum.type == "NodeAndDiskMajority" and c.quorum.resource == "Cluster Disk 1"
    assert w.disk(c.resource("Cluster Disk 1").disk_id).size == 2**30
    assert w.clock - report["clock"] >= 60

    # 6. CSV on every node; Hyper-V default paths on it
    run_section(state, "csv")
    w = load_world(state)
    csv = w.cluster.resource("Cluster Disk 2")
    assert csv.csv_volume == 1 and csv.group is None
    for n in (N1, N2):
        assert exec_ps(state, n, r"Test-Path C:\ClusterStorage\Volume1").strip() == "True"
        assert w.host(n).vmhost.virtual_machine_path == r"C:\ClusterStorage\Volume1\VMs"

    # 7. the HA VM on the CSV, started
    run_section(state, "ha_vm")
    w = load_world(state)
    vm = w.vm("HA-VM01")
    assert vm.state == "Running" and vm.host == N1 and vm.path == r"C:\ClusterStorage\Volume1\VMs\HA-VM01"
    assert vm.vhds == [r"C:\ClusterStorage\Volume1\VHDs\HA-VM01.vhdx"]
    assert w.cluster.group("HA-VM01").state == "Online"

    # 8. live migration to node 2: running throughout, blackout under a second
    run_section(state, "migration_network")
    before = load_world(state).clock
    run_section(state, "live")
    w = load_world(state)
    vm = w.vm("HA-VM01")
    lm = vm.last_migration
    assert vm.host == N2 and vm.state == "Running" and w.cluster.group("HA-VM01").owner == N2
    assert lm["type"] == "live" and lm["ok"] and lm["network"] == "Heartbeat"
    assert 0 < lm["blackout_s"] < 1.0 and lm["total_s"] > 1 and len(lm["rounds"]) >= 2
    assert w.clock - before == pytest.approx(lm["total_s"])
    state_json = exec_ps(state, N2, "Get-VM -Name HA-VM01 | Select-Object Name, State, ComputerName | ConvertTo-Json -Compress")
    assert '"State":2' in state_json and N2 in state_json

    # quick migration back: down for a time that grows with memory
    run_section(state, "quick")
    w = load_world(state)
    qm = w.vm("HA-VM01").last_migration
    assert qm["type"] == "quick" and w.vm("HA-VM01").host == N1 and w.vm("HA-VM01").state == "Running"
    assert qm["downtime_s"] > 10 * lm["blackout_s"] and qm["downtime_s"] > 20

    # crash of the owner: the cluster restarts the VM on node 2
    r = labkit("twin", "fault", "crash", N1, "--state", str(state))
    assert r.returncode == 0, r.stderr
    w = load_world(state)
    vm = w.vm("HA-VM01")
    assert vm.host == N2 and vm.state == "Running" and vm.last_migration["type"] == "failover"
    assert vm.last_migration["downtime_s"] > qm["downtime_s"]
    assert w.cluster.node(N1).state == "Down" and w.cluster.group("Cluster Group").owner == N2
    assert exec_ps(state, N2, "(Get-ClusterGroup -Name HA-VM01).OwnerNode.Name").strip() == N2
    kinds = [e["kind"] for e in w.history]
    assert kinds.count("migration") == 2 and kinds.count("failover") == 1 and "crash" in kinds
    assert len(w.vms) == 1, "nothing duplicated"

    r = labkit("twin", "fault", "heal", N1, "--state", str(state))
    assert r.returncode == 0, r.stderr
    w = load_world(state)
    assert w.cluster.node(N1).state == "Up" and w.host(N1).running and len(w.host(N1).sessions) == 1
