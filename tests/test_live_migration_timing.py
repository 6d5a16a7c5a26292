"""Runbook 8's live migration timing comes from the event log Hyper-V writes on
the source host (VMMS-Admin 20413 at the start, 20415 at the end with the
blackout), read by the ``live-migration-timing`` step with Get-WinEvent
-FilterHashtable: the same script on the twin and on Windows.  The twin's own
model refines the figures where the twin has them; on real hosts a figure
Windows does not log reads "not measured on real hosts" in the chain report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from labkit import migration_timing, steps
from labkit.backends.credentials import Credentials, Secret
from labkit.backends.twin import TwinBackend
from labkit.backends.winrm import WinRMBackend
from labkit.lab import Lab
from labkit.report import NOT_MEASURED, chain_report
from labkit.twin.serve import TwinServer
from labkit.twin.session import load_world, run_script
from test_world_rules import FULL, build

N1, N2, VM = "CLUSTERNODE-1", "CLUSTERNODE-2", "HA-VM01"
CREDS = Credentials("LAB\\student", Secret("migration-timing-test-password"))


@pytest.fixture(scope="module")
def full_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("timing") / "state", FULL)


@pytest.fixture
def state(full_base: Path, tmp_path: Path) -> Path:
    shutil.copytree(full_base, tmp_path / "state")
    return tmp_path / "state"


def timing(state: Path, host: str = N1, **args: object) -> dict:
    r = run_script(steps.script("live-migration-timing"), host=host, state_dir=state, args={"Name": VM, **args})
    assert r.ok and not r.errors, r.error_text
    return json.loads(r.text)


def move(state: Path, source: str, target: str, kind: str = "Live") -> None:
    r = run_script(steps.script("move-vm-role"), host=source, state_dir=state,
                   args={"Name": VM, "Node": target, "MigrationType": kind})
    assert r.ok and not r.errors, r.error_text


def test_no_migration_yet_is_found_false(state: Path) -> None:
    t = timing(state)
    assert t["Found"] is False and t["Started"] is None and t["BlackoutSeconds"] is None


def test_the_event_log_gives_the_twins_migration(state: Path) -> None:
    move(state, N1, N2)
    model = load_world(state).vm(VM).last_migration
    t = timing(state)
    assert t["Found"] is True
    assert t["TotalSeconds"] == pytest.approx(model["total_s"], abs=0.002)
    assert t["BlackoutSeconds"] == round(model["blackout_s"], 1)        # Windows logs tenths of a second
    assert t["Started"] < t["Completed"]
    # The target logs no VMMS migration events: the step runs on the node the VM left.
    assert timing(state, N2)["Found"] is False


def test_the_latest_live_migration_counts_and_quick_ones_do_not(state: Path) -> None:
    move(state, N1, N2)
    first = timing(state)
    move(state, N2, N1, "Quick")
    assert timing(state, N2)["Found"] is False        # a quick migration logs no 20413/20415
    move(state, N1, N2)
    second = timing(state)
    assert second["Completed"] > first["Completed"]
    assert second["TotalSeconds"] == pytest.approx(load_world(state).vm(VM).last_migration["total_s"], abs=0.002)


def test_the_same_reading_over_winrm(state: Path) -> None:
    move(state, N1, N2)
    lab = Lab.load(None)
    with TwinServer(lab, state, credentials=CREDS) as srv:
        with WinRMBackend(Lab.load(srv.lab_file), credentials=CREDS) as winrm, TwinBackend(lab, state) as twin:
            served = winrm.run([N1], steps.script("live-migration-timing"), {"Name": VM}, label="timing")[N1]
            direct = twin.run([N1], steps.script("live-migration-timing"), {"Name": VM}, label="timing")[N1]
    assert served.ok and direct.ok and served.data == direct.data and served.data["Found"] is True


def test_real_host_figures_come_from_the_log_and_the_rest_is_not_measured(state: Path, tmp_path: Path) -> None:
    move(state, N1, N2)
    logged = timing(state)
    model = load_world(state).vm(VM).last_migration
    on_twin = migration_timing.live_result(VM, N1, N2, logged, model)
    real = migration_timing.live_result(VM, N1, N2, logged, None)
    assert on_twin["blackout_ms"] == round(model["blackout_s"] * 1000, 1) and on_twin["rounds"] == len(model["rounds"])
    assert real["blackout_ms"] == logged["BlackoutSeconds"] * 1000 and real["rounds"] is None
    assert real["total_s"] == round(logged["TotalSeconds"], 2) and real["started"] == logged["Started"]
    rows = {r["figure"]: r for r in migration_timing.timing_rows(real, on_twin=False)}
    assert rows["pre-copy rounds"]["value"] == migration_timing.NOT_LOGGED
    assert rows["blackout (as Windows logs it)"]["source"].endswith("20415 (tenths of a second)")
    summary = {"ok": True, "backend": "winrm", "lab": "lab.yaml",
               "notebooks": [{"name": "08-live-migration", "status": "ok", "seconds": 1.0, "changed": 1}],
               "results": {"live_migration": real, "quick_migration": {"vm": VM, "downtime_s": None}}}
    html = chain_report(summary, Lab.load(None), tmp_path).read_text(encoding="utf-8")
    assert html.count(NOT_MEASURED) == 2        # the rounds and the quick migration's downtime, nothing else
    assert logged["Completed"] in html


def test_nothing_found_on_a_real_host_is_not_measured(tmp_path: Path) -> None:
    result = migration_timing.live_result(VM, N1, N2, {"Found": False}, None)
    assert all(result[k] is None for k in ("started", "completed", "blackout_ms", "total_s", "rounds"))
