"""Select-String over the pipeline (Microsoft.PowerShell.Utility), with .NET regular expressions:
MatchInfo objects (Line, LineNumber, Pattern, Matches, Context, IgnoreCase, Path/Filename
"InputStream"), -AllMatches, -CaseSensitive, -NotMatch, -SimpleMatch, -Quiet, -List, -Context.

https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/select-string?view=powershell-5.1

Files: -Path / -LiteralPath (wildcards in the leaf) and FileInfo objects from the pipeline, read as
Get-Content reads them, -Include / -Exclude on their names; -Encoding is checked by the binder against
the page's accepted values and changes nothing here, as for Get-Content: the twin's files hold text,
not bytes.
"""

from __future__ import annotations

import ntpath
from dataclasses import dataclass
from typing import Any, Iterator

from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.interpreter import CmdletContext
from labkit.twin.modules.management import _expand, _paths, read_text
from labkit.twin.objects import PSObject
from labkit.twin.regex_values import match_object
from labkit.twin.registry import cmdlet
from labkit.twin.values import PSRuntimeError, as_list, like, regex_for, to_number, to_string

MATCH_INFO = "Microsoft.PowerShell.Commands.MatchInfo"
INPUT_STREAM = "InputStream"


def _context(value: Any) -> tuple[int, int]:
    """-Context N (N before and after) or N, M (before, after): [ValidateCount(1, 2)] and
    [ValidateRange(0, int.MaxValue)] on the parameter, with 5.1's texts."""
    numbers = [int(to_number(v)) for v in as_list(value)]
    if not 1 <= len(numbers) <= 2:
        raise CmdletError("Cannot validate argument on parameter 'Context'. The parameter requires at least 1 value(s) and no "
                          f"more than 2 value(s) - {len(numbers)} value(s) were provided.", "InvalidData",
                          "ParameterArgumentValidationError")
    for n in numbers:
        if n < 0:
            raise CmdletError(f"Cannot validate argument on parameter 'Context'. The {n} argument is less than the minimum "
                              "allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the "
                              "command again.", "InvalidData", "ParameterArgumentValidationError")
    return (numbers[0], numbers[0]) if len(numbers) == 1 else (numbers[0], numbers[1])


def _simple_found(line: str, pattern: str, case_sensitive: bool) -> bool:
    return (pattern in line) if case_sensitive else (pattern.lower() in line.lower())


def _to_string(info: PSObject, path: str | None) -> str:
    """MatchInfo.ToString(): the line (from a file: 'path:number:line'); with context, '> ' before it and
    '  ' before each context line that is displayed (MatchString.cs, MatchFormat, MatchPrefix, ContextPrefix)."""
    context = info.get("Context")
    number = int(info.get("LineNumber"))

    def fmt(text: str, n: int, prefix: str) -> str:
        return f"{prefix}{path}:{n}:{text}" if path is not None else f"{prefix}{text}"

    line = to_string(info.get("Line"))
    if context is None:
        return fmt(line, number, "")
    pre = list(context.get("DisplayPreContext"))
    post = list(context.get("DisplayPostContext"))
    first = number - len(pre)
    lines = [fmt(x, first + k, "  ") for k, x in enumerate(pre)] + [fmt(line, number, "> ")] + \
        [fmt(x, number + 1 + k, "  ") for k, x in enumerate(post)]
    return "\r\n".join(lines)


@dataclass
class _Search:
    patterns: list[str]
    regexes: list[Any]
    case_sensitive: bool
    simple: bool
    not_match: bool
    all_matches: bool
    pre_n: int
    post_n: int

    def line_hit(self, line: str) -> tuple[bool, str, list[Any]]:
        """DoMatchWorker: whether the line is selected, by which pattern, with which Match objects."""
        hit, pattern, matches = False, self.patterns[0] if self.patterns else "", []
        if self.simple:
            for p in self.patterns:
                if _simple_found(line, p, self.case_sensitive):
                    hit, pattern = True, p
                    break
        else:
            for p, net in zip(self.patterns, self.regexes):
                if self.all_matches:
                    ms = list(net.finditer(line))
                    if ms:
                        hit, pattern, matches = True, p, [match_object(net, m) for m in ms]
                        break
                else:
                    m = net.search(line)
                    if m is not None:
                        hit, pattern, matches = True, p, [match_object(net, m)]
                        break
        if self.not_match:   # any pattern may be reported when none matched: the first
            hit, pattern, matches = not hit, self.patterns[0] if self.patterns else "", []
        return hit, pattern, matches

    def run(self, lines: list[str], path: str, incoming: list[Any], first_only: bool) -> list[Any]:
        """The MatchInfo objects of one source: the input stream (path "InputStream") or one file."""
        found: list[tuple[int, str, list[Any]]] = []
        for i, line in enumerate(lines):
            hit, pattern, matches = self.line_hit(line)
            if hit:
                found.append((i, pattern, matches))
                if first_only:
                    break
        shown_until = -1                                    # the last line a MatchInfo displays
        match_lines = {i for i, _, _ in found}
        out: list[Any] = []
        for i, pattern, matches in found:
            if incoming[i] is not None:
                out.append(incoming[i])
                continue
            context = None
            if self.pre_n or self.post_n:
                display_post: list[str] = []
                for j in range(i + 1, min(len(lines), i + 1 + self.post_n)):
                    if j in match_lines:
                        break
                    display_post.append(lines[j])
                context = PSObject("Microsoft.PowerShell.Commands.MatchInfoContext", {
                    "PreContext": lines[max(0, i - self.pre_n):i], "PostContext": lines[i + 1:i + 1 + self.post_n],
                    "DisplayPreContext": lines[max(0, i - self.pre_n, shown_until + 1):i], "DisplayPostContext": display_post})
                shown_until = i + len(display_post)
            info = PSObject(MATCH_INFO, {
                "Context": context, "Filename": ntpath.basename(path) if path != INPUT_STREAM else INPUT_STREAM,
                "IgnoreCase": not self.case_sensitive, "Line": lines[i], "LineNumber": i + 1, "Matches": matches,
                "Path": path, "Pattern": pattern})
            info.tostring = _to_string(info, path if path != INPUT_STREAM else None)
            out.append(info)
        return out


def _wanted(leaf: str, args: dict[str, Any]) -> bool:
    """-Include / -Exclude: wildcard patterns on the file names (the page's -Include, -Exclude)."""
    include = [to_string(p) for p in as_list(args.get("Include"))] if "Include" in args else []
    exclude = [to_string(p) for p in as_list(args.get("Exclude"))] if "Exclude" in args else []
    if include and not any(like(leaf, p) for p in include):
        return False
    return not any(like(leaf, p) for p in exclude)


def _file_lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


@cmdlet("Select-String", honours={"InputObject", "Pattern", "Path", "LiteralPath", "SimpleMatch", "CaseSensitive", "NotMatch",
                                  "AllMatches", "Quiet", "List", "Context", "Include", "Exclude", "Encoding"}, stream=True)
def select_string(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterator[Any]:
    patterns = [to_string(p) for p in as_list(args.get("Pattern"))]
    simple = bool(args.get("SimpleMatch"))
    case_sensitive = bool(args.get("CaseSensitive"))
    not_match = bool(args.get("NotMatch"))
    regexes = []
    for p in ([] if simple else patterns):
        try:
            regexes.append(regex_for(p, case_sensitive))
        except PSRuntimeError as e:
            if e.error_id != "System.ArgumentException":
                raise
            # MatchStringStrings.InvalidRegex, an ArgumentException (InvalidArgument)
            err = CmdletError(f"The string {p} is not a valid regular expression: {e}", "InvalidArgument",
                              "InvalidRegex,Microsoft.PowerShell.Commands.SelectStringCommand")
            err.exception_type = "System.ArgumentException"  # type: ignore[attr-defined]
            raise err from None
    pre_n, post_n = _context(args["Context"]) if "Context" in args else (0, 0)
    search = _Search(patterns, regexes, case_sensitive, simple, not_match,
                     bool(args.get("AllMatches")) and not not_match,   # NotMatch takes precedence over AllMatches
                     pre_n, post_n)
    quiet, first_only = bool(args.get("Quiet")), bool(args.get("List"))
    items = list(input) if input is not None else ([args["InputObject"]] if "InputObject" in args else [])
    # files: -Path / -LiteralPath, or FileInfo objects from the pipeline (Get-ChildItem *.log | Select-String ...)
    files: list[tuple[str, bool]] = _paths(ctx, args) if ("Path" in args or "LiteralPath" in args) else \
        [(to_string(x.get("FullName")), True) for x in items if isinstance(x, PSObject) and x.type_name == "System.IO.FileInfo"]
    if files:
        host = ctx.world.host(ctx.host)
        for path, literal in files:
            try:
                targets = _expand(ctx, host, path, literal, "SelectString")
            except CmdletError as e:
                ctx.error(str(e), e.category, path, e.error_id)
                continue
            for target in targets:
                if not _wanted(ntpath.basename(target), args):
                    continue
                try:
                    text = read_text(ctx, host, target, "SelectString")
                except NotEmulated:
                    raise
                except CmdletError as e:
                    if e.category != "PermissionDenied":      # a folder is passed over
                        ctx.error(str(e), e.category, target, e.error_id)
                    continue
                lines = _file_lines(text)
                found = search.run(lines, target, [None] * len(lines), first_only or quiet)
                if quiet and found:
                    yield True
                    return
                yield from found
        if quiet:
            # with files, -Quiet writes False when no file matched (MatchString.cs ProcessRecord)
            if not first_only:
                yield False
        return
    # a MatchInfo from another Select-String: only its Line is searched, and it passes on as it is
    incoming = [x if isinstance(x, PSObject) and x.type_name == MATCH_INFO else None for x in items]
    lines = [to_string(m.get("Line")) if m is not None else "" if x is None else to_string(x) for x, m in zip(items, incoming)]
    found = search.run(lines, INPUT_STREAM, incoming, quiet)
    if quiet:
        # $true when the pattern is found, nothing ($null) when it is not (the page's -Quiet)
        if found:
            yield True
        return
    yield from found
