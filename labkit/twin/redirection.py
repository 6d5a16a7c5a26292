"""Redirection of a command's streams (about_Redirection, Windows PowerShell 5.1):
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_redirection?view=powershell-5.1

Streams: 1 Success, 2 Error, 3 Warning, 4 Verbose, 5 Debug, 6 Information
(Write-Host writes to 6 in 5.0 and later), ``*`` all of them.

- ``n>&1``: the stream's records join the success output (error records,
  WarningRecord, VerboseRecord, InformationRecord objects) in the order they
  were written; where the success output goes (``2>&1 > file``), they go too.
- ``n> $null``: the stream is discarded.
- ``n> file`` / ``n>> file``: the stream's text, as the console would show
  it (``>`` is ``Out-File``), goes to the file in the twin's file system:
  what ``Out-File`` writes, into the same file store Get-Content reads
  (``labkit.twin.modules.management``): on the host, or on the cluster shared
  volume the path names; ``>`` replaces the text, ``>>`` appends.  A relative
  path is relative to ``$PWD``; the folder must exist, as on Windows.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from labkit.twin import syntax as S
from labkit.twin.errors import CmdletError, UnsupportedConstruct
from labkit.twin.objects import PSObject
from labkit.twin.file_encodings import OUT_FILE_DEFAULT
from labkit.twin.stream_records import redirected

if TYPE_CHECKING:
    from labkit.twin.interpreter import Interpreter

_ALL = ("1", "2", "3", "4", "5", "6")


def _streams(r: S.Redirect) -> tuple[str, ...]:
    return _ALL if r.stream == "*" else (r.stream,)


def check(cmd: S.Command) -> None:
    """Refuse, before anything runs, redirections the twin cannot honour."""
    for r in cmd.redirects:
        if r.merge and r.stream == "1":
            raise UnsupportedConstruct("redirection 1>&1", r.line)


class _Tap(list):
    """A stream list of the engine that records, in order, what is written to it."""

    def __init__(self, stream: str, merged: list[tuple[str, Any]], engine: "Interpreter"):
        super().__init__()
        self.stream, self.merged, self.engine = stream, merged, engine

    def append(self, item: Any) -> None:
        if self.stream == "2":
            item = self.engine.error_var[0] if self.engine.error_var else item   # the record just written
        self.merged.append((self.stream, item))

    def extend(self, items: Any) -> None:
        for item in items:
            self.append(item)


def is_redirected(stream_list: list[Any]) -> bool:
    """Whether an engine stream list (``engine.host_output`` ...) is being redirected (``6>&1``, ``6> file``)."""
    return isinstance(stream_list, _Tap)


_RECORDS = {"3": ("System.Management.Automation.WarningRecord", "Message"),
            "4": ("System.Management.Automation.VerboseRecord", "Message"),
            "6": ("System.Management.Automation.InformationRecord", "MessageData")}
_LISTS = {"2": "errors", "3": "warnings", "4": "verbose", "5": "debug", "6": "host_output"}


class _Output(list):
    """The redirected command's success output, recorded in the same sequence as the other streams."""

    def __init__(self, merged: list[tuple[str, Any]]):
        super().__init__()
        self.merged = merged
        self.written: list[Any] = []   # what the command wrote, for its -OutVariable (redirected or not)

    def append(self, item: Any) -> None:
        self.merged.append(("1", item))
        self.written.append(item)

    def extend(self, items: Any) -> None:
        for item in items:
            self.append(item)


def run_redirected(engine: "Interpreter", cmd: S.Command, upstream: Iterator[Any] | None) -> Iterator[Any]:
    """The command's output with its redirections applied, in the order things were written."""
    check(cmd)
    # where each stream goes: "out" (joins the success output), None (discarded), or (path, append)
    dest: dict[str, Any] = {}
    for r in cmd.redirects:
        if r.merge:
            target: Any = "out"
        else:
            value = engine.eval(r.target)
            target = None if value is None else (str(value), r.append)
        for s in _streams(r):
            dest[s] = target
    sequence: list[tuple[str, Any]] = []
    saved = {}
    for stream, attr in _LISTS.items():
        if stream in dest:
            saved[attr] = getattr(engine, attr)
            setattr(engine, attr, _Tap(stream, sequence, engine))
    failure: BaseException | None = None
    engine.capture_out = _Output(sequence)       # a function's or script block's own output list
    try:
        stream_iter = engine.command_stream(cmd, upstream)
        engine.capture_out = None                # a cmdlet's script blocks keep their own output
        for item in stream_iter:
            sequence.append(("1", item))
    except BaseException as e:  # noqa: BLE001 - re-raised after what was written before it
        failure = e
    finally:
        engine.capture_out = None
        for attr, original in saved.items():
            setattr(engine, attr, original)
    out_dest = dest.get("1", "out")
    out: list[Any] = []
    files: dict[tuple[str, bool], list[Any]] = {}
    for stream, item in sequence:
        if stream != "1":
            item = _record(stream, item)
        where = dest.get(stream, "out") if stream != "1" else out_dest
        if where == "out":
            where = out_dest
        if where == "out":
            out.append(item)
        elif where is not None:
            files.setdefault(where, []).append(item)
    for (path, append), items in files.items():
        write_file(engine, cmd, path, items, append)
    return _replay(out, failure)


def _record(stream: str, item: Any) -> Any:
    if stream == "2" or (isinstance(item, PSObject) and item.type_name == _RECORDS["6"][0]):
        return item
    type_name, key = _RECORDS.get(stream, ("System.Management.Automation.DebugRecord", "Message"))
    if key == "Message":
        return redirected(type_name, str(item))    # it keeps its stream: the console prints "WARNING: ..." (stream_records)
    return PSObject(type_name, {key: item}, tostring=str(item))


def _replay(out: list[Any], failure: BaseException | None) -> Iterator[Any]:
    yield from out
    if failure is not None:
        raise failure


def write_file(engine: "Interpreter", cmd: S.Command, path: str, items: list[Any], append: bool) -> None:
    """``> path`` / ``>> path``: what Out-File [-Append] writes (about_Redirection: "> ... is the same as
    piping to Out-File"), into the file store Get-Content reads (labkit.twin.modules.management)."""
    from labkit.twin.format import render
    from labkit.twin.interpreter import CmdletContext
    from labkit.twin.modules.management import full_path, write_text

    ctx = CmdletContext(engine, cmd, "Out-File", {})
    full = full_path(ctx, path)
    if not re.match(r"^[A-Za-z]:", full):
        raise CmdletError(f"Cannot find drive. A drive with the name '{full.split(':')[0]}' does not exist.",
                          "ObjectNotFound", "DriveNotFound", full)
    # one formatting sequence for the objects, as Out-File has (a table keeps one header); errors and
    # messages are written where they come
    parts: list[str] = []
    objects: list[Any] = []
    for i in items:
        if _is_error(i) or _is_message(i):
            parts.append(render(objects) if objects else "")
            objects = []
            parts.append(_error_text(engine, cmd, i) if _is_error(i) else f"{i}\n")
        else:
            objects.append(i)
    parts.append(render(objects) if objects else "")
    text = "".join(parts)
    text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    try:
        write_text(ctx, engine.world.host(engine.host), full, text, append=append, cmd="OutFile",
                   encoding=OUT_FILE_DEFAULT)     # Out-File's default: UTF-16 LE with its mark (labkit.twin.file_encodings)
    except CmdletError as e:
        if "Could not find a part of the path" in str(e) and engine.world.host(engine.host) is not None:
            from labkit.twin.modules.storage import resolve_path
            if resolve_path(engine.world, engine.world.host(engine.host), full) is None:
                raise CmdletError(f"Cannot find drive. A drive with the name '{full[:1]}' does not exist.",
                                  "ObjectNotFound", "DriveNotFound", full[:1]) from None
        raise


def _is_message(item: Any) -> bool:
    """Warning, verbose, debug and information records: written as their text."""
    return isinstance(item, PSObject) and item.type_name in {t for t, _ in _RECORDS.values()} | {
        "System.Management.Automation.DebugRecord"}


def _is_error(item: Any) -> bool:
    return isinstance(item, PSObject) and item.type_name == "System.Management.Automation.ErrorRecord"


def _error_text(engine: "Interpreter", cmd: S.Command, record: PSObject) -> str:
    """An error record as the console shows it (what Out-File writes for it)."""
    from labkit.twin.session import format_error

    return format_error(engine._info_of(record, cmd)) + "\n"
