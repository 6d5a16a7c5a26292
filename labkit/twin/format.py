"""Rendering values as PowerShell prints them.

- :func:`render` turns the output stream into the text ``Out-Default``
  prints: strings as they are, objects as a table (as a list when they
  have more than four properties), consecutive objects of one shape in one
  table;
- :func:`format_table` / :func:`format_list` are ``Format-Table`` /
  ``Format-List``;
- ``-f``, ``ToString('N2')`` and date formats follow .NET composite formatting.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable

from labkit.twin.error_view import record_lines
from labkit.twin.objects import PSEnum, PSObject
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
            text = format_number_net(value, spec)
        elif spec and isinstance(value, datetime):
            text = format_datetime_net(value, spec)
        else:
            text = to_string(value)
        width = m.group(2)
        if width:
            w = int(width)
            text = text.ljust(-w) if w < 0 else text.rjust(w)
        return text

    return _FMT_ITEM.sub(repl, fmt)


def format_number_net(value: int | float, spec: str) -> str:
    if not spec:
        return format_number(value)
    kind, digits = spec[0].upper(), spec[1:]
    d = int(digits) if digits.isdigit() else None
    if kind == "N":
        return f"{value:,.{2 if d is None else d}f}"
    if kind == "F":
        return f"{value:.{2 if d is None else d}f}"
    if kind == "D" and isinstance(value, int):
        return str(value).zfill(d or 0) if value >= 0 else "-" + str(-value).zfill(d or 0)
    if kind == "X" and isinstance(value, int):
        text = format(value, "X" if spec[0] == "X" else "x")
        return text.zfill(d or 0)
    if kind == "P":
        return f"{value * 100:,.{2 if d is None else d}f} %"
    if kind == "E":
        return f"{value:.{6 if d is None else d}E}"
    if re.fullmatch(r"[0#,.]+", spec):
        decimals = len(spec.split(".")[1]) if "." in spec else 0
        text = f"{value:,.{decimals}f}" if "," in spec else f"{value:.{decimals}f}"
        return text
    return format_number(value)


_DATE_TOKENS = [
    ("yyyy", "%Y"), ("yy", "%y"), ("MMMM", "%B"), ("MMM", "%b"), ("MM", "%m"), ("M", "{M}"), ("dddd", "%A"),
    ("ddd", "%a"), ("dd", "%d"), ("d", "{d}"), ("HH", "%H"), ("H", "{H}"), ("hh", "%I"), ("h", "{h}"), ("mm", "%M"),
    ("m", "{m}"), ("ss", "%S"), ("s", "{s}"), ("fff", "{fff}"), ("ff", "{ff}"), ("f", "{f}"), ("tt", "%p"), ("K", ""), ("zzz", "+00:00"),
]


def format_datetime_net(value: datetime, spec: str) -> str:
    """``Get-Date -Format`` / ``.ToString(fmt)`` with .NET custom and a few standard formats."""
    standard = {
        "o": value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond * 10:07d}",
        "s": value.strftime("%Y-%m-%dT%H:%M:%S"), "u": value.strftime("%Y-%m-%d %H:%M:%SZ"),
        "d": f"{value.month}/{value.day}/{value.year}", "t": value.strftime("%I:%M %p").lstrip("0"),
        "T": value.strftime("%I:%M:%S %p").lstrip("0"), "g": f"{value.month}/{value.day}/{value.year} " + value.strftime("%I:%M %p").lstrip("0"),
        "G": f"{value.month}/{value.day}/{value.year} " + value.strftime("%I:%M:%S %p").lstrip("0"),
        "D": value.strftime("%A, %B ") + f"{value.day}, {value.year}",
        "F": value.strftime("%A, %B ") + f"{value.day}, {value.year} " + value.strftime("%I:%M:%S %p").lstrip("0"),
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
            .replace("{fff}", f"{value.microsecond // 1000:03d}").replace("{ff}", f"{value.microsecond // 10000:02d}")
            .replace("{f}", str(value.microsecond // 100000)))


def display_datetime(value: datetime) -> str:
    """How Out-Default shows a DateTime (en-US): ``Monday, January 5, 2026 9:00:00 AM``."""
    return value.strftime("%A, %B ") + f"{value.day}, {value.year} " + value.strftime("%I:%M:%S %p").lstrip("0")


# -- cells ------------------------------------------------------------------------------

def cell(value: Any) -> str:
    """A property value inside a table or list."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        # $FormatEnumerationLimit (4) items, then 5.1's "..." right after the last: {1.0, 2.0, 3.0, 4.0...}
        inner = ", ".join(cell(v) for v in value[:4])
        return "{" + inner + ("..." if len(value) > 4 else "") + "}"
    if isinstance(value, PSHashtable):
        return "{" + ", ".join(f"[{k}, {cell(v)}]" for k, v in list(value.items())[:4]) + "}"
    if isinstance(value, datetime):
        return f"{value.month}/{value.day}/{value.year} " + value.strftime("%I:%M:%S %p").lstrip("0")
    if isinstance(value, ScriptBlock):
        return value.text.strip()
    return to_string(value)


def _right_aligned(value: Any) -> bool:
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


def format_table(objects: list[Any], props: list[Any] | None = None, autosize: bool = False, *,
                 wrap: bool = False, hide_headers: bool = False) -> str:
    """``Format-Table``: the objects' table view, or a table of ``props`` (default: their properties)."""
    if not objects:
        return ""
    if isinstance(objects[0], PSHashtable) and not props:
        rows = [PSObject("System.Collections.DictionaryEntry", {"Name": k, "Value": v}) for h in objects for k, v in h.items()]
        return format_table(rows, wrap=wrap, hide_headers=hide_headers)
    if not props:
        views = views_for(objects[0])
        view = views.for_table() if views else None
        if view is not None:
            return render_table_view(view, objects, autosize, wrap=wrap, hide_headers=hide_headers)
    names = [p if isinstance(p, str) else p[0] for p in (props or properties(objects[0]))]
    getters = [p if isinstance(p, tuple) else (p, None) for p in (props or names)]
    if not names:
        return "\n".join(cell(o) for o in objects) + "\n"
    first = objects[0]
    columns = []
    for name, fn in getters:
        value: Any = fn if fn else (lambda o, n=name: _get(o, n))
        # a table PowerShell makes up aligns each column by the first object's value: numbers, booleans and
        # enums right, the rest left (FormatViewGenerator_Table.cs, ComputeDefaultAlignment / DefaultScalarTypes)
        columns.append(Column(name, value, None, "right" if _right_aligned(value(first)) else "left"))
    return render_table_view(TableView(tuple(columns), source=""), objects, True, wrap=wrap, hide_headers=hide_headers)


def format_list(objects: list[Any], props: list[Any] | None = None) -> str:
    """``Format-List``: ``Name : value`` blocks separated by blank lines."""
    out = [""]
    # a hashtable is listed entry by entry (Name, Value), as the formatter enumerates dictionaries
    objects = [e for o in objects for e in (_dictionary_rows(o) if isinstance(o, PSHashtable) else [o])]
    for o in objects:
        if isinstance(o, PSObject) and not props and (view := _list_view(o)) is not None:
            pairs = [(label, column_value(o, (label, value))) for label, value in view.items]
        elif isinstance(o, PSObject):
            # no list view: the default display property set (the twin's ``display``) of a type without views,
            # else every property (a type with a table view has no such set)
            names = props or (list(o.display) if o.display and views_for(o) is None else o.names())
            pairs = [((p if isinstance(p, str) else p[0]), (o.get(p) if isinstance(p, str) else p[1](o))) for p in names]
        else:
            out.append(cell(o))
            out.append("")
            continue
        width = max((len(k) for k, _ in pairs), default=0)
        for k, v in pairs:
            out.append(f"{k.ljust(width)} : {cell(v)}")
        out.append("")
    return "\n".join(out) + "\n"


def _list_view(obj: PSObject) -> ListView | None:
    views = views_for(obj)
    return views.for_list() if views else None


# -- views (format.ps1xml) -------------------------------------------------------------------

def _fit(text: str, width: int | None) -> str:
    """A cell in a column of fixed width: 5.1 cuts what does not fit and ends it with '...'."""
    if width is None or len(text) <= width:
        return text
    return text[:max(width - 3, 0)] + "..." if width > 3 else text[:width]


def _header_lines(label: str, width: int | None) -> list[str]:
    """A label wider than its column wraps on words (Get-Disk's 'Partition Style')."""
    if width is None or len(label) <= width:
        return [label]
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(_fit(word, width))
    return lines


# The console the twin's 5.1 prints to: 120 columns (the default window of Windows Server 2016+).  A table
# is at most one column narrower (TableWriter), as in the Get-Partition page's example (Offset 39 wide).
SCREEN_WIDTH = 120
# Out-String -Width sets another width for the text it makes
screen_width: ContextVar[int] = ContextVar("screen_width", default=SCREEN_WIDTH)


def render_table_view(view: TableView, objects: list[Any], autosize: bool = False, *,
                      wrap: bool = False, hide_headers: bool = False) -> str:
    """Objects as a table view prints them, a group header wherever the group value changes."""
    opts = {"wrap": wrap, "hide_headers": hide_headers}
    if view.group_by is None:
        return _table_view_block(view, objects, autosize, **opts)
    out: list[str] = []
    group: list[Any] = []
    key: Any = None
    for o in objects:
        k = column_value(o, Column("", view.group_by))
        if group and k != key:
            out.append(_group_block(view, key, group, autosize, opts))
            group = []
        key = k
        group.append(o)
    if group:
        out.append(_group_block(view, key, group, autosize, opts))
    return "".join(out)


def _group_block(view: TableView, key: Any, objects: list[Any], autosize: bool, opts: dict[str, bool]) -> str:
    if key is None:
        return _table_view_block(view, objects, autosize, **opts)
    head = f"\n{view.group_indent}{view.group_label}{to_string(key)}\n" + "\n" * (view.group_blank_after - 1)
    return head + _table_view_block(view, objects, autosize, **opts)


def column_widths(specified: list[int | None], content: list[int], table_width: int | None = None) -> list[int]:
    """5.1's column widths (ColumnWidthManager.cs): a view that gives no width anywhere is sized to its
    content; otherwise the columns without a width share what the given ones leave of the line, one
    column at a time from the left; a table wider than the line loses its last columns (0 = hidden)."""
    if table_width is None:
        table_width = screen_width.get() - 1
    if all(w is None for w in specified):
        widths = list(content)
    else:
        widths = [w or 1 for w in specified]
        free = [i for i, w in enumerate(specified) if w is None]
        available = table_width - sum(widths) - (len(widths) - 1)
        while free and available > 0:
            for i in free:
                widths[i] += 1
                available -= 1
                if available == 0:
                    break
    while True:       # TrimToFit
        visible = [i for i, w in enumerate(widths) if w > 0]
        excess = sum(widths[i] for i in visible) + len(visible) - 1 - table_width
        if excess <= 0 or len(visible) <= 1:
            return widths
        last = visible[-1]
        if widths[last] - excess < 1:
            widths[last] = 0
        else:
            widths[last] -= excess


def _wrapped(text: str, width: int) -> list[str]:
    """-Wrap: a cell over several lines, broken at blanks where it can."""
    lines: list[str] = []
    while len(text) > width:
        cut = text.rfind(" ", 0, width + 1)
        cut = cut if cut > 0 else width
        lines.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return lines + [text]


class TableLayout:
    """A table's columns laid out once for all its rows (5.1 sizes them from the objects it has)."""

    def __init__(self, view: TableView, objects: list[Any], autosize: bool = False, wrap: bool = False):
        cols = view.columns
        self.wrap = wrap
        self._raw: dict[int, list[str]] = {}
        for o in objects:
            if id(o) not in self._raw:
                self._raw[id(o)] = [cell(column_value(o, c)) if isinstance(o, (PSObject, PSHashtable)) else "" for c in cols]
        raws = list(self._raw.values())
        content = [max([len(c.label)] + [len(t[i]) for t in raws]) for i, c in enumerate(cols)]
        widths = column_widths([None if autosize else c.width for c in cols], content)
        self.shown = [i for i, w in enumerate(widths) if w > 0]
        self.widths = [widths[i] for i in self.shown]
        # a view's columns are left-aligned unless the view says Right (FormatViewGenerator_Table.cs: only tables
        # PowerShell makes up itself right-align numbers)
        self.right = [cols[i].align == "right" for i in self.shown]
        self.head_right = [(cols[i].header_align or cols[i].align) == "right" for i in self.shown]
        self.labels = [cols[i].label for i in self.shown]

    def _line(self, vals: list[str], right: list[bool] | None = None) -> str:
        w, right = self.widths, right or self.right
        return " ".join(v.rjust(w[k]) if right[k] else v.ljust(w[k]) for k, v in enumerate(vals)).rstrip()

    def header(self) -> list[str]:
        heads = [_header_lines(label, w) for label, w in zip(self.labels, self.widths)]
        lines = [self._line([h[k] if k < len(h) else "" for h in heads], self.head_right) for k in range(max(len(h) for h in heads))]
        return lines + [self._line(["-" * min(len(label), w) for label, w in zip(self.labels, self.widths)], self.head_right)]

    def rows(self, obj: Any) -> list[str]:
        raw = self._raw[id(obj)]
        if not self.wrap:
            return [self._line([_fit(raw[i], w) for i, w in zip(self.shown, self.widths)])]
        parts = [_wrapped(raw[i], w) for i, w in zip(self.shown, self.widths)]
        return [self._line([p[k] if k < len(p) else "" for p in parts]) for k in range(max(len(p) for p in parts))]


def _wrapped(text: str, width: int) -> list[str]:
    """-Wrap: a cell over several lines, broken at blanks where it can."""
    lines: list[str] = []
    while len(text) > width:
        cut = text.rfind(" ", 0, width + 1)
        cut = cut if cut > 0 else width
        lines.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return lines + [text]


def _table_view_block(view: TableView, objects: list[Any], autosize: bool = False, *,
                      wrap: bool = False, hide_headers: bool = False) -> str:
    table = TableLayout(view, objects, autosize, wrap)
    out = [""] + ([] if hide_headers else table.header())
    for o in objects:
        out += table.rows(o)
    return "\n".join(out) + "\n\n"


class FormattedText(str):
    """Format-Table's text, made again when it is printed: Out-String -Width decides the line it fills."""

    def __new__(cls, make: Callable[[], str]) -> "FormattedText":
        text = super().__new__(cls, make())
        text.make = make   # type: ignore[attr-defined]
        return text

    def again(self) -> str:
        return self.make()   # type: ignore[attr-defined,no-any-return]


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


def render(output: Iterable[Any]) -> str:
    """The output stream as Windows PowerShell 5.1's Out-Default prints it.

    One formatting context for the whole stream (BaseFormattingCommand.ProcessObject): strings and numbers
    are written as they are; the first other object picks the view (its format view, the hashtable view, or
    one made up from its properties: a table up to 4 of them, else a list); later objects that view applies
    to continue it (a made-up view applies to every object: a second kind of object gets the first one's
    columns), any other object is written out of band as a list.  This is why ``Get-Date; Get-Service``
    prints the services as lists in 5.1.
    """
    items = [x for x in output if x is not None]
    entries: list[tuple[str, Any]] = []       # ("text", str) | ("list", obj) | ("row", obj) | ("item", obj)
    kind = ""                                  # "", "table", "list", "scalar-view"
    views: Any = None
    table_view: TableView | None = None
    generated = False
    for item in items:
        if isinstance(item, PSObject) and item.type_name == ERROR_RECORD:
            entries.append(("text", "\n".join(record_lines(item))))   # the ErrorRecord view: as errors display
            continue
        if isinstance(item, FormattedText):
            entries.append(("text", item.again().rstrip("\n")))
            continue
        if _out_of_band(item):
            entries.append(("text", scalar_text(item)))
            continue
        if not kind:
            if isinstance(item, (datetime, timedelta)):
                kind, views = "scalar-view", type(item)
            elif isinstance(item, PSHashtable):
                kind, views, table_view = "table", "hashtable", TableView((Column("Name", "Name", 30), Column("Value", "Value")), source="")
            elif (found := views_for(item)) is not None:
                views = found
                table_view = found.default if isinstance(found.default, TableView) else None
                kind = "table" if table_view is not None else "list"
            else:
                generated = True
                table_view = _generated_view(item)
                kind = "table" if table_view is not None else "list"
        applies = generated or (
            (views == "hashtable" and isinstance(item, PSHashtable)) or
            (kind == "scalar-view" and isinstance(item, views)) or
            (isinstance(views, Views) and views_for(item) is views))
        if not applies:
            entries.append(("list", item))
        elif kind == "scalar-view":
            # a DateTime prints its long form; a TimeSpan its list, between blank lines as lists are
            entries.append(("text", scalar_text(item) if isinstance(item, datetime) else "\n" + scalar_text(item) + "\n\n"))
        elif kind == "list":
            entries.append(("item", item))
        elif isinstance(item, PSHashtable):
            entries += [("row", r) for r in _dictionary_rows(item)]
        else:
            entries.append(("row", item))

    table = TableLayout(table_view, [o for k, o in entries if k == "row"]) if table_view is not None else None
    out: list[str] = []
    open_group: Any = _NO_GROUP
    pending_items: list[Any] = []

    def flush_items() -> None:
        if pending_items:
            out.append(format_list(pending_items))
            pending_items.clear()

    for k, o in entries:
        if k != "item":
            flush_items()
        if k == "text":
            out.append(o + "\n")
        elif k == "list":
            # out of band: a list of the object's default display properties (its DefaultDisplayPropertySet)
            # (not its list view: only views marked out-of-band would apply, DisplayDataQuery.GetOutOfBandView)
            out.append(format_list([o], (list(o.display) or o.names()) if isinstance(o, PSObject) else None))
        elif k == "item":
            pending_items.append(o)
        else:
            assert table is not None and table_view is not None
            group = column_value(o, Column("", table_view.group_by)) if table_view.group_by is not None else None
            if open_group is _NO_GROUP or group != open_group:
                if open_group is not _NO_GROUP:
                    out.append("\n")
                if table_view.group_by is not None and group is not None:
                    out.append(f"\n{table_view.group_indent}{table_view.group_label}{to_string(group)}\n"
                               + "\n" * (table_view.group_blank_after - 1))
                out.append("\n" + "\n".join(table.header()) + "\n")
                open_group = group
            out.append("\n".join(table.rows(o)) + "\n")
    flush_items()
    if open_group is not _NO_GROUP:
        out.append("\n")
    return "".join(out)


_NO_GROUP = object()


def scalar_text(value: Any) -> str:
    if isinstance(value, datetime):
        return display_datetime(value)
    if isinstance(value, timedelta):
        # System.TimeSpan's list view (DotNetTypes.format.ps1xml)
        t = value.total_seconds()
        return format_list([PSObject("System.TimeSpan", {
            "Days": value.days, "Hours": int(t // 3600) % 24, "Minutes": int(t // 60) % 60,
            "Seconds": int(t) % 60, "Milliseconds": value.microseconds // 1000, "Ticks": round(t * 10_000_000),
            "TotalDays": t / 86400, "TotalHours": t / 3600, "TotalMinutes": t / 60, "TotalSeconds": t,
            "TotalMilliseconds": t * 1000})]).strip("\n")
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
