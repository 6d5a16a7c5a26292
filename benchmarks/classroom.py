"""A classroom on one machine: N students run the whole chain at the same time
(measured, not asserted; not part of CI).

Each student is a `labkit run` process in a home folder of its own (as
JupyterHub gives each user one), so their lab states never meet.  For each N
it reports the wall time until the last student finished, the slowest
student's chain, the peak memory of one student (the `labkit run` process and
its kernels, summed, sampled every 0.2 s) and the failures, then says how many
students this machine holds at once.  A student stepping through the runbooks
by hand keeps one kernel busy for seconds at a time, far less than a chain
does, so the figures are a ceiling for "stepping through at once".

    python benchmarks/classroom.py [--students 2 4 8 16] [--budget SECONDS]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil  # installed with IPython, which the runbooks' kernel needs


@dataclass
class Student:
    home: Path
    proc: subprocess.Popen[bytes]
    started: float
    peak_rss: int = 0
    seconds: float = 0.0


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def start(home: Path) -> Student:
    home.mkdir(parents=True)
    env = {**os.environ, "HOME": str(home), "LABKIT_STATE": str(home / ".lab")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "labkit.cli", "run", "--state", str(home / ".lab"), "--out", str(home / "lab-run")],
        cwd=home, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    return Student(home, proc, time.perf_counter())


def classroom(n: int, work: Path, budget: float) -> dict[str, float]:
    students = [start(work / f"n{n}" / f"student{i + 1:02d}") for i in range(n)]
    began = time.perf_counter()
    while any(s.proc.poll() is None for s in students):
        for s in students:
            if s.proc.poll() is None:
                s.peak_rss = max(s.peak_rss, tree_rss(s.proc.pid))
                s.seconds = time.perf_counter() - s.started
        if time.perf_counter() - began > budget:
            for s in students:
                if s.proc.poll() is None:
                    s.proc.kill()
            break
        time.sleep(0.2)
    failures = 0
    for s in students:
        s.proc.wait()
        if s.proc.returncode != 0:
            failures += 1
            err = (s.proc.stderr.read() if s.proc.stderr else b"").decode(errors="replace").strip().splitlines()
            print(f"  {s.home.name} failed (exit {s.proc.returncode}): {err[-1] if err else 'no message'}", file=sys.stderr)
    return {
        "students": n,
        "wall_s": time.perf_counter() - began,
        "slowest_chain_s": max(s.seconds for s in students),
        "peak_mb_per_student": max(s.peak_rss for s in students) / 2**20,
        "failures": failures,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--students", type=int, nargs="+", default=[2, 4, 8, 16])
    ap.add_argument("--budget", type=float, default=900.0, help="seconds before a class size is stopped (default 900)")
    a = ap.parse_args()
    cores = os.cpu_count() or 1
    memory = psutil.virtual_memory().total / 2**30
    print(f"machine: {cores} cores, {memory:.0f} GiB; each student runs the whole chain on the twin at once")
    rows = []
    with tempfile.TemporaryDirectory(prefix="labkit-class-") as tmp:
        for n in a.students:
            rows.append(classroom(n, Path(tmp), a.budget))
            r = rows[-1]
            print(f"  {r['students']:>3} students: wall {r['wall_s']:6.1f} s, slowest chain {r['slowest_chain_s']:6.1f} s, "
                  f"peak {r['peak_mb_per_student']:5.0f} MB per student, failures {r['failures']}", flush=True)
    print()
    print(f"{'students':>8}  {'wall (s)':>8}  {'slowest chain (s)':>17}  {'peak MB/student':>15}  {'failures':>8}")
    for r in rows:
        print(f"{r['students']:>8}  {r['wall_s']:>8.1f}  {r['slowest_chain_s']:>17.1f}  {r['peak_mb_per_student']:>15.0f}  {r['failures']:>8}")
    ok = [r for r in rows if r["failures"] == 0]
    if ok:
        worst_mb = max(r["peak_mb_per_student"] for r in ok)
        most = max(ok, key=lambda r: r["students"])
        by_memory = int(memory * 1024 * 0.8 // worst_mb)
        print()
        print(f"This {cores}-core machine ran {most['students']} whole chains at once with no failure, the slowest in "
              f"{most['slowest_chain_s']:.0f} s. One student needs at most {worst_mb:.0f} MB, so 80% of its "
              f"{memory:.0f} GiB holds {by_memory} students' kernels; students stepping through by hand load the "
              f"cores far less than chains do.")


if __name__ == "__main__":
    main()
