"""The commands admins type between steps, after the lab is built by the
procedure's own steps: Get-Command, Get-Help, Get-Member, items and content,
Get-Process, Get-Service.  Behaviours and texts from the cmdlets' 5.1 pages
(learn.microsoft.com/powershell/module/...?view=powershell-5.1).
"""

from __future__ import annotations

from pathlib import Path

from labkit.twin.session import run_script
from test_world_rules import checkpoints, fails, ok, out, ps, state, world  # noqa: F401  (fixtures)
from test_world_procedure import N1, N2, ST


# -- Get-Command ---------------------------------------------------------------------------------

def test_get_command_lists_the_modules_the_host_has(state: Path, tmp_path: Path) -> None:
    hv = out(state, N1, "Get-Command -Module Hyper-V")
    names = [c.get("Name") for c in hv]
    assert "Get-VM" in names and "Start-VM" in names and names == sorted(names, key=str.lower)
    vm = next(c for c in hv if c.get("Name") == "Get-VM")
    assert str(vm.get("CommandType")) == "Cmdlet" and vm.get("Source") == "Hyper-V" and vm.get("Version") == "2.0.0.0"
    # The storage server has no Hyper-V: its module, and so its cmdlets, are not there.
    assert out(state, ST, "Get-Command -Module Hyper-V") == []
    fresh = run_script("Get-Command -Module FailoverClusters", host=N1, state_dir=tmp_path / "fresh")
    assert fresh.ok and fresh.output == []


def test_get_command_filters_by_verb_noun_name_and_type(state: Path) -> None:
    got = [c.get("Name") for c in out(state, N1, "Get-Command -Verb Get -Noun ClusterN*")]
    assert got == ["Get-ClusterNetwork", "Get-ClusterNetworkInterface", "Get-ClusterNode"]
    assert [c.get("Name") for c in out(state, N1, "Get-Command Get-Cluster*Volume")] == ["Get-ClusterSharedVolume"]
    apps = [c.get("Name") for c in out(state, N1, "Get-Command -CommandType Application")]
    assert "HOSTNAME.EXE" in apps and "PING.EXE" in apps
    alias = out(state, N1, "Get-Command gc")
    assert str(alias[0].get("CommandType")) == "Alias" and alias[0].get("Definition") == "Get-Content"
    assert [str(x) for x in out(state, N1, "function Get-Mine { 1 }; (Get-Command Get-Mine).CommandType")] == ["Function"]


def test_get_command_for_a_missing_name(state: Path) -> None:
    r = ps(state, N1, "Get-Command Get-NoSuchThing")
    assert r.errors[0].message.startswith("The term 'Get-NoSuchThing' is not recognized as the name of a cmdlet")
    assert r.errors[0].error_id.startswith("CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand")
    assert "is not emulated by the twin" in fails(state, N1, "Get-Command Get-SmbShare")
    assert out(state, N1, "Get-Command Get-NoSuch*") == [], "a wildcard that matches nothing is no error"


# -- Get-Help --------------------------------------------------------------------------------------

def test_get_help_prints_partial_help_from_the_signature(state: Path) -> None:
    # the help object's view writes blank lines inside a section with the section's indent (ComplexWriter pads them)
    text = out(state, N1, "Get-Help Get-VM | Out-String -Width 300")[0].replace("\r\n", "\n")
    assert text.startswith("\nNAME\n    Get-VM\n    \nSYNTAX\n    Get-VM [[-Name] <string[]>]")
    assert "[<CommonParameters>]" in text and "\nALIASES\n    None\n" in text
    assert "Get-Help cannot find the Help files for this cmdlet on this computer. It is displaying only partial help." in text
    assert 'type: "Get-Help Get-VM -Online" or\n           go to https://learn.microsoft.com/en-us/powershell/module/hyper-v/get-vm' in text
    sel = out(state, N1, "Get-Help Get-Content | Out-String -Width 300")[0].replace("\r\n", "\n")
    assert "Get-Content [-Path] <string[]>" in sel and "Get-Content -LiteralPath <string[]>" in sel
    assert "\nALIASES\n    cat\n    gc\n    type\n" in sel


def test_get_help_refuses_online_and_reports_unknown_topics(state: Path) -> None:
    assert "-Online" in fails(state, N1, "Get-Help Get-VM -Online")
    assert fails(state, N1, "Get-Help Get-NoSuchThing").startswith("Get-Help could not find Get-NoSuchThing in a help file in this session.")


# -- Get-Member -------------------------------------------------------------------------------------

def test_get_member_describes_a_vm(state: Path) -> None:
    members = out(state, N1, "Get-VM | Get-Member")
    assert {m.get("TypeName") for m in members} == {"Microsoft.HyperV.PowerShell.VirtualMachine"}
    state_row = next(m for m in members if m.get("Name") == "State")
    assert str(state_row.get("MemberType")) == "Property"
    assert state_row.get("Definition") == "Microsoft.HyperV.PowerShell.VMState State {get;}"
    kinds = [str(m.get("MemberType")) for m in members]
    assert kinds == sorted(kinds), "Get-Member sorts by member type, then name"
    only = out(state, N1, "Get-VM | Get-Member -MemberType Property -Name M*")
    assert [m.get("Name") for m in only] == ["MemoryAssigned", "MemoryDemand", "MemoryMaximum", "MemoryMinimum", "MemoryStartup"]
    assert [m.get("Name") for m in out(state, N1, "Get-VM | Get-Member -MemberType Method")] == ["Equals", "GetHashCode", "GetType", "ToString"]
    text = ps(state, N1, "Get-VM | Get-Member -MemberType Method").text
    # 5.1: an empty line for the format start and one before the group header; cells padded to their
    # (autosized) columns (labkit/twin/format.py, tests/test_twin_format_rules.py)
    assert text.startswith("\n\n   TypeName: Microsoft.HyperV.PowerShell.VirtualMachine\n\n"
                           "Name        MemberType Definition                    \n"
                           "----        ---------- ----------                    \n"
                           "Equals      Method     bool Equals(System.Object obj)\n")


def test_get_member_on_custom_objects_and_refusals(state: Path) -> None:
    rows = out(state, N1, "[pscustomobject]@{Node='a'; Votes=1} | Get-Member -MemberType NoteProperty")
    assert [(r.get("Name"), r.get("Definition")) for r in rows] == [("Node", "string Node=a"), ("Votes", "int Votes=1")]
    static = out(state, N1, "Get-VM | Get-Member -Static")
    assert [(m.get("Name"), m.get("Definition")) for m in static] == [
        ("Equals", "static bool Equals(System.Object objA, System.Object objB)"),
        ("ReferenceEquals", "static bool ReferenceEquals(System.Object objA, System.Object objB)")]
    assert "not emulated" in fails(state, N1, "Get-VM | Get-Member -Force")
    assert out(state, N1, "help Get-VM")[:3] == ["", "NAME", "    Get-VM"], "help pipes the help to more: lines of text"
    assert fails(state, N1, "Get-Member").startswith("You must specify an object for the Get-Member cmdlet.")


# -- items and content ---------------------------------------------------------------------------------

def test_content_round_trip_and_the_csv_seen_from_both_nodes(state: Path) -> None:
    csv = r"C:\ClusterStorage\Volume1\notes.txt"
    ok(state, N1, f"'one', 'two' | Set-Content -Path {csv}; Add-Content -Path {csv} -Value three")
    assert out(state, N2, f"Get-Content {csv}") == ["one", "two", "three"], "a CSV is the same file on every node"
    assert out(state, N2, f"Get-Content {csv} -TotalCount 1") == ["one"]
    assert out(state, N2, f"Get-Content {csv} -Tail 2") == ["two", "three"]
    assert out(state, N2, f"Get-Content {csv} -Raw") == ["one\r\ntwo\r\nthree\r\n"]
    assert out(state, N2, f"(Get-Item {csv}).Length") == [17]
    ok(state, N1, f"Set-Content -Path {csv} -Value x -NoNewline")
    assert out(state, N2, f"Get-Content {csv} -Raw") == ["x"]


def test_out_file_writes_what_the_console_shows(state: Path) -> None:
    ok(state, N1, r"Get-Service -Name WinRM | Out-File C:\Windows\Temp\svc.txt")
    ok(state, N1, r"'tail' | Out-File C:\Windows\Temp\svc.txt -Append -Encoding utf8")
    lines = out(state, N1, r"Get-Content C:\Windows\Temp\svc.txt")
    shown = out(state, N1, "Get-Service -Name WinRM | Out-String")[0].replace("\r\n", "\n")   # Out-String's lines end with CRLF
    assert "\n".join(lines[:-1]).strip() == shown.strip() and lines[-1] == "tail"
    assert "already exists" in fails(state, N1, r"'x' | Out-File C:\Windows\Temp\svc.txt -NoClobber")
    assert "Encoding" in fails(state, N1, r"'x' | Out-File C:\Windows\Temp\svc.txt -Encoding klingon")


def test_new_get_copy_remove_item(state: Path) -> None:
    ok(state, N1, r"New-Item -ItemType Directory -Path C:\Lab\Scripts | Out-Null")
    made = out(state, N1, r"New-Item -Path C:\Lab\Scripts -Name run.ps1 -ItemType File -Value 'Get-VM'")
    assert made[0].type_name == "System.IO.FileInfo" and made[0].get("FullName") == r"C:\Lab\Scripts\run.ps1"
    assert "already exists" in fails(state, N1, r"New-Item -Path C:\Lab\Scripts\run.ps1 -ItemType File")
    assert "already exists" in fails(state, N1, r"New-Item -Path C:\Lab -ItemType Directory")
    ok(state, N1, r"New-Item -Path C:\Lab\Scripts\run.ps1 -ItemType File -Value 'Get-Cluster' -Force | Out-Null")
    assert out(state, N1, r"Get-Content C:\Lab\Scripts\run.ps1") == ["Get-Cluster"]
    ok(state, N1, r"Copy-Item -Path C:\Lab -Destination C:\LabCopy -Recurse")
    assert out(state, N1, r"Get-Content C:\LabCopy\Scripts\run.ps1") == ["Get-Cluster"]
    assert out(state, N1, r"(Get-Item C:\LabCopy\Scripts).PSIsContainer") == [True]
    assert "Recurse parameter was not specified" in fails(state, N1, r"Remove-Item C:\Lab")
    ok(state, N1, r"Remove-Item C:\Lab -Recurse")
    assert out(state, N1, r"Test-Path C:\Lab; Test-Path C:\LabCopy\Scripts\run.ps1") == [False, True]
    assert fails(state, N1, r"Get-Item C:\Lab") == r"Cannot find path 'C:\Lab' because it does not exist."
    assert "not emulated" in fails(state, N1, r"New-Item -ItemType SymbolicLink -Path C:\l -Value C:\Windows")


def test_redirection_and_the_content_cmdlets_share_the_files(state: Path) -> None:
    """``>`` is Out-File (about_Redirection): what it writes, Get-Content reads, and the other way round."""
    ok(state, N1, r"New-Item -ItemType Directory C:\Lab | Out-Null; Get-Service WinRM > C:\Lab\svc.txt; 'more' >> C:\Lab\svc.txt")
    lines = out(state, N1, r"Get-Content C:\Lab\svc.txt")
    assert lines[-1] == "more" and any("WinRM" in line for line in lines)
    ok(state, N1, r"Set-Content C:\Lab\svc.txt -Value 'set'; 'appended' >> C:\Lab\svc.txt")
    assert out(state, N1, r"Get-Content C:\Lab\svc.txt") == ["set", "appended"]


def test_get_childitem_shows_written_text_files_as_files(state: Path) -> None:
    ok(state, N1, "Get-ClusterLog | Out-Null")
    items = out(state, N1, r"Get-ChildItem C:\Windows\Cluster\Reports -File")
    # Beside it: the validation reports Test-Cluster left there (HTML and XML), as on Windows.
    names = [i.get("Name") for i in items]
    assert "Cluster.log" in names and all(n == "Cluster.log" or n.startswith("Validation Report ") for n in names)
    log = items[names.index("Cluster.log")]
    assert all(i.type_name == "System.IO.FileInfo" for i in items)
    assert log.get("Length") == len(out(state, N1, r"Get-Content C:\Windows\Cluster\Reports\Cluster.log -Raw")[0].encode("utf-8"))


def test_relative_paths_start_at_the_home_folder(state: Path) -> None:
    ok(state, N1, "'hi' | Set-Content note.txt")
    assert out(state, N1, r"Get-Content C:\Users\Administrator\note.txt") == ["hi"]
    assert out(state, N1, r"Test-Path .\note.txt; Test-Path ..\Administrator\note.txt; Test-Path nope.txt") == [True, True, False]
    assert [i.get("Name") for i in out(state, N1, "Get-ChildItem")] == ["note.txt"], "Get-ChildItem lists the current location"


def test_files_the_twin_knows_by_name_only_are_refused_not_faked(state: Path) -> None:
    vhd = world(state).vm("HA-VM01").vhds[0]
    assert "not emulated" in fails(state, N1, f"Get-Content '{vhd}'")
    assert "being used by another process" in fails(state, N1, f"Remove-Item '{vhd}'")
    assert "denied" in fails(state, N1, r"Remove-Item C:\ClusterStorage\Volume1 -Recurse")


def test_a_disk_that_is_not_online_here_has_no_drive(state: Path) -> None:
    """Cluster Disk 1 (the witness) is online on its owner only; on the other node its drive letter is not there."""
    w = world(state)
    owner = w.cluster.owner_of(w.cluster.resource("Cluster Disk 1"))
    other = N2 if owner.lower() == N1.lower() else N1
    letter = next((l for v in w.host(owner).disks for l in v.letters.values()), None)
    assert letter is not None
    ok(state, owner, f"'w' | Set-Content {letter}:\\probe.txt")
    assert out(state, owner, f"Get-Content {letter}:\\probe.txt") == ["w"]
    assert "Could not find a part of the path" in fails(state, other, f"'w' | Set-Content {letter}:\\probe.txt")


# -- processes and services ------------------------------------------------------------------------------

def test_get_process_follows_roles_and_running_vms(state: Path) -> None:
    vmwp = out(state, N1, "@(Get-Process -Name vmwp).Count")
    running_here = sum(1 for v in world(state).vms if v.host == N1 and v.state == "Running")
    assert vmwp == [running_here] and running_here == 1
    assert out(state, N2, "@(Get-Process -Name vmwp -ErrorAction SilentlyContinue).Count") == [0]
    assert [p.get("ProcessName") for p in out(state, N1, "Get-Process clussvc")] == ["clussvc"]
    r = ps(state, ST, "Get-Process vmms")
    assert r.errors[0].message == 'Cannot find a process with the name "vmms". Verify the process name and call the cmdlet again.'
    system = out(state, N1, "Get-Process -Id 4")
    assert system[0].get("ProcessName") == "System"


def test_services_react_to_the_world(state: Path) -> None:
    assert [str(s.get("Status")) for s in out(state, N1, "Get-Service ClusSvc, vmms, MSiSCSI, WinRM")] == ["Running"] * 4
    assert [str(s.get("Status")) for s in out(state, ST, "Get-Service WinTarget")] == ["Running"]
    ok(state, N2, f"Stop-ClusterNode -Name {N1}")
    assert [str(s.get("Status")) for s in out(state, N1, "Get-Service ClusSvc")] == ["Stopped"]
    assert out(state, N1, "@(Get-Process clussvc -ErrorAction SilentlyContinue).Count") == [0]


# -- the cluster, looked into -----------------------------------------------------------------------------

def test_cluster_network_interfaces_follow_the_links(state: Path) -> None:
    rows = out(state, N1, f"Get-ClusterNetworkInterface -Node {N1}")
    assert {r.get("Node") for r in rows} == {N1} and len(rows) == len(world(state).cluster.networks)
    hb = next(r for r in rows if r.get("Name") == f"{N1} - Heartbeat")
    assert str(hb.get("State")) == "Up"
    from labkit.twin import faults
    faults.cut(state, "Heartbeat")
    rows = out(state, N2, f"Get-ClusterNode -Name {N2} | Get-ClusterNetworkInterface")
    assert str(next(r for r in rows if r.get("Name") == f"{N2} - Heartbeat").get("State")) == "Failed"


def test_csv_state_per_node(state: Path) -> None:
    rows = out(state, N1, "Get-ClusterSharedVolumeState")
    assert [(r.get("Node"), str(r.get("StateInfo"))) for r in rows] == [(N1, "Direct"), (N2, "Direct")]
    assert {r.get("VolumeFriendlyName") for r in rows} == {"Volume1"}


def test_cluster_parameters_of_resources(state: Path) -> None:
    from labkit.lab import Lab
    lab = Lab.load()
    rows = out(state, N1, "Get-ClusterResource 'Cluster IP Address' | Get-ClusterParameter")
    assert {r.get("Name"): r.get("Value") for r in rows}["Address"] == str(lab.cluster.address)
    one = out(state, N1, "Get-ClusterResource 'Cluster Name' | Get-ClusterParameter -Name DnsName")
    assert [(r.get("Name"), r.get("Value")) for r in one] == [("DnsName", lab.cluster.name)]
    vmid = out(state, N1, "Get-ClusterResource 'Virtual Machine HA-VM01' | Get-ClusterParameter VmID")
    assert vmid[0].get("Value") == world(state).vm("HA-VM01").id
    assert "not emulated" in fails(state, N1, "Get-ClusterParameter")


def test_stopping_the_cluster_ip_takes_the_name_down_and_starting_the_name_brings_both(state: Path) -> None:
    from labkit.lab import Lab
    address = str(Lab.load().cluster.address)
    assert out(state, ST, f"Test-NetConnection {address} -Port 5985 -InformationLevel Quiet") == [True]
    stopped = out(state, N1, "Stop-ClusterResource -Name 'Cluster IP Address'")
    assert str(stopped[0].get("State")) == "Offline"
    states = {r.get("Name"): str(r.get("State")) for r in out(state, N1, "Get-ClusterResource")}
    assert states["Cluster Name"] == "Offline" and states["Cluster Disk 1"] == "Online"
    # The witness disk stays online in the core group: the group is partly online.
    assert [str(g.get("State")) for g in out(state, N1, "Get-ClusterGroup 'Cluster Group'")] == ["PartialOnline"]
    assert out(state, ST, f"Test-NetConnection {address} -InformationLevel Quiet") == [False]
    ok(state, N1, "Start-ClusterResource 'Cluster Name' | Out-Null")
    assert [str(g.get("State")) for g in out(state, N1, "Get-ClusterGroup 'Cluster Group'")] == ["Online"]
    assert "not emulated" in fails(state, N1, "Stop-ClusterResource 'Virtual Machine HA-VM01'")


def test_stopping_the_csv_resource_takes_the_volume_away(state: Path) -> None:
    ok(state, N1, "Stop-ClusterResource 'Cluster Disk 2' | Out-Null")
    assert out(state, N2, r"Test-Path C:\ClusterStorage\Volume1\VMs") == [False]
    assert {str(r.get("StateInfo")) for r in out(state, N1, "Get-ClusterSharedVolumeState")} == {"Unavailable"}


def test_get_cluster_log_writes_each_nodes_log(state: Path) -> None:
    files = out(state, N1, "Get-ClusterLog")
    assert [f.get("FullName") for f in files] == [r"C:\Windows\Cluster\Reports\Cluster.log",
                                                  rf"\\{N2}\C$\Windows\Cluster\Reports\Cluster.log"]
    log = out(state, N2, r"Get-Content C:\Windows\Cluster\Reports\Cluster.log")
    assert log[0] == "[===Cluster===]" and any("[NM] Cluster" in line and "formed" in line for line in log)
    copies = out(state, N1, r"New-Item -ItemType Directory C:\Logs | Out-Null; Get-ClusterLog -Destination C:\Logs -SkipClusterState")
    assert [f.get("Name") for f in copies] == [f"{N1}_cluster.log", f"{N2}_cluster.log"]
    assert not any(line.startswith("[===") for line in out(state, N1, rf"Get-Content C:\Logs\{N2}_cluster.log"))


# -- network commands ---------------------------------------------------------------------------------------

def test_test_netconnection_ping_and_ports(state: Path) -> None:
    from labkit.lab import Lab
    lab = Lab.load()
    r = out(state, N1, f"Test-NetConnection -ComputerName {N2}")[0]
    assert r.get("PingSucceeded") is True and r.get("RemoteAddress") == str(lab.host(N2).addresses["Public"])
    assert r.get("InterfaceAlias") == "vEthernet (External)" and r.get("SourceAddress") == str(lab.host(N1).addresses["Public"])
    iscsi_n2 = lab.host(N2).addresses["iSCSI"]
    # The procedure unbinds File and Printer Sharing from the iSCSI adapters: no SMB there.
    assert out(state, N1, f"Test-NetConnection {iscsi_n2} -Port 445 -InformationLevel Quiet") == [False]
    assert out(state, N1, f"Test-NetConnection {N2} -CommonTCPPort SMB -InformationLevel Quiet") == [True]
    assert out(state, N1, f"Test-NetConnection {ST} -Port 3260 -InformationLevel Quiet") == [True]
    assert out(state, N1, f"Test-NetConnection {N2} -Port 3260 -InformationLevel Quiet") == [False]
    warned = ps(state, N1, f"Test-NetConnection {iscsi_n2} -Port 445")
    assert f"TCP connect to ({iscsi_n2} : 445) failed" in warned.warnings
    assert "not emulated" in fails(state, N1, f"Test-NetConnection {N2} -Port 8080")
    assert out(state, N1, "Test-NetConnection nosuchhost -InformationLevel Quiet") == [False]


def test_remove_net_ip_address_and_set_dns_client(state: Path) -> None:
    from labkit.lab import Lab
    lab = Lab.load()
    hb = str(lab.host(N1).addresses["Heartbeat"])
    removed = out(state, N1, f"Remove-NetIPAddress -IPAddress {hb} -Confirm:$false -PassThru")
    assert [r.get("IPAddress") for r in removed] == [hb]
    # the adapter has no address left: the CIM query's "not found" error (silenced here), as on Windows
    assert out(state, N1, "@(Get-NetIPAddress -InterfaceAlias Heartbeat -AddressFamily IPv4 -ErrorAction SilentlyContinue).Count") == [0]
    assert out(state, N1, f"ping -n 1 {lab.host(N2).addresses['Heartbeat']} | Out-Null; $LASTEXITCODE") == [1]
    r = ps(state, N1, "Remove-NetIPAddress -IPAddress 10.99.99.99 -Confirm:$false")
    assert r.errors and r.errors[0].category == "ObjectNotFound"
    dns = out(state, N1, "Set-DnsClient -InterfaceAlias Management -ConnectionSpecificSuffix mgmt.lab.local -PassThru")
    assert dns[0].get("ConnectionSpecificSuffix") == "mgmt.lab.local"
    text = "\n".join(out(state, N1, "ipconfig"))
    assert "Ethernet adapter Management:\n\n   Connection-specific DNS Suffix  . : mgmt.lab.local" in text


# -- Move-VM ------------------------------------------------------------------------------------------------

def test_move_vm_live_migrates_a_vm_that_is_no_cluster_role(state: Path) -> None:
    ok(state, N1, r"New-VM -Name Solo -MemoryStartupBytes 512MB -Path C:\ClusterStorage\Volume1\VMs -SwitchName External | Out-Null; Start-VM Solo")
    moved = out(state, N1, f"Move-VM -Name Solo -DestinationHost {N2} -Passthru")
    assert moved[0].get("ComputerName") == N2 and str(moved[0].get("State")) == "Running"
    assert world(state).vm("Solo").host == N2
    vmms = out(state, N1, "Get-WinEvent -LogName 'Microsoft-Windows-Hyper-V-VMMS-Admin' -MaxEvents 1")
    assert vmms[0].get("Id") == 20415 and "'Solo'" in vmms[0].get("Message")
    r = ps(state, N1, "Get-WinEvent -FilterHashtable @{LogName='Microsoft-Windows-FailoverClustering/Operational'; Id=1641}")
    assert r.errors, "a VM that is no cluster role moves without a cluster event"


def test_move_vm_refuses_a_clustered_vm(state: Path) -> None:
    msg = fails(state, N1, f"Move-VM -Name HA-VM01 -DestinationHost {N2}")
    assert msg.startswith(f"Virtual machine migration operation for 'HA-VM01' failed at migration source '{N1}'.")
    assert "Move-ClusterVirtualMachineRole" in msg and world(state).vm("HA-VM01").host == N1
    assert "not emulated" in fails(state, N1, rf"Move-VM -Name HA-VM01 -DestinationHost {N2} -IncludeStorage -DestinationStoragePath C:\VMs")
