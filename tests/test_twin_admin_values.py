"""An admin's queries after the chain, round 2: the cluster, Hyper-V, storage and network objects as values --
their string forms ("$x", .ToString(), -join, -f, concatenation), comparisons and filters, their .NET types
(GetType(), -is, Get-Member) and the types of their numbers.

Expected answers, from:
- CimInstance.ToString(): MMI (https://github.com/PowerShell/MMI, src/Microsoft.Management.Infrastructure/CimInstance.cs,
  Internal/Helpers.cs ToStringFromNameAndValue, Resources/Strings.resx) -- ``Class (Key = "value")``, a value cut to
  40 characters and "..."; the nested disks of Get-StorageNode's page, example 3
  (https://learn.microsoft.com/en-us/powershell/module/storage/get-storagenode?view=windowsserver2022-ps), begin
  ``MSFT_Disk (ObjectId = "{1}\\\\...``; the class pages for the key properties (labkit/twin/cim_tostring.py);
- Hyper-V's objects: VirtualizationObject.ToString() of the Hyper-V module -- ``Type (friendly ids) [unique ids]``, and
  ``Type, Name = '...'`` for an adapter no VM owns (VMNetworkAdapterBase.ToString);
- FailoverClusters' objects print as their name (Get-ClusterGroup's and Get-ClusterResource's example outputs), and
  Move-ClusterVirtualMachineRole's example 4 filters with ``Where-Object ResourceType -Like "Virtual Machine"``;
- the cmdlets' OUTPUTS sections for the .NET types (Get-ClusterNode: Microsoft.FailoverClusters.PowerShell.ClusterNode,
  Get-VM: Microsoft.HyperV.PowerShell.VirtualMachine, Get-Disk: CimInstance#ROOT/Microsoft/Windows/Storage/MSFT_Disk);
- the MSFT_Disk / MSFT_Volume / MSFT_Partition / MSFT_NetAdapter pages for the numbers' types (UInt64 sizes, UInt32
  numbers); Measure-Object's GenericMeasureInfo (Nullable<double> Sum) in PowerShell's Measure-Object.cs.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from labkit.twin.session import load_world, run_script

N1, N2 = "CLUSTERNODE-1", "CLUSTERNODE-2"


@pytest.fixture(scope="module")
def lab(full_lab: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This module's own copy of the lab after the whole procedure (the queries only read it)."""
    copy = tmp_path_factory.mktemp("admin-values") / "state"
    shutil.copytree(full_lab, copy)
    return copy


def out(state: Path, script: str, host: str = N1) -> list[str]:
    r = run_script(script, host=host, state_dir=state)
    assert not r.errors, r.error_text
    return [line.rstrip() for line in r.text.strip("\n").splitlines()]


def one(state: Path, script: str) -> str:
    lines = out(state, script)
    assert len(lines) == 1, lines
    return lines[0]


def cim_key(name: str, value: str) -> str:
    """One key of CimInstance.ToString(): the quoted value, cut after 40 characters."""
    quoted = f'"{value}"'
    return f"{name} = {quoted[:40] + '...' if len(quoted) > 40 else quoted}"


# -- string forms ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, cls", [
    ("Get-Disk 1", "MSFT_Disk"), ("Get-Disk 0", "MSFT_Disk"),
    ("Get-Partition -DriveLetter C", "MSFT_Partition"), ("Get-Volume -DriveLetter C", "MSFT_Volume"),
])
def test_a_storage_object_prints_as_its_class_and_object_id(lab: Path, query: str, cls: str) -> None:
    object_id = one(lab, f"({query}).ObjectId")
    # the storage provider's instance path, as the pages' nested disks begin
    assert object_id.startswith(f"{{1}}\\\\{N1}\\root/Microsoft/Windows/Storage/Providers_v2\\WSP_")
    expected = f"{cls} ({cim_key('ObjectId', object_id)})"
    assert expected.startswith(f'{cls} (ObjectId = "{{1}}\\\\{N1}\\root/Microsoft/Windo...')
    assert out(lab, f'$x = {query}; "$x"; $x.ToString(); [string]$x; "{{0}}" -f $x; "" + $x') == [expected] * 5


def test_several_cim_instances_in_a_string_are_joined_by_spaces(lab: Path) -> None:
    ids = out(lab, "Get-Disk | ForEach-Object ObjectId")
    strings = [f"MSFT_Disk ({cim_key('ObjectId', i)})" for i in ids]
    assert out(lab, '"$(Get-Disk)"') == [" ".join(strings)]
    assert out(lab, "(Get-Disk) -join '|'") == ["|".join(strings)]


def test_a_net_adapter_prints_its_four_cim_keys(lab: Path) -> None:
    guid, fqdn = out(lab, "$a = Get-NetAdapter iSCSI; $a.InterfaceGuid; $a.SystemName")
    assert re.fullmatch(r"\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", guid)
    assert fqdn.lower() == f"{N1}.lab.local".lower()
    # DeviceID is the interface GUID (CIM_LogicalDevice's key); the class is its own CreationClassName
    assert out(lab, "(Get-NetAdapter iSCSI).DeviceID") == [guid]
    assert out(lab, '"$(Get-NetAdapter iSCSI)"') == [
        f'MSFT_NetAdapter (CreationClassName = "MSFT_NetAdapter", DeviceID = "{guid}", '
        f'SystemCreationClassName = "CIM_NetworkPort", SystemName = "{fqdn}")']
    # the same adapter on the other node is another device
    assert out(lab, "(Get-NetAdapter iSCSI).InterfaceGuid", host=N2) != [guid]


def test_an_ip_address_prints_its_opaque_name_and_three_empty_keys(lab: Path) -> None:
    rows = out(lab, "Get-NetIPAddress -AddressFamily IPv4 | ForEach-Object { \"$_\" }")
    assert rows and all(re.fullmatch(r'MSFT_NetIPAddress \(Name = "[^"]+", CreationClassName = "", SystemCreationClassName = "", '
                                     r'SystemName = ""\)', r) for r in rows), rows
    assert len(set(rows)) == len(rows), "each address has its own key"
    name = one(lab, "(Get-NetIPAddress -InterfaceAlias iSCSI -AddressFamily IPv4).Name")
    assert one(lab, '"$(Get-NetIPAddress -InterfaceAlias iSCSI -AddressFamily IPv4)"').startswith(f"MSFT_NetIPAddress ({cim_key('Name', name)},")


def test_iscsi_objects_print_their_keys(lab: Path) -> None:
    iqn = one(lab, "(Get-IscsiTarget).NodeAddress")
    assert out(lab, '"$(Get-IscsiTarget)"') == [f"MSFT_iSCSITarget ({cim_key('NodeAddress', iqn)})"]
    assert len(f'"{iqn}"') > 40 and one(lab, '"$(Get-IscsiTarget)"').endswith('...)')
    session = one(lab, "(Get-IscsiSession).SessionIdentifier")
    assert out(lab, '"$(Get-IscsiSession)"') == [f'MSFT_iSCSISession (SessionIdentifier = "{session}")']
    portal = one(lab, "(Get-IscsiTargetPortal).TargetPortalAddress")
    # a number is written without quotes
    assert out(lab, '"$(Get-IscsiTargetPortal)"') == [f'MSFT_iSCSITargetPortal (TargetPortalAddress = "{portal}", TargetPortalPortNumber = 3260)']


def test_a_cim_class_whose_keys_the_twin_does_not_hold_refuses_its_string_form(lab: Path) -> None:
    r = run_script('"$(Get-DnsClientServerAddress -InterfaceAlias iSCSI -AddressFamily IPv4)"', host=N1, state_dir=lab)
    assert r.output == [] and len(r.errors) == 1
    assert r.errors[0].error_id == "NotEmulated" and "MSFT_DNSClientServerAddress" in r.errors[0].message
    # its properties still read
    assert out(lab, "(Get-DnsClientServerAddress -InterfaceAlias iSCSI -AddressFamily IPv4).InterfaceAlias") == ["iSCSI"]


def test_hyperv_objects_print_as_the_hyperv_module_writes_them(lab: Path) -> None:
    vm_host = _vm_host(lab)
    vm_id = out(lab, "(Get-VM HA-VM01).Id", host=vm_host)[0]
    assert out(lab, '"$(Get-VM HA-VM01)"; (Get-VM HA-VM01).ToString()', host=vm_host) == [f"VirtualMachine (Name = 'HA-VM01') [Id = '{vm_id}']"] * 2
    assert out(lab, '"$(Get-VMNetworkAdapter -VMName HA-VM01)"', host=vm_host) == \
        [f"VMNetworkAdapter (Name = 'Network Adapter', VMName = 'HA-VM01') [VMId = '{vm_id}']"]
    switch_id = one(lab, "(Get-VMSwitch External).Id")
    assert out(lab, '"$(Get-VMSwitch External)"') == [f"VMSwitch (Name = 'External') [Id = '{switch_id}']"]
    # the management OS's adapter has no VM: "Type, Name = '...'"
    assert out(lab, '"$(Get-VMNetworkAdapter -ManagementOS)"') == ["VMInternalNetworkAdapter, Name = 'External'"]


def test_cluster_objects_print_as_their_name(lab: Path) -> None:
    assert out(lab, '"$(Get-Cluster)"; "$(Get-ClusterNode CLUSTERNODE-1)"; "$(Get-ClusterGroup HA-VM01)"; '
                    '"$(Get-ClusterResource \'Cluster Disk 1\')"; "$(Get-ClusterSharedVolume)"; (Get-ClusterNode CLUSTERNODE-2).ToString()') == \
        ["HVCLUSTER", N1, "HA-VM01", "Cluster Disk 1", "Cluster Disk 2", N2]
    assert out(lab, "(Get-ClusterNode) -join ', '; 'owner: ' + (Get-ClusterGroup 'Cluster Group').Cluster; "
                    "'{0} on {1}' -f (Get-ClusterResource 'Cluster Disk 1'), (Get-ClusterResource 'Cluster Disk 1').OwnerGroup") == \
        [f"{N1}, {N2}", "owner: HVCLUSTER", "Cluster Disk 1 on Cluster Group"]


def test_an_enum_prints_its_name_and_compares_by_name_or_number(lab: Path) -> None:
    # ClusterNodeState: Up = 0 (Get-ClusterNode's page lists the states Up, Down, Paused, Joining)
    assert out(lab, "$s = (Get-ClusterNode CLUSTERNODE-1).State; $s; \"$s\"; $s.ToString(); $s.value__; [int]$s; $s -eq 'up'; $s -eq 0; $s -like 'U*'") == \
        ["Up", "Up", "Up", "0", "0", "True", "True", "True"]
    assert out(lab, "Get-ClusterNode | Where-Object State -eq 'Up' | ForEach-Object Name") == [N1, N2]
    assert out(lab, "Get-ClusterNode | Where-Object State -eq 0 | ForEach-Object Name") == [N1, N2]
    assert out(lab, "Get-ClusterNode | Where-Object State -ne 'Up' | ForEach-Object Name") == []
    assert out(lab, "Get-ClusterGroup | Group-Object State | ForEach-Object { \"$($_.Name)=$($_.Count)\" }") == ["Online=3"]
    assert out(lab, "(Get-VM HA-VM01).State -eq 'running'; (Get-VM HA-VM01).State -eq 2; (Get-VM HA-VM01).State.value__",
               host=_vm_host(lab)) == ["True", "True", "2"]


def _vm_host(lab: Path) -> str:
    return next(vm.host for vm in load_world(lab).vms if vm.name == "HA-VM01")


def test_like_on_objects_compares_their_string_form(lab: Path) -> None:
    # Move-ClusterVirtualMachineRole's example 4: the groups of a node that hold a Virtual Machine resource
    owner = _vm_host(lab)
    script = (f"Get-ClusterNode -Name {owner} | Get-ClusterGroup | Where-Object -FilterScript {{ "
              "Get-ClusterResource -InputObject $_ | Where-Object ResourceType -Like 'Virtual Machine' } | ForEach-Object Name")
    assert out(lab, script) == ["HA-VM01"]
    assert out(lab, "(Get-ClusterGroup HA-VM01).OwnerNode -like 'CLUSTERNODE-*'; (Get-ClusterNode).Name -contains 'clusternode-1'; "
                    "(Get-ClusterNode).Name -notcontains 'CLUSTERNODE-3'") == ["True", "True", "True"]
    # -like and -match read a CIM instance as its ToString()
    assert out(lab, "(Get-Disk 1) -like 'MSFT_Disk (ObjectId = *'; (Get-Disk 1) -match '^MSFT_Disk \\(ObjectId'") == ["True", "True"]


# -- numbers and their types ----------------------------------------------------------------------------------

def test_storage_sizes_are_uint64_and_their_sum_a_double(lab: Path) -> None:
    assert out(lab, "$d = Get-Disk 1; $d.Size.GetType().FullName; $d.Number.GetType().Name; $d.NumberOfPartitions.GetType().Name; "
                    "$d.LogicalSectorSize.GetType().Name") == ["System.UInt64", "UInt32", "UInt32", "UInt32"]
    assert out(lab, "(Get-Volume -DriveLetter C).SizeRemaining.GetType().Name; (Get-Partition -DriveLetter C).Offset.GetType().Name; "
                    "(Get-Partition -DriveLetter C).PartitionNumber.GetType().Name") == ["UInt64", "UInt64", "UInt32"]
    sizes = [int(s) for s in out(lab, "Get-Disk | Select-Object -ExpandProperty Size")]
    world = load_world(lab)
    assert sorted(sizes[1:]) == sorted(d.size for d in world.disks if any(v.disk_id == d.id for v in world.find_host(N1).disks))
    # GenericMeasureInfo.Sum is a Nullable<double>: a sum of sizes is a Double that prints as a whole number
    assert out(lab, "$m = Get-Disk | Measure-Object -Property Size -Sum -Maximum; $m.Sum; $m.Sum.GetType().Name; $m.Maximum.GetType().Name; $m.Count") == \
        [str(sum(sizes)), "Double", "Double", "3"]
    assert out(lab, "Get-Disk | Sort-Object Size -Descending | ForEach-Object Number") == \
        [str(n) for _, n in sorted(zip(sizes, range(3)), reverse=True)]
    assert out(lab, "(Get-Disk 1).Size / 1GB; (Get-Disk 1).Size -ge 1GB; Get-Disk | Where-Object Size -gt 100GB | Measure-Object | ForEach-Object Count") == \
        [str(sizes[1] // 1024**3), "True", str(sum(1 for s in sizes if s > 100 * 1024**3))]


def test_network_numbers_have_their_class_types(lab: Path) -> None:
    assert out(lab, "$a = Get-NetAdapter iSCSI; $a.ifIndex.GetType().Name; $a.InterfaceIndex.GetType().Name; $a.Speed.GetType().Name; $a.MtuSize.GetType().Name; "
                    "(Get-NetIPAddress -InterfaceAlias iSCSI -AddressFamily IPv4).PrefixLength.GetType().Name") == \
        ["UInt32", "UInt32", "UInt64", "UInt32", "Byte"]
    # filters still compare them with plain numbers
    assert out(lab, "Get-NetIPAddress -AddressFamily IPv4 | Where-Object PrefixLength -eq 24 | Measure-Object | ForEach-Object Count") == ["5"]


def test_vm_memory_figures_are_int64(lab: Path) -> None:
    host = _vm_host(lab)
    assert out(lab, "$vm = Get-VM HA-VM01; $vm.MemoryStartup.GetType().Name; $vm.MemoryAssigned.GetType().Name; $vm.ProcessorCount.GetType().Name; "
                    "$vm.MemoryStartup / 1GB", host=host) == ["Int64", "Int64", "Int64", "2"]


# -- .NET types: GetType(), -is, Get-Member ---------------------------------------------------------------------

def test_objects_are_of_the_types_the_pages_name(lab: Path) -> None:
    host = _vm_host(lab)
    assert out(lab, "(Get-ClusterNode CLUSTERNODE-1).GetType().FullName; (Get-ClusterGroup HA-VM01).GetType().FullName; "
                    "(Get-Cluster).GetType().FullName; (Get-Disk 1).GetType().FullName") == \
        ["Microsoft.FailoverClusters.PowerShell.ClusterNode", "Microsoft.FailoverClusters.PowerShell.ClusterGroup",
         "Microsoft.FailoverClusters.PowerShell.Cluster", "Microsoft.Management.Infrastructure.CimInstance"]
    assert out(lab, "(Get-ClusterNode CLUSTERNODE-1) -is [Microsoft.FailoverClusters.PowerShell.ClusterNode]; "
                    "(Get-ClusterNode CLUSTERNODE-1) -is [Microsoft.FailoverClusters.PowerShell.ClusterGroup]; "
                    "(Get-ClusterNode CLUSTERNODE-1).State -is [Microsoft.FailoverClusters.PowerShell.ClusterNodeState]; "
                    "(Get-ClusterNode CLUSTERNODE-1).State -is [enum]; (Get-Disk 1) -is [ciminstance]; "
                    "((Get-ClusterResource 'Cluster Disk 1') -as [Microsoft.FailoverClusters.PowerShell.ClusterResource]).Name") == \
        ["True", "False", "True", "True", "True", "Cluster Disk 1"]
    assert out(lab, "$vm = Get-VM HA-VM01; $vm.GetType().FullName; $vm -is [Microsoft.HyperV.PowerShell.VirtualMachine]; "
                    "$vm.State.GetType().FullName; (Get-VMSwitch External) -is [Microsoft.HyperV.PowerShell.VMSwitch]", host=host) == \
        ["Microsoft.HyperV.PowerShell.VirtualMachine", "True", "Microsoft.HyperV.PowerShell.VMState", "True"]


def test_get_member_names_the_type_and_the_property_types(lab: Path) -> None:
    rows = out(lab, "Get-Disk 1 | Get-Member -Name Size, Number, ObjectId | ForEach-Object { \"$($_.TypeName)|$($_.Name)|$($_.MemberType)|$($_.Definition)\" }")
    cim = "Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Storage/MSFT_Disk"
    assert rows == [f"{cim}|Number|Property|uint32 Number {{get;}}", f"{cim}|ObjectId|Property|string ObjectId {{get;}}",
                    f"{cim}|Size|Property|uint64 Size {{get;}}"]
    text = "\n".join(out(lab, "Get-ClusterNode CLUSTERNODE-1 | Get-Member -MemberType Property -Name State | Out-String -Width 150"))
    assert "   TypeName: Microsoft.FailoverClusters.PowerShell.ClusterNode" in text
    assert "Microsoft.FailoverClusters.PowerShell.ClusterNodeState State {get;}" in text
    vm = out(lab, "Get-VM HA-VM01 | Get-Member -Name MemoryStartup, State | ForEach-Object Definition", host=_vm_host(lab))
    assert vm == ["long MemoryStartup {get;}", "Microsoft.HyperV.PowerShell.VMState State {get;}"]


# -- all properties: what the twin does not model is said, never silently left out or $null ----------------------

def test_format_list_star_warns_of_the_documented_properties_it_cannot_list(lab: Path) -> None:
    # Get-Cluster's page, example 1: Get-Cluster | Format-List -Property *
    r = run_script("Get-Cluster | Format-List -Property *", host=N1, state_dir=lab)
    assert not r.errors and r.text.split("\n")[2].startswith("Domain ")
    assert len(r.warnings) == 1 and "Microsoft.FailoverClusters.PowerShell.Cluster" in r.warnings[0]
    assert "ShutdownTimeoutInMinutes" in r.warnings[0] and "QuarantineThreshold" not in r.warnings[0]
    # a pattern that names only modelled properties lists them without a warning (Get-Cluster's example 6)
    r = run_script("Get-Cluster | Format-List -Property Quarantine*", host=N1, state_dir=lab)
    assert r.warnings == [] and r.text.strip().splitlines() == ["QuarantineThreshold : 3", "QuarantineDuration  : 7200"]
    r = run_script("Get-VM HA-VM01 | Select-Object * | ForEach-Object Name", host=_vm_host(lab), state_dir=lab)
    assert r.output == ["HA-VM01"] and len(r.warnings) == 1 and "IntegrationServicesVersion" in r.warnings[0]


@pytest.mark.parametrize("script", [
    "Get-VM HA-VM01 | Measure-Object -Property CreationTime",
    "Get-VM HA-VM01 | Select-Object -ExpandProperty IntegrationServicesVersion",
    "Get-VM HA-VM01 | Where-Object Heartbeat -eq 'OkApplicationsHealthy'",
    "Get-VM HA-VM01 | Sort-Object CreationTime",
    "Get-Disk | Group-Object ProvisioningType",
])
def test_a_documented_property_the_twin_lacks_is_refused_by_every_cmdlet_that_reads_it(lab: Path, script: str) -> None:
    r = run_script(script, host=_vm_host(lab), state_dir=lab)
    assert r.output == [] and len(r.errors) == 1, (r.text, r.error_text)
    assert r.errors[0].error_id.startswith("NotEmulated") and "not emulated" in r.errors[0].message


def test_select_object_makes_custom_objects_named_after_the_input_type(lab: Path) -> None:
    # SelectObjectCommand.SetPSCustomObject: "Selected." + the input's .NET type, on a PSCustomObject
    host = _vm_host(lab)
    assert out(lab, "$s = Get-VM HA-VM01 | Select-Object Name, State; $s.pstypenames -join ','; $s.GetType().FullName; $s.State; "
                    "($s | Get-Member -MemberType NoteProperty | ForEach-Object { \"$($_.TypeName) $($_.Name)\" }) -join ','", host=host) == \
        ["Selected.Microsoft.HyperV.PowerShell.VirtualMachine,System.Management.Automation.PSCustomObject,System.Object",
         "System.Management.Automation.PSCustomObject", "Running",
         "Selected.Microsoft.HyperV.PowerShell.VirtualMachine Name,Selected.Microsoft.HyperV.PowerShell.VirtualMachine State"]
    # a CIM instance's .NET type is CimInstance, whatever its class
    assert out(lab, "(Get-Disk 1 | Select-Object Number, Size).pstypenames[0]; (Get-ClusterNode CLUSTERNODE-1 | Select-Object Name).pstypenames[0]") == \
        ["Selected.Microsoft.Management.Infrastructure.CimInstance", "Selected.Microsoft.FailoverClusters.PowerShell.ClusterNode"]


def test_a_cim_instance_names_its_class_and_superclasses(lab: Path) -> None:
    # CimInstanceTypeAdapter.GetTypeNameHierarchy: the class chain with the namespace, then without, then the .NET types;
    # MSFT_Disk derives from MSFT_StorageObject (msft-disk page)
    cim = "Microsoft.Management.Infrastructure.CimInstance"
    storage = "ROOT/Microsoft/Windows/Storage"
    assert out(lab, "(Get-Disk 1).pstypenames") == [f"{cim}#{storage}/MSFT_Disk", f"{cim}#{storage}/MSFT_StorageObject",
                                                   f"{cim}#MSFT_Disk", f"{cim}#MSFT_StorageObject", cim, "System.Object"]
    assert out(lab, "(Get-Volume -DriveLetter C).PSObject.TypeNames[1]; (Get-NetAdapter iSCSI).pstypenames[1]; "
                    "(Get-NetIPAddress -InterfaceAlias iSCSI -AddressFamily IPv4).pstypenames -contains "
                    f"'{cim}#CIM_IPProtocolEndpoint'") == \
        [f"{cim}#{storage}/MSFT_StorageObject", f"{cim}#ROOT/StandardCimv2/CIM_NetworkPort", "True"]
    # the first name, which Get-Member shows and the views select by, stays the class's own
    assert out(lab, "$d = Get-Disk 1; $null = $d.pstypenames; (Get-Member -InputObject $d -Name Size).TypeName; \"$d\" -like 'MSFT_Disk (*'") == \
        [f"{cim}#{storage}/MSFT_Disk", "True"]


def test_cluster_numbers_are_uint32_and_the_resiliency_level_an_enum(lab: Path, tmp_path: Path) -> None:
    # the cluster WMI classes declare their common properties uint32 (MSCluster_Node NodeWeight, MSCluster_ResourceGroup
    # FailoverThreshold, MSCluster_Cluster CrossSubnetDelay ...); ResiliencyLevel is 2, AlwaysIsolate, by default
    assert out(lab, "(Get-ClusterNode CLUSTERNODE-1).NodeWeight.GetType().Name; (Get-ClusterNode CLUSTERNODE-1).BuildNumber.GetType().Name; "
                    "(Get-ClusterGroup HA-VM01).FailoverThreshold.GetType().Name; (Get-Cluster).CrossSubnetDelay.GetType().Name; "
                    "(Get-ClusterResource 'Cluster Disk 1').RestartDelay.GetType().Name; (Get-ClusterNetwork 'Cluster Network 1').Metric.GetType().Name") == \
        ["UInt32"] * 6
    assert out(lab, "$r = (Get-Cluster).ResiliencyLevel; \"$r\"; $r.value__; $r -eq 'alwaysisolate'; $r.GetType().FullName") == \
        ["AlwaysIsolate", "2", "True", "Microsoft.FailoverClusters.PowerShell.ClusterResiliencyLevel"]
    assert out(lab, "(Get-ClusterNode CLUSTERNODE-1).DrainStatus.GetType().FullName; \"$((Get-ClusterNode CLUSTERNODE-1).DrainStatus)\"") == \
        ["Microsoft.FailoverClusters.PowerShell.ClusterNodeDrainStatus", "NotInitiated"]
    # a write keeps the type and reaches the cluster, by name or number
    state = tmp_path / "state"
    shutil.copytree(lab, state)
    assert out(state, "(Get-Cluster).ResiliencyLevel = 1; (Get-Cluster).CrossSubnetDelay = 1500") == []
    assert out(state, "\"$((Get-Cluster).ResiliencyLevel)\"; (Get-Cluster).CrossSubnetDelay.GetType().Name; (Get-Cluster).CrossSubnetDelay", host=N2) == \
        ["IsolateOnSpecialHeartbeat", "UInt32", "1500"]
    r = run_script("(Get-Cluster).ResiliencyLevel = 'Sometimes'", host=N1, state_dir=state)
    assert len(r.errors) == 1 and 'to type "Microsoft.FailoverClusters.PowerShell.ClusterResiliencyLevel"' in r.errors[0].message


def test_hyperv_drives_and_hosts_print_their_identifiers(lab: Path) -> None:
    host = _vm_host(lab)
    vm_id = out(lab, "(Get-VM HA-VM01).Id", host=host)[0]
    # Drive.Name: the device name, its controller and location; the string: friendly identifiers, then unique ones
    name, device = out(lab, "$d = Get-VMHardDiskDrive -VMName HA-VM01; $d.Name; $d.Id", host=host)
    assert name == "Hard Drive on SCSI controller number 0 at location 0"
    assert device.startswith(f"Microsoft:{vm_id.upper()}\\") and device.endswith("\\0\\0\\D")
    assert out(lab, '"$(Get-VMHardDiskDrive -VMName HA-VM01)"', host=host) == \
        [f"HardDiskDrive (Name = '{name}', VMName = 'HA-VM01') [Id = '{device}', VMId = '{vm_id}']"]
    # VMHost's Name is its friendly and unique identifier at once: named once
    assert out(lab, '"$(Get-VMHost)"') == [f"VMHost (Name = '{N1}')"]
    # an object whose identifiers the twin does not hold refuses its string form
    r = run_script('"$(Get-VMProcessor -VMName HA-VM01)"', host=host, state_dir=lab)
    assert len(r.errors) == 1 and r.errors[0].error_id == "NotEmulated" and "VMProcessor" in r.errors[0].message


def test_a_collection_cell_names_hyperv_objects_by_their_display_name(lab: Path) -> None:
    # PSObjectHelper.GetObjectName: an element whose class inherits ToString() shows its display name (the Name property)
    host = _vm_host(lab)
    text = "\n".join(out(lab, "Get-VM HA-VM01 | Format-List -Property Name, NetworkAdapters, HardDrives | Out-String -Width 200", host=host))
    assert "NetworkAdapters : {Network Adapter}" in text
    assert "HardDrives      : {Hard Drive on SCSI controller number 0 at location 0}" in text
    # a CIM instance declares ToString() itself: a cell shows it whole (the nested disks of Get-StorageNode's example 3)
    assert out(lab, "[pscustomobject]@{ Disks = @(Get-Disk 1) } | Format-List | Out-String -Width 200")[0].startswith(
        'Disks : {MSFT_Disk (ObjectId = "{1}\\\\')


def test_enums_sort_by_their_value_and_sizes_format_as_numbers(lab: Path) -> None:
    # an enum compares by its underlying value (GroupType: Cluster 1, AvailableStorage 2, VirtualMachine 111)
    assert out(lab, "Get-ClusterGroup | Sort-Object GroupType | ForEach-Object Name") == ["Cluster Group", "Available Storage", "HA-VM01"]
    assert out(lab, "(Get-ClusterGroup).GroupType.value__") == ["2", "1", "111"]
    size = int(one(lab, "(Get-Disk 1).Size"))
    assert out(lab, "'{0:N0}' -f (Get-Disk 1).Size; (Get-Disk 1).Size.ToString('N0'); [math]::Round((Get-Disk 2).Size / 1GB, 1)") == \
        [f"{size:,}", f"{size:,}", str(round(int(one(lab, '(Get-Disk 2).Size')) / 1024**3, 1)).removesuffix(".0")]


def test_get_member_shows_which_cluster_properties_an_assignment_may_change(lab: Path) -> None:
    # Get-Cluster's page, examples 4 and 5, and Get-ClusterNetwork's example 2 set properties by assignment: {get;set;}
    assert out(lab, "Get-ClusterNode CLUSTERNODE-1 | Get-Member -Name NodeWeight, State | ForEach-Object Definition") == \
        ["uint32 NodeWeight {get;set;}", "Microsoft.FailoverClusters.PowerShell.ClusterNodeState State {get;}"]
    assert out(lab, "Get-Cluster | Get-Member -Name CrossSubnetDelay, Id | ForEach-Object Definition; "
                    "Get-ClusterNetwork 'Cluster Network 1' | Get-Member -Name Name | ForEach-Object Definition") == \
        ["uint32 CrossSubnetDelay {get;set;}", "string Id {get;}", "string Name {get;set;}"]
