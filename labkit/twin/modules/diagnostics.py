"""Event logs: Get-WinEvent (Microsoft.PowerShell.Diagnostics) and Get-EventLog
(Microsoft.PowerShell.Management) over the events the twin's world produced.

The world's event stream (labkit.twin.events, ``world.history``) is read as
the Windows event logs of each host: a node that leaves the cluster is
FailoverClustering event 1135 in the System log of the nodes that stay, a
live migration is Hyper-V-VMMS events 20413 and 20415 on the source host, a
restart is EventLog 6006 and 6005, and so on (:func:`windows_events`, each
event with the page that documents it).  The twin writes no other events:
the logs it does not fill (Application, Security ...) are refused as not
emulated rather than shown empty.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable

from labkit.twin.clock import lab_time
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.values import PSHashtable, as_list, to_string
from labkit.twin.world import Host, World

SYSTEM = "System"
VMMS = "Microsoft-Windows-Hyper-V-VMMS-Admin"
HA = "Microsoft-Windows-Hyper-V-High-Availability-Admin"
WORKER = "Microsoft-Windows-Hyper-V-Worker-Admin"
CLUSTER_OPS = "Microsoft-Windows-FailoverClustering/Operational"

FC = "Microsoft-Windows-FailoverClustering"
VMMS_PROVIDER = "Microsoft-Windows-Hyper-V-VMMS"
HA_PROVIDER = "Microsoft-Windows-Hyper-V-High-Availability"
WORKER_PROVIDER = "Microsoft-Windows-Hyper-V-Worker"
EVENTLOG = "EventLog"

#: The logs the twin fills, and the feature a host needs to have them.
LOGS: dict[str, str | None] = {SYSTEM: None, VMMS: "Hyper-V", WORKER: "Hyper-V", HA: "Failover-Clustering", CLUSTER_OPS: "Failover-Clustering"}
#: Logs every Windows Server has that the twin leaves empty: refused, not shown empty.
UNFILLED = ("Application", "Security", "Setup", "Windows PowerShell", "Microsoft-Windows-PowerShell/Operational",
            "Microsoft-Windows-FailoverClustering/Diagnostic",
            "Microsoft-Windows-iSCSITarget-Service/Admin", "Microsoft-Windows-SMBClient/Operational")

LEVELS = {1: "Critical", 2: "Error", 3: "Warning", 4: "Information"}

# Failover Clustering events in the System log (critical, error and warning events; the informational
# ones this page does not list -- 1061, 1062, 1063, 1201, 1204, 1641 -- are in the FailoverClustering
# Operational log): https://learn.microsoft.com/en-us/troubleshoot/windows-server/high-availability/failover-clustering-system-log-events
MSG_1135 = ("Cluster node '{0}' was removed from the active failover cluster membership. The Cluster service on this node may have "
            "stopped. This could also be due to the node having lost communication with other active nodes in the failover cluster. "
            "Run the Validate a Configuration wizard to check your network configuration. If the condition persists, check for "
            "hardware or software errors related to the network adapters on this node. Also check for failures in any other network "
            "components to which the node is connected such as hubs, switches, or bridges.")
MSG_1177 = ("The Cluster service is shutting down because quorum was lost. This could be due to the loss of network connectivity "
            "between some or all nodes in the cluster, or a failover of the witness disk.\n\nRun the Validate a Configuration wizard "
            "to check your network configuration. If the condition persists, check for hardware or software errors related to the "
            "network adapter. Also check for failures in any other network components to which the node is connected such as hubs, "
            "switches, or bridges.")
MSG_1127 = ("Cluster network interface '{0}' for cluster node '{1}' on network '{2}' failed. Run the Validate a Configuration wizard "
            "to check your network configuration. If the condition persists, check for hardware or software errors related to the "
            "network adapter. Also check for failures in any other network components to which the node is connected such as hubs, "
            "switches, or bridges.")
MSG_1130 = ("Cluster network '{0}' is down. None of the available nodes can communicate using this network. Run the Validate a "
            "Configuration wizard to check your network configuration. If the condition persists, check for hardware or software "
            "errors related to the network adapter. Also check for failures in any other network components to which the node is "
            "connected such as hubs, switches, or bridges.")
MSG_1205 = ("The Cluster service failed to bring clustered role '{0}' completely online or offline. One or more resources may be in a "
            "failed state. This may impact the availability of the clustered role.")
# The provider's own message table (Get-WinEvent -ListProvider Microsoft-Windows-FailoverClustering).
MSG_1061 = "The Cluster service successfully formed the failover cluster '{0}'."
MSG_1062 = "This node has successfully joined the failover cluster '{0}'."
MSG_1063 = "The Cluster service was successfully stopped."
MSG_1201 = "The Cluster service successfully brought the clustered role '{0}' online."
MSG_1204 = "The Cluster service successfully brought the clustered role '{0}' offline."
MSG_1641_FROM = "Clustered role '{0}' is moving from cluster node '{1}' to cluster node '{2}'."
MSG_1641_TO = "Clustered role '{0}' is moving to cluster node '{1}'."
# Hyper-V live migration events: https://learn.microsoft.com/en-us/troubleshoot/windows-server/virtualization/troubleshoot-live-migration-issues
MSG_20413 = "The Virtual Machine Management service initiated the live migration of virtual machine '{0}' to destination host '{1}' (VMID {2})."
MSG_20415 = ("The Virtual Machine Management service successfully completed the live migration of virtual machine '{0}' with a "
             "blackout time of {1:.1f} seconds (VMID {2}).")
# Hyper-V-Worker 18500, as Event Viewer shows it (e.g. "'VM-SRV-001' started successfully. (Virtual machine ID D8EB8812-...)").
MSG_18500 = "'{0}' started successfully. (Virtual machine ID {1})"
MSG_21502 = "Live migration of 'Virtual Machine {0}' failed.\n\n{1}"
# EventLog service events (Event Viewer: System log, source EventLog).
MSG_6005 = "The Event log service was started."
MSG_6006 = "The Event log service was stopped."
MSG_6008 = "The previous system shutdown at {0} on {1} was unexpected."


@dataclass(frozen=True)
class LogEvent:
    time: float
    host: str
    log: str
    provider: str
    id: int
    level: int
    message: str
    qualifiers: int | None = None       # classic events (EventLog 600x) carry 0x8000: InstanceId = qualifiers << 16 | id
    properties: tuple[str, ...] = ()    # the event's data (EventRecord.Properties[i].Value), where the twin knows it


def _vm_id(world: World, name: str) -> str:
    vm = world.vm(name)
    return vm.id.upper() if vm else ""


def windows_events(world: World) -> list[LogEvent]:
    """Every Windows event the world's stream stands for, in clock order."""
    out: list[LogEvent] = []
    crashed_at: dict[str, float] = {}
    for e in world.history:
        kind, t = e.get("kind"), float(e.get("time", 0.0))
        if kind == "new-cluster":
            nodes = list(e.get("nodes") or [])
            for i, n in enumerate(nodes):
                out.append(LogEvent(t, n, CLUSTER_OPS, FC, 1061 if i == 0 else 1062, 4,
                                    (MSG_1061 if i == 0 else MSG_1062).format(e.get("cluster"))))
        elif kind == "node-down":
            for n in _survivors(world, e):
                out.append(LogEvent(t, n, SYSTEM, FC, 1135, 1, MSG_1135.format(e.get("node"))))
        elif kind == "quorum-lost":
            for n in _survivors(world, e):
                out.append(LogEvent(t, n, SYSTEM, FC, 1177, 1, MSG_1177))
        elif kind == "node-stopped":
            out.append(LogEvent(t, str(e.get("node")), CLUSTER_OPS, FC, 1063, 4, MSG_1063))
        elif kind == "migration":
            vm, src, dst = str(e.get("vm")), str(e.get("from")), str(e.get("to"))
            started = float(e.get("started", t))
            clustered = e.get("clustered", True)          # Move-VM of a VM that is no cluster role: Hyper-V only
            if clustered:
                out.append(LogEvent(started, src, CLUSTER_OPS, FC, 1641, 4, MSG_1641_FROM.format(vm, src, dst)))
            if e.get("migration_type") == "live":
                out.append(LogEvent(started, src, VMMS, VMMS_PROVIDER, 20413, 4, MSG_20413.format(vm, dst, _vm_id(world, vm))))
                if e.get("ok"):
                    # The event's data: VM name, VMID, blackout in seconds as the message shows it (an event's XML:
                    # <Parameter0>name</Parameter0><Parameter1>VMID</Parameter1><Parameter2>0.5</Parameter2>; scripts read
                    # them as Properties[0..2], e.g. https://github.com/R-Studio/PSTools/blob/master/Public/Get-LiveMigrationBlackoutTime.ps1).
                    blackout = float(e.get("blackout_s") or 0.0)
                    out.append(LogEvent(t, src, VMMS, VMMS_PROVIDER, 20415, 4, MSG_20415.format(vm, blackout, _vm_id(world, vm)),
                                        properties=(vm, _vm_id(world, vm), f"{blackout:.1f}")))
                else:
                    out.append(LogEvent(t, src, HA, HA_PROVIDER, 21502, 2, MSG_21502.format(vm, e.get("reason", ""))))
            if e.get("ok") and clustered:
                out.append(LogEvent(t, dst, CLUSTER_OPS, FC, 1201, 4, MSG_1201.format(vm)))
        elif kind == "failover":
            if e.get("ok"):
                out.append(LogEvent(t, str(e.get("to")), CLUSTER_OPS, FC, 1201, 4, MSG_1201.format(e.get("vm"))))
        elif kind == "group-state" and e.get("state") in ("Online", "Offline"):
            online = e.get("state") == "Online"
            out.append(LogEvent(t, str(e.get("node")), CLUSTER_OPS, FC, 1201 if online else 1204, 4,
                                (MSG_1201 if online else MSG_1204).format(e.get("group"))))
        elif kind == "failover-failed":
            out.append(LogEvent(t, str(e.get("node")), SYSTEM, FC, 1205, 2, MSG_1205.format(e.get("vm"))))
        elif kind == "move-group":
            out.append(LogEvent(t, str(e.get("to")), CLUSTER_OPS, FC, 1641, 4, MSG_1641_TO.format(e.get("group"), e.get("to"))))
        elif kind == "restart":
            h = str(e.get("host"))
            out.append(LogEvent(t, h, SYSTEM, EVENTLOG, 6006, 4, MSG_6006, 0x8000))
            out.append(LogEvent(t + float(e.get("seconds") or 0.0), h, SYSTEM, EVENTLOG, 6005, 4, MSG_6005, 0x8000))
        elif kind == "cut" and world.cluster is not None:
            out += _network_down(world, world.cluster, t, str(e.get("network")))
        elif kind == "vm-started":
            out.append(LogEvent(t, str(e.get("host")), WORKER, WORKER_PROVIDER, 18500, 4,
                                MSG_18500.format(e.get("vm"), _vm_id(world, str(e.get("vm"))))))
        elif kind == "crash":
            crashed_at[str(e.get("host")).lower()] = t
        elif kind == "heal" and e.get("host"):
            h = str(e.get("host"))
            when = lab_time(crashed_at.pop(h.lower(), t))
            stamp = (when.strftime("%I:%M:%S %p").lstrip("0"), f"{when.month}/{when.day}/{when.year}")
            out.append(LogEvent(t, h, SYSTEM, EVENTLOG, 6008, 2, MSG_6008.format(*stamp), 0x8000))
            out.append(LogEvent(t, h, SYSTEM, EVENTLOG, 6005, 4, MSG_6005, 0x8000))
    out.sort(key=lambda x: x.time)
    return out


def _network_down(world: World, c: Any, t: float, network: str) -> list[LogEvent]:
    """A cut lab network: each running node logs its failed interface (1127) and the cluster network down (1130)."""
    out = []
    for net in (n for n in c.networks if n.network.lower() == network.lower()):
        for node in c.nodes:
            host = world.host(node.name)
            hit = host.address_on(net.cidr)
            if node.state == "Down" or not host.running or hit is None:
                continue
            out.append(LogEvent(t, node.name, SYSTEM, FC, 1127, 2, MSG_1127.format(f"{node.name} - {hit[0].name}", node.name, net.name)))
            out.append(LogEvent(t, node.name, SYSTEM, FC, 1130, 2, MSG_1130.format(net.name)))
    return out


def _survivors(world: World, e: dict[str, Any]) -> list[str]:
    """Cluster nodes that log a membership change: the others, running."""
    c = world.cluster
    if c is None:
        return []
    gone = str(e.get("node", "")).lower()
    return [n.name for n in c.nodes if n.name.lower() != gone and world.host(n.name).running]


def host_events(world: World, host: Host) -> list[tuple[int, LogEvent]]:
    """(RecordId, event) of ``host``'s logs, oldest first; record ids count per log from 1."""
    counters: dict[str, int] = {}
    out = []
    for ev in windows_events(world):
        if ev.host.lower() != host.name.lower():
            continue
        counters[ev.log] = counters.get(ev.log, 0) + 1
        out.append((counters[ev.log], ev))
    return out


def host_logs(host: Host) -> list[str]:
    return [log for log, feature in LOGS.items() if feature is None or host.installed(feature)]


# -- Get-WinEvent -----------------------------------------------------------------------------

def record_object(host: Host, record_id: int, ev: LogEvent) -> PSObject:
    """An EventLogRecord as Get-WinEvent returns it (System.Diagnostics.Eventing.Reader.EventLogRecord)."""
    return PSObject(
        ["System.Diagnostics.Eventing.Reader.EventLogRecord", "System.Diagnostics.Eventing.Reader.EventRecord"],
        {
            "Message": ev.message, "Id": ev.id, "Version": 0, "Qualifiers": ev.qualifiers, "Level": ev.level, "Task": 0,
            "Opcode": 0, "Keywords": -9223372036854775808, "RecordId": record_id,
            "ProviderName": ev.provider, "ProviderId": None, "LogName": ev.log, "ProcessId": 4, "ThreadId": 0,
            "MachineName": host.fqdn, "UserId": None, "TimeCreated": lab_time(ev.time), "ActivityId": None,
            "RelatedActivityId": None, "ContainerLog": ev.log, "MatchedQueryIds": [], "Bookmark": None,
            "LevelDisplayName": LEVELS[ev.level], "OpcodeDisplayName": "Info", "TaskDisplayName": None, "KeywordsDisplayNames": [],
            "Properties": [PSObject("System.Diagnostics.Eventing.Reader.EventProperty", {"Value": v}) for v in ev.properties],
        },
        display=["TimeCreated", "Id", "LevelDisplayName", "Message"],
        tostring="System.Diagnostics.Eventing.Reader.EventLogRecord",
    )


def _match_any(patterns: list[str], value: str) -> bool:
    return any(fnmatch.fnmatchcase(value.lower(), p.lower()) for p in patterns)


def _resolve_logs(ctx: Any, host: Host, names: list[str]) -> list[str]:
    logs = host_logs(host)
    out: list[str] = []
    for n in names:
        hits = [log for log in logs if fnmatch.fnmatchcase(log.lower(), n.lower())]
        if hits:
            out += [h for h in hits if h not in out]
            continue
        unfilled = [u for u in UNFILLED if fnmatch.fnmatchcase(u.lower(), n.lower())]
        if unfilled:
            raise NotEmulated("Get-WinEvent", f"the log '{unfilled[0]}' (the twin writes events to {', '.join(logs)} only)")
        ctx.error(f"There is not an event log on the localhost computer that matches \"{n}\".", "ObjectNotFound", n,
                  "NoMatchingLogsFound,Microsoft.PowerShell.Commands.GetWinEventCommand")
    return out


HASH_KEYS = ("LogName", "ProviderName", "Id", "Level", "StartTime", "EndTime")


def _hash_filter(ctx: Any, host: Host, table: PSHashtable, events: list[tuple[int, LogEvent]]) -> list[tuple[int, LogEvent]]:
    # FilterHashtable keys: https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.diagnostics/get-winevent?view=powershell-5.1
    keys = {to_string(k).lower(): v for k, v in table.items()}
    for k in keys:
        if k not in (x.lower() for x in HASH_KEYS):
            raise NotEmulated("Get-WinEvent", f"the FilterHashtable key '{k}' (the twin filters on {', '.join(HASH_KEYS)})")
    if "logname" not in keys and "providername" not in keys:
        raise CmdletError("The specified hash table must contain the LogName, ProviderName, or Path key.", "InvalidArgument",
                          "LogNotFound,Microsoft.PowerShell.Commands.GetWinEventCommand", table)
    out = events
    if "logname" in keys:
        logs = _resolve_logs(ctx, host, [to_string(x) for x in as_list(keys["logname"])])
        out = [x for x in out if x[1].log in logs]
    if "providername" in keys:
        provs = [to_string(x) for x in as_list(keys["providername"])]
        out = [x for x in out if _match_any(provs, x[1].provider)]
    if "id" in keys:
        ids = {_integer(x, "Id") for x in as_list(keys["id"])}
        out = [x for x in out if x[1].id in ids]
    if "level" in keys:
        levels = {_integer(x, "Level") for x in as_list(keys["level"])}
        out = [x for x in out if x[1].level in levels]
    if "starttime" in keys:
        start = _date(keys["starttime"])
        out = [x for x in out if lab_time(x[1].time) >= start]
    if "endtime" in keys:
        end = _date(keys["endtime"])
        out = [x for x in out if lab_time(x[1].time) <= end]
    return out


def _integer(value: Any, key: str) -> int:
    text = to_string(value).strip()
    try:
        return int(text)
    except ValueError:
        raise CmdletError(f"The value '{text}' of the FilterHashtable key '{key}' is not a number.", "InvalidArgument",
                          "InvalidHashtableValue,Microsoft.PowerShell.Commands.GetWinEventCommand", value) from None


def _date(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    from labkit.twin.values import convert

    return convert(value, "datetime")


@cmdlet("Get-WinEvent", honours={"LogName", "ProviderName", "FilterHashtable", "MaxEvents", "Oldest", "ListLog", "Force"})
def get_win_event(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    world = ctx.world
    host = world.host(ctx.host)
    if "ListLog" in args:
        out = []
        all_events = host_events(world, host)
        for log in _resolve_logs(ctx, host, [to_string(x) for x in as_list(args["ListLog"])]):
            out.append(PSObject("System.Diagnostics.Eventing.Reader.EventLogConfiguration", {
                "LogMode": PSEnum("System.Diagnostics.Eventing.Reader.EventLogMode", "Circular", 0),
                "MaximumSizeInBytes": 20971520, "RecordCount": sum(1 for _, e in all_events if e.log == log),
                "LogName": log, "IsEnabled": True,
                "LogType": PSEnum("System.Diagnostics.Eventing.Reader.EventLogType", "Administrative" if log != CLUSTER_OPS else "Operational",
                                  0 if log != CLUSTER_OPS else 1)},
                display=["LogMode", "MaximumSizeInBytes", "RecordCount", "LogName"], tostring=log))
        return out
    if "MaxEvents" in args and int(args["MaxEvents"]) < 1:
        raise CmdletError(f"Cannot validate argument on parameter 'MaxEvents'. The {int(args['MaxEvents'])} argument is less than the minimum "
                          "allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again.",
                          "InvalidData", "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetWinEventCommand", args["MaxEvents"])
    events = host_events(world, host)
    if "FilterHashtable" in args:
        picked: list[tuple[int, LogEvent]] = []
        for table in as_list(args["FilterHashtable"]):
            if not isinstance(table, PSHashtable):
                raise CmdletError(f"Cannot convert '{to_string(table)}' to a hashtable for -FilterHashtable.", "InvalidArgument", "", table)
            picked += [x for x in _hash_filter(ctx, host, table, events) if x not in picked]
        events = sorted(picked, key=lambda x: x[1].time)
    elif "LogName" in args:
        logs = _resolve_logs(ctx, host, [to_string(x) for x in as_list(args["LogName"])])
        if not logs:
            return []
        events = [x for x in events if x[1].log in logs]
    elif "ProviderName" in args:
        provs = [to_string(x) for x in as_list(args["ProviderName"])]
        known = {e.provider for _, e in events} | {FC, VMMS_PROVIDER, HA_PROVIDER, WORKER_PROVIDER, EVENTLOG}
        for p in provs:
            if not any(fnmatch.fnmatchcase(k.lower(), p.lower()) for k in known):
                ctx.error(f"There is not an event provider on the localhost computer that matches \"{p}\".", "ObjectNotFound", p,
                          "NoMatchingProvidersFound,Microsoft.PowerShell.Commands.GetWinEventCommand")
        events = [x for x in events if _match_any(provs, x[1].provider)]
    else:
        raise NotEmulated("Get-WinEvent", "Get-WinEvent without -LogName, -ProviderName or -FilterHashtable (all the logs)")
    if not args.get("Oldest"):
        events = list(reversed(events))
    if "MaxEvents" in args:
        events = events[: max(int(args["MaxEvents"]), 0)]
    if not events:
        ctx.error("No events were found that match the specified selection criteria.", "ObjectNotFound", None,
                  "NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand")
        return []
    return [record_object(host, rid, ev) for rid, ev in events]


# -- Get-EventLog ------------------------------------------------------------------------------

CLASSIC = ("Application", "System", "Security", "Windows PowerShell", "HardwareEvents", "Internet Explorer", "Key Management Service")
ENTRY_TYPES = {1: ("Error", 1), 2: ("Error", 1), 3: ("Warning", 2), 4: ("Information", 4)}


def entry_object(host: Host, index: int, ev: LogEvent) -> PSObject:
    """An EventLogEntry as Get-EventLog returns it (System.Diagnostics.EventLogEntry)."""
    name, value = ENTRY_TYPES[ev.level]
    when = lab_time(ev.time)
    instance = ((ev.qualifiers or 0) << 16) | ev.id
    return PSObject(
        ["System.Diagnostics.EventLogEntry#System/" + ev.provider + "/" + str(instance), "System.Diagnostics.EventLogEntry"],
        {
            "EventID": ev.id, "MachineName": host.fqdn, "Data": [], "Index": index, "Category": "(0)", "CategoryNumber": 0,
            "EntryType": PSEnum("System.Diagnostics.EventLogEntryType", name, value), "Message": ev.message, "Source": ev.provider,
            "ReplacementStrings": [], "InstanceId": instance, "TimeGenerated": when, "TimeWritten": when, "UserName": None,
            "Site": None, "Container": None,
        },
        display=["Index", "TimeGenerated", "EntryType", "Source", "InstanceId", "Message"],
        tostring="System.Diagnostics.EventLogEntry",
    )


@cmdlet("Get-EventLog", honours={"LogName", "Newest", "Source", "EntryType", "InstanceId", "After", "Before", "Message", "Index", "List"})
def get_event_log(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.management/get-eventlog?view=powershell-5.1
    world = ctx.world
    host = world.host(ctx.host)
    if args.get("List"):
        events = host_events(world, host)
        return [PSObject("System.Diagnostics.EventLog", {
            "Log": "System", "LogDisplayName": "System", "MaximumKilobytes": 20480, "OverflowAction": "OverwriteAsNeeded",
            "MinimumRetentionDays": 0, "Entries": [e for _, e in events if e.log == SYSTEM]},
            display=["MaximumKilobytes", "OverflowAction", "MinimumRetentionDays", "Log"], tostring="System")]
    if "LogName" not in args:
        raise CmdletError("Cannot process command because of one or more missing mandatory parameters: LogName.", "InvalidArgument",
                          "MissingMandatoryParameter,Microsoft.PowerShell.Commands.GetEventLogCommand", None)
    if "Newest" in args and int(args["Newest"]) < 0:
        raise CmdletError(f"Cannot validate argument on parameter 'Newest'. The {int(args['Newest'])} argument is less than the minimum allowed "
                          "range of 0. Supply an argument that is greater than or equal to 0 and then try the command again.",
                          "InvalidData", "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetEventLogCommand", args["Newest"])
    log = to_string(args.get("LogName"))
    if log.lower() != "system":
        if any(log.lower() == c.lower() for c in CLASSIC):
            raise NotEmulated("Get-EventLog", f"the log '{log}' (the twin writes classic events to the System log only)")
        raise CmdletError(f"The event log '{log}' on computer '.' does not exist.", "NotSpecified",
                          "System.InvalidOperationException,Microsoft.PowerShell.Commands.GetEventLogCommand", log)
    entries = [(i, e) for i, (_, e) in enumerate((x for x in host_events(world, host) if x[1].log == SYSTEM), start=1)]
    if "Source" in args:
        entries = [x for x in entries if _match_any([to_string(s) for s in as_list(args["Source"])], x[1].provider)]
    if "EntryType" in args:
        wanted = {to_string(t).lower() for t in as_list(args["EntryType"])}
        entries = [x for x in entries if ENTRY_TYPES[x[1].level][0].lower() in wanted]
    if "InstanceId" in args:
        ids = {int(to_string(i)) for i in as_list(args["InstanceId"])}
        entries = [x for x in entries if (((x[1].qualifiers or 0) << 16) | x[1].id) in ids]
    if "Index" in args:
        idx = {int(to_string(i)) for i in as_list(args["Index"])}
        entries = [x for x in entries if x[0] in idx]
    if "Message" in args:
        pat = to_string(args["Message"])
        entries = [x for x in entries if fnmatch.fnmatchcase(x[1].message.lower(), pat.lower())]
    if "After" in args:
        after = _date(args["After"])
        entries = [x for x in entries if lab_time(x[1].time) > after]
    if "Before" in args:
        before = _date(args["Before"])
        entries = [x for x in entries if lab_time(x[1].time) < before]
    entries.reverse()
    if "Newest" in args:
        entries = entries[: max(int(args["Newest"]), 0)]
    if not entries:
        ctx.error("No matches found", "ObjectNotFound", None, "GetEventLogNoEntriesFound,Microsoft.PowerShell.Commands.GetEventLogCommand")
        return []
    return [entry_object(host, i, e) for i, e in entries]
