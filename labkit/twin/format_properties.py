"""Format-Table's -Property entries as table columns: property names (wildcards too), script blocks, and
calculated properties with 5.1's keys.

The keys (FormatTableParameterDefinition, BaseFormattingCommandParameters.cs; the Format-Table page,
https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/format-table?view=powershell-5.1):
Expression, FormatString, Label (or Name), Width (above 0) and Alignment (left, center or right), each
written in full or by a prefix of its name.  The texts of the errors are 5.1's
(FormatAndOut_MshParameter.resx).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from labkit.twin.errors import CmdletError
from labkit.twin.format import format_operator
from labkit.twin.objects import PSObject
from labkit.twin.values import PSHashtable, ScriptBlock, to_number, to_string
from labkit.twin.views import Column

_KEYS = ("expression", "formatstring", "label", "name", "width", "alignment")
LIST_KEYS = ("expression", "formatstring", "label", "name")    # FormatListParameterDefinition
_ALIGNMENTS = ("left", "center", "right")


def _bad(message: str, error_id: str) -> CmdletError:
    return CmdletError(message, "InvalidArgument", error_id)


def _entries(h: PSHashtable, keys: tuple[str, ...] = _KEYS) -> dict[str, Any]:
    """The hashtable's keys matched to their full names (a prefix names a key: @{n=...; e=...})."""
    found: dict[str, Any] = {}
    for k, v in h.items():
        key = to_string(k)
        full = next((f for f in keys if key and f.startswith(key.lower())), None)
        if full is None:
            raise _bad(f"The {key} key is not valid.", "DictionaryKeyIllegal")
        full = "label" if full == "name" else full
        if full in found:
            raise _bad(f'The duplicated key "{key}" conflicts with "{full}".', "DictionaryKeyDuplicate")
        found[full] = v
    return found


def _display(value: Any, fmt: str | None) -> Any:
    """PSObjectHelper.FormatField: a FormatString composite when it holds "{0" or "}", else the value's
    ToString(format)."""
    if fmt is None or value is None:
        return value
    return format_operator(fmt if "{0" in fmt or "}" in fmt else "{0:" + fmt + "}", [value])


def calculated_column(entries: dict[str, Any], getter: Callable[[Any, ScriptBlock], Any]) -> Column:
    if "expression" not in entries:
        raise _bad("A mandatory entry for expression is missing.", "DictionaryKeyMissing")
    expr = entries["expression"]
    fmt = entries.get("formatstring")
    if fmt is not None and not to_string(fmt):
        raise _bad('Cannot have an empty formatting string for key "formatString".', "FormatStringEmpty")
    width = entries.get("width")
    if width is not None:
        width = int(to_number(width))
        if width <= 0:
            raise _bad(f'The value "{width}" for key "width" should be greater than 0.', "WidthOutOfRange")
    align = ""
    if "alignment" in entries:
        text = to_string(entries["alignment"]).lower()
        align = next((a for a in _ALIGNMENTS if text and a.startswith(text)), "")
        if not align:
            raise _bad(f'The value "{to_string(entries["alignment"])}" for key "alignment" is not valid; valid values '
                       'are left, center, right.', "AlignmentIllegalValue")
    if isinstance(expr, ScriptBlock):
        # without a Label, the script block's text as ScriptBlock.ToString() gives it (MshExpression.ToString)
        label = to_string(entries["label"]) if "label" in entries else to_string(expr)
        value: Callable[[Any], Any] = lambda o, sb=expr: getter(o, sb)
    else:
        name = to_string(expr)
        label = to_string(entries["label"]) if "label" in entries else name
        value = lambda o, n=name: o.get(n) if isinstance(o, (PSObject, PSHashtable)) else None
    if fmt is None:
        return Column(label, value, width, align)

    def shown(o: Any, f: str = to_string(fmt), v: Callable[[Any], Any] = value) -> Any:
        return _display(v(o), f)
    # the default alignment looks at the value, not at its formatted text (ComputeDefaultAlignment)
    shown.raw = value  # type: ignore[attr-defined]
    return Column(label, shown, width, align)


def table_columns(props: Iterable[Any], sample: Any, names: Callable[[Any], list[tuple[str, Callable[[Any], Any]]]],
                  invoke: Callable[[Any, ScriptBlock], Any], keys: tuple[str, ...] = _KEYS) -> list[Column]:
    """Columns for Format-Table -Property: ``names`` resolves a plain entry (name, wildcard, script block) into
    (label, getter) pairs; a hashtable becomes a calculated column.  A column without an Alignment aligns by
    the first object's value (ComputeDefaultAlignment)."""
    columns: list[Column] = []
    for p in props:
        if isinstance(p, PSHashtable):
            columns.append(calculated_column(_entries(p, keys), invoke))
        elif isinstance(p, ScriptBlock):
            columns.append(Column(to_string(p), lambda o, sb=p: invoke(o, sb), None, ""))
        else:
            columns += [Column(label, get, None, "") for label, get in names(p)]
    return columns


def group_column(spec: Any, sample: Any, names: Callable[[Any], list[tuple[str, Callable[[Any], Any]]]],
                 invoke: Callable[[Any, ScriptBlock], Any]) -> Column:
    """-GroupBy: a property name, a script block, or a hashtable of Expression, Label and FormatString
    (FormatGroupByParameterDefinition: Width and Alignment are not keys of it)."""
    if isinstance(spec, list):
        if len(spec) != 1:
            raise _bad("Cannot convert 'System.Object[]' to the type 'System.Object' required by parameter 'GroupBy'. "
                       "Specifying a single property to group by is supported.", "CannotConvertArgument")
        spec = spec[0]
    if isinstance(spec, PSHashtable):
        entries = _entries(spec)
        for key in ("width", "alignment"):
            if key in entries:
                raise _bad(f"The {key} key is not valid.", "DictionaryKeyIllegal")
        return calculated_column(entries, invoke)
    pairs = names(spec)
    if not pairs:
        raise _bad(f"The property '{to_string(spec)}' to group by matched no property.", "GroupByNoProperty")
    label, get = pairs[0]
    return Column(label, get)
