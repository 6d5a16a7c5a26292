"""System.Text.RegularExpressions as scripts use it: ``[regex]::Match``,
``Matches``, ``Replace``, ``Split``, ``Escape``, a ``[regex]'pattern'``
object, and the Match / Group objects those return (``.Value``,
``.Success``, ``.Index``, ``.Groups[1]``, ``.Groups['name']``).

https://learn.microsoft.com/dotnet/api/system.text.regularexpressions.regex?view=netframework-4.8
"""

from __future__ import annotations

import re
from typing import Any, Callable

from labkit.twin.objects import PSObject
from labkit.twin.values import PSHashtable, PSRuntimeError, regex_for, to_string

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


# The substitutions a .NET replacement pattern knows, read as .NET Framework's RegexParser.ScanDollar
# reads them: $number (all the digits that follow), ${number}, ${name}, $$, $&, $`, $', $+, $_; a number
# or name that is no group of the pattern, or any other $, stays literal text.
# https://learn.microsoft.com/dotnet/standard/base-types/substitutions-in-regular-expressions
_SUBSTITUTION = re.compile(r"\$(?:(\d+)|\{(\d+)\}|\{(\w+)\}|([$&`'+_]))")


def net_group_numbers(rx: re.Pattern[str]) -> list[int]:
    """The Python group of each .NET group number: .NET numbers the unnamed groups first, left to right,
    then the named ones (https://learn.microsoft.com/dotnet/standard/base-types/grouping-constructs-in-regular-expressions)."""
    named = sorted(rx.groupindex.values())
    return [0] + [i for i in range(1, rx.groups + 1) if i not in named] + named


def _text_before(m: re.Match[str]) -> str:
    return m.string[:m.start()]


def _text_after(m: re.Match[str]) -> str:
    return m.string[m.end():]


def _whole_input(m: re.Match[str]) -> str:
    return m.string


def _substitution_parts(repl: str, rx: re.Pattern[str]) -> list[str | Callable[[re.Match[str]], str]]:
    numbers = net_group_numbers(rx)

    def group(i: int | str) -> Callable[[re.Match[str]], str]:
        return lambda m: m.group(i) or ""

    parts: list[str | Callable[[re.Match[str]], str]] = []
    pos = 0
    for sub in _SUBSTITUTION.finditer(repl):
        number, braced, name, sign = sub.groups()
        part: str | Callable[[re.Match[str]], str] | None
        if number is not None or braced is not None:
            n = int(number if number is not None else braced)
            part = group(numbers[n]) if n < len(numbers) else None
        elif name is not None:
            part = group(name) if name in rx.groupindex else None
        elif sign == "$":
            part = "$"
        elif sign == "&":
            part = group(0)
        elif sign == "`":
            part = _text_before
        elif sign == "'":
            part = _text_after
        elif sign == "+":
            part = group(numbers[-1])  # the group .NET numbers last; the match itself when there are none
        else:
            part = _whole_input
        if part is None:
            continue  # no such group: the text stays as written
        parts.append(repl[pos:sub.start()])
        parts.append(part)
        pos = sub.end()
    parts.append(repl[pos:])
    return [p for p in parts if p != ""]


def net_replacement(repl: str) -> Callable[[re.Match[str]], str]:
    """A .NET replacement pattern (-replace, [regex]::Replace) as a Python replacement function."""
    compiled: dict[re.Pattern[str], list[str | Callable[[re.Match[str]], str]]] = {}

    def fn(m: re.Match[str]) -> str:
        parts = compiled.get(m.re)
        if parts is None:
            parts = compiled[m.re] = _substitution_parts(repl, m.re)
        return "".join(p if isinstance(p, str) else p(m) for p in parts)
    return fn


def matches_table(m: re.Match[str]) -> PSHashtable:
    """``$Matches`` after a successful -match or switch -Regex: the match at 0, then each group that
    took part, by number and by name (about_Regular_Expressions, "Groups, captures, and substitutions")."""
    matches = PSHashtable()
    matches[0] = m.group(0)
    for i, g in enumerate(m.groups(), 1):
        if g is not None:
            matches[i] = g
    for k, g in m.groupdict().items():
        if g is not None:
            matches[k] = g
    return matches


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
