"""Delay-bind script blocks: ``Get-ChildItem | Rename-Item -NewName { $_.Name + '.bak' }``.

about_Script_Blocks (5.1), "Using delay-bind script blocks with parameters": a script block given to a parameter
that takes pipeline input, whose type is not ``[scriptblock]`` or ``[object]``, runs once per pipeline object
(``$_`` is the object) and its output is what binds.  Without pipeline input 5.1 refuses it
(ScriptBlockArgumentNoInput); a block that fails or writes nothing fails that object
(ScriptBlockArgumentInvocationFailed, ScriptBlockArgumentNoOutput).  The rules and texts are
CmdletParameterBinderController's (InvokeAndBindDelayBindScriptBlock, IsParameterScriptBlockBindable) and
ParameterBinderStrings.resx in PowerShell's source.

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_script_blocks?view=powershell-5.1#using-delay-bind-script-blocks-with-parameters
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from labkit.twin.signatures import ParamSig
from labkit.twin.values import ScriptBlock

_BINDABLE = {"object", "object[]", "psobject", "psobject[]", "scriptblock", "scriptblock[]", "system.object", "system.object[]",
             "system.management.automation.scriptblock", "system.management.automation.scriptblock[]",
             "system.management.automation.psobject", "system.management.automation.psobject[]"}


class DelayedScriptBlock:
    """A script block held for a parameter until each pipeline object is known."""

    __slots__ = ("block",)

    def __init__(self, block: ScriptBlock):
        self.block = block


def applies(p: ParamSig, value: Any) -> bool:
    """Whether ``value`` given to ``p`` is a delay-bind script block."""
    if not isinstance(value, ScriptBlock) or p.common or p.switch:
        return False
    if not any(i.by_value or i.by_property for i in p.sets.values()):
        return False
    if p.uncoerced is not None:                # a function's typed parameter: a [scriptblock] one takes the block as it is
        return not p.uncoerced(value)
    return p.type.lower() not in _BINDABLE


def no_input(name: str) -> Exception:
    from labkit.twin.binding import BindingError

    return BindingError(f"Cannot evaluate parameter '{name}' because its argument is specified as a script block and there is no "
                        "input. A script block cannot be evaluated without input.", "ScriptBlockArgumentNoInput", "MetadataError")


def delayed(args: dict[str, Any]) -> dict[str, DelayedScriptBlock]:
    return {k: v for k, v in args.items() if isinstance(v, DelayedScriptBlock)}


def evaluate(args: dict[str, Any], obj: Any, invoke: Callable[[ScriptBlock, Any], list[Any]]) -> dict[str, Any]:
    """``args`` with each delay-bind script block run for ``obj``: its one output, or its outputs as an array."""
    from labkit.twin.binding import BindingError
    from labkit.twin.errors import CmdletError
    from labkit.twin.values import PSRuntimeError

    out = dict(args)
    for name, d in delayed(args).items():
        try:
            result = invoke(d.block, obj)
        except (CmdletError, PSRuntimeError) as e:
            raise BindingError(f"The input to the script block for parameter '{name}' failed. {e}",
                               "ScriptBlockArgumentInvocationFailed", target=obj) from None
        except Exception as e:      # noqa: BLE001 - a thrown error of the block (the interpreter's PSError)
            if type(e).__name__ != "PSError":
                raise
            raise BindingError(f"The input to the script block for parameter '{name}' failed. {e}",
                               "ScriptBlockArgumentInvocationFailed", target=obj) from None
        if not result:
            raise BindingError(f"Cannot evaluate parameter '{name}' because its argument input did not produce any output.",
                               "ScriptBlockArgumentNoOutput", target=obj)
        out[name] = result[0] if len(result) == 1 else list(result)
    return out
