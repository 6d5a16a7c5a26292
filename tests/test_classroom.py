"""`labkit class status`: a trainer reads students' labs, built and changed by
the real commands, and sees each one's sections, checkpoints restored,
exercises and last failure, as a table and a picture, without touching them."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from labkit.exercises import EXERCISES

ROOT = Path(__file__).resolve().parents[1]


def labkit(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LABKIT_STATE"} | {"COLUMNS": "250"}
    return subprocess.run([sys.executable, "-m", "labkit.cli", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=900)


def ok(*args: str) -> str:
    r = labkit(*args)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def fingerprint(folder: Path) -> dict[str, tuple[int, str]]:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def classroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    room = tmp_path_factory.mktemp("class")
    # ada: sections 1-3 through `labkit run`, then the iSCSI exercise, fixed the admin's way.
    ada = room / "ada"
    ok("run", "--until", "3", "--state", str(ada / ".lab"), "--out", str(ada / "lab-run"))
    ok("exercise", "start", "iscsi-session", "--state", str(ada / ".lab"))
    for host, script in EXERCISES["iscsi-session"].solution:
        ok("exec", host, "--state", str(ada / ".lab"), "-c", script)
    ok("exercise", "check", "--state", str(ada / ".lab"))
    # grace: a copy of ada's lab (before the exercise), sent back to the end of section 2, then a failing command.
    grace = room / "grace" / "course"
    shutil.copytree(ada / ".lab", grace / ".lab")
    for f in ("exercise.json", "exercises.json"):
        (grace / ".lab" / f).unlink(missing_ok=True)
    ok("twin", "checkpoint", "restore", "2", "--state", str(grace / ".lab"))
    labkit("exec", "CLUSTERNODE-1", "--state", str(grace / ".lab"), "-c", "Get-ClusterNode")
    # linus: a home with no lab yet.
    (room / "linus").mkdir()
    return room


def test_class_status_shows_each_students_progress(classroom: Path, tmp_path: Path) -> None:
    before = {name: fingerprint(classroom / name) for name in ("ada", "grace", "linus")}
    picture = tmp_path / "class.png"
    out = ok("class", "status", str(classroom / "ada"), str(classroom / "grace"), str(classroom / "linus"),
             "--picture", str(picture), "--json", str(tmp_path / "class.json"))
    rows = {r["student"]: r for r in json.loads((tmp_path / "class.json").read_text())}
    assert rows["ada"]["sections done"] == "3/8 (1-3)"
    assert rows["ada"]["exercises passed"] == "iscsi-session"
    assert rows["ada"]["checkpoints restored"] == "1"      # starting the exercise restored checkpoint 3
    assert rows["grace"]["sections done"] == "2/8 (1-2)"
    assert rows["grace"]["checkpoints restored"] == "2"    # ada's restore came along with the copy, plus her own
    assert rows["grace"]["exercises passed"] == "-"
    assert "on CLUSTERNODE-1" in rows["grace"]["last failure"]
    assert rows["linus"]["sections done"] == "0/8" and "no lab state here" in rows["linus"]["last failure"]
    assert "Class status: 3 student(s)" in out and "ada" in out and "grace" in out
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # Reading changed nothing: same files, same bytes, same times; no lab made for linus.
    after = {name: fingerprint(classroom / name) for name in ("ada", "grace", "linus")}
    changed = {f"{n}/{f}" for n in before for f in set(before[n]) | set(after[n]) if before[n].get(f) != after[n].get(f)}
    assert not changed, changed
    assert not (classroom / "linus" / ".lab").exists()


def test_class_status_refuses_a_path_that_is_not_a_folder(tmp_path: Path) -> None:
    r = labkit("class", "status", str(tmp_path / "nobody"))
    assert r.returncode == 2 and "not a folder" in r.stderr and "Traceback" not in r.stderr


def test_the_class_status_runbook_shows_the_table_and_the_picture(classroom: Path, tmp_path: Path) -> None:
    import nbformat
    import papermill as pm

    out = tmp_path / "class-status.ipynb"
    pm.execute_notebook(str(ROOT / "runbooks" / "class-status.ipynb"), str(out), cwd=str(tmp_path),
                        parameters={"students": [str(classroom / n) for n in ("ada", "grace", "linus")]},
                        progress_bar=False)
    book = nbformat.read(out, as_version=4)
    outputs = [o for c in book.cells if c.cell_type == "code" for o in c.outputs]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "3 student(s)" in html and "ada" in html and "iscsi-session" in html and "3/8 (1-3)" in html
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not list(tmp_path.glob("*.png"))
