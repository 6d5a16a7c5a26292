"""The debug stream (5): Write-Debug and $PSCmdlet.WriteDebug() under $DebugPreference and -Debug (5.1).

- SilentlyContinue (the default): "The debug message isn't displayed and execution continues";
- Continue: the message is written to the debug stream (the console shows ``DEBUG: message``; ``5>&1`` makes it a
  DebugRecord in the output, ``5> file`` writes it to the file);
- Stop: the message is written, then the command stops with "The running command stopped because the preference
  variable "DebugPreference" or common parameter is set to Stop: message";
- Inquire, which ``-Debug`` means in 5.1 ("changes the value of the $DebugPreference variable to Inquire"), asks whether
  to continue: a prompt the twin cannot answer, refused as not emulated; ``-Debug:$false`` hides the message.
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_preference_variables?view=powershell-5.1#debugpreference
https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/write-debug?view=powershell-5.1
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labkit.twin.errors import NotEmulated
from labkit.twin.values import to_bool, to_string

if TYPE_CHECKING:
    from labkit.twin.interpreter import Interpreter


def preference(engine: "Interpreter", common: dict[str, Any]) -> str:
    """What governs a debug message: -Debug of the command (Inquire, or SilentlyContinue for -Debug:$false),
    else $DebugPreference."""
    if "Debug" in common:
        return "inquire" if to_bool(common["Debug"]) else "silentlycontinue"
    return to_string(engine.pref("debugpreference", "SilentlyContinue")).lower()


def write_debug(engine: "Interpreter", text: str, common: dict[str, Any], node: Any, command: str, how: str = "") -> None:
    """``how``: what wrote the message, when not the command itself (``$PSCmdlet.WriteDebug()``)."""
    action = preference(engine, common)
    if action in ("silentlycontinue", "ignore"):
        return
    if action not in ("continue", "stop"):
        why = " (5.1 asks whether to continue: a prompt)" if action == "inquire" else ""
        raise NotEmulated(command, f"{how + ' ' if how else ''}writing a debug message with $DebugPreference / -Debug {action}{why}")
    engine.debug.append(text)
    if action == "stop":
        engine.terminate_stop("The running command stopped because the preference variable \"DebugPreference\" or common "
                              f"parameter is set to Stop: {text}", node, command)
