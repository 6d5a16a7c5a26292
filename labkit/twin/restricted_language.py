"""Restricted language: what a ``data { }`` section and ``ScriptBlock.CheckRestrictedLanguage`` accept.

about_Data_Sections (5.1,
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_data_sections?view=powershell-5.1)
lists the permitted content: literals, operators but ``-match``, if/elseif/else, the variables ``$PSCulture``,
``$PSUICulture``, ``$true``, ``$false`` and ``$null``, ``ConvertFrom-StringData`` and the commands named by
``-SupportedCommand``.  The rules themselves are 5.1's RestrictedLanguageChecker (SemanticChecks.cs in PowerShell's
source, commit 60b3b304f2 as imported from 5.1): each construct it refuses, with its error ID and the text of
ParserStrings.resx, reported at the construct (the operator's token for a binary operator).  The first error in
source order is raised as :class:`PSParseError` (5.1's ParseException lists them all; the first is the same).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

import tree_sitter

from labkit.twin.errors import PSParseError

# ParserStrings.resx (5.1)
TEXTS = {
    "ScriptBlockNotSupportedInDataSection": "Script block literals are not allowed in restricted language mode or a Data section.",
    "ParameterDeclarationNotSupportedInDataSection": "Parameter declarations are not allowed in restricted language mode or a Data section.",
    "FunctionDeclarationNotSupportedInDataSection": "Function declarations are not allowed in restricted language mode or a Data section.",
    "TrapStatementNotSupportedInDataSection": "The Trap statement is not allowed in restricted language mode or a Data section.",
    "SwitchStatementNotSupportedInDataSection": "The switch statement is not allowed in restricted language mode or a Data section.",
    "DataSectionStatementNotSupportedInDataSection": "The data statement is not allowed in restricted language mode or another Data section.",
    "ForeachStatementNotSupportedInDataSection": "Foreach statements are not allowed in restricted language mode or a Data section.",
    "DoWhileStatementNotSupportedInDataSection": "The Do and While statements are not allowed in restricted language mode or a Data section.",
    "ForWhileStatementNotSupportedInDataSection": "For and While statements are not allowed in restricted language mode or a Data section.",
    "TryStatementNotSupportedInDataSection": "The Try statement is not allowed in restricted language mode or a Data section.",
    "FlowControlStatementNotSupportedInDataSection": "Flow control statements such as Break, Continue, Return, Exit, and Throw are not "
                                                     "allowed in restricted language mode or a Data section.",
    "AssignmentStatementNotSupportedInDataSection": "Assignment statements are not allowed in restricted language mode or a Data section.",
    "DotSourcingNotSupportedInDataSection": "Dot sourcing is not allowed in restricted language mode or a Data section.",
    "OperatorNotSupportedInDataSection": "The '{0}' operator is not allowed in restricted language mode or a Data section.",
    "CmdletNotInAllowedListForDataSection": "The command '{0}' is not allowed in restricted language mode or a Data section.",
    "RedirectionNotSupportedInDataSection": "Redirection is not allowed in restricted language mode or a Data section.",
    "VariableReferenceNotSupportedInDataSection": "A variable that cannot be referenced in restricted language mode or a Data section "
                                                  "is being referenced. Variables that can be referenced include the following: {0}.",
    "PropertyReferenceNotSupportedInDataSection": "Property references are not allowed in restricted language mode or a Data section.",
    "MethodCallNotSupportedInDataSection": "Method calls are not allowed in restricted language mode or a Data section.",
    "ArrayReferenceNotSupportedInDataSection": "Array references are not allowed in restricted language mode or a Data section.",
    "AttributeNotSupportedInDataSection": "Attributes are not allowed in restricted language mode or a Data section.",
    "TypeNotAllowedInDataSection": "The type {0} is not allowed in restricted language mode or a Data section.",
    "InvalidScriptBlockInDataSection": "A Begin statement block, Process statement block, or parameter statement is not allowed in a "
                                       "Data section.",
    "InvalidParameterForDataSectionStatement": 'The "{0}" parameter of the Data section is not valid. The valid Data section '
                                               "parameter is SupportedCommand.",
    "MissingValueForSupportedCommandInDataSectionStatement": "The SupportedCommand parameter of the Data section is missing a value. "
                                                             "Supply a cmdlet or function name to the parameter.",
    "MissingStatementBlockForDataSection": "The Data section is missing its statement block.",
}

DEFAULT_VARIABLES = ("PSCulture", "PSUICulture", "true", "false", "null")
DEFAULT_VARIABLES_TEXT = "$PSCulture, $PSUICulture, $true, $false, $null"    # DefaultAllowedVariablesInDataSection
DATA_SECTION_COMMANDS = ("ConvertFrom-StringData",)     # SemanticChecks.GetConstantDataStatementAllowedCommands

# Operators with TokenFlags.DisallowedInRestrictedMode (token.cs) and the text TokenKind.Text() gives them:
# `-match` is the token Imatch, written '-imatch'.
_BINARY = {"-f": "-f", "-join": "-join", "-as": "-as", "..": ".."}
for _op in ("match", "notmatch", "replace", "split"):
    _BINARY["-" + _op] = _BINARY["-i" + _op] = "-i" + _op
    _BINARY["-c" + _op] = "-c" + _op
_UNARY = {"-join": "-join", "-split": "-isplit", "-isplit": "-isplit", "-csplit": "-csplit"}

# Type.GetTypeCode() is not Object for these (and for enums): the types 5.1 lets a data section name (CheckTypeName)
_SIMPLE_TYPES = frozenset(f"System.{n}" for n in ("Boolean", "Char", "SByte", "Byte", "Int16", "UInt16", "Int32", "UInt32",
                                                 "Int64", "UInt64", "Single", "Double", "Decimal", "DateTime", "String", "DBNull"))

_STATEMENTS = {
    "script_block_expression": "ScriptBlockNotSupportedInDataSection",
    "param_block": "ParameterDeclarationNotSupportedInDataSection",
    "function_statement": "FunctionDeclarationNotSupportedInDataSection",
    "trap_statement": "TrapStatementNotSupportedInDataSection",
    "switch_statement": "SwitchStatementNotSupportedInDataSection",
    "data_statement": "DataSectionStatementNotSupportedInDataSection",
    "foreach_statement": "ForeachStatementNotSupportedInDataSection",
    "do_statement": "DoWhileStatementNotSupportedInDataSection",
    "for_statement": "ForWhileStatementNotSupportedInDataSection",
    "while_statement": "ForWhileStatementNotSupportedInDataSection",
    "try_statement": "TryStatementNotSupportedInDataSection",
    "flow_control_statement": "FlowControlStatementNotSupportedInDataSection",
    "assignment_expression": "AssignmentStatementNotSupportedInDataSection",
    "redirection": "RedirectionNotSupportedInDataSection",
    "member_access": "PropertyReferenceNotSupportedInDataSection",
    "invocation_expression": "MethodCallNotSupportedInDataSection",
    "element_access": "ArrayReferenceNotSupportedInDataSection",
    "attribute": "AttributeNotSupportedInDataSection",
}

_RANGE_COMMAND = re.compile(r"[+-]?\d+\.\.[+-]?\d+")     # `1..3` that tree-sitter-pwsh reads as a command name


@dataclass(frozen=True)
class Rules:
    """What is allowed: ``commands`` None for any command; ``variables`` None for the default five, ('*',) for all."""

    commands: tuple[str, ...] | None
    variables: tuple[str, ...] | None = None
    environment: bool = False

    def allowed_variables(self) -> list[str] | None:
        """The union 5.1 builds (default names first), or None when every variable is allowed."""
        if self.variables is None:
            return list(DEFAULT_VARIABLES)
        if list(self.variables) == ["*"]:
            return None
        names = list(DEFAULT_VARIABLES)
        for v in self.variables:
            if v.lower() not in (n.lower() for n in names):
                names.append(v)
        return names


def error(error_id: str, node: tree_sitter.Node, *args: str) -> PSParseError:
    line, col = node.start_point
    return PSParseError(TEXTS[error_id].format(*args), line + 1, col + 1, error_id, incomplete=False)


def _text(node: tree_sitter.Node, src: bytes) -> str:
    return src[node.start_byte:node.end_byte].decode("utf-8", "replace")


def first_error(nodes: Iterable[tree_sitter.Node], src: bytes, rules: Rules) -> PSParseError | None:
    """The first construct under ``nodes`` (in source order) the rules refuse, as 5.1's error."""
    stack = list(reversed(list(nodes)))
    while stack:
        node = stack.pop()
        problem = _check(node, src, rules)
        if problem is not None:
            return problem
        stack.extend(reversed(node.named_children))
    return None


def _check(node: tree_sitter.Node, src: bytes, rules: Rules) -> PSParseError | None:
    t = node.type
    if t in _STATEMENTS:
        return error(_STATEMENTS[t], node)
    if t == "variable":
        return _variable(node, src, rules)
    if t == "command":
        return _command(node, src, rules)
    if t in ("comparison_operator", "format_operator"):
        op = _text(node, src).strip().lower()
        if op in _BINARY:
            return error("OperatorNotSupportedInDataSection", node, _BINARY[op])
    if t == "range_expression":
        op = next((c for c in node.children if not c.is_named and _text(c, src) == ".."), node)
        return error("OperatorNotSupportedInDataSection", op, "..")
    if t in ("pre_increment_expression", "post_increment_expression"):
        return error("OperatorNotSupportedInDataSection", node, "++")
    if t in ("pre_decrement_expression", "post_decrement_expression"):
        return error("OperatorNotSupportedInDataSection", node, "--")
    if t == "expression_with_unary_operator":
        first = node.children[0] if node.children else None
        op = _text(first, src).strip().lower() if first is not None and not first.is_named else ""
        if op in _UNARY:
            return error("OperatorNotSupportedInDataSection", node, _UNARY[op])
    if t == "type_literal":
        return _type(node, src)
    return None


def _variable(node: tree_sitter.Node, src: bytes, rules: Rules) -> PSParseError | None:
    text = _text(node, src)
    path = text[1:]
    if path.startswith("{") and path.endswith("}"):
        path = path[1:-1]
    allowed = rules.allowed_variables()
    if allowed is None or path.lower() in (a.lower() for a in allowed):
        return None
    if rules.environment and path.lower().startswith("env:"):
        return None
    listed = DEFAULT_VARIABLES_TEXT if rules.variables is None else ", ".join("$" + a for a in allowed)
    return error("VariableReferenceNotSupportedInDataSection", node, listed)


def _command(node: tree_sitter.Node, src: bytes, rules: Rules) -> PSParseError | None:
    operator = next((c for c in node.children if c.type == "command_invocation_operator"), None)
    op = _text(operator, src).strip() if operator is not None else ""
    if op == ".":
        return error("DotSourcingNotSupportedInDataSection", node)
    name_node = node.child_by_field_name("command_name")
    name_text = _text(name_node, src).strip() if name_node is not None else ""
    if not op and not node.child_by_field_name("command_elements") and _RANGE_COMMAND.fullmatch(name_text):
        return error("OperatorNotSupportedInDataSection", node, "..")
    if rules.commands is None:
        return None
    name = _constant_name(name_node, src)
    if name is None:
        if op == "&":
            return error("OperatorNotSupportedInDataSection", node, "&")
        return error("CmdletNotInAllowedListForDataSection", node, _text(node, src))
    if any(name.lower() == c.lower() for c in rules.commands):
        return None
    return error("CmdletNotInAllowedListForDataSection", node, name)


def _constant_name(name_node: tree_sitter.Node | None, src: bytes) -> str | None:
    """CommandAst.GetCommandName(): the name when the command's first element is a constant string."""
    if name_node is None:
        return None
    inner = name_node
    while inner.type in ("command_name_expr", "path_command_name") and len(inner.named_children) == 1:
        inner = inner.named_children[0]
    text = _text(inner, src).strip()
    if inner.type in ("command_name", "path_command_name_token", "path_command_name"):
        return text
    if inner.type == "string_literal":
        if text.startswith("'") and text.endswith("'"):
            return text[1:-1].replace("''", "'")
        if text.startswith('"') and text.endswith('"') and "$" not in text and "`" not in text:
            return text[1:-1]
    return None


def _type(node: tree_sitter.Node, src: bytes) -> PSParseError | None:
    from labkit.twin.types import enum_members, resolve

    written = _text(node, src).strip()[1:-1].strip()
    t = resolve(written)
    element = t.element if t is not None and t.element is not None else t
    if element is not None and (element.full_name in _SIMPLE_TYPES or enum_members(element.full_name) is not None):
        return None
    return error("TypeNotAllowedInDataSection", node, written)


# -- the data statement -----------------------------------------------------------------------------------

@dataclass
class DataStatement:
    """``data [name] [-SupportedCommand a, b] { body }`` as 5.1's DataStatementRule reads it."""

    name: str | None
    commands: list[str]
    body: tree_sitter.Node


def read_data_statement(node: tree_sitter.Node, src: bytes) -> DataStatement:
    name = None
    commands: list[str] = []
    body = None
    for c in node.named_children:
        if c.type == "data_name":
            name = _text(c, src).strip()
        elif c.type == "data_commands_allowed":
            for lst in c.named_children:
                for cmd in lst.named_children:
                    if cmd.type != "data_command":
                        continue
                    expr = cmd.named_children[0] if cmd.named_children else cmd
                    value = _constant_name(expr, src)
                    if value is None:
                        raise NonConstantCommand(cmd)
                    commands.append(value)
        elif c.type == "statement_block":
            body = c
    if body is None:
        raise error("MissingStatementBlockForDataSection", node)
    return DataStatement(name, commands, body)


class NonConstantCommand(Exception):
    """A -SupportedCommand name that is not a constant (5.1 checks those at run time; the twin does not)."""

    def __init__(self, node: tree_sitter.Node):
        self.node = node
        super().__init__("a data section's -SupportedCommand name that is not a constant")


def check_data_statement(node: tree_sitter.Node, src: bytes) -> None:
    """SemanticChecks.VisitDataStatement: the body under the restricted rules, ConvertFrom-StringData and the
    -SupportedCommand names allowed."""
    try:
        data = read_data_statement(node, src)
    except NonConstantCommand:
        return      # refused by the compiler as not emulated
    problem = first_error([data.body], src, Rules(DATA_SECTION_COMMANDS + tuple(data.commands)))
    if problem is not None:
        raise problem


def check_script_block(block: tree_sitter.Node, src: bytes, rules: Rules) -> PSParseError | None:
    """ScriptBlock.CheckRestrictedLanguage (CompiledScriptBlock.cs): begin/process blocks or a param block are
    InvalidScriptBlockInDataSection; the end block's statements are checked under ``rules``."""
    body = [c for c in block.named_children if c.type not in ("comment",)]
    if block.type == "script_block_expression":    # `{ param($x) 1 }` on one line: the param_block beside the block
        body = [d for c in body for d in ([c] if c.type != "script_block" else c.named_children) if d.type != "comment"]
    if block.type == "program":
        top = _top_named_blocks(body, src)
        if top is not None:
            return top if isinstance(top, PSParseError) else first_error(top, src, rules)
    for c in body:
        if c.type == "param_block":
            return error("InvalidScriptBlockInDataSection", c)
        if c.type == "script_block_body":
            blocks = [b for b in c.named_children if b.type == "named_block_list"]
            for nbl in blocks:
                for nb in nbl.named_children:
                    kind = _text(nb, src).split("{", 1)[0].strip().lower()
                    if kind in ("begin", "process"):
                        return error("InvalidScriptBlockInDataSection", nb)
    statements = []
    for c in body:
        if c.type == "script_block_body":
            for part in c.named_children:
                if part.type == "statement_list":
                    statements.append(part)
                elif part.type == "named_block_list":
                    for nb in part.named_children:
                        if _text(nb, src).split("{", 1)[0].strip().lower() == "end":
                            statements.extend(x for x in nb.named_children if x.type in ("statement_block", "statement_list"))
        elif c.type == "statement_list":
            statements.append(c)
    return first_error(statements, src, rules)


def _top_named_blocks(body: list[tree_sitter.Node], src: bytes) -> PSParseError | list[tree_sitter.Node] | None:
    """A script's (``[scriptblock]::Create('begin { }')``) named blocks, which tree-sitter-pwsh reads as commands
    taking a script block: the begin/process block's error, or the end block's statement lists; None without."""
    lists = [c for c in body if c.type == "statement_list"]
    if not lists or not lists[0].named_children:
        return None
    ends: list[tree_sitter.Node] = []
    for st in lists[0].named_children:
        cmds = [c for c in st.named_children[0].named_children] if st.type == "pipeline" and st.named_children else []
        cmd = cmds[0] if len(cmds) == 1 and cmds[0].type == "command" else None
        name = cmd.child_by_field_name("command_name") if cmd is not None else None
        kind = _text(name, src).lower() if name is not None else ""
        if kind not in ("begin", "process", "end", "dynamicparam"):
            return None if st is lists[0].named_children[0] else ends
        if kind in ("begin", "process"):
            return error("InvalidScriptBlockInDataSection", cmd)
        elements = cmd.child_by_field_name("command_elements")
        for e in (elements.named_children if elements is not None else []):
            blocks = [d for d in (e, *e.named_children) if d.type == "script_block_expression"]
            for sb in blocks:
                inner = next((c for c in sb.named_children if c.type == "script_block"), None)
                if inner is not None:
                    ends.extend(c for b in inner.named_children if b.type == "script_block_body"
                                for c in b.named_children if c.type == "statement_list")
    return ends


def _names(value: object) -> tuple[str, ...] | None:
    """An IEnumerable<string> argument: None for $null, one name for a string, else each element as a string."""
    from labkit.twin.values import to_string

    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    try:
        return tuple(to_string(v) for v in value)  # type: ignore[union-attr]
    except TypeError:
        return (to_string(value),)


def check_restricted_language(block: object, args: list[object]) -> None:
    """``$sb.CheckRestrictedLanguage(allowedCommands, allowedVariables, allowEnvironmentVariables)``
    (https://learn.microsoft.com/dotnet/api/system.management.automation.scriptblock.checkrestrictedlanguage):
    returns nothing when the block keeps to the restricted language, else throws 5.1's ParseException (a
    MethodInvocationException around it, as every .NET method's exception)."""
    from labkit.twin.method_overloads import count_error, method_exception
    from labkit.twin.parse_errors import position_message
    from labkit.twin.parser import _PARSER
    from labkit.twin.values import to_bool

    if len(args) != 3:
        raise count_error("CheckRestrictedLanguage", len(args))
    source = getattr(getattr(block, "script", None), "source", None)
    if source is None:
        raise method_exception("CheckRestrictedLanguage", 3, "System.NotSupportedException",
                               "The twin has no source text for this script block to check.")
    tree = _PARSER.parse(source.text)
    node = tree.root_node.descendant_for_byte_range(source.start, max(source.start, source.end - 1))
    while node is not None and not (node.start_byte == source.start and node.end_byte == source.end
                                    and node.type in ("script_block_expression", "script_block", "program")):
        node = node.parent
    if node is None:
        node = tree.root_node
    if node.type == "script_block" and node.parent is not None and node.parent.type == "script_block_expression":
        node = node.parent
    rules = Rules(_names(args[0]), _names(args[1]), to_bool(args[2]))
    problem = check_script_block(node, source.text, rules)
    if problem is not None:
        text = source.text.decode("utf-8", "replace")
        raise method_exception("CheckRestrictedLanguage", 3, "System.Management.Automation.ParseException",
                               position_message(text, problem.line, problem.column, problem.text))
