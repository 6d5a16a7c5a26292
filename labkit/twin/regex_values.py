"""System.Text.RegularExpressions as scripts use it: ``[regex]::Match``,
``Matches``, ``Replace``, ``Split``, ``Escape``, a ``[regex]'pattern'``
object, and the Match / Group objects those return (``.Value``,
``.Success``, ``.Index``, ``.Groups[1]``, ``.Groups['name']``).

https://learn.microsoft.com/dotnet/api/system.text.regularexpressions.regex?view=netframework-4.8
"""

from __future__ import annotations

import re
from typing import Any

from labkit.twin.objects import PSObject
from labkit.twin.values import PSRuntimeError, regex_for, to_string

# RegexOptions flags (https://learn.microsoft.com/dotnet/api/system.text.regularexpressions.regexoptions)
REGEX_OPTIONS = {"none": 0, "ignorecase": 1, "multiline": 2, "explicitcapture": 4, "compiled": 8, "singleline": 16,
                 "ignorepatternwhitespace": 32, "righttoleft": 64, "ecmascript": 256, "cultureinvariant": 512}


def options_value(value: Any) -> int:
    """A RegexOptions argument: a number, a name, or 'IgnoreCase, Multiline'."""
    if value is None:
        return 0
    if isinstance(value, bool):
        raise PSRuntimeError(f'Cannot convert value "{value}" to type "System.Text.RegularExpressions.RegexOptions".',
                             "InvalidArgument", "InvalidCastFromBoolToEnum")
    if isinstance(value, int):
        return value
    if isinstance(value, list):
        total = 0
        for v in value:
            total |= options_value(v)
        return total
    total = 0
    for part in to_string(value).split(","):
        key = part.strip().lower()
        if key not in REGEX_OPTIONS:
            raise PSRuntimeError(
                f'Cannot convert value "{to_string(value)}" to type "System.Text.RegularExpressions.RegexOptions". Error: '
                f'"Unable to match the identifier name {part.strip()} to a valid enumerator name. Specify one of the following '
                'enumerator names and try again:\nNone, IgnoreCase, Multiline, ExplicitCapture, Compiled, Singleline, '
                'IgnorePatternWhitespace, RightToLeft, ECMAScript, CultureInvariant"', "InvalidArgument", "RuntimeException")
        total |= REGEX_OPTIONS[key]
    return total


def compile_net(pattern: Any, options: int = 0) -> re.Pattern[str]:
    """A .NET pattern with RegexOptions as a Python pattern (case-sensitive unless IgnoreCase)."""
    if options & REGEX_OPTIONS["explicitcapture"]:
        text = to_string(pattern)
        text = re.sub(r"(?<!\\)\((?![?*])", "(?:", text)
        pattern = text
    rx = regex_for(pattern, case_sensitive=not options & 1)
    flags = rx.flags
    if options & 2:
        flags |= re.M
    if options & 16:
        flags |= re.S
    if options & 32:
        flags |= re.X
    return re.compile(rx.pattern, flags) if flags != rx.flags else rx


class GroupCollection(list):
    """Match.Groups: by number, or by name with ``['name']``."""

    __slots__ = ("names",)
    type_name = "System.Text.RegularExpressions.GroupCollection"

    def __init__(self, items: list[Any], names: dict[str, int]):
        super().__init__(items)
        self.names = names

    def index_by_key(self, key: Any) -> Any:
        if isinstance(key, str) and not key.lstrip("-").isdigit():
            i = self.names.get(key)
            return self[i] if i is not None else None
        i = int(key)
        return self[i] if -len(self) <= i < len(self) else None


def _group(m: re.Match[str], i: int | str, name: str) -> PSObject:
    value = m.group(i)
    ok = value is not None
    start = m.start(i) if ok else 0
    return PSObject("System.Text.RegularExpressions.Group", {
        "Groups": None, "Success": ok, "Name": name, "Captures": [], "Index": start, "Length": len(value) if ok else 0,
        "Value": value if ok else ""}, tostring=value if ok else "")


def match_object(m: re.Match[str] | None) -> PSObject:
    """A System.Text.RegularExpressions.Match (``Match.Empty`` when ``m`` is None)."""
    if m is None:
        return PSObject("System.Text.RegularExpressions.Match", {
            "Groups": GroupCollection([], {}), "Success": False, "Name": "0", "Captures": [], "Index": 0, "Length": 0, "Value": ""},
            tostring="")
    index_of = {v: k for k, v in m.re.groupindex.items()}
    groups = [_group(m, 0, "0")]
    names: dict[str, int] = {"0": 0}
    for i in range(1, m.re.groups + 1):
        name = index_of.get(i, str(i))
        groups.append(_group(m, i, name))
        names[name] = i
    value = m.group(0)
    return PSObject("System.Text.RegularExpressions.Match", {
        "Groups": GroupCollection(groups, names), "Success": True, "Name": "0", "Captures": [groups[0]], "Index": m.start(),
        "Length": len(value), "Value": value}, tostring=value)


def net_replacement(repl: str) -> Any:
    """A .NET replacement string ($1, ${name}, $&, $$) as a Python replacement function."""
    def fn(m: re.Match[str]) -> str:
        out = []
        i = 0
        while i < len(repl):
            c = repl[i]
            if c == "$" and i + 1 < len(repl):
                nx = repl[i + 1]
                if nx == "$":
                    out.append("$")
                    i += 2
                    continue
                if nx == "&":
                    out.append(m.group(0))
                    i += 2
                    continue
                if nx == "_":
                    out.append(m.string)
                    i += 2
                    continue
                if nx.isdigit():
                    j = i + 1
                    while j < len(repl) and repl[j].isdigit() and int(repl[i + 1:j + 1]) <= m.re.groups:
                        j += 1
                    if j > i + 1 and int(repl[i + 1:j]) <= m.re.groups:
                        out.append(m.group(int(repl[i + 1:j])) or "")
                        i = j
                        continue
                if nx == "{":
                    j = repl.find("}", i)
                    if j != -1:
                        key = repl[i + 2:j]
                        if key.isdigit() and int(key) <= m.re.groups:
                            out.append(m.group(int(key)) or "")
                            i = j + 1
                            continue
                        if key in m.re.groupindex:
                            out.append(m.group(key) or "")
                            i = j + 1
                            continue
            out.append(c)
            i += 1
        return "".join(out)
    return fn


def net_split(rx: re.Pattern[str], text: str, count: int = 0) -> list[str]:
    """Regex.Split: captured groups are included, as .NET does; ``count`` > 0 caps the pieces."""
    return rx.split(text, maxsplit=max(count - 1, 0)) if count > 0 else rx.split(text)


class RegexValue(PSObject):
    """A ``[regex]`` object."""

    __slots__ = ("rx", "options")

    def __init__(self, pattern: str, options: int = 0):
        super().__init__("System.Text.RegularExpressions.Regex", {"Options": options, "RightToLeft": False,
                                                                  "MatchTimeout": None}, tostring=pattern)
        self.rx = compile_net(pattern, options)
        self.options = options

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        low = name.lower()
        text = to_string(args[0]) if args else ""
        if low == "match":
            return match_object(self.rx.search(text))
        if low == "matches":
            return [match_object(m) for m in self.rx.finditer(text)]
        if low == "ismatch":
            return self.rx.search(text) is not None
        if low == "replace" and len(args) >= 2:
            return self.rx.sub(net_replacement(to_string(args[1])), text)
        if low == "split":
            return net_split(self.rx, text, int(args[1]) if len(args) > 1 else 0)
        if low == "tostring":
            return self.tostring
        if low == "getgroupnames":
            return ["0"] + [str(i) for i in range(1, self.rx.groups + 1) if i not in self.rx.groupindex.values()] + list(self.rx.groupindex)
        raise PSRuntimeError(f"Method invocation failed because [System.Text.RegularExpressions.Regex] does not contain a method named '{name}'.",
                             "InvalidOperation", "MethodNotFound")


def regex_static(name: str, args: list[Any]) -> Any:
    """``[regex]::Name(args)``: (input, pattern[, options]) as .NET's static methods take them."""
    import re as _re

    low = name.lower()
    if low == "escape":
        return _net_escape(to_string(args[0]))
    if low == "unescape":
        return _re.sub(r"\\(.)", r"\1", to_string(args[0]))
    if len(args) < 2:
        raise PSRuntimeError(f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".',
                             "NotSpecified", "MethodCountCouldNotFindBest")
    text = to_string(args[0])
    if low == "replace":
        opts = options_value(args[3]) if len(args) > 3 else 0
        return compile_net(args[1], opts).sub(net_replacement(to_string(args[2])) if len(args) > 2 else "", text)
    opts = options_value(args[2]) if len(args) > 2 else 0
    rx = compile_net(args[1], opts)
    if low == "match":
        return match_object(rx.search(text))
    if low == "matches":
        return [match_object(m) for m in rx.finditer(text)]
    if low == "ismatch":
        return rx.search(text) is not None
    if low == "split":
        return net_split(rx, text)
    return None


def _net_escape(text: str) -> str:
    """Regex.Escape: escapes \\, *, +, ?, |, {, [, (, ), ^, $, ., #, and white space (not ] or })."""
    out = []
    for ch in text:
        if ch in "\\*+?|{[()^$.#":
            out.append("\\" + ch)
        elif ch == " ":
            out.append("\\ ")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\f":
            out.append("\\f")
        else:
            out.append(ch)
    return "".join(out)
