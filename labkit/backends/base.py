"""The backend interface: run a script on one or many hosts, get per-host results.

A script is PowerShell text with a ``param()`` block.  Its arguments never
travel as text built by string formatting of raw values: a backend either
binds them to the ``param()`` block directly (the twin) or sends
:func:`invocation` text in which every value is a correctly quoted literal
(WinRM).
"""

from __future__ import annotations

import json
import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import pandas as pd

# PowerShell treats these as single quotes too (about_Quoting_Rules): each
# must be doubled inside a single-quoted literal, or it would end the string.
_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"


def ps_literal(value: Any) -> str:
    """``value`` as a PowerShell literal that evaluates to exactly it and runs nothing."""
    if value is None:
        return "$null"
    if isinstance(value, bool):
        return "$true" if value else "$false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} cannot be passed to PowerShell; give a finite number")
        return repr(value)
    if isinstance(value, str):
        return "'" + "".join(c * 2 if c in _SINGLE_QUOTES else c for c in value) + "'"
    if isinstance(value, Path):
        return ps_literal(str(value))
    if isinstance(value, dict):
        return "@{" + "; ".join(f"{ps_literal(str(k))} = {ps_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "@(" + ", ".join(ps_literal(v) for v in value) + ")"
    raise TypeError(f"cannot pass a {type(value).__name__} to PowerShell; use str, int, float, bool, list or dict")


def invocation(script: str, args: dict[str, Any] | None = None) -> str:
    """Text that runs ``script`` as a script block with ``args`` bound by name."""
    parts = []
    for name, value in (args or {}).items():
        if not name.isidentifier():
            raise ValueError(f"parameter name {name!r} is not a PowerShell identifier")
        if isinstance(value, bool):
            parts.append(f"-{name}:{ps_literal(value)}")
        else:
            parts.append(f"-{name} {ps_literal(value)}")
    return "& {\n" + script + "\n} " + " ".join(parts)


@dataclass
class HostResult:
    """What one host gave back for one script."""

    host: str
    ok: bool
    data: Any = None                  # the JSON the script printed, parsed; None if it printed none
    output: str = ""                  # the output stream as text
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


class StepFailed(RuntimeError):
    """A script failed on at least one host; the message names the hosts and the errors."""

    def __init__(self, script: str, failures: list[HostResult]):
        self.failures = failures
        from labkit.twin.logon import double_hop_hint

        lines = [f"{r.host}: {'; '.join(r.errors) or 'failed'}" for r in failures]
        hint = next((h for r in failures for e in r.errors if (h := double_hop_hint(e))), None)
        super().__init__(f"{script} failed on {len(failures)} host(s):\n  " + "\n  ".join(lines) + (f"\n{hint}" if hint else ""))


@dataclass
class RunResult:
    """Per-host results of one script run over many hosts."""

    script: str
    results: dict[str, HostResult]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results.values())

    def __getitem__(self, host: str) -> HostResult:
        return self.results[host]

    def raise_for_errors(self) -> "RunResult":
        failures = [r for r in self.results.values() if not r.ok]
        if failures:
            raise StepFailed(self.script, failures)
        return self

    def frame(self) -> pd.DataFrame:
        """One row per host: the JSON object's top-level fields, or the summary."""
        rows = []
        for r in self.results.values():
            row: dict[str, Any] = {"host": r.host}
            if isinstance(r.data, dict):
                row.update({k: v for k, v in r.data.items() if not isinstance(v, (list, dict))})
            row.update({"ok": r.ok, "seconds": round(r.seconds, 3)})
            if r.errors:
                row["errors"] = "; ".join(r.errors)
            rows.append(row)
        return pd.DataFrame(rows).set_index("host")


def merged_args(args: dict[str, Any] | None, host_args: dict[str, dict[str, Any]] | None, host: str) -> dict[str, Any]:
    """The arguments one host gets: the shared ones plus its own."""
    return {**(args or {}), **((host_args or {}).get(host) or {})}


def parse_json_output(text: str) -> Any:
    """The JSON value a script printed (ConvertTo-Json output), or None."""
    text = text.strip()
    if not text or text[0] not in "[{\"0123456789-tfn":
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


class Backend(ABC):
    """Runs PowerShell scripts on lab hosts."""

    name: str = "?"

    @abstractmethod
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
        """Run ``script`` on every host (in parallel where the backend can).

        ``args`` go to every host; ``host_args[host]`` are added for that host
        only (the network plan differs per host).  ``progress`` is called with
        each host's result as soon as that host is done.  ``logon`` is the
        WinRM transport to log on with (``credssp`` for a step that reaches
        other hosts: the double hop); None means the transport the lab file
        gives each host.
        """

    def run_one(self, host: str, script: str, args: dict[str, Any] | None = None, *, label: str = "script",
                logon: str | None = None) -> HostResult:
        return self.run([host], script, args, label=label, logon=logon).results[host]

    def wait_until_reachable(self, hosts: Iterable[str], timeout_s: float = 900,
                             previous_boot: dict[str, str] | None = None) -> None:
        """Wait for hosts that restarted to answer again (nothing to wait for on the twin).

        ``previous_boot[host]`` is the host's LastBootUpTime (``ToString('o')``)
        from before the restart: the host counts as back only once it answers
        with another boot time, i.e. it went down and came back, as
        ``Restart-Computer -Wait -For PowerShell`` waits."""

    def close(self) -> None:
        """Release connections (WinRM shells)."""

    def __enter__(self) -> "Backend":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
