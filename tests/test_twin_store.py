"""Durable twin state: atomic writes under SIGKILL, serialized concurrent writers,
commit on PowerShell errors, rollback on internal errors, and the CLI."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from labkit.lab import Lab
from labkit.twin.session import UnknownHost, load_world, reset, run_script, transaction
from labkit.twin.store import Store, StoreError

HOST = "CLUSTERNODE-1"
PY = sys.executable
LABKIT = str(Path(sys.executable).parent / "labkit")

WRITER = r"""
import sys
from labkit.twin.store import Store, RunRecord
store = Store(sys.argv[1])
count = int(sys.argv[2])
for i in range(count):
    with store.transaction() as txn:
        n = int(txn.world.clock)
        txn.world.history.append({"n": n, "pad": "x" * 200})   # the document grows
        txn.world.advance(1)
        txn.log(RunRecord("writer", "0" * 64, n, n + 1, True))
    print("committed", n + 1, flush=True)
print("done", flush=True)
"""


def _check_consistent(state: Path) -> int:
    """The committed state loads and its three records agree; returns the counter."""
    world, _, _ = Store(state).snapshot()
    n = int(world.clock)
    assert world.clock == n
    assert [h["n"] for h in world.history] == list(range(n))
    assert len(Store(state).runs(limit=10 ** 6)) == n
    return n


def test_sigkill_mid_write_leaves_last_committed_state(tmp_path):
    """The writer does nothing but transactions; it is killed as soon as it has reported a number of
    commits (a different number each round), so the kill lands in a transaction, at any point of it,
    however loaded the machine is.  The state is always whole, and holds every reported commit."""
    state = tmp_path / "state"
    reset(state)
    last = 0
    rng = random.Random(7)
    for _ in range(30):
        p = subprocess.Popen([PY, "-c", WRITER, str(state), "100000"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert p.stdout is not None and p.stderr is not None
        reported = last
        for _ in range(rng.randint(1, 20)):
            line = p.stdout.readline()
            if not line.startswith("committed "):
                p.kill()
                pytest.fail(f"the writer stopped before it was killed: {line!r} {p.stderr.read()}")
            reported = int(line.split()[1])
        p.send_signal(signal.SIGKILL)
        p.wait()
        p.stdout.close()
        p.stderr.close()
        n = _check_consistent(state)
        assert n >= reported > last, "a commit the writer reported was lost"
        last = n


def test_concurrent_writers_lose_no_update(tmp_path):
    state = tmp_path / "state"
    reset(state)
    procs = [subprocess.Popen([PY, "-c", WRITER, str(state), "25"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(4)]
    for p in procs:
        outp, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    assert _check_consistent(state) == 100


CREATOR = r"""
import os, sys, time
from labkit.twin.store import Store
go = sys.argv[2]
print("ready", flush=True)
while not os.path.exists(go):     # everyone imported: start together
    time.sleep(0.001)
with Store(sys.argv[1]).transaction() as txn:
    txn.world.advance(1)
"""


def test_concurrent_writers_creating_the_state_at_once(tmp_path):
    """Writers that all find no state yet: SQLite does not call the busy handler while a new file turns
    to WAL, so without the store's own wait one of them failed with 'database is locked' (seen in
    `twin serve` when two hosts' first scripts arrived together).  Several rounds: the race is narrow."""
    reset(tmp_path / "fresh")
    start = load_world(tmp_path / "fresh").clock
    for round_ in range(10):
        state, go = tmp_path / f"state{round_}", tmp_path / f"go{round_}"
        procs = [subprocess.Popen([PY, "-c", CREATOR, str(state), str(go)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for _ in range(4)]
        for p in procs:
            assert p.stdout is not None and p.stdout.readline() == b"ready\n"
        go.touch()
        for p in procs:
            outp, err = p.communicate(timeout=120)
            assert p.returncode == 0, err.decode()
        assert load_world(state).clock == start + 4, "a writer's transaction was lost"


def test_concurrent_labkit_exec_start_sleep_sums_up(tmp_path):
    state = tmp_path / "state"
    reset(state)
    start = load_world(state).clock
    procs = [subprocess.Popen([LABKIT, "exec", HOST, "-c", f"Start-Sleep -Seconds {i + 1}; 'slept'", "--state", str(state)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i in range(6)]
    for p in procs:
        outp, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
        assert outp.decode().strip() == "slept"
    assert load_world(state).clock - start == sum(range(1, 7))


def test_powershell_error_commits_what_was_done(tmp_path):
    r = run_script("Start-Sleep 30; throw 'failed after sleeping'", host=HOST, state_dir=tmp_path)
    assert not r.ok
    assert load_world(tmp_path).clock == 30


def test_internal_error_rolls_back(tmp_path):
    reset(tmp_path)
    with pytest.raises(ZeroDivisionError):
        with transaction(tmp_path) as world:
            world.advance(99)
            1 / 0
    assert load_world(tmp_path).clock == 0
    with transaction(tmp_path) as world:
        world.advance(5)
    assert load_world(tmp_path).clock == 5


def test_unknown_host_names_the_lab_hosts(tmp_path):
    with pytest.raises(UnknownHost) as e:
        run_script("'x'", host="NOPE", state_dir=tmp_path)
    assert "CLUSTERNODE-1" in str(e.value) and "DC01" in str(e.value)


def test_store_remembers_its_lab_and_refuses_another(tmp_path):
    run_script("'x'", host=HOST, state_dir=tmp_path)
    data = Lab.load(None).to_dict()
    data["name"] = "other-lab"
    other = Lab.from_dict(data, source="other.yaml")
    with pytest.raises(StoreError) as e:
        run_script("'x'", host=HOST, state_dir=tmp_path, lab=other)
    assert "twin reset" in str(e.value)
    world = reset(tmp_path, other)
    assert world.clock == 0
    assert run_script("'x'", host=HOST, state_dir=tmp_path, lab=other).ok


def test_run_log_has_no_script_text(tmp_path):
    run_script("param($Password) 'done'", host=HOST, state_dir=tmp_path, args={"Password": "s3cret"}, label="step")
    rows = Store(tmp_path).runs()
    assert rows[0]["host"] == HOST and rows[0]["label"] == "step" and len(rows[0]["script_sha256"]) == 64
    assert b"s3cret" not in (tmp_path / "twin.sqlite").read_bytes()


# -- CLI ---------------------------------------------------------------------------------------------------------

def _labkit(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([LABKIT, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_cli_exec_output_warning_and_error(tmp_path):
    r = _labkit("exec", HOST, "-c", "[pscustomobject]@{Name='VM1'; State='Off'}; Write-Warning 'careful'", "--state", "s", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Name State" in r.stdout and "VM1  Off" in r.stdout
    assert "WARNING: careful" in r.stderr
    r = _labkit("exec", HOST, "-c", "'before'\nGet-Nothing -x 1", "--state", "s", cwd=tmp_path)
    assert r.returncode == 1 and "before" in r.stdout
    assert "The term 'Get-Nothing' is not recognized" in r.stderr and "At line:2 char:1" in r.stderr


def test_cli_exec_file_and_twin_reset_show(tmp_path):
    (tmp_path / "step.ps1").write_text("param()\nStart-Sleep -Seconds 60\n@{ ok = $true } | ConvertTo-Json -Compress\n")
    r = _labkit("exec", HOST, "step.ps1", "--state", "s", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.strip() == '{"ok":true}'
    r = _labkit("twin", "show", "--state", "s", cwd=tmp_path)
    assert r.returncode == 0 and "CLUSTERNODE-2" in r.stdout and "step.ps1" in r.stdout
    r = _labkit("twin", "reset", "--state", "s", cwd=tmp_path)
    assert r.returncode == 0
    assert load_world(tmp_path / "s").clock == 0


def test_cli_exec_unknown_host_is_usage_error(tmp_path):
    r = _labkit("exec", "NOPE", "-c", "'x'", "--state", "s", cwd=tmp_path)
    assert r.returncode == 2 and "CLUSTERNODE-1" in r.stderr
