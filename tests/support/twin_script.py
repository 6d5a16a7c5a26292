"""Running PowerShell text on the twin from a test, as the twin tests do: one host, a state
folder the test owns, the script's output or its errors."""

from __future__ import annotations

from pathlib import Path

from labkit.twin.session import ScriptResult, run_script

HOST = "CLUSTERNODE-1"


def ps(state: Path, script: str, **args) -> ScriptResult:
    """The script run on HOST, with ``args`` bound to its param() block."""
    return run_script(script, host=HOST, args=args or None, state_dir=state)


def out(state: Path, script: str, **args) -> list:
    """The script's output, the test failing with the error text if it wrote any error."""
    r = ps(state, script, **args)
    assert r.ok and not r.errors, r.error_text
    return r.output
