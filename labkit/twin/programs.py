"""Native programs the twin runs (hostname, whoami, ipconfig, ping, cmd ...).

A native program is not a cmdlet: PowerShell finds it on the PATH, passes
its arguments as strings, collects what it prints as lines of text (strings
in the pipeline) and sets ``$LASTEXITCODE`` to its exit code and ``$?`` to
whether that code is 0 (about_Automatic_Variables,
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_automatic_variables?view=powershell-5.1).

A program registers with :func:`program`; its function gets the cmdlet
context and the argument strings and returns ``(lines, exit_code)``.
"""

from __future__ import annotations

from typing import Any, Callable

ProgramFunc = Callable[[Any, list[str]], tuple[list[str], int]]

PROGRAMS: dict[str, ProgramFunc] = {}


def program(*names: str) -> Callable[[ProgramFunc], ProgramFunc]:
    """Register ``func`` as the native program ``names`` (``ping`` also answers ``ping.exe``)."""

    def register(func: ProgramFunc) -> ProgramFunc:
        for n in names:
            PROGRAMS[n.lower()] = func
        return func

    return register


def find_program(name: str) -> ProgramFunc | None:
    key = name.lower()
    if key.endswith(".exe"):
        key = key[:-4]
    return PROGRAMS.get(key)
