"""$_.ScriptStackTrace: the calls that led to an error, innermost first, one ``at NAME, FILE: line N`` each, as 5.1
writes it (a function by its name, a script block or the script itself as ``<ScriptBlock>``, ``<No file>`` for text that
came from no file):

    at inner, <No file>: line 1
    at outer, <No file>: line 2
    at <ScriptBlock>, <No file>: line 3

https://learn.microsoft.com/dotnet/api/system.management.automation.errorrecord.scriptstacktrace
(the frames of a script file's calls keep the file's single frame: labkit.twin.script_files)
"""

from __future__ import annotations

from typing import Any


def _frame(name: str, line: int) -> str:
    shown = "<ScriptBlock>" if name == "ScriptBlock" else name
    return f"at {shown}, <No file>: line {line}"


def stack_trace(calls: list[tuple[Any, Any]], line: int) -> str | None:
    """The trace for an error at ``line`` of the innermost of ``calls`` (name, calling command); None when a script
    file is among them (its frames are placed by labkit.twin.script_files)."""
    if not calls or any(type(name) is not str for name, _ in calls):
        return None
    frames = [_frame(calls[-1][0], line)]
    for i in range(len(calls) - 1, 0, -1):
        frames.append(_frame(calls[i - 1][0], getattr(calls[i][1], "line", 0)))
    frames.append(_frame("ScriptBlock", getattr(calls[0][1], "line", 0)))
    return "\n".join(frames)
