"""The records of the warning, verbose and debug streams (WarningRecord, VerboseRecord, DebugRecord: InformationalRecord)
and how 5.1 prints them, and the information stream's InformationRecord, when they reach the output.

PowerShellCore.format.ps1xml's views print a WarningRecord (and its siblings) as its Message and an InformationRecord as
its ToString(), out of band.  A record that a redirection (``3>&1``, ``*>&1``) brought into the output also carries the
stream it came from (PSObject.WriteStream, 5.0 and later), and the console writes it with that stream's host call:
"WARNING: text", "VERBOSE: text", "DEBUG: text" (InternalHostUserInterfaceStrings WarningFormatString ...); the same
record read from -WarningVariable has no stream and prints as its Message.
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_redirection?view=powershell-5.1
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from labkit.twin.objects import PSObject

_PREFIX = {"System.Management.Automation.WarningRecord": "WARNING: ", "System.Management.Automation.VerboseRecord": "VERBOSE: ",
           "System.Management.Automation.DebugRecord": "DEBUG: "}
INFORMATIONAL = frozenset(_PREFIX)
INFORMATION = "System.Management.Automation.InformationRecord"
# whether the text being made is the console's (the host writes a redirected record with its stream's call); Out-String
# and Out-File format the record by its view alone
CONSOLE: ContextVar[bool] = ContextVar("console_output", default=False)


class RedirectedRecord(PSObject):
    """A record a redirection wrote into the output: it remembers its stream (PSObject.WriteStream)."""

    __slots__ = ()


def redirected(type_name: str, message: str) -> PSObject:
    return RedirectedRecord([type_name, "System.Management.Automation.InformationalRecord", "System.Object"],
                            {"Message": message, "InvocationInfo": None, "PipelineIterationInfo": []}, tostring=message)


def is_stream_record(item: Any) -> bool:
    return isinstance(item, PSObject) and (item.type_name in INFORMATIONAL or item.type_name == INFORMATION)


def record_text(item: PSObject) -> str:
    """What the console prints for the record in the output."""
    if item.type_name == INFORMATION:
        return str(item)
    message = str(item.get("Message") or "")
    return _PREFIX[item.type_name] + message if isinstance(item, RedirectedRecord) and CONSOLE.get() else message
