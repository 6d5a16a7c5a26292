"""Every Windows Server version the lab file accepts: the chain runs on the
twin, or `labkit run` refuses the lab before the first notebook; `labkit lab
check` tells what works on the lab's version; the twin gives each host only
the modules its version has."""

from __future__ import annotations

import json
import re
import os
import subprocess
import sys
import typing
from pathlib import Path

import pytest
import yaml

from labkit.lab import DEFAULT_LAB_PATH, Lab, LabError, OSProfile
from labkit.os_versions import ORDER, chain_blockers
from labkit.twin.session import reset, run_script

ROOT = Path(__file__).resolve().parents[1]


def labkit(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "labkit.cli", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=900)


def plain(text: str) -> str:
    """rich's table text with the box drawing and the line breaks taken out."""
    return " ".join(re.sub(r"[\u2500-\u257f]", " ", text).split())


def lab_file(tmp_path: Path, version: str, **vm: typing.Any) -> Path:
    data = yaml.safe_load(DEFAULT_LAB_PATH.read_text())
    data.setdefault("os", {})["version"] = version
    if vm:
        data["vms"][0].update(vm)
    path = tmp_path / f"lab-{version}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_the_versions_tested_are_the_ones_the_lab_file_accepts() -> None:
    accepted = typing.get_args(OSProfile.model_fields["version"].annotation)
    assert tuple(accepted) == ORDER


@pytest.mark.parametrize("version", ORDER)
def test_chain_runs_or_is_refused_up_front(tmp_path: Path, version: str) -> None:
    lab = lab_file(tmp_path, version)
    out, state = tmp_path / "out", tmp_path / "state"
    run = labkit("run", "--lab", str(lab), "--out", str(out), "--state", str(state))
    if chain_blockers(version):
        # Refused before the first notebook: exit 2, the reason and the way out, nothing made.
        assert run.returncode == 2, run.stdout + run.stderr
        text = " ".join((run.stdout + run.stderr).split())
        assert "Windows Server 2008 R2 ships Windows PowerShell 2.0" in text
        assert "Hyper-V" in text and "Storage" in text and "iSCSI" in text and "NetAdapter" in text
        assert "set os.version to 2012 or later" in text
        assert "Traceback" not in text
        assert not out.exists() and not state.exists()
        return
    assert run.returncode == 0, run.stdout + run.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["ok"] and all(n["status"] == "ok" for n in summary["notebooks"])
    vm = run_script("Get-VM -Name HA-VM01 | Select-Object -ExpandProperty Generation", host="CLUSTERNODE-1", state_dir=state)
    assert vm.ok, vm.error_text
    assert vm.output == [1 if version == "2012" else 2]


def test_lab_check_tells_what_works_on_the_version(tmp_path: Path) -> None:
    r = labkit("lab", "check", str(lab_file(tmp_path, "2008R2")))
    assert r.returncode == 0, r.stderr
    text = plain(r.stdout)
    assert "On Windows Server 2008 R2" in text
    assert "refused before the first notebook" in text
    assert "missing (arrived with 2012)" in text
    assert "enabled by hand" in text and "at most 16" in text
    r = labkit("lab", "check", str(lab_file(tmp_path, "2012")))
    text = plain(r.stdout)
    assert r.returncode == 0 and "On Windows Server 2012" in text
    assert "gen 1" in text and "generation 2 needs 2012 R2" in text
    r = labkit("lab", "check", str(lab_file(tmp_path, "2022")))
    text = plain(r.stdout)
    assert "gen 2" in text and "the eight runbooks run" in text


def test_lab_check_refuses_generation_2_on_2012(tmp_path: Path) -> None:
    with pytest.raises(LabError) as e:
        Lab.load(lab_file(tmp_path, "2012", generation=2))
    assert any(i.path == "vms[0].generation" and "2012 R2" in i.rule for i in e.value.issues)
    assert Lab.load(lab_file(tmp_path, "2012R2", generation=1)).vm_generation(Lab.load(lab_file(tmp_path, "2012R2", generation=1)).vms[0]) == 1


def test_2008r2_hosts_have_only_the_modules_2008r2_has(tmp_path: Path) -> None:
    lab = Lab.load(lab_file(tmp_path, "2008R2"))
    reset(tmp_path / "s", lab)
    r = run_script("Get-VM", host="CLUSTERNODE-1", state_dir=tmp_path / "s")
    assert r.errors and not r.output
    assert "The term 'Get-VM' is not recognized" in r.error_text
    for script in ("Get-Disk", "Get-NetAdapter", "Get-IscsiSession", "Install-WindowsFeature Hyper-V"):
        r = run_script(script, host="CLUSTERNODE-1", state_dir=tmp_path / "s")
        assert "is not recognized" in r.error_text, script
    # Windows PowerShell's own cmdlets stay.
    r = run_script("1..3 | Measure-Object | Select-Object -ExpandProperty Count", host="CLUSTERNODE-1", state_dir=tmp_path / "s")
    assert r.ok and r.output == [3] and not r.errors


def test_2012_new_vm_has_no_generation_parameter(tmp_path: Path) -> None:
    reset(tmp_path / "s", Lab.load(lab_file(tmp_path, "2012")))
    r = run_script("Install-WindowsFeature Hyper-V -IncludeManagementTools -Restart", host="CLUSTERNODE-1", state_dir=tmp_path / "s")
    assert r.ok and not r.errors, r.error_text
    r = run_script("New-VM -Name T1 -Generation 1 -NoVHD", host="CLUSTERNODE-1", state_dir=tmp_path / "s")
    assert "A parameter cannot be found that matches parameter name 'Generation'." in r.error_text
    r = run_script("New-VM -Name T1 -NoVHD | Select-Object -ExpandProperty Generation", host="CLUSTERNODE-1", state_dir=tmp_path / "s")
    assert r.ok and r.output == [1], r.error_text


def test_each_runbook_says_what_replaced_the_2008r2_articles_gui_steps() -> None:
    import nbformat

    from labkit.chain import NOTEBOOKS

    for name in NOTEBOOKS:
        book = nbformat.read(ROOT / "runbooks" / f"{name}.ipynb", as_version=4)
        cells = [c.source for c in book.cells if c.cell_type == "markdown" and c.source.startswith("### The 2008 R2 article")]
        assert len(cells) == 1, name
        assert re.search(r"`[A-Z][a-z]+-[A-Za-z]+", cells[0]), f"{name}: name the cmdlet that replaced the GUI step"


def test_add_windowsfeature_is_an_alias_from_2012_and_2008r2s_own_cmdlet_before(tmp_path: Path) -> None:
    # From Windows Server 2012 on ServerManager exports Add-WindowsFeature as an alias of Install-WindowsFeature;
    # on 2008 R2 it is that version's own cmdlet, which the twin does not run: not emulated, never "not recognized".
    reset(tmp_path / "new", Lab.load(lab_file(tmp_path, "2022")))
    r = run_script("(Add-WindowsFeature Failover-Clustering).Success; (Get-Command Add-WindowsFeature).ResolvedCommandName",
                   host="CLUSTERNODE-1", state_dir=tmp_path / "new")
    assert r.ok and r.output == [True, "Install-WindowsFeature"], r.error_text
    text = run_script("Get-Command Add-WindowsFeature", host="CLUSTERNODE-1", state_dir=tmp_path / "new").text
    assert "Alias           Add-WindowsFeature -> Install-WindowsFeature       2.0.0.0    ServerManager" in text
    reset(tmp_path / "old", Lab.load(lab_file(tmp_path, "2008R2")))
    r = run_script("Add-WindowsFeature Failover-Clustering", host="CLUSTERNODE-1", state_dir=tmp_path / "old")
    assert r.errors and "'Add-WindowsFeature' is not emulated" in r.errors[0].message and "2008 R2" in r.errors[0].message
    assert "not recognized" not in r.error_text
