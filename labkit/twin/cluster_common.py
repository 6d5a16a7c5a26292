"""Common properties of the cluster, its nodes and its groups: their defaults and how an admin sets them.

FailoverClusters sets a common property by assignment on the object: ``(Get-Cluster).DynamicQuorum = 1``,
``Get-Cluster | ForEach-Object -Process {$_.CrossSubnetDelay = 1500}`` (Get-Cluster's page, examples 4 and 5,
https://learn.microsoft.com/en-us/powershell/module/failoverclusters/get-cluster?view=windowsserver2022-ps);
the write goes to the cluster at once. The twin's objects carry a setter that keeps the value in the world
(``common`` of the Cluster, ClusterNode or Group model), so the next Get-Cluster* reads it back. A read-only
property (State, Name, Id ...) fails as PowerShell's "'X' is a ReadOnly property."; one the twin's object does
not have fails as "cannot be found".
"""

from __future__ import annotations

import fnmatch
from typing import Any, Callable, TypeVar

from labkit.twin.dotnet_values import UInt32Value
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.values import PSRuntimeError, to_string

UINT32_MAX = 4294967295
T = TypeVar("T")

# Group common properties at their documented defaults: FailoverThreshold 0xFFFFFFFF ("the number of nodes in the
# cluster minus 1"), FailoverPeriod 6 hours, no failback (AutoFailbackType 0, "groups are set not to fail back"),
# no failback window (-1, unsigned 0xFFFFFFFF), Priority 2000 (Medium);
# https://learn.microsoft.com/en-us/previous-versions/windows/desktop/mscs/groups-failoverthreshold, .../groups-failoverperiod,
# .../groups-autofailbacktype, .../groups-failbackwindowstart, .../groups-failbackwindowend, .../groups-priority;
# the same values in Get-ClusterGroup's page (Windows Server 2012 page, example 4, "Format-List *")
GROUP_DEFAULTS: dict[str, Any] = {"Description": "", "FailoverThreshold": UINT32_MAX, "FailoverPeriod": 6, "AutoFailbackType": 0,
                                  "FailbackWindowStart": UINT32_MAX, "FailbackWindowEnd": UINT32_MAX, "Priority": 2000,
                                  "AntiAffinityClassNames": []}

# Cluster common properties every version has, at the defaults Get-Cluster's page shows (Windows Server 2012 page,
# example 1, "Get-Cluster | Format-List -Property *"); the heartbeat thresholds, which Windows Server 2016 raised,
# stay with the cluster object (labkit/twin/modules/failoverclusters.py).
CLUSTER_DEFAULTS: dict[str, Any] = {
    "Description": "", "AddEvictDelay": 60, "BackupInProgress": 0, "ClusSvcHangTimeout": 60, "ClusSvcRegroupOpeningTimeout": 5,
    "ClusSvcRegroupPruningTimeout": 5, "ClusSvcRegroupStageTimeout": 5, "ClusSvcRegroupTickInMilliseconds": 300,
    "ClusterGroupWaitDelay": 120, "MinimumNeverPreemptPriority": 3000, "MinimumPreemptorPriority": 1, "ClusterEnforcedAntiAffinity": 0,
    "ClusterLogLevel": 3, "ClusterLogSize": 300, "DefaultNetworkRole": 2, "FixQuorum": 0, "HangRecoveryAction": 3,
    "IgnorePersistentStateOnStartup": 0, "LogResourceControls": 0, "PlumbAllCrossSubnetRoutes": 0, "PreventQuorum": 0,
    "QuorumArbitrationTimeMax": 20, "RequestReplyTimeout": 60, "WitnessDatabaseWriteTimeout": 300, "WitnessRestartInterval": 15,
    "UseClientAccessNetworksForSharedVolumes": 0,
}
# Added by Windows Server 2016, at their defaults: cross-site heartbeats as cross-subnet ones ("Tuning Failover Cluster
# Network Thresholds", https://techcommunity.microsoft.com/t5/failover-clustering/tuning-failover-cluster-network-thresholds/ba-p/371834),
# node quarantine (Get-Cluster's 2022 page, example 6: QuarantineThreshold 3, QuarantineDuration 7200) and VM compute
# resiliency ("Virtual Machine Compute Resiliency in Windows Server 2016",
# https://techcommunity.microsoft.com/t5/failover-clustering/virtual-machine-compute-resiliency-in-windows-server-2016/ba-p/372027)
CLUSTER_2016_DEFAULTS: dict[str, Any] = {"CrossSiteDelay": 1000, "CrossSiteThreshold": 20,
                                         "ResiliencyLevel": PSEnum("Microsoft.FailoverClusters.PowerShell.ClusterResiliencyLevel", "AlwaysIsolate", 2),
                                         "ResiliencyDefaultPeriod": 240,
                                         "QuarantineThreshold": 3, "QuarantineDuration": 7200}

# Added to Windows Server 2022 by its 2022-09 cumulative update: the live migrations a node may take part in at once,
# for every node of the cluster; "Setting the cluster property overrides any values configured using the Set-VMHost
# command" (Get-Cluster's 2022 page, example 7, https://learn.microsoft.com/en-us/powershell/module/failoverclusters/get-cluster?view=windowsserver2022-ps);
# "The default when the update is applied is MaximumParallelMigrations=1" ("New Cluster-Wide Control For Virtual Machine
# Live Migrations", https://techcommunity.microsoft.com/t5/failover-clustering/new-cluster-wide-control-for-virtual-machine-live-migrations-in/ba-p/3709680)
CLUSTER_2022_DEFAULTS: dict[str, Any] = {"MaximumParallelMigrations": 1}

# What an assignment may change: the common properties (numbers, and Description); the rest is read-only.
CLUSTER_WRITABLE = {k for k in CLUSTER_DEFAULTS if k != "BackupInProgress"} | set(CLUSTER_2016_DEFAULTS) | set(CLUSTER_2022_DEFAULTS) | {
    "SameSubnetDelay", "SameSubnetThreshold", "CrossSubnetDelay", "CrossSubnetThreshold", "DynamicQuorum"}
GROUP_WRITABLE = set(GROUP_DEFAULTS) - {"AntiAffinityClassNames"}
NODE_WRITABLE = {"NodeWeight", "Description"}


def _convert(name: str, value: Any, current: Any) -> Any:
    """The value as the property's type: a string stays a string, an enum takes a name or a number, a number becomes a UInt32."""
    if isinstance(current, str):
        return to_string(value)
    if isinstance(current, PSEnum):
        text = to_string(value)
        names = CLUSTER_ENUMS.get(current.type_name, {})
        hit = next(((k, v) for k, v in names.items() if k.lower() == text.strip().lower() or str(v) == text.strip()), None)
        if hit is None:
            raise PSRuntimeError(f'Exception setting "{name}": "Cannot convert value "{text}" to type "{current.type_name}". Error: "Unable to '
                                 f'match the identifier name {text} to a valid enumerator name. Specify one of the following enumerator names and '
                                 f'try again:\n{", ".join(names)}""', "NotSpecified", "ExceptionWhenSetting")
        return PSEnum(current.type_name, *hit)
    text = to_string(value)
    try:
        n = int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else int(text.strip())
    except ValueError:
        raise PSRuntimeError(f'Exception setting "{name}": "Cannot convert value "{text}" to type "System.UInt32". '
                             'Error: "Input string was not in a correct format.""', "NotSpecified", "ExceptionWhenSetting") from None
    if not 0 <= n <= UINT32_MAX:
        raise PSRuntimeError(f'Exception setting "{name}": "Cannot convert value "{text}" to type "System.UInt32". '
                             'Error: "Value was either too large or too small for a UInt32.""', "NotSpecified", "ExceptionWhenSetting")
    return UInt32Value(n)


def setter(obj_props: Callable[[], Any], common: dict[str, Any], writable: set[str],
           after: Callable[[str, Any], None] | None = None, refused: frozenset[str] = frozenset()) -> Callable[[str, Any], None]:
    """A PSObject setter: writes a writable common property into ``common`` (the world) and the object itself."""

    def write(name: str, value: Any) -> None:
        obj = obj_props()
        key = next((k for k in writable if k.lower() == name.lower()), None)
        if not obj.has(name):
            raise PSRuntimeError(f"The property '{name}' cannot be found on this object. Verify that the property exists and can be set.",
                                 "InvalidOperation", "PropertyNotFound")
        real = next(k for k in obj.names() if k.lower() == name.lower())
        if real in refused:
            raise PSRuntimeError(f"Setting '{real}' of {obj.type_name} is not emulated by the labkit twin.", "NotImplemented", "NotEmulated")
        if key is None:
            raise PSRuntimeError(f"'{real}' is a ReadOnly property.", "InvalidOperation", "PropertyAssignmentException")
        v = _convert(real, value, obj.get(real))
        common[key] = v.value if isinstance(v, PSEnum) else v      # the world keeps the number
        PSObject.set(obj, real, v)     # the plain store: a subclass's own set() guards other writes
        if after is not None:
            after(key, v)

    return write


# Resource common properties at the defaults Get-ClusterResource's page shows (Windows Server 2012 page, example 2,
# "Get-ClusterResource -Name "Cluster Disk 2" | Format-List -Property *"); example 5 sets RestartDelay by assignment.
RESOURCE_DEFAULTS: dict[str, Any] = {"Description": "", "MaintenanceMode": False, "SeparateMonitor": False,
                                     "LooksAlivePollInterval": UINT32_MAX, "IsAlivePollInterval": UINT32_MAX, "RestartAction": 2,
                                     "RestartThreshold": 1, "RestartDelay": 500, "RestartPeriod": 900000, "RetryPeriodOnFailure": 3600000,
                                     "PendingTimeout": 180000, "DeadlockTimeout": 300000, "ResourceSpecificStatus": ""}
RESOURCE_WRITABLE = {k for k in RESOURCE_DEFAULTS if k not in ("MaintenanceMode", "ResourceSpecificStatus")}
# A cluster network's writable common properties: its name (Get-ClusterNetwork's page, example 2, renames a network
# by assignment), role, metric and description.
NETWORK_WRITABLE = {"Name", "Role", "Metric", "AutoMetric", "Description"}

# What Get-Member shows as {get;set;}: the properties an assignment may change, per type
_FC = "Microsoft.FailoverClusters.PowerShell."
WRITABLE_BY_TYPE: dict[str, set[str]] = {_FC + "Cluster": CLUSTER_WRITABLE | {"Name"}, _FC + "ClusterNode": NODE_WRITABLE,
                                         _FC + "ClusterGroup": GROUP_WRITABLE, _FC + "ClusterResource": RESOURCE_WRITABLE,
                                         _FC + "ClusterNetwork": NETWORK_WRITABLE}


def by_name(items: list[T], name: Callable[[T], str]) -> list[T]:
    """Cluster objects in the order Windows lists them: by name (the Get-ClusterGroup and Get-ClusterResource pages'
    example outputs: Available Storage, Cluster Group, cluster1FS ...; Cluster Disk 1 ... Cluster IP Address, Cluster Name)."""
    return sorted(items, key=lambda x: name(x).lower())


def select_named(items: list[T], patterns: list[str], name: Callable[[T], str]) -> tuple[list[T], list[str]]:
    """The items whose name matches a -Name value (wildcards allowed: Get-ClusterResource's page, example 7,
    ``-Name *print-VM1``), and the values without wildcards that matched nothing."""
    chosen: list[T] = []
    missing = []
    for p in patterns:
        hits = [i for i in items if _like(name(i), p)]
        if not hits and not any(ch in p for ch in "*?["):
            missing.append(p)
        chosen += [h for h in hits if h not in chosen]
    return [i for i in items if i in chosen], missing


def _like(text: str, pattern: str) -> bool:
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(text.lower(), pattern.lower())
    return text.lower() == pattern.lower()


# The order Format-List * lists the properties in (the pages' example 1 of Get-Cluster, 4 of Get-ClusterGroup and 2 of
# Get-ClusterResource, Windows Server 2012); properties those pages predate follow.
CLUSTER_ORDER = """Domain Name AddEvictDelay BackupInProgress ClusSvcHangTimeout ClusSvcRegroupOpeningTimeout ClusSvcRegroupPruningTimeout
    ClusSvcRegroupStageTimeout ClusSvcRegroupTickInMilliseconds ClusterGroupWaitDelay MinimumNeverPreemptPriority MinimumPreemptorPriority
    ClusterEnforcedAntiAffinity ClusterLogLevel ClusterLogSize CrossSubnetDelay CrossSubnetThreshold DefaultNetworkRole Description FixQuorum
    HangRecoveryAction IgnorePersistentStateOnStartup LogResourceControls PlumbAllCrossSubnetRoutes PreventQuorum QuorumArbitrationTimeMax
    RequestReplyTimeout SameSubnetDelay SameSubnetThreshold SharedVolumesRoot UseClientAccessNetworksForSharedVolumes
    WitnessDatabaseWriteTimeout WitnessRestartInterval EnableSharedVolumes DynamicQuorum Id""".split()
GROUP_ORDER = """Cluster IsCoreGroup OwnerNode State Name Description PersistentState FailoverThreshold FailoverPeriod AutoFailbackType
    FailbackWindowStart FailbackWindowEnd Priority AntiAffinityClassNames GroupType Id""".split()
RESOURCE_ORDER = """Cluster IsCoreResource IsNetworkClassResource IsStorageClassResource OwnerNode ResourceType State OwnerGroup Name
    MaintenanceMode MonitorProcessId Description SeparateMonitor PersistentState LooksAlivePollInterval IsAlivePollInterval RestartAction
    RestartThreshold RestartDelay RestartPeriod RetryPeriodOnFailure PendingTimeout DeadlockTimeout ResourceSpecificStatus Id""".split()


def in_order(props: dict[str, Any], order: list[str]) -> dict[str, Any]:
    """``props`` with the names of ``order`` first, in that order, then the rest as they were; the numbers as UInt32."""
    first = {k: props[k] for k in order if k in props}
    return uint32_numbers({**first, **{k: v for k, v in props.items() if k not in first}})


def uint32_numbers(props: dict[str, Any]) -> dict[str, Any]:
    """The cluster objects' numeric properties are UInt32, as the cluster WMI classes declare their common properties
    (https://learn.microsoft.com/en-us/previous-versions/windows/desktop/cluswmi/mscluster-node, .../mscluster-resourcegroup,
    .../mscluster-resource, .../mscluster-cluster, .../mscluster-network): ``(Get-ClusterNode X).NodeWeight.GetType()`` is UInt32."""
    out = {k: UInt32Value(v) if type(v) is int and 0 <= v <= UINT32_MAX else v for k, v in props.items()}
    for k, enum in ENUM_PROPERTIES.items():        # a value the world keeps as its number
        if isinstance(out.get(k), int) and not isinstance(out[k], bool):
            name = next((n for n, v in CLUSTER_ENUMS[enum].items() if v == out[k]), str(int(out[k])))
            out[k] = PSEnum(enum, name, int(out[k]))
    return out


# Enum-typed common properties: ResiliencyLevel is a ClusterResiliencyLevel (1 IsolateOnSpecialHeartbeat, 2 AlwaysIsolate, the default;
# "Virtual Machine Compute Resiliency in Windows Server 2016",
# https://techcommunity.microsoft.com/t5/failover-clustering/virtual-machine-compute-resiliency-in-windows-server-2016/ba-p/372027)
RESILIENCY_LEVEL = "Microsoft.FailoverClusters.PowerShell.ClusterResiliencyLevel"
CLUSTER_ENUMS: dict[str, dict[str, int]] = {RESILIENCY_LEVEL: {"IsolateOnSpecialHeartbeat": 1, "AlwaysIsolate": 2}}
ENUM_PROPERTIES = {"ResiliencyLevel": RESILIENCY_LEVEL}
