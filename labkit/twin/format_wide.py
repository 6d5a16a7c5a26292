"""Format-Wide as Windows PowerShell 5.1 prints it.

Sources: https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/format-wide?view=powershell-5.1
and PowerShell's formatter at commit 237ccbd (5.1's code): FormatViewGenerator_Wide.cs (one value per object:
the property asked for, else the type's wide view, else the object's display name: its "name", "id" or "key"
property ..., else the first property), BaseOutputtingCommand.cs WideOutputContext (two items a row unless
-Column; -AutoSize fits as many as the widest value allows: TableWriter.ComputeWideViewBestItemsPerRowFit;
columns share the line, ColumnWidthManager; the last row padded with empty cells), the wide views of
FileSystem_format_ps1xml.cs (Name, a folder as [Name], grouped by folder) and DotNetTypes_format_ps1xml.cs
(a process's ProcessName).
"""

from __future__ import annotations

import fnmatch
from typing import Any, Callable

from labkit.twin.errors import CmdletError
from labkit.twin.format import _dictionary_rows, _fit, _group_header, _group_runs, _text, cell, column_widths, line_columns
from labkit.twin.format import SCREEN_WIDTH
from labkit.twin.objects import PSObject
from labkit.twin.values import PSHashtable
from labkit.twin.views import Column, TableView, views_for

Value = Callable[[Any], Any]

_DISPLAY_NAMES = ("name", "id", "key", "*key", "*name", "*id")   # PSObjectHelper.GetDisplayNameExpression


def _has(o: Any, *types: str) -> bool:
    return isinstance(o, PSObject) and any(t.lower() in (n.lower() for n in o.type_names) for t in types)


def _view_value(o: Any) -> Value | None:
    if _has(o, "System.IO.DirectoryInfo"):
        return lambda x: f"[{x.get('Name')}]"
    if _has(o, "System.IO.FileInfo"):
        return lambda x: x.get("Name")
    if _has(o, "System.Diagnostics.Process"):
        return lambda x: x.get("ProcessName")
    return None


def _display_name(o: Any) -> Value | None:
    if not isinstance(o, PSObject):
        return None
    names = o.names()
    for pattern in _DISPLAY_NAMES:
        found = [n for n in names if fnmatch.fnmatchcase(n.lower(), pattern)]
        if found:
            return lambda x, n=found[0]: x.get(n)
    first = (list(o.display) or names)[:1]
    return (lambda x, n=first[0]: x.get(n)) if first else None


def _group_view(objects: list[Any]) -> TableView:
    """The FileSystem wide view groups by folder as its table view does; the others do not group."""
    found = views_for(objects[0]) if objects else None
    table = found.for_table() if found else None
    if table is not None and table.group_by is not None and _has(objects[0], "System.IO.FileInfo", "System.IO.DirectoryInfo"):
        return TableView((), source="", group_label=table.group_label, group_by=table.group_by,
                         group_indent=table.group_indent, group_blank_after=table.group_blank_after)
    return TableView((), source="")


def _items_per_row(longest: int, screen: int) -> int:
    """TableWriter.ComputeWideViewBestItemsPerRowFit."""
    if longest <= 0 or screen < 1 or longest >= screen:
        return 1
    n = 1
    while longest * (n + 1) + n < screen:
        n += 1
    return n


def format_wide(objects: list[Any], prop: Column | None = None, column: int | None = None, autosize: bool = False) -> str:
    if column is not None and column < 1:
        raise CmdletError(f"Cannot validate argument on parameter 'Column'. The {column} argument is less than the minimum "
                          "allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the "
                          "command again.", "InvalidData", "ParameterArgumentValidationError")
    if not objects:
        return ""
    # a dictionary shows its entries (PSObjectHelper.GetEnumerable), each by its display name, the key
    objects = [e for o in objects for e in (_dictionary_rows(o) if isinstance(o, PSHashtable) else [o])]
    values: dict[int, str] = {}
    for o in objects:
        if prop is not None:
            get = prop.value if callable(prop.value) else (lambda x, n=prop.value: x.get(n) if isinstance(x, (PSObject, PSHashtable)) else None)
        else:
            get = _view_value(o) or _display_name(o) or (lambda x: x)
        try:
            values[id(o)] = cell(get(o))
        except (TypeError, ValueError, AttributeError):
            values[id(o)] = ""
    columns = line_columns.get()
    screen = SCREEN_WIDTH if columns is None else columns   # GetConsoleWindowWidth
    view = _group_view(objects)
    lines = [""]                                                            # format start
    for key, members in _group_runs(view, objects):
        texts = [values[id(o)] for o in members]
        per_row = column or (_items_per_row(max(len(t) for t in texts), screen) if autosize else 2)
        widths = column_widths([0] * per_row, [0] * per_row, screen) if per_row > 0 else []
        lines += _group_header(view, key)                                   # group start
        for start in range(0, len(texts), per_row):
            row = texts[start:start + per_row] + [""] * (per_row - len(texts[start:start + per_row]))
            lines.append(" ".join(_fit(t, w) for t, w in zip(row, widths) if w > 0))
        lines.append("")                                                    # group end
    return _text(lines + [""])                                              # format end
