"""``$ExecutionContext``: the EngineIntrinsics object a script sees, with what the twin runs of it.

- ``$ExecutionContext.InvokeCommand.NewScriptBlock(text)`` makes a script block from text, as
  ``[scriptblock]::Create`` does (CommandInvocationIntrinsics.NewScriptBlock:
  https://learn.microsoft.com/dotnet/api/system.management.automation.commandinvocationintrinsics.newscriptblock);
  text that does not parse is 5.1's ParseException (IncompleteParseException when the input ends too early),
  in a MethodInvocationException as every .NET method's exception.
- The other members (``SessionState``, ``InvokeProvider``, ``Host``, ``Events``, ``InvokeCommand.ExpandString`` ...)
  are not modelled: reading or calling one is refused as not emulated (labkit.twin.unmodelled), never a silent $null.
"""

from __future__ import annotations

from typing import Any

from labkit.twin.errors import PSParseError
from labkit.twin.objects import PSObject
from labkit.twin.values import ScriptBlock, to_string

ENGINE_INTRINSICS = "System.Management.Automation.EngineIntrinsics"
COMMAND_INVOCATION = "System.Management.Automation.CommandInvocationIntrinsics"


class CommandInvocationIntrinsics(PSObject):
    """``$ExecutionContext.InvokeCommand``."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(COMMAND_INVOCATION, {}, tostring=COMMAND_INVOCATION)

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        from labkit.twin.method_overloads import count_error, method_exception, not_emulated
        from labkit.twin.parse_errors import position_message
        from labkit.twin.parser import parse

        if name.lower() != "newscriptblock":
            raise not_emulated(f"CommandInvocationIntrinsics.{name}() ($ExecutionContext.InvokeCommand.{name})")
        if len(args) != 1:
            raise count_error(name, len(args))
        text = to_string(args[0]) if args[0] is not None else ""
        try:
            return ScriptBlock(parse(text), text)
        except PSParseError as e:
            kind = "IncompleteParseException" if e.incomplete_input else "ParseException"
            raise method_exception(name, 1, f"System.Management.Automation.{kind}",
                                   position_message(text, e.line, e.column, e.text)) from None


def execution_context() -> PSObject:
    """The value of ``$ExecutionContext``."""
    return PSObject(ENGINE_INTRINSICS, {"InvokeCommand": CommandInvocationIntrinsics()}, tostring=ENGINE_INTRINSICS)
