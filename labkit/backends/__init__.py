"""Backends run labkit's PowerShell steps on lab hosts: the twin or real
Windows over WinRM, behind one interface (:mod:`labkit.backends.base`)."""

from __future__ import annotations

from pathlib import Path

from labkit.backends.base import Backend
from labkit.lab import Lab

KINDS = ("twin", "winrm")


def make_backend(kind: str, lab: Lab, state_dir: str | Path = ".lab") -> Backend:
    """The backend named ``kind`` for ``lab``: ``twin`` (default) or ``winrm``."""
    if kind == "twin":
        from labkit.backends.twin import TwinBackend

        return TwinBackend(lab, state_dir)
    if kind == "winrm":
        from labkit.backends.winrm import WinRMBackend

        return WinRMBackend(lab)
    raise ValueError(f"backend {kind!r} is not one of {', '.join(KINDS)}; use twin (no Windows needed) or winrm (real hosts)")
