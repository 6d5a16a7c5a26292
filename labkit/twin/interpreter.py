"""The interpreter: evaluates the syntax tree over the world.

One :class:`Interpreter` runs one script on one host.  Pipelines stream
objects stage by stage (generators); the error model is PowerShell's:

- a *non-terminating* error (``ctx.error``, Write-Error) is recorded and the
  pipeline goes on, unless ``-ErrorAction`` / ``$ErrorActionPreference`` says
  otherwise (Stop turns it into a script-terminating error);
- a *statement-terminating* error (a cmdlet's ``CmdletError``, a binding
  error, an unknown command, a bad cast) ends the statement; the script
  goes on with the next one, unless it is inside ``try`` or
  ``$ErrorActionPreference`` is Stop;
- ``throw`` (and ``-ErrorAction Stop``) is *script-terminating*.
"""

from __future__ import annotations

from pathlib import Path

import re
from dataclasses import dataclass, field, replace as dc_replace
from datetime import datetime
from typing import Any, Callable, Iterable, Iterator

from labkit.twin.comment_help import find_help
from labkit.twin import binding as B
from labkit.twin import limits
from labkit.twin import script_binding
from labkit.twin import default_parameter_values, delay_bind, runspaces, strict_mode
from labkit.twin.types import USER_TYPES, USING_NAMESPACES, PSType
from labkit.twin.member_kinds import ENGINE as MEMBER_ENGINE
from labkit.twin.non_indexable import non_indexable
from labkit.twin import enumeration, syntax as S
from labkit.os_versions import host_has_command
from labkit.twin.switch import run_switch
from labkit.twin.trap import run_trapped
from labkit.twin.dynamic import create_scriptblock
from labkit.twin import usertypes as UT
from labkit.twin.redirection import run_redirected
from labkit.twin.splatting import splat_items
from labkit.twin.callstack import CALL_DEPTH_LIMIT, CALL_DEPTH_MESSAGE, on_fresh_stack, stack_is_deep
from labkit.twin.clock import lab_time
from labkit.twin.error_types import binding_exception, default_error_id, exception_for, qualified_id
from labkit.twin.error_types import type_names as exception_types
from labkit.twin.error_view import position_message
from labkit.twin.errors import CmdletError, NotEmulated, TwinError, UnsupportedConstruct
from labkit.twin.format import format_operator
from labkit.twin.members import MISSING, NO_ITEM, VOID, call_method, call_static, get_member, set_member, static_member
from labkit.twin.aliases import resolve as resolve_alias
from labkit.twin.builtin_functions import builtin_function
from labkit.twin.locations import path_info
from labkit.twin.paths import HOME
from labkit.twin.commands import MODULE_ALIASES, module_alias, unknown_command
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.programs import find_program
from labkit.twin.registry import CmdletSpec, lookup
from labkit.twin.signatures import CmdletSig, signatures
from labkit.twin.version import ps_version_table
from labkit.twin.dotnet_exceptions import make_exception
from labkit.twin.action_preference import action_name, common_action, set_global_preferences
from labkit.twin.attributes import ValidationFailure
from labkit.twin.attributes import validate as validate_value
from labkit.twin.dotnet_values import ArrayList
from labkit.twin import dollar_error
from labkit.twin.category_info import ErrorCategoryInfo
from labkit.twin.script_stack import stack_trace
from labkit.twin.catch_types import escaping_cmdlet, thrown, wrapper_of
from labkit.twin.invocation_command import command_info
from labkit.twin.error_pipes import ErrorPipes, command_lists, own_list as own_error_list, stop_exception
from labkit.twin.regex_values import RegexValue, matches_table, net_replacement, with_evaluators
from labkit.twin.split_operator import split_operator, unary_split
from labkit.twin.environment import lookup as env_lookup
from labkit.twin.automatic import automatic_variables
from labkit.twin.console_host import InternalHost, set_console_property
from labkit.twin.cultures import en_us
from labkit.twin.automation_null import AUTOMATION_NULL, as_null, result_of
from labkit.twin import automation_null
from labkit.twin.variables import check_assignable, constrain, constrained_value
from labkit.twin.catch_types import matching_catch
from labkit.twin import dotted_locals, function_scopes, scope_options, script_files
from labkit.twin import pipeline_stream
from labkit.twin.pipeline_variable import PipelineVariable
from labkit.twin.input_enumerator import InputEnumerator
from labkit.twin.type_ops import cast_expression, static_access, static_call, type_literal, type_operator
from labkit.twin.values import (
    PSHashtable,
    PSRuntimeError,
    ScriptBlock,
    add,
    as_list,
    canonical_type,
    collapse,
    compare,
    convert,
    bitwise,
    bnot,
    divide,
    enumerate_value,
    equals,
    increment,
    like,
    modulo,
    multiply,
    negate,
    regex_for,
    relational,
    subtract,
    to_bool,
    to_number,
    to_string,
    type_of,
    unary_plus,
)

# Built-in aliases of Windows PowerShell that scripts commonly use.
ALIASES = {
    "%": "ForEach-Object", "foreach": "ForEach-Object", "?": "Where-Object", "where": "Where-Object",
    "select": "Select-Object", "sort": "Sort-Object", "measure": "Measure-Object", "group": "Group-Object",
    "ft": "Format-Table", "fl": "Format-List", "echo": "Write-Output", "write": "Write-Output", "sleep": "Start-Sleep",
    "gsv": "Get-Service", "iex": "Invoke-Expression", "gwmi": "Get-WmiObject", "gcim": "Get-CimInstance", "oh": "Out-Host",
}

ERROR_CATEGORIES = [
    "NotSpecified", "OpenError", "CloseError", "DeviceError", "DeadlockDetected", "InvalidArgument", "InvalidData",
    "InvalidOperation", "InvalidResult", "InvalidType", "MetadataError", "NotImplemented", "NotInstalled",
    "ObjectNotFound", "OperationStopped", "OperationTimeout", "SyntaxError", "ParserError", "PermissionDenied",
    "ResourceBusy", "ResourceExists", "ResourceUnavailable", "ReadError", "WriteError", "FromStdErr", "SecurityError",
    "ProtocolError", "ConnectionError", "AuthenticationError", "LimitsExceeded", "QuotaExceeded", "NotEnabled",
]

ACTIONS = ("continue", "stop", "silentlycontinue", "ignore", "inquire", "suspend", "break")


@dataclass
class ErrorRecordInfo:
    """An error record as Python code sees it (ScriptResult.errors)."""

    message: str
    category: str = "NotSpecified"
    error_id: str = ""
    target: Any = None
    script_line: int = 0
    column: int = 0
    terminating: bool = False
    command: str = ""
    line_text: str = ""
    exception_type: str = ""
    category_info: str = ""     # ErrorCategoryInfo as 5.1 prints it: "ObjectNotFound: (X:String) [Get-VM], VirtualizationException"
    position: str | None = None  # InvocationInfo.PositionMessage: "At line:1 char:1", the line, "+ ~~~~" ("": none)
    category_view: bool = False  # $ErrorView = 'CategoryView': the error prints as its CategoryInfo alone

    def __str__(self) -> str:
        return self.message


@dataclass
class Progress:
    activity: str
    status: str = ""
    percent: int = -1


class PSError(Exception):
    """A terminating error travelling up to a try/catch or to the script's end."""

    def __init__(self, record: PSObject, info: ErrorRecordInfo, script_terminating: bool = False):
        self.record, self.info, self.script_terminating = record, info, script_terminating
        super().__init__(info.message)


class _Break(Exception):
    def __init__(self, label: str = ""):
        self.label = label      # `break outer` (about_Break); "" for the innermost loop or switch


class _Continue(Exception):
    def __init__(self, label: str = ""):
        self.label = label


def ends_loop(st: Any, turn: Callable[[], None]) -> bool:
    """Runs one turn of the loop or switch ``st``: True when a ``break`` meant for ``st`` ends it.
    ``continue`` ends only the turn; a labelled break / continue that names another (outer) loop
    goes on up to it (about_Break, about_Continue)."""
    try:
        turn()
    except (_Break, _Continue) as e:
        if e.label and e.label != st.label:
            raise
        return isinstance(e, _Break)
    return False


class _Return(Exception):
    def __init__(self, value: list[Any]):
        self.value = value


class _Exit(Exception):
    def __init__(self, code: int):
        self.code = code
        self.pending: list[Any] = []   # what the functions it left wrote before `exit`: the script's output still


def remember_case(scope: "Scope", display: str) -> None:
    """Keep the case a variable is created with: 5.1's PSVariable keeps its name as first written."""
    if scope.names is None:
        scope.names = {}
    scope.names[display.lower()] = display


class Scope:
    __slots__ = ("vars", "parent", "options", "types", "strict", "descriptions", "functions", "aliases", "names", "flags")

    def __init__(self, parent: "Scope | None" = None):
        self.vars: dict[str, Any] = {}
        self.parent = parent
        self.options: dict[str, str] | None = None   # ReadOnly / Constant variables of this scope (labkit.twin.variables)
        self.types: dict[str, Any] | None = None     # type-constrained variables ([int]$x = 1): name -> PSType
        self.strict: float | None = None             # Set-StrictMode's version set in this scope (labkit.twin.strict_mode)
        self.descriptions: dict[str, str] | None = None   # -Description of New-/Set-Variable (labkit.twin.modules.variables)
        self.functions: dict[str, Any] | None = None  # functions defined in this scope (labkit.twin.function_scopes)
        self.aliases: dict[str, Any] | None = None   # Set-Alias / New-Alias made in this scope (labkit.twin.aliases)
        self.names: dict[str, str] | None = None     # the case each variable was created with (Get-Variable shows it)
        self.flags: dict[str, int] | None = None     # Private / AllScope variables of this scope (labkit.twin.scope_options)

    def lookup(self, name: str, current: "Scope | None" = None) -> Any:
        v = self.lookup_raw(name, current)
        return None if v is AUTOMATION_NULL else v

    def lookup_raw(self, name: str, current: "Scope | None" = None) -> Any:
        """The variable's value as stored: AutomationNull.Value stays itself (labkit.twin.automation_null).
        A private variable is seen only from its own scope (``current``, the scope the lookup starts at by default)."""
        s: Scope | None = self
        me = self if current is None else current
        while s is not None:
            if name in s.vars and (s is me or not s.flags or not s.flags.get(name, 0) & scope_options.PRIVATE):
                return s.vars[name]
            s = s.parent
        return MISSING


def make_error_record(message: str, category: str = "NotSpecified", error_id: str = "", target: Any = None, *,
                      command: str = "", line: int = 0, col: int = 0, line_text: str = "",
                      exception_type: str = "System.Management.Automation.RuntimeException",
                      length: int = 0, activity: str | None = None, qualifier: str | None = None,
                      invocation_name: str = "") -> tuple[PSObject, ErrorRecordInfo]:
    """An ErrorRecord as 5.1 builds it; ``length`` is how much of the line the ``+ ~~~`` marks (0: to its end),
    ``activity`` what CategoryInfo shows in brackets (default: the command)."""
    if category not in ERROR_CATEGORIES:
        category = "NotSpecified"
    activity = command if activity is None else activity
    fqid = qualified_id(error_id or default_error_id(activity, exception_type), activity if qualifier is None else qualifier)
    exc = PSObject(exception_types(exception_type), {"Message": message, "HResult": -2146233087, "InnerException": None},
                   tostring=message)
    target_name = to_string(target) if target is not None else ""
    reason = exception_type.rsplit(".", 1)[-1]
    # TargetType is the target's type's short name (ErrorCategoryInfo.TargetType: TargetObject.GetType().Name)
    cat = ErrorCategoryInfo(PSEnum("System.Management.Automation.ErrorCategory", category, ERROR_CATEGORIES.index(category)),
                            activity, reason, target_name, type_of(target).rsplit(".", 1)[-1] if target is not None else "")
    category_info = str(cat)
    position = position_message(line, col, line_text, length)
    inv = PSObject("System.Management.Automation.InvocationInfo", {
        "ScriptLineNumber": line, "OffsetInLine": col, "Line": line_text, "MyCommand": command_info(command),
        "PositionMessage": position, "InvocationName": invocation_name or command,
        "ScriptName": "", "PSScriptRoot": "", "PSCommandPath": None, "DisplayScriptPosition": None})   # text from no file
    record = PSObject("System.Management.Automation.ErrorRecord", {
        "Exception": exc, "TargetObject": target, "CategoryInfo": cat, "FullyQualifiedErrorId": fqid,
        "ErrorDetails": None, "InvocationInfo": inv, "ScriptStackTrace": f"at <ScriptBlock>, <No file>: line {line}"},
        tostring=message)
    # 5.1 names the command as the script wrote it before the message ("remove-ClusterNode : ..."),
    # the command itself in CategoryInfo ("[Remove-ClusterNode]")
    info = ErrorRecordInfo(message, category, fqid, target, line, col, False, (invocation_name or command) if command else "",
                           line_text.strip(), exception_type, category_info, position)
    return record, info


class CmdletContext:
    """What an emulated cmdlet sees (registry.Context), plus the engine for core cmdlets."""

    def __init__(self, engine: "Interpreter", command: S.Command, name: str, common: dict[str, Any]):
        self.engine = engine
        self.command = command
        self.name = name
        self.common = common
        self.world = engine.world
        self.host = engine.host
        self.lab = engine.lab
        self.state_dir = engine.state_dir
        self.scope = engine.scope      # where its script blocks run, whichever command reads its output

    def advance(self, seconds: float) -> None:
        self.engine.world.advance(seconds)

    def now(self) -> datetime:
        return self.engine.now()

    def warning(self, text: str) -> None:
        action = str(self.common.get("WarningAction") or self.engine.pref("warningpreference", "Continue")).lower()
        if action != "ignore":
            # -WarningVariable keeps even the warnings SilentlyContinue hides (about_CommonParameters)
            record = script_binding.add_warning(self.engine.scope, self.common, text)
            # the callers' -WarningVariable, by the pipe rule of -ErrorVariable (labkit.twin.error_pipes)
            self.engine.error_pipes.append(self.engine.error_pipes.lists_of(self.command, "Warning"), record)
        if action in ("silentlycontinue", "ignore"):
            return
        if action == "inquire":
            # about_Preference_Variables (5.1): Inquire "displays the warning message and prompts you for permission"
            raise NotEmulated(self.name, f"the warning prompt of -WarningAction / $WarningPreference Inquire (the warning was: {text})")
        if action == "stop":
            self.engine.terminate_stop(f"The running command stopped because the preference variable \"WarningPreference\" or common parameter is set to Stop: {text}",
                                       self.command, self.name)
        self.engine.warnings.append(text)

    def error(self, message: str, category: str = "InvalidOperation", target: Any = None, error_id: str = "",
              exception_type: str = "", adjust: Callable[[PSObject, ErrorRecordInfo], None] | None = None) -> None:
        """A non-terminating error; its exception is the module's own type unless ``exception_type`` says;
        ``adjust`` changes the record before it is written (Write-Error's parameters)."""
        if self.name == "Write-Error":
            # 5.1 reports Write-Error's record as its caller's: "f : boom" and the call of f, or at the top of
            # the script the script's text and no position (about_Preference_Variables, 5.1: "Write-Error
            # -Message  'Test Error' ; Write-Host 'Hello World' : Test Error"); the id is qualified by the function
            caller = next((c for c in reversed(self.engine.calls) if c[0] != "ScriptBlock"), None)
            # the id is qualified by $MyInvocation.MyCommand.Name where Write-Error runs: none in a script block (& {...})
            innermost = self.engine.calls[-1][0] if self.engine.calls else ""
            self.engine.write_error(message, category, error_id, target, self.command, self.name, self.common,
                                    exception_type or "Microsoft.PowerShell.Commands.WriteErrorException",
                                    qualifier=caller[0] if caller and innermost != "ScriptBlock" else "",
                                    caller=caller or ("\n".join(self.engine.source_lines).strip(), None), adjust=adjust)
            return
        self.engine.write_error(message, category, error_id, target, self.command, self.name, self.common,
                                exception_type or exception_for(self.name, category, error_id))

    def verbose(self, text: str) -> None:
        # -Verbose (Continue; -Verbose:$false SilentlyContinue) or $VerbosePreference (about_Preference_Variables, 5.1:
        # Stop "displays the verbose message and an error message and then stops", Inquire asks: refused)
        if "Verbose" in self.common:
            action = "continue" if to_bool(self.common["Verbose"]) else "silentlycontinue"
        else:
            action = str(self.engine.pref("verbosepreference", "SilentlyContinue")).lower()
        if action in ("silentlycontinue", "ignore"):
            return
        if action not in ("continue", "stop"):
            raise NotEmulated(self.name, f"a verbose message with $VerbosePreference {action} (the message was: {text})")
        self.engine.verbose.append(text)
        if action == "stop":
            self.engine.terminate_stop("The running command stopped because the preference variable \"VerbosePreference\" or "
                                       f"common parameter is set to Stop: {text}", self.command, self.name)

    def host_write(self, text: str) -> None:
        self.engine.host_output.append(text)

    def progress(self, activity: str, status: str = "", percent: int = -1) -> None:
        self.engine.progress.append(Progress(activity, status, percent))

    def invoke(self, block: ScriptBlock, item: Any = NO_ITEM, args: list[Any] | None = None,
               out: list[Any] | None = None) -> list[Any]:
        """Run a script block with ``$_`` = item (dot-sourced, as Where-Object / ForEach-Object do), in the scope the
        cmdlet runs in; the errors it writes are the cmdlet's, so ``% { Write-Error x } 2>$null`` discards them."""
        saved, self.engine.scope = self.engine.scope, self.scope
        try:
            own = command_lists(self.engine.scope, self.common)   # -ErrorVariable of ForEach-Object ... (labkit.twin.error_pipes)
            with self.engine.error_pipes.function(self.command, own), escaping_cmdlet():   # labkit.twin.catch_types
                if not self.command.redirect_errors:
                    return self.engine.invoke_block(block, item, args or [], new_scope=False, out=out)
                self.engine.discarding_errors += 1
                try:
                    return self.engine.invoke_block(block, item, args or [], new_scope=False, out=out)
                finally:
                    self.engine.discarding_errors -= 1
        finally:
            self.engine.scope = saved


def _null_index() -> PSRuntimeError:
    """``$a[$null]``, read or assigned, on any value: PowerShell's index binders refuse a lone null index
    (Binders.cs, ParserStrings.resx NullArrayIndex)."""
    return PSRuntimeError("Index operation failed; the array index evaluated to null.", "InvalidOperation", "NullArrayIndex")


def _indexable(obj: Any) -> bool:
    """A value PowerShell's GetIndex binder indexes (the others: labkit.twin.non_indexable)."""
    return hasattr(obj, "index_by_key") or isinstance(obj, (list, str, PSHashtable))


class Interpreter:
    def __init__(self, world: Any, host: str, lab: Any, source: str = "", state_dir: Path | None = None):
        self.world, self.host, self.lab = world, host, lab
        self.state_dir = state_dir   # where files the cmdlets write land (Test-Cluster's report)
        self.source_lines = source.splitlines()
        self.global_scope = Scope()
        self.scope = self.global_scope
        self.script_scope = self.global_scope
        self.aliases: dict[str, str] = {}     # New-Alias / Set-Alias: lower-case name -> command (labkit.twin.modules.core)
        self.errors: list[ErrorRecordInfo] = []
        self.error_var: list[Any] = ArrayList()   # $Error: newest first
        self.warnings: list[str] = []
        self.verbose: list[str] = []
        self.debug: list[str] = []      # the debug stream's messages (labkit.twin.debug_stream)
        self.unshown_errors: set[int] = set()   # ids of $Error records kept off the error stream (SilentlyContinue, 2>$null)
        self.host_output: list[str] = []
        self.progress: list[Progress] = []
        self.try_depth = 0
        self.calls: list[tuple[str, S.Command]] = []   # the functions running, with the command that called each
        self.script_path = ""    # the script file running (labkit.twin.script_files), "" for the script text itself
        self.source_frames: dict[int, tuple[list[str], str]] = {}   # id(call of a script file) -> the caller's (lines, path)
        self.statements = 0
        self.call_depth = 0      # nested function / script-block calls (labkit.twin.callstack)
        self.user_types: dict[str, Any] = {}   # enums and classes the script defines (labkit.twin.usertypes)
        self.type_undo: list[tuple[str, Any]] = []   # types a call's body defined over others (UT.define_nested)
        self.capture_out: list[Any] | None = None   # the output list the next block_stream writes to (redirection)
        self.error_pipes = ErrorPipes()     # which -ErrorVariable lists an error reaches (labkit.twin.error_pipes)
        self.discarding_errors = 0     # inside a script block a `2>$null` cmdlet runs (CmdletContext.invoke)
        self.information: list[Any] = []   # every InformationRecord written, shown or not (labkit.twin.information_records)
        g = self.global_scope.vars
        g["error"] = self.error_var
        g["maximumerrorcount"] = dollar_error.DEFAULT_MAXIMUM
        # about_Preference_Variables (5.1): their defaults, ActionPreference-typed (labkit.twin.action_preference)
        set_global_preferences(self.global_scope)
        g["confirmpreference"] = "High"
        g["whatifpreference"] = False
        g["errorview"] = "NormalView"
        g["formatenumerationlimit"] = 4   # about_Preference_Variables: the items of a collection a format shows
        g["psdefaultparametervalues"] = PSHashtable()   # empty, a DefaultParameterDictionary in 5.1 (labkit.twin.default_parameter_values)
        g["?"] = True
        # $^ and $$: the first and last token of the last line the session received before this one (about_Automatic_Variables,
        # https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_automatic_variables?view=powershell-5.1);
        # set as each input is parsed (Parser.SetPreviousFirstLastToken), so $null in a session's first input, which a twin run is
        g["^"] = None
        g["$"] = None
        g["psversiontable"] = ps_version_table(self._os_version())
        g["pwd"] = path_info(HOME)      # $PWD: the PathInfo of the current location (labkit.twin.locations)
        g["home"] = "C:\\Users\\Administrator"
        automatic_variables(g, host, source)
        g["host"] = InternalHost(self, g["psversiontable"]["PSVersion"], en_us())

    @property
    def error_pipe_stack(self) -> list[Any]:
        """The -ErrorVariable pipes of the functions running (labkit.twin.error_pipes), a stage's own while it runs."""
        return self.error_pipes._stack

    @error_pipe_stack.setter
    def error_pipe_stack(self, stack: list[Any]) -> None:
        self.error_pipes._stack = stack

    @property
    def functions(self) -> dict[str, S.FunctionDef]:
        """Every function the current scope sees, by lower-case name (labkit.twin.function_scopes)."""
        return function_scopes.visible(self)

    def _os_version(self) -> str:
        try:
            return str(self.world.host(self.host).os_version)
        except (AttributeError, KeyError, LookupError):
            return "2022"

    # -- entry points ---------------------------------------------------------------------
    def now(self) -> datetime:
        return lab_time(self.world.clock)

    def run(self, script: S.Script, args: dict[str, Any] | None = None, *, in_global: bool = False) -> tuple[list[Any], bool]:
        """Run a script with Python ``args`` bound to its param() block; (output, ok).  ``in_global``:
        in the global scope itself, as a runspace runs the scripts of PowerShell.AddScript(text)."""
        token = USING_NAMESPACES.set(script.namespaces)   # its `using namespace` statements (about_Using)
        user = USER_TYPES.set(self.user_types)              # its classes and enums, by name in composite types
        engine = MEMBER_ENGINE.set(self)                     # script properties and methods run here (labkit.twin.member_kinds)
        try:
            return self._run_script(script, args, in_global)
        finally:
            MEMBER_ENGINE.reset(engine)
            USER_TYPES.reset(user)
            USING_NAMESPACES.reset(token)

    def _run_script(self, script: S.Script, args: dict[str, Any] | None, in_global: bool = False) -> tuple[list[Any], bool]:
        out: list[Any] = []
        self.scope = self.script_scope = self.global_scope if in_global else Scope(self.global_scope)
        try:
            names = {p.name.lower(): p for p in script.params}
            items = []
            for k, v in (args or {}).items():
                if k.lower() not in names:
                    known = ", ".join(f"-{p.name}" for p in script.params) or "none"
                    raise B.BindingError(
                        f"A parameter cannot be found that matches parameter name '{k}'. The script's parameters: {known}.",
                        "NamedParameterNotFound")
                items.append(B.Item(k, from_python(v), f"-{k}"))
            self.bind_script_params(script, items, None, "script")
            UT.hoist(self, script)
            self.exec_script_body(script, out, None)
        except _Return as r:
            out.extend(r.value)
        except _Exit as e:
            out.extend(e.pending)
            return out, e.code == 0
        except (_Break, _Continue):
            pass
        except RecursionError:
            # Python's stack ran out before CALL_DEPTH_LIMIT (deeply nested expressions in deep calls).
            record, info = make_error_record(CALL_DEPTH_MESSAGE, "InvalidOperation", "CallDepthOverflow", 0, line=script.line,
                                             col=1, exception_type="System.Management.Automation.ScriptCallDepthException")
            info.terminating = True
            self.errors.append(info)
            self.add_error(record)
            return out, False
        except PSError as e:
            e.info.terminating = True
            self.errors.append(e.info)
            self.add_error(e.record)
            return out, False
        except CmdletError as e:
            _, info = make_error_record(str(e), e.category, e.error_id, e.target, line=script.line, col=1)
            info.terminating = True
            self.errors.append(info)
            return out, False
        return out, True

    # -- preferences and errors -------------------------------------------------------------
    def get_var(self, name: str) -> Any:
        if name.startswith("env:"):
            return self.env_var(name)
        if name.startswith(function_scopes.DRIVE_PREFIX):
            return function_scopes.read_variable(self, name[len(function_scopes.DRIVE_PREFIX):])
        v = self.scope.lookup(name)
        return None if v is MISSING else v

    def env_var(self, name: str) -> Any:
        """$env:NAME: what the script set (process-wide, so in the global scope; None once removed), else the host's
        environment (labkit.twin.environment)."""
        v = self.global_scope.vars.get(name, MISSING)
        if v is not MISSING:
            return v
        return env_lookup(self.world, self.world.host(self.host), name[4:])

    def set_var(self, name: str, value: Any, display: str = "") -> None:
        if value is AUTOMATION_NULL and (name.startswith("env:") or (self.scope.types and name in self.scope.types)):
            value = None       # [int]$x = & {} converts $null; $env:X = & {} removes X
        if name.startswith("env:"):
            # Environment variables are the process's, whatever the scope; they hold strings, and $null or ''
            # removes one (about_Environment_Variables).
            self.global_scope.vars[name] = None if value is None or to_string(value) == "" else to_string(value)
            return
        if name.startswith(function_scopes.DRIVE_PREFIX):
            function_scopes.assign_variable(self, name[len(function_scopes.DRIVE_PREFIX):], value)
            return
        if name not in self.scope.vars and self.scope.parent is not None:
            owner = scope_options.allscope_owner(self.scope, name)   # an AllScope variable is shared with new scopes
            if owner is not None:
                saved, self.scope = self.scope, owner
                try:
                    return self.set_var(name, value, display)
                finally:
                    self.scope = saved
        check_assignable(self.scope, name, display or name)
        types = self.scope.types
        if types and name in types:
            value = constrained_value(types[name], value)   # [int]$x keeps converting what is assigned to it
        if name not in self.scope.vars and display and display != name and display.lower() == name:
            remember_case(self.scope, display)
        self.scope.vars[name] = value

    def named_scope(self, which: str) -> Scope:
        """$global:x, $script:x, $local:x / $private:x (about_Scopes)."""
        if which == "global":
            return self.global_scope
        if which == "script":
            return self.script_scope
        return self.scope

    def pref(self, name: str, default: str) -> Any:
        v = self.scope.lookup(name)
        return default if v is MISSING or v is None else v

    def line_text(self, line: int) -> str:
        return self.source_lines[line - 1].strip() if 0 < line <= len(self.source_lines) else ""

    def record_for(self, message: str, category: str, error_id: str, target: Any, node: Any, command: str = "",
                   exception_type: str = "System.Management.Automation.RuntimeException",
                   activity: str | None = None, qualifier: str | None = None) -> tuple[PSObject, ErrorRecordInfo]:
        line = getattr(node, "line", 0)
        col = getattr(node, "col", 0)
        lines, path = self.source_frames.get(id(node), (self.source_lines, self.script_path))   # a script file's caller
        raw = lines[line - 1].rstrip() if 0 < line <= len(lines) else ""
        length = 0
        typed = ""                # the command as the script wrote it
        if type(node) is S.Command:
            typed = node.name if isinstance(node.name, str) else ""
            # the + ~~~ line marks the command (for a name nobody knows: the name only; for a parameter it
            # cannot bind: that parameter), as 5.1 does
            extent = typed if (error_id == "CommandNotFoundException" and typed) else node.text.split("\n", 1)[0].rstrip()
            length = len(extent)
            param = _PARAM_IN_MESSAGE.search(message) if error_id in _PARAM_ERRORS else None
            if param:
                wanted = param.group(1).lower()
                elements = list(node.elements)
                for i, el in enumerate(elements):
                    if type(el) is S.CmdParam and el.line == line and el.name and wanted.startswith(el.name.lower()):
                        col, length = el.col, len(el.text)
                        if error_id not in ("NamedParameterNotFound", "MissingArgument") and i + 1 < len(elements) \
                                and not el.colon and getattr(elements[i + 1], "line", 0) == line:
                            # a value it cannot validate or convert: 5.1 marks the argument
                            col = getattr(elements[i + 1], "col", col)
                            length = _token_length(raw, col)
                        break
        made = make_error_record(message, category, error_id, target, command=command, line=line, col=col,
                                 line_text=raw, exception_type=exception_type, length=length, activity=activity,
                                 qualifier=qualifier, invocation_name=typed)
        if made[1].command and getattr(command, "path", None):
            made[1].command = command.path     # a script file's error: its path before the message
        trace = stack_trace(self.calls, line) if not path else None     # the calls that led here (labkit.twin.script_stack)
        if trace is not None:
            made[0].set("ScriptStackTrace", trace)
        return script_files.positioned_in_file(*made, path) if path else made

    def write_error(self, message: str, category: str, error_id: str, target: Any, node: Any, command: str,
                    common: dict[str, Any], exception_type: str = "Microsoft.PowerShell.Commands.WriteErrorException",
                    qualifier: str | None = None, caller: tuple[str, Any] | None = None,
                    adjust: Callable[[PSObject, ErrorRecordInfo], None] | None = None) -> None:
        """A non-terminating error, handled per -ErrorAction / $ErrorActionPreference; ``caller`` (name, call
        command or None) is who the record names for Write-Error."""
        record, info = self.record_for(message, category, error_id, target, node, command, exception_type, qualifier=qualifier)
        if adjust is not None:
            adjust(record, info)
        self.statement_failed = True
        given = common.get("ErrorAction")
        action = str(given or self.pref("erroractionpreference", "Continue")).lower()
        if action not in ACTIONS:
            action = action_name(given if given is not None else self.pref("erroractionpreference", "Continue")).lower()
        if given is None and action in ("ignore", "suspend"):
            # 5.1 takes Ignore only as -ErrorAction; as $ErrorActionPreference it says so and acts as Continue
            self.errors.append(ErrorRecordInfo(
                f"The value {action.capitalize()} is not supported for an ActionPreference variable. The provided value should "
                "be used only as a value for a preference parameter, and has been replaced by the default value. For more "
                "information, see the Help topic, \"about_Preference_Variables.\"", "InvalidArgument", "NotSupported", None,
                info.script_line, info.column, False, command, info.line_text))
            action = "continue"
        if action == "ignore":
            return      # Ignore leaves no trace, not even in -ErrorVariable (MshCommandRuntime._WriteErrorSkipAllowCheck)
        if action == "inquire":
            # about_Preference_Variables (5.1): Inquire "displays the error message and asks you whether you want to
            # continue": a prompt the twin cannot answer
            raise NotEmulated(command or "the command", "the error prompt of -ErrorAction / $ErrorActionPreference Inquire "
                              f"(the error was: {message})")
        # with Stop, the variables get the ActionPreferenceStopException that wraps the record
        kept = stop_exception(record) if action == "stop" else record
        ev = common.get("ErrorVariable")
        if ev:
            scope, name = script_binding._target(self.scope, to_string(ev).lstrip("+").lower())
            existing = scope.lookup(name)
            lst = existing if isinstance(existing, list) else ArrayList(as_list(existing))
            lst.append(kept)
            scope.vars[name] = lst
        self.error_pipes.append(self.error_pipes.lists_of(node), kept)   # the callers' -ErrorVariable (labkit.twin.error_pipes)
        if caller is not None:
            info.command = getattr(caller[0], "path", caller[0])   # a script file: its path (the error view's prefix)
            if action != "stop":     # stopped, 5.1 shows where Write-Error ran; else where the caller was called
                call = caller[1]
                info.position = self.record_for("", "NotSpecified", "", None, call, caller[0])[1].position if call is not None else ""
            inv = record.get("InvocationInfo")
            inv.set("InvocationName", caller[0])
            # Write-Error's record carries its caller's invocation: the function's, or the script's (no name) at the top
            in_block = bool(self.calls) and self.calls[-1][0] == "ScriptBlock"    # & { }: a script block's, no name
            inv.set("MyCommand", command_info(caller[0]) if caller[1] is not None and not in_block else None)
            inv.set("PositionMessage", info.position)
        self.add_error(record)
        if action == "stop":
            info.preference_stop = True    # type: ignore[attr-defined]  (a .NET caller sees an ActionPreferenceStopException)
            raise PSError(record, info, script_terminating=True)
        if action == "silentlycontinue" or getattr(node, "redirect_errors", False) or self.discarding_errors or \
                any(getattr(c, "redirect_errors", False) for _, c in self.calls):    # f 2>$null: f's errors too
            self.unshown_errors.add(id(record))
            return
        self.errors.append(info)

    def add_error(self, obj: Any) -> None:
        """Into $Error, once (labkit.twin.dollar_error)."""
        dollar_error.append(self.error_var, obj, self.get_var("maximumerrorcount"))

    def terminate_stop(self, message: str, node: Any, command: str) -> None:
        record, info = self.record_for(message, "OperationStopped", "ActionPreferenceStop", None, node, command)
        raise PSError(record, info, script_terminating=True)

    # -- script blocks ------------------------------------------------------------------------
    def bind_script_params(self, script: S.Script, items: list[B.Item], pipeline_obj: Any, name: str, *,
                           node: Any = None, expect_input: bool = False) -> B.Bound:
        return script_binding.bind(self, script, items, pipeline_obj, name, node=node, expect_input=expect_input)

    def validate(self, p: S.Param, kind: str, vals: list[Any], value: Any, given: bool) -> None:
        """One validation attribute with literal arguments on ``value`` (class properties use it);
        a failure is a BindingError with 5.1's text."""
        if not given:
            return
        try:
            validate_value(kind, vals, {}, value, lambda block, item: self.invoke_block(block, item))
        except ValidationFailure as f:
            raise B.BindingError(f"Cannot validate argument on parameter '{p.name}'. {f.reason}", f.error_id) from None

    def exec_script_body(self, script: S.Script, out: list[Any], inputs: Iterable[Any] | None, bound: B.Bound | None = None) -> None:
        if script.begin or script.process or script.end:
            if script.begin:
                self.scope.vars["input"] = InputEnumerator()     # nothing has come down the pipeline yet
                function_stage._named_block(self, script.begin, out)   # return ends this block's run only
            if script.process:
                for i, item in enumerate(inputs if inputs is not None else [None]):
                    self.scope.vars["_"] = item
                    self.scope.vars["input"] = InputEnumerator([item] if inputs is not None else [], in_process=True)
                    if bound is not None and inputs is not None and (i > 0 or getattr(bound, "first_error", None)) \
                            and not self._rebind(script, bound, item):
                        continue
                    function_stage._named_block(self, script.process, out)
            if script.end:
                if not script.process and bound is not None and inputs is not None:
                    inputs = list(inputs)
                    for item in inputs:     # bound object by object as 5.1 does; end sees the last one
                        self._rebind(script, bound, item)
                # $input in end: what process did not take (all of it when there is no process block)
                self.scope.vars["input"] = InputEnumerator([] if script.process else list(inputs or []))
                function_stage._named_block(self, script.end, out)
            return
        if inputs is not None:
            inputs = list(inputs)
            self.scope.vars["input"] = InputEnumerator(inputs)
            if bound is not None and len(inputs) > 1:
                self._rebind(script, bound, inputs[-1])   # without a process block the body sees the last object bound
        else:
            self.scope.vars["input"] = InputEnumerator()     # no pipeline input: $input enumerates nothing (about_Automatic_Variables)
        self.exec_block(script.body, out)

    def _rebind(self, script: S.Script, bound: B.Bound, item: Any) -> bool:
        """Bind the next pipeline object to the function's pipeline parameters (a failure is a non-terminating error)."""
        try:
            return script_binding.rebind_item(self, script, bound, item, "")
        except B.BindingError as e:
            self.write_error(str(e), e.category, e.error_id, item, None, bound.sig.name, {},
                             "System.Management.Automation.ParameterBindingException")
            return False

    def invoke_block(self, block: ScriptBlock, item: Any = NO_ITEM, args: list[Any] | None = None, *,
                     new_scope: bool = True, items: list[B.Item] | None = None, out: list[Any] | None = None) -> list[Any]:
        """Run a script block; ``$_`` = item when given; its output into ``out`` (a new list by default)."""
        out = [] if out is None else out
        saved = self.scope
        if new_scope:
            self.scope = Scope(saved)
        old_item = self.scope.vars.get("_", MISSING) if not new_scope else MISSING
        try:
            if item is not NO_ITEM:
                self.scope.vars["_"] = item
            if block.script.has_param_block or items or args:
                bitems = items if items is not None else [B.Item(None, a) for a in (args or [])]
                self.bind_script_params(block.script, bitems, item, "ScriptBlock")
            elif new_scope:
                self.scope.vars["args"] = []
            self.nested_call(None, self.exec_script_body, block.script, out, None)
        except _Return as r:
            out.extend(r.value)
        finally:
            if not new_scope and item is not NO_ITEM:
                if old_item is MISSING:
                    self.scope.vars.pop("_", None)
                else:
                    self.scope.vars["_"] = old_item
            self.scope = saved
        return out

    def nested_call(self, node: Any, fn: Any, *args: Any) -> Any:
        """``fn(*args)`` one call deeper: ScriptCallDepthException past the limit, a fresh
        Python stack when this one is deep (labkit.twin.callstack)."""
        depth = self.call_depth + 1
        if depth > CALL_DEPTH_LIMIT:
            record, info = self.record_for(CALL_DEPTH_MESSAGE, "InvalidOperation", "CallDepthOverflow", 0, node,
                                           exception_type="System.Management.Automation.ScriptCallDepthException")
            raise PSError(record, info)
        self.call_depth = depth
        mark = len(self.type_undo)
        try:
            if depth <= 2 or not stack_is_deep():      # the first calls always fit: no need to look
                return fn(*args)
            return on_fresh_stack(fn, *args)
        finally:
            self.call_depth = depth - 1
            if len(self.type_undo) > mark:
                UT.undo_types(self, mark)

    # -- statements -----------------------------------------------------------------------------
    def exec_block(self, block: S.Block, out: list[Any]) -> None:
        if block.traps:
            run_trapped(self, block, out)
            return
        for st in block.statements:
            self.exec_statement(st, out)

    def exec_statement(self, st: Any, out: list[Any]) -> None:
        self.statements += 1
        limits.tick(getattr(st, "line", 0))
        self.statement_failed = False
        try:
            self._exec(st, out)
            self.global_scope.vars["?"] = not self.statement_failed
        except PSError as e:
            self.global_scope.vars["?"] = False
            if e.script_terminating or self.try_depth > 0:
                raise
            if str(self.pref("erroractionpreference", "Continue")).lower() == "stop":
                e.script_terminating = True
                raise
            e.info.terminating = True
            self.add_error(e.record)
            self.error_pipes.append(self.error_pipes.statement_lists(), e.record)
            self.errors.append(e.info)
        except (CmdletError, PSRuntimeError) as e:
            self.global_scope.vars["?"] = False
            err = self.to_pserror(e, st)
            if self.try_depth > 0 or str(self.pref("erroractionpreference", "Continue")).lower() == "stop":
                if str(self.pref("erroractionpreference", "Continue")).lower() == "stop":
                    err.script_terminating = True
                raise err from None
            err.info.terminating = True
            self.add_error(err.record)
            self.error_pipes.append(self.error_pipes.statement_lists(), err.record)
            self.errors.append(err.info)
        except UnsupportedConstruct as e:
            if e.line == 0 and getattr(st, "line", 0) and type(e) is UnsupportedConstruct:
                raise UnsupportedConstruct(e.construct, st.line) from None   # a refusal deep in a value: its statement
            raise

    def to_pserror(self, e: Exception, node: Any) -> PSError:
        if isinstance(e, PSError):
            return e
        command = getattr(e, "command", "") or ""
        node = getattr(e, "node", None) or node
        if isinstance(e, CmdletError):
            exc_type = binding_exception(e.error_id) if isinstance(e, B.BindingError) else \
                "System.NotImplementedException" if isinstance(e, NotEmulated) else \
                getattr(e, "exception_type", "") or exception_for(command, e.category, e.error_id)
            not_found = e.error_id == "CommandNotFoundException"
            # an argument a parameter's validation refuses is InvalidData in 5.1 (ParameterBindingValidationException), and
            # so is one its transformation ([int]$n of a function) cannot convert (ParameterBinderBase: "DATA GENERATION")
            category = "InvalidData" if e.error_id in ("ParameterArgumentValidationError", "ParameterArgumentTransformationError") \
                else e.category
            # 5.1 names the unknown command before the message and shows no activity: "(Get-Foo:String) []"
            record, info = self.record_for(str(e), category, e.error_id, e.target, node,
                                           (to_string(e.target) if not_found else command), exc_type,
                                           activity="" if not_found else None, qualifier="" if not_found else None)
        else:
            record, info = self.record_for(str(e), e.category, e.error_id, getattr(e, "error_target", None), node, command,  # type: ignore[attr-defined]
                                           getattr(e, "exception_type", "System.Management.Automation.RuntimeException"))
            inner = getattr(e, "inner_exception", None)
            if inner:
                # a .NET method's exception: the MethodInvocationException's InnerException carries the method's own text
                record.get("Exception").set("InnerException", make_exception(inner, getattr(e, "inner_message", str(e)),
                                                                             param_name=getattr(e, "inner_param", None)))
        return PSError(record, info)

    def _exec(self, st: Any, out: list[Any]) -> None:
        t = type(st)
        if t is S.Pipeline:
            self.run_pipeline(st, out)
        elif t is S.Assign:
            self.assign(st)
        elif t is S.If:
            for cond, body in st.clauses:
                if to_bool(self.eval_statement_value(cond)):
                    self.exec_block(body, out)
                    return
            if st.else_block is not None:
                self.exec_block(st.else_block, out)
        elif t is S.Foreach:
            iterable = self.eval_statement_value(st.iterable)
            changed = enumeration.guard(iterable)     # Keys/Values of a dictionary the body may change
            items = list(enumerate_value(iterable))
            for guard, item in enumerate(items, 1):
                limits.loop_iteration(guard, st.line)
                self.scope.vars[st.var] = item
                if ends_loop(st, lambda: self.exec_block(st.body, out)):
                    break
                if changed is not None:
                    changed()
        elif t is S.For:
            if st.init is not None:
                self.exec_statement(st.init, [])
            guard = 0
            while st.cond is None or to_bool(self.eval_statement_value(st.cond)):
                guard += 1
                self._loop_guard(guard, st)
                if ends_loop(st, lambda: self.exec_block(st.body, out)):
                    break
                if st.step is not None:
                    self.exec_statement(st.step, [])
        elif t is S.While:
            guard = 0
            first = True
            while True:
                if not (st.do and first):
                    try:
                        c = to_bool(self.eval_statement_value(st.cond))
                    except (CmdletError, PSRuntimeError) as e:
                        raise _tag(e, "", st.cond) from None     # placed at the condition (do { } on the line above)
                    if c == st.until:
                        break
                first = False
                guard += 1
                self._loop_guard(guard, st)
                if ends_loop(st, lambda: self.exec_block(st.body, out)):
                    break
        elif t is S.Switch:
            run_switch(self, st, out)
        elif t is S.EnumDef or t is S.ClassDef:
            UT.define_nested(self, st)
        elif t is S.Try:
            self.exec_try(st, out)
        elif t is S.Flow:
            self.flow(st)
        elif t is S.FunctionDef:
            function_scopes.define(self, st)
        elif t is S.Block:
            self.exec_block(st, out)
        else:
            raise UnsupportedConstruct(type(st).__name__, getattr(st, "line", 0))

    @staticmethod
    def _loop_guard(n: int, st: Any) -> None:
        limits.loop_iteration(n, st.line)

    def exec_try(self, st: S.Try, out: list[Any]) -> None:
        try:
            self.try_depth += 1
            try:
                self.exec_block(st.body, out)
            finally:
                self.try_depth -= 1
        except (PSError, CmdletError, PSRuntimeError) as e:
            err = self.to_pserror(e, st)
            handler = self.matching_catch(st, err)
            if handler is None:
                if st.final is not None:
                    self.exec_block(st.final, out)
                raise err from None
            self.add_error(err.record)
            self.error_pipes.append(self.error_pipes.statement_lists(), err.record)   # a caught error too (get-foo4)
            saved = self.scope.vars.get("_", MISSING)
            self.scope.vars["_"] = err.record
            try:
                self.exec_block(handler.body, out)
            finally:
                if saved is MISSING:
                    self.scope.vars.pop("_", None)
                else:
                    self.scope.vars["_"] = saved
                if st.final is not None:
                    self.exec_block(st.final, out)
            return
        except BaseException:
            if st.final is not None:
                self.exec_block(st.final, out)
            raise
        if st.final is not None:
            self.exec_block(st.final, out)

    @staticmethod
    def matching_catch(st: S.Try, err: PSError) -> S.Catch | None:
        return matching_catch(st, err.record.get("Exception"), wrapper_of(err))

    def flow(self, st: S.Flow) -> None:
        if st.kind == "break":
            raise _Break(to_string(self.eval(st.value)).lower() if st.value is not None else "")
        if st.kind == "continue":
            raise _Continue(to_string(self.eval(st.value)).lower() if st.value is not None else "")
        if st.kind == "return":
            out: list[Any] = []
            if st.value is not None:
                self.run_statement_into(st.value, out)
            raise _Return(out)
        if st.kind == "exit":
            code = int(to_number(self.eval_statement_value(st.value))) if st.value is not None else 0
            raise _Exit(code)
        if st.kind == "throw":
            value = self.eval_statement_value(st.value) if st.value is not None else None
            if value is None and st.value is None:
                current = self.scope.lookup("_")
                if isinstance(current, PSObject) and current.type_name == "System.Management.Automation.ErrorRecord":
                    raise thrown(PSError(current, self._info_of(current, st), script_terminating=True))
            if value is None or value is AUTOMATION_NULL:
                # nothing, $null or no output: ExceptionHandlingOps.ConvertToException's "ScriptHalted", no target (about_Throw)
                record, info = self.record_for("ScriptHalted", "OperationStopped", "ScriptHalted", None, st)
                raise thrown(PSError(record, info, script_terminating=True))
            if isinstance(value, PSObject) and value.type_name == "System.Management.Automation.ErrorRecord":
                raise thrown(PSError(value, self._info_of(value, st), script_terminating=True))
            if isinstance(value, PSObject) and "System.Exception" in value.type_names:
                # throw <exception>: ErrorRecord(exception, errorId = its message, OperationStopped)
                message = to_string(value.get("Message"))
                record, info = self.record_for(message, "OperationStopped", message, None, st, exception_type=value.type_name)
                record.set("Exception", value)
                raise thrown(PSError(record, info, script_terminating=True))
            message = to_string(value)
            record, info = self.record_for(message, "OperationStopped", message, value, st)
            record.set("FullyQualifiedErrorId", message)
            info.error_id = message
            raise thrown(PSError(record, info, script_terminating=True))
        raise UnsupportedConstruct(f"{st.kind} statement", st.line)

    def _info_of(self, record: PSObject, st: Any) -> ErrorRecordInfo:
        cat = record.get("CategoryInfo")
        inv = record.get("InvocationInfo")
        exc = record.get("Exception")
        has_inv = isinstance(inv, PSObject)
        # the record as it displays (5.1's error view): its own CategoryInfo and position, the command as invoked
        return ErrorRecordInfo(to_string(record), str(cat.get("Category")) if isinstance(cat, PSObject) else "NotSpecified",
                               to_string(record.get("FullyQualifiedErrorId")), record.get("TargetObject"),
                               inv.get("ScriptLineNumber") if has_inv else st.line,
                               inv.get("OffsetInLine") if has_inv else st.col, True,
                               to_string(inv.get("InvocationName") or inv.get("MyCommand")) if has_inv else "",
                               to_string(inv.get("Line")) if has_inv else "",
                               exc.type_name if isinstance(exc, PSObject) else "",
                               to_string(cat) if isinstance(cat, PSObject) else "",
                               to_string(inv.get("PositionMessage")) if has_inv and inv.has("PositionMessage") else None)

    def run_statement_into(self, st: Any, out: list[Any]) -> None:
        """Run a statement that is a value (assignment right side, condition ...)."""
        t = type(st)
        if t is S.Pipeline:
            self.run_pipeline(st, out)
        elif t is S.Assign:
            self.assign(st)
        else:
            self._exec(st, out)

    def eval_statement_value(self, st: Any) -> Any:
        """The value of a statement used as an expression (conditions, right sides)."""
        if type(st) is S.Pipeline and len(st.stages) == 1 and not isinstance(st.stages[0], S.Command):
            return self.eval(st.stages[0])
        out: list[Any] = []
        self.run_statement_into(st, out)
        return collapse(out)

    # -- assignment -------------------------------------------------------------------------------
    def assign(self, st: S.Assign) -> None:
        value_node = st.value
        if type(value_node) is S.Assign:
            self.assign(value_node)
            value = self.eval(value_node.target)
        elif type(value_node) is S.Pipeline and len(value_node.stages) == 1 and not isinstance(value_node.stages[0], S.Command):
            value = self.output_value(value_node.stages[0])
            if type(value_node.stages[0]) in (S.SubExpr,) and isinstance(value, list):
                value = collapse(value)
            elif value is VOID:
                value = AUTOMATION_NULL      # $r = $h.Add(1, 2): a void method gives AutomationNull.Value
        else:
            out: list[Any] = []
            self.run_statement_into(value_node, out)
            value = result_of(out)      # $x = & {}: AutomationNull.Value (PipelineOps.PipelineResult)
        target = st.target
        if type(target) is not S.Var:
            value = as_null(value)       # only a variable holds AutomationNull.Value in the twin
        if st.op != "=":
            value = as_null(value)
            current = self.eval(target)
            op = st.op[0]
            value = {"+": add, "-": subtract, "*": multiply, "/": divide, "%": modulo}[op](current, value)
        self.store(target, value)

    def store(self, target: Any, value: Any) -> None:
        t = type(target)
        if t is S.Var:
            if target.scope:
                saved, self.scope = self.scope, self.named_scope(target.scope)
                try:
                    self.set_var(target.name, value, target.display)
                    if target.scope == "private":
                        scope_options.add(self.scope, target.name, scope_options.PRIVATE)   # $private:x = 1
                finally:
                    self.scope = saved
                return
            self.set_var(target.name, value, target.display)
        elif t is S.Const:
            return  # $null = ...
        elif t is S.ArrayLiteral:
            # `$a, $b = 1, 2, 3`: one value each, the rest into the last (about_Assignment_Operators)
            values = list(value) if isinstance(value, list) else [value]
            last = len(target.items) - 1
            for i, item in enumerate(target.items):
                if i < last:
                    self.store(item, values[i] if i < len(values) else None)
                else:
                    rest = values[i:]
                    self.store(item, rest[0] if len(rest) == 1 else (rest if rest else None))
        elif t is S.Cast:
            if type(target.expr) is not S.Var:
                raise UnsupportedConstruct("assignment to a cast expression", target.line)
            if self.user_types and target.type_name.strip().lower() in self.user_types:
                self.set_var(target.expr.name, UT.convert_to(self, target.type_name, value), target.expr.display)
            else:
                constrain(self.scope, target.expr.name, target.type_name, target.line)
                self.set_var(target.expr.name, value, target.expr.display)
        elif t is S.Member:
            name = target.name if isinstance(target.name, str) else to_string(self.eval(target.name))
            if target.static and self.user_types:
                ut = UT.static_target(self, target.obj)     # [C]::x = v, $this::x = v, $t::x = v
                if isinstance(ut, UT.ClassType):
                    ut.set_static(name, value)
                    return
            obj = self.eval(target.obj)
            if type(obj) is UT.UserObject:
                UT.set_property(obj, name, value)
                return
            if target.static and isinstance(obj, PSType) and obj.full_name == "System.Console":
                set_console_property(self, name, value)     # [Console]::Title = ... (labkit.twin.console_host)
                return
            set_member(obj, name, value)
        elif t is S.Index:
            obj = self.eval(target.obj)
            idx = self.eval(target.index)
            if obj is None:
                raise PSRuntimeError("Cannot index into a null array.", "InvalidOperation", "NullArray")
            if idx is None:
                raise _null_index()
            if isinstance(obj, PSHashtable):
                obj[idx] = value
            elif isinstance(obj, list):
                i = int(to_number(idx))
                if not -len(obj) <= i < len(obj):
                    raise PSRuntimeError("Index was outside the bounds of the array.", "InvalidOperation", "IndexOutOfRange")
                obj[i] = value
            else:
                raise PSRuntimeError(f"Unable to index into an object of type {type_of(obj)}.", "InvalidOperation", "CannotIndex")
        else:
            raise UnsupportedConstruct("assignment target", getattr(target, "line", 0))

    # -- pipelines --------------------------------------------------------------------------------
    def run_pipeline(self, p: S.Pipeline, out: list[Any]) -> None:
        stages = p.stages
        if not stages:
            return
        first = stages[0]
        if type(first) is S.Command:
            stream: Iterator[Any] | None = None
            start = 0
        elif len(stages) > 1 and type(first) is S.Binary and first.op == "..":
            stream = pipeline_stream.lazy_range(self, first)   # 1..1e9 | ...: enumerated as read, never built
            start = 1
        else:
            # 1, $an, 2 written or piped: AutomationNull.Value elements are skipped (labkit.twin.pipeline_stream)
            value = self.output_value(first) if type(first) is not S.ArrayLiteral else pipeline_stream.written_array(self, first)
            if value is AUTOMATION_NULL:
                value = VOID        # $x = & {}; $x | ... : the commands run without input, $x alone writes nothing
            if len(stages) == 1:
                if type(first) is S.Cast and first.type_name.lower() == "void":
                    return
                if value is VOID or type(first) is S.IncDec:
                    return
                if isinstance(value, list):
                    out.extend(value)
                else:
                    out.append(value)   # an expression's $null is written too: @($null).Count is 1
                return
            # [void](...) | x: nothing flows; $null | x: one $null flows (about_Pipelines; PipelineOps.InvokePipeline)
            stream = iter(()) if value is VOID else iter((None,)) if value is None else pipeline_stream.piped(value)
            start = 1
        self.error_pipes.pipeline(stages)
        streams: list[Iterator[Any]] = []
        for stage in stages[start:]:
            upstream = pipeline_stream.link(stream, streams)     # closing it stops every command before
            stream = run_redirected(self, stage, upstream) if stage.redirects else self.command_stream(stage, upstream)
            streams.append(stream)
        assert stream is not None
        pipeline_stream.run(streams, out)       # object by object, begin blocks first (labkit.twin.pipeline_stream)

    def command_stream(self, cmd: S.Command, upstream: Iterator[Any] | None) -> Iterator[Any]:
        """A generator of the command's output; errors surface when it is iterated."""
        items = self.command_items(cmd)
        name = cmd.name
        if not isinstance(name, str):
            target = self.eval(name)
            if isinstance(target, ScriptBlock):
                return self.block_stream(target, items, upstream, cmd, new_scope=cmd.invoke_op != ".")
            name = to_string(target)
        if len(cmd.elements) == 1 and strict_mode.called_like_a_method(cmd) and strict_mode.version_of(self.scope) >= 2.0:
            raise strict_mode.method_syntax_error()
        resolved = resolve_alias(self, name)     # the scopes' aliases, then the built-in ones (labkit.twin.aliases)
        if name.lower() in MODULE_ALIASES and function_scopes.find(self, name) is None:
            try:
                resolved = module_alias(name, lambda n, m: host_has_command(self.world, self.host, n, m)) or resolved
            except CmdletError as e:
                raise _tag(e, "", cmd) from None
        fn = function_scopes.find(self, resolved)
        if any(type(e) is S.CmdParam and e.name == "?" and not e.colon for e in cmd.elements):
            # `-?`: a cmdlet's help, or a function's when it has a help comment, instead of running it
            # (IsHelpRequested of CommandProcessor / ScriptCommandProcessor, 5.1)
            if fn is not None:
                target = fn.name if fn.script.source is not None and find_help(fn.script.source) is not None else None
            elif script_files.is_path(resolved) and script_files.has_help(self, resolved):
                target = resolved       # a script file with a help comment: its help, as a function's
            else:
                target = name if lookup(resolved) is not None or signatures().get(resolved) is not None else None
            if target is not None:
                at = S.Const(target, line=cmd.line, col=cmd.col)
                return self.command_stream(dc_replace(cmd, name="Get-Help", elements=[at], invoke_op=""), upstream)
        if fn is not None:
            # `. f`: a dot-sourced function runs in the caller's scope (about_Scopes, "Using dot-source notation")
            return self.block_stream(ScriptBlock(fn.script, ""), items, upstream, cmd, new_scope=cmd.invoke_op != ".",
                                     name=fn.name)
        if script_files.is_path(resolved):
            found = self._script_file(resolved, cmd)
            if found is not None:     # a .ps1 in the twin's file system (labkit.twin.script_files)
                return script_files.run(self, found[0], found[1], items, upstream, cmd, dot=cmd.invoke_op == ".")
            program = script_files.system_program(self, resolved)
            prog = find_program(program) if program is not None else None
            if prog is not None:
                return self.program_stream(prog, cmd)
        spec = lookup(resolved)
        sig = signatures().get(resolved)
        if sig is not None and not host_has_command(self.world, self.host, sig.name, sig.module):
            spec = sig = None       # its module is not in this host's Windows Server version (labkit.os_versions)
        if spec is None and (call := builtin_function(resolved)) is not None:   # cd.., cd\, C:, mkdir
            resolved, items = call[0], call[1] + items
            spec, sig = lookup(resolved), signatures().get(resolved)
        if spec is None:
            prog = find_program(resolved)
            if prog is not None:
                return self.program_stream(prog, cmd)
            err = unknown_command(resolved, sig, lambda n, m: host_has_command(self.world, self.host, n, m))
            found = self._script_file(resolved, cmd) if err.error_id == "CommandNotFoundException" else None
            if found is not None:     # a script in a folder of $env:PATH
                return script_files.run(self, found[0], found[1], items, upstream, cmd, dot=cmd.invoke_op == ".")
            hint = script_files.suggestion(self, resolved) if err.error_id == "CommandNotFoundException" else None
            if hint is not None:
                self.host_output.append(hint)   # the console's suggestion after the error: .\name runs it
            raise _tag(err, sig.name if sig is not None else "", cmd)
        if sig is None:
            sig = CmdletSig(spec.name, params={})
        return self.cmdlet_stream(spec, sig, cmd, items, upstream)

    def _script_file(self, name: str, cmd: S.Command) -> tuple[str, str] | None:
        try:
            return script_files.find(self, name)
        except CmdletError as e:
            raise _tag(e, "", cmd) from None

    def program_stream(self, prog: Any, cmd: S.Command) -> Iterator[Any]:
        """Run a native program: string arguments in, lines out, ``$LASTEXITCODE`` and ``$?`` set."""
        argv: list[str] = []
        for el in cmd.elements:
            if type(el) is S.CmdParam:
                argv.append(el.text + (to_string(self.eval(el.value)) if el.colon else ""))
            else:
                argv.extend(to_string(v) for v in as_list(self.eval(el)))
        lines, code = prog(CmdletContext(self, cmd, to_string(cmd.name), {}), argv)
        self.global_scope.vars["lastexitcode"] = code
        if code != 0:
            self.statement_failed = True
        return iter(lines)

    def command_items(self, cmd: S.Command) -> list[B.Item]:
        items = []
        for el in cmd.elements:
            if type(el) is S.CmdParam:
                items.append(B.Item(el.name, self.eval(el.value) if el.colon else B.NO_VALUE, el.text))
            elif type(el) is S.Splat:
                v = self.scope.lookup(el.name)
                items.extend(splat_items(None if v is MISSING else v))
            else:
                v = self.eval(el)
                if v is VOID:
                    v = None
                items.append(B.Item(None, v))
        return items

    def block_stream(self, block: ScriptBlock, items: list[B.Item], upstream: Iterator[Any] | None, cmd: S.Command,
                     new_scope: bool, name: str = "ScriptBlock") -> Iterator[Any]:
        if self.capture_out is None:
            return function_stage.stream(self, block, items, upstream, cmd, new_scope, name)
        script = block.script
        captured = self.capture_out is not None
        out: list[Any] = self.capture_out if self.capture_out is not None else []
        self.capture_out = None
        saved = self.scope
        self.scope = Scope(saved) if new_scope else saved
        dotted = None if new_scope else dotted_locals.backup(saved)
        try:
            inputs = list(upstream) if upstream is not None else None
            first = inputs[0] if inputs else NO_ITEM
            bound = self.bind_script_params(script, items, first, name, node=cmd, expect_input=inputs is not None)
            own_errors = own_error_list(saved, bound.common)
            own_information = own_error_list(saved, bound.common, "InformationVariable")
            own_warnings = own_error_list(saved, bound.common, "WarningVariable")
            self.calls.append((name, cmd))
            try:
                with self.error_pipes.function(cmd, {"Error": own_errors, "Information": own_information, "Warning": own_warnings}):
                    self.nested_call(cmd, self.exec_script_body, script, out, inputs, bound)
            except _Return as r:
                out.extend(r.value)
            except BaseException as e:
                if bound.common and isinstance(e, (CmdletError, PSRuntimeError, PSError)):
                    err = self.to_pserror(_tag(e, name, cmd), cmd)
                    script_binding.set_stream_variables(saved, bound.common, getattr(out, "written", out), None)
                    if own_errors is not None:
                        self.error_pipes.append([own_errors], err.record)
                    e = err
                if isinstance(e, _Exit) and not captured:
                    e.pending[:0] = out      # `exit` in a function: what it wrote before is output (about_Scripts)
                if not out or isinstance(e, (_Exit, RecursionError)):
                    raise e
                # what the block wrote before the error is in the pipeline already (as in PowerShell)
                if isinstance(e, (CmdletError, PSRuntimeError)):
                    _tag(e, name, cmd)
                return _then_raise(out, e)
            finally:
                self.calls.pop()
            if bound.common:
                script_binding.set_stream_variables(saved, bound.common, getattr(out, "written", out), None)
        except (CmdletError, PSRuntimeError) as e:
            self.scope = saved
            raise _tag(e, name, cmd) from None
        finally:
            self.scope = saved
            if dotted is not None:
                dotted_locals.restore(saved, dotted)
        return iter(out)

    def cmdlet_stream(self, spec: CmdletSpec, sig: CmdletSig, cmd: S.Command, items: list[B.Item],
                      upstream: Iterator[Any] | None) -> Iterator[Any]:
        try:
            bound = B.bind(sig, items)
            default_parameter_values.apply(self.get_var("psdefaultparametervalues"), bound,
                                           self.invoke_block,
                                           lambda p, v: B.coerce(sig, p, v))
        except CmdletError as e:
            raise _tag(e, spec.name, cmd) from None
        ctx = CmdletContext(self, cmd, spec.name, bound.common)
        script_binding.preference_switches(self, sig, bound.args)
        pipeline_var = bound.common.pop("PipelineVariable", None)
        self._check_common(bound, spec, cmd)
        gen = self._cmdlet_gen(spec, sig, cmd, bound, ctx, upstream)
        if "OutVariable" in bound.common:
            gen = script_binding.collect_out_variable(self.scope, bound.common, gen)
        return gen if pipeline_var is None else PipelineVariable(self.scope, pipeline_var, gen)

    def _check_common(self, bound: B.Bound, spec: CmdletSpec, cmd: S.Command) -> None:
        # -ErrorAction si / -ea 0: 5.1 binds unambiguous prefixes and numbers of ActionPreference
        for param in ("ErrorAction", "WarningAction", "InformationAction"):
            if param in bound.common:
                try:
                    bound.common[param] = common_action(bound.common[param], param)
                except PSRuntimeError as e:
                    raise _tag(B.BindingError(str(e), e.error_id), spec.name, cmd) from None
        script_binding.reset_stream_variables(self.scope, bound.common, spec.name)

    def _honoured(self, spec: CmdletSpec, args: dict[str, Any], cmd: S.Command) -> None:
        for k, v in args.items():
            if k == "Confirm":
                if to_bool(v):
                    # -Confirm (or a $ConfirmPreference the cmdlet reaches) asks the user, which the twin cannot
                    # (labkit.twin.should_process); -Confirm:$false asks nothing
                    raise _tag(NotEmulated(spec.name, "the confirmation prompt of -Confirm (answer it ahead with -Confirm:$false)"),
                               spec.name, cmd)
                continue
            if k not in spec.honours:
                raise _tag(NotEmulated(spec.name, f"parameter -{k}"), spec.name, cmd)

    def _cmdlet_gen(self, spec: CmdletSpec, sig: CmdletSig, cmd: S.Command, bound: B.Bound, ctx: CmdletContext,
                    upstream: Iterator[Any] | None) -> Iterator[Any]:
        try:
            if upstream is None:
                for name in delay_bind.delayed(bound.args):
                    raise delay_bind.no_input(name)
                B.command_line_set(bound)
                args = {k: v for k, v in bound.args.items() if k != "Confirm"}
                self._honoured(spec, bound.args, cmd)
                yield from self._call(spec, ctx, args, None, cmd)
            elif spec.stream:
                for name in delay_bind.delayed(bound.args):
                    raise NotEmulated(spec.name, f"a delay-bind script block for -{name} (this emulation takes its input as a whole)")
                inputs = upstream if spec.lazy else list(upstream)
                set_name = B.choose_set(bound)
                B.check_mandatory(bound, set_name, bound.args, pipeline=True)
                self._honoured(spec, bound.args, cmd)
                args = {k: v for k, v in bound.args.items() if k != "Confirm"}
                yield from self._call(spec, ctx, args, inputs, cmd)
            else:
                self._honoured(spec, bound.args, cmd)
                late = delay_bind.delayed(bound.args)
                for obj in upstream:
                    try:
                        per_object = bound if not late else B.Bound(
                            bound.sig, delay_bind.evaluate(bound.args, obj, self.invoke_block), bound.common, bound.sets)
                        if late:
                            for name in late:
                                per_object.args[name] = B.coerce(bound.sig, bound.sig.params[name], per_object.args[name])
                        args, set_name = B.pipeline_bind(per_object, obj)
                    except B.BindingError as e:
                        self.write_error(str(e), e.category, e.error_id, obj, cmd, spec.name, bound.common,
                                         "System.Management.Automation.ParameterBindingException")
                        continue
                    self._honoured(spec, args, cmd)
                    args.pop("Confirm", None)
                    yield from self._call(spec, ctx, args, obj, cmd)
        except CmdletError as e:
            raise _tag(e, spec.name, cmd) from None
        except PSRuntimeError as e:
            raise _tag(e, spec.name, cmd) from None

    def _call(self, spec: CmdletSpec, ctx: CmdletContext, args: dict[str, Any], input: Any, cmd: S.Command) -> Iterator[Any]:
        result = spec.func(ctx, args, input)
        if result is None:
            return
        if isinstance(result, (str, PSObject, PSHashtable, PSEnum, int, float, datetime)):
            yield result
            return
        for item in result:
            yield item

    # -- expressions ---------------------------------------------------------------------------
    def eval(self, node: Any) -> Any:
        return _EVAL[type(node)](self, node)

    def e_const(self, n: S.Const) -> Any:
        return n.value

    def e_var(self, n: S.Var, in_string: bool = False) -> Any:
        name = n.name
        if name.startswith("env:"):
            return self.env_var(name)
        if name.startswith(function_scopes.DRIVE_PREFIX):
            return function_scopes.read_variable(self, name[len(function_scopes.DRIVE_PREFIX):])
        if n.scope:
            v = as_null(self.named_scope(n.scope).vars.get(name, MISSING)) if n.scope in ("local", "private") else \
                self.named_scope(n.scope).lookup(name, self.scope)
        else:
            v = self.scope.lookup(name)
        if v is MISSING:
            strict_mode.check_variable(self.scope, n.display or name, in_string)
            return None
        return v

    def e_expand(self, n: S.ExpandString) -> Any:
        parts = []
        for p in n.parts:
            if isinstance(p, str):
                parts.append(p)
            else:
                v = self.e_var(p, in_string=True) if type(p) is S.Var else self.eval(p)
                if type(p) is S.SubExpr:
                    v = collapse(v) if isinstance(v, list) else v
                parts.append(to_string(v))
        return "".join(parts)

    def e_array_literal(self, n: S.ArrayLiteral) -> Any:
        return [self.eval(i) for i in n.items]

    def e_array_expr(self, n: S.ArrayExpr) -> Any:
        out: list[Any] = []
        try:
            self.exec_block_value(n.body, out)
        except _Return as r:           # `@('1'; return '2')`: what came before the return is output too
            r.value = out + r.value
            raise
        return out

    def exec_block_value(self, body: S.Block, out: list[Any]) -> None:
        for st in body.statements:
            self.exec_statement(st, out)

    def e_sub(self, n: S.SubExpr) -> Any:
        return as_null(self.sub_value(n))

    def sub_value(self, n: S.SubExpr) -> Any:
        """``$( )``'s value, AutomationNull.Value when its statements wrote nothing."""
        out: list[Any] = []
        try:
            self.exec_block_value(n.body, out)
        except _Return as r:           # `$('1'; return '2')` gives 1, 2 (PowerShell's Scripting.Followup tests)
            r.value = out + r.value
            raise
        return result_of(out)

    def e_paren(self, n: S.Paren) -> Any:
        return as_null(self.paren_value(n))

    def paren_value(self, n: S.Paren) -> Any:
        """``( )``'s value, AutomationNull.Value when the pipeline inside wrote nothing."""
        p = n.pipeline
        if type(p) is S.Pipeline and len(p.stages) == 1 and type(p.stages[0]) is not S.Command:
            return self.output_value(p.stages[0])
        if type(p) is S.Assign:
            self.assign(p)
            return self.output_value(p.target)      # ($x = & {}): the value assigned, AutomationNull.Value too
        out: list[Any] = []
        self.run_statement_into(p, out)
        return result_of(out)

    def output_value(self, node: Any) -> Any:
        """An expression's value where writing it to a pipeline matters: AutomationNull.Value (what writes
        nothing) stays apart from $null (one object). Everywhere else ``eval`` reads both as None."""
        t = type(node)
        if t is S.Var and not node.name.startswith("env:"):
            if not node.scope:
                v = self.scope.lookup_raw(node.name)
            elif node.scope in ("local", "private"):
                v = self.named_scope(node.scope).vars.get(node.name)
            else:
                v = self.named_scope(node.scope).lookup_raw(node.name, self.scope)
            if v is AUTOMATION_NULL:
                return v
        elif t is S.Paren:
            return self.paren_value(node)
        elif t is S.SubExpr:
            return self.sub_value(node)
        elif t is S.Member and node.static and type(node.obj) is S.TypeLit and automation_null.is_type_name(node.obj.name) \
                and str(node.name).lower() == "value":
            return AUTOMATION_NULL
        return self.eval(node)

    def e_hash(self, n: S.HashLit) -> Any:
        h = PSHashtable()
        for k, v in n.entries:
            key = self.eval(k)
            if key in h:
                raise PSRuntimeError(f"Duplicate keys '{to_string(key)}' are not allowed in hash literals.", "ParserError", "DuplicateKeyInHashLiteral")
            h[key] = self.eval_statement_value(v)
        return h

    def e_script_block(self, n: S.ScriptBlockLit) -> Any:
        return ScriptBlock(n.script, n.text)

    def e_member(self, n: S.Member) -> Any:
        if n.static:
            if type(n.obj) is S.TypeLit and automation_null.is_type_name(n.obj.name) and str(n.name).lower() == "value":
                return None     # [System.Management.Automation.Internal.AutomationNull]::Value read as a value
            ut = UT.static_target(self, n.obj) if self.user_types else None
            if ut is not None:
                return UT.static_member(self, ut, n.name if isinstance(n.name, str) else to_string(self.eval(n.name)), n.line)
            return static_access(self, n)
        obj = self.eval(n.obj)
        name = n.name if isinstance(n.name, str) else to_string(self.eval(n.name))
        if type(obj) is PSObject and not obj.has(name) and name.lower() not in _INTRINSIC \
                and strict_mode.version_of(self.scope) >= 2.0:
            raise strict_mode.property_error(name)
        if type(obj) is UT.UserObject:
            UT.instance_member(obj, name, n.line)
        return get_member(obj, name)

    def e_invoke(self, n: S.Invoke) -> Any:
        args = [self.eval(a) for a in n.args]
        name = n.name if isinstance(n.name, str) else to_string(self.eval(n.name))
        if n.static:
            tname = n.obj.name if type(n.obj) is S.TypeLit else to_string(self.eval(n.obj))
            if name.lower() == "create" and tname.lower() in ("scriptblock", "system.management.automation.scriptblock"):
                return create_scriptblock(self, args, n)
            if name.lower() == "create" and tname.lower() in ("powershell", "system.management.automation.powershell"):
                return runspaces.create(self, args, n)
            if name.lower() == "createrunspace" and tname.lower() in ("runspacefactory", "system.management.automation.runspaces.runspacefactory"):
                return runspaces.create_runspace(self, args, n)
            if self.user_types:
                ut = UT.static_target(self, n.obj)
                if ut is not None:
                    return UT.static_call(self, ut, name, args, n)
                if tname.lower() in ("enum", "system.enum"):
                    r = UT.enum_static(self, name, args)
                    if r is not UT.MISSING_METHOD:
                        return r
            return static_call(self, n, name, args)
        if self.user_types and type(n.obj) is S.TypeLit and n.obj.name.lower() in self.user_types:
            ut = self.user_types[n.obj.name.lower()]
            if isinstance(ut, UT.EnumType):       # [E].GetEnumNames() ...
                r = ut.type_method(name, args)
                if r is not UT.MISSING_METHOD:
                    return r
        obj = self.eval(n.obj)
        if type(obj) is UT.UserObject or (type(obj) is PSEnum and self.user_types):
            r = UT.instance_call(self, obj, name, args, n, UT.cast_class(self, n.obj) if type(obj) is UT.UserObject else None)
            if r is not UT.MISSING_METHOD:
                return r

        def run_block(sb: ScriptBlock, item: Any) -> list[Any]:
            if item is NO_ITEM:
                return self.invoke_block(sb)
            if isinstance(item, list) and sb is obj:
                return self.invoke_block(sb, NO_ITEM, item)
            return self.invoke_block(sb, item, new_scope=False)

        if type(obj) is RegexValue:     # a script block argument is a MatchEvaluator
            args = with_evaluators(args, lambda block, a: self.invoke_block(block, args=a))
        return call_method(obj, name, args, run_block)

    def e_index(self, n: S.Index) -> Any:
        obj = self.eval(n.obj)
        idx = self.eval(n.index)
        if obj is None:
            raise PSRuntimeError("Cannot index into a null array.", "InvalidOperation", "NullArray")
        if idx is None:
            raise _null_index()
        if isinstance(idx, list):
            # a slice skips null indexes (PowerShell's GetIndex binder: "$a[$null,$null] # no error, ... empty array")
            idx = [i for i in idx if i is not None]
            if isinstance(obj, (list, str)) and not isinstance(obj, PSHashtable) and not hasattr(obj, "index_by_key"):
                # a slice drops the indexes out of range: the non-slicing indexer gives AutomationNull.Value there
                # and SlicingIndex leaves it out ((1,2)[0,5] is @(1)); Set-StrictMode 3 throws (SafeIndexResult, Binders.cs)
                idx = [i for i in idx if self._slice_index_in_range(obj, i)]
            if not _indexable(obj):
                return non_indexable(obj, idx, strict_mode.version_of(self.scope))
            return [self._index1(obj, i) for i in idx]
        if not _indexable(obj):
            return non_indexable(obj, idx, strict_mode.version_of(self.scope))
        if isinstance(obj, list) and strict_mode.version_of(self.scope) >= 3.0 and not isinstance(obj, PSHashtable) \
                and isinstance(idx, (int, float)) and not -len(obj) <= int(idx) < len(obj):
            raise strict_mode.index_error()
        return self._index1(obj, idx)

    def _slice_index_in_range(self, obj: list[Any] | str, idx: Any) -> bool:
        try:
            i = int(to_number(idx))
        except PSRuntimeError:
            return False                  # $a['abc']: the index does not convert, the element is left out
        if -len(obj) <= i < len(obj):
            return True
        if strict_mode.version_of(self.scope) >= 3.0:
            raise strict_mode.index_error()
        return False

    @staticmethod
    def _index1(obj: Any, idx: Any) -> Any:
        if hasattr(obj, "index_by_key"):
            return obj.index_by_key(idx)
        if isinstance(obj, PSHashtable):
            return obj.get(idx)
        if isinstance(obj, PSObject):
            if type(idx) is int and not obj.has(str(idx)):
                # "you can use array index notation to access the value of a singleton scalar object" (about_Arrays 5.1,
                # Arrays of zero or one): [0] and [-1] are the object itself
                return obj if idx in (0, -1) else None
            return obj.get(to_string(idx))
        if isinstance(obj, (list, str)):
            i = convert(idx, "int32")      # [int] conversion: $a[1.6] is $a[2] (to even, as 5.1 converts)
            if -len(obj) <= i < len(obj):
                return obj[i]
            return None
        i = int(to_number(idx))
        return obj if i in (0, -1) else None

    def e_type(self, n: S.TypeLit) -> Any:
        if self.user_types and n.name.lower() in self.user_types:
            return PSType(self.user_types[n.name.lower()].name)      # a script's class or enum (usertypes)
        return type_literal(n.name, n.line)

    def e_cast(self, n: S.Cast) -> Any:
        if self.user_types and n.type_name.lower() in self.user_types:
            return UT.convert_to(self, n.type_name, self.eval(n.expr))
        return cast_expression(self, n)

    def e_unary(self, n: S.Unary) -> Any:
        op = n.op
        v = self.eval(n.expr)
        if op in ("-not", "!"):
            return not to_bool(v)
        if op == "-":
            return negate(v)
        if op == "+":
            return unary_plus(v)
        if op == ",":
            return [v]
        if op == "-bnot":
            return bnot(v)
        if op == "-split":
            return unary_split(v)
        if op == "-join":
            return "".join(to_string(x) for x in as_list(v))
        raise UnsupportedConstruct(f"unary operator {op}", n.line)

    def e_incdec(self, n: S.IncDec) -> Any:
        # ($a++) is the old value, (++$a) the new one; a bare `$a++` statement writes nothing (run_pipeline).
        current = self.eval(n.target)
        new = increment(current, n.delta)
        self.store(n.target, new)
        return new if n.prefix else current

    def e_binary(self, n: S.Binary) -> Any:
        left_node = n.left
        if type(left_node) is S.Binary:
            # `1 + 2 + ... + 500`: evaluate the left spine in a loop, not by recursion.
            spine = [n]
            while type(left_node) is S.Binary:
                spine.append(left_node)
                left_node = left_node.left
            value = self.eval(left_node)
            for node in reversed(spine):
                value = self.binary_op(node, value)
            return value
        return self.binary_op(n, self.eval(left_node))

    def binary_op(self, n: S.Binary, left: Any) -> Any:
        op = n.op
        if op == "-and":
            return to_bool(left) and to_bool(self.eval(n.right))
        if op == "-or":
            return to_bool(left) or to_bool(self.eval(n.right))
        if op in ("-is", "-isnot", "-as"):
            right = n.right if type(n.right) is S.TypeLit else self.eval(n.right)
            tname = right.name if type(right) is S.TypeLit else right if isinstance(right, str) else None
            if self.user_types and tname is not None and tname.lower() in self.user_types:
                if op == "-as":
                    try:
                        return UT.convert_to(self, tname, left)
                    except PSRuntimeError:
                        return None
                r = is_type(left, tname)
                return r if op == "-is" else not r
            return type_operator(op, left, right, n.line)
        right = self.eval(n.right)
        if type(left) is PSEnum and self.user_types and op in ("+", "-", "-band", "-bor", "-bxor"):
            return UT.enum_arithmetic(self, left, self.binary_op(S.Binary(op, S.Const(None), S.Const(right)), left.value))
        fn = _ARITH.get(op)
        if fn is not None:
            return fn(left, right)
        if op == "-xor":
            return to_bool(left) != to_bool(right)
        if op == "-f":
            return format_operator(to_string(left), as_list(right) if isinstance(right, list) else [right])
        if op == "..":
            # Operands convert to [int] as a cast does (rounding to even): 1.1..3.9 is 1..4 (about_Operators, Range operator).
            return limits.range_list(convert(left, "int"), convert(right, "int"))
        if op in ("-band", "-bor", "-bxor", "-shl", "-shr"):
            return bitwise(op, left, right)
        return self.comparison(op, left, right)

    def comparison(self, op: str, left: Any, right: Any) -> Any:
        cs = op.startswith("-c") and op not in ("-contains",)
        if op.startswith("-i") and op not in ("-in", "-is", "-isnot"):
            op = "-" + op[2:]
        elif cs:
            op = "-" + op[2:]
        if op in ("-contains", "-notcontains"):
            found = any(equals(x, right, cs) for x in as_list(left))
            return found if op == "-contains" else not found
        if op in ("-in", "-notin"):
            found = any(equals(x, left, cs) for x in as_list(right))
            return found if op == "-in" else not found
        if op == "-replace":
            return self.replace(left, right, cs)
        if op == "-split":
            return split_operator(left, right, cs, self._split_predicate)
        if op == "-join":
            return to_string(right).join(to_string(x) for x in as_list(left))
        test = self._scalar_test(op, right, cs)
        if isinstance(left, list):
            return [x for x in left if test(x, False)]
        return test(left, True)

    def _scalar_test(self, op: str, right: Any, cs: bool) -> Any:
        if op == "-eq":
            return lambda x, _: equals(x, right, cs)
        if op == "-ne":
            return lambda x, _: not equals(x, right, cs)
        if op in ("-gt", "-ge", "-lt", "-le"):
            return lambda x, _: relational(op, x, right, cs)
        if op in ("-like", "-notlike"):
            neg = op == "-notlike"
            return lambda x, _: like(x, right, cs) != neg
        if op in ("-match", "-notmatch"):
            rx = regex_for(right, cs)
            neg = op == "-notmatch"

            def match(x: Any, scalar: bool) -> bool:
                m = rx.search(to_string(x))
                if m and scalar:   # -notmatch that is False sets $Matches too (about_Comparison_Operators)
                    self.scope.vars["matches"] = matches_table(rx, m)
                return (m is not None) != neg
            return match
        raise PSRuntimeError(f"The operator {op} is not supported by the twin.", "NotImplemented", "OperatorNotSupported")

    def _split_predicate(self, block: ScriptBlock, char: str, args: list[Any]) -> Any:
        return collapse(self.invoke_block(block, char, args))

    def replace(self, left: Any, right: Any, cs: bool) -> Any:
        parts = as_list(right)
        rx = regex_for(parts[0] if parts else "", cs, invalid="operator")
        repl = to_string(parts[1]) if len(parts) > 1 else ""
        py_repl = net_replacement(rx, repl)
        if isinstance(left, list):
            return [rx.replace(to_string(x), py_repl) for x in left]
        return rx.replace(to_string(left), py_repl)

    def split(self, left: Any, right: Any, cs: bool) -> Any:
        parts = as_list(right)
        rx = regex_for(parts[0] if parts else " ", cs)
        limit = int(to_number(parts[1])) if len(parts) > 1 else 0
        out: list[str] = []
        for x in as_list(left):
            out.extend(rx.split(to_string(x), max(limit, 0)))
        return out


def _then_raise(out: list[Any], e: BaseException) -> Iterator[Any]:
    yield from out
    raise e


_PARAM_IN_MESSAGE = re.compile(r"(?:matches parameter name|an argument for parameter|on parameter|bind parameter) '([^']+)'")
_PARAM_ERRORS = ("NamedParameterNotFound", "MissingArgument", "ParameterArgumentValidationError",
                 "ParameterArgumentTransformationError", "CannotConvertArgumentNoMessage", "CannotConvertArgument")


def _token_length(line: str, col: int) -> int:
    """How long the argument starting at ``col`` (1-based) is: a quoted string, else up to a blank or separator."""
    rest = line[col - 1:]
    if rest[:1] in ("'", '"'):
        end = rest.find(rest[0], 1)
        return end + 1 if end > 0 else len(rest)
    m = re.match(r"[^\s;|)}]+", rest)
    return len(m.group(0)) if m else 1


def _tag(e: Exception, command: str, node: Any) -> Exception:
    if not getattr(e, "command", None):
        e.command = command  # type: ignore[attr-defined]
    if not getattr(e, "node", None):
        e.node = node  # type: ignore[attr-defined]
    return e


def is_type(value: Any, tname: str) -> bool:
    canon, is_array = canonical_type(tname)
    if is_array or canon == "array":
        return isinstance(value, list)
    if canon in ("object",):
        return value is not None
    if canon == "string":
        return isinstance(value, str)
    if canon in ("int32", "int64"):
        return isinstance(value, int) and not isinstance(value, bool)
    if canon == "double":
        return isinstance(value, float)
    if canon in ("bool", "switch"):
        return isinstance(value, bool)
    if canon in ("hashtable", "ordered"):
        return isinstance(value, PSHashtable)
    if canon == "scriptblock":
        return isinstance(value, ScriptBlock)
    if canon == "datetime":
        return isinstance(value, datetime)
    if canon == "pscustomobject":
        return isinstance(value, PSObject)
    base = tname.lower().rsplit(".", 1)[-1]
    if isinstance(value, (PSObject, PSEnum)):
        names = value.type_names if isinstance(value, PSObject) else [value.type_name]
        return any(n.lower().rsplit(".", 1)[-1] == base for n in names)
    return False


def from_python(value: Any) -> Any:
    """A Python value as the twin's PowerShell value (dict → hashtable, tuple → array)."""
    if isinstance(value, PSHashtable) or isinstance(value, PSObject):
        return value
    if isinstance(value, dict):
        return PSHashtable({k: from_python(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return [from_python(v) for v in value]
    if hasattr(value, "__fspath__"):
        return str(value)
    return value


# members every object answers (PSObject's view, its type names, the intrinsic Count and Length)
_INTRINSIC = frozenset({"psobject", "pstypenames", "count", "length"})
_ARITH = {"+": add, "-": subtract, "*": multiply, "/": divide, "%": modulo}

_EVAL = {
    S.Const: Interpreter.e_const, S.Var: Interpreter.e_var, S.ExpandString: Interpreter.e_expand,
    S.ArrayLiteral: Interpreter.e_array_literal, S.ArrayExpr: Interpreter.e_array_expr, S.SubExpr: Interpreter.e_sub,
    S.Paren: Interpreter.e_paren, S.HashLit: Interpreter.e_hash, S.ScriptBlockLit: Interpreter.e_script_block,
    S.Member: Interpreter.e_member, S.Invoke: Interpreter.e_invoke, S.Index: Interpreter.e_index,
    S.TypeLit: Interpreter.e_type, S.Cast: Interpreter.e_cast, S.Unary: Interpreter.e_unary,
    S.Binary: Interpreter.e_binary, S.IncDec: Interpreter.e_incdec,
}


def _eval_command_as_expr(self: Interpreter, node: S.Command) -> Any:
    out: list[Any] = []
    self.run_pipeline(S.Pipeline([node], line=node.line, col=node.col), out)
    return collapse(out)


_EVAL[S.Command] = _eval_command_as_expr
_EVAL[S.Pipeline] = lambda self, n: self.eval_statement_value(n)
_EVAL[S.Assign] = lambda self, n: (self.assign(n), VOID)[1]


__all__ = ["Interpreter", "ErrorRecordInfo", "Progress", "PSError", "CmdletContext", "TwinError", "from_python"]


from labkit.twin import function_stage  # noqa: E402  (it runs the interpreter's blocks)
