"""Text that Windows PowerShell 5.1 parses but tree-sitter-pwsh does not, rewritten so it does.

Only used when tree-sitter reports an error; each rewrite keeps the meaning
(and, where it can, the length) of the text:

- ``break outer`` / ``continue outer``: the label as a bareword (about_Break,
  about_Continue) becomes the string ``'outer'``, which PowerShell accepts as
  well ("the label can be an expression").
- switch clauses on one line, ``switch ($x) { 1 {'a'} 2 {'b'} default {'c'} }``
  (about_Switch): a ``;`` between one clause's action and the next condition.
- class members on one line after a method, ``P() { } [string] Hi() { }``
  written with ``;`` between them (about_Classes): the ``;`` becomes a space.
- ``function f { param($a) "x" }``: a ``;`` after a param block followed by
  more on its line.
- ``enum E : byte { }``: the underlying type is dropped (spaces in its place).
- ``:foo if ($x) { }``: a label before no loop is the name of a command, ``&':foo'`` (Parser.LabeledStatementRule).
- ``data -Supp Cmd { }``: a prefix of -SupportedCommand becomes the whole name (5.1 takes any prefix).
- ``Write-Output $d.AddDays(1).Day``, ``Write-Output ("a").ToUpper().Length``: a command argument that calls a method and goes on after the
  call (about_Parsing: an argument that starts with ``$`` is an expression) gets parentheses around
  it, ``($d.AddDays(1).Day)``, which is the same value.
- ``Write-Output -- -InputObject``: the end-of-parameters token (about_Parsing, 5.1): the ``--``
  becomes spaces and each dash-word after it in that command a quoted string, ``'-InputObject'``
  (5.1 passes them "as though double quotes were placed around them").
- ``cd -`` / ``Set-Location +``: a lone ``-`` or ``+`` argument of a command (5.1 passes it as the string;
  Set-Location then looks for a folder named ``-``) becomes ``'-'``.
- ``Test-Path \\\\NODE2\\C$\\x``, ``Write-Output [a].txt``: a command argument that starts with ``\\\\`` or ``[`` is one
  generic token (5.1's tokenizer in command mode), put in double quotes.
- comma lists that begin with a hashtable or script block and go on with
  barewords, ``Select-Object @{n='Owner';e={$_.OwnerNode}}, State``
  (about_Parsing, argument mode): the barewords become quoted strings.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

_LABEL = re.compile(r"(?i)(?<![\w$-])(break|continue)([ \t]+)([A-Za-z_]\w*)(?=[ \t]*(?:[;}\r\n#]|$))")
_BAREWORD = re.compile(r"[A-Za-z_*.][^\s,;|(){}\[\]'\"$@`#]*")


def code_mask(text: str) -> list[bool]:
    """True where a character is code (not inside a string literal or a comment)."""
    return list(_code_mask(text))


@lru_cache(maxsize=16)
def _code_mask(text: str) -> tuple[bool, ...]:
    """code_mask's work, kept for the few texts a parse rewrites in turn (each rewrite asks for the mask again)."""
    n = len(text)
    mask = [True] * n
    i = 0
    while i < n:
        c = text[i]
        start = i
        if c == "`":
            i += 2          # an escaped character in code (`' is no string, `# no comment): tokenizer.cs Backtick
            continue
        if c == "#" and (i == 0 or text[i - 1] in " \t\r\n;{}()|"):
            j = text.find("\n", i)
            i = n if j == -1 else j
        elif c == "<" and text.startswith("<#", i):
            j = text.find("#>", i + 2)
            i = n if j == -1 else j + 2
        elif c == "@" and text.startswith(("@'", '@"'), i) and text[i + 2:i + 3] in ("\n", "\r"):
            j = text.find("\n" + text[i + 1] + "@", i + 2)
            i = n if j == -1 else j + 3
        elif c == "'" or c == '"':
            j = i + 1
            while j < n:
                if c == '"' and text[j] == "`":
                    j += 2
                    continue
                if text[j] == c:
                    if j + 1 < n and text[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            i = j + 1
        else:
            i += 1
            continue
        for k in range(start, min(i, n)):
            mask[k] = False
    return tuple(mask)


def _matching(text: str, mask: list[bool], open_at: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``open_at`` (or -1)."""
    depth = 0
    for k in range(open_at, len(text)):
        if not mask[k]:
            continue
        if text[k] == "{":
            depth += 1
        elif text[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    return -1


def _closing(text: str, mask: list[bool], open_at: int) -> int:
    """Index of the bracket closing the ``(`` or ``[`` at ``open_at`` (or -1)."""
    pairs = {"(": ")", "[": "]"}
    stack = []
    for k in range(open_at, len(text)):
        if not mask[k]:
            continue
        if text[k] in pairs:
            stack.append(pairs[text[k]])
        elif stack and text[k] == stack[-1]:
            stack.pop()
            if not stack:
                return k
    return -1


_ARGUMENT_VARIABLE = re.compile(r"(?<=[ \t,])\$[\w:]+")
_MEMBER = re.compile(r"\.[A-Za-z_]\w*")


def _argument_primaries(text: str, mask: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of each variable, ``( )``, ``$( )`` or ``@( )`` that starts a command argument (after a space
    or a comma)."""
    out = [(m.start(), m.end()) for m in _ARGUMENT_VARIABLE.finditer(text) if mask[m.start()]]
    for k, ch in enumerate(text):
        if not mask[k] or k == 0 or text[k - 1] not in " \t,":
            continue
        if ch == "(":
            open_at = k
        elif ch in "$@" and text[k + 1:k + 2] == "(":
            open_at = k + 1
        else:
            continue
        close = _closing(text, mask, open_at)
        if close > 0:
            out.append((k, close + 1))
    return out


def _chained_calls(text: str, mask: list[bool]) -> str:
    edits = []
    for start, end in _argument_primaries(text, mask):
        k, called, after_call = end, False, False
        while k < len(text):
            member = _MEMBER.match(text, k)
            if member and mask[k]:
                after_call, k = after_call or called, member.end()
            elif text[k] in "([" and mask[k] and k > end - 1:
                close = _closing(text, mask, k)
                if close < 0:
                    break
                after_call, called, k = after_call or called, called or text[k] == "(", close + 1
            else:
                break
        if after_call and not re.match(r"[ \t]*=(?!=)", text[k:]):
            edits.append((start, k, "(" + text[start:k] + ")"))
    return _apply(text, edits)


def _labels(text: str, mask: list[bool]) -> str:
    def sub(m: re.Match[str]) -> str:
        if not mask[m.start()]:
            return m.group(0)
        if m.group(3).lower() in ("while", "until"):
            return m.group(0)
        return f"{m.group(1)}{m.group(2)}'{m.group(3)}'"
    return _LABEL.sub(sub, text)


def _bodies(text: str, mask: list[bool], keyword: str) -> list[tuple[int, int]]:
    """(open, close) of the ``{ }`` body of each ``keyword`` statement (switch, class)."""
    out = []
    for m in re.finditer(rf"(?i)(?<![\w$-]){keyword}\b", text):
        if not mask[m.start()]:
            continue
        depth = 0
        k = m.end()
        while k < len(text):
            if mask[k]:
                ch = text[k]
                if ch == "(":
                    depth += 1
                elif ch == ")":
                    depth -= 1
                elif ch == "{" and depth == 0:
                    close = _matching(text, mask, k)
                    if close != -1:
                        out.append((k, close))
                    break
                elif ch in ";}" and depth == 0:
                    break
            k += 1
    return out


def _switch_clauses(text: str, mask: list[bool]) -> str:
    edits: list[tuple[int, int, str]] = []       # (start, end, replacement)
    for open_at, close in _bodies(text, mask, "switch"):
        k = open_at + 1
        want_action = False
        while k < close:
            ch = text[k]
            if not mask[k] and ch in "'\"":         # a string condition
                while k < close and not mask[k]:
                    k += 1
                want_action = True
                continue
            if not mask[k] or ch in " \t\r\n;":
                if mask[k] and ch in "\r\n;":
                    want_action = want_action and ch != ";"
                k += 1
                continue
            if ch == "{":
                end = _matching(text, mask, k)
                if end == -1 or end > close:
                    break
                if want_action:
                    # the clause ends here: separate it from a next condition on the same line
                    j = end + 1
                    while j < close and text[j] in " \t":
                        j += 1
                    if j < close and text[j] not in "\r\n;}#":
                        edits.append((end + 1, end + 2, ";") if text[end + 1] in " \t" else (end + 1, end + 1, ";"))
                want_action = not want_action
                k = end + 1
                continue
            # a condition that is not a script block: a word, a string, a number, a (paren) or $variable
            depth = 0
            while k < close:
                c = text[k]
                if mask[k]:
                    if c in "([":
                        depth += 1
                    elif c in ")]":
                        depth -= 1
                    elif depth <= 0 and (c in " \t\r\n{;"):
                        break
                k += 1
            want_action = True
    return _apply(text, edits)


def _class_members(text: str, mask: list[bool]) -> str:
    edits = []
    for open_at, close in _bodies(text, mask, "class"):
        depth = 0
        last_close = -1
        for k in range(open_at + 1, close):
            if not mask[k]:
                continue
            c = text[k]
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    last_close = k
            elif c == ";" and depth == 0 and last_close > 0 and text[last_close + 1:k].strip() == "":
                edits.append((k, k + 1, " "))
    return _apply(text, edits)


def _comma_barewords(text: str, mask: list[bool]) -> str:
    edits = []
    for m in re.finditer(r"\}[ \t]*,", text):
        if not mask[m.start()]:
            continue
        k = m.end()
        while True:
            while k < len(text) and text[k] in " \t":
                k += 1
            w = _BAREWORD.match(text, k)
            if w and mask[k] and not text[k].isdigit() and not text[k] in "-":
                edits.append((w.start(), w.end(), "'" + w.group(0) + "'"))
                k = w.end()
            elif k < len(text) and not mask[k]:      # a quoted string: keep it
                while k < len(text) and not mask[k]:
                    k += 1
            else:
                break
            while k < len(text) and text[k] in " \t":
                k += 1
            if k < len(text) and text[k] == "," and mask[k]:
                k += 1
                continue
            break
    return _apply(text, edits)


_END_OF_PARAMETERS = re.compile(r"(?<=[ \t])--(?=[ \t]|$)", re.M)
_COMMAND_START = re.compile(r"[ \t]*(?:[.&][ \t]*)?([A-Za-z_][\w-]*)")
_KEYWORDS = frozenset({"if", "elseif", "else", "foreach", "for", "while", "do", "until", "switch", "function", "filter",
                       "return", "throw", "break", "continue", "exit", "trap", "try", "catch", "finally", "param"})


def _end_of_parameters(text: str, mask: list[bool]) -> str:
    edits = []
    for m in _END_OF_PARAMETERS.finditer(text):
        if not mask[m.start()]:
            continue
        start = m.start()
        while start > 0 and not (mask[start - 1] and text[start - 1] in "|;{(\n"):
            start -= 1
        head = _COMMAND_START.match(text, start)
        if head is None or head.group(1).lower() in _KEYWORDS or "." in head.group(1):
            continue     # not a PowerShell command: an external program gets `--` as it is
        edits.append((m.start(), m.end(), "  "))
        k = m.end()
        while k < len(text) and not (mask[k] and text[k] in "|;)}\n"):
            w = re.compile(r"-[^\s,;|(){}'\"$`#]+").match(text, k)
            if w and mask[k] and text[k - 1] in " \t,":
                edits.append((w.start(), w.end(), "'" + w.group(0) + "'"))
                k = w.end()
            else:
                k += 1
    return _apply(text, edits)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, rep in sorted(edits, reverse=True):
        text = text[:start] + rep + text[end:]
    return text


# an attribute with arguments, [Name(...)], whose arguments hold no brackets
_ATTRIBUTE = r"\[[ \t]*[A-Za-z_][\w.]*[ \t]*\([^\[\]\r\n]*\)[ \t]*\]"
_MEMBER_ATTRIBUTES = re.compile(rf"({_ATTRIBUTE})((?:\s*{_ATTRIBUTE})+)")


def _member_attribute_spans(text: str, mask: list[bool]) -> list[tuple[int, int]]:
    """The second and later attributes of a class member (``[ValidateRange(1,5)][ValidateNotNull()][int]$p``):
    tree-sitter-pwsh takes one attribute before a property's type."""
    spans = []
    for open_at, close in _bodies(text, mask, "class"):
        depth = 0
        k = open_at + 1
        while k < close:
            if mask[k] and text[k] in "{(":
                depth += 1
            elif mask[k] and text[k] in "})":
                depth -= 1
            elif depth == 0 and mask[k] and text[k] == "[":
                m = _MEMBER_ATTRIBUTES.match(text, k)
                if m is not None and m.end() <= close:
                    for a in re.finditer(_ATTRIBUTE, text[m.start(2):m.end(2)]):
                        spans.append((m.start(2) + a.start(), m.start(2) + a.end()))
                    k = m.end()
                    continue
            k += 1
    return spans


def _member_attributes(text: str, mask: list[bool]) -> str:
    """Each later attribute of a class member becomes spaces (same length); :func:`member_attributes` keeps them."""
    return _apply(text, [(a, b, " " * (b - a)) for a, b in _member_attribute_spans(text, mask)])


_KEYWORDS_THEN_ATTRIBUTE = re.compile(rf"(?i)((?:hidden|static)(?:[ \t]+(?:hidden|static))*)([ \t]+)({_ATTRIBUTE})(?![ \t]*\[[ \t]*[A-Za-z_][\w.]*[ \t]*\()")


def _member_keywords_last(text: str, mask: list[bool]) -> str:
    """``hidden [ValidateSet('a')] [string]$s``: tree-sitter-pwsh wants the attribute before ``hidden``/``static``;
    the two swap places on their line (same length, so positions after them stay)."""
    edits = []
    for open_at, close in _bodies(text, mask, "class"):
        for m in _KEYWORDS_THEN_ATTRIBUTE.finditer(text, open_at + 1, close):
            if mask[m.start()] and (m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_$")):
                edits.append((m.start(), m.end(), m.group(3) + m.group(2) + m.group(1)))
    return _apply(text, edits)


def member_attributes(original: str, repaired_text: str) -> dict[int, str]:
    """Byte offset of each attribute :func:`_member_attributes` took out of a class member -> its text."""
    if len(original) != len(repaired_text):
        return {}
    return {len(original[:a].encode("utf-8")): original[a:b]
            for a, b in _member_attribute_spans(original, code_mask(original)) if not repaired_text[a:b].strip()}


_ENUM_MEMBER_VALUE = re.compile(r"(?m)(^|[{;])([ \t]*[A-Za-z_]\w*[ \t]*=)([^;}\r\n]*)")


def _enum_value_spans(text: str, mask: list[bool]) -> list[tuple[int, int]]:
    spans = []
    for open_at, close in _bodies(text, mask, "enum"):
        body = text[open_at:close]
        for m in _ENUM_MEMBER_VALUE.finditer(body):
            value = re.sub(r"(^|\s)#.*$", "", m.group(3))    # `e3 = 1  # note`: the comment is not the value
            if value.strip() and not re.fullmatch(r"\s*\d+\s*", value):
                start = open_at + m.start(3)
                lead = len(value) - len(value.lstrip())
                spans.append((start + lead, start + len(value.rstrip())))
    return spans


def _enum_values(text: str, mask: list[bool]) -> str:
    """``A = -4``, ``B = [int]::MaxValue``, ``e0 = [E5]::e0 + 2``: tree-sitter-pwsh takes only literals as
    enum values.  Each value becomes ``0`` and spaces (same length); :func:`enum_values` keeps the text."""
    return _apply(text, [(a, b, "0" + " " * (b - a - 1)) for a, b in _enum_value_spans(text, mask)])


def enum_values(original: str, repaired_text: str) -> dict[int, str]:
    """Byte offset of each ``0`` that :func:`_enum_values` put in → the value text it replaced."""
    if len(original) != len(repaired_text):
        return {}
    return {len(original[:a].encode("utf-8")): original[a:b]
            for a, b in _enum_value_spans(original, code_mask(original)) if repaired_text[a:b].strip() == "0"}


_PARAM = re.compile(r"(?i)(?<![\w$-])param\s*\(")


def _param_then_statement(text: str, mask: list[bool]) -> str:
    """``function f { param($a) "x" }``: a ``;`` between the param block and what follows it on its line."""
    edits = []
    for m in _PARAM.finditer(text):
        if not mask[m.start()]:
            continue
        depth = 0
        k = m.end() - 1
        while k < len(text):
            if mask[k]:
                if text[k] == "(":
                    depth += 1
                elif text[k] == ")":
                    depth -= 1
                    if depth == 0:
                        break
            k += 1
        j = k + 1
        while j < len(text) and text[j] in " \t":
            j += 1
        if j < len(text) and text[j] not in "\r\n;#}":
            edits.append((k + 1, k + 2, ";") if text[k + 1:k + 2] in (" ", "\t") else (k + 1, k + 1, ";"))
    return _apply(text, edits)


_CASE_IN = re.compile(r"(?i)(?<![\w-])-([ci])(not)?in(?![\w-])")


def _case_in_operators(text: str, mask: list[bool]) -> str:
    """``-cin`` / ``-iin`` / ``-cnotin`` / ``-inotin`` (5.1 operators, about_Comparison_Operators) that
    tree-sitter-pwsh lacks become ``-in`` / ``-notin`` of the same length; :func:`case_sensitive_ins`
    remembers which were ``-c``."""
    return _CASE_IN.sub(lambda m: ("-notin " if m.group(2) else "-in ") if mask[m.start()] else m.group(0), text)


def case_sensitive_ins(original: str, repaired_text: str) -> set[int]:
    """Byte offsets of the ``-in`` / ``-notin`` tokens that were ``-cin`` / ``-cnotin``."""
    if len(original) != len(repaired_text):
        return set()
    mask = code_mask(original)
    return {len(original[:m.start()].encode("utf-8")) for m in _CASE_IN.finditer(original)
            if mask[m.start()] and m.group(1).lower() == "c"}


_ODD_SPACE = re.compile("[\f\v\u00a0\u0085]|\r(?!\n)")
ODD_SPACE_CHARS = "\f\v\u00a0\u0085\r"


def normalize_whitespace(text: str) -> str:
    """Form feed, vertical tab, no-break space and next-line (U+0085) are whitespace to PowerShell's
    tokenizer (about_Special_Characters lists `f and `v; the tokenizer takes the Unicode space
    separators and NEL), and a lone carriage return ends a line (old Mac line endings); tree-sitter-pwsh
    reads them as part of a word.  In code (not in strings or comments) they become a space, and a
    lone CR a line feed: the same length, so positions hold."""
    if not any(c in text for c in ODD_SPACE_CHARS):
        return text
    mask = code_mask(text)
    return _ODD_SPACE.sub(lambda m: m.group(0) if not mask[m.start()] else ("\n" if m.group(0) == "\r" else " "), text)


_BARE_REQUIRES = re.compile(r"(?im)^([ \t]*)#requires(?=[ \t]*\r?$)")


def bare_requires(text: str) -> str:
    """A ``#requires`` line without arguments does nothing in 5.1 (PowerShell's Requires.Tests: "Successfully does
    nothing when given '#requires'"); tree-sitter-pwsh reads the next line as its argument. It becomes a plain
    comment of the same length."""
    if "#requires" not in text.lower():
        return text
    return _BARE_REQUIRES.sub(lambda m: m.group(1) + "#_equires", text)


_TRAILING_DOT_REAL = re.compile(r"(?<![\w.$\\/:~`-])(-?\d+)\.(?=[ \t\r\n;,)}\]|]|$)")


def trailing_dot_reals(text: str) -> str:
    """``20.``: PowerShell's tokenizer reads digits followed by a decimal point and no more digits as a
    real literal (the double 20; about_Numeric_Literals: "Real literals ... can include fractional values
    following a decimal point"); tree-sitter-pwsh reads ``20.`` as a command name.  In code such a number
    becomes ``20.0`` (one character longer: later columns of that line shift by one)."""
    if "." not in text or not _TRAILING_DOT_REAL.search(text):
        return text
    mask = code_mask(text)
    return _TRAILING_DOT_REAL.sub(lambda m: m.group(1) + ".0" if mask[m.start()] else m.group(0), text)


_ELSE_ON_NEXT_LINE = re.compile(r"\}([ \t]*(?:#[^\r\n]*)?)((?:\r?\n[ \t]*)+)(?=else(?:if)?\b)", re.I)


def join_else_lines(text: str) -> str:
    """``$a = if ($c) { 1 }`` with ``else { 2 }`` on the next line: 5.1 reads the else clause of the
    if (about_If: the clauses may start on new lines), also where the if is a value (an assignment,
    a hashtable entry); tree-sitter-pwsh ends the statement at the line break and runs ``else`` as a
    command.  The line breaks between ``}`` and ``else``/``elseif`` are made line continuations (a
    backtick before each), taking a character of the next line's indentation when there is one, so
    lines keep their numbers."""
    if not _ELSE_ON_NEXT_LINE.search(text):
        return text
    mask = code_mask(text)

    def fix(m: re.Match[str]) -> str:
        if not mask[m.start()]:
            return m.group(0)
        comment = " " * len(m.group(1))          # a comment cannot precede a continuation: blanked
        gap = re.sub(r"(\r?\n)([ \t]?)", lambda g: "`" + g.group(1), m.group(2))
        return "}" + comment + gap

    return _ELSE_ON_NEXT_LINE.sub(fix, text)


_GENERIC_ARG = re.compile(r"(?:(?<=[\w`]\[)|(?<=,)|(?<=,[ \t])|(?<=,[ \t]{2}))\[([\w.`]+(?:\[\])?)\](?=[ \t]*[,\]])")


def _generic_brackets(text: str, mask: list[bool]) -> str:
    """``[list[[int]]]``, ``[dictionary[[string], [int]]]``: generic arguments written in brackets (the
    .NET type-name form 5.1 accepts) lose their brackets to spaces, ``[list[ int ]]``."""
    return _GENERIC_ARG.sub(lambda m: " " + m.group(1) + " " if mask[m.start()] else m.group(0), text)


def _command_argument_at(text: str, mask: list[bool], at: int) -> tuple[re.Match[str], list[str]] | None:
    """When ``at`` stands among the arguments of a command (its statement starts with a command name, no keyword, and
    ``at`` is outside parentheses): the command name's match and the code characters between the statement's start
    and ``at``; else None."""
    start = at
    while start > 0 and not (mask[start - 1] and text[start - 1] in "|;{\n"):
        start -= 1
    head = _COMMAND_START.match(text, start)
    if head is None or head.group(1).lower() in _KEYWORDS:
        return None
    between = [c for i, c in enumerate(text[start:at], start) if mask[i]]
    return (head, between) if between.count("(") == between.count(")") else None


_LONE_SIGN = re.compile(r"(?<=[ \t])[-+](?=[ \t;|}\r\n]|$)", re.M)


def _lone_signs(text: str, mask: list[bool]) -> str:
    """``cd -``: a lone ``-`` or ``+`` argument of a command (not inside parentheses) is the string '-' / '+'."""
    edits = []
    for m in _LONE_SIGN.finditer(text):
        if not mask[m.start()]:
            continue
        if _command_argument_at(text, mask, m.start()) is None:
            continue             # no command's argument, or inside parentheses: an expression's operator
        edits.append((m.start(), m.end(), f"'{m.group(0)}'"))
    return _apply(text, edits)


_GENERIC_ARGUMENT = re.compile(r"(?<=[ \t])(?:\\\\|\[)[^\s;,|&(){}'\"`]*")


def _generic_arguments(text: str, mask: list[bool]) -> str:
    """``Test-Path \\\\NODE2\\C$\\Windows``, ``Write-Output [orig-file].txt``: in a command's arguments a token that starts
    with ``\\\\`` (a UNC path, whose ``$`` is no variable) or ``[`` is one generic token, an expandable string (5.1's
    tokenizer in command mode: ScanGenericToken, '[' included); it is put in double quotes, which read the same."""
    edits = []
    for m in _GENERIC_ARGUMENT.finditer(text):
        if not mask[m.start()] or len(m.group(0)) < 2:
            continue
        found = _command_argument_at(text, mask, m.start())
        if found is None or found[0].end() > m.start() or "=" in found[1]:
            continue             # no command's argument, inside parentheses or after an assignment: an expression
        edits.append((m.start(), m.end(), f'"{m.group(0)}"'))
    return _apply(text, edits)


_DATA_PARAMETER = re.compile(r"(?im)((?:^|[;{}\n])[ \t]*data(?:[ \t]+[A-Za-z_]\w*)?[ \t]+)-([A-Za-z]+)\b")


def _data_parameter(text: str, mask: list[bool]) -> str:
    """``data -Supp Cmd { }``: 5.1 takes any prefix of -SupportedCommand (Parser.IsSpecificParameter); tree-sitter-pwsh only
    the whole name, which the prefix becomes."""
    def sub(m: re.Match[str]) -> str:
        if not mask[m.end(1)] or not "supportedcommand".startswith(m.group(2).lower()):
            return m.group(0)
        return m.group(1) + "-SupportedCommand"
    return _DATA_PARAMETER.sub(sub, text)


_LABEL_BEFORE = re.compile(r"(?im)(^|[;{])([ \t]*)(:[A-Za-z_]\w*)(?![\w:])(?![ \t]*(?:switch|foreach|for|while|do)\b)")


def _label_as_command(text: str, mask: list[bool]) -> str:
    """``:foo if ($x) { }``: a label before anything but a loop or switch is no label to 5.1; the parser reads the
    statement again as a pipeline whose command is named ``:foo`` (Parser.LabeledStatementRule: "resync on the
    label"), which then is not found.  The label becomes that command, ``&':foo'``."""
    def sub(m: re.Match[str]) -> str:
        if not mask[m.start(3)]:
            return m.group(0)
        return m.group(1) + m.group(2) + "&'" + m.group(3) + "'"
    return _LABEL_BEFORE.sub(sub, text)


_COLON_NAME = re.compile(r"\$([A-Za-z_]\w*:[A-Za-z_?]\w*(?::[A-Za-z_?]\w*)+)")


def _colon_names(text: str, mask: list[bool]) -> str:
    """``$Variable:a:b:c``: 5.1's tokenizer takes every ``:name`` after the drive into the variable's name
    (tokenizer.cs ScanVariable); tree-sitter-pwsh stops at the second colon.  Such a name gets braces, ``${Variable:a:b:c}``."""
    return _COLON_NAME.sub(lambda m: "${" + m.group(1) + "}" if mask[m.start()] else m.group(0), text)


_SWITCH_FLAGS = ("regex", "wildcard", "exact", "casesensitive", "file")
_SWITCH_HEAD = re.compile(r"(?i)(?<![\w$-])switch((?:[ \t]+-[A-Za-z]+)+)")


def _switch_flags(text: str, mask: list[bool]) -> str:
    """``switch -r ($x) { }``: 5.1 takes any prefix of a switch flag (Parser.SwitchStatementRule, IsSpecificParameter);
    tree-sitter-pwsh only whole names, which the prefixes become."""
    def flags(m: re.Match[str]) -> str:
        if not mask[m.start()]:
            return m.group(0)

        def one(f: re.Match[str]) -> str:
            full = next((x for x in _SWITCH_FLAGS if x.startswith(f.group(1).lower())), None)
            return "-" + full if full else f.group(0)
        return "switch" + re.sub(r"-([A-Za-z]+)", one, m.group(1))
    return _SWITCH_HEAD.sub(flags, text)


_CLEAN_COMMAND = re.compile(r"(?im)(^|[;{])([ \t]*)(clean[\w-]*)(?=[ \t]|;|\r?$)(?![ \t]*\{)")


def _clean_commands(text: str, mask: list[bool]) -> str:
    """``Clean-State`` (or ``clean``) first in a script block: ``clean`` is no keyword in 5.1 (its named block came
    with PowerShell 7.3), so this is a command; tree-sitter-pwsh reads a clean block there.  The name becomes
    ``&'Clean-State'``, the same command looked up."""
    return _CLEAN_COMMAND.sub(lambda m: m.group(1) + m.group(2) + "&'" + m.group(3) + "'" if mask[m.start(3)] else m.group(0),
                              text)


_DASH_STATEMENT = re.compile(r"(?im)(^|[;{(|])([ \t]*)(-[A-Za-z_][\w-]*)(?=[ \t]|;|\)|\r?$)")
_UNARY_DASH = frozenset({"-not", "-bnot", "-split", "-isplit", "-csplit", "-join"})


def _dash_command_names(text: str, mask: list[bool]) -> str:
    """``( -eq 3)``: a statement that starts with ``-word`` (not a unary operator) is a command of that name to 5.1
    (in command mode the tokenizer reads a parameter token, and Parser.CommandRule takes it as the command name);
    tree-sitter-pwsh fails on it.  The name becomes ``&'-eq'``."""
    def sub(m: re.Match[str]) -> str:
        if not mask[m.start(3)] or m.group(3).lower() in _UNARY_DASH:
            return m.group(0)
        return m.group(1) + m.group(2) + "&'" + m.group(3) + "'"
    return _DASH_STATEMENT.sub(sub, text)


REPAIRS: list[Callable[[str, list[bool]], str]] = [_clean_commands, _switch_flags, _data_parameter, _label_as_command, _colon_names, _generic_brackets, _param_then_statement, _labels, _switch_clauses, _class_members, _comma_barewords, _chained_calls, _end_of_parameters,
                                                    _enum_values, _case_in_operators, _lone_signs, _generic_arguments, _dash_command_names]
# a class member's attributes first (their rewrites touch nothing else, and the others must not see them)
REPAIRS[:0] = [_member_keywords_last, _member_attributes]


def repaired(text: str, parses: Callable[[str], bool]) -> str | None:
    """``text`` rewritten so that ``parses`` accepts it, or None when no rewrite helps."""
    current = text
    for fix in REPAIRS:
        candidate = fix(current, code_mask(current))
        if candidate != current:
            current = candidate
            if parses(current):
                return current
    return None


def string_member_arguments(text: str) -> str:
    """``Write-Output "abc".ToUpper()``: a quoted string that starts a command argument and is followed at once by
    ``.member`` or ``[index]`` is an expression with that member access (Parser.GetCommandArgument reads a string
    token with PrimaryExpressionRule(withMemberAccess: true); about_Parsing: an argument that starts with a quote is
    a string, and the variable rule "the variable reference can include member access" holds for it too). tree-sitter-pwsh
    reads the member as a second bareword; the string gets parentheses, ``("abc").ToUpper()``, the same value (two
    characters more: later columns of that line shift)."""
    if "'." not in text and '".' not in text and "'[" not in text and '"[' not in text:
        return text
    mask = code_mask(text)
    edits = []
    n = len(text)
    i = 1
    while i < n:
        if text[i] in "'\"" and not mask[i] and mask[i - 1] and text[i - 1] in " \t,":
            j = i
            while j < n and not mask[j]:
                j += 1
            if j < n and (text[j] == "[" or (text[j] == "." and j + 1 < n and (text[j + 1].isalpha() or text[j + 1] == "_"))):
                edits.append((i, j, "(" + text[i:j] + ")"))
            i = j
        else:
            i += 1
    return _apply(text, edits)


_TOKEN_END = " \t\r\n{}();,|&"
_ODD_WHITESPACE = " \t\f\v\u00a0\u0085"


def backtick_whitespace(text: str) -> str:
    """A backtick that starts a token and is followed by whitespace is whitespace to 5.1's tokenizer (tokenizer.cs,
    NextToken and SkipNewlines: "if (char.IsWhiteSpace(c1)) { SkipWhiteSpace(); goto again; }"): ``'a' + ` `` with
    spaces after the backtick goes on at the next line as after any ``+``.  Such a backtick becomes a space (same
    length); tree-sitter-pwsh reads it as an escaped space."""
    if "`" not in text:
        return text
    mask = code_mask(text)
    chars = list(text)
    for k, c in enumerate(text):
        if c == "`" and mask[k] and (k == 0 or text[k - 1] in " \t\r\n") and text[k + 1:k + 2] and \
                text[k + 1] in _ODD_WHITESPACE:
            chars[k] = " "
    return "".join(chars)


def bareword_escapes(text: str) -> str:
    """``Write-Output `&Get-ChildItem``, ``Write-Output a` b``: in a command's bareword argument a backtick escapes
    the next character (about_Special_Characters, 5.1: the escape sequences; about_Parsing: in argument mode "`" escapes
    a character), the token's value has them resolved (tokenizer.cs ScanGenericToken: Backtick(c)).  tree-sitter-pwsh
    reads them as loose escape nodes; such an argument becomes the expandable string ``"..."`` of the same text, whose
    escapes and variables 5.1 reads the same way (two characters more: later columns of that line shift)."""
    if "`" not in text:
        return text
    mask = code_mask(text)
    n = len(text)
    edits: list[tuple[int, int, str]] = []
    k = 0
    while k < n:
        if text[k] != "`" or not mask[k] or text[k + 1:k + 2] in ("", "\r", "\n"):
            k += 1
            continue
        s = k
        while s > 0 and text[s - 1] not in _TOKEN_END and mask[s - 1]:
            s -= 1
        e = k
        while e < n:
            if text[e] == "`" and mask[e] and text[e + 1:e + 2] not in ("", "\r", "\n"):
                e += 2
            elif text[e] in _TOKEN_END or not mask[e]:
                break
            else:
                e += 1
        token = text[s:e]
        if s > 0 and text[s - 1] in " \t," and mask[s - 1] and token[0] not in "$@-[" and '"' not in token \
                and _in_command_arguments(text, mask, s):
            edits.append((s, e, '"' + token + '"'))
        k = max(e, k + 1)
    return _apply(text, edits)


def _enclosing_bracket(text: str, mask: list[bool], at: int) -> int:
    """Index of the innermost ``{``, ``(`` or ``[`` still open at ``at`` (-1 at the top)."""
    return _openers(text)[at]


@lru_cache(maxsize=16)
def _openers(text: str) -> tuple[int, ...]:
    """For each position of ``text``, the innermost bracket open there (code only), -1 at the top."""
    mask = _code_mask(text)
    stack: list[int] = []
    out = []
    for k, c in enumerate(text):
        out.append(stack[-1] if stack else -1)
        if not mask[k]:
            continue
        if c in "({[":
            stack.append(k)
        elif c in ")}]" and stack:
            stack.pop()
    out.append(stack[-1] if stack else -1)
    return tuple(out)


def _holds_statements(text: str, mask: list[bool], at: int) -> bool:
    """Whether ``at`` stands where statements do: not in a hashtable's entries or in brackets."""
    opener = _enclosing_bracket(text, mask, at)
    if opener >= 0 and text[opener] == "(" and opener > 0 and (text[opener - 1].isalnum() or text[opener - 1] in "_])"):
        # a method's or an attribute's arguments, unless a keyword's condition: `if(`, `while(`
        word = re.search(r"(\w+)$", text[:opener])
        return bool(word) and word.group(1).lower() in _KEYWORDS
    return not (opener >= 0 and (text[opener] == "[" or text[opener] == "{" and opener > 0 and text[opener - 1] == "@"))


def _in_command_arguments(text: str, mask: list[bool], at: int) -> bool:
    """Whether ``at`` is past the name of a command (not an expression or a keyword's statement), outside parentheses;
    a hashtable's entries (``@{ Name = 'x' }``) and brackets hold no commands."""
    opener = _enclosing_bracket(text, mask, at)
    if opener >= 0 and (text[opener] == "[" or text[opener] == "{" and opener > 0 and text[opener - 1] == "@"):
        return False
    start = at
    while start > 0 and not (mask[start - 1] and text[start - 1] in "|;{\n"):
        start -= 1
    head = _COMMAND_START.match(text, start)
    if head is None or head.group(1).lower() in _KEYWORDS or head.end() > at:
        return False
    between = [c for i, c in enumerate(text[start:at], start) if mask[i]]
    return between.count("(") == between.count(")")


_HERE_HEADER_SPACE = re.compile(r"@([\"'])[ \t\f\v\u00a0\u0085]+(?=\r?\n)")
_EMPTY_HERE_STRING = re.compile(r"@([\"'])(\r?\n)\1@")


def here_string_headers(text: str) -> str:
    """Here-strings as 5.1's tokenizer reads them (tokenizer.cs ScanAfterHereStringHeader, ScanPossibleHereStringFooter;
    about_Quoting_Rules, 5.1): whitespace after the ``@"`` / ``@'`` header is allowed and not part of the string (it
    is dropped here: tree-sitter-pwsh took it into the value); a here-string with no line between header and footer,
    ``@"`` then ``"@``, is the empty string (it becomes ``""`` with the line break kept, so lines keep their numbers)."""
    if "@\"" not in text and "@'" not in text:
        return text
    mask = code_mask(text)
    text = _HERE_HEADER_SPACE.sub(lambda m: "@" + m.group(1) if mask[m.start()] else m.group(0), text)
    mask = code_mask(text)
    # code_mask counts the header into the string: the character before it tells code
    return _EMPTY_HERE_STRING.sub(lambda m: m.group(1) * 2 + m.group(2) + "  " if m.start() == 0 or mask[m.start() - 1]
                                  else m.group(0), text)


# an empty sub-expression between the parts, so that a variable at the end of one does not run into the next
_SEGMENT_BREAK = "$()"


def _as_expandable(token: str, mask: list[bool], offset: int) -> str | None:
    """A generic token with quoted parts (``a"b c"d``, ``x'$y'``) as one double-quoted string of the same value, or
    None when it holds something else (a here-string, a sub-expression)."""
    out = ['"']
    k = 0
    n = len(token)
    while k < n:
        ch = token[k]
        if mask[offset + k]:
            if ch == "`" and k + 1 < n:
                out.append(token[k:k + 2])
                k += 2
                continue
            out.append(ch)
            k += 1
            continue
        j = k
        while j < n and not mask[offset + j]:
            j += 1
        part = token[k:j]
        if len(part) < 2 or part[0] != part[-1] or part[0] not in "'\"" or "$(" in part:
            return None
        body = part[1:-1]
        if part[0] == "'":
            body = body.replace("''", "'").replace("`", "``").replace("$", "`$").replace('"', '`"')
        out.append(_SEGMENT_BREAK if body[:1].isalnum() or body[:1] in "_:?" else "")
        out.append(body)
        if j < n and (token[j].isalnum() or token[j] in "_:?"):
            out.append(_SEGMENT_BREAK)
        k = j
    out.append('"')
    return "".join(out)


def bareword_quotes(text: str) -> str:
    """Quotes in a command's bareword arguments, as 5.1's tokenizer reads them (tokenizer.cs ScanGenericToken takes a
    quoted part into the token; NextToken ends a string token at its closing quote):

    - ``Write-Output a"b c"d``: one argument, ``ab cd``; it becomes the expandable string ``"ab cd"`` (a single-quoted
      part's ``$`` and backticks escaped, so they stay literal);
    - ``Write-Output "a"b``: a string argument and then a bareword, two arguments; a space goes between them.

    tree-sitter-pwsh reads both as one concatenated argument, which the twin refuses."""
    if '"' not in text and "'" not in text:
        return text
    mask = code_mask(text)
    n = len(text)
    edits: list[tuple[int, int, str]] = []
    k = 1
    while k < n:
        if mask[k] or mask[k - 1] is False or text[k] not in "'\"":
            k += 1
            continue
        # a string starts at k (code before it); its token starts at s
        s = k
        while s > 0 and mask[s - 1] and text[s - 1] not in _TOKEN_END:
            s -= 1
        e = k
        while e < n and (not mask[e] or text[e] not in _TOKEN_END):
            if mask[e] and text[e] == "`":
                e += 1
            e += 1
        e = min(e, n)
        if s == 0 or text[s - 1] not in " \t," or not mask[s - 1] or not _in_command_arguments(text, mask, s):
            k = e
            continue
        if s == k:
            # "a"b: the string ends the token; what follows at once is a new argument
            j = k
            while j < n and not mask[j]:
                j += 1
            if j < e and (text[j].isalnum() or text[j] in "_*?\\/:~%+=!^"):
                edits.append((j, j, " "))
        elif text[s] not in "$@-[(":
            expandable = _as_expandable(text[s:e], mask, s)
            if expandable is not None:
                edits.append((s, e, expandable))
        k = e
    return _apply(text, edits)


_BACKTICK_CHARS = {"0": "\0", "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def _literal_value(token: str, mask: list[bool], offset: int) -> str:
    """The value of a generic token read as a command name (not expanded, tokenizer.cs ScanGenericToken): escapes
    resolved, quotes removed, ``$a`` and ``$(...)`` kept as written."""
    out = []
    k = 0
    n = len(token)
    while k < n:
        ch = token[k]
        if mask[offset + k]:
            if ch == "`" and k + 1 < n:
                out.append(_BACKTICK_CHARS.get(token[k + 1], token[k + 1]))
                k += 2
                continue
            out.append(ch)
            k += 1
            continue
        j = k
        while j < n and not mask[offset + j]:
            j += 1
        part = token[k:j]
        body = part[1:-1] if len(part) >= 2 and part[0] == part[-1] and part[0] in "'\"" else part
        if part[:1] == "'":
            out.append(body.replace("''", "'"))
        else:
            out.append(re.sub(r"`(.)", lambda m: _BACKTICK_CHARS.get(m.group(1), m.group(1)), body.replace('""', '"')))
        k = j
    return "".join(out)


def command_name_tokens(text: str) -> str:
    """A command name written with quotes, escapes or ``$(...)`` inside it (about_Parsing, 5.1: `` `2 `` is the command
    "2", ``a'$a'`` and ``a"$a"`` the command "a$a", ``a$(2)`` the command "a$(2)": a command name without an invocation
    operator is not expanded): tree-sitter-pwsh splits such a name or fails on it; it becomes ``&'name'``, which
    looks the same name up."""
    if not any(c in text for c in "`'\"") and "$(" not in text:
        return text
    mask = code_mask(text)
    n = len(text)
    edits: list[tuple[int, int, str]] = []
    for m in re.finditer(r"(?m)(?:^|[;{(|])[ \t]*", text):
        s = m.end()
        if s >= n or (m.start() < n and text[m.start():m.start() + 1] in ";{(|" and not mask[m.start()]):
            continue
        if not mask[s] or text[s] in "$@([-.&'\"\r\n#<{}),;|" or text[s:s + 2] in ("`\n", "`\r") or \
                text[s] == "`" and text[s + 1:s + 2] in ("", " ", "\t"):
            continue
        e = s
        while e < n:
            if mask[e] and text[e] == "`" and e + 1 < n:
                e += 2
            elif mask[e] and text[e] == "$" and text[e + 1:e + 2] == "(":
                close = _closing(text, mask, e + 1)
                if close < 0:
                    break
                e = close + 1
            elif not mask[e]:
                q = e
                while q < n and not mask[q]:
                    q += 1
                e = q
            elif text[e] in _TOKEN_END:
                break
            else:
                e += 1
        token = text[s:e]
        if not _holds_statements(text, mask, s):
            continue
        plain = re.fullmatch(r"[\w.\\:/~*?+-]+", token)
        if plain or not any(c in token for c in "`'\"") and "$(" not in token:
            continue
        if token.split(None, 1)[0].lower() in _KEYWORDS:
            continue
        value = _literal_value(token, mask, s)
        edits.append((s, e, "&'" + value.replace("'", "''") + "'"))
    return _apply(text, edits)


_DOLLAR_SIGN_TOKEN = re.compile(r"(?<![\w$`])\$[-+](?=[ \t\r\n;|)}]|$)", re.M)


def dollar_sign_tokens(text: str) -> str:
    """``$-`` (about_Parsing, 5.1: "$-" is a command in expression mode, the string "$-" in argument mode): a ``$``
    followed by no variable name is a generic token (tokenizer.cs ScanVariable: "if (!c.IsVariableStart()) ...
    ScanGenericToken").  tree-sitter-pwsh reads an operator after it; it becomes ``'$-'`` as an argument and
    ``&'$-'`` where a command stands."""
    if "$-" not in text and "$+" not in text:
        return text
    mask = code_mask(text)
    edits = []
    for m in _DOLLAR_SIGN_TOKEN.finditer(text):
        if not mask[m.start()]:
            continue
        before = text[:m.start()].rstrip(" \t")
        at_statement = (not before or before[-1] in "\n;{(|") and _holds_statements(text, mask, m.start())
        if at_statement:
            edits.append((m.start(), m.end(), "&'" + m.group(0) + "'"))
        elif text[m.start() - 1] in " \t," and _in_command_arguments(text, mask, m.start()):
            edits.append((m.start(), m.end(), "'" + m.group(0) + "'"))
    return _apply(text, edits)


_BRACED_THEN_MORE = re.compile(r"(?<=[ \t,])\$\{[^}\r\n]*\}(?=[^\s.\[;|)}&,(])")


def braced_variable_arguments(text: str) -> str:
    """``Set-Content -Path ${file}:${stream}``: in command mode a braced variable followed at once by more characters
    (not ``.`` or ``[``) is scanned again as one generic token, an expandable string (tokenizer.cs ScanVariable: "the
    simple way to get this variable included in the nested tokens is to ... start scanning all over again ... as a
    generic token"); tree-sitter-pwsh fails on it.  The argument becomes the string ``"${file}:${stream}"``."""
    if "${" not in text:
        return text
    mask = code_mask(text)
    edits = []
    for m in _BRACED_THEN_MORE.finditer(text):
        if not mask[m.start()] or not _in_command_arguments(text, mask, m.start()):
            continue
        e = m.end()
        while e < len(text) and mask[e] and text[e] not in _TOKEN_END and text[e] not in "\"'`":
            if text[e] == "$" and text[e + 1:e + 2] == "{":
                close = text.find("}", e)
                if close < 0:
                    break
                e = close + 1
                continue
            e += 1
        if e < len(text) and (not mask[e] or text[e] in "\"'`"):
            continue          # quotes or escapes in the token: left as they are
        edits.append((m.start(), e, '"' + text[m.start():e] + '"'))
    return _apply(text, edits)
