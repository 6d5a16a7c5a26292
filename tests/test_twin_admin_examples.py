"""Microsoft's own examples of the cmdlets the runbooks use, typed by an admin on the lab `labkit run` built
(`python benchmarks/doc_examples.py` runs every one of them and counts the outcomes).

Each test runs an example's text from its Windows Server 2022 page (learn.microsoft.com/powershell/module/<module>/
<cmdlet>?view=windowsserver2022-ps, "Example N"), with the lab's names for the page's (as
benchmarks/doc_example_names.py maps them), and checks the answer against what the page says it does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from labkit.twin.session import ScriptResult, run_script

N1, N2, STORAGE = "CLUSTERNODE-1", "CLUSTERNODE-2", "STORAGE01"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lab state after `labkit run` (the eight runbooks on the twin), built once for this module."""
    base = tmp_path_factory.mktemp("admin-examples")
    run = subprocess.run([sys.executable, "-m", "labkit.cli", "run", "--out", str(base / "out"), "--state", str(base / "state")],
                         capture_output=True, text=True, cwd=base, env={**os.environ, "COLUMNS": "200"}, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads((base / "out" / "summary.json").read_text())["ok"]
    return base / "state"


@pytest.fixture
def lab(built: Path, tmp_path: Path) -> Path:
    """The test's own copy of the built lab (examples change it)."""
    copy = tmp_path / "state"
    shutil.copytree(built, copy)
    return copy


def q(state: Path, script: str, host: str = N1, logon: str = "console") -> ScriptResult:
    return run_script(script, host=host, state_dir=state, logon=logon)


def out(state: Path, script: str, host: str = N1) -> list[str]:
    """The lines the example prints, with no error."""
    r = q(state, script, host)
    assert not r.errors, r.error_text
    return [line.rstrip() for line in r.text.strip("\n").splitlines()]


# -- IscsiTarget, ServerManager: -ComputerName ---------------------------------------------------------------

def test_iscsi_target_server_named_by_a_computer_name_the_lab_lacks_is_an_error_not_a_crash(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/iscsitarget/get-iscsiservertarget?view=windowsserver2022-ps
    # Example 2: "Get-IscsiServerTarget -ComputerName "fs1.contoso.com"" gets the targets of that server; a name DNS
    # cannot resolve is WinRM's error (it was a Python KeyError).
    r = q(lab, 'Get-IscsiServerTarget -ComputerName "fs1.contoso.com"', STORAGE)
    assert [e.message for e in r.errors] == [
        "WinRM cannot process the request because the server name cannot be resolved (fs1.contoso.com)."]
    # the lab's own server by its FQDN answers as by its name
    assert out(lab, "(Get-IscsiServerTarget -ComputerName STORAGE01.lab.local).TargetName", STORAGE) == \
        out(lab, "(Get-IscsiServerTarget).TargetName", STORAGE) == ["hvcluster-target"]


def test_get_windowsfeature_on_another_computer(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/servermanager/get-windowsfeature?view=windowsserver2022-ps
    # Example 4: "Get-WindowsFeature -ComputerName Server01 | Where Installed" lists the features installed on Server01.
    assert out(lab, "Get-WindowsFeature -ComputerName STORAGE01 | Where Installed | ForEach-Object Name") == \
        out(lab, "Get-WindowsFeature | Where Installed | ForEach-Object Name", STORAGE)
    assert "FS-iSCSITarget-Server" in out(lab, "Get-WindowsFeature -ComputerName STORAGE01 | Where Installed | ForEach-Object Name")
    r = q(lab, "Get-WindowsFeature -ComputerName Server01 | Where Installed")
    assert [e.message for e in r.errors] == ["WinRM cannot process the request because the server name cannot be resolved (Server01)."]
    # over WinRM without delegation, the second hop is refused as on Windows (labkit/twin/logon.py)
    r = q(lab, "Get-WindowsFeature -ComputerName STORAGE01", logon="ntlm")
    assert [e.message for e in r.errors] == ["Access is denied."]


# -- Storage and iSCSI: a disk and the session it is reached through ----------------------------------------

def test_iscsi_disks_piped_to_get_iscsisession_give_their_sessions(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/storage/get-disk?view=windowsserver2022-ps
    # Example 4: "gets all disks attached via the iSCSI bus ... passes the Disk objects in the pipeline to the
    # Get-IscsiSession cmdlet, which gets the associated iSCSI sessions" (-Disk was refused as not emulated).
    example = 'Get-Disk | Where-Object -FilterScript {$_.BusType -Eq "iSCSI"} |\nGet-IscsiSession | Format-Table'
    text = "\n".join(out(lab, example))
    assert "iqn.1991-05.com.microsoft:clusternode-1.lab.local" in text
    # one session per disk piped in (each input object is its own query), every one the node's session to the target
    iscsi_disks = out(lab, '@(Get-Disk | Where-Object BusType -Eq "iSCSI").Count')
    assert out(lab, '@(Get-Disk | Where-Object BusType -Eq "iSCSI" | Get-IscsiSession).Count') == iscsi_disks == ["2"]
    assert out(lab, 'Get-Disk | Where-Object BusType -Eq "iSCSI" | Get-IscsiSession | ForEach-Object TargetNodeAddress | '
                    'Sort-Object -Unique') == out(lab, "(Get-IscsiTarget).NodeAddress")
    # the OS disk is reached through no session
    assert out(lab, "@(Get-Disk -Number 0 | Get-IscsiSession).Count") == ["0"]
    # and back: a session piped to Get-Disk gives the disks of its target's LUNs
    assert out(lab, "Get-IscsiSession | Get-Disk | ForEach-Object Number") == \
        out(lab, 'Get-Disk | Where-Object BusType -Eq "iSCSI" | ForEach-Object Number')


# -- FailoverClusters ----------------------------------------------------------------------------------------

def test_vms_piped_to_add_clustervirtualmachinerole_become_roles(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/failoverclusters/add-clustervirtualmachinerole?view=windowsserver2022-ps
    # Example 3: "Get-VM -Name *print* | Add-ClusterVirtualMachineRole" makes every VM whose name contains print a
    # clustered role (the piped VM's VMId was refused as not emulated).
    out(lab, r"New-VM -Name print-VM1 -MemoryStartupBytes 512MB -Path C:\ClusterStorage\Volume1 -NoVHD | Out-Null")
    assert out(lab, "Get-VM -Name *print* | Add-ClusterVirtualMachineRole | ForEach-Object { $_.Name, $_.OwnerNode.Name, $_.GroupType }") == \
        ["print-VM1", N1, "VirtualMachine"]
    assert out(lab, "Get-ClusterGroup print-VM1 | Get-ClusterResource | ForEach-Object { $_.ResourceType.Name } | Sort-Object") == \
        ["Virtual Machine", "Virtual Machine Configuration"]
    # -VMId alone names the VM too; the lab's HA-VM01 is a role already: Windows' refusal, not a second role
    r = q(lab, "Add-ClusterVirtualMachineRole -VMId (Get-VM HA-VM01).VMId")
    assert [e.message for e in r.errors] == ["The virtual machine 'HA-VM01' is already a clustered role of cluster HVCLUSTER."]
    assert out(lab, "@(Get-ClusterGroup | Where-Object GroupType -Eq VirtualMachine).Count") == ["2"]


def test_test_cluster_refuses_a_windows_test_it_does_not_run(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/failoverclusters/test-cluster?view=windowsserver2022-ps
    # Example 7: 'Test-Cluster -Include "List System Drivers","List Unsigned Drivers"' runs those two tests on Windows;
    # the twin does not run them and says so (it said the test was "not known", which Windows never says of it).
    r = q(lab, 'Test-Cluster -Include "List System Drivers","List Unsigned Drivers"')
    assert len(r.errors) == 1 and r.errors[0].category == "NotImplemented"
    assert "'List System Drivers'" in r.errors[0].message and "not emulated by the labkit twin" in r.errors[0].message
    # a test the twin runs still runs (Example 6), and a name that is no test keeps its own error
    assert out(lab, 'Test-Cluster -Include "List Potential Cluster Disks" | ForEach-Object Extension') == [".htm"]
    assert q(lab, 'Test-Cluster -Include "Foo"').errors[0].category == "InvalidArgument"


# -- Hyper-V -------------------------------------------------------------------------------------------------

def test_get_vmharddiskdrive_by_controller_number_and_location(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/hyper-v/get-vmharddiskdrive?view=windowsserver2022-ps
    # Example 2: "Get-VM -Name TestVM | Get-VMHardDiskDrive -ControllerType IDE -ControllerNumber 1" gets the drives
    # on IDE controller 1 (-ControllerNumber was refused as not emulated). The lab's VM is generation 2: its one
    # drive sits on SCSI controller 0 at location 0, so the page's IDE 1 gives nothing.
    assert out(lab, "Get-VM -Name HA-VM01 | Get-VMHardDiskDrive -ControllerType IDE -ControllerNumber 1") == []
    assert out(lab, "Get-VM -Name HA-VM01 | Get-VMHardDiskDrive -ControllerType SCSI -ControllerNumber 0 -ControllerLocation 0 | "
                    "ForEach-Object Path") == [r"C:\ClusterStorage\Volume1\VHDs\HA-VM01.vhdx"]
    assert out(lab, "@(Get-VMHardDiskDrive -VMName HA-VM01 -ControllerNumber 1).Count") == ["0"]
    assert out(lab, "@(Get-VMHardDiskDrive -VMName HA-VM01 -ControllerLocation 1).Count") == ["0"]


def test_maximum_parallel_migrations_is_a_cluster_property_the_nodes_inherit(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/failoverclusters/get-cluster?view=windowsserver2022-ps
    # Example 7: "(Get-Cluster).MaximumParallelMigrations = 2 ... limiting the number of live migrations that a cluster
    # node can participate in. Both existing and new cluster nodes inherit this value ... Setting the cluster property
    # overrides any values configured using the Set-VMHost command." (the twin said the property could not be found)
    # Its default is 1 ("New Cluster-Wide Control For Virtual Machine Live Migrations", Microsoft's failover
    # clustering blog, which reads the nodes back with Get-VMHost -ComputerName <name1>,<name2> | FT Name,
    # MaximumVirtualMachineMigrations).
    assert out(lab, "(Get-Cluster).MaximumParallelMigrations") == ["1"]
    out(lab, "Set-VMHost -MaximumVirtualMachineMigrations 5")
    assert out(lab, "(Get-Cluster).MaximumParallelMigrations = 2") == []
    assert out(lab, "(Get-Cluster).MaximumParallelMigrations") == ["2"]
    assert out(lab, f"Get-VMHost -ComputerName {N1},{N2} | ForEach-Object {{ '{{0}} {{1}}' -f $_.Name, $_.MaximumVirtualMachineMigrations }}") == \
        [f"{N1} 2", f"{N2} 2"]
    assert out(lab, "(Get-Cluster).MaximumParallelMigrations.GetType().Name") == ["UInt32"]


def test_get_vm_and_get_vmhost_on_several_computers(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/hyper-v/get-vm?view=windowsserver2022-ps
    # -ComputerName "Specifies one or more Hyper-V hosts from which virtual machines are to be retrieved" (String[]);
    # the twin used the first name only. Example 2 on both nodes: the running VMs wherever they run.
    owner = out(lab, "(Get-ClusterGroup HA-VM01).OwnerNode.Name")[0]
    assert out(lab, f"Get-VM -ComputerName {N1},{N2} | Where-Object {{$_.State -eq 'Running'}} | ForEach-Object {{ $_.Name + ' ' + $_.ComputerName }}") == \
        [f"HA-VM01 {owner}"]
    assert out(lab, f"Get-VMHost -ComputerName {N2},{N1} | ForEach-Object Name") == [N2, N1]
    r = q(lab, f"Get-VM -ComputerName {N1},{N2} -Name HA-VM01,NoSuchVM | ForEach-Object Name")
    assert r.text.split() == ["HA-VM01"]
    assert [e.message for e in r.errors] == ['Hyper-V was unable to find a virtual machine with name "NoSuchVM".']
    # Get-VMSwitch ("one or more Hyper-V hosts"): runbook 2's one external switch of the same name on every node
    assert out(lab, f"Get-VMSwitch -ComputerName {N1},{N2} | ForEach-Object {{ $_.Name + ' ' + $_.ComputerName }}") == \
        [f"External {N1}", f"External {N2}"]
    assert out(lab, f"Get-VMMigrationNetwork -ComputerName {N1},{N2} | ForEach-Object ComputerName") == [N1, N2]
    # Get-VMNetworkAdapter -ManagementOS: each node's host adapter on the switch, with its Public address
    assert out(lab, f"Get-VMNetworkAdapter -ManagementOS -ComputerName {N1},{N2} | ForEach-Object {{ $_.IPAddresses }}") == \
        ["192.168.10.31", "192.168.10.32"]
    # the other Hyper-V cmdlets refuse several computers rather than answer for the first one only
    r = q(lab, f"Get-VMProcessor -VMName HA-VM01 -ComputerName {N1},{N2}")
    assert r.errors and r.errors[0].category == "NotImplemented"


# -- NetTCPIP ------------------------------------------------------------------------------------------------

def test_ip_address_lifetimes_are_timespans(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/nettcpip/get-netipaddress?view=windowsserver2022-ps
    # Example 5 filters on ValidLifetime as a TimeSpan: "-Lt ([TimeSpan]::FromDays(1))" (less than a day) and
    # "-Eq ([TimeSpan]::MaxValue)" ("an Infinite ValidLifetime"). The lab's addresses are static: none expires
    # within a day, every one never expires. (ValidLifetime was the view's text, a string, and [TimeSpan]::MaxValue
    # was refused.)
    example = ("Get-NetIPAddress | Where-Object -FilterScript { $_.ValidLifetime -Lt ([TimeSpan]::FromDays(1)) }\n"
               "Get-NetIPAddress | Where-Object -FilterScript { $_.ValidLifetime -Eq ([TimeSpan]::MaxValue) } | ForEach-Object IPAddress")
    assert out(lab, example) == out(lab, "Get-NetIPAddress | ForEach-Object IPAddress")
    assert out(lab, "(Get-NetIPAddress -IPAddress 10.0.40.31).ValidLifetime.GetType().FullName") == ["System.TimeSpan"]
    # the default list view prints the never-expiring lifetime as Windows' format file does; Format-List * the value
    assert "ValidLifetime     : Infinite ([TimeSpan]::MaxValue)" in out(lab, "Get-NetIPAddress -IPAddress 10.0.40.31")
    assert out(lab, "Get-NetIPAddress -IPAddress 10.0.40.31 | Format-List -Property ValidLifetime") == \
        ["ValidLifetime : 10675199.02:48:05.4775807"]
    # TimeSpan.MaxValue itself, to the tick (https://learn.microsoft.com/en-us/dotnet/api/system.timespan.maxvalue)
    assert out(lab, "[TimeSpan]::MaxValue.Ticks; [TimeSpan]::MinValue.Ticks; [string][TimeSpan]::MaxValue") == \
        ["9223372036854775807", "-9223372036854775808", "10675199.02:48:05.4775807"]


# -- CimCmdlets ----------------------------------------------------------------------------------------------

def test_get_ciminstance_refuses_a_windows_class_it_does_not_model(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/cimcmdlets/get-ciminstance?view=powershell-5.1
    # Example 1: "Get-CimInstance -ClassName Win32_Process" gets the processes; the twin does not model that class and
    # says so (it answered "Invalid class", which Windows says only of a class that does not exist).
    r = q(lab, "Get-CimInstance -ClassName Win32_Process")
    assert len(r.errors) == 1 and r.errors[0].category == "NotImplemented"
    assert "'Win32_Process'" in r.errors[0].message and "not emulated" in r.errors[0].message
    assert q(lab, "Get-CimInstance -ClassName NoSuchClass").errors[0].message.startswith("Invalid class")
    # Example 7's class on the lab's nodes
    assert out(lab, f"Get-CimInstance -ClassName Win32_ComputerSystem -ComputerName {N1},{N2} | ForEach-Object Name") == [N1, N2]


# -- ServerManager -------------------------------------------------------------------------------------------

def test_get_windowsfeature_says_its_list_is_the_twins(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/servermanager/get-windowsfeature?view=windowsserver2022-ps
    # Example 3: "Get-WindowsFeature -Name AD*, Web*" gets the features whose names start with AD or Web: Windows
    # Server has the Web Server role (Web-*) and AD roles the twin does not model; it listed its own silently.
    r = q(lab, "Get-WindowsFeature -Name AD*, Web* | ForEach-Object Name")
    assert not r.errors and r.text.split() == ["AD-Domain-Services"]
    assert len(r.warnings) == 1 and "models 14 of Windows Server's roles" in r.warnings[0]
    # Example 5 of Install-WindowsFeature and a role the twin lacks, named: refused, not "nothing" / "not valid"
    for script in ("Get-WindowsFeature -Name Web-Server", "Install-WindowsFeature -Name Web-Server"):
        r = q(lab, script)
        assert len(r.errors) == 1 and r.errors[0].category == "NotImplemented" and "'Web-Server'" in r.errors[0].message
    # a modelled feature by name answers without a warning
    r = q(lab, "(Get-WindowsFeature -Name Failover-Clustering).InstallState")
    assert r.text.split() == ["Installed"] and not r.warnings and not r.errors


def test_add_vmmigrationnetwork_refuses_ipv6_rather_than_calling_it_invalid(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/hyper-v/add-vmmigrationnetwork?view=windowsserver2022-ps
    # Example 3: "Add-VMMigrationNetwork 2001:836c:6456:1c99::/32" adds an IPv6 migration network; the twin does not
    # model one and says so (it said the subnet was "not valid"). Examples 1 and 2 add IPv4 ones.
    r = q(lab, "Add-VMMigrationNetwork 2001:836c:6456:1c99::/32")
    assert len(r.errors) == 1 and r.errors[0].category == "NotImplemented" and "IPv6" in r.errors[0].message
    out(lab, "Add-VMMigrationNetwork 192.168.10.0/24")
    assert "192.168.10.0/24" in out(lab, "Get-VMMigrationNetwork | ForEach-Object Subnet")
    assert q(lab, "Add-VMMigrationNetwork not-a-subnet").errors[0].category == "InvalidArgument"


def test_a_cluster_object_a_cmdlet_does_not_take_is_refused_not_ignored(lab: Path) -> None:
    # Get-ClusterGroup -InputObject: "the cluster or cluster node on which to enumerate the clustered roles"
    # (https://learn.microsoft.com/en-us/powershell/module/failoverclusters/get-clustergroup?view=windowsserver2022-ps,
    # Example 3 pipes a node). A resource piped in was ignored and every role of the cluster listed.
    r = q(lab, 'Get-ClusterResource -Name "Cluster Disk 2" | Get-ClusterGroup')
    assert r.text.strip() == "" and len(r.errors) == 1 and r.errors[0].category == "NotImplemented"
    assert "ClusterResource" in r.errors[0].message
    # what the pages name still works: the cluster, a node, a group
    assert out(lab, "Get-Cluster | Get-ClusterGroup | ForEach-Object Name") == ["Available Storage", "Cluster Group", "HA-VM01"]
    assert out(lab, "Get-ClusterGroup HA-VM01 | Get-ClusterResource | ForEach-Object Name") == \
        ["Virtual Machine Configuration HA-VM01", "Virtual Machine HA-VM01"]
    assert out(lab, "Get-Cluster | Get-ClusterNode | ForEach-Object Name") == [N1, N2]
    # a VM piped in is read by its VMId (bound by property name), as Windows binds it
    assert out(lab, "Get-VM HA-VM01 | Get-ClusterGroup | ForEach-Object Name") == ["HA-VM01"]
    # Get-ClusterNode takes the cluster only ("the cluster on which to enumerate cluster nodes")
    assert q(lab, "Get-VM | Get-ClusterNode").errors[0].category == "NotImplemented"
    # Get-ClusterQuorum: "the cluster for which to query the quorum type"
    assert out(lab, "Get-Cluster | Get-ClusterQuorum | ForEach-Object { $_.QuorumResource.Name }") == ["Cluster Disk 1"]
    assert q(lab, f"Get-ClusterNode {N1} | Get-ClusterQuorum").errors[0].category == "NotImplemented"


def test_a_volume_piped_to_get_partition_gives_its_partition(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/storage/get-partition?view=windowsserver2022-ps
    # -Volume "Accepts a Volume object as input" (ByVolume, from the pipeline); it was refused as not emulated.
    # Example 3 gets the partition of drive C by -DriveLetter: through its volume it is the same one.
    assert out(lab, "Get-Volume -DriveLetter C | Get-Partition | ForEach-Object { '{0} {1}' -f $_.DiskNumber, $_.PartitionNumber }") == \
        out(lab, "Get-Partition -DriveLetter C | ForEach-Object { '{0} {1}' -f $_.DiskNumber, $_.PartitionNumber }") == ["0 3"]
    # the CSV's volume lies on the CSV disk's data partition
    csv_disk = out(lab, 'Get-Disk | Where-Object { $_.Size -eq 500GB } | ForEach-Object Number')
    assert out(lab, "Get-Volume -FileSystemLabel CSV01 | Get-Partition | ForEach-Object DiskNumber") == csv_disk
    # every volume has one partition (the CSV volume, C:, the system and recovery volumes)
    assert out(lab, "@(Get-Volume | Get-Partition).Count") == out(lab, "@(Get-Volume).Count")


def test_a_disk_that_is_clustered_already_piped_to_add_clusterdisk_is_named(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/failoverclusters/add-clusterdisk?view=windowsserver2022-ps
    # Example 3: "Get-Disk -Number 11 | Add-ClusterDisk" adds disk 11. The lab's disk 2 is the CSV already: the
    # refusal named the disk 'None' (a Get-Disk object has a Number, no Name).
    r = q(lab, "Get-Disk -Number 2 | Add-ClusterDisk")
    assert [e.message for e in r.errors] == ["The disk 'Disk 2' is not available to the cluster: it must be seen by every node, "
                                             "initialized and not clustered yet (Get-ClusterAvailableDisk)."]


def test_cluster_objects_compare_with_a_name(lab: Path) -> None:
    # A cluster object's OwnerNode / OwnerGroup is an object that prints as its name; -eq with a name matches it as
    # ResourceType does (Get-ClusterResource's page filters "ResourceType -eq"): Microsoft's VM Fleet picks the roles a
    # node owns with "$vms |? OwnerNode -eq $env:COMPUTERNAME"
    # (https://github.com/microsoft/diskspd/blob/master/Frameworks/VMFleet/VMFleet.psm1). They matched nothing.
    owner = out(lab, "(Get-ClusterGroup HA-VM01).OwnerNode.Name")[0]
    assert out(lab, "Get-ClusterGroup | Where-Object OwnerNode -eq $env:COMPUTERNAME | ForEach-Object Name", owner) == \
        out(lab, f"Get-ClusterNode {owner} | Get-ClusterGroup | ForEach-Object Name", owner)
    assert out(lab, "Get-ClusterResource | Where-Object { $_.OwnerGroup -eq 'Cluster Group' -and $_.ResourceType -eq 'IP Address' } | "
                    "ForEach-Object Name") == ["Cluster IP Address"]
    assert out(lab, "Get-ClusterResource | Where-Object OwnerGroup -ne 'Cluster Group' | ForEach-Object Name") == \
        ["Cluster Disk 2", "Virtual Machine Configuration HA-VM01", "Virtual Machine HA-VM01"]


def test_get_clusterlog_gives_each_nodes_log_where_it_lies(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/failoverclusters/get-clusterlog?view=windowsserver2022-ps
    # Example 1: "creates a log file for the local cluster in the cluster reports folder on each node of the cluster".
    # The other node's item had a UNC FullName but the local PSPath, so what read it by PSPath read this node's log.
    lines = out(lab, "Get-ClusterLog | ForEach-Object { $_.PSPath; $_.FullName }")
    remote = rf"\\{N2}\C$\Windows\Cluster\Reports\Cluster.log"
    assert lines == ["Microsoft.PowerShell.Core\\FileSystem::C:\\Windows\\Cluster\\Reports\\Cluster.log",
                     r"C:\Windows\Cluster\Reports\Cluster.log",
                     "Microsoft.PowerShell.Core\\FileSystem::" + remote, remote]
    assert out(lab, "Get-ClusterLog | ForEach-Object { Test-Path -LiteralPath $_.FullName }") == ["True", "True"]
    # Example 2 writes every node's log to the destination folder, under the node's name
    assert out(lab, "Get-ClusterLog -Destination . | ForEach-Object Name") == [f"{N1}_cluster.log", f"{N2}_cluster.log"]


def test_new_netipaddress_returns_the_address_as_just_made(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/nettcpip/new-netipaddress?view=windowsserver2022-ps
    # Example 1 adds 192.168.0.1/24 on interface 12 (the lab's Management adapter is 11): New-NetIPAddress writes the
    # active store's address, its uniqueness still being verified (AddressState Tentative), and the persistent store's
    # (Invalid: not an address in use) -- -AddressState's values as Set-NetIPAddress's page defines them. Both said
    # Preferred. Get-NetIPAddress reads it Preferred afterwards.
    assert out(lab, "New-NetIPAddress -InterfaceIndex 11 -IPAddress 192.168.0.1 -PrefixLength 24 | "
                    "ForEach-Object { '{0} {1}' -f $_.PolicyStore, $_.AddressState }") == \
        ["ActiveStore Tentative", "PersistentStore Invalid"]
    assert out(lab, "(Get-NetIPAddress -IPAddress 192.168.0.1).AddressState") == ["Preferred"]


def test_get_cluster_lists_the_clusters_of_the_lab_domain(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/failoverclusters/get-cluster?view=windowsserver2022-ps
    # Example 3: "Get-Cluster -Domain contoso.com" gets "each of the clusters in the contoso.com domain" (-Domain was
    # refused as not emulated). The lab's domain holds one cluster; another domain is not the lab's.
    assert out(lab, "Get-Cluster -Domain lab.local | ForEach-Object Name") == ["HVCLUSTER"]
    assert out(lab, "Get-Cluster -Domain lab.local -Name HVCLUSTER | ForEach-Object Domain") == ["lab.local"]
    assert q(lab, "Get-Cluster -Domain contoso.com").errors[0].category == "NotImplemented"


def test_remove_netipaddress_takes_the_default_gateway_along(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/nettcpip/new-netipaddress?view=windowsserver2022-ps
    # Example 1: New-NetIPAddress ... -DefaultGateway 192.168.0.5, then "Remove-NetIPAddress -IPAddress 192.168.0.1
    # -DefaultGateway 192.168.0.5" removes the address (-DefaultGateway was refused as not emulated). With the
    # gateway gone, the same first command works again (a second default gateway is "Instance DefaultGateway already exists").
    add = "New-NetIPAddress -InterfaceIndex 11 -IPAddress 192.168.0.1 -PrefixLength 24 -DefaultGateway 192.168.0.5 | Out-Null"
    out(lab, add + "\nRemove-NetIPAddress -IPAddress 192.168.0.1 -DefaultGateway 192.168.0.5 -Confirm:$false")
    assert q(lab, "Get-NetIPAddress -IPAddress 192.168.0.1 -ErrorAction SilentlyContinue").output == []
    out(lab, add)
    r = q(lab, "New-NetIPAddress -InterfaceIndex 11 -IPAddress 192.168.0.2 -PrefixLength 24 -DefaultGateway 192.168.0.5")
    assert [e.message for e in r.errors] == ["Instance DefaultGateway already exists"]
    assert q(lab, "Remove-NetIPAddress -IPAddress 192.168.0.1 -DefaultGateway 192.168.0.9 -Confirm:$false").errors[0].category == "NotImplemented"


def test_timespan_arithmetic_stays_in_dotnets_range(lab: Path) -> None:
    # With [TimeSpan]::MaxValue at hand (Get-NetIPAddress's Example 5), arithmetic past .NET's range throws as .NET
    # Framework's operators and methods do (https://learn.microsoft.com/en-us/dotnet/api/system.timespan.op_addition,
    # .../system.datetime.op_addition, .../system.timespan.negate: their Exceptions sections), reported as 5.1 reports a
    # .NET method's exception; it was a Python OverflowError (date + span) or a span beyond TimeSpan.MaxValue.
    cases = {
        "[datetime]::Now + [TimeSpan]::MaxValue":
            'Exception calling "op_Addition" with "2" argument(s): "The added or subtracted value results in an '
            'un-representable DateTime.\r\nParameter name: t"',
        "[TimeSpan]::MaxValue + [TimeSpan]::FromDays(1)":
            'Exception calling "op_Addition" with "2" argument(s): "TimeSpan overflowed because the duration is too long."',
        "[TimeSpan]::MaxValue.Add([TimeSpan]::FromDays(1))":
            'Exception calling "Add" with "1" argument(s): "TimeSpan overflowed because the duration is too long."',
        "[TimeSpan]::MinValue.Negate()":
            'Exception calling "Negate" with "0" argument(s): "Negating the minimum value of a twos complement number is invalid."',
        # DateTime.Add(TimeSpan) was "does not contain a method named 'Add'"; Subtract a Python OverflowError
        "(Get-Date).Add([TimeSpan]::MaxValue)":
            'Exception calling "Add" with "1" argument(s): "The added or subtracted value results in an '
            'un-representable DateTime.\r\nParameter name: value"',
        "[datetime]::MinValue.Subtract([TimeSpan]::FromDays(1))":
            'Exception calling "Subtract" with "1" argument(s): "The added or subtracted value results in an '
            'un-representable DateTime.\r\nParameter name: value"',
    }
    for script, message in cases.items():
        r = q(lab, script)
        assert [e.message.replace("\r\n", "\n") for e in r.errors] == [message.replace("\r\n", "\n")], script
    assert out(lab, '"$([TimeSpan]::MaxValue.Negate())"; "$((New-TimeSpan -Hours 1).Add((New-TimeSpan -Minutes 30)))"') == \
        ["-10675199.02:48:05.4775807", "01:30:00"]
    assert out(lab, "(Get-Date '2026-01-01').Add((New-TimeSpan -Days 1)).ToString('yyyy-MM-dd')") == ["2026-01-02"]


def test_move_clustersharedvolume_changes_the_coordinator_node(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/failoverclusters/move-clustersharedvolume?view=windowsserver2022-ps
    # Example 1 "moves the Cluster Shared Volume called Cluster Disk 3 to another cluster node", Example 2 to the node
    # named (the lab's CSV is Cluster Disk 2). It was not emulated; the VM on the volume keeps running.
    before = out(lab, "(Get-ClusterSharedVolume).OwnerNode.Name")[0]
    other = N1 if before == N2 else N2
    assert out(lab, 'Move-ClusterSharedVolume -Name "Cluster Disk 2" | ForEach-Object { $_.OwnerNode.Name }') == [other]
    assert out(lab, "(Get-ClusterSharedVolume).OwnerNode.Name") == [other]
    assert out(lab, f'Move-ClusterSharedVolume -Name "Cluster Disk 2" -Node {before} | ForEach-Object {{ $_.OwnerNode.Name }}') == [before]
    assert out(lab, f"Get-ClusterSharedVolume | Move-ClusterSharedVolume -Node {other} | ForEach-Object {{ $_.OwnerNode.Name }}") == [other]
    assert out(lab, "Get-ClusterSharedVolumeState | ForEach-Object StateInfo") == ["Direct", "Direct"]
    assert out(lab, "(Get-VM -ComputerName CLUSTERNODE-1, CLUSTERNODE-2 | Where-Object Name -eq HA-VM01).State") == ["Running"]
    assert [e.message for e in q(lab, 'Move-ClusterSharedVolume -Name "Cluster Disk 9"').errors] == \
        ["The cluster shared volume 'Cluster Disk 9' was not found."]


def test_get_iscsivirtualdisk_by_initiator(lab: Path) -> None:
    # https://learn.microsoft.com/en-us/powershell/module/iscsitarget/get-iscsivirtualdisk?view=windowsserver2022-ps
    # Example 5 gets "all of the virtual disks on the local server that are used by the initiator" (-InitiatorId, "the
    # iSCSI initiator identifiers (IDs) to which the iSCSI target is assigned"; it was refused as not emulated). The
    # lab's target is assigned to the nodes' IQNs: both LUNs for a node's IQN, none for the page's address.
    node_iqn = "IQN:iqn.1991-05.com.microsoft:clusternode-1.lab.local"
    assert out(lab, f'Get-IscsiVirtualDisk -InitiatorId "{node_iqn}" | ForEach-Object Path', STORAGE) == \
        [r"C:\iSCSIVirtualDisks\Quorum.vhdx", r"C:\iSCSIVirtualDisks\CSV01.vhdx"]
    assert out(lab, 'Get-IscsiVirtualDisk -InitiatorId "IpAddress:10.10.1.1"', STORAGE) == []
