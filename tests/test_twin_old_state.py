"""A lab state an older labkit saved, before the world's (or the lab's) shape changed: every command says
so and how to start over, never a traceback; `labkit twin reset` starts over from it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

from labkit.lab import DEFAULT_LAB_PATH, Lab
from labkit.notebook import Runbook
from labkit.state import STATE_ENV
from labkit.twin import checkpoints
from labkit.twin.session import load_world, reset, run_script
from labkit.twin.store import DB_NAME, StoreError
from support.twin_script import HOST

LABKIT = str(Path(sys.executable).parent / "labkit")


def labkit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([LABKIT, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def age(state: Path, table: str, column: str, change: Callable[[dict[str, Any]], None]) -> None:
    """Rewrite a stored document as an older labkit would have left it."""
    with sqlite3.connect(state / DB_NAME) as conn:
        for key, text in conn.execute(f"SELECT rowid, {column} FROM {table}").fetchall():
            doc = json.loads(text)
            change(doc)
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (json.dumps(doc), key))


def older_world(doc: dict[str, Any]) -> None:
    doc["vm_switches"] = doc.pop("vms")     # a field renamed since


def test_an_older_world_says_so_and_reset_starts_over(tmp_path: Path) -> None:
    state = tmp_path / "s"
    assert labkit("exec", HOST, "-c", "'made'", "--state", "s", cwd=tmp_path).returncode == 0
    age(state, "state", "world", older_world)
    for command in (["exec", HOST, "-c", "'again'"], ["twin", "show"]):
        r = labkit(*command, "--state", "s", cwd=tmp_path)
        assert r.returncode != 0 and "Traceback" not in r.stderr, r.stderr
        assert "the twin state in s was saved by an older labkit" in r.stderr    # the --state it was given
        assert "vm_switches" in r.stderr                                # what no longer fits
        assert "run `labkit twin reset --state s`" in r.stderr                  # and what to do
    with pytest.raises(StoreError, match="older labkit"):
        run_script("'in process'", host=HOST, state_dir=state)
    r = labkit("twin", "reset", "--state", "s", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = labkit("exec", HOST, "-c", "'again'", "--state", "s", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.strip() == "again", r.stderr


def test_an_older_lab_says_so_and_names_the_lab_option(tmp_path: Path) -> None:
    state = tmp_path / "s"
    reset(state)
    age(state, "state", "lab", lambda lab: lab.update(nodes="CLUSTERNODE-1"))
    r = labkit("exec", HOST, "-c", "'x'", "--state", "s", cwd=tmp_path)
    assert r.returncode != 0 and "Traceback" not in r.stderr, r.stderr
    assert "was saved by an older labkit: the lab it was made from" in r.stderr
    assert "labkit twin reset --state s --lab FILE" in r.stderr
    r = labkit("twin", "reset", "--state", "s", cwd=tmp_path)       # without the lab, reset cannot know it either
    assert r.returncode != 0 and "--lab FILE" in r.stderr and "Traceback" not in r.stderr, r.stderr
    r = labkit("twin", "reset", "--state", "s", "--lab", str(DEFAULT_LAB_PATH), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert labkit("exec", HOST, "-c", "'x'", "--state", "s", cwd=tmp_path).stdout.strip() == "x"


def test_an_older_checkpoint_is_refused_before_it_replaces_the_world(tmp_path: Path) -> None:
    state = tmp_path / "s"
    assert run_script("'made'", host=HOST, state_dir=state).ok
    checkpoints.save(state, 1, "01-prerequisites")
    age(state, "checkpoints", "world", older_world)
    run_script("Start-Sleep -Seconds 5", host=HOST, state_dir=state)
    clock = load_world(state).clock
    with pytest.raises(StoreError, match=r"checkpoint 1 of the twin state .* was saved by an older labkit: .*vm_switches.*"
                                         r"`labkit run --until 1` builds sections 1-1 again"):
        checkpoints.restore(state, 1)
    assert load_world(state).clock == clock      # the world this labkit saved is still there


def test_a_runbook_on_an_older_state_opens_and_its_first_step_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STATE_ENV, raising=False)
    state = tmp_path / ".lab"
    reset(state)
    age(state, "state", "world", older_world)
    rb = Runbook(None, "twin", str(state))      # the lab it was made from still reads: the runbook opens
    for call in (lambda: rb.step("install-features", rb.nodes, show_code=False), rb.world):
        with pytest.raises(StoreError, match=rf"the twin state in {state} was saved by an older labkit: .*vm_switches.*"
                                             rf"run `labkit twin reset --state {state}`"):
            call()


def test_a_lab_stored_without_a_field_this_labkit_added_is_still_the_same_lab(tmp_path: Path) -> None:
    """An older labkit stored the lab without the keys a newer one fills with their defaults: given the
    same lab again (the twin backend and `labkit exec --lab` give it), the state is that lab's."""
    state = tmp_path / "s"
    lab = Lab.load(None)
    reset(state, lab)
    age(state, "state", "lab", lambda doc: doc.pop("processor_compatibility"))   # a key with a default (False)
    assert run_script("'same lab'", host=HOST, state_dir=state, lab=lab).output == ["same lab"]


def test_labkit_run_from_builds_again_what_an_older_checkpoint_held(tmp_path: Path) -> None:
    """`labkit run --from 3` on a lab whose checkpoint 2 an older labkit saved: the chain builds
    sections 1-2 first, as when there is no checkpoint, and says why."""
    from labkit.chain import _catch_up

    state = tmp_path / "s"
    assert run_script("Start-Sleep -Seconds 5", host=HOST, state_dir=state).ok
    checkpoints.save(state, 2, "02-virtual-network")
    reset(state)                                         # the lab has done no section: --from 3 catches up
    age(state, "checkpoints", "world", older_world)
    how = _catch_up(state, Lab.load(None), 2)
    assert how == "built sections 1-2 first (checkpoint 2 was saved by an older labkit)"
    assert load_world(state).clock == 0


def test_an_exercise_on_an_older_checkpoint_says_so(tmp_path: Path) -> None:
    from labkit.exercises import ExerciseError, get, start

    state = tmp_path / "s"
    ex = get("migration-bindings")
    assert run_script("'made'", host=HOST, state_dir=state).ok
    checkpoints.save(state, ex.section, "08-live-migration")
    age(state, "checkpoints", "world", older_world)
    with pytest.raises(ExerciseError, match=rf"exercise migration-bindings starts from the lab at the end of section "
                                            rf"{ex.section}: checkpoint {ex.section} of the twin state .* was saved by an older labkit"):
        start(state, "migration-bindings")
