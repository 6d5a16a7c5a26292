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
    "MissingOpenParenthesisAfterKeyword": "Missing opening '(' after keyword '{0}'.",
    "MissingEndParenthesisAfterStatement": "Missing closing ')' after expression in '{0}' statement.",
    "MissingLoopStatement": "Missing statement body in {0} loop.",
    "MissingVariableNameAfterForeach": "Missing variable name after foreach.",
    "MissingInInForeach": "Missing 'in' after variable in foreach loop.",
    "MissingForeachExpression": "Missing expression in foreach loop.",
    "MissingEndParenthesisAfterForeach": "Missing closing ')' after expression part of foreach loop.",
    "MissingForeachStatement": "Missing statement body in foreach loop.",
    "MissingWhileOrUntilInDoWhile": "Missing while or until keyword in do loop.",
    "MissingExpressionAfterKeyword": "Missing expression after '{0}' in loop.",
    "MissingStatementBlock": "Missing statement block after {0} ( condition ).",
    "MissingStatementBlockAfterElse": "Missing statement block after 'else' keyword.",
    "MissingOpenParenthesisInIfStatement": "Missing '(' after '{0}' in if statement.",
    "MissingNameAfterKeyword": "Missing name after {0} keyword.",
    "MissingFunctionBody": "Missing function body in function declaration.",
    "MissingTypeBody": "Missing '{0}' body in '{0}' declaration.",
    "MissingCurlyBraceInSwitchStatement": "Missing '{{' in switch statement.",
    "MissingTryStatementBlock": "The Try statement is missing its statement block.",
    "MissingExpressionAfterToken": "Missing expression after '{0}'.",
    "MissingExpression": "Missing expression after '{0}' in pipeline element.",
    "ExpressionsMustBeFirstInPipeline": "Expressions are only allowed as the first element of a pipeline.",
    "MissingTrapStatement": "The 'trap' statement was incomplete. A trap statement requires a body.",
    "MissingCatchHandlerBlock": "The Catch block is missing its statement block.",
    "MissingFinallyStatementBlock": "The Finally block is missing its statement block.",
    "PipelineValueRequired": "A switch statement must have one of the following:  '-file file_name' or '( expression )'.",
    "MissingFilenameOption": "Cannot process the 'switch' statement because of a missing file name argument to the -file option.",
    "MissingSwitchConditionExpression": "Missing condition in switch statement clause.",
    "MissingSwitchStatementClause": "Missing statement block in switch statement clause.",
    "MultipleSwitchDefaultClauses": "A switch statement can have only one default clause.",
    "MissingEndParenthesisInFunctionParameterList": "Missing ')' in function parameter list.",
    "IncompleteHashLiteral": "The hash literal was incomplete.",
    "MissingArgument": "Missing argument in parameter list.",
    "MissingTypeLiteralToken": "Missing type literal.",
    "MissingPropertyName": "Missing property name after reference operator.",
    "MissingArrayIndexExpression": "Array index expression is missing or not valid.",
    "MissingExpressionAfterOperator": "Missing expression after unary operator '{0}'.",
    "InvalidSwitchFlag": "The parameter {0} is not valid for the switch statement.",
    "InvalidParameterForDataSectionStatement": 'The "{0}" parameter of the Data section is not valid. The valid Data section '
                                               "parameter is SupportedCommand.",
    "MissingStatementBlockForDataSection": "The Data section is missing its statement block.",
    "MissingValueForSupportedCommandInDataSectionStatement": "The SupportedCommand parameter of the Data section is missing a "
                                                             "value. Supply a cmdlet or function name to the parameter.",
}

# A string literal with its closing quote (about_Quoting_Rules: '' and `" inside): one that ends the script is whole.
_WHOLE_STRING = re.compile(r"'(?:[^'\u2018\u2019]|'')*'|\"(?:[^\"`]|`.|\"\")*\"|@'\r?\n.*\n'@|@\"\r?\n.*\n\"@", re.S)

# A value (a string, a variable, a sub-expression) after a pipe: Parser.PipelineRule's ExpressionsMustBeFirstInPipeline.
_VALUE_AFTER_PIPE = re.compile(r"\|[ \t]*(['\"$(]|@[('\"{])")

# An incomplete statement at the end of the script: (pattern over the code from its keyword, error ID,
# what fills {0}).  "(...)" and "{...}" stand for balanced groups (see _shape).
_STATEMENTS = [
    (r"for", "MissingOpenParenthesisAfterKeyword", "for"),
    (r"for\s*\([^()]*", "MissingEndParenthesisAfterStatement", "for"),
    (r"for\s*\(\.\.\.\)", "MissingLoopStatement", "for"),
    (r"foreach", "MissingOpenParenthesisAfterKeyword", "foreach"),
    (r"foreach\s*\(", "MissingVariableNameAfterForeach", ""),
    (r"foreach\s*\(\s*\$[\w:]+(\s+(?!in\b)\S.*)?", "MissingInInForeach", ""),
    (r"foreach\s*\(\s*\$[\w:]+\s+in", "MissingForeachExpression", ""),
    (r"foreach\s*\(\s*\$[\w:]+\s+in\s+[^()]+", "MissingEndParenthesisAfterForeach", ""),
    (r"foreach\s*\(\.\.\.\)", "MissingForeachStatement", ""),
    (r"while", "MissingOpenParenthesisAfterKeyword", "while"),
    (r"while\s*\([^()]*", "MissingEndParenthesisAfterStatement", "while"),
    (r"while\s*\(\.\.\.\)", "MissingLoopStatement", "while"),
    (r"do", "MissingLoopStatement", "do"),
    (r"do\s*\{\.\.\.\}", "MissingWhileOrUntilInDoWhile", ""),
    (r"do\s*\{\.\.\.\}\s*(while|until)", "MissingOpenParenthesisAfterKeyword", "{1}"),
    (r"do\s*\{\.\.\.\}\s*(while|until)\s*\(", "MissingExpressionAfterKeyword", "{1}"),
    (r"do\s*\{\.\.\.\}\s*(while|until)\s*\([^()]+", "MissingEndParenthesisAfterStatement", "{1}"),
    (r"(if|elseif)(\s+[^\s(].*)?", "MissingOpenParenthesisInIfStatement", "{1}"),
    (r"if\s*\(\.\.\.\)", "MissingStatementBlock", "if"),
    (r"if\s*\(\.\.\.\)\s*\{\.\.\.\}(\s*elseif\s*\(\.\.\.\)\s*\{\.\.\.\})*\s*elseif\s*\(\.\.\.\)", "MissingStatementBlock", "elseif"),
    (r"if\s*\(\.\.\.\)\s*\{\.\.\.\}(\s*elseif\s*\(\.\.\.\)\s*\{\.\.\.\})*\s*else", "MissingStatementBlockAfterElse", ""),
    (r"switch(\s+-\w+)*\s*\(\.\.\.\)", "MissingCurlyBraceInSwitchStatement", ""),
    (r"(function|filter)(\s*\{.*)?", "MissingNameAfterKeyword", "{1}"),
    (r"(function|filter)\s+[\w-]+", "MissingFunctionBody", ""),
    (r"(enum|class)", "MissingNameAfterKeyword", "{1}"),
    (r"(enum|class)\s+\w+(\s*:\s*[\w.]+)?", "MissingTypeBody", "{1}"),
    (r"try", "MissingTryStatementBlock", ""),
    (r"try\s*\{\.\.\.\}(\s*catch(\s*\[[^\]]*\](\s*,\s*\[[^\]]*\])*)?\s*\{\.\.\.\})*\s*catch(\s*\[[^\]]*\](\s*,\s*\[[^\]]*\])*)?",
     "MissingCatchHandlerBlock", ""),
    (r"try\s*\{\.\.\.\}(\s*catch(\s*\[[^\]]*\](\s*,\s*\[[^\]]*\])*)?\s*\{\.\.\.\})*\s*finally", "MissingFinallyStatementBlock", ""),
    (r"try\s*\{\.\.\.\}(\s*catch(\s*\[[^\]]*\](\s*,\s*\[[^\]]*\])*)?\s*\{\.\.\.\})*\s*catch\s*\[[^\]]*\](\s*,\s*\[[^\]]*\])*\s*,",
     "MissingTypeLiteralToken", ""),
    (r"trap(\s*\[[^\]]*\])?", "MissingTrapStatement", ""),
    (r"switch(\s+-\w+)*\s+-file", "MissingFilenameOption", ""),
    (r"switch(\s+-\w+)*(\s*\()?", "PipelineValueRequired", ""),
    (r"switch(\s+-\w+)*\s*\(\.\.\.\)\s*\{", "MissingSwitchConditionExpression", ""),
    (r"switch(\s+-\w+)*\s*\(\.\.\.\)\s*\{(\s*(\S+|\(\.\.\.\))\s*\{\.\.\.\}\s*;?)*\s*(\S+|\(\.\.\.\))\s*\}?",
     "MissingSwitchStatementClause", ""),
    (r"(function|filter)\s+[\w-]+\s*\([^()]*", "MissingEndParenthesisInFunctionParameterList", ""),
    # Parser.DataStatementRule (about_Data_Sections: data [<variable-name>] [-SupportedCommand <cmdlet-name>] { })
    (r"data(\s+[A-Za-z_]\w*)?(\s+-s\w*\s+[\w-]+(\s*,\s*[\w-]+)*)?", "MissingStatementBlockForDataSection", ""),
    (r"data(\s+[A-Za-z_]\w*)?\s+-s\w*(\s+[\w-]+(\s*,\s*[\w-]+)*\s*,)?", "MissingValueForSupportedCommandInDataSectionStatement", ""),
    (r"try\s*\{\.\.\.\}", "MissingCatchOrFinally", ""),
]
_KEYWORD_AT_STATEMENT = re.compile(r"(?i)(?:^|[;{}\n]|^\s*:\w+\s|[;{}\n]\s*:\w+\s)\s*(for|foreach|while|do|if|switch|function|filter|enum|class|try|data|trap)\b")


def _shape(code: str) -> str:
    """``code`` with every balanced (...) and {...} group written as ``(...)`` / ``{...}``."""
    out: list[str] = []
    stack: list[int] = []
    for ch in code:
        if ch in "({":
            stack.append(len(out))
            out.append(ch)
        elif ch in ")}" and stack and out[stack[-1]] == {")": "(", "}": "{"}[ch]:
            start = stack.pop()
            del out[start + 1:]
            out.append("..." + ch)
        else:
            out.append(ch)
    return "".join(out)


def _incomplete_statement(code: str) -> tuple[str, str, int] | None:
    starts = [m.start(1) for m in _KEYWORD_AT_STATEMENT.finditer(code)]
    for start in reversed(starts):
        if code[start:start + 5].lower() == "while" and code[:start].rstrip().endswith("}"):
            continue      # the `while` of `do { } while (...)`
        tail = _shape(code[start:]).strip()
        for pattern, eid, arg in _STATEMENTS:
            m = re.fullmatch(f"(?is){pattern}", tail)
            if m:
                word = m.group(1).lower() if "{1}" in arg else arg
                return eid, TEXTS[eid].format(word), _error_offset(code, start, eid)
    return None


_VALUE_THEN_TOKEN = re.compile(r"""(?:\$[\w:]+|\d[\w.]*|"(?:[^"`]|`.)*"|'(?:[^']|'')*')[ \t]+([^\s|;)}\]=,.+*/%<>!-][^\s;|)}]*)""")

# a value: a variable, a number, a string (blanked to S), a closed group
_VALUE_END = r"(?:\$[\w:]+|\b\d[\w.]*|S+|[)\]}])"


def _expression_error(text: str, solid: str) -> tuple[str, str, int, int] | None:
    """Errors inside an expression (Parser.cs of 5.1: MemberAccessRule, ElementAccessRule, UnaryExpressionRule,
    AssignmentStatement, BinaryExpressionRule), each just after the token that wants more."""
    m = re.search(r"(?i)(?<![\w$-])(if|elseif|while)[ \t]*\(([^(){}\r\n]*?[^\s(){}])[ \t]*\{", solid)
    if m:
        # the condition goes on into a `{` with no `)`: Parser.IfStatementRule / WhileStatementRule, after the condition
        l, c = _pos(text, m.end(2))
        return ("MissingEndParenthesisAfterStatement",
                TEXTS["MissingEndParenthesisAfterStatement"].format(m.group(1).lower()), l, c)
    m = re.search(r"(\$[\w:]+|\))(\.)[ \t]*(?:$|[\r\n;|)}])", solid)
    if m:
        l, c = _pos(text, m.end(2))
        return "MissingPropertyName", TEXTS["MissingPropertyName"], l, c
    m = re.search(r"(\$[\w:]+|\))(\[)[ \t]*\]", solid)
    if m:
        l, c = _pos(text, m.end(2))
        return "MissingArrayIndexExpression", TEXTS["MissingArrayIndexExpression"], l, c
    m = re.search(r"(?:^|[;{(\n|=,]|\b(?:if|while|return|throw)\b)[ \t]*(-not|-bnot|!|-|\+|-split|-join)[ \t]*(?:$|[\r\n;)}|])", solid,
                  re.I)
    if m:
        l, c = _pos(text, m.end(1))
        return "MissingExpressionAfterOperator", TEXTS["MissingExpressionAfterOperator"].format(m.group(1)), l, c
    m = re.search(r"(?<![=!<>+*/%-])(=)[ \t]*[)}\]]", solid)
    if m:
        l, c = _pos(text, m.end(1))
        return "ExpectedValueExpression", TEXTS["ExpectedValueExpression"].format("="), l, c
    m = re.search(_VALUE_END + r"[ \t]*([+*/%])[ \t]*[*/%]", solid)
    if m:
        l, c = _pos(text, m.end(1))
        return "ExpectedValueExpression", TEXTS["ExpectedValueExpression"].format(m.group(1)), l, c
    return None


def _strings_kept(text: str, mask: list[bool]) -> str:
    """``text`` with comments blanked and each string's characters as ``S``."""
    out = []
    kind = " "
    for k, (ch, m) in enumerate(zip(text, mask)):
        if m:
            out.append(ch)
            continue
        if k == 0 or mask[k - 1]:
            kind = " " if ch in "#<" else "S"
        out.append(kind if ch not in "\r\n" or kind == "S" else ch)
    return "".join(out)


def _unclosed_param_block(code: str) -> int | None:
    """A ``param(`` whose ``)`` never comes: where 5.1 reports MissingEndParenthesisInFunctionParameterList, after its
    last parameter (Parser.ParamBlockRule), i.e. before the ``}`` or the end that stopped it."""
    for m in re.finditer(r"(?i)(?<![\w$-])param\s*\(", code):
        depth = 0
        for k in range(m.end() - 1, len(code)):
            ch = code[k]
            if ch in "([{":
                depth += 1
            elif ch in ")]}":
                depth -= 1
                if depth == 0 and ch == ")":
                    break
                if depth <= 0:
                    return len(code[:k].rstrip())
        else:
            return len(code.rstrip())
    return None


def _error_offset(code: str, start: int, eid: str) -> int:
    """Where 5.1 reports an incomplete statement (Parser.After(token)): after its last token, or after the foreach
    variable for MissingInInForeach."""
    if eid in ("MissingNameAfterKeyword", "MissingOpenParenthesisInIfStatement"):
        m = re.compile(r"(?i)(function|filter|enum|class|if|elseif)\b").match(code, start)
        if m:
            return m.end()
    if eid == "MissingInInForeach":
        m = re.compile(r"(?i)foreach\s*\(\s*\$[\w:]+").match(code, start)
        if m:
            return m.end()
    if eid == "MissingSwitchStatementClause" and code.rstrip().endswith("}"):
        return len(code.rstrip()[:-1].rstrip())
    return len(code.rstrip())

# `data -s & {}`: no command name after -SupportedCommand (Parser.DataStatementRule: after the parameter)
_DATA_MISSING_VALUE = re.compile(r"(?im)(?:^|[;{}\n])[ \t]*data(?:[ \t]+[A-Za-z_]\w*)?([ \t]+-s\w*)[ \t]*[&;)}|]")
_SWITCH_FLAGS = re.compile(r"(?i)(?:^|[;{}\n(])[ \t]*(?::\w+[ \t]+)?switch((?:[ \t]+-[A-Za-z]+)+)")
_SECOND_DEFAULT = re.compile(r"(?is)switch[^{]*\{[^{}]*?default\s*\{\.\.\.\}.*?\bdefault\s*\{")

_DATA_PARAMETER = re.compile(r"(?im)(?:^|[;{}\n])[ \t]*data([ \t]+[A-Za-z_]\w*)?[ \t]+(-[A-Za-z_]\w*)")

_BINARY_OPERATORS = (r"(\+|-|\*|/|%|-(?:[ic]?(?:eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split))"
                     r"|-and|-or|-xor|-band|-bor|-bxor|-f|-join|-is|-isnot|-as)")
_BINARY_AT_END = re.compile(r"(?i)(?:^|[\s\w)\]'\"$])" + _BINARY_OPERATORS + r"\s*$")
# an operator followed by an escaped character (`# or ``): 5.1's tokenizer reads a generic token there, no value
_BINARY_BEFORE_ESCAPE = re.compile(r"(?i)(?:^|[\s\w)\]'\"$])" + _BINARY_OPERATORS + r"[ \t]*`(?![\r\n \t])")


def classify(text: str, line: int, col: int, token: str) -> tuple[str, str, int, int]:
    """(error ID, message, line, column) of the parse error of ``text``; ``line``/``col``/``token``
    are where tree-sitter stopped (the fallback)."""
    mask = code_mask(text)
    n = len(text)
    here = _here_string_error(text, mask)
    if here is not None:
        return here
    # an unterminated string: the mask runs to the end inside a string
    i = 0
    while i < n:
        here = text[i] == "@" and text[i + 1:i + 2] in ("'", '"')     # code_mask counts a here-string's @ in
        if not mask[i] and (text[i] in "'\"" or here) and (i == 0 or mask[i - 1]):
            j = i
            while j < n and not mask[j]:
                j += 1
            if j == n and not _WHOLE_STRING.fullmatch(text, i if here else i - (text[i - 1] == "@" if i else 0)):
                quote = text[i + here]
                if here or (i > 0 and text[i - 1] == "@"):
                    quote = quote + "@"
                # a here-string's error stands at its header (tokenizer.cs: ReportIncompleteInput(headerOffset))
                l, c = _pos(text, i)
                return "TerminatorExpectedAtEndOfString", TEXTS["TerminatorExpectedAtEndOfString"].format(quote), l, c
            i = j
        else:
            i += 1
    code = "".join(ch if m else " " for ch, m in zip(text, mask)).rstrip()
    # the same with strings kept (as S): a rule about what ends the text must not take a string for nothing
    solid = _strings_kept(text, mask).rstrip()
    m = _DATA_PARAMETER.search(code)
    if m and not "supportedcommand".startswith(m.group(2)[1:].lower()):
        # Parser.DataStatementRule: a parameter other than -SupportedCommand
        l, c = _pos(text, m.start(2))
        return ("InvalidParameterForDataSectionStatement",
                TEXTS["InvalidParameterForDataSectionStatement"].format(m.group(2)[1:]), l, c)
    for head in _SWITCH_FLAGS.finditer(code):
        for m in re.finditer(r"-([A-Za-z]+)", head.group(1)):
            name = m.group(1).lower()
            if not any(f.startswith(name) for f in ("regex", "wildcard", "exact", "casesensitive", "parallel", "file")):
                # Parser.SwitchStatementRule: a flag that is none of -regex -wildcard -exact -casesensitive -file
                l, c = _pos(text, head.start(1) + m.start())
                return "InvalidSwitchFlag", TEXTS["InvalidSwitchFlag"].format(m.group(1)), l, c
    expression = _expression_error(text, solid)
    if expression is not None:
        return expression
    m = re.search(r"(?i)(?<![\w$-])switch(?:\s+-\w+)*\s*(\()\s*\)", code)
    if m and not text[m.end(1):m.end() - 1].strip():      # strings are blanked in `code`: the text tells
        # Parser.SwitchStatementRule: `switch ()` has no value, PipelineValueRequired after the `(`
        l, c = _pos(text, m.end(1))
        return "PipelineValueRequired", TEXTS["PipelineValueRequired"], l, c
    param = _unclosed_param_block(code)
    if param is not None:
        l, c = _pos(text, param)
        return "MissingEndParenthesisInFunctionParameterList", TEXTS["MissingEndParenthesisInFunctionParameterList"], l, c
    stmt = _incomplete_statement(code)
    if stmt is not None:
        l, c = _pos(text, stmt[2])
        return stmt[0], stmt[1], l, c
    m = _SECOND_DEFAULT.search(_shape(code)) if code.lower().count("default") > 1 else None
    if m:
        # Parser.SwitchStatementRule: MultipleSwitchDefaultClauses at the second default's condition
        second = [d.start() for d in re.finditer(r"(?i)(?<![\w$-])default(?=\s*\{)", code)]
        if len(second) > 1:
            l, c = _pos(text, second[1])
            return "MultipleSwitchDefaultClauses", TEXTS["MultipleSwitchDefaultClauses"], l, c
    m = _DATA_MISSING_VALUE.search(code)
    if m:
        l, c = _pos(text, m.end(1))
        return ("MissingValueForSupportedCommandInDataSectionStatement",
                TEXTS["MissingValueForSupportedCommandInDataSectionStatement"], l, c)
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
        if ch == "{" and k > 0 and text[k - 1] == "@":
            # Parser.HashExpressionRule (5.1): IncompleteHashLiteral after the last value, or after `@{`
            body = code[k + 1:].rstrip().rstrip(";").rstrip()
            l, c = _pos(text, k + 1 + len(body))
            return "IncompleteHashLiteral", TEXTS["IncompleteHashLiteral"], l, c
        eid = {"{": "MissingEndCurlyBrace", "(": "MissingEndParenthesisInExpression", "[": "MissingEndSquareBracket"}[ch]
        # a statement or script block's missing `}` is reported at its `{` (Parser.StatementBlockRule,
        # ScriptBlockRule: ReportIncompleteInput(lCurly.Extent, ...)); the others after the text
        l, c = _pos(text, k) if ch == "{" else _pos(text, n)
        return eid, TEXTS[eid], l, c
    m = _BINARY_BEFORE_ESCAPE.search(code)
    if m:
        l, c = _pos(text, m.end(1))
        return "ExpectedValueExpression", TEXTS["ExpectedValueExpression"].format(m.group(1)), l, c
    m = _BINARY_AT_END.search(solid)
    if m:
        l, c = _pos(text, len(solid))
        return "ExpectedValueExpression", TEXTS["ExpectedValueExpression"].format(m.group(1)), l, c
    m = _VALUE_AFTER_PIPE.search(text)
    if m and mask[m.start()]:
        l, c = _pos(text, m.start(1))
        return "ExpressionsMustBeFirstInPipeline", TEXTS["ExpressionsMustBeFirstInPipeline"], l, c
    m = re.search(r"^\s*(\|)|(\|)\s*$|(\|)[ \t]*(?=\|)", solid)
    if m:
        # Parser.PipelineRule: at a leading pipe, else just after the pipe with nothing after it
        at = m.start(1) if m.group(1) else m.end(2) if m.group(2) else m.end(3)
        l, c = _pos(text, at)
        return "EmptyPipeElement", TEXTS["EmptyPipeElement"], l, c
    m = re.search(r"(?<![=!<>+*/%-])=\s*$", solid)
    if m and not re.search(r"(?i)-\w*$", code[:m.start()].rstrip()):
        # an assignment with no value (Parser's AssignmentStatement: after the `=`)
        l, c = _pos(text, m.start() + 1)
        return "ExpectedValueExpression", TEXTS["ExpectedValueExpression"].format("="), l, c
    if re.search(r"(?i)\btry\s*\{[^{}]*\}\s*$", code):
        l, c = _pos(text, len(code))
        return "MissingCatchOrFinally", TEXTS["MissingCatchOrFinally"], l, c
    if solid.endswith(","):
        # a comma with nothing after it at the end: Parser.ArrayLiteralRule's MissingExpressionAfterToken,
        # or GetCommandArgument's MissingExpression when the statement is a command (`Write-Output 1,`)
        l, c = _pos(text, len(solid))
        statement = re.split(r"[;{}(\n|]", solid)[-1].lstrip()
        if re.fullmatch(r"[A-Za-z_][\w-]*\s*,", statement):
            # a comma straight after the command name: the unary comma, an error in command mode (MissingArgument)
            l, c = _pos(text, len(solid) - 1)
            return "MissingArgument", TEXTS["MissingArgument"], l, c
        eid = "MissingExpression" if re.match(r"[A-Za-z_][\w-]*(\s|$)", statement) else "MissingExpressionAfterToken"
        return eid, TEXTS[eid].format(","), l, c
    lines = text.split("\n")
    if 0 < line <= len(lines):
        # tree-sitter's error may start at the whitespace before the token
        rest = lines[line - 1][col - 1:]
        col += len(rest) - len(rest.lstrip(" \t"))
        # a value followed by another value (`1 2`, `$a b`): 5.1 stops at the second, the one no rule takes
        m = _VALUE_THEN_TOKEN.match(lines[line - 1], col - 1)
        if m:
            token, col = m.group(1), m.start(1) + 1
    return "UnexpectedToken", TEXTS["UnexpectedToken"].format(token), line, col


_HERE_HEADER = re.compile(r"@([\"'])[ \t\f\v\u00a0\u0085]*([^ \t\f\v\u00a0\u0085\r\n])")


def _here_string_error(text: str, mask: list[bool]) -> tuple[str, str, int, int] | None:
    """tokenizer.cs ScanAfterHereStringHeader / ScanHereString*: characters after the ``@"`` header on its line
    (UnexpectedCharactersAfterHereStringHeader, at the first), or a footer indented by whitespace and no real one
    (WhitespaceBeforeHereStringFooter, at the indented footer's quote)."""
    for m in _HERE_HEADER.finditer(text):
        if m.start() > 0 and not mask[m.start() - 1]:
            continue
        l, c = _pos(text, m.start(2))
        return ("UnexpectedCharactersAfterHereStringHeader",
                "No characters are allowed after a here-string header but before the end of the line.", l, c)
    for m in re.finditer(r"@([\"'])[ \t]*\r?\n", text):
        if m.start() > 0 and not mask[m.start() - 1]:
            continue
        quote = m.group(1)
        if re.compile(r"\n" + quote + "@").search(text, m.end() - 1):
            continue
        false_footer = re.compile(r"\n[ \t\f\v\u00a0\u0085]+(" + quote + ")@").search(text, m.end() - 1)
        if false_footer:
            l, c = _pos(text, false_footer.start(1))
            return "WhitespaceBeforeHereStringFooter", "White space is not allowed before the string terminator.", l, c
    return None


def _pos(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    line = before.count("\n") + 1
    return line, index - (before.rfind("\n") + 1) + 1


def position_message(text: str, line: int, col: int, message: str) -> str:
    """A ParseException's message as 5.1 shows it: position, the line, a caret, the text."""
    lines = text.splitlines() or [""]
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    return f"At line:{line} char:{col}\n+ {src}\n+ {' ' * (col - 1)}~\n{message}"


# The errors 5.1's parser reports with ReportIncompleteInput (Parser.cs of 5.1, commit 60b3b304f2; tokenizer.cs for
# strings and comments): an IncompleteParseException when nothing but whitespace and comments follows where the
# error was found (Parser.ReportIncompleteInput: IsAtEndOfScript(..., checkCommentsAndWhitespace: true)).
INCOMPLETE_IDS = frozenset({
    "EmptyPipeElement", "EndSquareBracketExpectedAtEndOfAttribute", "EndSquareBracketExpectedAtEndOfType",
    "ExpectedExpression", "ExpectedValueExpression", "IfStatementMissingCondition", "IncompleteHashLiteral",
    "IncompleteMemberDefinition", "InvalidFunctionParameter", "MissingArrayIndexExpression", "MissingBaseCtorCall",
    "MissingBraceInObjectDefinition", "MissingCatchHandlerBlock", "MissingCatchOrFinally",
    "MissingConfigurationName", "MissingCurlyBraceInSwitchStatement", "MissingCurlyInConfigurationStatement",
    "MissingEndCurlyBrace", "MissingEndParenthesisAfterForeach", "MissingEndParenthesisAfterStatement",
    "MissingEndParenthesisInExpression", "MissingEndParenthesisInFunctionParameterList",
    "MissingEndParenthesisInMethodCall", "MissingEndParenthesisInSubexpression",
    "MissingEndParenthesisInSwitchStatement", "MissingEndSquareBracket", "MissingEqualsInUsingAlias",
    "MissingExpression", "MissingExpressionAfterKeyword", "MissingExpressionAfterOperator",
    "MissingExpressionAfterToken", "MissingExpressionInNamedArgument", "MissingFilenameOption",
    "MissingFinallyStatementBlock", "MissingForeachExpression", "MissingForeachStatement", "MissingFunctionBody",
    "MissingInInForeach", "MissingLoopStatement", "MissingMethodParameterList", "MissingNameAfterKeyword",
    "MissingNamedStatementBlock", "MissingNamespaceAlias", "MissingOpenParenthesisAfterKeyword",
    "MissingOpenParenthesisInIfStatement", "MissingPropertyName", "MissingPropertyTerminator",
    "MissingStatementAfterKeyword", "MissingStatementBlock", "MissingStatementBlockAfterElse",
    "MissingStatementBlockForDataSection", "MissingStatementTerminator", "MissingSwitchConditionExpression",
    "MissingSwitchStatementClause", "MissingThrottleLimit", "MissingTrapStatement", "MissingTryStatementBlock",
    "MissingTypeBody", "MissingTypeLiteralToken", "MissingTypename", "MissingUsingItemName",
    "MissingUsingStatementDirective", "MissingValueForSupportedCommandInDataSectionStatement",
    "MissingVariableNameAfterForeach", "MissingWhileOrUntilInDoWhile", "PipelineValueRequired",
    "RequiredNameOrExpressionMissing", "TypeNameExpected", "UnexpectedAttribute",
})
# found at the end of the text whatever the position shown (a missing closer, an unterminated string or comment)
_FOUND_AT_END = frozenset({"MissingEndCurlyBrace", "IncompleteHashLiteral", "MissingEndParenthesisInExpression",
                           "MissingEndSquareBracket", "IncompleteDollarSubexpressionReference", "IncompleteDollarVariableReference", "IncompleteString", "MissingTerminatorMultiLineComment", "TerminatorExpectedAtEndOfString", "WhitespaceBeforeHereStringFooter"})


def is_incomplete(text: str, error_id: str, line: int, col: int) -> bool:
    """Whether 5.1 raises this parse error as an IncompleteParseException (the input ended too early)."""
    if error_id in _FOUND_AT_END:
        return True
    if error_id not in INCOMPLETE_IDS:
        return False
    lines = text.split("\n")
    offset = sum(len(x) + 1 for x in lines[:line - 1]) + col - 1
    rest = text[offset:]
    mask = code_mask(rest)
    return all(not m or ch.isspace() for ch, m in zip(rest, mask))
