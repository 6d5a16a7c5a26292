"""The error stream as ``powershell.exe -EncodedCommand`` writes it to stderr.

When its output is redirected, Windows PowerShell 5.1 serializes the error
(and progress) streams as CLIXML::

    #< CLIXML
    <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj S="progress" ...>...</Obj><S S="Error">Get-Item : Cannot find path 'C:\\x' because it does not exist._x000D__x000A_</S><S S="Error">At line:1 char:1_x000D__x000A_</S>...</Objs>

Each error record is the "normal view" text, one ``<S S="Error">`` per line:
message, ``At line:N char:M``, ``+ <the line>``, ``+ ~~~~``, ``    + CategoryInfo ...``,
``    + FullyQualifiedErrorId ...``, and a blank line.  Control characters and
``_x`` sequences are escaped as ``_xHHHH_``.  A progress record ("Preparing
modules for first use.") comes first, as module auto-loading writes one on
Windows; clients must skip it.
"""

from __future__ import annotations

import re
from typing import Any, Iterable
from xml.sax.saxutils import escape

from labkit.twin.error_view import error_lines as view_error_lines

HEADER = "#< CLIXML\r\n"
_OBJS_OPEN = '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">'
PROGRESS = (
    '<Obj S="progress" RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN>'
    '<MS><I64 N="SourceId">1</I64><PR N="Record"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil />'
    "<PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj>"
)


def encode_text(text: str) -> str:
    """``text`` escaped the way PowerShell's serializer writes strings in CLIXML."""
    text = re.sub(r"_(x[0-9A-Fa-f]{4}_)", r"_x005F_\1", text)
    text = re.sub(r"[\x00-\x1f]", lambda m: f"_x{ord(m.group()):04X}_", text)
    return escape(text)


def _ps_type(value: Any) -> str:
    if value is None:
        return "Object"
    return {"str": "String", "int": "Int32", "float": "Double", "bool": "Boolean"}.get(type(value).__name__, type(value).__name__)


def error_lines(err: Any, script: str) -> list[str]:
    """The normal-view lines of one error record.

    ``err`` is the twin's ErrorRecordInfo (message, category, error_id, target,
    script_line, column, command, line_text) or anything with a ``message``.
    """
    if getattr(err, "category_info", ""):
        # a twin error record: 5.1's own layout (labkit.twin.error_view), then the blank record separator
        return [*view_error_lines(err), " "]
    message = str(getattr(err, "message", err))
    category = getattr(err, "category", None) or "NotSpecified"
    error_id = getattr(err, "error_id", None) or "RuntimeException"
    target = getattr(err, "target", None)
    command = getattr(err, "command", "") or ""
    line_no = getattr(err, "script_line", None)
    column = getattr(err, "column", None) or 1
    lines = (f"{command} : {message}" if command else message).split("\n")
    if line_no:
        lines.append(f"At line:{line_no} char:{column}")
        code = getattr(err, "line_text", "") or ""
        src = script.split("\n")
        if not code and 0 < line_no <= len(src):
            code = src[line_no - 1].rstrip("\r")
        code = code.strip()
        if code:
            lines.append(f"+ {code}")
            lines.append("+ " + "~" * max(1, len(code)))
    target_text = "" if target is None else str(target)
    lines.append(f"    + CategoryInfo          : {category}: ({target_text}:{_ps_type(target)}) [{command}], RuntimeException")
    lines.append(f"    + FullyQualifiedErrorId : {error_id}")
    lines.append(" ")
    return lines


def render(errors: Iterable[Any], script: str = "", *, progress: bool = True) -> str:
    """The stderr text for ``errors`` (empty when there are none and no progress record)."""
    parts = [PROGRESS] if progress else []
    for err in errors:
        for line in error_lines(err, script):
            parts.append(f'<S S="Error">{encode_text(line + chr(13) + chr(10))}</S>')
    if not parts:
        return ""
    return HEADER + _OBJS_OPEN + "".join(parts) + "</Objs>"
