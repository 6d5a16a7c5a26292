"""Code made at run time: ``Invoke-Expression`` and ``[scriptblock]::Create()``.

- Invoke-Expression runs the string in the caller's scope (its variables stay):
  https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/invoke-expression?view=powershell-5.1
- ``[scriptblock]::Create(text)`` returns an unbound script block:
  https://learn.microsoft.com/dotnet/api/system.management.automation.scriptblock.create
- A string that does not parse raises ``System.Management.Automation.ParseException``
  (category ParserError) with 5.1's error ID (``ExpectedValueExpression``,
  ``MissingEndCurlyBrace`` ...; see :mod:`labkit.twin.parse_errors`), catchable
  with try/catch; from ``::Create`` it arrives wrapped in a
  MethodInvocationException, as every .NET method's exception does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from labkit.twin import syntax as S
from labkit.twin.catch_types import escaping_cmdlet
from labkit.twin.errors import PSParseError
from labkit.twin.objects import PSObject
from labkit.twin.parse_errors import position_message
from labkit.twin.values import ScriptBlock, to_string

if TYPE_CHECKING:
    from labkit.twin.interpreter import Interpreter

PARSE_EXCEPTION = "System.Management.Automation.ParseException"


def parse_at_runtime(engine: "Interpreter", text: str, node: Any, command: str = "", method: str = "",
                     using_modules: bool = False) -> S.Script:
    """The script of ``text``, or a ParseException error (PSError) at ``node``; ``using_modules``: its ``using module``
    statements are done as part of the parse (their errors are its parse errors: labkit.twin.using_module)."""
    from labkit.twin.interpreter import PSError
    from labkit.twin.parser import parse

    try:
        script = parse(text)
        if using_modules and script.modules:
            from labkit.twin.using_module import load
            load(engine, script, as_parse_error=True)
        return script
    except PSParseError as e:
        message = position_message(text, e.line, e.column, e.text)
        incomplete = e.incomplete_input
        errors = [PSObject("System.Management.Automation.Language.ParseError",
                           {"ErrorId": e.error_id, "Message": e.text, "IncompleteInput": incomplete}, tostring=message)]
        if method:
            # the engine's ParseScriptBlock: "errors[0].IncompleteInput ? new IncompleteParseException(...) :
            # new ParseException(errors)" (PowerShell's AutomationEngine.cs); the record's ID is the type's name
            kind = "IncompleteParseException" if incomplete else "ParseException"
            outer = f'Exception calling "{method}" with "1" argument(s): "{message}"'
            record, info = engine.record_for(outer, "NotSpecified", kind, None, node, command,
                                             exception_type="System.Management.Automation.MethodInvocationException")
            inner = PSObject(f"System.Management.Automation.{kind}", {"Message": message, "HResult": -2146233087, "Errors": errors},
                             tostring=message)
            # ParseException(errors): its ErrorRecord's ID is the first error's (5.1's ParserException.cs)
            inner_record, _ = engine.record_for(message, "ParserError", e.error_id, None, node, command,
                                                exception_type=f"System.Management.Automation.{kind}")
            inner.set("ErrorRecord", inner_record)
            record.get("Exception").set("InnerException", inner)
        else:
            record, info = engine.record_for(message, "ParserError", e.error_id, None, node, command,
                                             exception_type=PARSE_EXCEPTION)
            record.get("Exception").set("Errors", errors)
            if command:
                record.set("FullyQualifiedErrorId", f"{e.error_id},Microsoft.PowerShell.Commands.InvokeExpressionCommand")
                info.error_id = record.get("FullyQualifiedErrorId")
        raise PSError(record, info) from None


def create_scriptblock(engine: "Interpreter", args: list[Any], node: Any) -> ScriptBlock:
    text = to_string(args[0]) if args else ""
    # `using module` is done when the text is parsed (labkit.twin.using_module)
    return ScriptBlock(parse_at_runtime(engine, text, node, method="Create", using_modules=True), text)


def invoke_expression(engine: "Interpreter", text: str, node: Any) -> Iterator[Any]:
    """Run ``text`` in the current scope; its output (what it wrote before an error too)."""
    from labkit.twin.interpreter import _Return

    from labkit.twin.usertypes import hoist

    script = parse_at_runtime(engine, text, node, command="Invoke-Expression")
    hoist(engine, script)
    out: list[Any] = []
    try:
        with escaping_cmdlet():      # an error leaving the text travels in a CmdletInvocationException (catch_types)
            engine.nested_call(node, engine.exec_script_body, script, out, None)
    except _Return as r:       # `return` ends the expression's script, not the caller
        out.extend(r.value)
    except BaseException as e:
        yield from out
        raise _qualified(e) from None
    yield from out


_IEX = "Microsoft.PowerShell.Commands.InvokeExpressionCommand"


def _qualified(e: BaseException) -> BaseException:
    """A runtime error of the expression's code carries Invoke-Expression's qualifier in 5.1,
    ``RuntimeException,Microsoft.PowerShell.Commands.InvokeExpressionCommand`` (what a `throw` raised
    keeps its own id)."""
    from labkit.twin.interpreter import PSError
    from labkit.twin.values import PSRuntimeError

    if isinstance(e, PSRuntimeError) and "," not in e.error_id:
        e.error_id = f"{e.error_id},{_IEX}"
    elif isinstance(e, PSError):
        fqid = str(e.record.get("FullyQualifiedErrorId") or "")
        exc = e.record.get("Exception")
        thrown = isinstance(exc, PSObject) and bool(exc.get("WasThrownFromThrowStatement"))
        if fqid and "," not in fqid and not thrown and fqid != str(exc.get("Message") if isinstance(exc, PSObject) else ""):
            e.record.set("FullyQualifiedErrorId", f"{fqid},{_IEX}")
            e.info.error_id = f"{fqid},{_IEX}"
    return e
