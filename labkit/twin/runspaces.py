"""``[powershell]::Create()``: a PowerShell object that runs script text in a new runspace.

https://learn.microsoft.com/en-us/dotnet/api/system.management.automation.powershell?view=powershellsdk-1.1.0

The twin's runspace is a new interpreter on the same host of the same world: its own
global scope, variables and functions, nothing of the caller's.  Emulated:
``AddScript(text)``, ``AddCommand(name)``, ``AddArgument(value)``, ``AddParameter(name[, value])``,
``AddParameters(dictionary)``, ``AddStatement()``, ``Invoke()``, ``Dispose()``, ``Stop()``
and the properties ``HadErrors``, ``Streams`` (Error, Warning, Verbose, Information; ``ClearStreams()``)
and ``Commands`` (``Clear()``).

- ``Invoke()`` returns what the commands wrote; their non-terminating errors go to
  ``Streams.Error`` (``HadErrors`` is then ``$true``).
- A script that does not parse, or a terminating error, makes ``Invoke()`` throw a
  MethodInvocationException ``Exception calling "Invoke" with "0" argument(s): "..."`` whose
  FullyQualifiedErrorId is the inner exception's type name (ParseException, RuntimeException ...),
  as a .NET method call that throws does in 5.1.
- Anything else (runspace pools, async invocation, ``Create(RunspaceMode)``) is refused as not emulated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labkit.twin.dotnet_values import ArrayList
from labkit.twin.errors import PSParseError, UnsupportedConstruct
from labkit.twin.members import VOID   # what a void .NET method returns: nothing is written
from labkit.twin.objects import PSObject
from labkit.twin.parse_errors import position_message
from labkit.twin.values import PSHashtable, ScriptBlock, to_string

if TYPE_CHECKING:
    from labkit.twin.interpreter import Interpreter

TYPE_NAME = "System.Management.Automation.PowerShell"
_RUN = "param($__pkCommand, $__pkPositional, $__pkNamed) & $__pkCommand @__pkPositional @__pkNamed"


class _Statement:
    """One statement of the PowerShell object: a script or a command, with its arguments."""

    def __init__(self, kind: str, text: str):
        self.kind, self.text = kind, text
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
            return VOID
        raise UnsupportedConstruct(f"PSCommand.{name}()", 0)


class PowerShellObject(PSObject):
    __slots__ = ("engine", "statements", "node")

    def __init__(self, engine: "Interpreter", node: Any):
        super().__init__(TYPE_NAME, {"HadErrors": False, "Streams": _Streams(), "InvocationStateInfo": None},
                         tostring=TYPE_NAME)
        self.set("Commands", _Commands(self))
        self.engine, self.node = engine, node
        self.statements: list[_Statement] = []

    def _current(self, method: str) -> _Statement:
        if not self.statements:
            raise UnsupportedConstruct(f"PowerShell.{method}() before AddScript()/AddCommand()", getattr(self.node, "line", 0))
        return self.statements[-1]

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        low = name.lower()
        if low == "addscript" and len(args) in (1, 2):
            self.statements.append(_Statement("script", to_string(args[0])))
            return self
        if low == "addcommand" and len(args) in (1, 2):
            self.statements.append(_Statement("command", to_string(args[0])))
            return self
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
            return self
        if low == "invoke" and not args:
            return self.invoke()
        if low in ("dispose", "stop") and not args:
            return VOID
        raise UnsupportedConstruct(f"PowerShell.{name}() with {len(args)} argument(s)", getattr(self.node, "line", 0))

    def invoke(self) -> list[Any]:
        from labkit.twin.interpreter import Interpreter
        from labkit.twin.parser import parse

        parent = self.engine
        output: list[Any] = []
        for st in self.statements:
            text = st.text if st.kind == "script" else _RUN
            try:
                tree = parse(text)
            except PSParseError as e:
                message = position_message(text, e.line, e.column, e.text)
                # incomplete input (a missing closing brace, quote ...) is an IncompleteParseException, as the
                # engine's ParseScriptBlock raises it (labkit.twin.dynamic)
                incomplete = e.error_id.startswith("Missing") or e.error_id == "TerminatorExpectedAtEndOfString"
                kind = "System.Management.Automation." + ("IncompleteParseException" if incomplete else "ParseException")
                inner = PSObject(kind, {"Message": message, "HResult": -2146233087}, tostring=message)
                record = PSObject("System.Management.Automation.ErrorRecord", {
                    "Exception": inner, "FullyQualifiedErrorId": e.error_id, "TargetObject": None}, tostring=message)
                inner.set("ErrorRecord", record)    # the parse error's own id (EmptyPipeElement ...)
                raise self._method_error(message, kind, inner) from None
            nested = Interpreter(parent.world, parent.host, parent.lab, text, parent.state_dir)
            nested.logon = getattr(parent, "logon", None)
            if st.kind == "command":
                args = {"__pkCommand": st.text, "__pkPositional": st.positional, "__pkNamed": st.named}
            elif st.positional or st.named:
                # a script with arguments: run it as a script block given them
                block = ScriptBlock(tree, text)
                tree = parse(_RUN)
                args = {"__pkCommand": block, "__pkPositional": st.positional, "__pkNamed": st.named}
            else:
                args = None
            out, ok = nested.run(tree, args)
            output.extend(out)
            streams = self.get("Streams")
            errors = list(reversed(nested.error_var))
            if not ok and nested.errors and nested.errors[-1].terminating and errors:
                record = errors[-1]
                for r in errors[:-1]:
                    streams.get("Error").append(r)
                raise self._wrapped(record)
            for r in errors:
                streams.get("Error").append(r)
            for w in nested.warnings:
                streams.get("Warning").append(w)
            for v in nested.verbose:
                streams.get("Verbose").append(v)
            for h in nested.host_output:
                streams.get("Information").append(h)
            if errors:
                self.set("HadErrors", True)
        return output

    def _method_error(self, message: str, exception_type: str, inner: Any = None) -> Exception:
        from labkit.twin.interpreter import PSError

        outer = f'Exception calling "Invoke" with "0" argument(s): "{message}"'
        record, info = self.engine.record_for(outer, "NotSpecified", exception_type.rsplit(".", 1)[-1], None, self.node, "",
                                              exception_type="System.Management.Automation.MethodInvocationException")
        if inner is None:
            inner = PSObject(exception_type, {"Message": message, "HResult": -2146233087}, tostring=message)
        record.get("Exception").set("InnerException", inner)
        return PSError(record, info)

    def _wrapped(self, record: PSObject) -> Exception:
        exc = record.get("Exception")
        message = to_string(exc.get("Message")) if isinstance(exc, PSObject) else to_string(record)
        type_name = exc.type_name if isinstance(exc, PSObject) else "System.Management.Automation.RuntimeException"
        if isinstance(exc, PSObject):
            exc.set("ErrorRecord", record)    # RuntimeException.ErrorRecord: the record the runspace raised
        return self._method_error(message, type_name, exc)


def create(engine: "Interpreter", args: list[Any], node: Any) -> PowerShellObject:
    """``[powershell]::Create()``."""
    if args:
        raise UnsupportedConstruct(f"[powershell]::Create() with {len(args)} argument(s)", getattr(node, "line", 0))
    return PowerShellObject(engine, node)
