"""An admin's everyday queries after the chain built the cluster (`labkit run` on the twin, once per
module): cluster objects piped into each other, the CIM cmdlets' "not found" errors, storage and
network views, pipelines into Where-/Select-/Sort-/Group-/Measure-Object and Format-*.

Expected answers come from Windows Server 2022 / PowerShell 5.1 documentation:
- FailoverClusters pages (learn.microsoft.com/powershell/module/failoverclusters/<cmdlet>?view=windowsserver2022-ps),
  the -InputObject of each cmdlet ("the cluster, or cluster node, on which to enumerate" ...);
- CDXML cmdlets (NetAdapter, NetTCPIP, Storage, iSCSI): PowerShell's cmdletization query
  (src/Microsoft.PowerShell.Commands.Management/cimSupport/cmdletization/cim/clientSideQuery.cs and
  resources/CmdletizationResources.resx: CimJob_NotFound_SimpleGranularCase_Equality, CimJob_NotFound_ComplexCase,
  CimJob_SafeQueryDescription);
- Microsoft's UEFI/GPT partition layout for the OS disk
  (learn.microsoft.com/windows-hardware/manufacture/desktop/configure-uefigpt-based-hard-drive-partitions).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from labkit.twin.session import load_world, run_script

ROOT = Path(__file__).resolve().parents[1]
N1, N2 = "CLUSTERNODE-1", "CLUSTERNODE-2"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lab state after `labkit run` (the eight runbooks on the twin)."""
    base = tmp_path_factory.mktemp("admin-queries")
    env = {**os.environ, "COLUMNS": "200"}
    run = subprocess.run([sys.executable, "-m", "labkit.cli", "run", "--out", str(base / "out"), "--state", str(base / "state")],
                         capture_output=True, text=True, cwd=base, env=env, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads((base / "out" / "summary.json").read_text())["ok"]
    return base / "state"


def q(state: Path, script: str, host: str = N1):
    return run_script(script, host=host, state_dir=state)


def out(state: Path, script: str, host: str = N1) -> list[str]:
    """The lines a query prints, with no error."""
    r = q(state, script, host)
    assert not r.errors, r.error_text
    return [line.rstrip() for line in r.text.strip("\n").splitlines()]


def one_error(state: Path, script: str, host: str = N1):
    r = q(state, script, host)
    assert len(r.errors) == 1, (r.text, r.error_text)
    return r, r.errors[0]


# -- cluster objects piped into each other ---------------------------------------------------------------

def test_a_node_piped_to_get_clustergroup_gives_the_roles_it_owns(built: Path) -> None:
    # Get-ClusterGroup -InputObject: "the cluster, or cluster node, on which to enumerate the clustered roles"
    c = load_world(built).cluster
    for node in (N1, N2):
        owned = sorted(g.name for g in c.groups if g.owner.lower() == node.lower())
        assert out(built, f"Get-ClusterNode {node} | Get-ClusterGroup | Sort-Object Name | ForEach-Object Name") == owned
        assert out(built, f"Get-ClusterGroup -InputObject (Get-ClusterNode {node}) | Sort-Object Name | ForEach-Object Name") == owned
    # both nodes together name every role once; the cluster itself enumerates them all
    assert out(built, "@(Get-ClusterNode | Get-ClusterGroup).Count") == out(built, "@(Get-ClusterGroup).Count") == [str(len(c.groups))]
    assert out(built, "@(Get-Cluster | Get-ClusterGroup).Count") == [str(len(c.groups))]


def test_a_group_or_node_piped_to_get_clusterresource_gives_its_resources(built: Path) -> None:
    # Get-ClusterResource -InputObject: "the cluster node or cluster group on which to enumerate cluster resources"
    assert out(built, "Get-ClusterGroup HA-VM01 | Get-ClusterResource | ForEach-Object Name") == \
        ["Virtual Machine Configuration HA-VM01", "Virtual Machine HA-VM01"]
    vm_owner = out(built, "(Get-ClusterGroup HA-VM01).OwnerNode.Name")[0]
    other = N2 if vm_owner == N1 else N1
    assert "Virtual Machine HA-VM01" in out(built, f"Get-ClusterNode {vm_owner} | Get-ClusterResource | ForEach-Object Name")
    assert "Virtual Machine HA-VM01" not in out(built, f"Get-ClusterNode {other} | Get-ClusterResource | ForEach-Object Name")
    assert out(built, "Get-ClusterResource | Group-Object OwnerGroup | Sort-Object Name | ForEach-Object { \"$($_.Name)=$($_.Count)\" }") == \
        ["Cluster Group=5", "Cluster Shared Volume=1", "HA-VM01=2"]


def test_a_node_or_network_piped_to_get_clusternetworkinterface(built: Path) -> None:
    mine = out(built, f"Get-ClusterNode {N2} | Get-ClusterNetworkInterface | ForEach-Object Node")
    assert mine and set(mine) == {N2}
    per_net = out(built, "Get-ClusterNetwork 'Cluster Network 3' | Get-ClusterNetworkInterface | Sort-Object Node | ForEach-Object Name")
    assert per_net == [f"{N1} - Heartbeat", f"{N2} - Heartbeat"]


def test_cluster_properties_and_pipelines(built: Path) -> None:
    assert out(built, "(Get-Cluster).DynamicQuorum") == ["1"]
    # Format-List * shows every property, not the view's one-line list
    full = out(built, "Get-Cluster | Format-List *")
    # in the order of Get-Cluster's example 1 (Windows Server 2012 page): Domain, Name, AddEvictDelay ...
    assert [line.split(" : ")[0].rstrip() for line in full[:3]] == ["Domain", "Name", "AddEvictDelay"]
    assert any(line.startswith("DynamicQuorum") for line in full) and len(full) > 30
    assert out(built, "Get-Cluster | Format-List") == ["Name : HVCLUSTER"]
    # the heartbeat network (cluster only) has the lowest metric: the cluster prefers it
    assert out(built, "Get-ClusterNetwork | Sort-Object Metric | Select-Object -First 1 | ForEach-Object { \"$($_.Name) $($_.Role)\" }") == \
        ["Cluster Network 3 Cluster"]
    assert out(built, "(Get-ClusterQuorum).QuorumResource.Name") == ["Cluster Disk 1"]
    assert out(built, "Get-ClusterSharedVolume | Select-Object -ExpandProperty SharedVolumeInfo | ForEach-Object FriendlyVolumeName") == \
        [r"C:\ClusterStorage\Volume1"]
    assert out(built, "Get-ClusterNode | Where-Object State -eq 'Up' | Measure-Object | Select-Object -ExpandProperty Count") == ["2"]


# -- CIM cmdlets: what matched nothing -------------------------------------------------------------------

NOT_FOUND = "No {cls} objects found with property '{prop}' equal to '{value}'.  Verify the value of the property and retry."


def test_get_netipaddress_of_the_adapter_the_switch_took_is_an_error(built: Path) -> None:
    # the external switch took the Public adapter: its address is on the switch's host vNIC now
    switch = out(built, "(Get-VMSwitch | Where-Object SwitchType -eq 'External').Name")[0]
    r, e = one_error(built, "Get-NetIPAddress -InterfaceAlias Public")
    assert r.output == []
    assert e.message == NOT_FOUND.format(cls="MSFT_NetIPAddress", prop="InterfaceAlias", value="Public")
    assert e.category == "ObjectNotFound" and e.error_id == "CmdletizationQuery_NotFound_InterfaceAlias,Get-NetIPAddress"
    assert "CategoryInfo          : ObjectNotFound: (Public:String) [Get-NetIPAddress], CimJobException" in r.error_text
    assert out(built, f"(Get-NetIPAddress -InterfaceAlias 'vEthernet ({switch})' -AddressFamily IPv4).IPAddress") == ["192.168.10.31"]
    # -ErrorAction SilentlyContinue: what scripts use to test for an address
    assert out(built, "@(Get-NetIPAddress -InterfaceAlias Public -ErrorAction SilentlyContinue).Count") == ["0"]


def test_a_wildcard_that_matches_nothing_stays_silent(built: Path) -> None:
    assert out(built, "@(Get-NetIPAddress -InterfaceAlias 'Pub*').Count") == ["0"]
    assert out(built, "@(Get-NetAdapter -Name 'Team*').Count") == ["0"]
    assert out(built, "@(Get-Volume -FileSystemLabel 'Backup*').Count") == ["0"]
    assert out(built, "@(Get-NetIPAddress -IPAddress 10.0.*).Count") == ["3"]


def test_several_filters_that_match_nothing_name_the_query(built: Path) -> None:
    _, e = one_error(built, "Get-NetIPAddress -InterfaceAlias Public -AddressFamily IPv4")
    assert e.message == ("No matching MSFT_NetIPAddress objects found by CIM query for instances of the ROOT/StandardCimv2/MSFT_NetIPAddress "
                         "class on the  CIM server: SELECT * FROM MSFT_NetIPAddress  WHERE ((InterfaceAlias LIKE 'Public')) AND "
                         "((AddressFamily = 2)). Verify query parameters and retry.")
    assert e.error_id == "CmdletizationQuery_NotFound,Get-NetIPAddress"
    # several filters with a result: no error, even if one value alone would match nothing
    assert out(built, "(Get-NetIPAddress -InterfaceAlias Heartbeat -AddressFamily IPv4).IPAddress") == ["10.0.30.31"]
    _, e = one_error(built, "Get-NetAdapterBinding -Name iSCSI -ComponentID ms_nosuch")
    assert e.message.startswith("No matching MSFT_NetAdapterBindingSettingData objects found by CIM query")


@pytest.mark.parametrize("script, cls, prop, value", [
    ("Get-NetAdapter -Name Public2", "MSFT_NetAdapter", "Name", "Public2"),
    ("Get-NetAdapter -InterfaceIndex 99", "MSFT_NetAdapter", "InterfaceIndex", "99"),
    ("Get-NetIPAddress -IPAddress 192.168.10.99", "MSFT_NetIPAddress", "IPAddress", "192.168.10.99"),
    ("Get-Disk -Number 9", "MSFT_Disk", "Number", "9"),
    ("Get-Volume -DriveLetter Q", "MSFT_Volume", "DriveLetter", "Q"),
    ("Get-Partition -DriveLetter Q", "MSFT_Partition", "DriveLetter", "Q"),
    ("Get-IscsiTarget -NodeAddress iqn.1991-05.com.microsoft:nosuch", "MSFT_iSCSITarget", "NodeAddress", "iqn.1991-05.com.microsoft:nosuch"),
    ("Get-IscsiTargetPortal -TargetPortalAddress 10.0.20.99", "MSFT_iSCSITargetPortal", "TargetPortalAddress", "10.0.20.99"),
])
def test_a_value_that_matches_nothing_is_object_not_found(built: Path, script: str, cls: str, prop: str, value: str) -> None:
    r, e = one_error(built, script)
    assert r.output == [] and e.category == "ObjectNotFound"
    assert e.message == NOT_FOUND.format(cls=cls, prop=prop, value=value)
    assert e.error_id.startswith(f"CmdletizationQuery_NotFound_{prop},")


def test_one_missing_value_among_found_ones(built: Path) -> None:
    # each value is its own filter: the adapter that exists is listed, the other is reported
    r, e = one_error(built, "Get-NetAdapter -Name nope, iSCSI | ForEach-Object Name")
    assert r.output == ["iSCSI"] and e.message == NOT_FOUND.format(cls="MSFT_NetAdapter", prop="Name", value="nope")


def test_ipv6_link_local_addresses_are_listed_first(built: Path) -> None:
    # IPv6 is on by default: a link-local fe80::/64 address on every IP interface and ::1 on the loopback, listed before IPv4
    rows = out(built, "Get-NetIPAddress | ForEach-Object { \"$($_.AddressFamily) $($_.InterfaceAlias) $($_.PrefixLength) $($_.PrefixOrigin) $($_.SuffixOrigin)\" }")
    v6 = [r for r in rows if r.startswith("IPv6")]
    assert rows[:len(v6)] == v6 and len(v6) == 5
    assert "IPv6 Loopback Pseudo-Interface 1 128 WellKnown WellKnown" in v6 and "IPv6 iSCSI 64 WellKnown Link" in v6
    assert not any(" Public " in r for r in rows), "the adapter the switch took has no IP interface"
    link = out(built, "(Get-NetIPAddress -AddressFamily IPv6 -InterfaceAlias iSCSI).IPAddress")[0]
    assert link.startswith("fe80::") and link.endswith("%" + out(built, "(Get-NetAdapter iSCSI).ifIndex")[0])
    assert out(built, "@(Get-NetIPAddress -AddressFamily IPv4).Count") == ["5"]


# -- storage ---------------------------------------------------------------------------------------------

def test_the_os_disk_has_its_uefi_partitions(built: Path) -> None:
    assert out(built, "Get-Partition -DiskNumber 0 | ForEach-Object { \"$($_.PartitionNumber) $($_.Type)\" }") == \
        ["1 System", "2 Reserved", "3 Basic", "4 Recovery"]
    assert out(built, "(Get-Partition -DriveLetter C).PartitionNumber") == ["3"]
    assert out(built, "Get-Partition -DriveLetter C | Get-Volume | ForEach-Object { \"$($_.DriveLetter) $($_.FileSystemType)\" }") == ["C NTFS"]
    assert out(built, "(Get-Disk 0 | Get-Partition).Count") == out(built, "(Get-Disk 0).NumberOfPartitions") == ["4"]
    # Get-Volume lists the EFI (FAT32) and recovery volumes without a drive letter too
    assert out(built, "Get-Volume | Where-Object { -not $_.DriveLetter -and $_.FileSystemType -ne 'CSVFS' } | ForEach-Object FileSystemType") == \
        ["FAT32", "NTFS"]


def test_storage_queries_after_the_chain(built: Path) -> None:
    assert out(built, "Get-Disk | Where-Object BusType -eq 'iSCSI' | ForEach-Object { \"$($_.Number) $($_.IsClustered)\" }") == ["1 True", "2 True"]
    assert out(built, "Get-Volume | Where-Object FileSystemType -eq 'CSVFS' | Select-Object -ExpandProperty FileSystemLabel") == ["CSV01"]
    assert out(built, "Get-Disk | Group-Object BusType | Sort-Object Name | ForEach-Object { \"$($_.Name)=$($_.Count)\" }") == ["iSCSI=2", "SCSI=1"]
    assert out(built, "Get-IscsiSession | ForEach-Object { \"$($_.IsPersistent) $($_.IsConnected)\" }") == ["True True"]


# -- Hyper-V ---------------------------------------------------------------------------------------------

def test_hyperv_queries_after_the_chain(built: Path) -> None:
    r, e = one_error(built, "Get-VM -Name nosuch")
    assert e.message == 'Hyper-V was unable to find a virtual machine with name "nosuch".'
    assert out(built, "@(Get-VM -Name no*).Count") == ["0"]
    assert out(built, "Get-VM | Select-Object Name, State, @{n='MemGB';e={$_.MemoryAssigned/1GB}} | ForEach-Object { \"$($_.Name) $($_.State) $($_.MemGB)\" }") == \
        ["HA-VM01 Running 2"]
    assert out(built, "(Get-VM HA-VM01).IsClustered") == ["True"]
    assert out(built, "(Get-VMHardDiskDrive -VMName HA-VM01).Path") == [r"C:\ClusterStorage\Volume1\VHDs\HA-VM01.vhdx"]


# -- DnsClient -------------------------------------------------------------------------------------------

def test_get_dnsclientserveraddress_lists_each_ip_interface_and_family(built: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/dnsclient/get-dnsclientserveraddress?view=windowsserver2022-ps
    rows = out(built, "Get-DnsClientServerAddress | ForEach-Object { \"$($_.InterfaceAlias)|$($_.AddressFamily)|$($_.ServerAddresses -join ',')\" }")
    assert "Management|IPv4|10.0.40.10" in rows and "Management|IPv6|fec0:0:0:ffff::1,fec0:0:0:ffff::2,fec0:0:0:ffff::3" in rows
    assert "Loopback Pseudo-Interface 1|IPv6|fec0:0:0:ffff::1,fec0:0:0:ffff::2,fec0:0:0:ffff::3" in rows
    # the adapter the external switch took has no IP interface, so no DNS client settings either
    assert not any(r.startswith("Public|") for r in rows) and len(rows) % 2 == 0
    assert out(built, "Get-DnsClientServerAddress -InterfaceAlias Management -AddressFamily IPv4 | Select-Object -ExpandProperty ServerAddresses") == \
        ["10.0.40.10"]
    header = out(built, "Get-DnsClientServerAddress -InterfaceAlias Management")
    assert header[:2] == ["InterfaceAlias               Interface Address ServerAddresses", "                             Index     Family"]
    _, e = one_error(built, "Get-DnsClientServerAddress -InterfaceAlias Public")
    assert e.message == NOT_FOUND.format(cls="MSFT_DNSClientServerAddress", prop="InterfaceAlias", value="Public")


# -- properties: documented defaults, or a loud refusal instead of a silent $null -------------------------

def test_documented_properties_the_twin_lacks_are_refused_not_null(built: Path) -> None:
    # MSFT_Disk.ProvisioningType is documented (learn.microsoft.com/windows-hardware/drivers/storage/msft-disk);
    # the twin does not model it, so a filter on it must not quietly match nothing
    r = q(built, "Get-Disk | Where-Object ProvisioningType -eq 'Thin'")
    assert r.errors and "The property 'ProvisioningType' of ROOT/Microsoft/Windows/Storage/MSFT_Disk is not emulated" in r.errors[0].message
    r = q(built, "(Get-Cluster).ShutdownTimeoutInMinutes")
    assert r.errors and r.errors[0].error_id.startswith("NotEmulated")
    # a name no Windows object has is still $null, as in PowerShell
    assert out(built, "$null -eq (Get-ClusterNode CLUSTERNODE-1).Nmae") == ["True"]


def test_documented_defaults_of_cluster_objects(built: Path) -> None:
    # group common properties (learn.microsoft.com/previous-versions/windows/desktop/mscs/groups-failoverthreshold ...)
    assert out(built, "Get-ClusterGroup HA-VM01 | ForEach-Object { \"$($_.FailoverThreshold) $($_.FailoverPeriod) $($_.AutoFailbackType)\" }") == \
        ["4294967295 6 0"]
    # the node's Windows version (MSCluster_Node MajorVersion / MinorVersion / BuildNumber): Windows Server 2022 is 10.0.20348
    assert out(built, "Get-ClusterNode CLUSTERNODE-1 | ForEach-Object { \"$($_.MajorVersion).$($_.MinorVersion).$($_.BuildNumber)\" }") == ["10.0.20348"]
    assert out(built, "(Get-Cluster).CrossSiteThreshold; (Get-Cluster).QuarantineThreshold") == ["20", "3"]
    assert out(built, "Get-Disk | ForEach-Object { \"$($_.Number) $($_.BootFromDisk)\" }") == ["0 True", "1 False", "2 False"]


def test_setting_a_common_property_reaches_the_cluster(built: Path, tmp_path: Path) -> None:
    # Get-Cluster's page, examples 4 and 5: a common property is set by assignment on the object, and it sticks
    import shutil

    state = tmp_path / "state"
    shutil.copytree(built, state)
    assert out(state, "Get-Cluster | ForEach-Object -Process {$_.CrossSubnetDelay = 1500}; (Get-Cluster).CrossSubnetDelay") == ["1500"]
    assert out(state, "(Get-Cluster).SameSubnetThreshold = 20") == []
    assert out(state, "(Get-Cluster).SameSubnetThreshold", host=N2) == ["20"]
    assert out(state, "(Get-ClusterGroup HA-VM01).Priority = 3000; (Get-ClusterGroup HA-VM01).Priority") == ["3000"]
    assert out(state, f"(Get-ClusterNode {N2}).NodeWeight = 0; Get-ClusterNode {N2} | ForEach-Object {{ \"$($_.NodeWeight) $($_.DynamicWeight)\" }}") == ["0 0"]
    # what cannot be set says so, as PowerShell does
    _, e = one_error(state, "(Get-ClusterGroup HA-VM01).State = 'Offline'")
    assert e.message == "'State' is a ReadOnly property."
    _, e = one_error(state, "(Get-Cluster).NoSuchProperty = 1")
    assert e.message == "The property 'NoSuchProperty' cannot be found on this object. Verify that the property exists and can be set."
    _, e = one_error(state, "(Get-Cluster).CrossSubnetDelay = 'soon'")
    assert e.message.startswith('Exception setting "CrossSubnetDelay": "Cannot convert value "soon" to type "System.UInt32".')
    assert "not emulated" in one_error(state, "(Get-Cluster).Name = 'RENAMED'")[1].message
    assert out(state, "(Get-Cluster).Name") == ["HVCLUSTER"]


def test_get_cluster_lists_its_common_properties(built: Path) -> None:
    # Get-Cluster's page, example 1 (Format-List -Property *) and example 6 (Quarantine*)
    assert out(built, "Get-Cluster | Format-List -Property Quarantine*") == ["QuarantineThreshold : 3", "QuarantineDuration  : 7200"]
    assert out(built, "(Get-Cluster).ClusterLogLevel; (Get-Cluster).ClusterLogSize; (Get-Cluster).AddEvictDelay") == ["3", "300", "60"]


def test_net_adapter_numbers_and_unmodelled_members(built: Path) -> None:
    # MSFT_NetAdapter (learn.microsoft.com/previous-versions/windows/desktop/legacy/hh968170): the lab's 10 GbE links
    assert out(built, "Get-NetAdapter iSCSI | ForEach-Object { \"$($_.LinkSpeed) $($_.Speed) $($_.MtuSize) $($_.FullDuplex)\" }") == \
        ["10 Gbps 10000000000 1500 True"]
    r = q(built, "(Get-NetAdapter iSCSI).NetLuid")
    assert r.errors and "NetLuid" in r.errors[0].message and "not emulated" in r.errors[0].message
    # a clustered disk's GUID parameter is the disk's GUID in braces, once
    guid = out(built, "Get-ClusterResource 'Cluster Disk 2' | Get-ClusterParameter DiskIdGuid | Select-Object -ExpandProperty Value")[0]
    assert guid.startswith("{") and guid.endswith("}") and not guid.startswith("{{")


def test_vm_properties_an_admin_reads(built: Path) -> None:
    # a new VM on Windows Server 2022 has configuration version 10.0 ("Upgrade virtual machine version", Microsoft Learn)
    assert out(built, "(Get-VM HA-VM01).Version; (Get-VM HA-VM01).CheckpointType; (Get-VM HA-VM01).AutomaticStopAction") == \
        ["10.0", "Production", "Save"]
    assert out(built, "(Get-VM HA-VM01).ReplicationState; @((Get-VM HA-VM01).DVDDrives).Count") == ["Disabled", "0"]
    r = q(built, "(Get-VM HA-VM01).IntegrationServicesVersion")
    assert r.errors and "not emulated" in r.errors[0].message


# -- FailoverClusters: the pages' examples ----------------------------------------------------------------

def test_cluster_objects_are_listed_by_name_and_names_take_wildcards(built: Path) -> None:
    # the example outputs of Get-ClusterGroup and Get-ClusterResource list by name (Available Storage, Cluster Group ...)
    assert out(built, "Get-ClusterGroup | ForEach-Object Name") == ["Available Storage", "Cluster Group", "HA-VM01"]
    names = out(built, "Get-ClusterResource | ForEach-Object Name")
    assert names == sorted(names, key=str.lower) and names[:2] == ["Cluster Disk 1", "Cluster Disk 2"]
    # Get-ClusterResource's example 7: -Name *print-VM1
    assert out(built, "Get-ClusterResource -Name *HA-VM01 | ForEach-Object Name") == \
        ["Virtual Machine Configuration HA-VM01", "Virtual Machine HA-VM01"]
    r, e = one_error(built, "Get-ClusterGroup -Name 'Cluster*', 'Nope', 'Nop*' | ForEach-Object Name")
    assert r.output == ["Cluster Group"] and "'Nope'" in e.message and e.category == "ObjectNotFound"


def test_setting_resource_and_network_properties_as_the_pages_do(built: Path, tmp_path: Path) -> None:
    import shutil

    state = tmp_path / "state"
    shutil.copytree(built, state)
    # Get-ClusterResource's example 5; its example 2 lists RestartDelay 500 by default
    assert out(state, "(Get-ClusterResource 'Cluster Disk 1').RestartDelay") == ["500"]
    assert out(state, "Get-ClusterResource -Name 'Cluster Disk 1' | ForEach-Object -Process { $_.RestartDelay = 600 }; "
                      "(Get-ClusterResource 'Cluster Disk 1').RestartDelay") == ["600"]
    # Get-ClusterNetwork's example 2 renames a network by assignment; its interfaces and the IP resource follow
    assert out(state, "(Get-ClusterNetwork -Name 'Cluster Network 1').Name = 'Public Net'") == []
    assert "Public Net" in out(state, "Get-ClusterNetwork | ForEach-Object Name")
    assert out(state, f"(Get-ClusterNetworkInterface -Node {N1} | Where-Object Address -like '192.168.*').Network") == ["Public Net"]
    assert out(state, "(Get-ClusterResource 'Cluster IP Address' | Get-ClusterParameter Network).Value") == ["Public Net"]
    assert out(state, "(Get-ClusterNetwork 'Cluster Network 3').Metric = 1000; Get-ClusterNetwork 'Cluster Network 3' | "
                      "ForEach-Object { \"$($_.Metric) $($_.AutoMetric)\" }") == ["1000 False"]


def test_get_clusterparameter_table_headers(built: Path) -> None:
    # Get-ClusterResource's page (Windows Server 2012), example 3: "Object Name Value Type"
    lines = out(built, "Get-ClusterResource 'Cluster IP Address' | Get-ClusterParameter")
    assert lines[0].split() == ["Object", "Name", "Value", "Type"]
    assert lines[2].split()[-1] == "String" and "192.168.10.50" in "\n".join(lines)


def test_ipconfig_shows_the_same_link_local_address(built: Path) -> None:
    link = out(built, "(Get-NetIPAddress -AddressFamily IPv6 -InterfaceAlias Management).IPAddress")[0]
    text = "\n".join(out(built, "ipconfig"))
    block = text.split("Ethernet adapter Management:", 1)[1].split("Ethernet adapter", 1)[0]
    assert f"   Link-local IPv6 Address . . . . . : {link}\n   IPv4 Address" in block


def test_a_cim_instance_is_a_ciminstance(built: Path) -> None:
    # CIM cmdlets return Microsoft.Management.Infrastructure.CimInstance objects; the class is in PSTypeNames
    assert out(built, "(Get-Disk 1).GetType().FullName; (Get-NetAdapter iSCSI).GetType().Name") == \
        ["Microsoft.Management.Infrastructure.CimInstance", "CimInstance"]
    assert out(built, "(Get-Disk 1).PSObject.TypeNames[0]") == ["Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Storage/MSFT_Disk"]


def test_the_cluster_address_sits_on_the_core_group_owner(built: Path) -> None:
    # the Cluster IP Address resource adds the cluster's address to the owner's public interface, skip-as-source
    owner = out(built, "(Get-ClusterGroup 'Cluster Group').OwnerNode.Name")[0]
    other = N2 if owner == N1 else N1
    rows = out(built, "Get-NetIPAddress -AddressFamily IPv4 | Where-Object SkipAsSource | ForEach-Object { \"$($_.IPAddress) $($_.InterfaceAlias)\" }",
               host=owner)
    assert rows == ["192.168.10.50 vEthernet (External)"]
    assert "   IPv4 Address. . . . . . . . . . . : 192.168.10.50" in "\n".join(out(built, "ipconfig", host=owner))
    _, e = one_error(built, "Get-NetIPAddress -IPAddress 192.168.10.50", host=other)
    assert e.message == NOT_FOUND.format(cls="MSFT_NetIPAddress", prop="IPAddress", value="192.168.10.50")


def test_hyperv_objects_are_read_only_snapshots(built: Path) -> None:
    # Hyper-V's objects change through Set-VM & co.; an assignment is PowerShell's ReadOnly error, not a changed copy
    _, e = one_error(built, "$vm = Get-VM HA-VM01; $vm.Notes = 'moved'")
    assert e.message == "'Notes' is a ReadOnly property."
    # a CIM instance is a local copy that may be changed (it changes nothing on the host)
    assert out(built, "$d = Get-Disk 1; $d.IsReadOnly = $true; $d.IsReadOnly; (Get-Disk 1).IsReadOnly") == ["True", "False"]


def test_a_note_property_added_to_a_vm_stays_writable(built: Path) -> None:
    # Add-Member's note property is the script's own, not one of Hyper-V's get-only properties
    assert out(built, "$vm = Get-VM HA-VM01 | Add-Member -NotePropertyName Tag -NotePropertyValue 1 -PassThru; $vm.Tag = 2; $vm.Tag") == ["2"]
