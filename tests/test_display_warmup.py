"""The template's warm-up (labkit/display_warmup.py) fills caches only: the runbooks'
figures and code displays are byte for byte what a process without it draws."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

# The runbooks' three figures (labkit.report) and a step's code display, drawn in a fresh process.
DRAW = """
import hashlib, json, sys
from labkit import display_warmup
if sys.argv[1] == "warm":
    display_warmup.figures()
    display_warmup.code_highlighting()
from IPython.display import Code
from labkit import report, steps
from labkit.lab import Lab
from labkit.migration import compare_downtime, live_migrate

lab = Lab.load(None)
live = live_migrate(2 * 2**30, transport="Compression")
rounds = {"rounds": [{"index": r.index, "bytes_sent": r.bytes_sent, "seconds": r.seconds, "phase": r.phase}
                     for r in live.rounds], "total_s": live.total_s, "blackout_s": live.blackout_s}
figures = {
    "topology": report.topology_figure(lab),
    "rounds": report.migration_rounds_figure(rounds, "Live migration of VM1 (2048 MB)"),
    "downtime": report.downtime_figure(compare_downtime([2**k * 2**30 for k in range(-2, 6)])),
}
shown = {name: hashlib.sha256(report.figure_png(fig)).hexdigest() for name, fig in figures.items()}
code = Code(steps.script("cluster-state"), language="powershell")
shown["code"] = hashlib.sha256((code._repr_html_() + code._repr_latex_()).encode()).hexdigest()
print(json.dumps(shown))
"""


def drawn(mode: str) -> dict[str, str]:
    out = subprocess.run([sys.executable, "-c", DRAW, mode], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def test_figures_and_code_after_the_warm_up_are_those_of_a_cold_process() -> None:
    cold, warm = drawn("cold"), drawn("warm")
    assert set(cold) == {"topology", "rounds", "downtime", "code"}
    assert warm == cold
    # (a figure the warm-up changed would show: the three figures differ from one another)
    assert len({cold["topology"], cold["rounds"], cold["downtime"]}) == 3
