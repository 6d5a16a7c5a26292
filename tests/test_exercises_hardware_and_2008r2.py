"""The exercises beyond the chain's own faults, both ways: a node with a newer processor
generation (processor compatibility, then a real live migration), a node of the other
processor maker (evict it, add a matching one), and the article's Windows Server 2008 R2
cluster (2008 R2's module set, CSV enabled by hand); and Add-ClusterNode /
Remove-ClusterNode, which the processor-makers exercise needs.

The lab they start from is built once per module from the procedure's own PowerShell
(test_world_procedure.SECTIONS) in-process, with checkpoints 5 and 8 saved as the
runbooks save them; test_course.py runs the same exercises on a lab `labkit run` built.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from labkit import exercises
from labkit.twin import checkpoints
from labkit.twin.session import load_world, run_script
from test_world_procedure import N1, N2, SECTIONS

ROOT = Path(__file__).resolve().parents[1]


def ok(state: Path, host: str, script: str) -> str:
    r = run_script(script, host=host, state_dir=state)
    assert r.ok and not r.errors, r.error_text
    return r.text


def error_of(state: Path, host: str, script: str) -> str:
    r = run_script(script, host=host, state_dir=state)
    assert r.errors, f"expected an error from {script!r}, got {r.text!r}"
    return r.error_text


def labkit(*args: str, state: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("LABKIT_STATE", None)
    return subprocess.run([sys.executable, "-m", "labkit.cli", *args, "--state", str(state)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    state = tmp_path_factory.mktemp("exercises") / ".lab"

    def run(*names: str) -> None:
        for name in names:
            for host, script in SECTIONS[name]:
                ok(state, host, script)

    run("prerequisites", "switch", "iscsi", "validate", "cluster")
    assert checkpoints.save(state, 5, "05-create-cluster")
    run("csv", "ha_vm", "migration_network", "live", "quick")
    assert checkpoints.save(state, 8, "08-live-migration")
    return state


@pytest.fixture
def state(built: Path, tmp_path: Path) -> Path:
    shutil.copytree(built, tmp_path / ".lab")
    return tmp_path / ".lab"


# Fixes that hide the symptom or do half the job: the check must still fail after each.
HALF_FIXES = {
    "processor-generation": [
        # The setting, but no live migration to prove it.
        (N1, "Stop-VM -Name HA-VM01; Set-VMProcessor -VMName HA-VM01 -CompatibilityForMigrationEnabled $true; "
             "Start-ClusterGroup -Name HA-VM01 | Out-Null"),
        # The VM shut down and started on the new node: it got there, but it still cannot live-migrate.
        (N1, f"Move-ClusterVirtualMachineRole -Name HA-VM01 -Node {N2} -MigrationType Shutdown | Out-Null"),
    ],
    "processor-makers": [
        # The matching node added and used, the odd one left in: the cluster still mixes makers.
        (N1, "Add-ClusterNode -Name CLUSTERNODE-3 | Out-Null; "
             "Move-ClusterVirtualMachineRole -Name HA-VM01 -Node CLUSTERNODE-3 -MigrationType Live | Out-Null"),
        # The odd node evicted, none added: one node, nowhere to move.
        (N1, f"Remove-ClusterNode -Name {N2} -Force"),
    ],
    "csv-2008r2": [
        (N1, "(Get-Cluster).EnableSharedVolumes = 'Enabled'"),
    ],
}


@pytest.mark.parametrize("name", list(HALF_FIXES))
def test_exercise_fails_unfixed_and_with_half_fixes_and_passes_with_the_admins_fix(state: Path, name: str) -> None:
    ex = exercises.start(state, name)
    assert exercises.check(state)[1], f"{name}: the check passes on the broken lab"
    host, script = ex.symptom
    shown = run_script(script, host=host, state_dir=state)
    assert shown.errors or shown.text.strip(), f"{name}: the symptom shows nothing"
    for host, half in HALF_FIXES[name]:
        exercises.reset(state)
        ok(state, host, half)
        assert exercises.check(state)[1], f"{name}: the half fix {half!r} passes the check"
    exercises.reset(state)
    for host, fix in ex.solution:
        ok(state, host, fix)
    assert exercises.check(state)[1] == []
    assert name in json.loads((state / "exercises.json").read_text())["passed"]


def test_processor_generation_symptom_is_hyperv_s_processor_error(state: Path) -> None:
    from labkit.twin.processors import NEWER_PART

    exercises.start(state, "processor-generation")
    text = error_of(state, N1, f"Move-ClusterVirtualMachineRole -Name HA-VM01 -Node {N2} -MigrationType Live")
    assert ("The virtual machine 'HA-VM01' is using processor-specific features not supported on physical computer "
            f"'{N2}'. To allow for migration of this virtual machine to physical computers with different processors, "
            "modify the virtual machine settings to limit the processor features used by the virtual machine.") in text
    world = load_world(state)
    assert world.vm("HA-VM01").host == N1 and world.vm("HA-VM01").state == "Running"
    assert ok(state, N2, "(Get-CimInstance Win32_Processor).Name").strip() == NEWER_PART["Intel"]
    assert ok(state, N1, "(Get-CimInstance Win32_Processor).Manufacturer").strip() == "GenuineIntel"
    # A saved VM is not off: the setting waits for a shut-down VM (Stop-ClusterGroup saves a VM role).
    ok(state, N1, "Stop-ClusterGroup -Name HA-VM01 | Out-Null")
    assert "current state (Saved)" in error_of(state, N1, "Set-VMProcessor -VMName HA-VM01 -CompatibilityForMigrationEnabled $true")


def test_a_compatible_vm_turned_back_fails_the_check(state: Path) -> None:
    """Migrated once with the setting, then the setting taken away again: not fixed."""
    ex = exercises.start(state, "processor-generation")
    for host, fix in ex.solution:
        ok(state, host, fix)
    assert exercises.check(state)[1] == []
    ok(state, N2, "Stop-VM -Name HA-VM01; Set-VMProcessor -VMName HA-VM01 -CompatibilityForMigrationEnabled $false; "
                  "Start-ClusterGroup -Name HA-VM01 | Out-Null")
    assert any("CompatibilityForMigrationEnabled is False" in p for p in exercises.check(state)[1])


def test_2008r2_exercise_runs_labkit_exec_with_2008r2_s_tools(state: Path) -> None:
    exercises.start(state, "csv-2008r2")
    # 2008 R2's module set: no Hyper-V or Storage cmdlets, FailoverClusters there.
    r = labkit("exec", N1, "-c", "Get-VM", state=state)
    assert r.returncode == 1 and "The term 'Get-VM' is not recognized" in r.stderr
    r = labkit("exec", N1, "-c", "Get-Command Get-Disk", state=state)
    assert r.returncode == 1 and "The term 'Get-Disk' is not recognized" in r.stderr
    r = labkit("exec", N1, "-c", "Get-Cluster | Format-List Name, EnableSharedVolumes", state=state)
    assert r.returncode == 0 and "EnableSharedVolumes : Disabled" in r.stdout
    # The CSV waits to be enabled by hand.
    r = labkit("exec", N1, "-c", "Add-ClusterSharedVolume -Name 'Cluster Disk 2'", state=state)
    assert r.returncode == 1 and "Cluster Shared Volumes are not enabled on cluster" in r.stderr
    r = labkit("exec", N1, "-c", "(Get-Cluster).EnableSharedVolumes = 'Enabled'; Add-ClusterSharedVolume -Name 'Cluster Disk 2' | Out-Null; "
               "(Get-ClusterSharedVolume).OwnerNode.Name", state=state)
    assert r.returncode == 0, r.stderr
    owner = r.stdout.strip()
    other = N2 if owner == N1 else N1
    # For anything but Hyper-V, a 2008 R2 CSV is reachable only from the node that owns it.
    r = labkit("exec", other, "-c", r"Set-Content -Path C:\ClusterStorage\Volume1\notes.txt -Value hello", state=state)
    assert r.returncode == 1 and r"Access to the path 'C:\ClusterStorage\Volume1\notes.txt' is denied." in r.stderr
    r = labkit("exec", owner, "-c", r"Set-Content -Path C:\ClusterStorage\Volume1\notes.txt -Value hello; "
               r"Get-Content C:\ClusterStorage\Volume1\notes.txt", state=state)
    assert r.returncode == 0 and r.stdout.strip() == "hello", r.stderr
    assert labkit("exercise", "check", state=state).returncode == 0
    # CSV in use: it cannot be switched off again.
    assert "cannot be disabled" in error_of(state, N1, "(Get-Cluster).EnableSharedVolumes = 'Disabled'")


def test_2008r2_cluster_looks_like_2008r2_s(state: Path) -> None:
    exercises.start(state, "csv-2008r2")
    text = ok(state, N1, "Get-ClusterResource | Select-Object -ExpandProperty Name")
    assert "Storage Qos Resource" not in text and "Virtual Machine Cluster WMI" not in text   # both came with 2016
    assert ok(state, N1, "(Get-ClusterQuorum).QuorumType").strip() == "NodeAndDiskMajority"


def test_enable_shared_volumes_is_refused_loudly_where_windows_has_it_always_on(state: Path) -> None:
    exercises.start(state, "node-paused")    # a lab at the end of section 8, on the lab's own version (2022)
    assert ok(state, N1, "(Get-Cluster).EnableSharedVolumes").strip() == "Enabled"
    text = error_of(state, N1, "(Get-Cluster).EnableSharedVolumes = 'Disabled'")
    assert "not emulated by the labkit twin" in text and "always enabled" in text
    # a common property the twin keeps is set on the cluster, not on a copy (Get-Cluster's page, examples 4 and 5)
    assert ok(state, N1, "$c = Get-Cluster; $c.SameSubnetThreshold = 20; (Get-Cluster).SameSubnetThreshold").strip() == "20"


def test_the_exercises_are_listed_and_their_symptom_command_pastes_into_a_shell(state: Path) -> None:
    import shlex

    r = labkit("exercise", "list", state=state)
    assert r.returncode == 0
    assert all(name in r.stdout for name in ("processor-generation", "processor-makers", "csv-2008r2"))
    started = labkit("exercise", "start", "csv-2008r2", state=state)
    assert started.returncode == 0, started.stderr
    line = next(x.strip() for x in started.stdout.splitlines() if x.strip().startswith("labkit exec"))
    argv = shlex.split(line)   # what a shell makes of the printed line
    assert argv[:4] == ["labkit", "exec", N1, "-c"] and "\n" not in argv[4]
    shown = labkit(*argv[1:], state=state)
    assert "EnableSharedVolumes : Disabled" in shown.stdout and "The term 'Get-Disk' is not recognized" in shown.stderr


def test_processor_makers_compatibility_does_not_help_and_validation_warns(state: Path) -> None:
    exercises.start(state, "processor-makers")
    assert ok(state, N1, "(Get-VMProcessor -VMName HA-VM01).CompatibilityForMigrationEnabled").strip() == "True"
    text = error_of(state, N1, f"Move-ClusterVirtualMachineRole -Name HA-VM01 -Node {N2} -MigrationType Live")
    assert f"processor-specific features not supported on physical computer '{N2}'" in text
    assert "even with processor compatibility" in text
    assert ok(state, N2, "(Get-CimInstance Win32_Processor).Manufacturer").strip() == "AuthenticAMD"
    ok(state, N1, "Test-Cluster -Include 'Validate Matching Processor Manufacturers' | Out-Null")
    result = next(r for r in load_world(state).reports[-1]["results"] if r["test"] == "Validate Matching Processor Manufacturers")
    assert result["status"] == "Warning" and f"{N2} AMD" in result["reason"] and "even with processor compatibility" in result["reason"]


def test_the_spare_node_is_prepared_and_joins_over_credssp_only(state: Path) -> None:
    exercises.start(state, "processor-makers")
    r = labkit("exec", "CLUSTERNODE-3", "-c", "(Get-IscsiSession).IsPersistent; (Get-VMSwitch).Name; "
               "(Get-CimInstance Win32_Processor).Manufacturer", state=state)
    assert r.returncode == 0 and r.stdout.split() == ["True", "External", "GenuineIntel"], r.stdout + r.stderr
    # Add-ClusterNode reaches the new node: over WinRM without delegation that is the double hop.
    r = labkit("exec", N1, "-c", "Add-ClusterNode -Name CLUSTERNODE-3", state=state)
    assert r.returncode == 1 and "CLUSTERNODE-3" in r.stderr
    assert [n.name for n in load_world(state).cluster.nodes] == [N1, N2]
    r = labkit("exec", N1, "--logon", "credssp", "-c", f"Remove-ClusterNode -Name {N2} -Force; "
               "Add-ClusterNode -Name CLUSTERNODE-3 | Format-Table Name, Id, State -AutoSize", state=state)
    assert r.returncode == 0, r.stderr
    assert "CLUSTERNODE-3 3" in " ".join(r.stdout.split()), r.stdout   # ids are not reused: 2 was the evicted node's
    c = load_world(state).cluster
    assert [n.name for n in c.nodes] == [N1, "CLUSTERNODE-3"]
    r = labkit("exec", N1, "-c", f"Get-ClusterNode -Name {N2}", state=state)
    assert r.returncode == 1 and f"The node '{N2}' was not found" in r.stderr


def test_add_and_remove_cluster_node_refuse_what_windows_refuses(state: Path) -> None:
    exercises.start(state, "processor-makers")
    assert "already a member" in error_of(state, N1, f"Add-ClusterNode -Name {N2}")
    assert "could not be found" in error_of(state, N1, "Add-ClusterNode -Name NOSUCHNODE")
    from labkit.twin.session import transaction

    with transaction(state) as w:
        w.host("CLUSTERNODE-3").features.pop("Failover-Clustering")
    assert "Failover Clustering feature is not installed" in error_of(state, N1, "Add-ClusterNode -Name CLUSTERNODE-3")
    assert "not emulated" in error_of(state, N1, f"Remove-ClusterNode -Name {N2} -CleanupDisks")


def test_evicting_a_node_moves_its_roles_first(state: Path) -> None:
    exercises.start(state, "node-paused")
    exercises.reset(state)
    ok(state, N1, f"Resume-ClusterNode -Name {N1} | Out-Null; "
                  f"Move-ClusterVirtualMachineRole -Name HA-VM01 -Node {N2} -MigrationType Live | Out-Null")
    ok(state, N1, f"Remove-ClusterNode -Name {N2} -Force")
    world = load_world(state)
    assert world.vm("HA-VM01").host == N1 and world.vm("HA-VM01").state == "Running"
    assert world.vm("HA-VM01").last_migration["type"] == "live"
    assert "last node" in error_of(state, N1, f"Remove-ClusterNode -Name {N1} -Force")


def test_2008r2_node_limit_reachable_through_labkit_exec(tmp_path: Path) -> None:
    """16 nodes on 2008 R2 (64 from 2012 on): a 17th is refused by Add-ClusterNode."""
    from labkit.lab import Lab
    from labkit.twin.session import transaction

    data = Lab.load().to_dict()
    base = data["nodes"][0]
    data["nodes"] = [{**base, "name": f"NODE{i:02d}",
                      "addresses": {n: a.rsplit(".", 1)[0] + f".{100 + i}" for n, a in base["addresses"].items()}} for i in range(17)]
    state = tmp_path / ".lab"
    with transaction(state, Lab.from_dict(data)) as w:
        for h in w.nodes:
            h.os_version = "2008R2"
            h.features.update({"Failover-Clustering": "Installed", "RSAT-Clustering-PowerShell": "Installed"})
    nodes = ", ".join(f"NODE{i:02d}" for i in range(16))
    r = labkit("exec", "NODE00", "--logon", "credssp", "-c",
               f"New-Cluster -Name BIG -Node {nodes} -StaticAddress 10.0.40.50 -NoStorage | Out-Null; (Get-ClusterNode).Count", state=state)
    assert r.returncode == 0 and r.stdout.strip() == "16", r.stderr
    r = labkit("exec", "NODE00", "--logon", "credssp", "-c", "Add-ClusterNode -Name NODE16", state=state)
    assert r.returncode == 1 and "17 nodes exceed the maximum of 16 nodes in a Windows Server 2008R2 failover cluster" in r.stderr
    r = labkit("exec", "NODE00", "-c", "Get-VM", state=state)
    assert r.returncode == 1 and "The term 'Get-VM' is not recognized" in r.stderr


def test_the_spare_node_leaves_the_lab_file_alone(state: Path) -> None:
    """The course's lab file still matches the state: `labkit run` and the runbooks' backends keep working."""
    from labkit.backends.twin import TwinBackend
    from labkit.twin.store import Store

    lab = Store(state).snapshot()[1]
    exercises.start(state, "processor-makers")
    assert Store(state).snapshot()[1].to_dict() == lab.to_dict()
    r = TwinBackend(lab, state).run_one("CLUSTERNODE-3", "$env:COMPUTERNAME")
    assert r.ok and r.output.strip() == "CLUSTERNODE-3", r
