"""The chain's wall time on the twin beside its floor: papermill running
eight empty notebooks one after another on the same kernel spec.  Aim: the
chain no slower than the floor (ratio at most 1.0), and a second run on the
same lab (``labkit run --keep-state``: everything already in place) at most
1.1 times the floor.

    python benchmarks/chain.py [--repeat N]

    python benchmarks/chain.py --processes [--repeat N]

``--processes`` times each as the whole process a user starts: the floor as one
Python that imports papermill and runs the eight notebooks, the chain as the
``labkit run`` command (its start-up, command line, lab file and state included);
the per-runbook kernel wait is then not known (shown as -).

Prints, per round, the floor, the chain, the second run and their ratios
(wall time; CPU of this process and its kernels beside it), then each
runbook's split: how long it waited for its kernel, its set-up cell (the
imports and the Runbook), its other cells (the steps), and the rest
(papermill and nbclient: client start, writing the notebook), and the
chain's time before its first notebook, between notebooks and after the
last one (from the times papermill writes into each executed notebook).
The machine may be shared: compare rounds run close together, and CPU
beside wall.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import nbformat
import papermill as pm
from nbformat.v4 import new_code_cell, new_notebook

from labkit import kernels
from labkit.chain import KERNEL_NAME, NOTEBOOKS, ChainOptions, _kernel_env, run_chain


def _cpu() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def timed(run: Callable[[], Any]) -> tuple[float, float, float, float]:
    """Wall and CPU seconds (this process and its waited-for children: the kernels' template,
    the kernels, the report's renderer), and the wall clock at the start and the end."""
    cpu, started, clock = _cpu(), time.perf_counter(), time.time()
    run()
    return time.perf_counter() - started, _cpu() - cpu, clock, time.time()


def outside(out: Path, summary: dict[str, Any], start: float, end: float) -> tuple[float, float, float]:
    """The chain's time outside its notebooks: before the first (lab checks, reset, template
    start), between them (papermill reading and parameterizing the next), after the last
    (last kernel shutdown, report.html), from the times papermill wrote into each notebook."""
    from datetime import datetime

    spans = []
    for entry in summary["notebooks"]:
        if entry["status"] in ("ok", "failed"):
            meta = nbformat.read(out / f"{entry['name']}.ipynb", as_version=4).metadata.papermill
            spans.append((datetime.fromisoformat(meta.start_time).timestamp(), datetime.fromisoformat(meta.end_time).timestamp()))
    between = sum(b[0] - a[1] for a, b in zip(spans, spans[1:]))
    return spans[0][0] - start, between, end - spans[-1][1]


# The floor as a process of its own: a Python that imports papermill and runs the notebooks.
FLOOR_PROCESS = """import sys
import papermill as pm
for out in sys.argv[3:]:
    pm.execute_notebook(sys.argv[2], out, parameters={"x": 2}, kernel_name=sys.argv[1], progress_bar=False)
"""


def floor(work: Path, process: bool = False) -> None:
    """Papermill over eight notebooks with an empty parameters cell."""
    os.environ.update(_kernel_env(work / "state"))
    book = new_notebook()
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = new_code_cell("x = 1")
    cell.metadata["tags"] = ["parameters"]
    book.cells.append(cell)
    path = work / "empty.ipynb"
    nbformat.write(book, path)
    if process:
        subprocess.run([sys.executable, "-c", FLOOR_PROCESS, KERNEL_NAME, str(path),
                        *(str(work / f"empty-{name}.ipynb") for name in NOTEBOOKS)], check=True, stderr=subprocess.DEVNULL)
        return
    for name in NOTEBOOKS:
        pm.execute_notebook(str(path), str(work / f"empty-{name}.ipynb"), parameters={"x": 2},
                            kernel_name=KERNEL_NAME, progress_bar=False)


def split(out: Path, summary: dict[str, Any], waits: list[float]) -> list[tuple[str, float, float, float, float, float]]:
    """Per runbook: total, kernel wait, set-up cell, the other cells, the rest (papermill, nbclient)."""
    rows = []
    ran = [n for n in summary["notebooks"] if n["status"] in ("ok", "failed")]
    for entry, wait in zip(ran, waits):
        nb = nbformat.read(out / f"{entry['name']}.ipynb", as_version=4)
        setup = steps = 0.0
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            seconds = cell.metadata.get("papermill", {}).get("duration") or 0.0
            if "Runbook(" in cell.source:
                setup += seconds
            else:
                steps += seconds
        total = entry["seconds"]
        rows.append((entry["name"], total, wait, setup, steps, total - wait - setup - steps))
    return rows


def one_round(work: Path, processes: bool = False) -> dict[str, Any]:
    result: dict[str, Any] = {}
    result["floor"] = timed(lambda: floor(work, processes))
    state = work / "state"
    summaries: dict[str, dict[str, Any]] = {}
    for label, fresh in (("chain", True), ("again", False)):
        def chain(label: str = label, fresh: bool = fresh) -> None:
            if processes:
                subprocess.run([sys.executable, "-m", "labkit.cli", "run", "--state", str(state), "--out", str(work / label),
                                *([] if fresh else ["--keep-state"])], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                summaries[label] = json.loads((work / label / "summary.json").read_text())
            else:
                summaries[label] = run_chain(ChainOptions(out_dir=work / label, state_dir=state, fresh=fresh))
        result[label] = timed(chain)
        waits = [float("nan")] * len(NOTEBOOKS) if processes else list(kernels.last_waits)
        result[f"{label} split"] = split(work / label, summaries[label], waits)
        result[f"{label} outside"] = outside(work / label, summaries[label], *result[label][2:])
    return result


def report(r: dict[str, Any]) -> None:
    (fw, fc, *_), (cw, cc, *_), (aw, ac, *_) = r["floor"], r["chain"], r["again"]
    print(f"floor (papermill, 8 empty notebooks): {fw:6.1f} s wall {fc:6.1f} s CPU")
    print(f"labkit run on the twin (8 runbooks):   {cw:6.1f} s wall {cc:6.1f} s CPU")
    print(f"second run (--keep-state):             {aw:6.1f} s wall {ac:6.1f} s CPU")
    print(f"ratio: {cw / fw:.2f} (aim: at most 1.0), CPU {cc / fc:.2f}")
    print(f"second run ratio: {aw / fw:.2f} (aim: at most 1.1), CPU {ac / fc:.2f}")
    for label in ("chain", "again"):
        print(f"{label}: {'runbook':28} {'total':>6} {'kernel':>6} {'set-up':>6} {'steps':>6} {'rest':>6}")
        for name, *secs in r[f"{label} split"]:
            print(f"{'':{len(label) + 2}}{name:28} " + " ".join(f"{s:6.2f}" if s == s else f"{'-':>6}" for s in secs))
        before, between, after = r[f"{label} outside"]
        print(f"{'':{len(label) + 2}}{'before the first notebook':28} {before:6.2f}  (lab checks and reset, template start)")
        print(f"{'':{len(label) + 2}}{'between the notebooks':28} {between:6.2f}  (papermill reading the next, scraps)")
        print(f"{'':{len(label) + 2}}{'after the last notebook':28} {after:6.2f}  (last kernel shutdown, report.html)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=1, help="rounds (floor, chain, second run), each in a fresh folder")
    ap.add_argument("--processes", action="store_true", help="time the floor and labkit run as whole processes")
    a = ap.parse_args()
    with open(os.devnull, "w") as quiet:
        for i in range(a.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                stderr, sys.stderr = sys.stderr, quiet   # the chain's progress bar
                try:
                    r = one_round(Path(tmp), a.processes)
                finally:
                    sys.stderr = stderr
            load = os.getloadavg()[0]
            print(f"round {i + 1} of {a.repeat} (load average {load:.1f} on {os.cpu_count()} CPUs)")
            report(r)
            sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
