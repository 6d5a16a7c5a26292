"""What a careless user or an attacker hands the `labkit` command: every case ends in a clear
message and exit 2 (or the work done), never a Python traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def labkit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "labkit.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


def no_traceback(p: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in p.stderr + p.stdout, p.stderr


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-8", b"\xef\xbb\xbf"), ("utf-8", b"")])
def test_exec_reads_a_ps1_by_its_byte_order_mark(tmp_path, encoding, bom):
    # What Windows PowerShell 5.1's `>` writes is UTF-16 LE with a BOM.
    script = tmp_path / "s.ps1"
    script.write_bytes(bom + "Write-Output 'héllo wörld'\r\n".encode(encoding))
    p = labkit("exec", "CLUSTERNODE-1", "--state", str(tmp_path / "st"), str(script))
    no_traceback(p)
    assert p.returncode == 0 and p.stdout == "héllo wörld\n", p.stderr


def test_exec_accepts_options_in_any_order(tmp_path):
    script = tmp_path / "s.ps1"
    script.write_text("'ran'")
    for args in (["exec", "CLUSTERNODE-1", "--state", str(tmp_path / "st"), str(script)],
                 ["exec", "--state", str(tmp_path / "st"), "CLUSTERNODE-1", str(script)],
                 ["exec", "CLUSTERNODE-1", str(script), "--state", str(tmp_path / "st")]):
        p = labkit(*args)
        assert (p.returncode, p.stdout) == (0, "ran\n"), (args, p.stderr)
    p = labkit("exec", "CLUSTERNODE-1", "--state", str(tmp_path / "st"), str(script), "extra")
    assert p.returncode == 2 and "unrecognized arguments:" in p.stderr and "extra" in p.stderr


def test_twin_show_on_a_missing_state_does_not_create_it(tmp_path):
    p = labkit("twin", "show", "--state", str(tmp_path / "nothing-here"))
    no_traceback(p)
    assert p.returncode == 2 and "no twin state" in p.stderr
    assert not (tmp_path / "nothing-here").exists()


def test_a_damaged_state_is_a_clear_error_and_reset_recovers(tmp_path):
    state = tmp_path / "st"
    assert labkit("twin", "reset", "--state", str(state)).returncode == 0
    db = state / "twin.sqlite"
    for extra in state.glob("twin.sqlite-*"):
        extra.unlink()
    db.write_bytes(b"this is not a database" * 100)
    for args in (["exec", "CLUSTERNODE-1", "--state", str(state), "-c", "1"], ["twin", "show", "--state", str(state)]):
        p = labkit(*args)
        no_traceback(p)
        assert p.returncode == 2 and "is damaged" in p.stderr and "labkit twin reset" in p.stderr, p.stderr
    p = labkit("twin", "reset", "--state", str(state))
    assert p.returncode == 0, p.stderr
    assert [f.name.split("-")[0] for f in state.glob("twin.sqlite.damaged-*")] == ["twin.sqlite.damaged"]
    p = labkit("exec", "CLUSTERNODE-1", "--state", str(state), "-c", "'back'")
    assert (p.returncode, p.stdout) == (0, "back\n")
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_an_unwritable_state_folder_is_a_clear_error(tmp_path):
    # (Tests run as root here, where permission bits do not stop writes: a file in the folder's
    # place stands for a folder that cannot be written.)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for args in (["exec", "CLUSTERNODE-1", "--state", str(blocker), "-c", "1"],
                 ["twin", "reset", "--state", str(blocker / "sub")]):
        p = labkit(*args)
        no_traceback(p)
        assert p.returncode == 2 and "pass --state DIR with a writable directory" in p.stderr, p.stderr


def test_an_unwritable_output_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    p = labkit("run", "--only", "1", "--state", str(tmp_path / "st"), "--out", str(blocker))
    no_traceback(p)
    assert p.returncode == 1 and "cannot write the output folder" in p.stderr and "--out DIR" in p.stderr


@pytest.mark.parametrize("value", ["[unclosed", "{a: 1", "a: b: c", "*alias", "&a [*a]"])
def test_run_param_that_is_not_yaml_is_a_usage_error(tmp_path, value):
    p = labkit("run", "--state", str(tmp_path / "st"), "--out", str(tmp_path / "out"), "-p", "vm_name", value)
    no_traceback(p)
    assert p.returncode == 2 and "-p vm_name" in p.stderr and "YAML" in p.stderr, p.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("content, expected", [
    (b"name: caf\xe9\n", "not UTF-8 text"),
    (b"a: " + b"[" * 100_000, "nested more than"),
    (b"a: &a [1, 2]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
     b"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n", "YAML aliases"),
    (b"\x00\x01\x02binary", "not valid YAML"),
])
def test_hostile_lab_files_are_refused_clearly(tmp_path, content, expected):
    lab = tmp_path / "lab.yaml"
    lab.write_bytes(content)
    p = labkit("lab", "check", str(lab))
    no_traceback(p)
    assert p.returncode == 2 and expected in p.stderr, p.stderr
