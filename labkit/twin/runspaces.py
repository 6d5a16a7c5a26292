"""``[powershell]::Create()``: a PowerShell object that runs script text in a new runspace.

https://learn.microsoft.com/en-us/dotnet/api/system.management.automation.powershell?view=powershellsdk-1.1.0

The twin's runspace is an interpreter of its own on the same host of the same world: its own
global scope, variables and functions, nothing of the caller's; made at the first ``Invoke()``
and kept, so what one ``Invoke()`` defines the next one sees.  Emulated:
``AddScript(text[, useLocalScope])``, ``AddCommand(name)``, ``AddArgument(value)``,
``AddParameter(name[, value])``, ``AddParameters(dictionary)``, ``AddStatement()``, ``Invoke()``,
``Dispose()``, ``Stop()`` and the properties ``HadErrors``, ``Streams`` (Error, Warning, Verbose,
Information; ``ClearStreams()``) and ``Commands`` (``Clear()``).

- The scripts and commands added one after another form one pipeline (each takes the output of
  the one before); ``AddStatement()`` starts the next statement.  A script runs in the
  runspace's global scope unless ``useLocalScope`` is ``$true``.
- ``Invoke()`` returns what the commands wrote; their non-terminating errors go to
  ``Streams.Error`` (``HadErrors`` is then ``$true``).
- A script that does not parse, or a terminating error, makes ``Invoke()`` throw a
  MethodInvocationException ``Exception calling "Invoke" with "0" argument(s): "..."`` whose
  FullyQualifiedErrorId is the inner exception's type name (ParseException, RuntimeException ...),
  as a .NET method call that throws does in 5.1.
- ``BeginInvoke()`` runs the commands at once; ``EndInvoke(result)`` returns what they wrote or throws
  what stopped them (``Exception calling "EndInvoke" ...``); ``InvocationStateInfo.State`` is
  NotStarted, then Completed or Failed.  Verbose and warning messages are records with a ``Message``.
- ``[runspacefactory]::CreateRunspace()`` gives a runspace with ``Open()`` / ``Close()`` / ``Dispose()``
  that a PowerShell object may be given (``$ps.Runspace = $rs``): it still runs in a new runspace.
- Anything else (runspace pools, ``Create(RunspaceMode)``, a runspace's host or session state) is refused
  as not emulated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labkit.twin.dotnet_values import ArrayList
from labkit.twin.errors import PSParseError, UnsupportedConstruct
from labkit.twin.members import VOID   # what a void .NET method returns: nothing is written
from labkit.twin.objects import PSObject
from labkit.twin.parse_errors import position_message
from labkit.twin.values import PSHashtable, ScriptBlock, to_bool, to_string

if TYPE_CHECKING:
    from labkit.twin.interpreter import Interpreter

TYPE_NAME = "System.Management.Automation.PowerShell"
_ARG = "__pkRunspace"   # the names of the arguments a pipeline's script is given (removed after it ran)


class _Element:
    """One command of a statement's pipeline: a script or a command, with its arguments."""

    def __init__(self, kind: str, text: str, local_scope: bool = False):
        self.kind, self.text, self.local_scope = kind, text, local_scope
        self.positional: list[Any] = []
        self.named = PSHashtable()


_STREAMS = ("Error", "Warning", "Verbose", "Information", "Progress", "Debug")


class _Streams(PSObject):
    """PSDataStreams: the runspace's other streams; ``ClearStreams()`` empties them."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__("System.Management.Automation.PSDataStreams", {n: ArrayList() for n in _STREAMS})

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        if name.lower() == "clearstreams" and not args:
            for n in _STREAMS:
                self.get(n).clear()
            return VOID
        raise UnsupportedConstruct(f"PSDataStreams.{name}()", 0)


class _Commands(PSObject):
    """PSCommand (``.Commands``): ``Clear()`` drops the scripts and commands added so far."""

    __slots__ = ("owner",)

    def __init__(self, owner: "PowerShellObject") -> None:
        super().__init__("System.Management.Automation.PSCommand", {})
        self.owner = owner

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        if name.lower() == "clear" and not args:
            self.owner.statements.clear()
            self.owner.next_statement = False
            return VOID
        raise UnsupportedConstruct(f"PSCommand.{name}()", 0)


def _state_info(state: str, reason: Any = None) -> PSObject:
    """PSInvocationStateInfo: NotStarted, then Completed or Failed (the terminating error in Reason)."""
    return PSObject("System.Management.Automation.PSInvocationStateInfo", {"State": state, "Reason": reason}, tostring=state)


def _record(kind: str, text: str) -> PSObject:
    """A VerboseRecord / WarningRecord / DebugRecord of a stream: its Message, printed as the message."""
    return PSObject(f"System.Management.Automation.{kind}Record", {"Message": text, "InvocationInfo": None}, tostring=text)


class RunspaceObject(PSObject):
    """``[runspacefactory]::CreateRunspace()``: a local runspace; a PowerShell object given it
    (``$ps.Runspace = $rs``) runs in a new runspace of the twin's all the same."""

    __slots__ = ("node",)

    def __init__(self, node: Any) -> None:
        super().__init__("System.Management.Automation.Runspaces.LocalRunspace", {
            "RunspaceStateInfo": PSObject("System.Management.Automation.Runspaces.RunspaceStateInfo", {"State": "BeforeOpen"},
                                          tostring="BeforeOpen"),
            "InstanceId": None, "Name": "Runspace1", "Id": 1, "Availability": "None"},
            tostring="System.Management.Automation.Runspaces.LocalRunspace")
        self.node = node

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        low = name.lower()
        states = {"open": "Opened", "close": "Closed", "dispose": "Closed"}
        if low in states and not args:
            self.get("RunspaceStateInfo").set("State", states[low])
            return VOID
        raise UnsupportedConstruct(f"Runspace.{name}() with {len(args)} argument(s)", getattr(self.node, "line", 0))


class PowerShellObject(PSObject):
    __slots__ = ("engine", "statements", "next_statement", "node", "runspace", "pending")

    def __init__(self, engine: "Interpreter", node: Any):
        super().__init__(TYPE_NAME, {"HadErrors": False, "Streams": _Streams(), "InvocationStateInfo": _state_info("NotStarted"),
                                     "Runspace": None, "RunspacePool": None}, tostring=TYPE_NAME)
        self.set("Commands", _Commands(self))
        self.engine, self.node = engine, node
        # statements, each a pipeline: AddScript/AddCommand add to the current one, AddStatement() starts the next
        self.statements: list[list[_Element]] = []
        self.next_statement = False
        self.runspace: "Interpreter | None" = None   # made at the first Invoke(), kept for the next ones
        self.pending: dict[int, Any] = {}     # BeginInvoke's results by async result, for EndInvoke

    def _current(self, method: str) -> _Element:
        if not self.statements:
            raise UnsupportedConstruct(f"PowerShell.{method}() before AddScript()/AddCommand()", getattr(self.node, "line", 0))
        return self.statements[-1][-1]

    def _add(self, element: _Element) -> "PowerShellObject":
        if not self.statements or self.next_statement:
            self.statements.append([])
            self.next_statement = False
        self.statements[-1].append(element)
        return self

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        low = name.lower()
        if low == "addscript" and len(args) in (1, 2):
            # AddScript(script, useLocalScope): without a local scope the script runs in the runspace's own scope
            return self._add(_Element("script", to_string(args[0]), len(args) == 2 and to_bool(args[1])))
        if low == "addcommand" and len(args) in (1, 2):
            return self._add(_Element("command", to_string(args[0])))
        if low == "addargument" and len(args) == 1:
            self._current(name).positional.append(args[0])
            return self
        if low == "addparameter" and len(args) in (1, 2):
            self._current(name).named[to_string(args[0])] = args[1] if len(args) == 2 else True
            return self
        if low == "addparameters" and len(args) == 1:
            values = args[0]
            if isinstance(values, dict):
                for k, v in values.items():
                    self._current(name).named[to_string(k)] = v
            else:
                self._current(name).positional.extend(values if isinstance(values, list) else [values])
            return self
        if low == "addstatement" and not args:
            self.next_statement = bool(self.statements)
            return self
        if low == "invoke" and not args:
            return self.invoke()
        if low == "begininvoke" and not args:
            # the twin runs the commands at once; EndInvoke hands over what they wrote, or throws what stopped them
            handle = PSObject("System.Management.Automation.PowerShellAsyncResult", {"IsCompleted": True,
                                                                                    "CompletedSynchronously": False})
            try:
                self.pending[id(handle)] = (handle, self.invoke("BeginInvoke"), None)
            except Exception as e:  # noqa: BLE001 - a PSError of the runspace, rethrown by EndInvoke
                self.pending[id(handle)] = (handle, [], e)
            return handle
        if low == "endinvoke" and len(args) == 1:
            handle, output, error = self.pending.pop(id(args[0]), (None, None, None))
            if handle is None:
                raise UnsupportedConstruct("PowerShell.EndInvoke() of an async result this PowerShell object did not begin",
                                           getattr(self.node, "line", 0))
            if error is not None:
                raise self._rethrown(error, "EndInvoke", 1)
            return output
        if low in ("dispose", "stop") and not args:
            return VOID
        raise UnsupportedConstruct(f"PowerShell.{name}() with {len(args)} argument(s)", getattr(self.node, "line", 0))

    def invoke(self, method: str = "Invoke") -> list[Any]:
        try:
            output = self._invoke()
        except Exception as e:
            self.set("InvocationStateInfo", _state_info("Failed", getattr(e, "record", None) and e.record.get("Exception")))
            raise
        self.set("InvocationStateInfo", _state_info("Completed"))
        return output

    def _rethrown(self, error: Exception, method: str, argc: int) -> Exception:
        """The MethodInvocationException of Invoke(), as EndInvoke() throws it."""
        from labkit.twin.interpreter import PSError

        if isinstance(error, PSError):
            exc = error.record.get("Exception")
            message = to_string(exc.get("Message")) if isinstance(exc, PSObject) else to_string(error.record)
            prefix = 'Exception calling "Invoke" with "0" argument(s): '
            inner = exc.get("InnerException") if isinstance(exc, PSObject) else None
            if message.startswith(prefix) and isinstance(inner, PSObject):
                message = message[len(prefix) + 1:-1]
                return self._method_error(message, inner.type_name, inner, method, argc)
        return error

    def _parsed(self, text: str) -> Any:
        from labkit.twin.parser import parse

        try:
            return parse(text)
        except PSParseError as e:
            message = position_message(text, e.line, e.column, e.text)
            # incomplete input (a missing closing brace, quote ...) is an IncompleteParseException, as the
            # engine's ParseScriptBlock raises it (labkit.twin.dynamic)
            kind = "System.Management.Automation." + ("IncompleteParseException" if e.incomplete_input else "ParseException")
            inner = PSObject(kind, {"Message": message, "HResult": -2146233087}, tostring=message)
            record = PSObject("System.Management.Automation.ErrorRecord", {
                "Exception": inner, "FullyQualifiedErrorId": e.error_id, "TargetObject": None}, tostring=message)
            inner.set("ErrorRecord", record)    # the parse error's own id (EmptyPipeElement ...)
            raise self._method_error(message, kind, inner) from None

    def _pipeline(self, elements: list[_Element]) -> tuple[Any, dict[str, Any] | None]:
        """The script that runs one statement's pipeline, and its arguments: a lone script as it is;
        otherwise each element after the first takes the one before's output, as the runspace pipes them."""
        from labkit.twin.parser import parse

        trees = [self._parsed(el.text) if el.kind == "script" else None for el in elements]
        lone = elements[0]
        if len(elements) == 1 and lone.kind == "script" and not lone.positional and not lone.named and not lone.local_scope:
            return trees[0], None
        stages, args = [], {}
        for i, (el, tree) in enumerate(zip(elements, trees)):
            op = "." if el.kind == "script" and not el.local_scope else "&"
            stages.append(f"{op} ${_ARG}c{i} @{_ARG}p{i} @{_ARG}n{i}")
            args[f"{_ARG}c{i}"] = ScriptBlock(tree, el.text) if tree is not None else el.text
            args[f"{_ARG}p{i}"], args[f"{_ARG}n{i}"] = el.positional, el.named
        return parse(f"param(${', $'.join(args)}) " + " | ".join(stages)), args

    def _invoke(self) -> list[Any]:
        from labkit.twin.interpreter import Interpreter

        parent = self.engine
        if self.runspace is None:
            self.runspace = Interpreter(parent.world, parent.host, parent.lab, "", parent.state_dir)
            self.runspace.logon = getattr(parent, "logon", None)
            self.runspace.no_host_ui = True   # a runspace of its own has no host user interface: prompts fail (should_process)
        nested = self.runspace
        output: list[Any] = []
        for elements in self.statements:
            tree, args = self._pipeline(elements)
            seen = (len(nested.error_var), len(nested.errors), len(nested.warnings), len(nested.verbose), len(nested.information),
                    len(nested.debug))
            out, ok = nested.run(tree, args, in_global=True)
            for name in args or ():
                nested.global_scope.vars.pop(name.lower(), None)
            output.extend(out)
            streams = self.get("Streams")
            # the error stream: what $Error got but SilentlyContinue or 2>$null kept from being written
            errors = [r for r in reversed(nested.error_var[:len(nested.error_var) - seen[0]]) if id(r) not in nested.unshown_errors]
            if not ok and nested.errors[seen[1]:] and nested.errors[-1].terminating and errors:
                record = errors[-1]
                for r in errors[:-1]:
                    streams.get("Error").append(r)
                if getattr(nested.errors[-1], "preference_stop", False):
                    raise self._stopped(record)
                raise self._wrapped(record)
            for r in errors:
                streams.get("Error").append(r)
            for w in nested.warnings[seen[2]:]:
                streams.get("Warning").append(_record("Warning", w))
            for v in nested.verbose[seen[3]:]:
                streams.get("Verbose").append(_record("Verbose", v))
            for h in nested.information[seen[4]:]:
                streams.get("Information").append(h)
            for d in nested.debug[seen[5]:]:
                streams.get("Debug").append(_record("Debug", d))
            if errors:
                self.set("HadErrors", True)
        return output

    def _method_error(self, message: str, exception_type: str, inner: Any = None, method: str = "Invoke", argc: int = 0) -> Exception:
        from labkit.twin.interpreter import PSError

        outer = f'Exception calling "{method}" with "{argc}" argument(s): "{message}"'
        record, info = self.engine.record_for(outer, "NotSpecified", exception_type.rsplit(".", 1)[-1], None, self.node, "",
                                              exception_type="System.Management.Automation.MethodInvocationException")
        if inner is None:
            inner = PSObject(exception_type, {"Message": message, "HResult": -2146233087}, tostring=message)
        record.get("Exception").set("InnerException", inner)
        return PSError(record, info)

    def _stopped(self, record: PSObject) -> Exception:
        """An error that -ErrorAction Stop / $ErrorActionPreference = 'Stop' made terminating reaches the caller of
        Invoke() as an ActionPreferenceStopException (CommandBaseStrings.resx ErrorPreferenceStop)."""
        message = ("The running command stopped because the preference variable \"ErrorActionPreference\" or common parameter "
                   f"is set to Stop: {to_string(record)}")
        inner = PSObject("System.Management.Automation.ActionPreferenceStopException",
                         {"Message": message, "HResult": -2146233087, "ErrorRecord": record}, tostring=message)
        return self._method_error(message, inner.type_name, inner)

    def _wrapped(self, record: PSObject) -> Exception:
        exc = record.get("Exception")
        message = to_string(exc.get("Message")) if isinstance(exc, PSObject) else to_string(record)
        type_name = exc.type_name if isinstance(exc, PSObject) else "System.Management.Automation.RuntimeException"
        if isinstance(exc, PSObject):
            exc.set("ErrorRecord", record)    # RuntimeException.ErrorRecord: the record the runspace raised
        return self._method_error(message, type_name, exc)


_ISS = "System.Management.Automation.Runspaces.InitialSessionState"


def default_session_state(how: str) -> PSObject:
    """``[initialsessionstate]::CreateDefault()`` / ``CreateDefault2()``: the default session a new runspace gets (the
    twin's runspaces always start from it; https://learn.microsoft.com/dotnet/api/system.management.automation.runspaces.initialsessionstate)."""
    return PSObject(_ISS, {"LanguageMode": "FullLanguage"}, tostring=_ISS)


def create_runspace(engine: "Interpreter", args: list[Any], node: Any) -> RunspaceObject:
    """``[runspacefactory]::CreateRunspace()``, or with a default InitialSessionState (a host or another session
    state is refused)."""
    if args and not (len(args) == 1 and isinstance(args[0], PSObject) and args[0].type_name == _ISS):
        raise UnsupportedConstruct(f"[runspacefactory]::CreateRunspace() with {len(args)} argument(s)", getattr(node, "line", 0))
    return RunspaceObject(node)


def create(engine: "Interpreter", args: list[Any], node: Any) -> PowerShellObject:
    """``[powershell]::Create()``."""
    if args:
        raise UnsupportedConstruct(f"[powershell]::Create() with {len(args)} argument(s)", getattr(node, "line", 0))
    return PowerShellObject(engine, node)
