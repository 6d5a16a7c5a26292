"""No silent wrong answers: what an emulated cmdlet says it honours, it acts on; the rest is refused.

The static part checks every ``@cmdlet(..., honours=...)`` against signatures.json; the rest runs
PowerShell on a built cluster (the same section scripts as test_world_procedure) and shows that a
parameter changes the result, with the pages' behaviour:
https://learn.microsoft.com/en-us/powershell/module/failoverclusters/resume-clusternode?view=windowsserver2022-ps
https://learn.microsoft.com/en-us/powershell/module/failoverclusters/move-clustervirtualmachinerole?view=windowsserver2022-ps
https://learn.microsoft.com/en-us/powershell/module/hyper-v/get-vm?view=windowsserver2022-ps
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.management/test-connection?view=powershell-5.1
https://learn.microsoft.com/en-us/windows-server/storage/storage-qos/storage-qos-overview
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import labkit.twin.modules  # noqa: F401  (registers the emulations)
from labkit.twin.registry import REGISTRY
from labkit.twin.session import load_world, run_script
from labkit.twin.signatures import signatures
from test_world_procedure import LAB, N1, N2
from test_world_rules import CLUSTERED, FULL, build, fails, ok


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("honours")
    validated = build(root / "validated", CLUSTERED[:-1])
    full = root / "full"
    shutil.copytree(validated, full)
    build(full, FULL[len(CLUSTERED) - 1:])
    return {"validated": validated, "full": full}


@pytest.fixture
def full(built: dict[str, Path], tmp_path: Path) -> Path:
    shutil.copytree(built["full"], tmp_path / "state")
    return tmp_path / "state"


# -- what honours may hold --------------------------------------------------------------------------------------

def test_every_honoured_parameter_is_a_parameter_of_the_real_cmdlet() -> None:
    sigs = signatures()
    wrong = {}
    for spec in REGISTRY.values():
        sig = sigs.get(spec.name)
        if sig is None:
            continue
        extra = sorted(h for h in spec.honours if h not in sig.params)
        if extra:
            wrong[spec.name] = extra
    assert not wrong, f"honoured but not a 5.1 / Windows Server 2022 parameter: {wrong}"


NOT_ACTED_ON = [
    "New-VM -Name X -WhatIf",
    "New-VMSwitch -Name Internal2 -SwitchType Internal -Notes lab",
    "Start-ClusterGroup -Name HA-VM01 -ChooseBestNode",
    "Get-ClusterAvailableDisk -All",
    "New-Cluster -Name C2 -Node {N1} -StaticAddress 1.2.3.4 -AdministrativeAccessPoint Dns",
    "Format-Volume -DriveLetter E -FileSystem NTFS -AllocationUnitSize 65536",
    "Restart-Computer -Wait",
    "Get-ChildItem C:\\ -Force",
]


@pytest.mark.parametrize("script", NOT_ACTED_ON)
def test_parameters_not_acted_on_are_refused_as_not_emulated(built: dict[str, Path], script: str) -> None:
    r = run_script(script.format(N1=N1, N2=N2), host=N1, state_dir=built["full"])
    assert r.errors and r.errors[0].category == "NotImplemented", r.error_text
    assert "not emulated" in r.errors[0].message


# -- pipelines Windows binds --------------------------------------------------------------------------------------

def test_cluster_group_pipes_into_get_vm_through_cluster_object(full: Path) -> None:
    # The role runs on N1; asked from N2, Get-VM -ClusterObject still finds it (the cluster knows where it runs).
    assert ok(full, N2, "(Get-ClusterGroup 'HA-VM01' | Get-VM).Name") == "HA-VM01"
    assert ok(full, N2, "(Get-ClusterResource 'Virtual Machine HA-VM01' | Get-VM).State") == "Running"
    assert "not a virtual machine role" in fails(full, N1, "Get-ClusterGroup 'Cluster Group' | Get-VM")
    assert ok(full, N2, "@(Get-VM).Count") == "0", "without -ClusterObject Get-VM lists the local VMs only"


# -- core cluster resources as Windows Server 2016-2022 create them -----------------------------------------------

def test_cluster_group_holds_the_core_resources(full: Path) -> None:
    lines = ok(full, N1, "Get-ClusterResource | Where-Object { \"$($_.OwnerGroup)\" -eq 'Cluster Group' } | "
                         "ForEach-Object { \"$($_.Name)|$($_.ResourceType)\" }").splitlines()
    assert "Cluster IP Address|IP Address" in lines and "Cluster Name|Network Name" in lines
    assert "Storage Qos Resource|Storage QoS Policy Manager" in lines
    assert "Virtual Machine Cluster WMI|Virtual Machine Cluster WMI" in lines
    witness = ok(full, N1, "(Get-ClusterQuorum).QuorumResource.Name")
    assert f"{witness}|Physical Disk" in lines


# -- parameters that change the result ---------------------------------------------------------------------------

def test_resume_failback_immediate_brings_drained_roles_back(full: Path) -> None:
    assert load_world(full).vm("HA-VM01").host == N1
    ok(full, N1, f"Suspend-ClusterNode -Name {N1} -Drain | Out-Null")
    assert load_world(full).vm("HA-VM01").host == N2
    ok(full, N1, f"Resume-ClusterNode -Name {N1} -Failback Immediate | Out-Null")
    w = load_world(full)
    assert w.vm("HA-VM01").host == N1 and w.vm("HA-VM01").state == "Running" and w.cluster.group("HA-VM01").owner == N1


@pytest.mark.parametrize("failback", ["", "-Failback NoFailback", "-Failback Policy", "-Failback nofail"])
def test_resume_without_immediate_failback_leaves_roles_where_they_are(full: Path, failback: str) -> None:
    ok(full, N1, f"Suspend-ClusterNode -Name {N1} -Drain | Out-Null")
    ok(full, N1, f"Resume-ClusterNode -Name {N1} {failback} | Out-Null")
    w = load_world(full)
    assert w.vm("HA-VM01").host == N2 and w.cluster.node(N1).state == "Up"


@pytest.mark.parametrize("kind", ["Shutdown", "ShutdownForce", "TurnOff", "shutdownforce"])
def test_move_vm_role_by_each_migration_type(full: Path, kind: str) -> None:
    ok(full, N1, f"Move-ClusterVirtualMachineRole -Name HA-VM01 -Node {N2} -MigrationType {kind} | Out-Null")
    m = load_world(full).vm("HA-VM01").last_migration
    assert m["to"] == N2 and m["type"] == kind.lower()


def test_shutdown_force_is_between_turn_off_and_shutdown(built: dict[str, Path], tmp_path: Path) -> None:
    downtime = {}
    for kind in ("TurnOff", "ShutdownForce", "Shutdown"):
        s = tmp_path / kind
        shutil.copytree(built["full"], s)
        ok(s, N1, f"Move-ClusterVirtualMachineRole -Name HA-VM01 -Node {N2} -MigrationType {kind} | Out-Null")
        downtime[kind] = load_world(s).vm("HA-VM01").last_migration["downtime_s"]
    assert downtime["TurnOff"] < downtime["ShutdownForce"] < downtime["Shutdown"]


def test_test_connection_count_quiet_buffer_size_and_delay(full: Path) -> None:
    assert ok(full, N1, f"@(Test-Connection {N2} -Count 3).Count") == "3"
    assert ok(full, N1, f"@(Test-Connection -ComputerName {N2} -Count 2).Count") == "2"
    assert ok(full, N1, f"(Test-Connection {N2} -Count 1 -BufferSize 64).BufferSize") == "64"
    assert ok(full, N1, f"Test-Connection {N2}, nohost -Count 1 -Quiet") == "True\nFalse"
    before = load_world(full).clock
    ok(full, N1, f"Test-Connection {N2} -Count 3 -Delay 5 | Out-Null")
    slow = load_world(full).clock - before
    before = load_world(full).clock
    ok(full, N1, f"Test-Connection {N2} -Count 3 -Delay 1 | Out-Null")
    assert slow - (load_world(full).clock - before) == pytest.approx(8.0)
    msg = fails(full, N1, "Test-Connection nohost -Count 1")
    assert msg == "Testing connection to computer 'nohost' failed: No such host is known"


def test_format_volume_fat_file_systems(built: dict[str, Path], tmp_path: Path) -> None:
    # FAT, FAT32 and exFAT are in the page's set and are acted on; Windows formats FAT32 only up to 32 GB.
    s = shutil.copytree(built["validated"], tmp_path / "s")
    small = ok(s, N1, "(Get-Volume -FileSystemLabel Quorum).DriveLetter")
    large = ok(s, N1, "(Get-Volume -FileSystemLabel CSV01).DriveLetter")
    assert ok(s, N1, f"(Format-Volume -DriveLetter {small} -FileSystem fat32).FileSystem") == "FAT32"
    assert ok(s, N1, f"(Get-Volume -DriveLetter {small}).FileSystem") == "FAT32"
    assert "Size Not Supported" in fails(s, N1, f"Format-Volume -DriveLetter {large} -FileSystem FAT32")
    assert ok(s, N1, f"(Get-Volume -DriveLetter {large}).FileSystem") == "NTFS", "a refused format leaves the volume as it was"
    assert ok(s, N1, f"(Format-Volume -DriveLetter {large} -FileSystem exFAT).FileSystem") == "exFAT"


def test_new_cluster_name_lengths(built: dict[str, Path], tmp_path: Path) -> None:
    # A cluster name is a DNS label (at most 63 characters); past 15 the computer object's NetBIOS name is cut, the cluster is made.
    for length, accepted in ((15, True), (16, True), (63, True), (64, False)):
        s = tmp_path / str(length)
        shutil.copytree(built["validated"], s)
        name = ("HV" + "X" * 70)[:length]
        r = run_script(f"New-Cluster -Name {name} -Node {N1}, {N2} -StaticAddress {LAB.cluster.address} -NoStorage | Out-Null",
                       host=N1, state_dir=s)
        if accepted:
            assert not r.errors, (length, r.error_text)
            assert load_world(s).cluster.name == name
            netbios = run_script("(Get-ClusterResource 'Cluster Name' | Get-ClusterParameter Name, DnsName).Value", host=N1, state_dir=s)
            assert netbios.text.split() == [name[:15], name], "the NetBIOS name is cut to 15 characters, the DNS name is whole"
        else:
            assert r.errors and f"the cluster name '{name}' is not valid: it has 64 characters" in r.errors[0].message
            assert load_world(s).cluster is None


@pytest.mark.parametrize("name", ["HV_CLUSTER", "HV.CLUSTER.lab.local", "CN=HVCLUSTER,OU=Clusters,DC=lab,DC=local", "12345"])
def test_new_cluster_name_forms(built: dict[str, Path], tmp_path: Path, name: str) -> None:
    r = run_script(f"New-Cluster -Name '{name}' -Node {N1}, {N2} -StaticAddress {LAB.cluster.address} -NoStorage | Out-Null",
                   host=N1, state_dir=shutil.copytree(built["validated"], tmp_path / "s"))
    made = load_world(tmp_path / "s").cluster
    if name in ("HV_CLUSTER", "12345"):
        assert r.errors and "is not valid" in r.errors[0].message and made is None
    else:
        assert not r.errors, r.error_text
        assert made.name == name.removeprefix("CN=").split(",")[0].split(".")[0]


# -- filters that used to be accepted and ignored -----------------------------------------------------------------

def test_query_filters_narrow_the_result(full: Path) -> None:
    assert ok(full, N1, "@(Get-VMNetworkAdapter -VMName HA-VM01 -Name 'Network Adapter').Count") == "1"
    assert ok(full, N1, "@(Get-VMNetworkAdapter -VMName HA-VM01 -Name 'Legacy*').Count") == "0"
    assert ok(full, N1, "@(Get-VMHardDiskDrive -VMName HA-VM01 -ControllerType SCSI).Count") == "1"
    assert ok(full, N1, "@(Get-VMHardDiskDrive -VMName HA-VM01 -ControllerType IDE).Count") == "0"
    sid = ok(full, N1, "@(Get-IscsiSession)[0].SessionIdentifier")
    assert ok(full, N1, f"@(Get-IscsiSession -SessionIdentifier '{sid}').Count") == "1"
    assert ok(full, N1, "@(Get-IscsiTargetPortal -TargetPortalPortNumber 3260).Count") == "1"
    assert ok(full, N1, "@(Get-InitiatorPort -ConnectionType iSCSI).Count") == "1"
    assert ok(full, N1, "@(Get-NetIPAddress -PrefixOrigin WellKnown -AddressFamily IPv4).IPAddress") == "127.0.0.1"
    # a CIM filter value (not a wildcard) that matches nothing is an ObjectNotFound error, as on Windows
    # (PowerShell's cmdletization ClientSideQuery; tests/test_twin_admin_queries.py has the texts)
    for script, prop in (("Get-IscsiSession -SessionIdentifier 'nothing'", "SessionIdentifier"),
                         ("Get-IscsiTargetPortal -TargetPortalPortNumber 3261", "TargetPortalPortNumber"),
                         ("Get-InitiatorPort -ConnectionType FibreChannel", "ConnectionType"), ("Get-NetIPAddress -Type Anycast", "Type")):
        assert fails(full, N1, script).startswith("No MSFT_") and f"property '{prop}' equal to" in fails(full, N1, script)
    switch = ok(full, N1, "(Get-VMSwitch External).Id")
    assert ok(full, N1, f"(Get-VMSwitch -Id {switch}).Name") == "External"


def test_new_net_ip_address_refuses_what_the_lab_cannot_model(full: Path) -> None:
    msg = fails(full, N1, "New-NetIPAddress -InterfaceAlias Management -IPAddress fd00::5 -AddressFamily IPv6")
    assert "not emulated" in msg and "IPv6" in msg


def test_write_host_no_newline_continues_the_line(tmp_path: Path) -> None:
    r = run_script("Write-Host a -NoNewline; Write-Host b -NoNewline; Write-Host c; Write-Host d", host=N1, state_dir=tmp_path)
    assert r.host_output == ["abc", "d"]


# -- pipelines of the admin's between-steps queries ---------------------------------------------------------------

def test_piped_objects_bind_the_parameter_windows_binds(full: Path) -> None:
    # CIM instances go to the parameter of their class (PSTypeName): a partition to Get-Volume -Partition,
    # an iSCSI session to Get-Disk -iSCSISession, a target to Get-IscsiSession -IscsiTarget.
    assert ok(full, N1, "Get-Partition -DiskNumber 1 | Get-Volume | ForEach-Object FileSystem") == "NTFS"
    assert ok(full, N1, "@(Get-IscsiSession | Get-Disk).Count") == "2"
    assert ok(full, N1, "@(Get-IscsiTarget | Get-IscsiSession).Count") == ok(full, N1, "@(Get-IscsiSession).Count") == "1"
    assert ok(full, N1, "Get-IscsiTargetPortal | Get-IscsiTarget | ForEach-Object NodeAddress").endswith("-target")
    # cluster objects: a VM's VMId by property name, a resource into Get-ClusterOwnerNode, a node's roles and resources
    assert ok(full, N1, "(Get-VM HA-VM01 | Get-ClusterGroup).Name") == "HA-VM01"
    assert ok(full, N1, "@(Get-VM HA-VM01 | Get-ClusterResource).Name -join ','") == \
        "Virtual Machine Configuration HA-VM01,Virtual Machine HA-VM01"   # listed by name, as Windows lists resources
    assert ok(full, N1, "(Get-ClusterResource 'Cluster Disk 1' | Get-ClusterOwnerNode).OwnerNodes.Name -join ','") == f"{N1},{N2}"
    owned = ok(full, N1, f"@(Get-ClusterNode {N1} | Get-ClusterGroup).Name -join ','")
    assert "HA-VM01" in owned.split(",")
    ok(full, N1, f"Move-ClusterVirtualMachineRole -Name HA-VM01 -Node {N2} | Out-Null")
    assert ok(full, N1, f"@(Get-ClusterNode {N2} | Get-ClusterGroup).Name -join ','") == "HA-VM01"
    assert ok(full, N1, f"@(Get-ClusterNode {N2} | Get-ClusterResource).Name -join ','") == \
        "Virtual Machine Configuration HA-VM01,Virtual Machine HA-VM01"


def test_cim_parameters_take_only_their_class_by_name(full: Path) -> None:
    # 5.1: a CIM instance of another class fails the parameter's PSTypeName (ParameterBinderStrings MismatchedPSTypeName);
    # anything else fails the conversion to CimInstance.
    msg = fails(full, N1, "Get-Volume -Partition (Get-Disk -Number 0)")
    assert msg == ("Cannot bind argument to parameter 'Partition', because PSTypeNames of the argument do not match the PSTypeName "
                   "required by the parameter: Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Storage/MSFT_Partition.")
    msg = fails(full, N1, "Get-Volume -Partition ([pscustomobject]@{ PartitionNumber = 1 })")
    assert msg == ("Cannot bind parameter 'Partition'. Cannot convert the \"@{PartitionNumber=1}\" value of type "
                   "\"System.Management.Automation.PSCustomObject\" to type \"Microsoft.Management.Infrastructure.CimInstance\".")
    assert ok(full, N1, "(Get-Volume -Partition (Get-Partition -DiskNumber 1 -PartitionNumber 2)).FileSystem") == "NTFS"
    # by pipeline a [pscustomobject] binds by property name only
    assert ok(full, N1, "([pscustomobject]@{ DriveLetter = 'C' } | Get-Volume).DriveLetter") == "C"


def test_drain_to_a_target_node_and_move_by_vm_id(full: Path) -> None:
    assert "cannot take the roles" in fails(full, N1, f"Suspend-ClusterNode -Name {N1} -Drain -TargetNode {N1}")
    assert load_world(full).cluster.node(N1).state == "Up", "a refused drain pauses nothing"
    ok(full, N1, f"Suspend-ClusterNode -Name {N1} -Drain -TargetNode {N2} | Out-Null")
    assert load_world(full).vm("HA-VM01").host == N2
    ok(full, N1, f"Resume-ClusterNode -Name {N1} | Out-Null")
    vm_id = ok(full, N1, "(Get-VM -ClusterObject (Get-ClusterGroup HA-VM01)).VMId")
    ok(full, N1, f"Move-ClusterVirtualMachineRole -VMId {vm_id} -Node {N1} | Out-Null")
    assert load_world(full).vm("HA-VM01").host == N1
