"""Error records as Windows PowerShell 5.1 prints them (its only error view;
ConciseView came with PowerShell 7)::

    Get-VM : Hyper-V was unable to find a virtual machine with name "X".
    At line:1 char:1
    + Get-VM X
    + ~~~~~~~~
        + CategoryInfo          : InvalidArgument: (X:String) [Get-VM], VirtualizationException
        + FullyQualifiedErrorId : InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM

The position lines follow PowerShell's ``PositionUtilities.VerboseMessage``
(src/System.Management.Automation/engine/parser/Position.cs in
https://github.com/PowerShell/PowerShell): the source line (trailing blanks
cut), ``~`` under the failing extent, long lines cut to 69 characters around
it with ``...`` (5.1 wrote three dots where PowerShell 7 writes an ellipsis),
and the resource text ``At {0}:{1} char:{2}`` (ParserStrings.TextForPositionMessage).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MAX_LINE = 69
_PARSE_PREFIX = re.compile(r"^parse error at line \d+, column \d+: ")


def position_message(line: int, col: int, source_line: str, length: int = 0) -> str:
    """``At line:N char:M`` and, when the line is known, the line and its ``+ ~~~`` marks.

    ``length`` is the extent's length on the line; 0 marks to the end of the line.
    """
    if line <= 0:
        return ""
    col = max(col, 1)
    head = f"At line:{line} char:{col}"
    text = source_line.rstrip()
    if not text:
        return head
    before = col - 1
    error_len = length if 0 < length and before + length <= len(text) else len(text) - before
    if "\t" in text:
        a, b, c = text[:before].replace("\t", "    "), text[before:before + error_len].replace("\t", "    "), \
            text[before + error_len:].replace("\t", "    ")
        before, error_len, text = len(a), len(b), a + b + c
    prefix_dots = suffix_dots = False
    if len(text) > MAX_LINE:
        total_prefix = before
        prefix = min(total_prefix, 12)
        total_suffix = len(text) - error_len - before
        suffix = min(total_suffix, 8)
        candidate = prefix + error_len + suffix
        if candidate >= MAX_LINE:
            if prefix + error_len >= MAX_LINE:
                error_len = MAX_LINE - prefix
            suffix_dots = True
        else:
            available = total_prefix - prefix
            if available > 0:
                prefix += min(available, MAX_LINE - candidate)
                candidate = prefix + error_len + suffix
            if candidate < MAX_LINE and total_suffix > 0:
                suffix += min(total_suffix, MAX_LINE - candidate)
            suffix_dots = suffix < total_suffix
        prefix_dots = prefix < total_prefix
        start = max(before - prefix, 0)
        text = text[start:start + MAX_LINE]
        before = min(before, prefix)
        error_len = min(error_len, MAX_LINE - before)
    shown = ("... " if prefix_dots else "") + text + (" ..." if suffix_dots else "")
    marks = " " * (before + (4 if prefix_dots else 0)) + "~" * max(error_len, 1)
    return f"{head}\n+ {shown}\n+ {marks}"


def error_lines(err: Any) -> list[str]:
    """The lines 5.1 prints for one error record (``ErrorRecordInfo``)."""
    message = str(getattr(err, "message", err))
    command = getattr(err, "command", "") or ""
    position = getattr(err, "position", None)
    if getattr(err, "category_view", False) and getattr(err, "category_info", ""):
        # $ErrorView = 'CategoryView' (about_Preference_Variables, 5.1)
        return [err.category_info]
    if getattr(err, "category", "") == "ParserError" and position:
        # a parse error: the position first, then the parser's message (without the twin's own prefix)
        lines = position.split("\n") + _PARSE_PREFIX.sub("", message).split("\n")
        lines.append(f"    + CategoryInfo          : {getattr(err, 'category_info', '') or 'ParserError: (:) [], ParseException'}")
        lines.append(f"    + FullyQualifiedErrorId : {getattr(err, 'error_id', '') or 'ParseException'}")
        return lines
    lines = (f"{command} : {message}" if command else message).split("\n")
    if position is None and getattr(err, "script_line", 0):
        position = position_message(err.script_line, getattr(err, "column", 1) or 1, getattr(err, "line_text", "") or "")
    if position:
        lines += position.split("\n")
    category_info = getattr(err, "category_info", "") or f"{getattr(err, 'category', '') or 'NotSpecified'}: (:) [], RuntimeException"
    lines.append(f"    + CategoryInfo          : {category_info}")
    error_id = getattr(err, "error_id", "") or ""
    if error_id:
        lines.append(f"    + FullyQualifiedErrorId : {error_id}")
    return lines


def format_error(err: Any) -> str:
    return "\n".join(error_lines(err))


@dataclass
class _Shown:
    """What the display reads of an ErrorRecord object."""

    message: str
    command: str
    position: str
    category_info: str
    error_id: str


def record_lines(record: Any) -> list[str]:
    """An ErrorRecord object written to the output (``catch { $_ }``, ``$Error[0]``): 5.1's ErrorRecord view
    prints it as the error display does."""
    inv, cat = record.get("InvocationInfo"), record.get("CategoryInfo")
    has_inv = inv is not None and hasattr(inv, "get")
    return error_lines(_Shown(
        message=str(record),
        command=str(inv.get("InvocationName") or inv.get("MyCommand") or "") if has_inv else "",
        position=str(inv.get("PositionMessage") or "") if has_inv else "",
        category_info=str(cat) if cat is not None else "",
        error_id=str(record.get("FullyQualifiedErrorId") or "")))


__all__ = ["position_message", "error_lines", "format_error", "record_lines"]
