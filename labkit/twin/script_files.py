"""Script files: a ``.ps1`` in the twin's file system run as a command.

How Windows PowerShell 5.1 finds and runs a script file:

- A command name with a path in it (``C:\\Temp\\x.ps1``, ``.\\x.ps1``, ``..\\dir\\x.ps1``) is a path,
  relative ones starting at the current location; a path without an extension finds ``name.ps1``
  (about_Scripts, "How to Run a Script"; about_Command_Precedence, "Running scripts");
  https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_scripts?view=powershell-5.1
  https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_command_precedence?view=powershell-5.1
- A bare name is looked for in the folders of ``$env:PATH``, never in the current location: a script
  there is not run and the console suggests ``.\\name`` (HostUtilities' suggestion 3, 5.1's
  SuggestionStrings.resx ``Suggestion_CommandExistsInCurrentDirectory``).
- The script runs in a new scope, which is its script scope (``$script:``); dot-sourced
  (``. C:\\x.ps1``) it runs in the caller's scope, so its functions and variables stay there
  (about_Scopes, "Using Dot Source Notation with Scope";
  https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_scopes?view=powershell-5.1).
- Inside it ``$PSScriptRoot`` is its folder, ``$PSCommandPath`` its path and ``$MyInvocation.MyCommand``
  its ExternalScriptInfo (about_Automatic_Variables;
  https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_automatic_variables?view=powershell-5.1).
- ``exit N`` ends the script, not the caller: ``$LASTEXITCODE`` is N and a non-zero N makes the
  calling statement fail (``$?`` is False) (about_Scripts, "Exit"; ScriptCommandProcessor's ExitException
  handling: ``if (exitCode != 0) ... ExecutionFailed = true``).
- A file that does not parse does not run: its ParseException names the file (``At C:\\x.ps1:3 char:7``).
- Windows Server 2022's execution policy is RemoteSigned: local scripts run. The twin models no
  Zone.Identifier (downloaded files), so every script in its file system is local
  (about_Execution_Policies;
  https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_execution_policies?view=powershell-5.1).
"""

from __future__ import annotations

import ntpath
import re
from typing import TYPE_CHECKING, Any, Iterator

from labkit.twin import binding as B
from labkit.twin import script_requires
from labkit.twin import syntax as S
from labkit.twin.errors import CmdletError, NotEmulated, PSParseError, UnsupportedConstruct
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.pipeline_stream import Stage
from labkit.twin.parse_errors import position_message
from labkit.twin.paths import HOME, absolute
from labkit.twin.values import to_string

if TYPE_CHECKING:
    from labkit.twin.interpreter import Interpreter

SCRIPT_EXTENSION = ".ps1"
SYSTEM32 = "C:\\Windows\\System32"
_DRIVE = re.compile(r"^[A-Za-z]:")

# 5.1's suggestion text (SuggestionStrings.resx as Windows PowerShell 5.1 shipped it, the first version in
# PowerShell's repository) and HostUtilities' "Suggestion [{0},{1}]: {2}" frame, id 3, category General.
SUGGESTION = ('Suggestion [3,General]: The command {0} was not found, but does exist in the current location. Windows '
              'PowerShell does not load commands from the current location by default. If you trust this command, '
              'instead type: "{1}". See "get-help about_Command_Precedence" for more details.')


def current_location(engine: "Interpreter") -> str:
    """The current location of the run: where relative script paths start (the one place this module reads it)."""
    value = engine.get_var("pwd")
    return to_string(value) if value else HOME


def is_path(name: str) -> bool:
    """Whether a command name is a path (it has a folder separator or a drive), not a command's name."""
    return "\\" in name or "/" in name or bool(_DRIVE.match(name))


def _text_of(engine: "Interpreter", path: str) -> str | None:
    """The text of the file at ``path`` in the host's file store, or None when there is no such file."""
    from labkit.twin.interpreter import CmdletContext
    from labkit.twin.modules.management import read_text    # the file store's reader (Get-Content's)

    ctx = CmdletContext(engine, S.Command(path, []), "", {})
    try:
        return read_text(ctx, engine.world.host(engine.host), path)
    except NotEmulated:
        raise
    except CmdletError:
        return None


def _file_at(engine: "Interpreter", full: str) -> tuple[str, str] | None:
    """(path, text) of the script a full path names: the .ps1 itself or, without an extension, ``path.ps1``."""
    ext = ntpath.splitext(full)[1].lower()
    if ext in ("", SCRIPT_EXTENSION):
        candidate = full if ext else full + SCRIPT_EXTENSION
        text = _text_of(engine, candidate)
        return (candidate, text) if text is not None else None
    try:
        text = _text_of(engine, full)
    except NotEmulated:
        return None      # a file Windows ships (a program the twin knows by name): not a script
    if text is not None:
        raise NotEmulated(full, "running a file that is not a PowerShell script (.ps1) as a command")
    return None


def system_program(engine: "Interpreter", name: str) -> str | None:
    """The program name a path into System32 gives (``C:\\Windows\\System32\\ipconfig.exe`` -> ipconfig.exe), else None."""
    full = absolute(name, current_location(engine))
    folder, base = ntpath.split(full)
    return base if folder.lower() == SYSTEM32.lower() else None


def find(engine: "Interpreter", name: str) -> tuple[str, str] | None:
    """(full path, text) of the script file the command name ``name`` runs, or None.

    A path is resolved against the current location; a bare name is looked for in ``$env:PATH``'s folders."""
    if is_path(name):
        return _file_at(engine, absolute(name, current_location(engine)))
    for folder in to_string(engine.env_var("env:path") or "").split(";"):
        folder = folder.strip()
        if folder and _DRIVE.match(folder):
            found = _file_at(engine, absolute(ntpath.join(folder, name), HOME))
            if found is not None:
                return found
    return None


def has_help(engine: "Interpreter", name: str) -> bool:
    """Whether the script file ``name`` runs has a help comment (then ``-?`` shows its help, as for a function)."""
    from labkit.twin.comment_help import find_help
    from labkit.twin.parser import parse

    found = find(engine, name)
    if found is None:
        return False
    try:
        script = parse(found[1])
    except (PSParseError, UnsupportedConstruct):
        return False
    return script.source is not None and find_help(script.source) is not None


def suggestion(engine: "Interpreter", name: str) -> str | None:
    """5.1's suggestion for a bare name that is a script in the current location (``.\\name`` would run it).
    The console host writes it (HostUtilities, for the console's last command); a WinRM session gets none."""
    from labkit.twin.logon import session_logon

    if is_path(name) or session_logon(engine).kind != "console":
        return None
    here = absolute(name, current_location(engine))
    try:
        found = _file_at(engine, here)
    except NotEmulated:
        return None
    return SUGGESTION.format(name, f".\\{name}") if found is not None else None


class ScriptName(str):
    """A script file's name (``x.ps1``, what error ids are qualified with) that also knows its path (what
    the error view prints before the message: ``$myinv.MyCommand.Path + ' : '`` for an ExternalScript, 5.1's
    PowerShellCore_format_ps1xml ErrorInstance view)."""

    path: str

    def __new__(cls, path: str) -> "ScriptName":
        self = super().__new__(cls, ntpath.basename(path))
        self.path = path
        return self


def positioned_in_file(record: PSObject, info: Any, path: str) -> tuple[PSObject, Any]:
    """An error record made at a line of the script file ``path``: ``At C:\\x.ps1:3 char:5`` as 5.1 writes it."""
    at = f"At {path}:"
    if info.position and info.position.startswith("At line:"):
        info.position = at + info.position[len("At line:"):]
    inv = record.get("InvocationInfo")
    if isinstance(inv, PSObject):
        pm = to_string(inv.get("PositionMessage") or "")
        if pm.startswith("At line:"):
            inv.set("PositionMessage", at + pm[len("At line:"):])
        inv.set("ScriptName", path)
    trace = to_string(record.get("ScriptStackTrace") or "")
    if trace.startswith("at <ScriptBlock>, <No file>: "):     # the frame of the file: "at <ScriptBlock>, C:\x.ps1: line 2"
        record.set("ScriptStackTrace", f"at <ScriptBlock>, {path}: " + trace[len("at <ScriptBlock>, <No file>: "):])
    return record, info


def place_invocation(engine: "Interpreter", info: PSObject) -> None:
    """A call made in a script file: its InvocationInfo names the file (ScriptName, PSCommandPath, PSScriptRoot:
    "the script that called or invoked the current script", about_Automatic_Variables) and is placed in it."""
    path = engine.script_path
    if not path:
        return
    info.set("ScriptName", path)
    info.set("PSCommandPath", path)
    info.set("PSScriptRoot", ntpath.dirname(path))
    pm = to_string(info.get("PositionMessage") or "")
    if pm.startswith("At line:"):
        info.set("PositionMessage", f"At {path}:" + pm[len("At line:"):])


def command_info(path: str, text: str, script: S.Script | None = None) -> PSObject:
    """The script's ExternalScriptInfo (what Get-Command and ``$MyInvocation.MyCommand`` give)."""
    from labkit.twin.parser import parse
    from labkit.twin.values import ScriptBlock

    name = ntpath.basename(path)
    if script is None:
        try:
            script = parse(text)
        except (PSParseError, UnsupportedConstruct):
            script = None
    return PSObject(["System.Management.Automation.ExternalScriptInfo", "System.Management.Automation.CommandInfo"], {
        "CommandType": PSEnum("System.Management.Automation.CommandTypes", "ExternalScript", 16), "Name": name,
        "Version": "", "Source": path, "ModuleName": "", "Module": None, "Path": path, "Definition": path,
        "ScriptContents": text, "Visibility": "Public", "OriginalEncoding": None,
        "ScriptBlock": ScriptBlock(script, text) if script is not None else None,
    }, display=["CommandType", "Name", "Version", "Source"], tostring=path)


def in_file(e: UnsupportedConstruct, path: str) -> UnsupportedConstruct:
    """The refusal of a construct met in the script file ``path``, naming the file (its line is the file's)."""
    if getattr(e, "file", None):
        return e
    named = UnsupportedConstruct(f"{e.construct} in {path}", e.line)
    named.file = path      # type: ignore[attr-defined]
    return named


def parse_file(engine: "Interpreter", path: str, text: str, node: Any) -> S.Script:
    """The script of a file, or its ParseException, positioned in the file as 5.1 shows it."""
    from labkit.twin.dynamic import PARSE_EXCEPTION
    from labkit.twin.interpreter import PSError
    from labkit.twin.parser import parse

    try:
        script = parse(text)
    except UnsupportedConstruct as e:
        raise in_file(e, path) from None
    except PSParseError as e:
        message = position_message(text, e.line, e.column, e.text).replace("At line:", f"At {path}:", 1)
        errors = [PSObject("System.Management.Automation.Language.ParseError",
                           {"ErrorId": e.error_id, "Message": e.text, "IncompleteInput": e.incomplete_input}, tostring=message)]
        record, info = engine.record_for(message, "ParserError", e.error_id, None, node, "", exception_type=PARSE_EXCEPTION)
        record.get("Exception").set("Errors", errors)
        info.position = ""       # the message is positioned already (in the file)
        raise PSError(record, info) from None
    return script


def run(engine: "Interpreter", path: str, text: str, items: list[B.Item], upstream: Iterator[Any] | None,
        cmd: S.Command, dot: bool) -> Iterator[Any]:
    """Run the script file at ``path`` as the command ``cmd`` (dot-sourced when ``dot``); its output."""
    from labkit.twin.interpreter import _tag

    script = parse_file(engine, path, text, cmd)
    name = ntpath.basename(path)
    requires = script_requires.statements(text)
    if requires:
        table = engine.get_var("psversiontable")
        version = to_string(table.get("PSVersion") if hasattr(table, "get") else "5.1")
        try:
            script_requires.check(requires, path, version, script_requires.module_check(engine))
        except CmdletError as e:
            raise _tag(e, "", cmd) from None     # raised by command discovery, before the script is a command
    if engine.capture_out is not None:      # redirected: it writes into the redirection's list as it runs
        out: list[Any] = engine.capture_out
        engine.capture_out = None
        return _execute(engine, path, text, script, name, items, upstream, cmd, dot, out)

    def body(stage: Stage, out: list[Any]) -> None:
        # in a pipeline: what it writes goes on at once (labkit.twin.pipeline_stream); its input is read as a whole,
        # its blocks run when the pipeline reads it (the begin phase of the commands before it is over then)
        stage.begun()
        _execute(engine, path, text, script, name, items, stage.inputs(), cmd, dot, out)

    return Stage(engine, body, upstream)


def _execute(engine: "Interpreter", path: str, text: str, script: S.Script, name: str, items: list[B.Item],
             upstream: Iterator[Any] | None, cmd: S.Command, dot: bool, out: list[Any]) -> Iterator[Any]:
    from labkit.twin.interpreter import Scope, _Exit, _Return, _tag, _then_raise
    from labkit.twin.members import NO_ITEM
    from labkit.twin.usertypes import hoist

    saved_scope, saved_script, saved_lines, saved_path = engine.scope, engine.script_scope, engine.source_lines, engine.script_path
    saved_frame = engine.source_frames.get(id(cmd))
    scope = saved_scope if dot else Scope(saved_scope)
    engine.scope = scope
    if not dot:
        engine.script_scope = scope
    # the script's own automatic variables (its parameters do stay in the caller's scope when dot-sourced)
    own = ("psscriptroot", "pscommandpath", "myinvocation", "args", "psboundparameters", "input", "pscmdlet")
    before = {k: scope.vars[k] for k in own if k in scope.vars}
    try:
        inputs = list(upstream) if upstream is not None else None
        try:
            bound = engine.bind_script_params(script, items, inputs[0] if inputs else NO_ITEM, name, node=cmd,
                                              expect_input=inputs is not None)
        except CmdletError as e:
            raise _tag(e, ScriptName(path), cmd) from None
        info = scope.vars.get("myinvocation")      # made by the binding for this call: the caller's line, file and arguments
        if isinstance(info, PSObject):
            info.set("MyCommand", command_info(path, text, script))
        scope.vars["psscriptroot"] = ntpath.dirname(path)
        scope.vars["pscommandpath"] = path
        engine.source_frames[id(cmd)] = (saved_lines, saved_path)   # errors at the call are placed in the caller's text
        engine.source_lines, engine.script_path = text.splitlines(), path
        hoist(engine, script)
        engine.calls.append((ScriptName(path), cmd))
        try:
            engine.nested_call(cmd, engine.exec_script_body, script, out, inputs, bound)
        except _Return as r:
            out.extend(r.value)
        except _Exit as e:
            out.extend(e.pending)
            engine.global_scope.vars["lastexitcode"] = e.code
            if e.code != 0:
                engine.statement_failed = True
        except UnsupportedConstruct as e:
            raise in_file(e, path) from None
        except BaseException as e:
            if not out:
                raise
            return _then_raise(out, _tag(e, name, cmd) if isinstance(e, CmdletError) else e)
        finally:
            engine.calls.pop()
    finally:
        engine.source_lines, engine.script_path = saved_lines, saved_path
        if saved_frame is None:
            engine.source_frames.pop(id(cmd), None)
        else:
            engine.source_frames[id(cmd)] = saved_frame
        engine.scope, engine.script_scope = saved_scope, saved_script
        if dot:
            for k in own:          # the script's own automatic variables do not stay in the caller's scope
                if k in before:
                    scope.vars[k] = before[k]
                else:
                    scope.vars.pop(k, None)
    return iter(out)
