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


class _Tap(list):
    """A stream list of the engine that also records, in order, what is written to it."""

    def __init__(self, stream: str, items: list[Any], merged: list[tuple[str, Any]], engine: "Interpreter"):
        super().__init__(items)
        self.stream, self.merged, self.engine = stream, merged, engine

    def append(self, item: Any) -> None:
        if self.stream == "2":
            item = self.engine.error_var[0] if self.engine.error_var else item   # the record just written
        self.merged.append((self.stream, item))

    def extend(self, items: Any) -> None:
        for item in items:
            self.append(item)


_RECORDS = {"3": ("System.Management.Automation.WarningRecord", "Message"),
            "4": ("System.Management.Automation.VerboseRecord", "Message"),
            "6": ("System.Management.Automation.InformationRecord", "MessageData")}
_LISTS = {"2": "errors", "3": "warnings", "4": "verbose", "6": "host_output"}


class _Output(list):
    """The redirected command's success output, recorded in the same sequence as the other streams."""

    def __init__(self, merged: list[tuple[str, Any]]):
        super().__init__()
        self.merged = merged

    def append(self, item: Any) -> None:
        self.merged.append(("1", item))

    def extend(self, items: Any) -> None:
        for item in items:
            self.merged.append(("1", item))


def run_redirected(engine: "Interpreter", cmd: S.Command, upstream: Iterator[Any] | None) -> Iterator[Any]:
    """The command's output with its redirections applied, in the order things were written."""
    check(cmd)
    merged_streams: set[str] = set()
    discarded: set[str] = set()
    for r in cmd.redirects:
        (merged_streams if r.merge else discarded).update(_streams(r))
    sequence: list[tuple[str, Any]] = []
    saved = {}
    for stream, attr in _LISTS.items():
        if stream in merged_streams or stream in discarded:
            saved[attr] = getattr(engine, attr)
            setattr(engine, attr, _Tap(stream, [], sequence, engine))
    failure: BaseException | None = None
    engine.capture_out = _Output(sequence)       # a function's or script block's own output list
    try:
        stream = engine.command_stream(cmd, upstream)
        engine.capture_out = None                # a cmdlet's script blocks keep their own output
        for item in stream:
            sequence.append(("1", item))
    except BaseException as e:  # noqa: BLE001 - re-raised after what was written before it
        failure = e
    finally:
        engine.capture_out = None
        for attr, original in saved.items():
            setattr(engine, attr, original)
    return _replay(sequence, discarded, failure)


def _replay(sequence: list[tuple[str, Any]], discarded: set[str], failure: BaseException | None) -> Iterator[Any]:
    out: list[Any] = []
    for stream, item in sequence:
        if stream in discarded or "1" in discarded:    # `2>&1 > $null`: what joined the output goes with it
            continue
        if stream == "1" or stream == "2":
            out.append(item)
        else:
            type_name, key = _RECORDS[stream]
            out.append(PSObject(type_name, {key: item}, tostring=str(item)))
    yield from out
    if failure is not None:
        raise failure
