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
from labkit.lab import Connection, Lab


def winrm_transport(lab: Lab, host: str) -> str:
    """The WinRM transport the lab file gives ``host`` (``Connection``'s default when it has no connection)."""
    try:
        conn = lab.host(host).connection
    except KeyError:
        conn = None
    return conn.transport if conn is not None else str(Connection.model_fields["transport"].default)


class TwinBackend(Backend):
    name = "twin"

    def __init__(self, lab: Lab, state_dir: str | Path = ".lab"):
        self.lab = lab
        self.state_dir = Path(state_dir)

    def logon_of(self, host: str) -> str:
        """The logon a run on ``host`` gets: the WinRM transport the winrm backend would use for it
        (the host's ``connection.transport`` in the lab file, else the default ``ntlm``): a script
        that reaches a second host fails without delegation, on the twin as on Windows."""
        return winrm_transport(self.lab, host)

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
        logon: str | None = None,
    ) -> RunResult:
        from labkit.twin.session import run_script

        results: dict[str, HostResult] = {}
        for host in hosts:
            started = time.perf_counter()
            r = run_script(script, host=host, args=merged_args(args, host_args, host), state_dir=self.state_dir, lab=self.lab,
                           label=label, logon=logon or self.logon_of(host))
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
