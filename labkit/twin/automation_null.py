"""AutomationNull.Value: "nothing was written", apart from ``$null``.

PowerShell keeps two empty values apart (PowerShell's source, commit 929903692e of the mirror, still 5.1's
engine in these paths):

- ``$null`` is a value: written to a pipeline it is one object (``$null | ForEach-Object {'y'}`` writes
  ``y`` once; ``@($null).Count`` is 1);
- ``[System.Management.Automation.Internal.AutomationNull]::Value`` is what a pipeline, a command, a
  ``$( )`` or ``( )`` that wrote nothing gives (``PipelineOps.PipelineResult`` returns it for an empty
  result list, MiscOps.cs), what a void method call and a ``[void]`` cast give (Compiler.cs), and what a
  variable assigned from them holds (``$x = & {}``: the assignment stores the pipeline result as it is).
  The pipe writer drops it (``PSPipeWriterBinder.AutomationNullRule``, Binders.cs), so it writes
  nothing: ``$x | ForEach-Object {'y'}`` runs the command without input (``PipelineOps.InvokePipeline``
  puts a no-op command first), ``@($x).Count`` is 0.

Everywhere else it reads as ``$null``: ``$x -eq $null`` is True, a command argument or a method argument
is ``$null`` (``CheckAutomationNullInCommandArgument``, MiscOps.cs), ``foreach ($i in $x)`` runs zero
times as it does for ``$null`` since 3.0 (about_Foreach).

The twin holds it in variables only (``Scope.vars``); reading a variable gives ``None`` except where the
interpreter asks whether a value writes nothing (a pipeline's first expression).
"""

from __future__ import annotations

from typing import Any

# https://learn.microsoft.com/dotnet/api/system.management.automation.internal.automationnull
TYPE_NAME = "System.Management.Automation.Internal.AutomationNull"


class AutomationNullValue:
    """The one AutomationNull.Value (falsy, as ``$null`` is)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "AutomationNull.Value"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "AUTOMATION_NULL"      # copies and pickles stay the one value (the module attribute)


AUTOMATION_NULL = AutomationNullValue()


def result_of(out: list[Any]) -> Any:
    """A pipeline's result as an assignment or ``( )`` takes it: nothing -> AutomationNull.Value,
    one object -> itself, more -> an array (``PipelineOps.PipelineResult``)."""
    if not out:
        return AUTOMATION_NULL
    return out[0] if len(out) == 1 else out


def as_null(value: Any) -> Any:
    """The value as every other consumer reads it: AutomationNull.Value is ``$null``."""
    return None if value is AUTOMATION_NULL else value


def is_type_name(name: str) -> bool:
    """Whether a type literal names AutomationNull (``[System.Management.Automation.Internal.AutomationNull]``)."""
    return name.strip().lower() == TYPE_NAME.lower()
