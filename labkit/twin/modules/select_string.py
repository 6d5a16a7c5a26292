"""Select-String over the pipeline (Microsoft.PowerShell.Utility), with .NET regular expressions:
MatchInfo objects (Line, LineNumber, Pattern, Matches, Context, IgnoreCase, Path/Filename
"InputStream"), -AllMatches, -CaseSensitive, -NotMatch, -SimpleMatch, -Quiet, -List, -Context.

https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/select-string?view=powershell-5.1

Searching files (-Path, -LiteralPath, -Include, -Exclude, -Encoding) is not emulated: those
parameters are refused by the binder as not honoured.
"""

from __future__ import annotations

from typing import Any, Iterator

from labkit.twin.errors import CmdletError
from labkit.twin.interpreter import CmdletContext
from labkit.twin.objects import PSObject
from labkit.twin.regex_values import match_object
from labkit.twin.registry import cmdlet
from labkit.twin.values import PSRuntimeError, as_list, regex_for, to_number, to_string

MATCH_INFO = "Microsoft.PowerShell.Commands.MatchInfo"
INPUT_STREAM = "InputStream"


def _context(value: Any) -> tuple[int, int]:
    """-Context N (N before and after) or N, M (before, after). -List stops at the first match of
    each file; the input stream is no file, so every matching object is still returned there
    (MatchString.cs FlushTrackerQueue)."""
    numbers = [int(to_number(v)) for v in as_list(value)]
    if not numbers or len(numbers) > 2 or any(n < 0 for n in numbers):
        raise CmdletError(f"Cannot validate argument on parameter 'Context'. The argument \"{to_string(value)}\" is not valid.",
                          "InvalidData", "ParameterArgumentValidationError")
    return (numbers[0], numbers[0]) if len(numbers) == 1 else (numbers[0], numbers[1])


def _simple_found(line: str, pattern: str, case_sensitive: bool) -> bool:
    return (pattern in line) if case_sensitive else (pattern.lower() in line.lower())


def _to_string(info: PSObject) -> str:
    """MatchInfo.ToString() for input-stream objects: the line; with context, '> ' before it and
    '  ' before each context line that is displayed (MatchString.cs, MatchPrefix and ContextPrefix)."""
    context = info.get("Context")
    line = to_string(info.get("Line"))
    if context is None:
        return line
    pre = [f"  {x}" for x in context.get("DisplayPreContext")]
    post = [f"  {x}" for x in context.get("DisplayPostContext")]
    return "\r\n".join(pre + [f"> {line}"] + post)


@cmdlet("Select-String", honours={"InputObject", "Pattern", "SimpleMatch", "CaseSensitive", "NotMatch", "AllMatches",
                                  "Quiet", "List", "Context"}, stream=True)
def select_string(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    patterns = [to_string(p) for p in as_list(args.get("Pattern"))]
    case_sensitive = bool(args.get("CaseSensitive"))
    simple = bool(args.get("SimpleMatch"))
    not_match = bool(args.get("NotMatch"))
    all_matches = bool(args.get("AllMatches")) and not not_match   # NotMatch takes precedence over AllMatches
    pre_n, post_n = _context(args["Context"]) if "Context" in args else (0, 0)
    items = list(input) if input is not None else ([args["InputObject"]] if "InputObject" in args else [])
    try:
        regexes = [] if simple else [regex_for(p, case_sensitive) for p in patterns]
    except PSRuntimeError as e:
        raise CmdletError(str(e), "InvalidArgument", "InvalidRegex,Microsoft.PowerShell.Commands.SelectStringCommand") from None
    # a MatchInfo from another Select-String: only its Line is searched, and it passes on as it is
    incoming = [x if isinstance(x, PSObject) and x.type_names[0] == MATCH_INFO else None for x in items]
    lines = [to_string(m.get("Line")) if m is not None else "" if x is None else to_string(x) for x, m in zip(items, incoming)]
    found: list[tuple[int, str, list[Any]]] = []           # line index, pattern, Match objects
    for i, line in enumerate(lines):
        hit, pattern, matches = False, patterns[0] if patterns else "", []
        if simple:
            for p in patterns:
                if _simple_found(line, p, case_sensitive):
                    hit, pattern = True, p
                    break
        else:
            for p, net in zip(patterns, regexes):
                if all_matches:
                    ms = list(net.finditer(line))
                    if ms:
                        hit, pattern, matches = True, p, [match_object(net, m) for m in ms]
                        break
                else:
                    m = net.search(line)
                    if m is not None:
                        hit, pattern, matches = True, p, [match_object(net, m)]
                        break
        if not_match:
            hit, pattern, matches = not hit, patterns[0] if patterns else "", []
        if hit:
            found.append((i, pattern, matches))
            if args.get("Quiet"):
                break
    if args.get("Quiet"):
        # $true when the pattern is found, nothing ($null) when it is not (the page's -Quiet)
        if found:
            yield True
        return
    shown_until = -1                                        # the last line a MatchInfo displays
    match_lines = {i for i, _, _ in found}
    for i, pattern, matches in found:
        if incoming[i] is not None:
            yield incoming[i]
            continue
        context = None
        if pre_n or post_n:
            pre = lines[max(0, i - pre_n):i]
            post = lines[i + 1:i + 1 + post_n]
            display_pre = lines[max(0, i - pre_n, shown_until + 1):i]
            display_post: list[str] = []
            for j in range(i + 1, min(len(lines), i + 1 + post_n)):
                if j in match_lines:
                    break
                display_post.append(lines[j])
            shown_until = i + len(display_post)
            context = PSObject("Microsoft.PowerShell.Commands.MatchInfoContext", {
                "PreContext": pre, "PostContext": post, "DisplayPreContext": display_pre, "DisplayPostContext": display_post})
        info = PSObject(MATCH_INFO, {
            "Context": context, "Filename": INPUT_STREAM, "IgnoreCase": not case_sensitive, "Line": lines[i],
            "LineNumber": i + 1, "Matches": matches, "Path": INPUT_STREAM, "Pattern": pattern})
        info.tostring = _to_string(info)
        yield info
