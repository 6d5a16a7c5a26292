"""The format views (format.ps1xml) Windows PowerShell 5.1 prints objects with.

An object whose type (any of its type names) has a view here prints with
that view: column labels, widths, alignment and the value each column shows,
as the format.ps1xml file that ships with Windows defines them.  Objects
without a view fall back to 5.1's rule (up to four properties: a table; five
or more: a list), see :mod:`labkit.twin.format`.

Sources, per view (each view carries its own ``source``):

- core types: PowerShell's own format data, ``src/System.Management.Automation/
  FormatAndOutput/DefaultFormatters/*_format_ps1xml.cs`` in
  https://github.com/PowerShell/PowerShell (the earliest commit of a file,
  237ccbd, still has the 5.1 widths), and the example outputs of the 5.1
  reference pages (learn.microsoft.com/powershell/module/...?view=powershell-5.1);
- module types (Hyper-V, FailoverClusters, Storage, NetAdapter, NetTCPIP,
  iSCSI, ServerManager): the format.ps1xml files of those modules as Windows
  Server 2016-2022 print them, checked against the example outputs of the
  Windows Server 2022 reference pages where a page shows one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable

from labkit.twin.objects import PSObject
from labkit.twin.timespan_limits import MAX_VALUE as TIMESPAN_MAX

Value = Callable[[PSObject], Any]


@dataclass(frozen=True)
class Column:
    label: str
    value: str | Value            # a property name, or what the view's script block computes
    width: int | None = None      # None: sized to the values (5.1 sizes such columns from the first objects)
    align: str = "left"           # a view's column is left-aligned unless it says "right" (numbers too)
    header_align: str = ""        # the label's alignment when it differs from the values' (TableColumnHeader)


@dataclass(frozen=True)
class TableView:
    columns: tuple[Column, ...]
    source: str
    group_label: str = ""                  # the group header's text before the value ("Directory: ")
    group_by: Value | None = None          # the value a new group starts on
    group_indent: str = ""
    group_blank_after: int = 2             # blank lines between the group header and the table
    wrap: bool = False                     # the row definition's <Wrap/>: cells wrap instead of being cut


@dataclass(frozen=True)
class ListView:
    items: tuple[tuple[str, str | Value], ...]
    source: str


@dataclass(frozen=True)
class Views:
    """What a type prints with: ``default`` for Out-Default; ``table`` for
    Format-Table when the default view is a list; ``list`` for Format-List."""

    default: TableView | ListView
    table: TableView | None = None
    list: ListView | None = None

    def for_table(self) -> TableView | None:
        return self.default if isinstance(self.default, TableView) else self.table

    def for_list(self) -> ListView | None:
        return self.default if isinstance(self.default, ListView) else self.list


# -- value expressions of the views ------------------------------------------------------------

def _prop(name: str) -> Value:
    return lambda o: o.get(name)


def storage_size(value: Any) -> str:
    """The Storage module's size script: divide by 1024 while >= 1024, round to 2 places, unit.

    ``$size = $_.Size; $postfixes = @("B","KB","MB","GB","TB","PB"); for ($i = 0; $size -ge 1024 -and
    $i -lt $postfixes.Length - 1; $i++) { $size = $size / 1024 }; "" + [Math]::Round($size, 2) + " " + $postfixes[$i]``
    """
    if value is None:
        return ""
    size = float(value)
    units = ["B", "KB", "MB", "GB", "TB", "PB"]
    i = 0
    while size >= 1024 and i < len(units) - 1:
        size /= 1024
        i += 1
    rounded = round(size, 2)
    text = str(int(rounded)) if rounded == int(rounded) else f"{rounded:.2f}".rstrip("0")
    return f"{text} {units[i]}"


def _date_d(d: datetime) -> str:
    return f"{d.month}/{d.day}/{d.year:04d}"


def _date_t(d: datetime) -> str:
    return f"{d.hour % 12 or 12}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'}"


def _last_write(o: PSObject) -> str:
    # [String]::Format("{0,10}  {1,8}", $_.LastWriteTime.ToString("d"), $_.LastWriteTime.ToString("t")), en-US
    d = o.get("LastWriteTime")
    if not isinstance(d, datetime):
        return ""
    return f"{_date_d(d):>10}  {_date_t(d):>8}"


def _parent_path(o: PSObject) -> str | None:
    # a FileInfo that did not come from the provider (Test-Cluster's report) has no PSParentPath: no group header
    parent = o.get("PSParentPath")
    return None if parent is None else str(parent).replace("Microsoft.PowerShell.Core\\FileSystem::", "")


def _feature_display(o: PSObject) -> str:
    # ServerManager's Feature view: indentation by Depth, then [X] installed / [ ] not
    depth = int(o.get("Depth") or 1)
    box = "[X]" if o.get("Installed") else "[ ]"
    return "    " * max(depth - 1, 0) + f"{box} {o.get('DisplayName') or ''}"


def _mb(name: str) -> Value:
    def get(o: PSObject) -> Any:
        v = o.get(name)
        if v is None:
            return None
        n = v / 1024**2
        return int(n) if n == int(n) else n
    return get


def _first(*names: str) -> Value:
    """The first of ``names`` the object has (a Process's alias properties: Handles/HandleCount, WS/WorkingSet64 ...)."""
    def get(o: PSObject) -> Any:
        for n in names:
            if o.has(n):
                return o.get(n)
        return None
    return get


def _kb_of(*names: str) -> Value:
    first = _first(*names)

    def get(o: PSObject) -> Any:
        v = first(o)
        return None if v is None else int(round(v / 1024))
    return get


def _cpu(o: PSObject) -> str:
    v = o.get("CPU")
    return "" if v is None else f"{float(v):,.2f}"


def _timespan(o: PSObject) -> Any:
    v = o.get("Uptime")
    return v if isinstance(v, timedelta) else v


# -- the table ------------------------------------------------------------------------------------

_PS_SRC = "https://github.com/PowerShell/PowerShell/blob/237ccbdf6dbfbe5a24064696d40059343d889934/src/System.Management.Automation/FormatAndOutput/DefaultFormatters/"
_DOCS = "https://learn.microsoft.com/powershell/module/"

_FILESYSTEM = Views(TableView(
    (Column("Mode", "Mode", 7, "left"), Column("LastWriteTime", _last_write, 25, "right"),
     Column("Length", "Length", 14, "right"), Column("Name", "Name")),
    source=_PS_SRC + "FileSystem_format_ps1xml.cs (view 'children', 5.1 widths); "
           + _DOCS + "microsoft.powershell.management/get-childitem?view=powershell-5.1 (example outputs)",
    group_label="Directory: ", group_by=_parent_path, group_indent="    ", wrap=True))

_SERVICE = Views(TableView(
    (Column("Status", "Status", 8, "left"), Column("Name", "Name", 18, "left"), Column("DisplayName", "DisplayName", 38, "left")),
    source=_PS_SRC + "DotNetTypes_format_ps1xml.cs (view 'service'); "
           + _DOCS + "microsoft.powershell.management/get-service?view=powershell-5.1"),
    list=ListView(tuple((n, n) for n in ("Name", "DisplayName", "Status", "DependentServices", "ServicesDependedOn",
                                         "CanPauseAndContinue", "CanShutdown", "CanStop", "ServiceType")),
                  source=_PS_SRC + "DotNetTypes_format_ps1xml.cs (list view System.ServiceProcess.ServiceController)"))

_PROCESS = Views(TableView(
    (Column("Handles", _first("Handles", "HandleCount"), 7, "right"),
     Column("NPM(K)", _kb_of("NPM", "NonpagedSystemMemorySize64"), 7, "right"),
     Column("PM(K)", _kb_of("PM", "PagedMemorySize64"), 8, "right"),
     Column("WS(K)", _kb_of("WS", "WorkingSet64"), 10, "right"), Column("CPU(s)", _cpu, 10, "right"), Column("Id", "Id", 6, "right"),
     Column("SI", _first("SI", "SessionId"), 3, "right"), Column("ProcessName", "ProcessName")),
    source=_DOCS + "microsoft.powershell.management/get-process?view=powershell-5.1 (example 4 output; "
           "PowerShell commit 237ccbd widened Id to 7 and moved to MB after 5.1)"))

_VERSION = Views(TableView(
    (Column("Major", "Major", 6), Column("Minor", "Minor", 6), Column("Build", "Build", 6), Column("Revision", "Revision", 8)),
    source=_PS_SRC + "DotNetTypes_format_ps1xml.cs (System.Version)"))

def _event_time(o: PSObject) -> str:
    # "{0:MMM} {0:dd} {0:HH}:{0:mm}"
    d = o.get("TimeGenerated")
    return d.strftime("%b %d %H:%M") if isinstance(d, datetime) else ""


_EVENT_RECORD = Views(TableView(
    (Column("TimeCreated", "TimeCreated", 25), Column("Id", "Id", 8, "right"), Column("LevelDisplayName", "LevelDisplayName", 16),
     Column("Message", "Message")),
    source=_PS_SRC + "Event_Format_ps1xml.cs (System.Diagnostics.Eventing.Reader.EventLogRecord, grouped by ProviderName)",
    group_label="ProviderName: ", group_by=lambda o: o.get("ProviderName"), group_indent="   ", group_blank_after=1))
_CULTURE = Views(TableView(
    (Column("LCID", "LCID", 16), Column("Name", "Name", 16), Column("DisplayName", "DisplayName")),
    source=_PS_SRC + "DotNetTypes_format_ps1xml.cs (System.Globalization.CultureInfo)"))
_MEMBER = Views(TableView(
    (Column("Name", "Name"), Column("MemberType", "MemberType"), Column("Definition", "Definition")),
    source=_PS_SRC + "PowerShellCore_format_ps1xml.cs (Microsoft.PowerShell.Commands.MemberDefinition: autosized, grouped by TypeName)",
    group_label="TypeName: ", group_by=lambda o: o.get("TypeName"), group_indent="   ", group_blank_after=1))
_EVENT_ENTRY = Views(TableView(
    (Column("Index", "Index", 8, "right"), Column("Time", _event_time, 13), Column("EntryType", "EntryType", 11),
     Column("Source", "Source", 20), Column("InstanceID", "InstanceID", 12, "right"), Column("Message", "Message")),
    source=_PS_SRC + "DotNetTypes_format_ps1xml.cs (System.Diagnostics.EventLogEntry)"))

def _command_name(o: PSObject) -> Any:
    # if ($_.CommandType -eq "Alias") { $_.DisplayName } else { $_.Name }
    return o.get("DisplayName") if str(o.get("CommandType")) == "Alias" else o.get("Name")


_COMMAND = Views(TableView(
    (Column("CommandType", "CommandType", 15), Column("Name", _command_name, 50), Column("Version", "Version", 10),
     Column("Source", "Source")),
    source=_PS_SRC + "PowerShellCore_format_ps1xml.cs (System.Management.Automation.AliasInfo, CmdletInfo, FunctionInfo, "
           "ApplicationInfo ...: view 'CommandInfo')"))

def _gb(name: str) -> Value:
    # if($_.Used -or $_.Free) { "{0:###0.00}" -f ($_.Used / 1GB) }
    def value(o: PSObject) -> Any:
        if not (o.get("Used") or o.get("Free")):
            return None
        return f"{(o.get(name) or 0) / 1024**3:.2f}"
    return value


_PATHINFO = Views(TableView((Column("Path", "Path"),),
                            source=_PS_SRC + "PowerShellCore_format_ps1xml.cs (System.Management.Automation.PathInfo); "
                                   + _DOCS + "microsoft.powershell.management/get-location?view=powershell-5.1"))
_PSDRIVE = Views(TableView(
    (Column("Name", "Name", 10), Column("Used (GB)", _gb("Used"), 13, "right"), Column("Free (GB)", _gb("Free"), 13, "right"),
     Column("Provider", lambda o: o.get("Provider").get("Name") if isinstance(o.get("Provider"), PSObject) else o.get("Provider"), 13),
     Column("Root", lambda o: o.get("DisplayRoot") if o.get("DisplayRoot") is not None else o.get("Root"), 35),
     Column("CurrentLocation", "CurrentLocation", None, "right")),
    source=_PS_SRC + "PowerShellCore_format_ps1xml.cs (System.Management.Automation.PSDriveInfo, view 'drive'); "
           + _DOCS + "microsoft.powershell.management/get-psdrive?view=powershell-5.1"),
    list=ListView(tuple((n, n) for n in ("Name", "Description", "Provider", "Root", "CurrentLocation")),
                  source=_PS_SRC + "PowerShellCore_format_ps1xml.cs (list view System.Management.Automation.PSDriveInfo)"))
_PROVIDER = Views(TableView(
    (Column("Name", "Name", 20), Column("Capabilities", "Capabilities"), Column("Drives", "Drives")),
    source=_PS_SRC + "PowerShellCore_format_ps1xml.cs (System.Management.Automation.ProviderInfo, view 'provider')"),
    list=ListView(tuple((n, n) for n in ("Name", "Drives", "Path", "Home", "Description", "Capabilities", "ImplementingType")),
                  source=_PS_SRC + "PowerShellCore_format_ps1xml.cs (list view 'provider')"))

_DICTIONARY = Views(TableView(
    (Column("Name", "Name", 30, "left"), Column("Value", "Value")),
    source=_PS_SRC + "DotNetTypes_format_ps1xml.cs (System.Collections.DictionaryEntry, view 'Dictionary')"))

_GROUP_INFO = Views(TableView(
    (Column("Count", "Count", 5, "right"), Column("Name", "Name", 25), Column("Group", "Group")),
    source=_PS_SRC + "PowerShellCore_format_ps1xml.cs (Microsoft.PowerShell.Commands.GroupInfo)"),
    list=ListView((("Name", "Name"), ("Count", "Count"), ("Group", "Group"), ("Values", "Values")),
                  source=_PS_SRC + "PowerShellCore_format_ps1xml.cs (Microsoft.PowerShell.Commands.GroupInfo)"))
_GROUP_INFO_NO_ELEMENT = Views(TableView(
    (Column("Count", "Count", 5, "right"), Column("Name", "Name", 25)),
    source=_PS_SRC + "PowerShellCore_format_ps1xml.cs (Microsoft.PowerShell.Commands.GroupInfoNoElement)"),
    list=ListView((("Name", "Name"), ("Count", "Count"), ("Values", "Values")),
                  source=_PS_SRC + "PowerShellCore_format_ps1xml.cs (Microsoft.PowerShell.Commands.GroupInfoNoElement)"))

_HV = _DOCS + "hyper-v/"
_VM = Views(TableView(
    (Column("Name", "Name"), Column("State", "State"), Column("CPUUsage(%)", "CPUUsage"),
     Column("MemoryAssigned(M)", _mb("MemoryAssigned")), Column("Uptime", _timespan),
     Column("Status", "Status"), Column("Version", "Version")),
    source="HyperV.Format.ps1xml (Windows Server 2016-2022, view of Microsoft.HyperV.PowerShell.VirtualMachine: "
           "MemoryAssigned(M) is $_.MemoryAssigned/1MB); " + _HV + "get-vm"))

_VMSWITCH = Views(TableView(
    (Column("Name", "Name"), Column("SwitchType", "SwitchType"),
     Column("NetAdapterInterfaceDescription", "NetAdapterInterfaceDescription")),
    source="HyperV.Format.ps1xml (Microsoft.HyperV.PowerShell.VMSwitch); " + _HV + "get-vmswitch"))

_VMHOST = Views(TableView(
    (Column("Name", "Name"), Column("LogicalProcessorCount", "LogicalProcessorCount"),
     Column("MemoryCapacity(M)", _mb("MemoryCapacity")), Column("VirtualMachineMigrationEnabled", "VirtualMachineMigrationEnabled")),
    source="HyperV.Format.ps1xml (Microsoft.HyperV.PowerShell.VMHost: MemoryCapacity(M) is $_.MemoryCapacity/1MB); " + _HV + "get-vmhost"))
_HARDDISK = Views(TableView(
    tuple(Column(n, n) for n in ("VMName", "ControllerType", "ControllerNumber", "ControllerLocation", "DiskNumber", "Path")),
    source="HyperV.Format.ps1xml (Microsoft.HyperV.PowerShell.HardDiskDrive); " + _HV + "get-vmharddiskdrive"))
_VMADAPTER = Views(TableView(
    tuple(Column(n, n) for n in ("Name", "IsManagementOs", "VMName", "SwitchName", "MacAddress", "Status", "IPAddresses")),
    source="HyperV.Format.ps1xml (Microsoft.HyperV.PowerShell.VMNetworkAdapter); " + _HV + "get-vmnetworkadapter"))
_VMPROCESSOR = Views(TableView(
    tuple(Column(n, n) for n in ("VMName", "Count", "CompatibilityForMigrationEnabled", "CompatibilityForOlderOperatingSystemsEnabled")),
    source="HyperV.Format.ps1xml (Microsoft.HyperV.PowerShell.VMProcessor); " + _HV + "get-vmprocessor"))

_FEATURE = Views(TableView(
    (Column("Display Name", _feature_display, 55, "left"), Column("Name", "Name", 26, "left"),
     Column("Install State", "InstallState", 13, "right")),
    source="ServerManager's Feature.format.ps1xml (Microsoft.Windows.ServerManager.Commands.Feature); "
           + _DOCS + "servermanager/get-windowsfeature"))

_FEATURE_RESULT = Views(TableView(
    (Column("Success", "Success", 7), Column("Restart Needed", "RestartNeeded", 14), Column("Exit Code", "ExitCode", 14),
     Column("Feature Result", "FeatureResult", 45)),
    source="ServerManager's FeatureOperationResult view as Windows Server 2016-2022 print Install-WindowsFeature "
           "(\"True    No             Success        {Failover Clustering, Remote Server Admini...\"); "
           + _DOCS + "servermanager/install-windowsfeature"))

_FC = _DOCS + "failoverclusters/"
_FC_SRC = "FailoverClusters.Format.ps1xml (Windows Server 2016-2022); "
_CLUSTER = Views(TableView((Column("Name", "Name"),), source=_FC_SRC + _FC + "get-cluster"),
                 list=ListView((("Name", "Name"),), source=_FC_SRC + "Get-Cluster | Format-List shows the name only"))
_NODE = Views(TableView((Column("Name", "Name"), Column("ID", "Id"), Column("State", "State")),
                        source=_FC_SRC + _FC + "get-clusternode (\"displays the name, id, and state of each node\")"))
_GROUP = Views(TableView((Column("Name", "Name"), Column("OwnerNode", "OwnerNode"), Column("State", "State")),
                         source=_FC_SRC + _FC + "get-clustergroup (\"lists the state and owner node of each clustered role\")"))
_RESOURCE = Views(TableView(
    (Column("Name", "Name"), Column("State", "State"), Column("OwnerGroup", "OwnerGroup"),
     Column("ResourceType", "ResourceType")), source=_FC_SRC + _FC + "get-clusterresource"))
_CSV = Views(TableView((Column("Name", "Name"), Column("State", "State"), Column("Node", "OwnerNode")),
                       source=_FC_SRC + _FC + "get-clustersharedvolume"))
_NETWORK = Views(TableView(
    (Column("Name", "Name"), Column("State", "State"), Column("Metric", "Metric"), Column("Role", "Role")),
    source=_FC_SRC + _FC + "get-clusternetwork"))
_NET_INTERFACE = Views(TableView((Column("Name", "Name"), Column("Node", "Node"), Column("Network", "Network"), Column("State", "State")),
                                 source=_FC_SRC + _FC + "get-clusternetworkinterface"))
# ClusterParameter: "Object Name Value Type" (Get-ClusterResource's page, Windows Server 2012, example 3)
_PARAMETER = Views(TableView((Column("Object", "ClusterObject"), Column("Name", "Name"), Column("Value", "Value"), Column("Type", "ParameterType")),
                             source=_FC_SRC + _FC + "get-clusterresource (example 3: Get-ClusterParameter's table)"))
_QUORUM = Views(TableView((Column("Cluster", "Cluster", 20), Column("QuorumResource", "QuorumResource")),
                          source=_FC_SRC + _FC + "get-clusterquorum"))

_ST = _DOCS + "storage/"
_ST_SRC = "Storage.format.ps1xml (Windows Server 2016-2022; sizes by the module's 1024-step script); "
_DISK = Views(TableView(
    (Column("Number", "Number", 6, "left"), Column("Friendly Name", "FriendlyName"),
     Column("Serial Number", "SerialNumber", 32, "left"), Column("HealthStatus", "HealthStatus", 20, "left"),
     Column("OperationalStatus", "OperationalStatus", 22, "left"), Column("Total Size", lambda o: storage_size(o.get("Size")), 10, "right"),
     Column("Partition Style", "PartitionStyle", 10, "left")),
    source=_ST_SRC + _ST + "get-disk"))
_PARTITION = Views(TableView(
    (Column("PartitionNumber", "PartitionNumber", 16, "left"), Column("DriveLetter", lambda o: (o.get("DriveLetter") or "").strip("\x00"), 11, "left"),
     Column("Offset", "Offset"), Column("Size", lambda o: storage_size(o.get("Size")), 10, "right"),
     Column("Type", "Type")),
    # the page's example (Windows 8 era) groups by "Disk Number: 5"; Windows Server 2016-2022 group by the
    # disk's path ("   DiskPath: \\?\scsi#disk&..." and one blank line); its Offset column, 39 wide, shows
    # the 120-column console the widths are shared in
    source=_ST_SRC + _ST + "get-partition (example outputs)",
    group_label="DiskPath: ", group_by=lambda o: o.get("DiskPath"), group_indent="   ", group_blank_after=1))
_VOLUME = Views(TableView(
    (Column("DriveLetter", "DriveLetter"), Column("FriendlyName", "FriendlyName"),
     Column("FileSystemType", "FileSystemType"), Column("DriveType", "DriveType"),
     Column("HealthStatus", "HealthStatus"), Column("OperationalStatus", "OperationalStatus"),
     Column("SizeRemaining", lambda o: storage_size(o.get("SizeRemaining")), None, "right"),
     Column("Size", lambda o: storage_size(o.get("Size")), None, "right")),
    source=_ST_SRC + _ST + "get-volume"))

_NET = _DOCS + "netadapter/"
_ADAPTER = Views(TableView(
    (Column("Name", "Name", 25, "left"), Column("InterfaceDescription", "InterfaceDescription", 39, "left"),
     Column("ifIndex", "ifIndex", 7, "right"), Column("Status", "Status", 12, "left"),
     Column("MacAddress", "MacAddress", 21, "left"), Column("LinkSpeed", "LinkSpeed", None, "right")),
    source="NetAdapter.Format.ps1xml (MSFT_NetAdapter); " + _NET + "get-netadapter"))
_BINDING = Views(TableView(
    (Column("Name", "Name", 30), Column("DisplayName", "DisplayName", 50), Column("ComponentID", "ComponentID", 20),
     Column("Enabled", "Enabled")),
    source="NetAdapter's MSFT_NetAdapterBindingSettingData view (Name 30, DisplayName 50, ComponentID 20 wide); "
           + _NET + "get-netadapterbinding"))
_DNS_SERVERS = Views(TableView(
    # the labels break where Windows prints them: "Index" and "Family" start their columns on the second
    # line, which 5.1's word wrap of "Interface Index" in 9 columns would not do (" Index")
    (Column("InterfaceAlias", "InterfaceAlias", 28), Column("Interface\nIndex", "InterfaceIndex", 9, "right", "left"),
     Column("Address\nFamily", "AddressFamily", 7), Column("ServerAddresses", "ServerAddresses")),
    source="DnsClient's MSFT_DNSClientServerAddress view (the two-line 'Interface Index' and 'Address Family' "
           "headers); " + _DOCS + "dnsclient/get-dnsclientserveraddress"))
_IP_ITEMS = ("IPAddress", "InterfaceIndex", "InterfaceAlias", "AddressFamily", "Type", "PrefixLength", "PrefixOrigin",
             "SuffixOrigin", "AddressState", "ValidLifetime", "PreferredLifetime", "SkipAsSource", "PolicyStore")


def _lifetime(name: str) -> Value:
    """A lifetime (a TimeSpan) as the view prints it: "Infinite ([TimeSpan]::MaxValue)" for TimeSpan.MaxValue (an
    address that never expires), else the span (a DHCP lease's "21:35:36")."""
    return lambda o: "Infinite ([TimeSpan]::MaxValue)" if o.get(name) == TIMESPAN_MAX else o.get(name)


_IPADDRESS = Views(
    ListView(tuple((n, _lifetime(n) if n.endswith("Lifetime") else n) for n in _IP_ITEMS),
             source="NetTCPIP's MSFT_NetIPAddress.format.ps1xml: a list by default; " + _DOCS + "nettcpip/get-netipaddress"),
    table=TableView(
        (Column("ifIndex", "InterfaceIndex", 7, "right"), Column("IPAddress", "IPAddress", 47, "left"),
         Column("PrefixLength", "PrefixLength", 12, "right"), Column("PrefixOrigin", "PrefixOrigin", 12, "left"),
         Column("SuffixOrigin", "SuffixOrigin", 12, "left"), Column("AddressState", "AddressState", 12, "left"),
         Column("PolicyStore", "PolicyStore")),
        source="NetTCPIP's MSFT_NetIPAddress.format.ps1xml (the Format-Table view; example 2 of the page)"))

_CIM = "microsoft.management.infrastructure.ciminstance#root/microsoft/windows/storage/"
_FCP = "microsoft.failoverclusters.powershell."

VIEWS: dict[str, Views] = {
    "system.io.directoryinfo": _FILESYSTEM,
    "system.io.fileinfo": _FILESYSTEM,
    "system.serviceprocess.servicecontroller": _SERVICE,
    "system.diagnostics.process": _PROCESS,
    "system.collections.dictionaryentry": _DICTIONARY,
    "system.diagnostics.eventing.reader.eventlogrecord": _EVENT_RECORD,
    "system.diagnostics.eventlogentry": _EVENT_ENTRY,
    "microsoft.powershell.commands.memberdefinition": _MEMBER,
    "system.version": _VERSION,
    "microsoft.powershell.commands.groupinfo": _GROUP_INFO,
    "microsoft.powershell.commands.groupinfonoelement": _GROUP_INFO_NO_ELEMENT,
    "system.globalization.cultureinfo": _CULTURE,
    "system.management.automation.pathinfo": _PATHINFO,
    "system.management.automation.psdriveinfo": _PSDRIVE,
    "system.management.automation.providerinfo": _PROVIDER,
    **{f"system.management.automation.{t}": _COMMAND for t in ("aliasinfo", "applicationinfo", "cmdletinfo", "externalscriptinfo",
                                                              "filterinfo", "functioninfo", "scriptinfo")},
    "microsoft.hyperv.powershell.virtualmachine": _VM,
    "microsoft.hyperv.powershell.vmswitch": _VMSWITCH,
    "microsoft.hyperv.powershell.vmhost": _VMHOST,
    "microsoft.hyperv.powershell.harddiskdrive": _HARDDISK,
    "microsoft.hyperv.powershell.vmnetworkadapter": _VMADAPTER,
    "microsoft.hyperv.powershell.vminternalnetworkadapter": _VMADAPTER,
    "microsoft.hyperv.powershell.vmprocessor": _VMPROCESSOR,
    "microsoft.windows.servermanager.commands.feature": _FEATURE,
    "microsoft.windows.servermanager.commands.featureoperationresult": _FEATURE_RESULT,
    _FCP + "cluster": _CLUSTER,
    _FCP + "clusternode": _NODE,
    _FCP + "clustergroup": _GROUP,
    _FCP + "clusterresource": _RESOURCE,
    _FCP + "clustersharedvolume": _CSV,
    _FCP + "clusternetwork": _NETWORK,
    _FCP + "clusternetworkinterface": _NET_INTERFACE,
    _FCP + "clusterquorumsettings": _QUORUM,
    _FCP + "clusterparameter": _PARAMETER,
    _CIM + "msft_disk": _DISK,
    _CIM + "msft_partition": _PARTITION,
    _CIM + "msft_volume": _VOLUME,
    "microsoft.management.infrastructure.ciminstance#root/standardcimv2/msft_netadapter": _ADAPTER,
    "microsoft.management.infrastructure.ciminstance#root/standardcimv2/msft_netipaddress": _IPADDRESS,
    "microsoft.management.infrastructure.ciminstance#root/standardcimv2/msft_dnsclientserveraddress": _DNS_SERVERS,
    "microsoft.management.infrastructure.ciminstance#root/standardcimv2/msft_netadapterbindingsettingdata": _BINDING,
}


def _help_module(o: PSObject) -> Any:
    module = o.get("ModuleName")
    return module if module is not None else o.get("PSSnapIn")


# Get-Help's list of several topics (Help_format_ps1xml.cs, view 'help' of HelpInfoShort)
_HELP_SHORT = Views(TableView(
    (Column("Name", "Name", 33), Column("Category", "Category", 9), Column("Module", _help_module, 25), Column("Synopsis", "Synopsis")),
    source=_PS_SRC + "Help_format_ps1xml.cs (HelpInfoShort)"))
VIEWS["helpinfoshort"] = _HELP_SHORT


def views_for(obj: Any) -> Views | None:
    """The views of ``obj``'s first type name that has any."""
    if not isinstance(obj, PSObject):
        return None
    for name in obj.type_names:
        v = VIEWS.get(name.lower())
        if v is not None:
            return v
    return None


def column_value(obj: Any, col: Column | tuple[str, str | Value]) -> Any:
    value = col.value if isinstance(col, Column) else col[1]
    if isinstance(value, str):
        return obj.get(value)   # PSObject and PSHashtable look names up case-insensitively
    try:
        return value(obj)
    except (TypeError, ValueError, AttributeError, ZeroDivisionError):
        return None      # a view's script block that fails shows an empty cell, as in PowerShell


__all__ = ["Column", "TableView", "ListView", "Views", "VIEWS", "views_for", "column_value", "storage_size"]
