"""Running PowerShell on the twin: the API the twin backend, the CLI and
notebooks use.

    result = run_script(text, host="CLUSTERNODE-1", args={"Name": "VM1"})
    result.ok, result.output, result.text, result.errors ...

One run is one store transaction: load the world (or make it from the lab
when the state directory is new), run the script, save, commit.  What the
script changed before a PowerShell error stays changed, as on a real server;
an internal error of the twin (a Python exception: a bug) rolls back.

The script runs on the committed world read without the store's write lock;
its changes are committed afterwards if no other writer committed meanwhile
(else it runs again, under the lock).  Every run has a wall-clock budget and
size bounds (:mod:`labkit.twin.limits`): a script stopped by them ends in a
terminating error and keeps what it changed before, like a PowerShell error.
"""

from __future__ import annotations

import hashlib
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from labkit.lab import Lab
from labkit.twin import member_kinds
from labkit.twin import modules as _modules  # noqa: F401  (registers the emulated cmdlets)
from labkit.twin.error_view import format_error as _format_error
from labkit.twin.error_view import position_message
from labkit.twin.errors import PSParseError, TwinError, UnsupportedConstruct
from labkit.twin.format import enumeration_limit, enumeration_limit_of, render
from labkit.twin.stream_records import CONSOLE as CONSOLE_OUTPUT
from labkit.twin.interpreter import ErrorRecordInfo, Interpreter, Progress
from labkit.twin.console_host import logged_on
from labkit.twin.logon import CONSOLE, Logon, logon_for
from labkit.twin.parser import parse
from labkit.twin import limits
from labkit.twin.reset import reset
from labkit.twin.store import RunRecord, Store
from labkit.twin.world import World

__all__ = ["run_script", "ScriptResult", "ErrorRecordInfo", "Progress", "reset", "load_world", "transaction", "UnknownHost"]


class UnknownHost(TwinError):
    """The host is not in the lab; the message names the lab's hosts."""


@dataclass
class ScriptResult:
    host: str
    ok: bool
    output: list[Any] = field(default_factory=list)
    text: str = ""
    warnings: list[str] = field(default_factory=list)
    errors: list[ErrorRecordInfo] = field(default_factory=list)
    host_output: list[str] = field(default_factory=list)
    progress: list[Progress] = field(default_factory=list)
    verbose: list[str] = field(default_factory=list)
    debug: list[str] = field(default_factory=list)
    clock_start: float = 0.0
    clock_end: float = 0.0
    seconds: float = 0.0
    statements: int = 0

    @property
    def error_text(self) -> str:
        """The errors as PowerShell prints them (message, then ``At line:N char:M``)."""
        return "\n".join(format_error(e) for e in self.errors)


def format_error(e: ErrorRecordInfo) -> str:
    """One error as Windows PowerShell 5.1 prints it (see :mod:`labkit.twin.error_view`)."""
    return _format_error(e)


def _check_host(lab: Lab, host: str, world: World | None = None) -> str:
    """The host's name as the lab spells it; a host the world has beyond the lab file (a spare server an
    exercise racked, labkit.exercises) counts too."""
    for h in [*lab.hosts, *(world.hosts if world is not None else [])]:
        if h.name.lower() == host.lower():
            return h.name
    names = ", ".join(h.name for h in lab.hosts)
    raise UnknownHost(f"host {host!r} is not in lab {lab.name!r}; its hosts are: {names}")


def _parse_or_record(script: str, result: ScriptResult) -> Any:
    """The syntax tree, or None with the parse error recorded in ``result``."""
    try:
        return parse(script)
    except PSParseError as e:
        result.ok = False
        lines = script.splitlines()
        source = lines[e.line - 1] if 0 < e.line <= len(lines) else ""
        # 5.1 shows a parse error's position first, then its message (error_view)
        result.errors.append(ErrorRecordInfo(str(e), "ParserError", e.error_id, None, e.line, e.column, True,
                                             exception_type="System.Management.Automation.ParseException",
                                             category_info="ParserError: (:) [], ParentContainsErrorRecordException",
                                             position=position_message(e.line, e.column, source, 1)))
    except UnsupportedConstruct as e:
        result.ok = False
        result.errors.append(ErrorRecordInfo(str(e), "NotImplemented", "UnsupportedConstruct", None, e.line, 1, True))
    return None


def run_script(script: str, *, host: str, args: dict[str, Any] | None = None, state_dir: str | Path = ".lab",
               lab: Lab | None = None, label: str = "", logon: Logon | str | None = CONSOLE,
               timeout: float | None = None) -> ScriptResult:
    """Run ``script`` on ``host`` of the twin, ``args`` bound to its param() block.

    ``logon`` is how the session logged on (:mod:`labkit.twin.logon`): the
    console (default), or WinRM with a transport (``"ntlm"``, ``"credssp"``
    ...); without delegation, actions that reach another host fail as on
    Windows (the double hop).  ``timeout``: the wall-clock budget in seconds
    (default ``LABKIT_TWIN_TIMEOUT``, else 120)."""
    logon = logon_for(logon)
    started = time.perf_counter()
    store = Store(state_dir)
    digest = hashlib.sha256(script.encode("utf-8", "surrogatepass")).hexdigest()
    base = store.read(lab)
    if base is None:
        # A new state: make it in a short transaction of its own, so that this script, too,
        # runs without holding the write lock.
        with store.transaction(lab):
            pass
        base = store.read(lab)
    if base is not None:
        world = store.world_of(base.world_json)
        result = _run(script, world, base.lab, host, args, state_dir, timeout, started, logon)
        record = RunRecord(result.host, digest, result.clock_start, result.clock_end, result.ok, len(result.errors),
                           result.seconds, label)
        if store.commit_if(base, world, [record]):
            return result
        # Another writer committed while this script changed the world: run it again, under the lock.
        started = time.perf_counter()
    with store.transaction(lab) as txn:
        result = _run(script, txn.world, txn.lab, host, args, state_dir, timeout, started, logon)
        txn.log(RunRecord(result.host, digest, result.clock_start, result.clock_end, result.ok, len(result.errors),
                          result.seconds, label))
    return result


def _stopped(e: limits.ScriptStopped, script: str) -> ErrorRecordInfo:
    lines = script.splitlines()
    text = lines[e.line - 1].strip() if 0 < e.line <= len(lines) else ""
    return ErrorRecordInfo(str(e), "OperationStopped", e.error_id, None, e.line, 1 if e.line else 0, True, "", text)


def _run(script: str, world: World, lab: Lab, host: str, args: dict[str, Any] | None, state_dir: str | Path,
         timeout: float | None, started: float, logon: Logon = CONSOLE) -> ScriptResult:
    """Run the script on ``world`` (changing it); the result."""
    with limits.budget(timeout):
        name = _check_host(lab, host, world)
        clock_start = world.clock
        result = ScriptResult(host=name, ok=True, clock_start=clock_start)
        if not world.host(name).running:
            # A crashed host answers nothing: what a WinRM client meets on Windows.
            result.ok = False
            result.errors.append(ErrorRecordInfo(
                f"Connecting to remote server {name} failed with the following error message : WinRM cannot complete "
                "the operation. Verify that the specified computer name is valid, that the computer is accessible over "
                "the network, and that a firewall exception for the WinRM service is enabled and allows access from "
                "this computer. (On the twin: the host is down; `labkit twin fault heal` boots it.)",
                "OpenError", "WinRMOperationTimeout,PSSessionStateBroken", name, 0, 0, True))
            tree = None
        else:
            tree = _parse_or_record(script, result)
        if tree is not None:
            engine = Interpreter(world, name, lab, script, Path(state_dir))
            engine.logon = logon  # read by labkit.twin.logon.session_logon
            logged_on(engine)     # a WinRM session has no console window (labkit.twin.console_host)
            try:
                output, ok = engine.run(tree, args)
            except UnsupportedConstruct as e:
                output, ok = [], False
                engine.errors.append(ErrorRecordInfo(str(e), "NotImplemented", "UnsupportedConstruct", None, e.line, 1, True))
            except limits.ScriptStopped as e:
                # Not catchable by the script; what it changed before stays (committed by the caller).
                output, ok = [], False
                engine.errors.append(_stopped(e, script))
            if str(engine.get_var("errorview") or "").lower() == "categoryview":
                for e in engine.errors:
                    e.category_view = True
            result.ok = ok
            result.output = output
            limit = enumeration_limit.set(enumeration_limit_of(engine.get_var("formatenumerationlimit")))
            formatting = member_kinds.formatting(engine)    # script and type-data members read as the run left them
            console = CONSOLE_OUTPUT.set(True)     # the console's text (labkit.twin.stream_records)
            try:
                result.text = render(output)
            finally:
                CONSOLE_OUTPUT.reset(console)
                member_kinds.end_formatting(formatting)
                enumeration_limit.reset(limit)
            result.warnings = engine.warnings
            result.errors = engine.errors
            result.host_output = engine.host_output
            result.progress = engine.progress
            result.verbose = engine.verbose
            result.debug = engine.debug
            result.statements = engine.statements
        result.clock_end = world.clock
        result.seconds = time.perf_counter() - started
    return result


def load_world(state_dir: str | Path = ".lab") -> World:
    """A read-only snapshot of the committed world (changes to it are not saved)."""
    world, _, _ = Store(state_dir).snapshot()
    return world


@contextmanager
def transaction(state_dir: str | Path = ".lab", lab: Lab | None = None) -> Iterator[World]:
    """The world for Python code (fault injection) to change atomically:
    committed when the block ends, rolled back if it raises."""
    with Store(state_dir).transaction(lab) as txn:
        yield txn.world
