"""The twin backend: runs steps on labkit's digital twin of the lab.

Arguments are bound straight to the script's ``param()`` block (no text is
built from them).  The twin's store serializes runs, so hosts run one after
the other; each run is one atomic transaction on the state directory.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable, Iterable

from labkit.backends.base import Backend, HostResult, RunResult, merged_args, parse_json_output
from labkit.lab import Lab


class TwinBackend(Backend):
    name = "twin"

    def __init__(self, lab: Lab, state_dir: str | Path = ".lab"):
        self.lab = lab
        self.state_dir = Path(state_dir)

    def __repr__(self) -> str:
        return f"TwinBackend(lab={self.lab.source!r}, state_dir={str(self.state_dir)!r})"

    def run(
        self,
        hosts: Iterable[str],
        script: str,
        args: dict[str, Any] | None = None,
        *,
        label: str = "script",
        host_args: dict[str, dict[str, Any]] | None = None,
        progress: Callable[[HostResult], None] | None = None,
    ) -> RunResult:
        from labkit.twin.session import run_script

        results: dict[str, HostResult] = {}
        for host in hosts:
            started = time.perf_counter()
            r = run_script(script, host=host, args=merged_args(args, host_args, host), state_dir=self.state_dir, lab=self.lab, label=label)
            results[host] = HostResult(
                host=host,
                ok=r.ok,
                data=parse_json_output(r.text),
                output=r.text,
                warnings=list(r.warnings),
                errors=[e.message for e in r.errors],
                seconds=time.perf_counter() - started,
            )
            if progress:
                progress(results[host])
        return RunResult(label, results)
