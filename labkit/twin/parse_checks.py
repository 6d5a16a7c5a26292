"""Parse errors of Windows PowerShell 5.1 in text tree-sitter-pwsh parses without complaint.

tree-sitter's grammar is looser than PowerShell's parser in a few places; the
twin would run such a script where 5.1 refuses it before running anything (a
silent wrong answer).  Each check below follows PowerShell's parser (Parser.cs,
tokenizer.cs, SemanticChecks.cs in PowerShell's source) and its texts
(ParserStrings.resx); :func:`check` raises the first error found.

- ``ExpressionsMustBeFirstInPipeline``: a value after ``|`` (``gps | 2``):
  Parser.PipelineRule reads an expression at every pipeline element and
  reports one that is not the first.
- ``ControlLeavingFinally``: ``break``, ``continue`` or ``return`` that would
  leave a ``finally`` block (SemanticChecks.CheckForFlowOutOfFinally: a loop or
  switch inside the finally that the break/continue targets keeps it in; a
  script block, function or trap ends the search).
- ``InvalidVariableReferenceWithDrive``: ``$name:`` followed by no name
  (``"$computer: ok"``): the tokenizer takes the colon into the variable's path
  and finds nothing after the drive.
- ``MissingExpression`` / ``MissingArgument``: a command argument list with an
  empty element (``Write-Output 2,,1``, ``Write-Output ,1``): the unary comma
  is an error in command mode (Parser.GetCommandArgument).
"""

from __future__ import annotations

import re

import tree_sitter

from labkit.twin import restricted_language
from labkit.twin.errors import PSParseError

TEXTS = {
    "ExpressionsMustBeFirstInPipeline": "Expressions are only allowed as the first element of a pipeline.",
    "ControlLeavingFinally": "Flow of control cannot leave a Finally block.",
    "InvalidVariableReferenceWithDrive": "Variable reference is not valid. ':' was not followed by a valid variable name "
                                         "character. Consider using ${} to delimit the name.",
    "MissingExpression": "Missing expression after '{0}' in pipeline element.",
    "MissingArgument": "Missing argument in parameter list.",
    "MissingCatchOrFinally": "The Try statement is missing its Catch or Finally block.",
    "DuplicateFormalParameter": "Duplicate parameter ${0} in parameter list.",
    "ParameterRequiresArgument": "Parameter {0} requires an argument.",
    "ReferenceNeedsToBeByItselfInTypeSequence": "Cannot have two occurrences of [ref] in a type sequence.",
    "ReferenceNeedsToBeLastTypeInTypeConversion": "[ref] can only be the final type in type conversion sequence.",
    "ReferenceNeedsToBeByItselfInTypeConstraint": "Cannot use [ref] with other types in a type constraint.",
    "SplattingNotPermitted": "The splatting operator '@' cannot be used to reference variables in an expression. '@{0}' can be "
                             "used only as an argument to a command. To reference variables in an expression use '${0}'.",
    "MultipleSwitchDefaultClauses": "A switch statement can have only one default clause.",
    "MissingNamedStatementBlock": "Missing statement block after '{0}'.",
}

# A number as PowerShell's tokenizer reads one (about_Numeric_Literals, 5.1): what a command name
# that tree-sitter took for a bareword really is when it stands after `|`.
NUMBER = re.compile(r"(?i)[+-]?(?:0x[0-9a-f]+l?|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?[ld]?)(?:kb|mb|gb|tb|pb)?")

_LOOPS = frozenset({"foreach_statement", "for_statement", "while_statement", "do_statement", "switch_statement"})
_OWN_BODY = frozenset({"script_block", "trap_statement", "function_statement"})


def error(error_id: str, node: tree_sitter.Node, *args: str, incomplete: bool = False, after: bool = False) -> PSParseError:
    """5.1's error ``error_id`` at ``node`` (``after``: just after it, Parser.After(token))."""
    line, col = node.end_point if after else node.start_point
    text = TEXTS[error_id].format(*args) if args else TEXTS[error_id]
    return PSParseError(text, line + 1, col + 1, error_id, incomplete=incomplete)


def check(root: tree_sitter.Node, src: bytes) -> None:
    """Raise the first 5.1 parse error in a tree tree-sitter parsed without errors."""
    _named_block_without_body(root, src)
    stack = [root]
    while stack:
        node = stack.pop()
        t = node.type
        if t == "pipeline_chain":
            _later_stages(node, src)
        elif t == "flow_control_statement":
            _flow_out_of_finally(node, src)
        elif t == "variable":
            _drive_without_name(node, src)
            _splat_outside_command(node, src)
        elif t == "command_elements":
            _empty_argument(node, src)
        elif t == "data_statement":
            restricted_language.check_data_statement(node, src)
        elif t == "try_statement":
            _try_without_handlers(node)
        elif t == "cast_expression":
            _ref_casts(node, src)
        elif t == "switch_body":
            _second_default(node, src)
        elif t == "parameter_list":
            _duplicate_parameters(node, src)
        elif t == "command_parameter":
            _parameter_without_argument(node, src)
        stack.extend(reversed(node.named_children))


def _text(node: tree_sitter.Node, src: bytes) -> str:
    return src[node.start_byte:node.end_byte].decode("utf-8", "replace")


def _later_stages(chain: tree_sitter.Node, src: bytes) -> None:
    for stage in [c for c in chain.named_children if c.type != "comment"][1:]:
        if stage.type != "command":
            continue
        name = stage.child_by_field_name("command_name")
        if name is not None and name.type == "command_name" and NUMBER.fullmatch(_text(name, src)):
            raise error("ExpressionsMustBeFirstInPipeline", name)


def _flow_label(flow: tree_sitter.Node, src: bytes) -> str | None:
    """The loop label a break/continue names: '' for none, None when it is not a constant
    (SemanticChecks.GetLabel); the twin's grammar repair writes `break outer` as `break 'outer'`."""
    args = [c for c in flow.named_children if c.type != "comment"]
    if not args:
        return ""
    text = _text(args[0], src).strip()
    m = re.fullmatch(r"'([A-Za-z_]\w*)'|([A-Za-z_]\w*)", text)
    return (m.group(1) or m.group(2)) if m else None


def _loop_label(loop: tree_sitter.Node, src: bytes) -> str:
    prev = loop.prev_named_sibling
    return _text(prev, src).lstrip(":") if prev is not None and prev.type == "label" else ""


def _flow_out_of_finally(flow: tree_sitter.Node, src: bytes) -> None:
    keyword = _text(flow, src).split(None, 1)[0].lower() if _text(flow, src).strip() else ""
    if keyword not in ("break", "continue", "return"):
        return
    label = None if keyword == "return" else _flow_label(flow, src)
    parent = flow.parent
    while parent is not None:
        if parent.type in _OWN_BODY:
            return
        if label is not None and parent.type in _LOOPS and (not label or label.lower() == _loop_label(parent, src).lower()):
            return
        if parent.type == "finally_clause":
            raise error("ControlLeavingFinally", flow)
        parent = parent.parent


def _drive_without_name(var: tree_sitter.Node, src: bytes) -> None:
    text = _text(var, src)
    if text.startswith(("${", "@")) or ":" in text:
        return
    after = src[var.end_byte:var.end_byte + 2]
    if after[:1] == b":" and after[1:2] != b":":
        raise error("InvalidVariableReferenceWithDrive", var)


def _empty_argument(elements: tree_sitter.Node, src: bytes) -> None:
    for arg in elements.named_children:
        if arg.type == "generic_token" and _text(arg, src).startswith(","):
            raise error("MissingArgument", arg)
        if arg.type != "array_literal_expression":
            continue
        for item in arg.named_children[1:]:
            inner = item.named_children[0] if item.type == "unary_expression" and item.named_children else None
            if inner is not None and inner.type == "expression_with_unary_operator" and _text(inner, src).startswith(","):
                raise error("MissingExpression", inner, ",")


def _try_without_handlers(node: tree_sitter.Node) -> None:
    """``try { }`` alone: Parser.TryStatementRule's MissingCatchOrFinally, just after the try block."""
    if not any(c.type in ("catch_clauses", "catch_clause", "finally_clause") for c in node.named_children):
        body = next((c for c in node.named_children if c.type == "statement_block"), node)
        raise error("MissingCatchOrFinally", body, incomplete=True, after=True)


def _duplicate_parameters(node: tree_sitter.Node, src: bytes) -> None:
    """``param($a, [int]$a)``: SemanticChecks' DuplicateFormalParameter at the second one (names case-insensitive)."""
    seen: set[str] = set()
    for p in node.named_children:
        var = next((c for c in p.named_children if c.type == "variable"), None)
        if var is None:
            continue
        name = _text(var, src)[1:]
        if name.startswith("{") and name.endswith("}"):
            name = name[1:-1]
        if name.lower() in seen:
            raise error("DuplicateFormalParameter", var, name)
        seen.add(name.lower())


def _parameter_without_argument(node: tree_sitter.Node, src: bytes) -> None:
    """``gcm -a:`` with nothing after the colon: Parser.CommandRule's ParameterRequiresArgument, after the parameter."""
    colon = node.next_named_sibling
    if colon is None or colon.type != "command_argument_sep" or _text(colon, src) != ":":
        return      # tree-sitter-pwsh gives the colon of `-a:` as a separator of its own
    nxt = colon.next_named_sibling
    while nxt is not None and nxt.type in ("command_argument_sep", "comment"):
        nxt = nxt.next_named_sibling
    if nxt is None or nxt.type in ("redirection",):
        raise error("ParameterRequiresArgument", colon, _text(node, src) + ":", after=True)


def _second_default(body: tree_sitter.Node, src: bytes) -> None:
    """``switch ($x) { default {} default {} }``: Parser.SwitchStatementRule's MultipleSwitchDefaultClauses at the
    second default."""
    seen = False
    stack = [body]
    while stack:
        n = stack.pop()
        if n.type == "switch_clause_condition" and _text(n, src).strip().lower() == "default":
            if seen:
                raise error("MultipleSwitchDefaultClauses", n)
            seen = True
            continue
        if n.type in ("statement_block", "switch_statement"):
            continue
        stack.extend(reversed(n.named_children))


_BLOCK_NAMES = ("begin", "process", "end", "dynamicparam")


def _named_block_without_body(root: tree_sitter.Node, src: bytes) -> None:
    """A script whose first word is ``begin``, ``process``, ``end`` or ``dynamicparam`` has named blocks
    (Parser.ScriptBlockBodyRule: the token is a block name); one without its ``{ }`` is NamedBlockListRule's
    MissingNamedStatementBlock, just after the name. tree-sitter-pwsh reads such a script as a command."""
    body = next((c for c in root.named_children if c.type == "statement_list"), None)
    first = body.named_children[0] if body is not None and body.named_children else None
    while first is not None and first.type in ("pipeline", "pipeline_chain") and first.named_children:
        first = first.named_children[0]
    if first is None or first.type != "command":
        return
    name = first.child_by_field_name("command_name")
    word = _text(name, src).lower() if name is not None and name.type == "command_name" else ""
    if word not in _BLOCK_NAMES:
        return
    elements = first.child_by_field_name("command_elements")
    args = [c for c in (elements.named_children if elements is not None else []) if c.type != "command_argument_sep"]
    opener = args[0] if args else None
    if opener is not None and opener.type == "unary_expression" and opener.named_children:
        opener = opener.named_children[0]
    if opener is None or opener.type != "script_block_expression":
        raise error("MissingNamedStatementBlock", name, word, incomplete=True, after=True)


_WRAPPERS = ("unary_expression", "expression_with_unary_operator")


def _cast_chain(cast: tree_sitter.Node) -> list[tree_sitter.Node]:
    """The type literals of ``[a][b]$x``, outermost first."""
    types = []
    node: tree_sitter.Node | None = cast
    while node is not None and node.type == "cast_expression":
        kids = node.named_children
        types.append(kids[0])
        node = kids[-1] if len(kids) > 1 else None
        while node is not None and node.type in _WRAPPERS and len(node.named_children) == 1:
            node = node.named_children[0]
    return types


def _ref_casts(cast: tree_sitter.Node, src: bytes) -> None:
    """SemanticChecks (5.1) on ``[ref]`` among several casts: ``[ref][ref]$x`` (ReferenceNeedsToBeByItselfInTypeSequence),
    ``[int][ref]$x`` (ReferenceNeedsToBeLastTypeInTypeConversion), ``[int][ref]$x = 1`` (ReferenceNeedsToBeByItselfIn
    TypeConstraint), each at the [ref] concerned.  Checked once per chain, from its outermost cast."""
    up = cast.parent
    while up is not None and up.type in _WRAPPERS:
        up = up.parent
    if up is not None and up.type == "cast_expression":
        return
    chain = _cast_chain(cast)
    refs = [i for i, t in enumerate(chain) if _text(t, src).strip()[1:-1].strip().lower() in
            ("ref", "system.management.automation.psreference", "management.automation.psreference")]
    if not refs or len(chain) < 2:
        return
    up = cast.parent
    while up is not None and up.type not in ("left_assignment_expression", "statement_list", "script_block"):
        up = up.parent
    if up is not None and up.type == "left_assignment_expression":
        raise error("ReferenceNeedsToBeByItselfInTypeConstraint", chain[refs[-1]])
    if len(refs) > 1:
        raise error("ReferenceNeedsToBeByItselfInTypeSequence", chain[refs[1]])
    if refs[0] > 0:
        raise error("ReferenceNeedsToBeLastTypeInTypeConversion", chain[refs[0]])


def _splat_outside_command(var: tree_sitter.Node, src: bytes) -> None:
    """``@a`` anywhere but as a command's argument: Parser's SplattingNotPermitted (about_Splatting)."""
    text = _text(var, src)
    if not text.startswith("@"):
        return
    up = var.parent
    if up is not None and up.type == "unary_expression":
        up = up.parent
    if up is not None and up.type in ("command_elements", "command_name_expr"):
        return
    raise error("SplattingNotPermitted", var, text[1:])
