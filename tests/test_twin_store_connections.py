"""The store's connection kept open between scripts (labkit/twin/store_connections.py): it never
answers from a file that is no longer the state, from before another process's commit, from
inside an uncommitted transaction, or across a fork; an orderly exit still folds the WAL in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from labkit.twin import store_connections
from labkit.twin.session import load_world, reset, run_script
from labkit.twin.store import DB_NAME, Store

HOST = "CLUSTERNODE-1"
LABKIT = str(Path(sys.executable).parent / "labkit")


def sleep(state: Path, seconds: int) -> None:
    result = run_script(f"Start-Sleep -Seconds {seconds}", host=HOST, state_dir=state)
    assert result.ok, result.errors


def test_a_state_made_anew_at_the_same_path_is_read_not_the_old_one(tmp_path: Path) -> None:
    state = tmp_path / "state"
    start = reset(state).clock
    sleep(state, 30)
    assert load_world(state).clock == start + 30
    shutil.rmtree(state)            # the folder deleted while this process keeps a connection to it
    reset(state)
    assert load_world(state).clock == start
    sleep(state, 5)
    assert load_world(state).clock == start + 5


def test_a_damaged_state_set_aside_is_not_read_again(tmp_path: Path) -> None:
    state = tmp_path / "state"
    start = reset(state).clock
    sleep(state, 30)
    aside = Store(state).set_aside()
    assert aside is not None and aside.is_file()
    reset(state)
    assert load_world(state).clock == start


def test_commits_of_another_process_are_seen(tmp_path: Path) -> None:
    state = tmp_path / "state"
    start = reset(state).clock
    assert load_world(state).clock == start
    for total in (7, 14):
        p = subprocess.run([LABKIT, "exec", HOST, "--state", str(state), "-c", "Start-Sleep -Seconds 7"],
                           capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr
        assert load_world(state).clock == start + total


def test_a_read_inside_a_transaction_sees_only_what_is_committed(tmp_path: Path) -> None:
    state = tmp_path / "state"
    reset(state)
    store = Store(state)
    before = store.read()
    assert before is not None
    with store.locked() as conn:
        conn.execute("UPDATE state SET generation = generation + 100")
        inside = store.read()       # a connection of its own: the write is not committed yet
        assert inside is not None and inside.generation == before.generation
    after = store.read()
    assert after is not None and after.generation == before.generation + 100


def test_a_forked_child_uses_a_connection_of_its_own(tmp_path: Path) -> None:
    state = tmp_path / "state"
    start = reset(state).clock
    sleep(state, 1)                 # the parent keeps a connection
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            # The parent's connection is not handed out here (SQLite: never carry one across a fork).
            code = 4 if store_connections.take(Store(state).path) is not None else 0
            sleep(state, 10)
            code = code or (0 if load_world(state).clock == start + 11 else 3)
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    sleep(state, 100)
    assert load_world(state).clock == start + 111
    assert Store(state).healthy()


def test_only_the_last_few_states_stay_open(tmp_path: Path) -> None:
    states = [tmp_path / f"state{i}" for i in range(store_connections.KEEP_AT_MOST + 3)]
    for state in states:
        reset(state)
        sleep(state, 2)
    kept = [Path(k) for k in store_connections._kept]
    assert len(kept) == store_connections.KEEP_AT_MOST
    assert kept == [(s / DB_NAME).absolute() for s in states[-store_connections.KEEP_AT_MOST:]]
    for state in states:
        assert load_world(state).clock == load_world(states[0]).clock


def test_an_orderly_exit_folds_the_wal_into_the_database(tmp_path: Path) -> None:
    state = tmp_path / "state"
    code = ("import sys\nfrom labkit.twin.session import run_script, reset\nreset(sys.argv[1])\n"
            "assert run_script('Start-Sleep -Seconds 3', host='CLUSTERNODE-1', state_dir=sys.argv[1]).ok")
    p = subprocess.run([sys.executable, "-c", code, str(state)], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert sorted(f.name for f in state.iterdir()) == [DB_NAME]   # the last close checkpointed and removed the WAL
    assert len(Store(state).runs()) == 1
