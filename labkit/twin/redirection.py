"""Redirection of a command's streams (about_Redirection, Windows PowerShell 5.1):
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_redirection?view=powershell-5.1

Streams: 1 Success, 2 Error, 3 Warning, 4 Verbose, 5 Debug, 6 Information
(Write-Host writes to 6 in 5.0 and later), ``*`` all of them.

- ``n>&1``: the stream's records join the success output (error records,
  WarningRecord, VerboseRecord, InformationRecord objects), after the
  command's own output.
- ``n> $null`` / ``n>> $null``: the stream is discarded.
- ``> file`` and ``>> file`` to a path: the twin does not keep file contents,
  so it refuses them ("not emulated") instead of dropping the text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from labkit.twin import syntax as S
from labkit.twin.errors import UnsupportedConstruct
from labkit.twin.objects import PSObject

if TYPE_CHECKING:
    from labkit.twin.interpreter import Interpreter

_ALL = ("1", "2", "3", "4", "5", "6")


def _streams(r: S.Redirect) -> tuple[str, ...]:
    return _ALL if r.stream == "*" else (r.stream,)


def check(cmd: S.Command) -> None:
    """Refuse, before anything runs, redirections the twin cannot honour."""
    for r in cmd.redirects:
        if r.merge:
            if r.stream == "1":
                raise UnsupportedConstruct("redirection 1>&1", r.line)
            continue
        if not (type(r.target) is S.Const and r.target.value is None):
            raise UnsupportedConstruct(f"redirection {'*' if r.stream == '*' else r.stream}{'>>' if r.append else '>'} "
                                       "to a file (the twin keeps no file contents; use > $null or n>&1)", r.line)


def run_redirected(engine: "Interpreter", cmd: S.Command, upstream: Iterator[Any] | None) -> Iterator[Any]:
    check(cmd)
    merged: set[str] = set()
    discarded: set[str] = set()
    for r in cmd.redirects:
        (merged if r.merge else discarded).update(_streams(r))
    n_err, n_rec, n_warn, n_verb, n_host = (len(engine.errors), len(engine.error_var), len(engine.warnings),
                                            len(engine.verbose), len(engine.host_output))
    results = list(engine.command_stream(cmd, upstream))
    extra: list[Any] = []
    if "2" in merged or "2" in discarded:
        records = list(reversed(engine.error_var[:len(engine.error_var) - n_rec]))
        del engine.errors[n_err:]
        if "2" in merged:
            extra.extend(records)
    for stream, items, type_name in (("3", engine.warnings, "System.Management.Automation.WarningRecord"),
                                      ("4", engine.verbose, "System.Management.Automation.VerboseRecord"),
                                      ("6", engine.host_output, "System.Management.Automation.InformationRecord")):
        start = {"3": n_warn, "4": n_verb, "6": n_host}[stream]
        if stream in merged or stream in discarded:
            new = items[start:]
            del items[start:]
            if stream in merged:
                for text in new:
                    key = "MessageData" if stream == "6" else "Message"
                    extra.append(PSObject(type_name, {key: text}, tostring=str(text)))
    if "1" in discarded:
        results = []
    return iter(results + extra)
