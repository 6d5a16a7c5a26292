"""One lab state wherever labkit starts (labkit.state), and checkpoints of the twin's lab."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from labkit.state import STATE_ENV, find_state, shown_path


@pytest.fixture(autouse=True)
def _no_env_state(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STATE_ENV, raising=False)


def test_state_is_found_walking_up_as_git_finds_its_repo(tmp_path: Path) -> None:
    (tmp_path / ".lab").mkdir()
    deep = tmp_path / "runbooks" / "notes"
    deep.mkdir(parents=True)
    found = find_state(start=deep)
    assert found.path == tmp_path / ".lab"
    assert "walking up" in found.how
    assert find_state(start=tmp_path).how == "found in this folder"


def test_a_new_state_goes_beside_the_runbooks_folder(tmp_path: Path) -> None:
    course = tmp_path / "course"
    books = course / "runbooks"
    books.mkdir(parents=True)
    (books / "01-prerequisites.ipynb").write_text("{}")
    assert find_state(start=books).path == course / ".lab"
    assert find_state(start=course).path == course / ".lab"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert find_state(start=elsewhere).path == elsewhere / ".lab"
    assert find_state(start=elsewhere).how == "new, in this folder"


def test_explicit_folder_then_environment_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".lab").mkdir()
    monkeypatch.setenv(STATE_ENV, str(tmp_path / "from-env"))
    assert find_state(start=tmp_path).path == tmp_path / "from-env"
    assert find_state(start=tmp_path).how == f"from ${STATE_ENV}"
    assert find_state(tmp_path / "given", start=tmp_path).path == tmp_path / "given"


def test_shown_paths_never_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert shown_path(tmp_path / ".lab") == ".lab"
    assert shown_path(tmp_path.parent / ".lab") == "../.lab"
    assert shown_path("/somewhere/else/course/.lab") == "course/.lab"
    assert not shown_path(Path.home() / "x" / ".lab").startswith("/")


def _labkit(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != STATE_ENV}
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "labkit.cli", *args], cwd=cwd, env=full, capture_output=True, text=True, timeout=120)


def test_exec_and_twin_show_use_the_state_above_the_current_folder(tmp_path: Path) -> None:
    sub = tmp_path / "runbooks"
    sub.mkdir()
    (tmp_path / ".lab").mkdir()
    made = _labkit("exec", "CLUSTERNODE-1", "-c", "Install-WindowsFeature -Name Failover-Clustering | Out-Null", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    seen = _labkit("exec", "CLUSTERNODE-1", "-c", "(Get-WindowsFeature -Name Failover-Clustering).InstallState", cwd=sub)
    assert seen.stdout.strip() == "Installed", seen.stderr
    assert not (sub / ".lab").exists()
    other = _labkit("exec", "CLUSTERNODE-1", "-c", "(Get-WindowsFeature -Name Failover-Clustering).InstallState",
                    cwd=sub, env={STATE_ENV: str(tmp_path / "other")})
    assert other.stdout.strip() == "Available", other.stderr


# -- checkpoints ------------------------------------------------------------------------

def test_checkpoints_keep_each_sections_end_and_restore_it(tmp_path: Path) -> None:
    from labkit.twin import checkpoints
    from labkit.twin.session import load_world, reset, run_script

    state = tmp_path / ".lab"
    reset(state)
    run_script("Install-WindowsFeature -Name Failover-Clustering | Out-Null", host="CLUSTERNODE-1", state_dir=state)
    checkpoints.save(state, 1, "01-prerequisites")
    run_script("New-VMSwitch -Name External -NetAdapterName Ethernet -AllowManagementOS $true | Out-Null",
               host="CLUSTERNODE-1", state_dir=state)
    checkpoints.save(state, 2, "02-virtual-network")
    assert checkpoints.done_sections(state) == [1, 2]
    reset(state)
    assert checkpoints.done_sections(state) == []            # a fresh lab has done nothing
    assert [c.section for c in checkpoints.listing(state)] == [1, 2]   # the checkpoints stay
    assert not load_world(state).host("CLUSTERNODE-1").installed("Failover-Clustering")
    checkpoints.restore(state, 1)
    world = load_world(state)
    assert world.host("CLUSTERNODE-1").installed("Failover-Clustering")
    assert not world.host("CLUSTERNODE-1").switches
    assert checkpoints.done_sections(state) == [1]
    import sqlite3

    with sqlite3.connect(state / "twin.sqlite") as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'checkpoint_restores'").fetchone() == ("1",)
    assert checkpoints.save(state, 2, "02-virtual-network")  # section 2 again, after 1
    assert not checkpoints.save(state, 1, "01-prerequisites")  # the lab is ahead of section 1: nothing kept
    assert [c.section for c in checkpoints.listing(state)] == [1, 2]
    checkpoints.restore(state, 1)
    assert checkpoints.save(state, 1, "01-prerequisites")    # section 1 again: checkpoint 2 no longer follows
    assert [c.section for c in checkpoints.listing(state)] == [1]


def test_checkpoint_commands(tmp_path: Path) -> None:
    from labkit.twin import checkpoints
    from labkit.twin.session import reset

    state = tmp_path / ".lab"
    reset(state)
    checkpoints.save(state, 1, "01-prerequisites")
    listed = _labkit("twin", "checkpoint", "list", cwd=tmp_path)
    assert listed.returncode == 0 and "01-prerequisites" in listed.stdout, listed.stderr
    missing = _labkit("twin", "checkpoint", "restore", "4", cwd=tmp_path)
    assert missing.returncode == 2 and "no checkpoint 4" in missing.stderr and "labkit run --from 5" in missing.stderr
    restored = _labkit("twin", "checkpoint", "restore", "1", cwd=tmp_path)
    assert restored.returncode == 0 and "continue with runbook 02" in restored.stdout
