"""Rendering values as Windows PowerShell 5.1 prints them.

- :func:`render` turns the output stream into the text ``Out-Default``
  prints: strings as they are, objects as a table (as a list when they
  have more than four properties), consecutive objects of one shape in one
  table, a new formatting sequence after each Format-* output;
- :func:`format_table` / :func:`format_list` are ``Format-Table`` /
  ``Format-List`` (``format_wide.py``: ``Format-Wide``);
- the text follows PowerShell's formatter as 5.1 has it (commit 237ccbd of
  PowerShell/PowerShell, FormatAndOutput/common): its empty lines, column widths,
  padded cells, '...' and word wrap (``text_lines.py``);
- ``-f``, ``ToString('N2')`` and date formats follow .NET composite formatting.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable

from labkit.twin import net_number_format, timespan_parts
from labkit.twin.types import value_type
from labkit.twin.errors import UnsupportedConstruct
from labkit.twin.error_view import record_lines
from labkit.twin.stream_records import is_stream_record, record_text
from labkit.twin.help_views import help_lines, help_view
from labkit.twin.text_lines import ELLIPSIS, generate_lines, split_lines, truncate_at_newline
from labkit.twin.objects import PSEnum, PSObject, collection_element_name
from labkit.twin.views import Column, ListView, TableView, Views, column_value, views_for
from labkit.twin.values import PSHashtable, PSRuntimeError, ScriptBlock, format_number, to_number, to_string

ERROR_RECORD = "System.Management.Automation.ErrorRecord"

# PowerShell shows at most 4 properties in a default table, otherwise a list.
TABLE_MAX_PROPS = 4


# -- .NET formatting -------------------------------------------------------------------

_FMT_ITEM = re.compile(r"\{\{|\}\}|\{(\d+)\s*(?:,\s*(-?\d+))?\s*(?::([^}]*))?\}")


def format_operator(fmt: str, args: list[Any]) -> str:
    """``"{0,-10} {1:N2}" -f $a, $b``."""

    def repl(m: re.Match[str]) -> str:
        if m.group(0) == "{{":
            return "{"
        if m.group(0) == "}}":
            return "}"
        idx = int(m.group(1))
        if idx >= len(args):
            raise PSRuntimeError(
                f'Error formatting a string: Index (zero based) must be greater than or equal to zero and less than the size of the argument list..',
                "InvalidOperation", "FormatError")
        value = args[idx]
        spec = m.group(3)
        if spec and isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                text = format_number_net(value, spec)
            except PSRuntimeError as e:
                if e.error_id != "FormatException":
                    raise
                # the -f operator's own wrapping (ParserStrings FormatError: "Error formatting a string: {0}.")
                raise PSRuntimeError(f"Error formatting a string: {e}.", "InvalidOperation", "FormatError") from None
        elif spec and isinstance(value, datetime):
            text = format_datetime_net(value, spec)
        elif spec and hasattr(value, "format_with"):       # a script class's object: IFormattable (labkit.twin.usertypes)
            text = value.format_with(spec)
        elif isinstance(value, list):
            # String.Format calls the argument's own ToString(): an array inside the arguments is its type name,
            # not PowerShell's "1 2" (StringOps.FormatOperator passes the object[] to StringUtil.Format)
            text = value_type(value).full_name
        else:
            text = to_string(value)
        width = m.group(2)
        if width:
            w = int(width)
            text = text.ljust(-w) if w < 0 else text.rjust(w)
        return text

    return _FMT_ITEM.sub(repl, fmt)


def format_number_net(value: int | float, spec: str) -> str:
    """``"{0:spec}" -f $n`` / ``$n.ToString(spec)``: .NET's standard and custom numeric formats (en-US),
    labkit/twin/net_number_format.py; a format it does not model is refused, never answered loosely."""
    if not spec:
        return format_number(value)
    if spec[0].isalpha() and (len(spec) == 1 or spec[1:].isdigit()):      # a standard format: a letter and a precision
        text = net_number_format.standard(value, spec)
        if text is None and spec[0].upper() in "GR":
            return format_number(value)          # the value's own ToString(): 15 significant digits
        if text is None:
            # .NET: FormatException "Format specifier was invalid." (D or X on a non-integer, an unknown letter)
            raise PSRuntimeError("Format specifier was invalid.", "NotSpecified", "FormatException")
        return text
    text = net_number_format.custom(value, spec)
    if text is None:
        raise UnsupportedConstruct(f"the numeric format '{spec}'", 0)
    return text


_DATE_TOKENS = [
    ("yyyy", "{yyyy}"), ("yy", "%y"), ("MMMM", "%B"), ("MMM", "%b"), ("MM", "%m"), ("M", "{M}"), ("dddd", "%A"),
    ("ddd", "%a"), ("dd", "%d"), ("d", "{d}"), ("HH", "%H"), ("H", "{H}"), ("hh", "%I"), ("h", "{h}"), ("mm", "%M"),
    ("m", "{m}"), ("ss", "%S"), ("s", "{s}"), ("fffffff", "{fffffff}"), ("ffffff", "{ffffff}"), ("fffff", "{fffff}"), ("ffff", "{ffff}"),
    ("fff", "{fff}"), ("ff", "{ff}"), ("f", "{f}"), ("tt", "%p"), ("K", ""),
    # the lab clock keeps UTC: the offset is zero ("zzz" +00:00, "zz" +00, "z" +0)
    ("zzz", "+00:00"), ("zz", "+00"), ("z", "+0"),
]


def format_datetime_net(value: datetime, spec: str) -> str:
    """``Get-Date -Format`` / ``.ToString(fmt)`` with .NET custom and a few standard formats."""
    standard = {
        "o": f"{value.year:04d}-" + value.strftime("%m-%dT%H:%M:%S.") + f"{value.microsecond * 10:07d}",
        "s": f"{value.year:04d}-" + value.strftime("%m-%dT%H:%M:%S"), "u": f"{value.year:04d}-" + value.strftime("%m-%d %H:%M:%SZ"),
        "d": f"{value.month}/{value.day}/{value.year:04d}", "t": value.strftime("%I:%M %p").lstrip("0"),
        "T": value.strftime("%I:%M:%S %p").lstrip("0"), "g": f"{value.month}/{value.day}/{value.year:04d} " + value.strftime("%I:%M %p").lstrip("0"),
        "G": f"{value.month}/{value.day}/{value.year:04d} " + value.strftime("%I:%M:%S %p").lstrip("0"),
        "D": value.strftime("%A, %B ") + f"{value.day}, {value.year:04d}",
        "F": value.strftime("%A, %B ") + f"{value.day}, {value.year:04d} " + value.strftime("%I:%M:%S %p").lstrip("0"),
        # en-US's other standard patterns (https://learn.microsoft.com/en-us/dotnet/standard/base-types/standard-date-and-time-format-strings);
        # the lab clock keeps UTC, so "U" is the same instant
        "f": value.strftime("%A, %B ") + f"{value.day}, {value.year:04d} " + value.strftime("%I:%M %p").lstrip("0"),
        "U": value.strftime("%A, %B ") + f"{value.day}, {value.year:04d} " + value.strftime("%I:%M:%S %p").lstrip("0"),
        "m": value.strftime("%B ") + str(value.day), "M": value.strftime("%B ") + str(value.day),
        "y": value.strftime("%B ") + f"{value.year:04d}", "Y": value.strftime("%B ") + f"{value.year:04d}",
        "r": value.strftime("%a, %d %b ") + f"{value.year:04d}" + value.strftime(" %H:%M:%S GMT"),
        "R": value.strftime("%a, %d %b ") + f"{value.year:04d}" + value.strftime(" %H:%M:%S GMT"),
    }
    if spec in standard:
        return standard[spec]
    out = []
    i = 0
    while i < len(spec):
        if spec[i] in "'\"":
            j = spec.find(spec[i], i + 1)
            j = len(spec) if j == -1 else j
            out.append(spec[i + 1:j].replace("%", "%%"))
            i = j + 1
            continue
        if spec[i] == "\\" and i + 1 < len(spec):
            out.append(spec[i + 1])
            i += 2
            continue
        if spec[i] == "%" and i + 1 < len(spec):
            # "%d": the custom specifier d alone (https://learn.microsoft.com/en-us/dotnet/standard/base-types/custom-date-and-time-format-strings#using-single-custom-format-specifiers)
            i += 1
            continue
        for tok, rep in _DATE_TOKENS:
            if spec.startswith(tok, i):
                out.append(rep)
                i += len(tok)
                break
        else:
            out.append(spec[i].replace("%", "%%"))
            i += 1
    text = value.strftime("".join(out))
    return (text.replace("{M}", str(value.month)).replace("{d}", str(value.day)).replace("{H}", str(value.hour))
            .replace("{h}", str(value.hour % 12 or 12)).replace("{m}", str(value.minute)).replace("{s}", str(value.second))
            .replace("{yyyy}", f"{value.year:04d}").replace("{fffffff}", f"{value.microsecond * 10:07d}")
            .replace("{ffffff}", f"{value.microsecond:06d}").replace("{fffff}", f"{value.microsecond // 10:05d}")
            .replace("{ffff}", f"{value.microsecond // 100:04d}").replace("{fff}", f"{value.microsecond // 1000:03d}").replace("{ff}", f"{value.microsecond // 10000:02d}")
            .replace("{f}", str(value.microsecond // 100000)))


def display_datetime(value: datetime) -> str:
    """How Out-Default shows a DateTime (en-US): ``Monday, January 5, 2026 9:00:00 AM``; Get-Date's -DisplayHint
    Date or Time shows one half (labkit/twin/display_hint.py)."""
    hint = getattr(value, "display_hint", "DateTime")
    long_date = value.strftime("%A, %B ") + f"{value.day}, {value.year:04d}"
    long_time = value.strftime("%I:%M:%S %p").lstrip("0")
    return long_date if hint == "Date" else long_time if hint == "Time" else f"{long_date} {long_time}"


# -- cells ------------------------------------------------------------------------------

# $FormatEnumerationLimit's default (InitialSessionState.DefaultFormatEnumerationLimit; about_Preference_Variables)
FORMAT_ENUMERATION_LIMIT = 4
# the global $FormatEnumerationLimit when the formatting began (InnerFormatShapeCommand.FormatEnumerationLimit:
# only an int counts; a negative one shows every item)
enumeration_limit: ContextVar[int] = ContextVar("enumeration_limit", default=FORMAT_ENUMERATION_LIMIT)


def enumeration_limit_of(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else FORMAT_ENUMERATION_LIMIT


def _limited(items: list[Any]) -> str:
    limit = enumeration_limit.get()
    shown = items if limit < 0 else items[:limit]
    return "{" + ", ".join(_element_name(v) for v in shown) + ("..." if 0 <= limit < len(items) else "") + "}"


def _element_name(value: Any) -> str:
    """PSObjectHelper.GetObjectName: an element of a collection shown in a cell; $null for a null element, a
    dictionary's entries by their display name (the key)."""
    if value is None:
        return "$null"
    if isinstance(value, PSObject) and (name := collection_element_name(value)) is not None:
        return name      # an inherited ToString(): the display name (labkit/twin/objects.py)
    return to_string(value)


def cell(value: Any) -> str:
    """A property value inside a table or list (PSObjectHelper.SmartToString, MshObjectUtil.cs): a collection
    as ``{a, b, c, d...}`` ($FormatEnumerationLimit items, then '...' right after the last), a dictionary by its
    keys, anything else by its ToString()."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return _limited(list(value))
    if isinstance(value, PSHashtable):
        return _limited(list(value.keys()))
    if isinstance(value, datetime):
        return f"{value.month}/{value.day}/{value.year:04d} " + value.strftime("%I:%M:%S %p").lstrip("0")
    if isinstance(value, ScriptBlock):
        return value.text.strip()
    return to_string(value)


def _right_aligned(value: Any) -> bool:
    """ComputeDefaultAlignment (FormatViewGenerator_Table.cs): a value of a DefaultScalarTypes type other than
    a string (numbers, booleans, chars, enums) is right-aligned in a table PowerShell makes up; the rest left."""
    return isinstance(value, (int, float, PSEnum))


def properties(obj: Any) -> list[str]:
    if isinstance(obj, PSObject):
        return list(obj.display) if obj.display else obj.names()
    return []


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, PSObject):
        return obj.get(name)
    if isinstance(obj, PSHashtable):
        return obj.get(name)
    return None


# -- the line PowerShell writes to ---------------------------------------------------------------------------

# The console the twin's 5.1 prints to: 120 columns (the default window of Windows Server 2016+).
SCREEN_WIDTH = 120
# The LineOutput's ColumnNumber.  Out-Default writes to the console, which never writes its last column
# (ConsoleLineOutput.ColumnNumber: BufferSize.Width - 1), so tables and lists get 119 columns, as the
# Get-Partition page's example shows (Offset 39 wide).  Out-String -Width N gives N (TextWriterLineOutput);
# Out-String without -Width gives int.MaxValue (None here): lists then never wrap, and a table takes the
# console's width, 120 (TableOutputContext.Initialize).
line_columns: ContextVar[int | None] = ContextVar("line_columns", default=SCREEN_WIDTH - 1)


def _table_columns() -> int:
    columns = line_columns.get()
    return SCREEN_WIDTH if columns is None else columns


def _aligned(text: str, width: int, align: str) -> str:
    pad = width - len(text)
    if pad <= 0:
        return text
    if align == "right":
        return " " * pad + text
    if align == "center":
        return " " * (pad // 2) + text + " " * (pad - pad // 2)
    return text + " " * pad


def _fit(text: str, width: int, align: str = "left") -> str:
    """TableWriter.GenerateRowField: a cell of a table line, its first line only; padded to the column's width
    (5.1 pads every column, the last too); too long, cut and marked with '...' (at the start when the column is
    right-aligned: "...f"), or just cut when the column has no room for the dots."""
    s = truncate_at_newline(text or "")
    if len(s) > width:
        keep = width - len(ELLIPSIS)
        if keep > 0:
            s = ELLIPSIS + s[len(s) - keep:] if align == "right" else s[:keep] + ELLIPSIS
        else:
            s = s[len(s) - width:] if align == "right" else s[:width]
    return _aligned(s, width, align)


def column_widths(specified: list[int | None], content: list[int], table_width: int | None = None) -> list[int]:
    """5.1's column widths (OutCommandInner.ProcessCachedGroupOnTable and ColumnWidthManager.cs).

    A table whose first column has no width (or -AutoSize) is sized to its content: each column as wide as
    its label or its widest value.  Otherwise the columns without a width start at 1 and share what the
    others leave of the line, one column at a time from the left.  A table wider than the line shrinks its
    last visible column, or hides it when less than one character would be left (0 = hidden)."""
    if table_width is None:
        table_width = _table_columns()
    widths = list(content) if specified[0] is None else [w or 0 for w in specified]
    if any(w <= 0 for w in widths):
        fixed = [w > 0 for w in widths]
        widths = [w if w > 0 else 1 for w in widths]
        available = table_width - (sum(widths) + len(widths) - 1)
        while available > 0:
            for i in range(len(widths)):
                if fixed[i]:
                    continue
                widths[i] += 1
                available -= 1
                if available == 0:
                    break
    while True:       # TrimToFit
        visible = [w for w in widths if w > 0]
        excess = sum(visible) + len(visible) - 1 - table_width
        if excess <= 0:
            break
        last = next((i - 1 for i, w in enumerate(widths) if w < 0), len(widths) - 1)
        if last < 0:
            break
        if widths[last] - excess < 1:
            widths[last] = -1
        else:
            widths[last] -= excess
    return [max(w, 0) for w in widths]


class TableLayout:
    """A table's columns laid out once for all its rows (TableWriter): 5.1 sizes them from the objects it has."""

    def __init__(self, view: TableView, objects: list[Any], autosize: bool = False, wrap: bool = False,
                 hide_headers: bool = False):
        cols = view.columns
        self.wrap = wrap or view.wrap
        self.hide_headers = hide_headers
        self._raw: dict[int, list[str]] = {}
        for o in objects:
            if id(o) not in self._raw:
                self._raw[id(o)] = [cell(column_value(o, c)) if isinstance(o, (PSObject, PSHashtable)) else "" for c in cols]
        raws = list(self._raw.values())
        content = [max([len(c.label)] + [len(t[i]) for t in raws]) for i, c in enumerate(cols)]
        columns = _table_columns()
        widths = column_widths([None if autosize else c.width for c in cols], content, columns)
        # TableWriter.Initialize: no table at all on a line under 5 columns
        self.shown = [] if columns < 5 else [i for i, w in enumerate(widths) if w > 0]
        self.widths = [widths[i] for i in self.shown]
        # a view's columns are left-aligned unless the view says otherwise (only tables PowerShell makes up
        # align by the first object's values: ComputeDefaultAlignment)
        self.align = [cols[i].align or "left" for i in self.shown]
        self.head_align = [cols[i].header_align or cols[i].align or "left" for i in self.shown]
        self.labels = [cols[i].label for i in self.shown]

    def _multi_line(self, values: list[str], align: list[str]) -> list[str]:
        """GenerateTableRow: each cell word-wrapped to its column, the row as tall as its tallest cell."""
        parts = [[_aligned(line, w, a) for line in generate_lines(v, w, w)]
                 for v, w, a in zip(values, self.widths, align)]
        height = max(len(p) for p in parts)
        return [" ".join(p[k] if k < len(p) else " " * w for p, w in zip(parts, self.widths)) for k in range(height)]

    def header(self) -> list[str]:
        """The labels (wrapped on words when wider than their column) and the dashes under them."""
        if not self.shown or self.hide_headers:
            return []
        dashes = ["-" * min(len(label), w) for label, w in zip(self.labels, self.widths)]
        return self._multi_line(self.labels, self.head_align) + [
            " ".join(_fit(d, w, a) for d, w, a in zip(dashes, self.widths, self.head_align))]

    def rows(self, obj: Any) -> list[str]:
        if not self.shown:
            return []
        raw = self._raw[id(obj)]
        values = [raw[i] for i in self.shown]
        if self.wrap:
            return self._multi_line(values, self.align)
        return [" ".join(_fit(v, w, a) for v, w, a in zip(values, self.widths, self.align))]


# -- documents: what one formatting sequence writes ------------------------------------------------------------
#
# Format-* and Out-Default speak a protocol (BaseOutputtingCommand.cs, OutCommandInner): a format start,
# groups, entries, a group end, a format end.  Windows PowerShell 5.1 writes an empty line for the format start,
# for each group end and for the format end; a group with a header writes an empty line, the header, and an
# empty line (a header made by a custom control, as Get-ChildItem's "Directory:", ends with one more); a list
# group starts with an empty line and each list entry ends with one.  (PowerShell 6.2 dropped several of these
# lines: PowerShell/PowerShell#8247; 5.1 keeps them.)

def _group_header(view: TableView, key: Any) -> list[str]:
    if view.group_by is None or key is None:
        return []
    return ["", f"{view.group_indent}{view.group_label}{to_string(key)}"] + [""] * view.group_blank_after


def _same_group(a: Any, b: Any) -> bool:
    """GroupingManager.IsEqual: LanguagePrimitives.Compare ignoring case (strings: "a" and "A" are one group)."""
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    return bool(a == b)


def _group_runs(view: TableView, objects: list[Any]) -> list[tuple[Any, list[Any]]]:
    """Consecutive objects with the same group value (5.1 starts a new group whenever the value changes)."""
    runs: list[tuple[Any, list[Any]]] = []
    for o in objects:
        key = column_value(o, Column("", view.group_by)) if view.group_by is not None else None
        if runs and _same_group(runs[-1][0], key):
            runs[-1][1].append(o)
        else:
            runs.append((key, [o]))
    return runs


def _table_lines(view: TableView, objects: list[Any], autosize: bool = False, *,
                 wrap: bool = False, hide_headers: bool = False, applies: Callable[[Any], bool] | None = None) -> list[str]:
    """A Format-Table document.  Strings, numbers and other objects without properties are not formatted
    (Format-Table without -Force writes them out of band, BaseFormattingCommand.ShouldProcessOutOfBand):
    their text comes where they are, before the table starts or between its rows; an object the view does
    not apply to (``applies``) is written out of band as a list of its default display properties."""
    lines: list[str] = []
    k = 0
    while k < len(objects) and _out_of_band(objects[k]):
        lines += split_lines(scalar_text(objects[k]))
        k += 1
    rest = objects[k:]
    if not rest:
        return lines
    lines.append("")                                          # format start
    rows: list[Any] = []
    after: dict[int, list[str]] = {}                          # what is written out of band after each row
    for o in rest:
        if _out_of_band(o):
            after[id(rows[-1])] += split_lines(scalar_text(o))
        elif rows and applies is not None and not applies(o):
            names = (list(o.display or ()) or o.names()) if isinstance(o, PSObject) else None
            after[id(rows[-1])] += [""] + list_entry(_list_pairs(o, names) or []) + [""]
        else:
            rows.append(o)
            after.setdefault(id(o), [])
    for key, members in _group_runs(view, rows):
        # columns sized to their content are sized per group (OutputGroupQueue caches a group until its end)
        table = TableLayout(view, members, autosize, wrap, hide_headers)
        lines += _group_header(view, key) + table.header()   # group start
        for o in members:
            lines += table.rows(o)
            lines += after.pop(id(o), [])
        lines.append("")                                      # group end
    return lines + [""]                                       # format end


def _text(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def render_table_view(view: TableView, objects: list[Any], autosize: bool = False, *,
                      wrap: bool = False, hide_headers: bool = False, applies: Callable[[Any], bool] | None = None) -> str:
    """Objects as a table view prints them, a group header wherever the group value changes."""
    return _text(_table_lines(view, objects, autosize, wrap=wrap, hide_headers=hide_headers, applies=applies))


def list_entry(pairs: list[tuple[str, Any]]) -> list[str]:
    """ListWriter: ``Label : value`` lines, the labels padded to the longest, a value's own lines and its
    wrapped parts (on a line of limited width) indented under the first."""
    if not pairs:
        return []
    columns = line_columns.get()
    labels = [k for k, _ in pairs]
    width = max(len(k) for k in labels)
    if columns is not None:
        if columns - 3 - 1 - 1 < 0:
            return []
        width = min(width, columns - 3 - 1)
    pad = " " * (width + 3)
    out: list[str] = []
    for label, value in pairs:
        prefix = label[:width].ljust(width) + " : "
        for n, line in enumerate(split_lines(value if isinstance(value, str) else cell(value))):
            parts = generate_lines(line, columns - width - 3) if columns is not None else [line]
            for m, part in enumerate(parts):
                out.append((prefix if n == 0 and m == 0 else pad) + part)
    return out


def _list_pairs(o: Any, props: list[Any] | str | None = None) -> list[tuple[str, Any]] | None:
    """The label/value pairs Format-List shows for ``o``: its list view, else the properties asked for, else its
    default display property set (a type without views), else every property; None for an object without any."""
    if isinstance(o, PSObject) and not props and (view := _list_view(o)) is not None:
        return [(label, column_value(o, (label, value))) for label, value in view.items]
    if isinstance(o, PSObject) and props == "*":
        return [(n, o.get(n)) for n in o.names()]
    if isinstance(o, PSObject):
        names = props or (list(o.display) if o.display and views_for(o) is None else o.names())
        return [((p if isinstance(p, str) else p[0]), (o.get(p) if isinstance(p, str) else p[1](o))) for p in names]
    return None


def _list_lines(objects: list[Any], props: list[Any] | str | None = None, group_by: Column | None = None) -> list[str]:
    """A Format-List document; objects without properties are written as their text, where they come
    (out of band), and alone they start no list.  With -GroupBy each group is headed as a table's is."""
    lines: list[str] = []
    started = False
    group: Any = _NO_GROUP
    view = _grouped(TableView((), source=""), group_by)
    for o in objects:
        if _out_of_band(o):
            lines += split_lines(scalar_text(o))
            continue
        if not started:
            lines.append("")          # format start
            started = True
        key = column_value(o, Column("", view.group_by)) if view.group_by is not None else None
        if group is _NO_GROUP or not _same_group(key, group):
            if group is not _NO_GROUP:
                lines.append("")      # group end
            lines += _group_header(view, key) + [""]   # group start: a list group starts with an empty line
            group = key
        pairs = _list_pairs(o, props)
        lines += (list_entry(pairs) if pairs is not None else split_lines(scalar_text(o))) + [""]
    return lines + (["", ""] if started else [])   # group end, format end


def _grouped(view: TableView, group_by: Column | None) -> TableView:
    """Format-Table -GroupBy: a group wherever the value changes, headed "   Label: value" (the label made up
    as GroupStartDataIndentedAutoGeneratedLabel, "   {0}: ", then one empty line), in place of the view's own."""
    if group_by is None:
        return view
    value = group_by.value
    getter: Callable[[Any], Any] = value if callable(value) else (lambda o, n=value: _get(o, n))
    return replace(view, group_by=getter, group_label=f"{group_by.label}: ", group_indent="   ", group_blank_after=1)


def format_table(objects: list[Any], props: list[Any] | None = None, autosize: bool = False, *,
                 wrap: bool = False, hide_headers: bool = False, group_by: Column | None = None) -> str:
    """``Format-Table``: the objects' table view, or a table of ``props`` (default: their properties).

    ``props`` are property names, (label, getter) pairs or Columns (a calculated property's Width and
    Alignment); a column without an alignment aligns by the first object's value."""
    if not objects:
        return ""
    objects = [e for o in objects for e in (_dictionary_rows(o) if isinstance(o, PSHashtable) else [o])]
    if not objects:
        return ""       # only empty dictionaries: no rows, so no table (`@{} | Format-Table -Property a`)
    if not props:
        views = next((views_for(o) for o in objects if not _out_of_band(o)), None)
        view = views.for_table() if views else None
        if view is not None:
            return render_table_view(_grouped(view, group_by), objects, autosize, wrap=wrap, hide_headers=hide_headers,
                                     applies=lambda o: views_for(o) is views)
    # a table of properties: the first object's default display set or, without one, up to 10 of its
    # properties (TableViewGenerator.FilterActiveAssociationList)
    formatted = [o for o in objects if not _out_of_band(o)]
    chosen = props or (properties(formatted[0])[:10] if formatted else [])
    if not chosen:
        return _text(split_lines("\n".join(scalar_text(o) for o in objects)))
    first = formatted[0] if formatted else objects[0]
    columns = []
    for p in chosen:
        col = p if isinstance(p, Column) else Column(p, p, None, "") if isinstance(p, str) else Column(p[0], p[1], None, "")
        if not col.align:
            raw = Column(col.label, getattr(col.value, "raw", col.value))
            col = Column(col.label, col.value, col.width, "right" if _right_aligned(column_value(first, raw)) else "left",
                         col.header_align)
        columns.append(col)
    view = _grouped(TableView(tuple(columns), source=""), group_by)
    return render_table_view(view, objects, autosize or columns[0].width is None, wrap=wrap, hide_headers=hide_headers)


def format_list(objects: list[Any], props: list[Any] | str | None = None, group_by: Column | None = None) -> str:
    """``Format-List``: ``Name : value`` blocks separated by blank lines; ``props`` "*" lists every property."""
    # a hashtable is listed entry by entry (Name, Value), as the formatter enumerates dictionaries
    objects = [e for o in objects for e in (_dictionary_rows(o) if isinstance(o, PSHashtable) else [o])]
    return _text(_list_lines(objects, props, group_by))


def _list_view(obj: PSObject) -> ListView | None:
    views = views_for(obj)
    return views.for_list() if views else None


class FormattedText(str):
    """Format-Table's text, made again when it is printed: Out-String -Width decides the line it fills."""

    def __new__(cls, make: Callable[[], str], limit: int | None = None) -> "FormattedText":
        token = enumeration_limit.set(limit) if limit is not None else None
        try:
            text = super().__new__(cls, make())
        finally:
            if token is not None:
                enumeration_limit.reset(token)
        text.make = make   # type: ignore[attr-defined]
        text.limit = limit   # type: ignore[attr-defined]
        return text

    def again(self) -> str:
        """The text for the line it is printed on now, with the $FormatEnumerationLimit of its Format-* command."""
        limit = self.limit   # type: ignore[attr-defined]
        token = enumeration_limit.set(limit) if limit is not None else None
        try:
            return self.make()   # type: ignore[attr-defined,no-any-return]
        finally:
            if token is not None:
                enumeration_limit.reset(token)


def _dictionary_rows(h: PSHashtable) -> list[PSObject]:
    return [PSObject("System.Collections.DictionaryEntry", {"Name": k, "Value": v}) for k, v in h.items()]


def _generated_view(first: Any) -> TableView | None:
    """The table 5.1 makes up for an object without a view (up to 4 properties), else None (a list)."""
    props = properties(first)
    if len(props) > TABLE_MAX_PROPS:
        return None
    columns = []
    for name in props:
        columns.append(Column(name, (lambda o, n=name: _get(o, n)), None, "right" if _right_aligned(_get(first, name)) else "left"))
    return TableView(tuple(columns), source="")


def _out_of_band(item: Any) -> bool:
    """Objects 5.1 writes as their string whatever the current view: strings, numbers, booleans, enums and
    objects without properties (OutOfBandFormatViewManager, DefaultScalarTypes)."""
    if isinstance(item, PSHashtable):
        return False
    if isinstance(item, PSObject):
        return not item.names()
    return not isinstance(item, (datetime, timedelta))


_DATETIME, _TIMESPAN, _DICTIONARY = "System.DateTime", "System.TimeSpan", "dictionary"
# Select-String's MatchInfo has a custom view that writes $_.ToString((Get-Location).Path): the line (with its
# context lines), after "path:number:" when it came from a file (PowerShellCore_format_ps1xml.cs, MatchInfo).
_MATCH_INFO = "Microsoft.PowerShell.Commands.MatchInfo"
_HELP = "help"


class _Document:
    """One formatting sequence of format-default: the view its first object chose and what it wrote."""

    def __init__(self, first: Any):
        self.generated = False
        self.table: TableView | None = None
        self.views: Any = None
        if isinstance(first, datetime):
            self.kind, self.views = "complex", _DATETIME      # DateTime's custom view: its DateTime property
        elif isinstance(first, timedelta):
            self.kind, self.views = "list", _TIMESPAN         # TimeSpan's list view
        elif isinstance(first, PSObject) and first.type_name == _MATCH_INFO:
            self.kind, self.views = "complex", _MATCH_INFO
        elif help_view(first) is not None:
            self.kind, self.views = "complex", _HELP             # Get-Help's custom views (labkit.twin.help_views)
        elif isinstance(first, PSHashtable):
            self.kind, self.views = "table", _DICTIONARY
            self.table = views_for(PSObject("System.Collections.DictionaryEntry", {})).default  # type: ignore[union-attr,assignment]
        elif (found := views_for(first)) is not None:
            self.views = found
            self.table = found.default if isinstance(found.default, TableView) else None
            self.kind = "table" if self.table is not None else "list"
        else:
            self.generated = True
            self.table = _generated_view(first)
            self.kind = "table" if self.table is not None else "list"

    def applies(self, item: Any) -> bool:
        """ViewGenerator.IsObjectApplicable: a view applies to the types it was made for; a made-up view to all."""
        if self.generated:
            return True
        if self.views == _DATETIME:
            return isinstance(item, datetime)
        if self.views == _TIMESPAN:
            return isinstance(item, timedelta)
        if self.views == _MATCH_INFO:
            return isinstance(item, PSObject) and item.type_name == _MATCH_INFO
        if self.views == _HELP:
            return help_view(item) is not None
        found = views_for(item)
        if self.views == _DICTIONARY:
            return isinstance(item, PSHashtable) or found is views_for(PSObject("System.Collections.DictionaryEntry", {}))
        return isinstance(self.views, Views) and found is self.views


def _default_lines(items: list[Any]) -> list[str]:
    """format-default and Out-Default over objects not formatted yet (BaseFormattingCommand.ProcessObject).

    Strings, numbers and objects without properties are written as they are, before, inside or after a
    document; the first other object starts the document and picks its view (its format view, the
    dictionary view, or one made up from its properties: a table up to 4 of them, else a list); later objects
    that view applies to continue it (a made-up view applies to every object: a second kind of object gets
    the first one's columns), any other object is written out of band as a list of its default display
    properties.  This is why ``Get-Date; Get-Service`` prints the services as lists in 5.1."""
    events: list[tuple[str, Any]] = []
    doc: _Document | None = None
    for item in items:
        if isinstance(item, PSObject) and item.type_name == ERROR_RECORD:
            events.append(("text", "\n".join(record_lines(item))))   # the ErrorRecord view: as errors display
        elif is_stream_record(item):
            events.append(("text", record_text(item)))   # WarningRecord ... views, out of band (labkit.twin.stream_records)
        elif _out_of_band(item):
            events.append(("text", scalar_text(item)))
        else:
            if doc is None:
                doc = _Document(item)
            if not doc.applies(item):
                events.append(("out-of-band", item))
            elif isinstance(item, PSHashtable):
                events += [("entry", r) for r in _dictionary_rows(item)]
            else:
                events.append(("entry", item))
    if doc is None:
        return [line for _, text in events for line in split_lines(text)]
    layouts: dict[int, TableLayout] = {}
    if doc.kind == "table" and doc.table is not None:
        # a layout per group: content-sized columns are sized from their group's objects (OutputGroupQueue)
        for _, members in _group_runs(doc.table, [o for k, o in events if k == "entry"]):
            layout = TableLayout(doc.table, members)
            layouts.update((id(m), layout) for m in members)
    lines: list[str] = []
    started = False
    group: Any = _NO_GROUP
    for k, o in events:
        if k == "text":
            lines += split_lines(o)
        elif k == "out-of-band":
            # ProcessOutOfBandPayload: an empty line, the list of the object's default display properties, an
            # empty line (not its list view: only views marked out-of-band would apply)
            names = (list(o.display or ()) or o.names()) if isinstance(o, PSObject) else None
            lines += [""] + list_entry(_list_pairs(o, names) or []) + [""]
        else:
            if not started:
                lines.append("")                                              # format start
                started = True
            if doc.kind == "table":
                assert doc.table is not None
                table = layouts[id(o)]
                key = column_value(o, Column("", doc.table.group_by)) if doc.table.group_by is not None else None
                if group is _NO_GROUP or not _same_group(key, group):
                    if group is not _NO_GROUP:
                        lines.append("")                                      # group end
                    lines += _group_header(doc.table, key) + table.header()   # group start
                    group = key
                lines += table.rows(o)
            elif doc.kind == "list":
                if group is _NO_GROUP:
                    lines.append("")                                          # a list group starts
                    group = None
                if isinstance(o, timedelta):
                    lines += list_entry(_timespan_pairs(o)) + [""]
                else:
                    pairs = _list_pairs(o)
                    lines += (list_entry(pairs) if pairs is not None else [cell(o)]) + [""]
            else:
                group = None
                if doc.views == _HELP:
                    lines += help_lines(o, line_columns.get())
                    continue
                text = to_string(o) if doc.views == _MATCH_INFO else display_datetime(o)
                lines += split_lines(text)                                     # DateTime's or MatchInfo's custom view
    if started:
        lines += ["", ""]                                                     # group end, format end
    return lines


def render(output: Iterable[Any]) -> str:
    """The output stream as Windows PowerShell 5.1's Out-Default prints it (OutCommandInner.ProcessRecord).

    Objects Format-Table / Format-List already formatted print as they are; each run of other objects between
    them goes through its own format-default: a Format-* output closes what was open, and the objects after
    it start a new document (a new table with its header).  Collections in the stream are enumerated."""
    chunks: list[str] = []
    pending: list[Any] = []
    flat = [x for item in output for x in (item if isinstance(item, (list, tuple)) else [item])]
    for item in flat:
        if item is None:
            continue
        if isinstance(item, FormattedText):
            chunks.append(_text(_default_lines(pending)))
            pending = []
            chunks.append(item.again())
        else:
            pending.append(item)
    chunks.append(_text(_default_lines(pending)))
    return "".join(chunks)


_NO_GROUP = object()


def _timespan_pairs(value: timedelta) -> list[tuple[str, Any]]:
    # System.TimeSpan's list view (DotNetTypes.format.ps1xml), its parts as .NET computes them
    return timespan_parts.list_pairs(value)


def scalar_text(value: Any) -> str:
    if isinstance(value, datetime):
        return display_datetime(value)
    if isinstance(value, timedelta):
        return "\n".join(list_entry(_timespan_pairs(value)))
    if isinstance(value, PSEnum):
        return value.name
    if isinstance(value, (list, tuple)):
        return render(value).rstrip("\n")
    return to_string(value)


def to_number_or_none(value: Any) -> float | None:
    try:
        return float(to_number(value))
    except PSRuntimeError:
        return None
