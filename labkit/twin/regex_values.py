"""System.Text.RegularExpressions as scripts use it: ``[regex]::Match``,
``Matches``, ``Replace``, ``Split``, ``Escape``, a ``[regex]'pattern'``
object, and the Match / Group objects those return (``.Value``,
``.Success``, ``.Index``, ``.Groups[1]``, ``.Groups['name']``).

https://learn.microsoft.com/dotnet/api/system.text.regularexpressions.regex?view=netframework-4.8
"""

from __future__ import annotations

import re
from typing import Any, Callable

from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.net_regex import NetRegex, NetRegexError, escape, unescape
from labkit.twin.values import PSHashtable, PSRuntimeError, ScriptBlock, regex_for, to_number, to_string

# RegexOptions flags (https://learn.microsoft.com/dotnet/api/system.text.regularexpressions.regexoptions)
REGEX_OPTIONS = {"none": 0, "ignorecase": 1, "multiline": 2, "explicitcapture": 4, "compiled": 8, "singleline": 16,
                 "ignorepatternwhitespace": 32, "righttoleft": 64, "ecmascript": 256, "cultureinvariant": 512}


_OPTION_NAMES = ("IgnoreCase", "Multiline", "ExplicitCapture", "Compiled", "Singleline", "IgnorePatternWhitespace",
                 "RightToLeft", "ECMAScript", "CultureInvariant")


def options_enum(value: int) -> PSEnum:
    """A RegexOptions value as .NET prints a flags enum: 'IgnoreCase, Multiline', 'None' for 0."""
    names = [n for n in _OPTION_NAMES if value & REGEX_OPTIONS[n.lower()]]
    return PSEnum("System.Text.RegularExpressions.RegexOptions", ", ".join(names) or "None", value)


def options_value(value: Any) -> int:
    """A RegexOptions argument: a number, a name, or 'IgnoreCase, Multiline'."""
    if value is None:
        return 0
    if isinstance(value, PSEnum):
        return value.value
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


def compile_net(pattern: Any, options: int = 0, method: str = "", argc: int = 0) -> NetRegex:
    """A .NET pattern with RegexOptions (case-sensitive unless IgnoreCase), for [regex]'s methods:
    a pattern .NET refuses is the method's exception ('Exception calling "Match" with "2" argument(s):
    "parsing ..."'), as 5.1 reports an exception thrown by a .NET method."""
    try:
        return regex_for(pattern, case_sensitive=True, options=options)
    except PSRuntimeError as e:
        if e.error_id != "System.ArgumentException" or not method:
            raise
        err = PSRuntimeError(f'Exception calling "{method}" with "{argc}" argument(s): "{e}"', "NotSpecified", "ArgumentException")
        err.exception_type = "System.Management.Automation.MethodInvocationException"  # type: ignore[attr-defined]
        raise err from None


class GroupCollection(list):
    """Match.Groups: by number, or by name with ``['name']``."""

    __slots__ = ("names",)
    type_name = "System.Text.RegularExpressions.GroupCollection"

    def __init__(self, items: list[Any], names: dict[str, int]):
        super().__init__(items)
        self.names = names

    def index_by_key(self, key: Any) -> Any:
        """Groups[number] by group number, Groups['name'] by name (case-sensitive, as .NET's lookup is);
        a group the pattern does not have is the empty, unsuccessful group, not $null."""
        if isinstance(key, str) and not key.lstrip("-").isdigit():
            i = self.names.get(key)
        else:
            i = self.names.get(str(int(to_number(key))))
        return self[i] if i is not None else _empty_group()


def _empty_group() -> PSObject:
    return PSObject("System.Text.RegularExpressions.Group", {
        "Success": False, "Name": "", "Captures": [], "Index": 0, "Length": 0, "Value": ""}, tostring="")


def _capture(value: str, index: int) -> PSObject:
    return PSObject("System.Text.RegularExpressions.Capture", {"Index": index, "Length": len(value), "Value": value},
                    tostring=value)


def _group(net: NetRegex, m: Any, number: int, name: str) -> PSObject:
    """A Group: its last capture as Value/Index/Length, every capture in Captures (a quantified group
    captures once per repetition)."""
    key = net.key(number)
    values = m.captures(key)
    starts = m.starts(key)
    ok = bool(values)
    value = values[-1] if ok else ""
    return PSObject("System.Text.RegularExpressions.Group", {
        "Success": ok, "Name": name, "Captures": [_capture(v, i) for v, i in zip(values, starts)],
        "Index": starts[-1] if ok else 0, "Length": len(value), "Value": value}, tostring=value)


class MatchValue(PSObject):
    """A System.Text.RegularExpressions.Match, with its methods NextMatch(), Result(replacement) and ToString()."""

    __slots__ = ("net", "m")

    def __init__(self, net: NetRegex | None, m: Any):
        self.net, self.m = net, m
        if m is None or net is None:
            super().__init__("System.Text.RegularExpressions.Match", {
                "Groups": GroupCollection([], {}), "Success": False, "Name": "0", "Captures": [], "Index": 0, "Length": 0,
                "Value": ""}, tostring="")
            return
        groups = [_group(net, m, number, name) for number, name in zip(net.numbers, net.names)]
        names = {name: i for i, name in enumerate(net.names)}
        for i, number in enumerate(net.numbers):
            names[str(number)] = i
        value = m.group(0)
        super().__init__("System.Text.RegularExpressions.Match", {
            "Groups": GroupCollection(groups, names), "Success": True, "Name": "0", "Captures": [_capture(value, m.start())],
            "Index": m.start(), "Length": len(value), "Value": value}, tostring=value)

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        low = name.lower()
        if low == "tostring":
            return self.tostring
        if low == "nextmatch" and not args:
            # the search goes on where this match ended (one further after an empty match)
            if self.m is None or self.net is None:
                return MatchValue(None, None)
            text = self.m.string
            start = self.m.end() + (1 if self.m.end() == self.m.start() else 0)
            return MatchValue(self.net, self.net.search(text, start) if start <= len(text) else None)
        if low == "result" and len(args) == 1:
            if self.m is None or self.net is None:
                raise PSRuntimeError('Exception calling "Result" with "1" argument(s): "Result cannot be called on a failed Match."',
                                     "NotSpecified", "NotSupportedException")
            return net_replacement(self.net, to_string(args[0]))(self.m)
        raise AttributeError(name)


def match_object(net: NetRegex | None, m: Any) -> PSObject:
    """A System.Text.RegularExpressions.Match (``Match.Empty`` when ``m`` is None): Groups by .NET number,
    each with its Name (.NET 4.8's Group.Name)."""
    return MatchValue(net, m)


# The substitutions a .NET replacement pattern knows, read as .NET Framework's RegexParser.ScanDollar
# reads them: $number (all the digits that follow), ${number}, ${name}, $$, $&, $`, $', $+, $_; a number
# or name that is no group of the pattern, or any other $, stays literal text.
# https://learn.microsoft.com/dotnet/standard/base-types/substitutions-in-regular-expressions
_SUBSTITUTION = re.compile(r"\$(?:(\d+)|\{(\d+)\}|\{(\w+)\}|([$&`'+_]))")


def _text_before(m: Any) -> str:
    return str(m.string[:m.start()])


def _text_after(m: Any) -> str:
    return str(m.string[m.end():])


def _whole_input(m: Any) -> str:
    return str(m.string)


def _substitution_parts(repl: str, net: NetRegex) -> list[str | Callable[[Any], str]]:
    def group(number: int) -> Callable[[Any], str]:
        key = net.key(number)
        return lambda m: m.group(key) or ""

    parts: list[str | Callable[[Any], str]] = []
    pos = 0
    for sub in _SUBSTITUTION.finditer(repl):
        number, braced, name, sign = sub.groups()
        part: str | Callable[[Any], str] | None
        if number is not None or braced is not None:
            n = int(number if number is not None else braced)
            part = group(n) if n in net.numbers else None
        elif name is not None:
            n = net.number_of.get(name, -1) if not name.isdigit() else -1
            part = group(n) if n >= 0 else None
        elif sign == "$":
            part = "$"
        elif sign == "&":
            part = group(0)
        elif sign == "`":
            part = _text_before
        elif sign == "'":
            part = _text_after
        elif sign == "+":
            part = group(net.numbers[-1])  # the group .NET numbers last; the match itself when there are none
        else:
            part = _whole_input
        if part is None:
            continue  # no such group: the text stays as written
        parts.append(repl[pos:sub.start()])
        parts.append(part)
        pos = sub.end()
    parts.append(repl[pos:])
    return [p for p in parts if p != ""]


def net_replacement(net: NetRegex, repl: str) -> Callable[[Any], str]:
    """A .NET replacement pattern (-replace, [regex]::Replace) as a replacement function."""
    parts = _substitution_parts(repl, net)
    return lambda m: "".join(p if isinstance(p, str) else p(m) for p in parts)


def matches_table(net: NetRegex, m: Any) -> PSHashtable:
    """``$Matches`` after a successful -match or switch -Regex: each group that took part, by .NET group
    name (a number for the unnamed ones), as PowerShell fills it from Regex.GetGroupNames()
    (about_Regular_Expressions, "Groups, captures, and substitutions"). 5.1's Hashtable lists small
    numbers from the highest down ('1' before '0') after the names, as about_Regular_Expressions shows."""
    matches = PSHashtable()
    pairs = list(zip(net.names, net.numbers))
    named = [p for p in pairs if not p[0].isdigit()]
    numbered = sorted((p for p in pairs if p[0].isdigit()), key=lambda p: -p[1])
    for name, number in named + numbered:
        value = m.group(net.key(number))
        if value is not None:
            matches[number if name.isdigit() else name] = value
    return matches


def _start(args: list[Any], i: int, text: str, method: str) -> int:
    """A startat argument: 0 to the input's length, else .NET's ArgumentOutOfRangeException."""
    if len(args) <= i:
        return 0
    n = int(to_number(args[i]))
    if not 0 <= n <= len(text):
        raise PSRuntimeError(f'Exception calling "{method}" with "{len(args)}" argument(s): "Start index cannot be less than 0 or '
                             f'greater than input length.\r\nParameter name: startat"', "NotSpecified", "ArgumentOutOfRangeException")
    return n


class MatchEvaluator:
    """A script block passed where Regex.Replace takes a MatchEvaluator: 5.1 converts it to the
    delegate, which runs the block with the Match as its argument and takes its output as text."""

    __slots__ = ("run",)

    def __init__(self, run: Callable[[PSObject], Any]):
        self.run = run


def with_evaluators(args: list[Any], invoke: Callable[[ScriptBlock, list[Any]], list[Any]]) -> list[Any]:
    """Method arguments with each script block made a MatchEvaluator (``invoke(block, args)`` runs it)."""
    def evaluator(block: ScriptBlock) -> MatchEvaluator:
        def run(match: PSObject) -> Any:
            out = invoke(block, [match])
            return out[0] if len(out) == 1 else out
        return MatchEvaluator(run)
    return [evaluator(a) if isinstance(a, ScriptBlock) else a for a in args]


def _replacement(net: NetRegex, value: Any, method: str) -> Callable[[Any], str]:
    if isinstance(value, MatchEvaluator):
        return lambda m: to_string(value.run(match_object(net, m)))
    if isinstance(value, ScriptBlock):
        raise PSRuntimeError(f'A script block as the MatchEvaluator of [regex]::{method} is not emulated by the twin here.',
                             "NotImplemented", "NotEmulated")
    return net_replacement(net, to_string(value))


def run_method(net: NetRegex, name: str, args: list[Any]) -> Any:
    """Regex's instance methods over ``args`` (input first), shared by a [regex] object and [regex]::Name."""
    low = name.lower()
    text = to_string(args[0]) if args else ""
    if low == "match":
        if len(args) > 2:  # Match(input, beginning, length): the search sees only that substring
            begin, length = int(to_number(args[1])), int(to_number(args[2]))
            m = net.rx.search(text, begin, begin + length)
            return match_object(net, m)
        return match_object(net, net.search(text, _start(args, 1, text, name)))
    if low == "matches":
        return [match_object(net, m) for m in net.finditer(text, _start(args, 1, text, name))]
    if low == "ismatch":
        return net.search(text, _start(args, 1, text, name)) is not None
    if low == "replace" and len(args) >= 2:
        count = int(to_number(args[2])) if len(args) > 2 else -1
        start = _start(args, 3, text, name)
        done = net.replace(text[start:], _replacement(net, args[1], name), count) if start else \
            net.replace(text, _replacement(net, args[1], name), count)
        return text[:start] + done if start else done
    if low == "split":
        count = int(to_number(args[1])) if len(args) > 1 else 0
        start = _start(args, 2, text, name)
        if start:
            pieces = net.split(text[start:], count)
            return [text[:start] + pieces[0]] + pieces[1:]
        return net.split(text, count)
    if low == "getgroupnames":
        return list(net.names)
    if low == "getgroupnumbers":
        return list(net.numbers)
    if low == "groupnamefromnumber" and args:
        n = int(to_number(args[0]))
        return net.names[net.numbers.index(n)] if n in net.numbers else ""
    if low == "groupnumberfromname" and args:
        return net.number_of.get(text, -1) if not text.isdigit() else (int(text) if int(text) in net.numbers else -1)
    return MISSING_METHOD


MISSING_METHOD = object()


class RegexValue(PSObject):
    """A ``[regex]`` object."""

    __slots__ = ("net", "options")

    def __init__(self, pattern: str, options: int = 0, cast: bool = False):
        super().__init__("System.Text.RegularExpressions.Regex", {"Options": options_enum(options), "RightToLeft": False,
                                                                  "MatchTimeout": None}, tostring=pattern)
        if cast:  # [regex]'...': a conversion error, as 5.1 reports a failed cast
            try:
                self.net = regex_for(pattern, case_sensitive=True)
            except PSRuntimeError as e:
                if e.error_id != "System.ArgumentException":
                    raise
                raise PSRuntimeError(f'Cannot convert value "{pattern}" to type "System.Text.RegularExpressions.Regex". '
                                     f'Error: "{e}"', "InvalidArgument", "InvalidCastParseTargetInvocation") from None
        else:
            self.net = compile_net(pattern, options, ".ctor", 2 if options else 1)
        self.options = options

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        if name.lower() == "tostring":
            return self.tostring
        r = run_method(self.net, name, args)
        if r is MISSING_METHOD:
            raise PSRuntimeError(f"Method invocation failed because [System.Text.RegularExpressions.Regex] does not contain a method named '{name}'.",
                                 "InvalidOperation", "MethodNotFound")
        return r


def regex_static(name: str, args: list[Any]) -> Any:
    """``[regex]::Name(args)``: (input, pattern[, replacement][, options]) as .NET's static methods take them."""
    low = name.lower()
    if low == "escape":
        return escape(to_string(args[0]))
    if low == "unescape":
        try:
            return unescape(to_string(args[0]))
        except NetRegexError as e:
            err = PSRuntimeError(f'Exception calling "Unescape" with "1" argument(s): "{e}"', "NotSpecified", "ArgumentException")
            err.exception_type = "System.Management.Automation.MethodInvocationException"  # type: ignore[attr-defined]
            raise err from None
    if len(args) < 2:
        raise PSRuntimeError(f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".',
                             "NotSpecified", "MethodCountCouldNotFindBest")
    if low not in ("match", "matches", "ismatch", "replace", "split"):
        return None
    at = 3 if low == "replace" else 2
    opts = options_value(args[at]) if len(args) > at else 0
    net = compile_net(args[1], opts, name, len(args))
    rest = [args[0]] + ([args[2]] if low == "replace" and len(args) > 2 else [])
    return run_method(net, name, rest)
