"""Objects print as Windows PowerShell 5.1 prints them: with their format views
(format.ps1xml) where Windows has one, else 5.1's 4-property table/list rule.

The world is the lab after the procedure (the chain's sections run as plain
PowerShell, as in test_world_rules.py); the expectations come from the 5.1 /
Windows Server 2022 reference pages' example outputs and PowerShell's own format
data (each view in labkit/twin/views.py cites its source).
"""

from __future__ import annotations

import re
from pathlib import Path

from labkit.twin.format import column_widths, render
from labkit.twin.objects import PSObject
from labkit.twin.session import run_script
from labkit.twin.views import VIEWS, storage_size
from test_world_procedure import N1


def out(state: Path, script: str, host: str = N1) -> list[str]:
    r = run_script(script, host=host, state_dir=state)
    assert r.ok and not r.errors, r.error_text
    # 5.1 pads every cell of a table to its column's width, the last one too (tests/test_twin_format_rules.py
    # checks that padding); these tests read the cells
    return [line.rstrip() for line in r.text.split("\n") if line.strip()]


def table(lines: list[str], header: str) -> tuple[str, str, list[str]]:
    """The header line that starts with ``header``, its dashes line and the rows after it."""
    i = next(i for i, line in enumerate(lines) if line.startswith(header))
    j = next(k for k in range(i + 1, len(lines)) if lines[k].startswith("-"))
    rows = []
    for line in lines[j + 1:]:
        if line.startswith("    Directory:") or line == lines[i]:
            break
        rows.append(line)
    return lines[i], lines[j], rows


def columns(header: str) -> list[str]:
    return re.split(r"\s{1,}(?=\S)", header.strip())


# -- views of the core types ----------------------------------------------------------------------------


def test_get_childitem_prints_the_directory_header_and_5_1_columns(state: Path) -> None:
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-childitem?view=powershell-5.1
    lines = out(state, r"Get-ChildItem C:\ClusterStorage\Volume1")
    assert lines[0] == r"    Directory: C:\ClusterStorage\Volume1"
    assert lines[1] == "Mode                LastWriteTime         Length Name"
    assert lines[2] == "----                -------------         ------ ----"
    # Mode 7 wide, LastWriteTime "{0,10}  {1,8}" right-aligned in 25, Length right in 14, Name
    assert lines[3][:8] == "d-----  "
    # "{0,10}  {1,8}" of ToString("d") and ToString("t") (en-US), right-aligned in 25
    when = lines[3][8:33]
    assert re.fullmatch(r" {5}[ \d/]{10}  [ \d:]{5} [AP]M", when), when
    assert re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", when[5:15].strip()) and re.fullmatch(r"\d{1,2}:\d\d [AP]M", when[17:].strip())
    assert len(lines[3]) - len("VHDs") == 7 + 1 + 25 + 1 + 14 + 1
    assert lines[3][7 + 1:7 + 1 + 25].endswith("M") and lines[3][7 + 1 + 25 + 1:7 + 1 + 25 + 1 + 14].strip() == ""


def test_get_childitem_recurse_groups_by_folder_with_folders_first(state: Path) -> None:
    lines = out(state, r"Get-ChildItem C:\ClusterStorage\Volume1 -Recurse")
    headers = [line for line in lines if line.startswith("    Directory: ")]
    assert headers[:3] == [r"    Directory: C:\ClusterStorage\Volume1", r"    Directory: C:\ClusterStorage\Volume1\VHDs",
                           r"    Directory: C:\ClusterStorage\Volume1\VMs"]
    vhd = next(line for line in lines if line.endswith("HA-VM01.vhdx"))
    assert vhd.startswith("-a----") and vhd[7 + 1 + 25 + 1:7 + 1 + 25 + 1 + 14].strip().isdigit()


def test_test_cluster_report_prints_as_a_file_without_a_directory_header(state: Path) -> None:
    # the FileInfo Test-Cluster returns does not come from the provider: no PSParentPath, no group header
    lines = out(state, f"Test-Cluster -Node {N1}, CLUSTERNODE-2 -Include Inventory")
    assert lines[0] == "Mode                LastWriteTime         Length Name"
    assert lines[2].startswith("-a----") and lines[2].endswith(".htm")


def test_get_service_prints_status_name_displayname_with_fixed_widths(state: Path) -> None:
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-service?view=powershell-5.1
    lines = out(state, "Get-Service -Name WinRM")
    assert lines[0] == "Status   Name               DisplayName"
    assert lines[1] == "------   ----               -----------"
    # DisplayName is 38 wide: 5.1 cuts "Windows Remote Management (WS-Management)" with "..."
    assert lines[2] == "Running  WinRM              Windows Remote Management (WS-Manag..."


def test_group_object_views(state: Path) -> None:
    # PowerShellCore_format_ps1xml.cs (GroupInfo: Count 5 right, Name 25, Group; GroupInfoNoElement: Count, Name)
    lines = out(state, "'a', 'b', 'b' | Group-Object")
    assert lines[:4] == ["Count Name                      Group", "----- ----                      -----",
                         "    1 a                         {a}", "    2 b                         {b, b}"]
    lines = out(state, "'a', 'b', 'b' | Group-Object -NoElement")
    assert lines == ["Count Name", "----- ----", "    1 a", "    2 b"]
    assert out(state, "('a' | Group-Object -NoElement).GetType().FullName; ('a' | Group-Object -NoElement).Group.Count; "
                      "('a' | Group-Object -NoElement).pstypenames[1]") == \
        ["Microsoft.PowerShell.Commands.GroupInfoNoElement", "0", "Microsoft.PowerShell.Commands.GroupInfo"]


def test_process_view_matches_the_5_1_page() -> None:
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-process?view=powershell-5.1
    # (example 4's output); Get-Process itself belongs to the admin commands, the view to the formatter
    proc = PSObject("System.Diagnostics.Process", {"Handles": 561, "NPM": 44 * 1024, "PM": 47564 * 1024, "WS": 40740 * 1024,
                                                   "CPU": 6.48, "Id": 2604, "SI": 1, "ProcessName": "powershell"})
    assert [line.rstrip() for line in render([proc]).split("\n") if line] == [
        "Handles  NPM(K)    PM(K)      WS(K)     CPU(s)     Id  SI ProcessName",
        "-------  ------    -----      -----     ------     --  -- -----------",
        "    561      44    47564      40740       6.48   2604   1 powershell",
    ]


def test_event_views() -> None:
    # PowerShell's Event_Format / DotNetTypes format data (the event cmdlets belong to the admin commands)
    from datetime import datetime

    record = PSObject("System.Diagnostics.Eventing.Reader.EventLogRecord", {
        "TimeCreated": datetime(2026, 12, 1, 21, 15, 54), "Id": 1069, "LevelDisplayName": "Error",
        "ProviderName": "Microsoft-Windows-FailoverClustering", "Message": "Cluster resource 'Cluster Disk 1' failed."})
    assert [line.rstrip() for line in render([record]).split("\n") if line] == [
        "   ProviderName: Microsoft-Windows-FailoverClustering",
        "TimeCreated                     Id LevelDisplayName Message",
        "-----------                     -- ---------------- -------",
        "12/1/2026 9:15:54 PM          1069 Error            Cluster resource 'Cluster Disk 1' failed."]
    entry = PSObject("System.Diagnostics.EventLogEntry", {
        "Index": 42, "TimeGenerated": datetime(2026, 12, 1, 21, 15, 54), "EntryType": "Information",
        "Source": "Service Control Manager", "InstanceID": 1073748860, "Message": "The WinRM service entered the running state."})
    assert [line.rstrip() for line in render([entry]).split("\n") if line][2] == \
        "      42 Dec 01 21:15  Information Service Control M...   1073748860 The WinRM service entered the running state."


def test_hashtable_prints_name_30_wide_and_value(state: Path) -> None:
    lines = out(state, "@{ Name = 'HA-VM01'; Memory = 2GB }")
    assert lines[0] == "Name                           Value"
    assert lines[1] == "----                           -----"
    assert lines[2] == "Name                           HA-VM01"
    assert lines[3] == "Memory                         2147483648"


# -- $PSVersionTable ---------------------------------------------------------------------------------------


def test_psversiontable_is_5_1s_whole_table(state: Path) -> None:
    lines = out(state, "$PSVersionTable")
    assert lines[:2] == ["Name                           Value", "----                           -----"]
    rows = {line[:31].strip(): line[31:] for line in lines[2:]}
    assert list(rows) == ["PSVersion", "PSEdition", "PSCompatibleVersions", "BuildVersion", "CLRVersion",
                          "WSManStackVersion", "PSRemotingProtocolVersion", "SerializationVersion"]
    assert rows["PSVersion"] == "5.1.20348.2849" and rows["BuildVersion"] == "10.0.20348.2849"
    assert rows["PSEdition"] == "Desktop" and rows["CLRVersion"] == "4.0.30319.42000"
    assert rows["WSManStackVersion"] == "3.0" and rows["PSRemotingProtocolVersion"] == "2.3"
    assert rows["SerializationVersion"] == "1.1.0.1"
    assert rows["PSCompatibleVersions"] == "{1.0, 2.0, 3.0, 4.0...}"


def test_psversion_is_a_version(state: Path) -> None:
    assert out(state, "$PSVersionTable.PSVersion.Major; $PSVersionTable.PSVersion.Minor; "
                      "$PSVersionTable.PSVersion.GetType().FullName; $PSVersionTable.PSVersion -ge '5.1'; "
                      "$PSVersionTable.PSVersion -lt '5.0'; \"$($PSVersionTable.PSVersion)\"") == \
        ["5", "1", "System.Version", "True", "False", "5.1.20348.2849"]
    lines = out(state, "$PSVersionTable.PSVersion")
    assert lines == ["Major  Minor  Build  Revision", "-----  -----  -----  --------", "5      1      20348  2849"]


# -- dates in the host's culture (en-US) --------------------------------------------------------------------


def test_dates_print_in_the_hosts_culture(state: Path) -> None:
    script = "$d = Get-Date -Year 2026 -Month 12 -Day 1 -Hour 21 -Minute 15 -Second 54 -Millisecond 0\n"
    assert out(state, script + "$d") == ["Tuesday, December 1, 2026 9:15:54 PM"]
    assert out(state, script + "$d.ToString()") == ["12/1/2026 9:15:54 PM"]
    # string expansion and [string] use the invariant culture (about_Quoting_Rules / about_Type_Conversion)
    assert out(state, script + '"$d"; [string]$d') == ["12/01/2026 21:15:54", "12/01/2026 21:15:54"]
    lines = out(state, script + "[pscustomobject]@{ When = $d; Name = 'x' }")
    assert lines[2].startswith("12/1/2026 9:15:54 PM ")


# -- the modules' views after the chain ------------------------------------------------------------------


def test_get_vm_view(state: Path) -> None:
    header, dashes, rows = table(out(state, "Get-VM"), "Name")
    assert columns(header) == ["Name", "State", "CPUUsage(%)", "MemoryAssigned(M)", "Uptime", "Status", "Version"]
    assert columns(dashes) == ["----", "-----", "-----------", "-----------------", "------", "------", "-------"]
    cells = dict(zip(columns(header), re.split(r"\s{1,}(?=\S)", rows[0], maxsplit=5)))
    assert cells["Name"] == "HA-VM01" and cells["State"] == "Running"
    # MemoryAssigned(M) is $_.MemoryAssigned / 1MB, left-aligned under its label
    pos = header.index("MemoryAssigned(M)")
    assert rows[0][pos:].startswith("2048 ")
    assert re.fullmatch(r"\d\d:\d\d:\d\d(\.\d{7})?", rows[0][header.index("Uptime"):].split()[0])
    assert rows[0].rstrip().endswith("Operating normally 10.0")


def test_format_table_and_out_string_use_the_view(state: Path) -> None:
    default = out(state, "Get-VM")
    assert out(state, "Get-VM | Format-Table") == default
    assert out(state, "Get-VM | Out-String") == default
    # a table PowerShell makes up right-aligns enums (State) like numbers (ComputeDefaultAlignment)
    assert out(state, "Get-VM | Format-Table -Property Name, State") == ["Name      State", "----      -----", "HA-VM01 Running"]
    # -AutoSize sizes the view's columns to their content
    assert out(state, "Get-Disk | Format-Table -AutoSize")[0].startswith("Number Friendly Name     Serial Number                        HealthStatus ")


def test_format_table_wrap_hide_headers_and_out_string_width(state: Path) -> None:
    assert out(state, "Get-Service -Name WinRM | Format-Table -Wrap")[2:] == [
        "Running  WinRM              Windows Remote Management", "                            (WS-Management)"]
    assert out(state, "Get-Service -Name WinRM | Format-Table -HideTableHeaders") == [
        "Running  WinRM              Windows Remote Management (WS-Manag..."]
    # a wider line leaves more to the columns without a width (Get-Disk's Friendly Name)
    assert "Msft Virtual Disk" in out(state, "Get-Disk -Number 0 | Out-String -Width 160")[3]
    # Out-String without -Width lays tables out on the console's 120 columns (TableOutputContext.Initialize), one
    # more than Out-Default's 119 (the console never writes its last column)
    assert "Msft Virtua..." in out(state, "Get-Disk -Number 0 | Out-String")[3]
    assert "Msft Virtu..." in out(state, "Get-Disk -Number 0")[3]
    # Format-Table's text is laid out again for the width Out-String gives it
    assert "Msft Virtual Disk" in out(state, "Get-Disk -Number 0 | Format-Table | Out-String -Width 160")[3]


def test_other_hyper_v_views(state: Path) -> None:
    host = out(state, "Get-VMHost")
    assert columns(host[0]) == ["Name", "LogicalProcessorCount", "MemoryCapacity(M)", "VirtualMachineMigrationEnabled"]
    assert host[2].split() == [N1, "4", "8192", "True"]
    assert columns(out(state, "Get-VMHardDiskDrive -VMName HA-VM01")[0]) == [
        "VMName", "ControllerType", "ControllerNumber", "ControllerLocation", "DiskNumber", "Path"]
    assert columns(out(state, "Get-VMNetworkAdapter -VMName HA-VM01")[0]) == [
        "Name", "IsManagementOs", "VMName", "SwitchName", "MacAddress", "Status", "IPAddresses"]
    assert columns(out(state, "Get-VMProcessor -VMName HA-VM01")[0]) == [
        "VMName", "Count", "CompatibilityForMigrationEnabled", "CompatibilityForOlderOperatingSystemsEnabled"]


def test_get_vmswitch_view(state: Path) -> None:
    header, _, rows = table(out(state, "Get-VMSwitch"), "Name")
    assert columns(header) == ["Name", "SwitchType", "NetAdapterInterfaceDescription"]
    assert rows[0].split()[:2] == ["External", "External"]


def test_get_windowsfeature_prints_boxes(state: Path) -> None:
    lines = out(state, "Get-WindowsFeature -Name Hyper-V, Failover-Clustering, FS-iSCSITarget-Server")
    assert lines[0] == "Display Name                                            Name                       Install State"
    assert lines[1] == "------------                                            ----                       -------------"
    assert lines[2] == "[X] Hyper-V                                             Hyper-V                        Installed"
    assert lines[3].startswith("[X] Failover Clustering ")
    assert lines[4].startswith("        [ ] iSCSI Target Server ") and lines[4].endswith("Available")
    assert all(len(line) == 96 for line in lines)  # Install State right-aligned: 55 + 1 + 26 + 1 + 13
    # features indent by their place in Server Manager's tree; 55 columns cut the long names
    tools = out(state, "Get-WindowsFeature -Name RSAT-Clustering*")
    assert tools[2] == "        [X] Failover Clustering Tools                   RSAT-Clustering                Installed"
    assert tools[4] == "            [X] Failover Cluster Module for Windows ... RSAT-Clustering-PowerShell     Installed"


def test_install_windowsfeature_result_table(state: Path) -> None:
    lines = out(state, "Install-WindowsFeature -Name Failover-Clustering, RSAT-Clustering-PowerShell")
    assert lines[0] == "Success Restart Needed Exit Code      Feature Result"
    assert lines[1] == "------- -------------- ---------      --------------"
    assert lines[2] == "True    No             NoChangeNeeded {}"
    lines = out(state, "Install-WindowsFeature -Name Multipath-IO")
    # Exit Code is 14 wide: SuccessRestartRequired is cut as 5.1 cuts it
    assert lines[2] == "True    Yes            SuccessRest... {Multipath I/O}"


def test_cluster_views(state: Path) -> None:
    cases = {
        "Get-Cluster": ["Name"],
        "Get-ClusterNode": ["Name", "ID", "State"],
        "Get-ClusterGroup": ["Name", "OwnerNode", "State"],
        "Get-ClusterResource": ["Name", "State", "OwnerGroup", "ResourceType"],
        "Get-ClusterSharedVolume": ["Name", "State", "Node"],
        "Get-ClusterNetwork": ["Name", "State", "Metric", "Role"],
        "Get-ClusterQuorum": ["Cluster", "QuorumResource"],
    }
    for script, labels in cases.items():
        lines = out(state, script)
        assert columns(lines[0]) == labels, script
    nodes = out(state, "Get-ClusterNode")
    assert nodes[2] == f"{N1} 1  Up"
    resources = out(state, "Get-ClusterResource")
    disk = next(line for line in resources if line.startswith("Cluster Disk 1 "))
    assert disk.split()[3:] == ["Online", "Cluster", "Group", "Physical", "Disk"]
    csv = out(state, "Get-ClusterSharedVolume")
    assert csv[2].split()[:4] == ["Cluster", "Disk", "2", "Online"]


def test_get_disk_view_wraps_partition_style_and_sizes_like_the_storage_module(state: Path) -> None:
    lines = out(state, "Get-Disk")
    assert lines[0] == ("Number Friendly Name Serial Number                    HealthStatus         OperationalStatus"
                        "      Total Size Partition")
    assert lines[1].strip() == "Style" and lines[1].index("Style") == lines[0].index("Partition")
    assert lines[2] == ("------ ------------- -------------                    ------------         -----------------"
                        "      ---------- ----------")
    iscsi = [line for line in lines[3:] if line.startswith(("1 ", "2 "))]
    assert [line[lines[0].index("Total Size") - 0:lines[0].index("Total Size") + 10].strip() for line in iscsi] == ["1 GB", "500 GB"]
    assert all("..." in line[7:20] for line in iscsi), "Friendly Name is 13 wide"


def test_columns_without_a_width_share_the_rest_of_the_120_column_line() -> None:
    # ColumnWidthManager: one column at a time from the left; a view without widths is sized to its content
    assert column_widths([16, 11, None, 10, None], [15, 11, 8, 9, 8]) == [16, 11, 39, 10, 39]
    assert column_widths([6, None, 32, 20, 22, 10, 10], [6, 17, 0, 0, 0, 0, 0])[1] == 13
    assert column_widths([None, None], [4, 9]) == [4, 9]
    # too wide: the last columns go
    assert column_widths([60, 60, 10], [1, 1, 1]) == [60, 58, 0]


def test_storage_size_script() -> None:
    assert [storage_size(v) for v in (0, 1023, 1024, 2**30, 500 * 2**30, int(23.61 * 2**30), 465.42 * 2**30)] == \
        ["0 B", "1023 B", "1 KB", "1 GB", "500 GB", "23.61 GB", "465.42 GB"]


def test_get_volume_and_partition_views(state: Path) -> None:
    vol = out(state, "Get-Volume")
    assert columns(vol[0]) == ["DriveLetter", "FriendlyName", "FileSystemType", "DriveType", "HealthStatus",
                               "OperationalStatus", "SizeRemaining", "Size"]
    quorum = next(line for line in vol if " Quorum " in line)
    assert quorum.rstrip().endswith("MB") and quorum.startswith("E ")
    part = out(state, "Get-Partition -DiskNumber 2")
    # grouped by the disk's path (Windows Server 2016-2022); the columns as in the example outputs of
    # https://learn.microsoft.com/powershell/module/storage/get-partition (Offset shares the 120-column line)
    path = out(state, "(Get-Disk -Number 2).Path")[0]
    assert part[0] == "   DiskPath: " + path
    assert part[1] == "PartitionNumber  DriveLetter Offset                                        Size Type"
    assert part[3].startswith("1 ") and part[4].rstrip().endswith("GB Basic")


def test_net_views(state: Path) -> None:
    ad = out(state, "Get-NetAdapter -Name Public")
    assert columns(ad[0]) == ["Name", "InterfaceDescription", "ifIndex", "Status", "MacAddress", "LinkSpeed"]
    assert ad[2].startswith("Public" + " " * (26 - len("Public")))
    ip = out(state, "Get-NetIPAddress -InterfaceAlias Heartbeat -AddressFamily IPv4")
    # a list by default in 5.1
    assert [line.split(" : ")[0].rstrip() for line in ip] == [
        "IPAddress", "InterfaceIndex", "InterfaceAlias", "AddressFamily", "Type", "PrefixLength", "PrefixOrigin",
        "SuffixOrigin", "AddressState", "ValidLifetime", "PreferredLifetime", "SkipAsSource", "PolicyStore"]
    assert ip[0].startswith("IPAddress         : 10.0.30.")
    ft = out(state, "Get-NetIPAddress -InterfaceAlias Heartbeat -AddressFamily IPv4 | Format-Table")
    assert columns(ft[0]) == ["ifIndex", "IPAddress", "PrefixLength", "PrefixOrigin", "SuffixOrigin", "AddressState", "PolicyStore"]


def test_net_adapter_binding_view(state: Path) -> None:
    lines = out(state, "Get-NetAdapterBinding -Name iSCSI -ComponentID ms_server")
    assert lines[0] == "Name                           DisplayName                                        ComponentID          Enabled"
    assert lines[2] == "iSCSI                          File and Printer Sharing for Microsoft Networks    ms_server            False"


def test_dns_client_server_address_view(state: Path) -> None:
    lines = out(state, "Set-DnsClientServerAddress -InterfaceAlias Public -ServerAddresses 192.168.10.10 -PassThru")
    assert lines[:3] == ["InterfaceAlias               Interface Address ServerAddresses",
                         "                             Index     Family",
                         "--------------               --------- ------- ---------------"]
    assert lines[3] == "Public                              12 IPv4    {192.168.10.10}"


def test_iscsi_objects_print_their_default_properties(state: Path) -> None:
    # no format view: Windows Server 2016-2022 print the default display set (with PSComputerName), the
    # session as a list, the target as a made-up table whose boolean is right-aligned
    session = out(state, "Get-IscsiSession")
    assert [line.split(":")[0].strip() for line in session] == [
        "AuthenticationType", "InitiatorInstanceName", "InitiatorNodeAddress", "InitiatorPortalAddress",
        "InitiatorSideIdentifier", "IsConnected", "IsDataDigest", "IsDiscovered", "IsHeaderDigest",
        "IsPersistent", "NumberOfConnections", "SessionIdentifier", "TargetNodeAddress", "TargetSideIdentifier",
        "PSComputerName"]
    target = out(state, "Get-IscsiTarget")
    assert columns(target[0]) == ["IsConnected", "NodeAddress", "PSComputerName"]
    assert target[2].split() == ["True", "iqn.1991-05.com.microsoft:storage01-hvcluster-target"]
    assert target[2].startswith("       True ")


def test_objects_without_a_view_follow_the_4_property_rule(state: Path) -> None:
    assert out(state, "[pscustomobject]@{a=1;b=2;c=3;d=4}") == ["a b c d", "- - - -", "1 2 3 4"]
    assert out(state, "[pscustomobject]@{a=1;b=2;c=3;d=4;e=5}") == ["a : 1", "b : 2", "c : 3", "d : 4", "e : 5"]


def test_every_view_cites_its_source() -> None:
    for name, views in VIEWS.items():
        for v in (views.default, views.table, views.list):
            assert v is None or v.source, name


# -- typed values --------------------------------------------------------------------------------------


def test_resource_type_compares_with_its_name(state: Path) -> None:
    assert out(state, "(Get-ClusterResource | Where-Object ResourceType -eq 'Physical Disk').Name") == ["Cluster Disk 1", "Cluster Disk 2"]
    assert out(state, "(Get-ClusterResource)[0].ResourceType.GetType().FullName") == \
        ["Microsoft.FailoverClusters.PowerShell.ClusterResourceType"]


def test_cluster_property_is_the_cluster_object(state: Path) -> None:
    assert out(state, "(Get-ClusterNode)[0].Cluster.GetType().FullName; (Get-ClusterQuorum).Cluster.Name; "
                      "(Get-ClusterGroup)[0].Cluster.Name; \"$((Get-ClusterNode)[0].Cluster)\"") == \
        ["Microsoft.FailoverClusters.PowerShell.Cluster", "HVCLUSTER", "HVCLUSTER", "HVCLUSTER"]
    assert out(state, "(Get-ClusterNode)[0].Cluster") == ["Name", "----", "HVCLUSTER"]
    lines = out(state, "Get-ClusterGroup | Format-List")
    assert any(line.startswith("Cluster ") and line.split(" : ", 1)[1] == "HVCLUSTER" for line in lines)


def test_enum_values_keep_their_type(state: Path) -> None:
    assert out(state, "(Get-VM).State.GetType().FullName; (Get-VM).State -eq 'Running'; [int](Get-VM).State") == \
        ["Microsoft.HyperV.PowerShell.VMState", "True", "2"]
