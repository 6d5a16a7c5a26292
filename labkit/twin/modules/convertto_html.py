"""ConvertTo-Html (Microsoft.PowerShell.Utility) as Windows PowerShell 5.1 writes it: one string per line.

Set Page (default): the XHTML 1.0 Strict page (-Title, default "HTML TABLE", or -Head; -CssUri; -Body), set
Fragment: the table alone; both take -PreContent/-PostContent.  -As Table writes a <colgroup>, a header row of
the first object's properties and a row per object; -As List writes name/value rows per object, an <hr> row
between objects.  -Property takes names (wildcards), script blocks and hashtables with Expression, Label, Width
and Alignment (5.1 has no Name key, no -Meta, -Charset or -Transitional: PowerShell 6 added them).  A value is
its .NET ToString(), HTML-encoded as WebUtility.HtmlEncode does.  One quirk kept: a property pattern that
resolves to exactly one property keeps its own text as the header ("*" over a string's Length).

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/convertto-html?view=powershell-5.1
The lines follow ConvertToHtmlCommand as PowerShell's repository imported it from 5.1 (commit 60b3b304f2,
src/Microsoft.PowerShell.Commands.Utility/commands/utility/convert-HTML.cs); HtmlEncode:
https://learn.microsoft.com/en-us/dotnet/api/system.net.webutility.htmlencode?view=netframework-4.8
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.interpreter import CmdletContext
from labkit.twin.members import call_method, get_member
from labkit.twin.objects import PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.values import PSHashtable, ScriptBlock, as_list, like, to_string

CUSTOM = "System.Management.Automation.PSCustomObject"
_KEYS = ("Expression", "Label", "Alignment", "Width")
_WILDCARDS = "*?["


@dataclass
class _Column:
    expression: Any           # a property name or pattern (str) or a ScriptBlock
    label: str | None = None
    alignment: str | None = None
    width: str | None = None

    def header(self) -> str:
        if self.label is not None:
            return self.label
        return self.expression.text.strip() if isinstance(self.expression, ScriptBlock) else self.expression


def html_encode(text: str) -> str:
    """WebUtility.HtmlEncode: < > " & ' as entities, characters 160-255 and those beyond the BMP as &#N;."""
    out: list[str] = []
    named = {"<": "&lt;", ">": "&gt;", '"': "&quot;", "&": "&amp;", "'": "&#39;"}
    for ch in text:
        code = ord(ch)
        if ch in named:
            out.append(named[ch])
        elif 160 <= code < 256 or code > 0xFFFF:
            out.append(f"&#{code};")
        else:
            out.append(ch)
    return "".join(out)


def dotnet_text(ctx: CmdletContext, value: Any) -> str:
    """SafeToString: the value's .NET ToString() (a PSCustomObject's is empty), "" for $null."""
    if value is None or isinstance(value, PSObject) and value.type_names[:1] == [CUSTOM]:
        return ""
    return to_string(call_method(value, "ToString", [], ctx.invoke))


def _columns(ctx: CmdletContext, props: list[Any]) -> list[_Column]:
    """ProcessParameter: names, script blocks and hashtables with Expression/Label/Alignment/Width."""
    cols: list[_Column] = []
    for p in props:
        if isinstance(p, PSHashtable):
            entries: dict[str, Any] = {}
            for k, v in p.items():
                key = to_string(k)
                match = [name for name in _KEYS if name.lower().startswith(key.lower())] if key else []
                if len(match) != 1:
                    raise CmdletError(f"The {key} key is not valid.", "InvalidArgument", "DictionaryKeyIllegal")
                entries[match[0]] = v
            if "Expression" not in entries:
                raise CmdletError("A mandatory entry for Expression is missing.", "InvalidArgument", "DictionaryKeyMandatoryEntry")
            expr = entries["Expression"]
            cols.append(_Column(expr if isinstance(expr, ScriptBlock) else to_string(expr),
                                *(to_string(entries[k]) if k in entries else None for k in ("Label", "Alignment", "Width"))))
        else:
            cols.append(_Column(p if isinstance(p, ScriptBlock) else to_string(p)))
    return cols


def _names(obj: Any, pattern: str) -> list[str]:
    """MshExpression.ResolveNames: the object's property names the pattern matches."""
    wild = any(c in pattern for c in _WILDCARDS)
    if isinstance(obj, PSObject):
        return [n for n in obj.names() if (like(n, pattern) if wild else n.lower() == pattern.lower())]
    if isinstance(obj, str):
        return ["Length"] if like("Length", pattern) else []
    if isinstance(obj, PSHashtable) or wild:
        raise NotEmulated("ConvertTo-Html", f"-Property '{pattern}' on a {type(obj).__name__} value (the twin lists the "
                          "properties of its own objects and of strings)")
    return [pattern] if get_member(obj, pattern) is not None else []


def _resolve(cols: list[_Column], obj: Any) -> list[_Column]:
    """InitializeResolvedNameMshParameters: one column per property a pattern names; a pattern naming exactly one
    keeps its own text."""
    out: list[_Column] = []
    for c in cols:
        if isinstance(c.expression, ScriptBlock):
            out.append(c)
            continue
        names = _names(obj, c.expression)
        if len(names) == 1:
            out.append(c)
        else:
            out.extend(_Column(n, c.label, c.alignment, c.width) for n in names)
    return out


def _value(ctx: CmdletContext, col: _Column, obj: Any) -> str:
    """WritePropertyValue: the values the expression gives, each encoded, joined by ', '."""
    if isinstance(col.expression, ScriptBlock):
        results = ctx.invoke(col.expression, obj)
        values = [results[0] if len(results) == 1 else (results or None)]
    else:
        values = [get_member(obj, n) for n in _names(obj, col.expression)]
    text = ", ".join(html_encode(dotnet_text(ctx, v)) if v is not None else "" for v in values)
    return text


@cmdlet("ConvertTo-Html", honours={"InputObject", "Property", "Body", "Head", "Title", "As", "CssUri", "PostContent",
                                   "PreContent", "Fragment"}, stream=True)
def convertto_html(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    items = list(input) if input is not None else [args.get("InputObject")]
    as_list_view = to_string(args.get("As", "Table")).lower() == "list"
    cssuri = to_string(args["CssUri"]) if "CssUri" in args and args["CssUri"] is not None else None
    if "CssUri" in args and not (cssuri or "").strip():
        raise CmdletError("This command cannot be run because 'CSSUri' is empty or blank. Please specify CSSUri and then run the command.",
                          "InvalidArgument", "ArgumentException", exception_type="System.ArgumentException")
    cols = _columns(ctx, list(args.get("Property") or ["*"]))
    lines: list[str] = []
    if not args.get("Fragment"):
        lines += ['<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
                  '<html xmlns="http://www.w3.org/1999/xhtml">', "<head>"]
        lines += [to_string(h) for h in as_list(args["Head"])] if args.get("Head") is not None else [
            f"<title>{to_string(args.get('Title') or 'HTML TABLE')}</title>"]
        if cssuri is not None:
            lines.append(f'<link rel="stylesheet" type="text/css" href="{cssuri}" />')
        lines.append("</head><body>")
        if args.get("Body") is not None:
            lines += [to_string(b) for b in as_list(args["Body"])]
    if args.get("PreContent") is not None:
        lines += [to_string(t) for t in as_list(args["PreContent"])]
    lines.append("<table>")
    resolved: list[_Column] | None = None
    count = 0
    for obj in items:
        if obj is None:
            continue
        count += 1
        if resolved is None or as_list_view:
            cells = _resolve(cols, obj)
            if not cells:
                continue
            if as_list_view:
                if count > 1:
                    lines.append("<tr><td><hr></td></tr>")
                lines += [f"<tr><td>{c.header()}:</td><td>{_value(ctx, c, obj)}</td></tr>" for c in cells]
                continue
            resolved = cells
            lines.append("<colgroup>" + "".join(
                "<col" + (f' width = "{c.width}"' if c.width is not None else "")
                + (f' align = "{c.alignment}"' if c.alignment is not None else "") + "/>" for c in resolved) + "</colgroup>")
            lines.append("<tr>" + "".join(f"<th>{c.header()}</th>" for c in resolved) + "</tr>")
        lines.append("<tr>" + "".join(f"<td>{_value(ctx, c, obj)}</td>" for c in resolved) + "</tr>")
    lines.append("</table>")
    if args.get("PostContent") is not None:
        lines += [to_string(t) for t in as_list(args["PostContent"])]
    if not args.get("Fragment"):
        lines.append("</body></html>")
    yield from lines
