"""The world's one event stream (labkit/twin/events.py): modules append to it
and react to it instead of importing each other, and Get-WinEvent /
Get-EventLog read it as Windows' event logs.

Event ids and texts: Failover Clustering system log events
(https://learn.microsoft.com/en-us/troubleshoot/windows-server/high-availability/failover-clustering-system-log-events),
Hyper-V live migration events
(https://learn.microsoft.com/en-us/troubleshoot/windows-server/virtualization/troubleshoot-live-migration-issues),
Get-WinEvent / Get-EventLog behaviour from their 5.1 pages.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from labkit.lab import Lab
from labkit.twin import events, faults
from labkit.twin.session import load_world
from labkit.twin.world import World
from test_world_rules import checkpoints, fails, ok, out, ps, state, world  # noqa: F401  (fixtures)
from test_world_procedure import LIVE, N1, N2, ST

ROOT = Path(__file__).resolve().parents[1]
VMMS = "Microsoft-Windows-Hyper-V-VMMS-Admin"


# -- the stream ------------------------------------------------------------------------------------

def test_emit_appends_to_the_stream_and_calls_the_subscribers() -> None:
    w = World.from_lab(Lab.load())
    seen: list[tuple[str, dict]] = []
    events.on("test-kind")(lambda world, e: seen.append((world.lab_name, e)))
    try:
        w.advance(5)
        e = events.emit(w, "test-kind", host=N1)
        assert w.history[-1] is e and e == {"time": 5.0, "kind": "test-kind", "host": N1}
        assert seen == [(w.lab_name, e)]
        assert events.since(w, 5.0) == [e] and events.since(w, 6.0) == []
    finally:
        events._HANDLERS.pop("test-kind")


CIRCLE = ("failoverclusters", "hyperv", "servermanager", "iscsi", "iscsitarget", "system")


@pytest.mark.parametrize("path", [f"labkit/twin/modules/{m}.py" for m in CIRCLE] + ["labkit/twin/validation.py", "labkit/twin/faults.py"])
def test_no_function_level_imports_between_the_twins_modules(path: str) -> None:
    """The import circle is gone: no module imports another inside a function to dodge it."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    late = [(n.lineno, n.module) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
            for n in ast.walk(f) if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("labkit.twin.modules")]
    assert late == []


def test_the_modules_react_to_a_restart_through_the_stream(state: Path) -> None:
    """Restart-Computer on a cluster node: the cluster drains it first, the iSCSI initiator reconnects."""
    before = world(state)
    assert before.vm("HA-VM01").host == N1
    sessions = len(before.host(N1).sessions)
    ok(state, N1, "Restart-Computer -Force")
    w = load_world(state)
    kinds = [e["kind"] for e in w.history[len(before.history):]]
    assert kinds[0] == "restart" and "evacuate" in kinds and "migration" in kinds
    assert w.vm("HA-VM01").host == N2 and w.vm("HA-VM01").state == "Running"
    assert len(w.host(N1).sessions) == sessions > 0


def test_the_stream_is_kept_with_the_world(state: Path) -> None:
    faults.crash(state, N1)
    w = load_world(state)
    down = [e for e in w.history if e["kind"] == "node-down"]
    assert down and down[-1]["node"] == N1 and down[-1]["cluster"] == w.cluster.name


# -- Get-WinEvent ---------------------------------------------------------------------------------------

def test_a_live_migration_shows_in_the_source_hosts_vmms_log(state: Path) -> None:
    ok(state, N1, LIVE)
    vm = world(state).vm("HA-VM01")
    r = out(state, N1, f"Get-WinEvent -LogName '{VMMS}' -MaxEvents 5")
    assert [e.get("Id") for e in r] == [20415, 20413], "newest first"
    done, started = r
    assert done.get("Message") == (f"The Virtual Machine Management service successfully completed the live migration of virtual machine "
                                   f"'HA-VM01' with a blackout time of {vm.last_migration['blackout_s']:.1f} seconds (VMID {vm.id.upper()}).")
    assert f"virtual machine 'HA-VM01' to destination host '{N2}'" in started.get("Message")
    assert done.get("ProviderName") == "Microsoft-Windows-Hyper-V-VMMS" and done.get("LogName") == VMMS
    assert str(done.get("LevelDisplayName")) == "Information" and done.get("Level") == 4
    assert done.get("TimeCreated") > started.get("TimeCreated")
    assert done.get("MachineName") == f"{N1}.{Lab.load().domain.fqdn}"
    oldest = out(state, N1, f"Get-WinEvent -LogName '{VMMS}' -Oldest -MaxEvents 1")
    assert [e.get("Id") for e in oldest] == [20413]
    moving = out(state, N1, "Get-WinEvent -FilterHashtable @{LogName='Microsoft-Windows-FailoverClustering/Operational'; Id=1641} -MaxEvents 1")
    assert moving[0].get("Message") == f"Clustered role 'HA-VM01' is moving from cluster node '{N1}' to cluster node '{N2}'."
    online = out(state, N2, "Get-WinEvent -LogName 'Microsoft-Windows-FailoverClustering/Operational' -MaxEvents 1")
    assert online[0].get("Id") == 1201 and "'HA-VM01' online" in online[0].get("Message")


def test_no_matching_events_is_an_error_as_on_windows(state: Path) -> None:
    r = ps(state, N2, f"Get-WinEvent -LogName '{VMMS}'")
    assert r.errors[0].message == "No events were found that match the specified selection criteria."
    assert r.errors[0].error_id.startswith("NoMatchingEventsFound")


def test_a_crashed_node_is_event_1135_on_the_survivor(state: Path) -> None:
    faults.crash(state, N1)
    r = out(state, N2, "Get-WinEvent -FilterHashtable @{LogName='System'; ProviderName='Microsoft-Windows-FailoverClustering'; Level=1}")
    assert [e.get("Id") for e in r] == [1135]
    assert r[0].get("Message").startswith(f"Cluster node '{N1}' was removed from the active failover cluster membership.")
    assert str(r[0].get("LevelDisplayName")) == "Critical"
    failover = out(state, N2, "Get-WinEvent -FilterHashtable @{LogName='Microsoft-Windows-FailoverClustering/Operational'; Id=1201}")
    assert "'HA-VM01'" in failover[0].get("Message")
    faults.heal(state)
    shut = out(state, N1, "Get-WinEvent -FilterHashtable @{LogName='System'; ProviderName='EventLog'} -MaxEvents 2")
    assert [e.get("Id") for e in shut] == [6005, 6008]
    assert "was unexpected." in shut[1].get("Message")


def test_logs_a_host_does_not_have_and_logs_the_twin_does_not_fill(state: Path) -> None:
    r = ps(state, ST, f"Get-WinEvent -LogName '{VMMS}'")
    assert r.errors[0].message == f"There is not an event log on the localhost computer that matches \"{VMMS}\"."
    assert "not emulated" in fails(state, N1, "Get-WinEvent -LogName Application")
    assert "not emulated" in fails(state, N1, "Get-WinEvent -FilterHashtable @{LogName='System'; Data='x'}")
    logs = [o.get("LogName") for o in out(state, N1, "Get-WinEvent -ListLog *")]
    assert "System" in logs and VMMS in logs
    assert [o.get("LogName") for o in out(state, ST, "Get-WinEvent -ListLog *")] == ["System"]


# -- Get-EventLog ---------------------------------------------------------------------------------------------

def test_get_eventlog_reads_the_classic_system_log(state: Path) -> None:
    ok(state, N2, "Restart-Computer -Force")
    r = out(state, N2, "Get-EventLog -LogName System -Source EventLog -Newest 2")
    assert [e.get("EventID") for e in r] == [6005, 6006]
    assert r[0].get("InstanceId") == 2147489653 and r[0].get("Message") == "The Event log service was started."
    assert str(r[0].get("EntryType")) == "Information" and r[0].get("Index") > r[1].get("Index")
    faults.cut(state, "Heartbeat")
    cluster = out(state, N2, "Get-EventLog -LogName System -Source Microsoft-Windows-FailoverClustering -EntryType Error")
    assert {e.get("EventID") for e in cluster} == {1127, 1130} and {str(e.get("EntryType")) for e in cluster} == {"Error"}
    r = ps(state, N2, "Get-EventLog -LogName System -Source NoSuchSource")
    assert r.errors[0].message == "No matches found"
    assert fails(state, N2, f"Get-EventLog -LogName '{VMMS}'") == f"The event log '{VMMS}' on computer '.' does not exist."


def test_a_role_stopped_and_started_is_1204_then_1201_on_its_owner(state: Path) -> None:
    ok(state, N1, "Stop-ClusterGroup HA-VM01 | Out-Null; Start-ClusterGroup HA-VM01 | Out-Null")
    r = out(state, N1, "Get-WinEvent -LogName 'Microsoft-Windows-FailoverClustering/Operational' -MaxEvents 2")
    assert [(e.get("Id"), e.get("Message")) for e in r] == [
        (1201, "The Cluster service successfully brought the clustered role 'HA-VM01' online."),
        (1204, "The Cluster service successfully brought the clustered role 'HA-VM01' offline.")]


def test_a_cut_network_is_1127_and_1130_in_the_system_log(state: Path) -> None:
    faults.cut(state, "Heartbeat")
    w = world(state)
    net = next(n.name for n in w.cluster.networks if n.network == "Heartbeat")
    r = out(state, N2, "Get-WinEvent -FilterHashtable @{LogName='System'; Id=1127, 1130}")
    assert {e.get("Id") for e in r} == {1127, 1130} and all(str(e.get("LevelDisplayName")) == "Error" for e in r)
    failed = next(e for e in r if e.get("Id") == 1127).get("Message")
    assert failed.startswith(f"Cluster network interface '{N2} - Heartbeat' for cluster node '{N2}' on network '{net}' failed.")
    assert next(e for e in r if e.get("Id") == 1130).get("Message").startswith(f"Cluster network '{net}' is down.")


def test_a_vm_start_is_event_18500_in_the_worker_log_of_its_host(state: Path) -> None:
    ok(state, N1, "Stop-ClusterGroup HA-VM01 | Out-Null; Start-ClusterGroup HA-VM01 | Out-Null")
    vm = world(state).vm("HA-VM01")
    r = out(state, vm.host, "Get-WinEvent -LogName 'Microsoft-Windows-Hyper-V-Worker-Admin' -MaxEvents 1")
    assert r[0].get("Id") == 18500 and r[0].get("Message") == f"'HA-VM01' started successfully. (Virtual machine ID {vm.id.upper()})"
    assert r[0].get("ProviderName") == "Microsoft-Windows-Hyper-V-Worker"
