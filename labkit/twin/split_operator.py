"""``-split`` as Windows PowerShell 5.1 applies it: a regular-expression
delimiter (captures kept), a maximum number of substrings, the options
string (SimpleMatch, RegexMatch, IgnoreCase, CultureInvariant,
IgnorePatternWhitespace, Multiline, Singleline, ExplicitCapture), a script
block delimiter called per character, and unary ``-split`` (whitespace,
leading and trailing whitespace ignored).

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_split?view=powershell-5.1
"""

from __future__ import annotations

import re
from typing import Any, Callable

from labkit.twin.net_regex import CULTUREINVARIANT, EXPLICITCAPTURE, IGNOREPATTERNWHITESPACE, MULTILINE, SINGLELINE, escape
from labkit.twin.values import PSRuntimeError, ScriptBlock, as_list, regex_for, to_bool, to_number, to_string

# System.Management.Automation.SplitOptions
SPLIT_OPTIONS = {"simplematch": 1, "regexmatch": 2, "cultureinvariant": 4, "ignorepatternwhitespace": 8,
                 "multiline": 16, "singleline": 32, "ignorecase": 64, "explicitcapture": 128}
_NAMES = "SimpleMatch, RegexMatch, CultureInvariant, IgnorePatternWhitespace, Multiline, Singleline, IgnoreCase, ExplicitCapture"


def split_options(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    total = 0
    for part in (to_string(value).split(",") if not isinstance(value, list) else [to_string(v) for v in value]):
        key = part.strip().lower()
        if not key:
            continue
        if key not in SPLIT_OPTIONS:
            raise PSRuntimeError(
                f'Cannot convert value "{to_string(value)}" to type "System.Management.Automation.SplitOptions". Error: '
                f'"Unable to match the identifier name {part.strip()} to a valid enumerator name. Specify one of the following '
                f'enumerator names and try again:\n{_NAMES}"', "InvalidArgument", "InvalidCastFromStringToEnum")
        total |= SPLIT_OPTIONS[key]
    return total


def _limit(value: Any) -> int:
    n = to_number(value)
    return int(n)


def split_operator(left: Any, right: Any, case_sensitive: bool, call_predicate: Callable[[ScriptBlock, str, list[Any]], Any]) -> list[str]:
    """``left -split right`` (``-csplit`` when ``case_sensitive``)."""
    args = right if isinstance(right, list) else [right]
    if not args:
        raise PSRuntimeError("Cannot split: the right operand of -split is empty.", "InvalidOperation", "BadOperatorArgument")
    delimiter = args[0]
    limit = _limit(args[1]) if len(args) > 1 else 0
    options = 0
    if len(args) > 2 and args[2] is not None and not (isinstance(args[2], str) and args[2] == ""):
        options = split_options(args[2])
        if isinstance(delimiter, ScriptBlock):
            raise PSRuntimeError("Cannot use SplitOptions with a script block delimiter.", "ParserError",
                                 "InvalidSplitOptionWithPredicate")
    if not case_sensitive:
        options |= SPLIT_OPTIONS["ignorecase"]
    content = [to_string(x) for x in as_list(left)]
    if isinstance(delimiter, ScriptBlock):
        return _split_predicate(content, delimiter, limit, call_predicate)
    return _split_pattern(content, to_string(delimiter), limit, options)


def unary_split(value: Any) -> list[str]:
    """``-split value``: whitespace delimits; leading and trailing whitespace is ignored."""
    out: list[str] = []
    for x in as_list(value):
        s = to_string(x).strip()
        out.extend(re.split(r"\s+", s))
    return out


def _split_pattern(content: list[str], pattern: str, limit: int, options: int) -> list[str]:
    if options & SPLIT_OPTIONS["simplematch"]:
        if options & ~(SPLIT_OPTIONS["simplematch"] | SPLIT_OPTIONS["ignorecase"]):
            raise PSRuntimeError("Cannot combine SimpleMatch with any option other than IgnoreCase.", "ParserError",
                                 "InvalidSplitOptionCombination")
        pattern = escape(pattern)
    # SplitOptions as RegexOptions (parserutils.cs parseRegexOptions: the same flags, other values)
    regex_options = 0
    for split_flag, regex_flag in ((SPLIT_OPTIONS["cultureinvariant"], CULTUREINVARIANT),
                                   (SPLIT_OPTIONS["ignorepatternwhitespace"], IGNOREPATTERNWHITESPACE),
                                   (SPLIT_OPTIONS["multiline"], MULTILINE), (SPLIT_OPTIONS["singleline"], SINGLELINE),
                                   (SPLIT_OPTIONS["explicitcapture"], EXPLICITCAPTURE)):
        if options & split_flag:
            regex_options |= regex_flag
    if limit < 0:
        raise PSRuntimeError("A negative number of substrings for -split is a PowerShell 7 feature, not Windows PowerShell 5.1's.",
                             "InvalidArgument", "NegativeSplitLimit")
    rx = regex_for(pattern, case_sensitive=not options & SPLIT_OPTIONS["ignorecase"], options=regex_options)
    out: list[str] = []
    for item in content:
        out.extend(rx.split(item, limit))
    return out


def _split_predicate(content: list[str], predicate: ScriptBlock, limit: int,
                     call: Callable[[ScriptBlock, str, list[Any]], Any]) -> list[str]:
    if limit == 1:
        return list(content)
    if limit < 0:
        raise PSRuntimeError("A negative number of substrings for -split is a PowerShell 7 feature, not Windows PowerShell 5.1's.",
                             "InvalidArgument", "NegativeSplitLimit")
    results: list[str] = []
    for item in content:
        split: list[str] = []
        cursor = 0
        length = 0
        for _ in range(len(item)):
            if not to_bool(call(predicate, item[cursor], [item, cursor])):
                length += 1
                cursor += 1
                continue
            split.append(item[cursor - length:cursor])
            length = 0
            cursor += 1
            if limit == len(split) + 1:
                break
        if cursor == len(item):
            split.append(item[cursor - length:cursor])
        else:
            split.append(item[cursor:])
        results.extend(split)
    return results
