"""Which of Windows PowerShell 5.1's parse errors a script that does not parse has.

tree-sitter says where the parse failed; PowerShell says why, with an error ID
and a text from its ParserStrings resources (PowerShell's source,
src/System.Management.Automation/resources/ParserStrings.resx).  The twin
finds the common cases from the text itself (unclosed strings, braces,
parentheses and brackets, an operator with nothing after it, an empty pipe
element, a try without catch) and otherwise reports the token where tree-sitter
stopped as ``UnexpectedToken``.
"""

from __future__ import annotations

import re

from labkit.twin.grammar_gaps import code_mask

# ParserStrings.resx texts (5.1 and 7 share them)
TEXTS = {
    "MissingEndCurlyBrace": "Missing closing '}' in statement block or type definition.",
    "MissingEndParenthesisInExpression": "Missing closing ')' in expression.",
    "MissingEndSquareBracket": "Missing ']' after array index expression.",
    "ExpectedValueExpression": "You must provide a value expression following the '{0}' operator.",
    "TerminatorExpectedAtEndOfString": "The string is missing the terminator: {0}.",
    "UnexpectedToken": "Unexpected token '{0}' in expression or statement.",
    "EmptyPipeElement": "An empty pipe element is not allowed.",
    "MissingCatchOrFinally": "The Try statement is missing its Catch or Finally block.",
}

_BINARY_AT_END = re.compile(
    r"(?i)(?:^|[\s\w)\]'\"$])(\+|-|\*|/|%|-(?:[ic]?(?:eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split))"
    r"|-and|-or|-xor|-band|-bor|-bxor|-f|-join|-is|-isnot|-as)\s*$")


def classify(text: str, line: int, col: int, token: str) -> tuple[str, str, int, int]:
    """(error ID, message, line, column) of the parse error of ``text``; ``line``/``col``/``token``
    are where tree-sitter stopped (the fallback)."""
    mask = code_mask(text)
    n = len(text)
    # an unterminated string: the mask runs to the end inside a string
    i = 0
    while i < n:
        if not mask[i] and text[i] in "'\"" and (i == 0 or mask[i - 1]):
            j = i
            while j < n and not mask[j]:
                j += 1
            if j == n:
                quote = text[i]
                if i > 0 and text[i - 1] == "@":
                    quote = quote + "@"
                l, c = _pos(text, i)
                return "TerminatorExpectedAtEndOfString", TEXTS["TerminatorExpectedAtEndOfString"].format(quote), l, c
            i = j
        else:
            i += 1
    stack: list[tuple[str, int]] = []
    for k, ch in enumerate(text):
        if not mask[k]:
            continue
        if ch in "{([":
            stack.append((ch, k))
        elif ch in "})]" and stack and {"}": "{", ")": "(", "]": "["}[ch] == stack[-1][0]:
            stack.pop()
    if stack:
        ch, k = stack[-1]
        eid = {"{": "MissingEndCurlyBrace", "(": "MissingEndParenthesisInExpression", "[": "MissingEndSquareBracket"}[ch]
        l, c = _pos(text, n)
        return eid, TEXTS[eid], l, c
    code = "".join(ch if m else " " for ch, m in zip(text, mask)).rstrip()
    m = _BINARY_AT_END.search(code)
    if m:
        l, c = _pos(text, len(code))
        return "ExpectedValueExpression", TEXTS["ExpectedValueExpression"].format(m.group(1)), l, c
    if re.search(r"\|\s*$|\|\s*\||^\s*\|", code):
        return "EmptyPipeElement", TEXTS["EmptyPipeElement"], line, col
    if re.search(r"(?i)\btry\s*\{[^{}]*\}\s*$", code):
        l, c = _pos(text, len(code))
        return "MissingCatchOrFinally", TEXTS["MissingCatchOrFinally"], l, c
    return "UnexpectedToken", TEXTS["UnexpectedToken"].format(token), line, col


def _pos(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    line = before.count("\n") + 1
    return line, index - (before.rfind("\n") + 1) + 1


def position_message(text: str, line: int, col: int, message: str) -> str:
    """A ParseException's message as 5.1 shows it: position, the line, a caret, the text."""
    lines = text.splitlines() or [""]
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    return f"At line:{line} char:{col}\n+ {src}\n+ {' ' * (col - 1)}~\n{message}"
