"""PowerShell text → the twin's syntax tree (:mod:`labkit.twin.syntax`).

tree-sitter-pwsh does the parsing; this module reports its ERROR / MISSING
nodes as :class:`PSParseError` (line and column, 1-based) and compiles the
concrete tree into small syntax nodes.  A construct the twin does not run
raises :class:`UnsupportedConstruct` here, at compile time, naming it and its
line: a script either runs as written or says why it cannot.

:func:`parse` caches results by script text (LRU).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable

import tree_sitter
import tree_sitter_pwsh

from labkit.twin import syntax as S
from labkit.twin.errors import PSParseError, UnsupportedConstruct
from labkit.twin.grammar_gaps import (bare_requires, braced_variable_arguments, case_sensitive_ins, enum_values, join_else_lines, member_attributes, normalize_whitespace, repaired,
                                      backtick_whitespace, bareword_escapes, bareword_quotes, command_name_tokens,
                                      dollar_sign_tokens, here_string_headers, string_member_arguments,
                                      trailing_dot_reals)
from labkit.twin import method_checks, parse_checks, restricted_language
from labkit.twin.parse_errors import classify, is_incomplete
from labkit.twin.attributes import PARAMETER_ATTRIBUTES, SCRIPT_ATTRIBUTES
from labkit.twin.comment_help import Source
from labkit.twin.function_scopes import function_scope
from labkit.twin.script_requires import parse_problem
from labkit.twin.values import parse_number
from labkit.twin.number_literals import integer_literal, real_literal

_LANGUAGE = tree_sitter.Language(tree_sitter_pwsh.language())
_PARSER = tree_sitter.Parser(_LANGUAGE)

_EMPTY_PIPE = "An empty pipe element is not allowed."   # ParserStrings.resx EmptyPipeElement

# PowerShell treats these as single quotes too (about_Quoting_Rules).
_TYPO_SINGLE = "\u2018\u2019\u201a\u201b"
_ALL_SINGLE = "'" + _TYPO_SINGLE


def parse(script: str) -> S.Script:
    """The syntax tree of ``script``; raises PSParseError / UnsupportedConstruct."""
    return _parse_cached(script)


@lru_cache(maxsize=512)
def _parse_cached(script: str) -> S.Script:
    text = normalize_quotes(script) if any(c in script for c in _TYPO_SINGLE) else script
    text = bare_requires(trailing_dot_reals(join_else_lines(normalize_whitespace(here_string_headers(text)))))
    text = bareword_quotes(bareword_escapes(string_member_arguments(command_name_tokens(dollar_sign_tokens(backtick_whitespace(text))))))
    text = braced_variable_arguments(text)
    src = text.encode("utf-8")
    tree = _PARSER.parse(src)
    root = tree.root_node
    if root.has_error:
        fixed = repaired(text, _parses)
        if fixed is None:
            try:
                _enum_underlying_type(root)
                _raise_parse_error(root, src)
                first = text.strip().split()[0] if text.strip() else ""
                raise PSParseError(f"Unexpected token '{first}' in expression or statement.", 1, 1)
            except PSParseError as e:
                if e.error_id != "ParseException":
                    raise            # already named as 5.1 names it
                # name the error as 5.1 does (error ID and ParserStrings text)
                eid, message, line, col = classify(text, e.line, e.column, getattr(e, "token", ""))
                raise PSParseError(message, line, col, eid, incomplete=is_incomplete(text, eid, line, col)) from None
        src = fixed.encode("utf-8")
        root = _PARSER.parse(src).root_node
        values = enum_values(text, fixed)
        case_ins = case_sensitive_ins(text, fixed)
        attributes = member_attributes(text, fixed)
    else:
        values, case_ins, attributes = {}, set(), {}
    parse_checks.check(root, src)
    try:
        compiler = _Compiler(src)
        compiler.enum_values = values
        compiler.case_ins = case_ins
        compiler.member_attributes = attributes
        result = compiler.script(root)
        result.source = Source(src, 0, len(src), "script")
        return result
    except RecursionError:
        # 5.1's parser stops as well when its stack runs low (RuntimeHelpers.EnsureSufficientExecutionStack
        # in PowerShell's Parser.cs); the twin's limit is lower, a clean parse error either way.
        raise PSParseError("The script nests blocks, parentheses or expressions too deeply for the twin to parse "
                           "(Insufficient stack to continue executing the program safely). Split it into functions "
                           "or variables.", 1, 1) from None


def _parses(text: str) -> bool:
    return not _PARSER.parse(text.encode("utf-8")).root_node.has_error


def cache_info() -> Any:
    return _parse_cached.cache_info()


# -- typographic quotes -----------------------------------------------------------------

def normalize_quotes(text: str) -> str:
    """Rewrite single-quoted literals delimited by typographic quotes (‘ ’ ‚ ‛)
    to ASCII quotes, outside double-quoted strings and comments, keeping
    their content as PowerShell reads it."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            j = n if j == -1 else j
            out.append(text[i:j])
            i = j
        elif c == "<" and text.startswith("<#", i):
            j = text.find("#>", i + 2)
            j = n if j == -1 else j + 2
            out.append(text[i:j])
            i = j
        elif c == "@" and text.startswith(('@"', "@'"), i):
            close = text[i + 1] + "@"
            j = text.find("\n" + close, i + 2)
            j = n if j == -1 else j + 3
            out.append(text[i:j])
            i = j
        elif c == '"':
            j = i + 1
            while j < n:
                if text[j] == "`":
                    j += 2
                    continue
                if text[j] == '"':
                    if j + 1 < n and text[j + 1] == '"':
                        j += 2
                        continue
                    break
                j += 1
            out.append(text[i:j + 1])
            i = j + 1
        elif c in _ALL_SINGLE:
            j = i + 1
            buf = ["'"]
            while j < n:
                if text[j] in _ALL_SINGLE:
                    if j + 1 < n and text[j + 1] in _ALL_SINGLE:
                        buf.append("''" if text[j] == "'" else text[j])
                        j += 2
                        continue
                    break
                buf.append(text[j])
                j += 1
            buf.append("'")
            out.append("".join(buf))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


# -- parse errors -------------------------------------------------------------------------

def _enum_underlying_type(root: tree_sitter.Node) -> None:
    """``enum E : byte { }``: an underlying type is PowerShell 6.2's; 5.1's EnumDefinitionRule wants '{' after the
    name (5.1's Parser.cs, commit 60b3b304f2 of the PowerShell mirror): MissingTypeBody after the name."""
    stack = [root]
    while stack:
        n = stack.pop()
        if n.type == "enum_statement":
            for k in n.children:
                if k.type == "ERROR" and any(c.type == ":" for c in k.children):
                    name = next((c for c in k.children if c.type == "simple_name"), k)
                    line, col = name.end_point
                    raise PSParseError("Missing 'enum' body in 'enum' declaration.", line + 1, col + 1, "MissingTypeBody")
        stack.extend(n.children)


def _raise_parse_error(root: tree_sitter.Node, src: bytes) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_missing:
            if node.type == "." and node.parent is not None and node.parent.type == "command_invocation_operator":
                # tree-sitter read a value after `|` as a command missing its `.`: 5.1's PipelineRule
                # reads it as an expression, allowed only first in a pipeline
                name = node.parent.next_named_sibling
                raise parse_checks.error("ExpressionsMustBeFirstInPipeline", name if name is not None else node)
            line, col = node.start_point
            err = PSParseError(f"Missing '{node.type}' in statement.", line + 1, col + 1)
            err.token = node.type  # type: ignore[attr-defined]
            raise err
        if node.type == "ERROR":
            line, col = node.start_point
            text = src[node.start_byte:node.end_byte].decode("utf-8", "replace").strip()
            first = text.splitlines()[0] if text else ""
            if len(first) > 40:
                first = first[:40] + "..."
            # Point at the innermost error where tree-sitter gives one.
            inner = [c for c in node.children if c.type == "ERROR" or c.is_missing]
            if inner:
                stack.append(inner[0])
                continue
            err = PSParseError(f"Unexpected token '{first}' in expression or statement.", line + 1, col + 1)
            err.token = first.split()[0] if first.split() else first  # type: ignore[attr-defined]
            raise err
        if node.has_error:
            stack.extend(reversed(node.children))


# -- compiler -------------------------------------------------------------------------------

# 5.1's escape sequences (about_Special_Characters, 5.1:
# https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_special_characters?view=powershell-5.1;
# tokenizer.cs Backtick): `e (ESC) and `u{} came with PowerShell 6, in 5.1 they are the letters e and u
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}

_WORDS = {
    "class_statement": "class definition", "enum_statement": "enum definition", "switch_statement": "switch statement",
    "trap_statement": "trap statement", "data_statement": "data section", "parallel_statement": "parallel block",
    "sequence_statement": "sequence block", "inlinescript_statement": "inlinescript block", "using_statement": "using statement",
    "requires_statement": "#requires statement", "label_expression": "loop label", "ternary_expression": "ternary operator ?:",
    "null_coalesce_expression": "null-coalescing operator ??", "stop_parsing": "stop-parsing token --%",
    "pipeline_chain_tail": "pipeline chain operator && / ||", "merging_redirection_operator": "stream merging redirection",
    "range_expression": "range operator", "pre_decrement_expression": "decrement operator",
}


def _invalid_left_hand_side(line: int, col: int) -> PSParseError:
    return PSParseError("The assignment expression is not valid. The input to an assignment operator must be an object that "
                        "is able to accept assignments, such as a variable or a property.", line, col, "InvalidLeftHandSide",
                        incomplete=False)


def _words(node_type: str) -> str:
    return _WORDS.get(node_type, node_type.replace("_", " "))


class _Compiler:
    def __init__(self, src: bytes):
        self.src = src
        self.enum_values: dict[int, str] = {}    # enum member values grammar_gaps took out (byte offset → text)
        self.member_attributes: dict[int, str] = {}   # a class member's later attributes grammar_gaps took out
        self.case_ins: set[int] = set()          # -in / -notin tokens that were -cin / -cnotin (byte offsets)

    # helpers
    def text(self, n: tree_sitter.Node) -> str:
        return self.src[n.start_byte:n.end_byte].decode("utf-8")

    @staticmethod
    def pos(n: tree_sitter.Node) -> tuple[int, int]:
        r, c = n.start_point
        return r + 1, c + 1

    def unsupported(self, n: tree_sitter.Node, what: str | None = None) -> UnsupportedConstruct:
        return UnsupportedConstruct(what or _words(n.type), n.start_point[0] + 1)

    @staticmethod
    def named(n: tree_sitter.Node) -> list[tree_sitter.Node]:
        return [c for c in n.named_children if c.type != "comment"]

    # -- script structure --------------------------------------------------------------------
    def script(self, node: tree_sitter.Node) -> S.Script:
        line, col = self.pos(node)
        sc = S.Script(line=line, col=col)
        attrs: list[tree_sitter.Node] = []
        for c in self.named(node):
            t = c.type
            if t == "param_block":
                self.param_block(c, sc, attrs)
            elif t == "attribute_list":
                attrs.append(c)
            elif t == "statement_list":
                sc.body = self.block(c)
                if node.type == "program":
                    _top_named_blocks(sc, self.src)
            elif t == "script_block_body":
                body = self.named(c)
                if body and body[0].type == "named_block_list":
                    self.named_blocks(body[0], sc)
                elif body:
                    sc.body = self.block(body[0])
            elif t == "named_block_list":
                self.named_blocks(c, sc)
            elif t == "script_block":
                inner = self.script(c)
                if inner.has_param_block:
                    sc.params, sc.has_param_block, sc.advanced, sc.attributes = inner.params, True, inner.advanced, inner.attributes
                sc.body, sc.begin, sc.process, sc.end = inner.body, inner.begin, inner.process, inner.end
                sc.dynamicparam = inner.dynamicparam
            elif t == "requires_statement":
                sc.requires += (self.requires(c),)    # checked when a script file runs (labkit.twin.script_requires)
            elif t == "requires_directive_list":
                sc.requires += tuple(self.requires(r) for r in self.named(c) if r.type == "requires_statement")
            elif t == "using_directive_list":
                sc.namespaces = self.using_namespaces(c, sc)
            else:
                raise self.unsupported(c)
        return sc

    def using_namespaces(self, c: tree_sitter.Node, sc: S.Script) -> tuple[str, ...]:
        """``using namespace System.Text`` (about_Using): the namespaces type names are looked up in.
        ``using module X`` (a name or a path) goes to ``sc.modules`` (labkit.twin.using_module); a module
        specification (a hashtable) and ``using assembly`` load code the twin does not have: refused."""
        names = []
        for st in self.named(c):
            words = [self.text(k).lower() for k in st.children if not k.is_named or k.type in ("namespace", "module", "assembly")]
            kids = self.named(st)
            if st.type == "using_statement" and "module" in words and kids and kids[-1].type in ("command_name", "type_name"):
                line, col = self.pos(st)
                sc.modules += ((self.text(kids[-1]).strip(), line, col),)
                continue
            if st.type != "using_statement" or "namespace" not in words or not kids:
                raise self.unsupported(st, f"'{self.text(st).strip()}'")
            names.append(self.text(kids[-1]).strip())
        return tuple(names)

    def requires(self, n: tree_sitter.Node) -> str:
        """A ``#Requires`` statement's text; one 5.1's tokenizer refuses is its parse error (labkit.twin.script_requires)."""
        text = self.text(n)
        problem = parse_problem(text.rstrip())
        if problem is not None:
            error_id, message, offset = problem
            line, col = self.pos(n)
            raise PSParseError(message, line, col + offset, error_id)
        return text

    def named_blocks(self, c: tree_sitter.Node, sc: S.Script) -> None:
        """begin / process / end (about_Functions: "Piping Objects to Functions")."""
        for nb in self.named(c):
            kind = self.text(self.named(nb)[0]).lower()
            blocks = [x for x in self.named(nb) if x.type in ("statement_block", "statement_list")]
            blk = self.block(blocks[0]) if blocks else S.Block([])
            if kind == "clean":
                # `clean { }` came with PowerShell 7.3; 5.1 reads `clean` as no block name and misses the script
                # block's closing brace (Parser.cs of 5.1's time, CompleteScriptBlockBody: MissingEndCurlyBrace)
                at = nb.parent
                while at is not None and at.type != "script_block":
                    at = at.parent
                start = (at if at is not None else nb).start_byte
                brace = self.src.rfind(b"{", 0, start + 1) if at is not None else -1
                start = brace if brace >= 0 and not self.src[brace + 1:start].strip() else start
                line = self.src.count(b"\n", 0, start) + 1
                col = len(self.src[self.src.rfind(b"\n", 0, start) + 1:start].decode("utf-8", "replace")) + 1
                raise PSParseError("Missing closing '}' in statement block or type definition.", line, col,
                                   "MissingEndCurlyBrace")
            if kind not in ("begin", "process", "end", "dynamicparam"):
                raise self.unsupported(nb, f"{kind} block")
            setattr(sc, kind, blk)

    def param_block(self, node: tree_sitter.Node, sc: S.Script, attrs: list[tree_sitter.Node]) -> None:
        sc.has_param_block = True
        for c in self.named(node):
            if c.type == "attribute_list":
                attrs.append(c)
            elif c.type == "parameter_list":
                sc.params.extend(self.parameter_list(c))
        for a in attrs:
            for at in self.named(a):
                if at.type == "attribute":
                    compiled = self.attribute(at)
                    if compiled is not None:
                        if compiled.name.lower() not in SCRIPT_ATTRIBUTES:
                            raise self.unsupported(at, f"attribute [{compiled.name}] on a param() block")
                        sc.attributes.append(compiled)
            if "cmdletbinding" in self.text(a).lower():
                sc.advanced = True
        if any(p.from_pipeline or p.mandatory or p.position is not None for p in sc.params):
            sc.advanced = True
        if any(at.name.lower() in ("parameter", "system.management.automation.parameter") for p in sc.params for at in p.attributes):
            sc.advanced = True

    def parameter_list(self, node: tree_sitter.Node) -> list[S.Param]:
        out: list[S.Param] = []
        for sp in self.named(node):
            if sp.type != "script_parameter":
                raise self.unsupported(sp)
            out.extend(self.script_parameter(sp))
        return out

    def script_parameter(self, node: tree_sitter.Node) -> list[S.Param]:
        line, col = self.pos(node)
        p = S.Param("", line=line, col=col)
        extra: list[S.Param] = []
        for c in self.named(node):
            if c.type == "attribute_list":
                for a in self.named(c):
                    self.param_attribute(a, p)
            elif c.type == "variable":
                p.name = self.variable_name(c)[1]
            elif c.type == "script_parameter_default":
                vals = self.named(c)
                expr_node = vals[-1]
                # tree-sitter-pwsh reads `$a = 1, [int]$b` on one line as an array default, and `$a = 1 + 2, $b`
                # as `1 + (2, $b)`; 5.1 parses a default with the comma operator off: the comma ends the
                # parameter (PowerShell's Parser.cs, ParameterRule: `_disableCommaOperator = true`).
                inner = self.unwrap(expr_node)
                spine = self._comma_on_right_spine(expr_node)
                if spine is not None:
                    arr, split = spine
                    elems = self.named(arr)
                    head = elems[:split]
                    head_expr = self.expr(head[0]) if len(head) == 1 else S.ArrayLiteral([self.expr(e) for e in head], line=line, col=col)
                    if arr is inner:
                        p.default = head_expr
                    else:
                        p.default = _replace_at(self.expr(expr_node), self.pos(arr), head_expr)
                    for e in elems[split:]:
                        extra.append(self._param_from_expr(e))
                    continue
                p.default = self.expr(expr_node)
        return [p, *extra]

    def _comma_on_right_spine(self, n: tree_sitter.Node) -> tuple[tree_sitter.Node, int] | None:
        """The array literal at the end of a parameter's default whose later elements are parameters
        (``$b``, ``[int]$b``), with the index of the first; None when the default has none."""
        arr = self._right_spine_array(n)
        if arr is None:
            return None
        elems = self.named(arr)
        split = next((i for i, e in enumerate(elems) if i > 0 and self._param_like(e)), None)
        return (arr, split) if split is not None else None

    def _right_spine_array(self, n: tree_sitter.Node) -> tree_sitter.Node | None:
        """The array literal a binary expression's right operands end in (tree-sitter-pwsh reads ``1 + 2, 3`` as
        ``1 + (2, 3)``), or the expression itself when it is one; None otherwise."""
        while True:
            n = self.unwrap(n)
            if n.type == "array_literal_expression":
                return n
            if n.type not in _BINARY_TYPES and n.type != "range_expression":
                return None     # only a binary operator's right operand runs on to the comma
            kids = self.named(n)
            if not kids:
                return None
            n = kids[-1]

    def unwrap(self, n: tree_sitter.Node) -> tree_sitter.Node:
        while n.type in ("unary_expression",) and len(self.named(n)) == 1:
            n = self.named(n)[0]
        return n

    def _param_like(self, e: tree_sitter.Node) -> bool:
        e = self.unwrap(e)
        if e.type == "variable":
            return True
        if e.type == "expression_with_unary_operator":
            k = self.named(e)
            return bool(k) and k[0].type == "cast_expression" and self._param_like(self.named(k[0])[-1])
        return False

    def _param_from_expr(self, e: tree_sitter.Node) -> S.Param:
        e = self.unwrap(e)
        line, col = self.pos(e)
        if e.type == "variable":
            return S.Param(self.variable_name(e)[1], line=line, col=col)
        cast = self.named(e)[0]
        inner = self._param_from_expr(self.named(cast)[-1])
        inner.type_name = inner.type_name or self.type_name(self.named(cast)[0])
        return inner

    def attribute(self, a: tree_sitter.Node) -> S.Attribute | None:
        """An attribute (not a type constraint) with its arguments as expressions."""
        kids = self.named(a)
        if not kids or kids[0].type == "type_literal":
            return None
        line, col = self.pos(a)
        at = S.Attribute(self.text(kids[0]).strip(), [], [], line=line, col=col)
        for arg in self.named(kids[1]) if len(kids) > 1 else []:
            parts = self.named(arg) if arg.type == "attribute_argument" else [arg]
            if parts and parts[0].type == "simple_name":
                at.named.append((self.text(parts[0]), self.expr(parts[1]) if len(parts) > 1 else None))
            elif parts:
                # the comma separates an attribute's arguments: `[ValidateRange(1 + 1, 10)]` is (2, 10), not 1 + (1, 10)
                # (Parser.cs, AttributeArgumentsRule: `_disableCommaOperator = true`)
                arr = self._right_spine_array(parts[0])
                if arr is not None and arr is not self.unwrap(parts[0]):
                    elems = self.named(arr)
                    at.args.append(_replace_at(self.expr(parts[0]), self.pos(arr), self.expr(elems[0])))
                    at.args.extend(self.expr(e) for e in elems[1:])
                    continue
                v = self.expr(parts[0])
                at.args.extend(v.items if isinstance(v, S.ArrayLiteral) else [v])
        return at

    def param_attribute(self, a: tree_sitter.Node, p: S.Param) -> None:
        kids = self.named(a)
        if kids and kids[0].type == "type_literal":
            p.type_name = self.type_name(kids[0])
            return
        name = self.text(kids[0]).lower() if kids else ""
        args = kids[1] if len(kids) > 1 else None
        compiled = self.attribute(a)
        if compiled is not None:
            if name not in PARAMETER_ATTRIBUTES:
                raise self.unsupported(a, f"parameter attribute [{self.text(kids[0])}]")
            p.attributes.append(compiled)
            if name not in ("parameter", "system.management.automation.parameter"):
                consts = [v.value if isinstance(v, S.Const) else -v.expr.value for v in compiled.args
                          if isinstance(v, S.Const) or (isinstance(v, S.Unary) and v.op == "-" and isinstance(v.expr, S.Const))]
                if len(consts) == len(compiled.args) and not compiled.named:
                    p.validate.append((name, consts))   # the literal form, for class properties (Interpreter.validate)
                return
        if name in ("parameter", "system.management.automation.parameter"):
            for arg in self.named(args) if args else []:
                parts = self.named(arg)
                key = self.text(parts[0]).lower()
                val: Any = True
                if len(parts) > 1:
                    v = self.expr(parts[1])
                    val = v.value if isinstance(v, S.Const) else (v.name == "true" if isinstance(v, S.Var) else True)
                if key == "mandatory":
                    p.mandatory = bool(val)
                elif key == "position" and isinstance(val, int):
                    p.position = int(val)
                elif key in ("valuefrompipeline", "valuefrompipelinebypropertyname"):
                    p.from_pipeline = bool(val)
            return
        raise self.unsupported(a, f"parameter attribute [{self.text(kids[0]) if kids else '?'}]")

    # -- statements ------------------------------------------------------------------------
    def block(self, node: tree_sitter.Node) -> S.Block:
        line, col = self.pos(node)
        if node.type == "statement_block":
            lists = [c for c in self.named(node) if c.type == "statement_list"]
            return self.block(lists[0]) if lists else S.Block([], line=line, col=col)
        stmts = []
        traps: list[S.Trap] = []
        label = ""
        for c in self.named(node):
            if c.type == "empty_statement":
                continue
            if c.type == "label":
                label = self.text(c)[1:].lower()
                continue
            st = self.statement(c)
            if label:
                if isinstance(st, (S.Foreach, S.For, S.While, S.Switch)):
                    st.label = label
                label = ""
            if isinstance(st, S.Trap):
                traps.append(st)    # a trap covers its whole scope, wherever it stands (about_Trap)
                continue
            stmts.append(st)
        return S.Block(stmts, line=line, col=col, traps=traps)

    def statement(self, n: tree_sitter.Node) -> Any:
        t = n.type
        line, col = self.pos(n)
        if t == "pipeline":
            return self.pipeline(n)
        if t == "if_statement":
            kids = self.named(n)
            clauses = [(self.pipeline(kids[0]), self.block(kids[1]))]
            else_block = None
            for k in kids[2:]:
                if k.type == "elseif_clauses":
                    for ec in self.named(k):
                        ek = self.named(ec)
                        clauses.append((self.pipeline(ek[0]), self.block(ek[1])))
                elif k.type == "else_clause":
                    else_block = self.block(self.named(k)[0])
            return S.If(clauses, else_block, line=line, col=col)
        if t == "foreach_statement":
            kids = self.named(n)
            if kids[0].type == "foreach_parameter":
                raise self.unsupported(kids[0], "foreach -parallel")
            var = self.variable_name(kids[0])[0]
            return S.Foreach(var, self.pipeline(kids[1]), self.block(kids[2]), line=line, col=col)
        if t == "for_statement":
            init = cond = step = None
            body = None
            for k in self.named(n):
                if k.type == "for_initializer":
                    init = self.pipeline(self.named(k)[0])
                elif k.type == "for_condition":
                    cond = self.pipeline(self.named(k)[0])
                elif k.type == "for_iterator":
                    step = self.pipeline(self.named(k)[0])
                elif k.type == "statement_block":
                    body = self.block(k)
            return S.For(init, cond, step, body or S.Block([]), line=line, col=col)
        if t == "while_statement":
            kids = self.named(n)
            cond = self.pipeline(self.named(kids[0])[0])
            return S.While(cond, self.block(kids[1]), line=line, col=col)
        if t == "do_statement":
            kids = self.named(n)
            body = self.block(kids[0])
            until = any(self.text(c).lower() == "until" for c in n.children if not c.is_named)
            cond_node = kids[-1]
            cond = self.pipeline(self.named(cond_node)[0] if cond_node.type == "while_condition" else cond_node)
            return S.While(cond, body, do=True, until=until, line=line, col=col)
        if t == "try_statement":
            kids = self.named(n)
            body = self.block(kids[0])
            catches: list[S.Catch] = []
            final = None
            for k in kids[1:]:
                if k.type == "catch_clauses":
                    for cc in self.named(k):
                        ck = self.named(cc)
                        types: list[str] = []
                        blk = None
                        for x in ck:
                            if x.type == "catch_type_list":
                                types = [self.type_name(tl) for tl in self.named(x)]
                            elif x.type == "statement_block":
                                blk = self.block(x)
                        cl, cc_col = self.pos(cc)
                        catches.append(S.Catch(types, blk or S.Block([]), line=cl, col=cc_col))
                elif k.type == "finally_clause":
                    final = self.block(self.named(k)[0])
            return S.Try(body, catches, final, line=line, col=col)
        if t == "flow_control_statement":
            kw = self.text(n.children[0]).lower()
            kids = self.named(n)
            if kw in ("break", "continue") and kids:
                lab = kids[0]
                inner = self.named(lab)
                if lab.type == "label_expression" and not inner:
                    value: Any = S.Const(self.text(lab).lstrip(":").lower(), line=line, col=col)
                else:
                    value = self.expr(inner[0] if lab.type == "label_expression" and inner else lab)
                return S.Flow(kw, value, line=line, col=col)
            value = self.pipeline(kids[0]) if kids else None
            return S.Flow(kw, value, line=line, col=col)
        if t == "function_statement":
            kids = self.named(n)
            name = self.text(kids[0])
            sc = S.Script(line=line, col=col)
            for k in kids[1:]:
                if k.type == "function_parameter_declaration":
                    sc.has_param_block = True
                    for pl in self.named(k):
                        sc.params.extend(self.parameter_list(pl))
                elif k.type == "script_block":
                    inner = self.script(k)
                    if inner.has_param_block:
                        sc.params, sc.has_param_block, sc.advanced, sc.attributes = inner.params, True, inner.advanced, inner.attributes
                    sc.body, sc.begin, sc.process, sc.end = inner.body, inner.begin, inner.process, inner.end
                    sc.dynamicparam = inner.dynamicparam
            kw = self.text(n.children[0]).lower()
            if kw == "filter" and not (sc.begin or sc.process or sc.end):
                # a filter's body is its process block (about_Functions, "Filters")
                sc.process, sc.body = sc.body, S.Block([])
            elif kw != "function":
                raise self.unsupported(n, f"{kw} definition")
            sc.source = Source(self.src, n.start_byte, n.end_byte, "function")
            scope, bare = function_scope(name)
            return S.FunctionDef(bare, sc, line=line, col=col, scope=scope)
        if t == "switch_statement":
            return self.switch(n)
        if t == "enum_statement":
            return self.enum(n)
        if t == "class_statement":
            return self.class_def(n)
        if t == "trap_statement":
            kids = self.named(n)
            type_name = self.type_name(kids[0]) if kids and kids[0].type == "type_literal" else None
            body = self.block(kids[-1])
            return S.Trap(type_name, body, line=line, col=col)
        if t == "data_statement":
            return self.data_section(n)
        raise self.unsupported(n)

    def data_section(self, n: tree_sitter.Node) -> Any:
        """``data [name] [-SupportedCommand ...] { body }`` (about_Data_Sections, 5.1): the body runs as written (its
        restricted language is checked by parse_checks); a named section assigns what the body writes to the local
        variable ``name`` (5.1's Compiler.VisitDataStatement), an unnamed one writes it."""
        line, col = self.pos(n)
        try:
            data = restricted_language.read_data_statement(n, self.src)
        except restricted_language.NonConstantCommand as e:
            raise self.unsupported(e.node, "a data section's -SupportedCommand name that is not a constant") from None
        body = S.If([(S.Pipeline([S.Const(True, line=line, col=col)], line=line, col=col), self.block(data.body))], line=line, col=col)
        if data.name is None:
            return body
        return S.Assign(S.Var(data.name.lower(), data.name, line=line, col=col, scope="local"), "=", body, line=line, col=col)

    def enum(self, n: tree_sitter.Node) -> S.EnumDef:
        """about_Enum: https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_enum?view=powershell-5.1"""
        line, col = self.pos(n)
        ed = S.EnumDef("", [], line=line, col=col)
        for k in self.named(n):
            if k.type == "attribute_list":
                for a in self.named(k):
                    word = self.text(a).strip("[]() ").lower()
                    if word in ("flags", "system.flags", "flagsattribute", "system.flagsattribute"):
                        ed.flags = True
                    else:
                        raise self.unsupported(a, f"enum attribute {self.text(a)}")
            elif k.type == "simple_name":
                ed.name = self.text(k)
            elif k.type == "enum_member":
                mk = self.named(k)
                value = None
                if len(mk) > 1:
                    original = self.enum_values.get(mk[1].start_byte)
                    value = self.sub_expression(original, mk[1]) if original is not None else self.expr(mk[1])
                ed.members.append((self.text(mk[0]), value))
        return ed

    def class_def(self, n: tree_sitter.Node) -> S.ClassDef:
        """about_Classes: https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_classes?view=powershell-5.1"""
        line, col = self.pos(n)
        cd = S.ClassDef("", line=line, col=col)
        bases = []
        for k in self.named(n):
            if k.type == "simple_name":
                cd.name = self.text(k)
            elif k.type == "type_spec":
                bases.append(self.text(k))
            elif k.type == "attribute_list":
                raise self.unsupported(k, "class attribute")
            elif k.type == "class_property_definition":
                cd.properties.append(self.class_property(k))
            elif k.type == "class_method_definition":
                cd.methods.append(self.class_method(k, cd.name))
        # the first name is the base class or an interface, the others interfaces (labkit.twin.usertypes decides)
        cd.base = bases[0] if bases else None
        cd.interfaces = bases[1:]
        method_checks.check_class(cd)
        return cd

    def _member_attributes(self, k: tree_sitter.Node) -> tuple[bool, bool]:
        static = hidden = False
        for a in self.named(k):
            if a.type == "class_attribute":
                word = self.text(a).lower()
                static, hidden = static or word == "static", hidden or word == "hidden"
            elif a.type == "attribute_list":
                raise self.unsupported(a, f"attribute {self.text(a)} on a class member")
        return static, hidden

    def _taken_out_attributes(self, k: tree_sitter.Node) -> list[tuple[tree_sitter.Node, "_Compiler"]]:
        """The attributes grammar_gaps took out of this member (its second and later ones), each parsed on its own."""
        out = []
        for offset in sorted(o for o in self.member_attributes if k.start_byte <= o < k.end_byte):
            snippet = ("param(" + self.member_attributes[offset] + "$x)").encode("utf-8")
            root = _PARSER.parse(snippet).root_node
            stack, found = [root], None
            while stack and found is None:
                n = stack.pop()
                if n.type == "attribute":
                    found = n
                stack.extend(reversed(n.children))
            if found is None:
                raise self.unsupported(k, f"attribute {self.member_attributes[offset]} on a class property")
            sub = _Compiler(snippet)
            out.append((found, sub))
        return out

    def class_property(self, k: tree_sitter.Node) -> S.PropDef:
        line, col = self.pos(k)
        static, hidden = self._member_attributes(k)
        p = S.PropDef("", static=static, hidden=hidden, line=line, col=col)
        kids = self.named(k)
        for i, c in enumerate(kids):
            if c.type == "attribute":
                self.class_property_attribute(c, p)
            elif c.type == "type_literal":
                p.type_name = self.type_name(c)
            elif c.type == "variable":
                p.name = self.variable_name(c)[1]
                if i + 1 < len(kids):
                    p.default = self.expr(kids[i + 1])
                break
        if self.member_attributes:
            # the later attributes grammar_gaps took out of `[A()][B()][int]$p`, after the first, in their order
            for n, sub in self._taken_out_attributes(k):
                try:
                    sub.class_property_attribute(n, p)
                except PSParseError as e:
                    raise PSParseError(e.text, line, col, e.error_id) from None
        return p

    def class_property_attribute(self, c: tree_sitter.Node, p: S.PropDef) -> None:
        """One attribute of a class property: a validation attribute is checked on assignment, [Parameter] and [Alias]
        are kept for dynamicparam, any other is refused."""
        # an attribute of a class member takes constants only (5.1's SemanticChecks: a script block, as
        # [ValidateScript({...})] has, is ParameterAttributeArgumentNeedsToBeConstant)
        stack = list(c.children)
        while stack:
            x = stack.pop()
            if x.type == "script_block_expression":
                bl, bc = self.pos(x)
                raise PSParseError("Attribute argument must be a constant.", bl, bc,
                                   "ParameterAttributeArgumentNeedsToBeConstant")
            stack.extend(x.children)
        holder = S.Param(p.name)
        self.param_attribute(c, holder)
        kinds = [at.name.lower().rsplit(".", 1)[-1].removesuffix("attribute") for at in holder.attributes]
        if any(k in ("parameter", "alias") for k in kinds):
            # [Parameter(...)] / [Alias(...)]: no effect on the class (5.1); a dynamicparam block that returns
            # an object of the class reads them (labkit.twin.dynamic_parameters)
            if len(kinds) != 1:
                raise self.unsupported(c, f"attribute {self.text(c)} on a class property")
            p.parameter.extend(holder.attributes)
            return
        if any(kind in ("allownull", "allowemptystring", "allowemptycollection") for kind, _ in holder.validate):
            raise self.unsupported(c, f"attribute {self.text(c)} on a class property")
        p.validate.extend(holder.validate)

    def class_method(self, k: tree_sitter.Node, class_name: str) -> S.MethodDef:
        line, col = self.pos(k)
        static, hidden = self._member_attributes(k)
        m = S.MethodDef("", None, static=static, line=line, col=col, hidden=hidden)
        for c in self.named(k):
            if c.type == "type_literal":
                m.return_type = self.type_name(c)
            elif c.type == "simple_name":
                m.name = self.text(c)
                m.name_at = self.pos(c)
            elif c.type == "class_method_parameter_list":
                for cp in self.named(c):
                    pl, pc = self.pos(cp)
                    prm = S.Param("", line=pl, col=pc)
                    for x in self.named(cp):
                        if x.type == "type_literal":
                            prm.type_name = self.type_name(x)
                        elif x.type == "variable":
                            prm.name = self.variable_name(x)[1]
                        else:
                            raise self.unsupported(x, f"{self.text(x)} on a method parameter")
                    m.params.append(prm)
            elif c.type == "class_method_base_ctor":
                args = [x for x in self.named(c) if x.type == "argument_list"]
                m.base_args = self.arguments(args[0]) if args else []
            elif c.type == "script_block":
                m.body = self.script(c)
        if m.body is None:
            m.body = S.Script(line=line, col=col)
        if m.return_type is None and m.name.lower() != class_name.lower():
            m.return_type = "void"
        return m

    def switch(self, n: tree_sitter.Node) -> S.Switch:
        """about_Switch: https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_switch?view=powershell-5.1"""
        line, col = self.pos(n)
        sw = S.Switch(None, [], line=line, col=col)
        for k in self.named(n):
            if k.type == "switch_parameters":
                for p in self.named(k):
                    flag = self.text(p).lower().lstrip("-")
                    if "regex".startswith(flag) and flag:
                        sw.mode = "regex"
                    elif "wildcard".startswith(flag) and flag:
                        sw.mode = "wildcard"
                    elif "exact".startswith(flag) and flag:
                        sw.mode = "exact"
                    elif "casesensitive".startswith(flag) and flag:
                        sw.case_sensitive = True
                    elif "file".startswith(flag) and flag:
                        raise self.unsupported(p, "switch -File")
                    elif "parallel".startswith(flag) and flag:
                        raise self.unsupported(p, "switch -Parallel")
                    else:
                        raise self.unsupported(p, f"switch parameter -{flag}")
            elif k.type == "switch_condition":
                inner = self.named(k)
                if any(c.type == "switch_filename" for c in inner):
                    raise self.unsupported(k, "switch -File")
                sw.subject = self.pipeline(inner[0]) if inner else S.Pipeline([])
            elif k.type == "switch_body":
                for clauses in self.named(k):
                    for cl in self.named(clauses):
                        ck = self.named(cl)
                        cond_node, body_node = ck[0], ck[-1]
                        body = self.block(body_node)
                        cond_kids = self.named(cond_node)
                        if not cond_kids:
                            word = self.text(cond_node)
                            if word.lower() == "default":
                                sw.default = body
                                continue
                            cond: Any = S.Const(self.bareword(word), line=line, col=col)
                        else:
                            c0 = cond_kids[0]
                            cond = S.Const(self.text(c0), line=line, col=col) if c0.type in ("generic_token", "simple_name") \
                                else self.expr(c0)
                        sw.clauses.append((cond, body))
        return sw

    def pipeline(self, n: tree_sitter.Node) -> Any:
        """A ``pipeline`` node: an assignment, or a pipeline chain (one or more stages)."""
        line, col = self.pos(n)
        if n.type in ("pipeline_chain",):
            return self.chain(n)
        if n.type != "pipeline":
            return self.statement(n)
        kids = self.named(n)
        if len(kids) == 1 and kids[0].type == "assignment_expression":
            return self.assignment(kids[0])
        if len(kids) == 1 and kids[0].type == "pipeline_chain":
            return self.chain(kids[0])
        if not kids:
            return S.Pipeline([], line=line, col=col)
        raise self.unsupported(kids[-1])

    def refuse_leading_pipes(self, n: tree_sitter.Node) -> None:
        """A line that starts with ``|`` (continuing the pipeline of the line above) is PowerShell 7 syntax;
        5.1's parser ends the statement at the line break and reports an empty pipe element."""
        prev = None
        for c in n.children:
            if c.type == "|" and prev is not None:
                gap = self.src[prev.end_byte:c.start_byte].decode("utf-8", "replace")
                gap = re.sub(r"`\r?\n", "", gap)
                gap = re.sub(r"#[^\n]*", "", gap)
                if "\n" in gap:
                    line, col = self.pos(c)
                    raise PSParseError(_EMPTY_PIPE, line, col, "EmptyPipeElement")
            prev = c

    def assignment(self, n: tree_sitter.Node) -> S.Assign:
        line, col = self.pos(n)
        kids = self.named(n)
        target = self.expr(self.named(kids[0])[0])
        op = self.text(kids[1])
        val_node = kids[2]
        if val_node.type == "assignment_value":
            inner = self.named(val_node)[0]
            value = self.chain(inner) if inner.type == "pipeline_chain" else self.pipeline(inner) if inner.type == "pipeline" else self.statement(inner)
        elif val_node.type == "assignment_expression":
            value = self.assignment(val_node)
        else:
            value = self.statement(val_node)
        if isinstance(target, S.Const) and isinstance(target.value, bool):
            # `$true = 1` is an assignment to a constant variable: a run-time VariableNotWritable error in 5.1
            target = S.Var(str(target.value).lower(), self.text(kids[0]).lstrip("$"), line=target.line, col=target.col)
        if isinstance(target, S.Const) and target.value is None:
            pass  # `$null = ...` discards the value
        elif isinstance(target, S.ArrayLiteral) and op == "=":
            # `$a, $b = 1, 2` (about_Assignment_Operators: assigning multiple variables)
            for item in target.items:
                if not isinstance(item, (S.Var, S.Member, S.Index, S.Cast, S.Paren)):
                    raise _invalid_left_hand_side(item.line, item.col)
                if not isinstance(item, (S.Var, S.Member, S.Index, S.Cast)):
                    raise self.unsupported(kids[0], "assignment to this kind of expression")
        elif isinstance(target, S.Paren):
            raise self.unsupported(kids[0], "assignment to this kind of expression")
        elif not isinstance(target, (S.Var, S.Member, S.Index, S.Cast)):
            # SemanticChecks.CheckAssignmentTarget (5.1): a constant, a call, `$a, $b += ...` take no assignment
            raise _invalid_left_hand_side(*self.pos(kids[0]))
        return S.Assign(target, op, value, line=line, col=col)

    def chain(self, n: tree_sitter.Node) -> S.Pipeline:
        line, col = self.pos(n)
        self.refuse_leading_pipes(n)
        stages = []
        for c in self.named(n):
            if c.type == "command":
                stages.append(self.command(c))
            elif c.type == "pipeline_chain_tail":
                raise self.unsupported(c)
            elif c.type == "redirections":
                # an expression's redirection: `4 > $null` discards it, `n>&1` changes nothing (an
                # expression writes to no other stream: its errors are terminating); `'text' > file`
                # runs the expression as a dot-sourced script block with the redirection
                reds = [self.redirection(r) for r in self.named(c)]
                if not stages:
                    raise self.unsupported(c, "redirection")
                last = stages[-1]
                if type(last) is S.Command:
                    last.redirects.extend(reds)
                    continue
                if all(r.merge and r.stream != "1" for r in reds):
                    continue
                if all(not r.merge and type(r.target) is S.Const and r.target.value is None for r in reds):
                    if any(r.stream in ("1", "*") for r in reds):
                        stages[-1] = S.Cast("void", last, line=last.line, col=last.col)
                    continue
                body = S.Script(body=S.Block([S.Pipeline([last], line=last.line, col=last.col)]), line=last.line, col=last.col)
                stages[-1] = S.Command(S.ScriptBlockLit(body, self.text(n), line=last.line, col=last.col), [], ".",
                                       self.text(n), line=last.line, col=last.col, redirects=reds)
            else:
                stages.append(self.expr(c))
        return S.Pipeline(stages, line=line, col=col)

    # -- commands ---------------------------------------------------------------------------
    def command(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        op = ""
        name: Any = None
        elements: list[Any] = []
        redirect_errors = False
        redirects: list[Any] = []
        for c in self.named(n):
            t = c.type
            if t == "command_invocation_operator":
                op = self.text(c)
            elif t == "command_name":
                name = self.text(c)
            elif t == "path_command_name":
                name = self.text(c)
            elif t == "command_name_expr":
                inner = self.named(c)
                if inner and inner[0].type in ("command_name", "path_command_name"):
                    name = self.text(inner[0])
                else:
                    name = self.expr(inner[0]) if inner else self.text(c)
            elif t == "command_elements":
                elements, redirect_errors, redirects = self.command_elements(c)
        if isinstance(name, str) and op and name.startswith("$") and re.fullmatch(r"\$[\w:]+", name):
            name = S.Var(name[1:].lower(), name[1:], line=line, col=col)
        elif isinstance(name, str) and op and re.fullmatch(r"\$\{[^{}]+\}", name):
            name = S.Var(name[2:-1].lower(), name[2:-1], line=line, col=col)    # `& ${function:f}`
        elif isinstance(name, str) and op and re.fullmatch(r"\$\w+(\.\w+)+", name):
            # `& $c.ScriptBlock`: the call operator takes a member of a variable (about_Operators, "Call operator &")
            first, *members = name[1:].split(".")
            target: Any = S.Var(first.lower(), first, line=line, col=col)
            for m in members:
                target = S.Member(target, m, line=line, col=col)
            name = target
        if isinstance(name, str):
            m = re.fullmatch(r"(-?\d+|\$[\w:]+)\.\.(-?\d+|\$[\w:]+)", name)
            if m and not elements:
                # tree-sitter-pwsh reads `1..$n` at the start of a pipeline as a command name
                return S.Binary("..", self._range_operand(m.group(1), line, col), self._range_operand(m.group(2), line, col),
                                line=line, col=col)
            if _NUMBER_START.match(name) and parse_number(name) is None:
                expr = self.expression_statement(n)
                if expr is not None:
                    return expr
            if name[:1] in "'\"" or name[:1] in "\u2018\u2019":
                raise self.unsupported(n, f"string used as a command name ({name})")
        return S.Command(name, elements, op, self.text(n), line=line, col=col, redirect_errors=redirect_errors,
                         redirects=redirects)

    def sub_expression(self, text: str, at: tree_sitter.Node) -> Any:
        """The expression ``text`` (which stood where ``at`` is), parsed on its own."""
        row, col = at.start_point
        src = ("\n" * row + " " * max(col - 1, 0) + "(" + text + ")").encode("utf-8")
        root = _PARSER.parse(src).root_node
        if root.has_error:
            _raise_parse_error(root, src)
        block = _Compiler(src).block(self.named(root)[0])
        st = block.statements[0] if len(block.statements) == 1 else None
        if type(st) is S.Pipeline and len(st.stages) == 1:
            return st.stages[0]
        raise self.unsupported(at, f"enum value {text}")

    def expression_statement(self, n: tree_sitter.Node) -> Any:
        """``3*4``, ``1/$a``, ``1.1d..3.9d``: a statement that starts with a number is an expression in
        PowerShell (about_Parsing, expression mode: "Numbers are treated as numerical values"
        https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_parsing?view=powershell-5.1),
        which tree-sitter-pwsh reads as a command name unless the number stands apart.  Parse the text
        again with the leading number in parentheses, on the same line and column."""
        text = self.text(n)
        m = _NUMBER_TOKEN.match(text)
        if not m or m.end() >= len(text) or text[m.end()].isalnum() or text[m.end()] in "_\\:":
            return None     # `7z`, `3rdparty.exe`: a command name, as in PowerShell
        row, col = n.start_point
        src = ("\n" * row + " " * col + "(" + m.group(0) + ")" + text[m.end():]).encode("utf-8")
        root = _PARSER.parse(src).root_node
        if root.has_error:
            return None
        try:
            block = _Compiler(src).block(self.named(root)[0])
        except UnsupportedConstruct:
            return None
        if len(block.statements) != 1:
            return None
        st = block.statements[0]
        if type(st) is S.Pipeline and len(st.stages) == 1 and type(st.stages[0]) is not S.Command:
            return st.stages[0]
        return None

    @staticmethod
    def _range_operand(text: str, line: int, col: int) -> Any:
        if text.startswith("$"):
            key = text[1:].lower()
            return S.Var(key, text[1:], line=line, col=col)
        return S.Const(int(text), line=line, col=col)

    def redirection(self, c: tree_sitter.Node) -> S.Redirect:
        """about_Redirection: https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_redirection?view=powershell-5.1"""
        line, col = self.pos(c)
        kids = self.named(c)
        op = self.text(kids[0]).replace(" ", "") if kids else self.text(c)
        m = re.fullmatch(r"([1-6*]?)(>>?)(&1)?", op)
        if m is None:
            raise self.unsupported(c, f"redirection {self.text(c)}")
        stream = m.group(1) or "1"
        if m.group(3):
            return S.Redirect(stream, merge=True, line=line, col=col)
        target_nodes = [x for x in kids[1:] if x.type == "redirected_file_name"]
        target: Any = None
        if target_nodes:
            inner = [x for x in self.named(target_nodes[0]) if x.type != "command_argument_sep"]
            if inner:
                target = self.arg(inner[0])
        if target is None:
            raise self.unsupported(c, f"redirection {self.text(c)} without a file name")
        return S.Redirect(stream, append=m.group(2) == ">>", target=target, line=line, col=col)

    def command_elements(self, n: tree_sitter.Node) -> tuple[list[Any], bool, list[Any]]:
        out: list[Any] = []
        redirects: list[Any] = []
        redirect_errors = False
        kids = list(n.children)
        i = 0
        pending_colon: S.CmdParam | None = None
        while i < len(kids):
            c = kids[i]
            t = c.type
            i += 1
            if t == "command_argument_sep":
                if ":" in self.text(c) and out and isinstance(out[-1], S.CmdParam) and not out[-1].colon:
                    pending_colon = out[-1]
                elif self.text(c).strip() == ":":
                    # `Write-Output :$AB`: a ':' that follows no parameter starts a bareword argument
                    # (about_Parsing: `CMD /CECHO :$AB` is the expandable string ':A B')
                    nxt = kids[i] if i < len(kids) else None
                    line, col = self.pos(c)
                    if nxt is not None and nxt.start_byte == c.end_byte and nxt.is_named and nxt.type not in (
                            "command_argument_sep", "command_parameter", "redirection", "comment"):
                        i += 1
                        value = self.arg(nxt)
                        out.append(S.Const(":" + value.value, line=line, col=col)
                                   if isinstance(value, S.Const) and isinstance(value.value, str)
                                   else S.ExpandString([":", value], line=line, col=col))
                    else:
                        out.append(S.Const(":", line=line, col=col))
                continue
            if t == "comment":
                continue
            if t == "command_parameter":
                text = self.text(c)
                line, col = self.pos(c)
                body = text.lstrip("-\u2013\u2014")
                colon = body.endswith(":")
                body = body.rstrip(":")
                num = parse_number(text)
                if num is not None and not colon:
                    out.append(S.Const(num, line=line, col=col))
                    continue
                p = S.CmdParam(body, None, False, text, line=line, col=col)
                out.append(p)
                if colon:
                    pending_colon = p
                continue
            if t == "redirection":
                rt = self.text(c).replace(" ", "").lower()
                if rt == "2>$null":
                    redirect_errors = True
                    continue
                redirects.append(self.redirection(c))
                continue
            if t == "stop_parsing":
                raise self.unsupported(c)
            if not c.is_named:
                if self.text(c).strip() in ("", ","):
                    continue
                raise self.unsupported(c, f"token {self.text(c)!r} in a command")
            if t == "argument_list" and i >= 2 and kids[i - 2].end_byte == c.start_byte:
                # `-End (Get-Date).AddDays(1)`: tree-sitter-pwsh ends the member access before its parentheses;
                # 5.1 reads the argument as one method call (about_Parsing, argument mode: an argument that
                # starts with a variable or parentheses is an expression)
                last = pending_colon if pending_colon is not None else (out[-1] if out else None)
                target = last.value if isinstance(last, S.CmdParam) and last.colon else last
                if isinstance(target, S.Member):
                    call = S.Invoke(target.obj, target.name, self.arguments(c), target.static, line=target.line, col=target.col)
                    if isinstance(last, S.CmdParam):
                        last.value = call
                    else:
                        out[-1] = call
                    continue
            value = self.arg(c)
            if pending_colon is not None:
                pending_colon.value, pending_colon.colon = value, True
                pending_colon = None
                continue
            out.append(value)
        return out, redirect_errors, redirects

    def arg(self, c: tree_sitter.Node) -> Any:
        t = c.type
        line, col = self.pos(c)
        if t == "generic_token":
            return S.Const(self.bareword(self.text(c)), line=line, col=col)
        if t == "bareword_argument_list":
            return S.ArrayLiteral([self.arg(x) for x in self.named(c)], line=line, col=col)
        if t == "argument_list":
            # `New-Object T('a', 'b')`: a parenthesized expression right after a bareword is an argument of its own
            # (about_Parsing, argument mode); tree-sitter-pwsh reads it as a method call's argument list
            values = self.arguments(c)
            if not values:
                raise self.unsupported(c, "an empty '()' argument")
            return values[0] if len(values) == 1 else S.ArrayLiteral(values, line=line, col=col)
        if t == "expandable_bareword":
            # `$a+2`: a variable followed at once by more characters is one expandable argument, "4+2" (about_Parsing,
            # 5.1, "Examples"; tokenizer.cs ScanVariable goes on with ScanGenericToken in command mode)
            return self.expandable_bareword(c)
        if t == "concatenated_command_argument":
            return self.concatenated_argument(c)
        if t == "verbatim_command_argument":
            raise self.unsupported(c)
        if self.bracket_bareword(c):
            return S.Const(self.text(c), line=line, col=col)
        if t == "array_literal_expression" and any(self.bracket_bareword(k) for k in self.named(c)):
            return S.ArrayLiteral([S.Const(self.text(k), line=line, col=col) if self.bracket_bareword(k) else self.arg(k)
                                   for k in self.named(c)], line=line, col=col)
        inner = self.unwrap(c)
        if inner.type == "variable" and self.text(inner).startswith("@"):
            # `@params`: splatting (about_Splatting)
            name = self.text(inner)[1:]
            return S.Splat(name.lower(), line=line, col=col)
        return self.expr(c)

    def expandable_bareword(self, c: tree_sitter.Node) -> Any:
        line, col = self.pos(c)
        parts: list[Any] = []
        pos = c.start_byte
        for k in c.named_children:
            if k.type not in ("variable", "sub_expression"):
                continue
            if k.start_byte > pos:
                parts.append(self.src[pos:k.start_byte].decode("utf-8"))
            parts.append(self.expr(k))
            pos = k.end_byte
        if c.end_byte > pos:
            parts.append(self.src[pos:c.end_byte].decode("utf-8"))
        if all(isinstance(p, str) for p in parts):
            return S.Const("".join(parts), line=line, col=col)
        return S.ExpandString(parts, line=line, col=col)

    def concatenated_argument(self, c: tree_sitter.Node) -> Any:
        """``C:\\$name\\file$n.txt``: a bareword argument holding variables or ``$( )`` is an expandable
        string (about_Parsing, argument mode: "an argument that ... contains a variable ... is
        treated as an expandable string",
        https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_parsing)."""
        line, col = self.pos(c)
        parts: list[Any] = []
        for k in c.children:
            if k.type == "generic_token":
                parts.append(self.text(k))
            elif k.type in ("variable", "sub_expression"):
                parts.append(self.expr(k))
            else:
                raise self.unsupported(k, f"{_words(k.type)} inside a bareword argument")
        return S.ExpandString(parts, line=line, col=col)

    def bracket_bareword(self, c: tree_sitter.Node) -> bool:
        """``Write-Output [int]``: in argument mode '[' starts a generic token (5.1's tokenizer: ScanGenericToken('[')
        in command mode), so ``[int]``, ``[int]::MaxValue`` or ``[a].txt`` is the string itself, not a type
        (about_Parsing, argument mode: only $ @ ' " ( { and , start something else)."""
        text = self.text(c)
        if not text.startswith("[") or any(ch.isspace() or ch in "$@'\"`" for ch in text):
            return False
        k = c
        while k.named_child_count and k.type != "type_literal":
            k = k.named_children[0]
        return k.type == "type_literal" and k.start_byte == c.start_byte

    @staticmethod
    def bareword(text: str) -> Any:
        n = parse_number(text)
        return n if n is not None else text

    # -- expressions ----------------------------------------------------------------------------
    def expr(self, n: tree_sitter.Node) -> Any:
        t = n.type
        fn = _EXPR.get(t)
        if fn is None:
            if t.endswith("_argument_expression") and t != "argument_expression":
                fn = _EXPR.get(t.replace("_argument_expression", "_expression"))
            if fn is None:
                raise self.unsupported(n)
        return fn(self, n)

    def e_passthrough(self, n: tree_sitter.Node) -> Any:
        kids = self.named(n)
        if len(kids) != 1:
            raise self.unsupported(n)
        return self.expr(kids[0])

    def e_variable(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        key, display = self.variable_name(n)
        if key == "true":
            return S.Const(True, line=line, col=col)
        if key == "false":
            return S.Const(False, line=line, col=col)
        if key == "null":
            return S.Const(None, line=line, col=col)
        m = _SCOPE_PREFIX.match(self.text(n).lstrip())
        return S.Var(key, display, line=line, col=col, scope=m.group(1).lower() if m else "")

    def variable_name(self, n: tree_sitter.Node) -> tuple[str, str]:
        text = self.text(n).lstrip()      # (a here-string line's variable node starts with the line break)
        if text.startswith("@"):
            raise self.unsupported(n, f"splatting ({text})")
        body = text[1:]
        if body.startswith("{") and body.endswith("}"):
            body = body[1:-1]
        display = body
        low = body.lower()
        for prefix in ("script:", "global:", "local:", "private:", "using:"):
            if low.startswith(prefix):
                if prefix == "using:":
                    raise self.unsupported(n, "$using: variable")
                low = low[len(prefix):]
                display = display[len(prefix):]
                break
        if low.startswith("variable:") and len(low) > 9:
            # the Variable: drive names the variable itself (about_Variable_Provider, 5.1: $Variable:x is $x)
            low, display = low[9:], display[9:]
        if low == "psitem":
            low = "_"
        return low, display

    def e_integer(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        text = self.text(n)
        if _SUFFIX_7.search(text) and not text.lower().startswith("0x") or _HEX_SUFFIX_7.fullmatch(text):
            # 5.1's integer suffix is l alone (about_Numeric_Literals 5.1: l, kb..pb); u, ul, n, s, y, uy, us
            # came with PowerShell 6.2/7.  5.1 reads 34uy as a bareword: a string argument to a command,
            # or a command name where an expression stands.
            p = n.parent
            while p is not None and p.type in ("integer_literal", "unary_expression"):
                p = p.parent
            if p is not None and p.type == "command_elements":
                return S.Const(text, line=line, col=col)
            return S.Paren(S.Pipeline([S.Command(text, [], "", text, line=line, col=col)], line=line, col=col), line=line, col=col)
        val = integer_literal(text)       # labkit.twin.number_literals: 5.1's types (4d is a Decimal, 2147483648 an Int64)
        if val is None:
            return self.bad_number(n, text, line, col)
        return S.Const(val, line=line, col=col)

    def e_real(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        val = real_literal(self.text(n))    # 1.5kb is a Double, 1.30Dmb a Decimal, 1.2L an Int64 (about_Numeric_Literals)
        if val is None:
            return self.bad_number(n, self.text(n), line, col)
        return S.Const(val, line=line, col=col)

    def bad_number(self, n: tree_sitter.Node, text: str, line: int, col: int) -> Any:
        """A number its type cannot hold (1e400, 9223372036854775808L, 1e400d): 5.1's tokenizer reads it as a bareword
        in a command's arguments and reports BadNumericConstant, after the token, where an expression stands
        (ScanNumber; ParserStrings.resx BadNumericConstant)."""
        p = n.parent
        while p is not None and p.type in ("integer_literal", "unary_expression"):
            p = p.parent
        if p is not None and p.type == "command_elements":
            return S.Const(text, line=line, col=col)
        raise PSParseError(f"The numeric constant {text} is not valid.", line, col + len(text), "BadNumericConstant")

    def e_string(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        kids = self.named(n)
        text = self.text(n)
        kind = kids[0].type if kids else ("verbatim_string_characters" if text.startswith("'") else "expandable_string_literal")
        if kind == "verbatim_string_characters":
            return S.Const(text[1:-1].replace("''", "'"), line=line, col=col)
        if kind == "verbatim_here_string_characters":
            return S.Const(self.here_body(text), line=line, col=col)
        inner = kids[0] if kids else n
        here = kind == "expandable_here_string_literal"
        return self.expandable(inner, here, line, col)

    @staticmethod
    def here_body(text: str) -> str:
        body = text[2:-2]
        if body.startswith("\r\n"):
            body = body[2:]
        elif body.startswith("\n"):
            body = body[1:]
        if body.endswith("\r\n"):
            body = body[:-2]
        elif body.endswith("\n"):
            body = body[:-1]
        return body

    def expandable(self, n: tree_sitter.Node, here: bool, line: int, col: int) -> Any:
        start, end = n.start_byte, n.end_byte
        # delimiters
        if here:
            raw = self.src[start:end].decode("utf-8")
            open_len = 2 + (2 if raw[2:4] == "\r\n" else 1 if raw[2:3] == "\n" else 0)
            close_len = 2 + (2 if raw[:-2].endswith("\r\n") else 1 if raw[:-2].endswith("\n") else 0)
        else:
            open_len, close_len = 1, 1
        pos = start + len(self.src[start:end].decode("utf-8")[:open_len].encode("utf-8"))
        stop = end - len(self.src[start:end].decode("utf-8")[-close_len:].encode("utf-8"))
        parts: list[Any] = []
        for c in self.named(n):
            if c.type not in ("variable", "sub_expression"):
                continue
            # at a here-string line's start tree-sitter's variable node holds the line break before the `$`
            node_bytes = self.src[c.start_byte:c.end_byte]
            begin = c.start_byte + len(node_bytes) - len(node_bytes.lstrip())
            ticks = len(self.src[pos:begin]) - len(self.src[pos:begin].rstrip(b"`"))
            if ticks % 2:
                continue      # `$x: an escaped dollar tree-sitter read as a variable (a here-string line's start)
            if begin > pos:
                parts.append(self.unescape(self.src[pos:begin].decode("utf-8"), here))
            parts.append(self.expr(c))
            pos = c.end_byte
        if stop > pos:
            parts.append(self.unescape(self.src[pos:stop].decode("utf-8"), here))
        if all(isinstance(p, str) for p in parts):
            return S.Const("".join(parts), line=line, col=col)
        return S.ExpandString(parts, line=line, col=col)

    @staticmethod
    def unescape(s: str, here: bool) -> str:
        if "`" not in s and ('""' not in s or here):
            return s
        out = []
        i = 0
        while i < len(s):
            ch = s[i]
            if ch == "`" and i + 1 < len(s):
                nx = s[i + 1]
                out.append(_ESCAPES.get(nx, nx))
                i += 2
                continue
            if ch == '"' and not here and i + 1 < len(s) and s[i + 1] == '"':
                out.append('"')
                i += 2
                continue
            out.append(ch)
            i += 1
        return "".join(out)

    def e_sub(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        lists = [c for c in self.named(n) if c.type == "statement_list"]
        return S.SubExpr(self.block(lists[0]) if lists else S.Block([]), line=line, col=col)

    def e_array_expr(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        lists = [c for c in self.named(n) if c.type == "statement_list"]
        return S.ArrayExpr(self.block(lists[0]) if lists else S.Block([]), line=line, col=col)

    def e_paren(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        kids = self.named(n)
        return S.Paren(self.pipeline(kids[0]) if kids else S.Pipeline([]), line=line, col=col)

    def e_array_literal(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        return S.ArrayLiteral([self.expr(c) for c in self.named(n)], line=line, col=col)

    def e_hash(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        entries = []
        for body in self.named(n):
            for he in self.named(body):
                if he.type != "hash_entry":
                    continue
                k, v = self.named(he)[0], self.named(he)[-1]
                kk = self.named(k)[0] if self.named(k) else k
                key = S.Const(self.text(kk)) if kk.type == "simple_name" else self.expr(kk)
                val = self.pipeline(v) if v.type == "pipeline" else self.statement(v)
                entries.append((key, val))
        return S.HashLit(entries, line=line, col=col)

    def e_script_block(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        text = self.text(n)
        # tree-sitter-pwsh puts a one-line `{ param(...) body }`'s param_block beside the script_block
        sc = self.script(n)
        sc.source = Source(self.src, n.start_byte, n.end_byte, "scriptblock")
        return S.ScriptBlockLit(sc, text[1:-1] if text.startswith("{") else text, line=line, col=col)

    def member_name(self, n: tree_sitter.Node) -> Any:
        kids = self.named(n)
        if kids and kids[0].type == "simple_name":
            return self.text(kids[0])
        if kids:
            e = self.expr(kids[0])
            return e.value if isinstance(e, S.Const) and isinstance(e.value, str) else e
        return self.text(n)

    def e_member(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        kids = self.named(n)
        static = any(self.text(c) == "::" for c in n.children if not c.is_named)
        obj = self.type_lit(kids[0]) if kids[0].type == "type_literal" else self.expr(kids[0])
        return S.Member(obj, self.member_name(kids[1]), static, line=line, col=col)

    def e_invocation(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        kids = self.named(n)
        if len(kids) == 1 and kids[0].type in ("invocation_where_expression", "invocation_foreach_expression"):
            inner = kids[0]
            ik = self.named(inner)
            target = self.expr(ik[0])
            method = "Where" if inner.type == "invocation_where_expression" else "ForEach"
            return S.Invoke(target, method, self.arguments(ik[-1]), False, line=line, col=col)
        static = any(self.text(c) == "::" for c in n.children if not c.is_named)
        obj = self.type_lit(kids[0]) if kids[0].type == "type_literal" else self.expr(kids[0])
        name = self.member_name(kids[1])
        args = self.arguments(kids[2]) if len(kids) > 2 else []
        return S.Invoke(obj, name, args, static, line=line, col=col)

    def arguments(self, n: tree_sitter.Node) -> list[Any]:
        if n.type == "script_block_expression":
            return [self.expr(n)]
        out = []
        for c in self.named(n):
            if c.type == "argument_expression_list":
                for a in self.named(c):
                    out.append(self.expr(self.named(a)[0]) if a.type == "argument_expression" else self.expr(a))
            else:
                out.append(self.expr(c))
        return out

    def e_element(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        kids = self.named(n)
        return S.Index(self.expr(kids[0]), self.expr(kids[1]), line=line, col=col)

    def type_name(self, n: tree_sitter.Node) -> str:
        text = self.text(n).strip()
        if text.startswith("[") and text.endswith("]"):
            text = text[1:-1].strip()
        return text

    def type_lit(self, n: tree_sitter.Node) -> S.TypeLit:
        line, col = self.pos(n)
        return S.TypeLit(self.type_name(n), line=line, col=col)

    def e_type_literal(self, n: tree_sitter.Node) -> Any:
        return self.type_lit(n)

    def e_cast(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        kids = self.named(n)
        return S.Cast(self.type_name(kids[0]), self.expr(kids[1]), line=line, col=col)

    def e_unary_op(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        kids = self.named(n)
        first = n.children[0]
        if first.is_named:
            return self.expr(first) if len(kids) == 1 else self.e_passthrough(n)
        op = self.text(first).lower()
        if op in ("-", "\u2013", "\u2014"):
            op = "-"
        if op not in ("-not", "!", "-", "+", ",", "-bnot", "-split", "-join"):
            raise self.unsupported(n, f"unary operator {op}")
        operand = self.expr(kids[0])
        if op in ("-", "+") and isinstance(operand, S.Var) and first.end_byte == kids[0].start_byte \
                and self._in_command_arguments(n):
            # a command argument such as +$name (`-ErrorVariable +$name`): 5.1's tokenizer reads it in command mode as
            # a generic token, an expandable string ("+a"), not a unary operator (about_Parsing, argument mode)
            return S.ExpandString([self.text(first), operand], line=line, col=col)
        if op == "-" and isinstance(operand, S.Const) and isinstance(operand.value, (int, float)) and not isinstance(operand.value, bool):
            return S.Const(-operand.value, line=line, col=col)
        return S.Unary(op, operand, line=line, col=col)

    @staticmethod
    def _in_command_arguments(n: tree_sitter.Node) -> bool:
        """Whether ``n`` is one whole argument of a command (not part of an expression in it)."""
        p = n.parent
        while p is not None and p.type == "unary_expression":
            p = p.parent
        return p is not None and p.type == "command_elements"

    def e_binary(self, n: tree_sitter.Node) -> Any:
        # A chain such as a 500-term sum nests one node per operator on the left:
        # walk down that spine in a loop, not by recursion.
        spine: list[tuple[tree_sitter.Node, str, tree_sitter.Node]] = []
        while n.type.replace("_argument_expression", "_expression") in _BINARY_TYPES:
            kids = self.named(n)
            ops = [c for c in n.children if c.type in ("comparison_operator", "format_operator") or not c.is_named]
            if len(kids) < 2 or not ops:
                break
            op = self.text(ops[0]).lower().replace("\u2013", "-")
            if ops[0].start_byte in self.case_ins and op in ("-in", "-notin"):
                op = "-c" + op[1:]      # written -cin / -cnotin (grammar_gaps)
            if op not in _BINARY_OPS:
                raise self.unsupported(n, f"operator {op}")
            spine.append((n, op, kids[-1]))
            n = kids[0]
        left = self.e_passthrough(n) if n.type.replace("_argument_expression", "_expression") in _BINARY_TYPES else self.expr(n)
        for node, op, right in reversed(spine):
            line, col = self.pos(node)
            left = S.Binary(op, left, self.expr(right), line=line, col=col)
        return left

    def e_incdec(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        kids = self.named(n)
        delta = 1 if "increment" in n.type else -1
        return S.IncDec(self.expr(kids[0]), delta, n.type.startswith("pre_"), line=line, col=col)

    def e_range(self, n: tree_sitter.Node) -> Any:
        line, col = self.pos(n)
        kids = self.named(n)
        return S.Binary("..", self.expr(kids[0]), self.expr(kids[-1]), line=line, col=col)


_SCOPE_PREFIX = re.compile(r"(?i)\$\{?(global|script|local|private):")
_NUMBER_START = re.compile(r"[0-9]|\.[0-9]")
_SUFFIX_7 = re.compile(r"(?i)[0-9](u|ul|lu|n|s|y|uy|us)(kb|mb|gb|tb|pb)?$")
_HEX_SUFFIX_7 = re.compile(r"(?i)0x[0-9a-f]+(u|ul|lu|n|s|y|uy|us)(kb|mb|gb|tb|pb)?")   # 0xFFy: a bareword in 5.1 too
_NUMBER_TOKEN = re.compile(r"(?i)(0x[0-9a-f]+l?|(\d+(?:\.(?!\.)\d*)?|\.\d+)(e[+-]?\d+)?(d|l|u|ul|lu|uy|us|y|s|n)?)(kb|mb|gb|tb|pb)?")

_BINARY_TYPES = frozenset({"logical_expression", "bitwise_expression", "comparison_expression", "additive_expression",
                           "multiplicative_expression", "format_expression"})

_NAMED_BLOCKS = ("begin", "process", "end")


def _top_named_blocks(sc: S.Script, src: bytes) -> None:
    """A script that starts with ``begin { }``, ``process { }`` or ``end { }`` has those named blocks, as a script
    block does (about_Functions_Advanced_Methods; a script file is a script block); tree-sitter-pwsh reads them at
    the top of a file as commands taking a script block. Anything else after them is 5.1's UnexpectedToken parse
    error (Parser.cs of 5.1's time, CompleteScriptBlockBody: "ErrorRecovery: eat the unexpected token")."""
    blocks: dict[str, S.Block] = {}
    for st in sc.body.statements:
        cmd = st.stages[0] if type(st) is S.Pipeline and st.stages else None
        block = (type(cmd) is S.Command and isinstance(cmd.name, str) and cmd.name.lower() in _NAMED_BLOCKS
                 and not cmd.invoke_op and bool(cmd.elements) and type(cmd.elements[0]) is S.ScriptBlockLit)
        if not blocks and not block:
            return        # statements first: a later `begin` is a command's name
        if not block or cmd.name.lower() in blocks:
            _unexpected(src, st)
        blocks[cmd.name.lower()] = cmd.elements[0].script.body
        rest = list(cmd.elements[1:])
        while len(rest) >= 2 and type(rest[0]) is S.Const and isinstance(rest[0].value, str) \
                and rest[0].value.lower() in _NAMED_BLOCKS and rest[0].value.lower() not in blocks \
                and type(rest[1]) is S.ScriptBlockLit:     # `begin { } process { }` on one line
            blocks[rest[0].value.lower()] = rest[1].script.body
            rest = rest[2:]
        rest += st.stages[1:]
        if rest or cmd.redirects or cmd.redirect_errors:
            _unexpected(src, rest[0] if rest else cmd)
    if not blocks:
        return
    for kind, body in blocks.items():
        setattr(sc, kind, body)
    sc.body = S.Block([])


def _unexpected(src: bytes, node: Any) -> None:
    """5.1's UnexpectedToken parse error at ``node``'s first token."""
    line, col = getattr(node, "line", 0), getattr(node, "col", 0)
    lines = src.decode("utf-8", "replace").splitlines()
    text = lines[line - 1][col - 1:] if 0 < line <= len(lines) else ""
    token = re.match(r"[^\s;|]+", text)
    raise PSParseError(f"Unexpected token '{token.group(0) if token else ''}' in expression or statement.",
                       line, col, "UnexpectedToken")


def _replace_at(tree: Any, pos: tuple[int, int], new: Any) -> Any:
    """``tree`` with the node written at ``pos`` (line, col) on its right-hand spine replaced by ``new``."""
    if (getattr(tree, "line", None), getattr(tree, "col", None)) == pos and isinstance(tree, S.ArrayLiteral):
        return new
    for attr in ("right", "expr"):
        if hasattr(tree, attr):
            setattr(tree, attr, _replace_at(getattr(tree, attr), pos, new))
            break
    return tree


_BINARY_OPS = {
    "+", "-", "*", "/", "%", "-and", "-or", "-xor", "-band", "-bor", "-bxor", "-shl", "-shr", "-f", "..",
    "-eq", "-ne", "-gt", "-ge", "-lt", "-le", "-like", "-notlike", "-match", "-notmatch", "-in", "-notin",
    "-contains", "-notcontains", "-replace", "-split", "-join", "-is", "-isnot", "-as",
    "-ieq", "-ine", "-igt", "-ige", "-ilt", "-ile", "-ilike", "-inotlike", "-imatch", "-inotmatch", "-iin", "-inotin",
    "-icontains", "-inotcontains", "-ireplace", "-isplit",
    "-ceq", "-cne", "-cgt", "-cge", "-clt", "-cle", "-clike", "-cnotlike", "-cmatch", "-cnotmatch", "-cin", "-cnotin",
    "-ccontains", "-cnotcontains", "-creplace", "-csplit",
}


_EXPR: dict[str, Callable[[_Compiler, tree_sitter.Node], Any]] = {
    "unary_expression": _Compiler.e_passthrough,
    "argument_expression": _Compiler.e_passthrough,
    "key_expression": _Compiler.e_passthrough,
    "variable": _Compiler.e_variable,
    "integer_literal": _Compiler.e_passthrough,
    "decimal_integer_literal": _Compiler.e_integer,
    "hexadecimal_integer_literal": _Compiler.e_integer,
    "real_literal": _Compiler.e_real,
    "string_literal": _Compiler.e_string,
    "sub_expression": _Compiler.e_sub,
    "array_expression": _Compiler.e_array_expr,
    "parenthesized_expression": _Compiler.e_paren,
    "array_literal_expression": _Compiler.e_array_literal,
    "hash_literal_expression": _Compiler.e_hash,
    "script_block_expression": _Compiler.e_script_block,
    "member_access": _Compiler.e_member,
    "invocation_expression": _Compiler.e_invocation,
    "element_access": _Compiler.e_element,
    "type_literal": _Compiler.e_type_literal,
    "cast_expression": _Compiler.e_cast,
    "expression_with_unary_operator": _Compiler.e_unary_op,
    "logical_expression": _Compiler.e_binary,
    "bitwise_expression": _Compiler.e_binary,
    "comparison_expression": _Compiler.e_binary,
    "additive_expression": _Compiler.e_binary,
    "multiplicative_expression": _Compiler.e_binary,
    "format_expression": _Compiler.e_binary,
    "range_expression": _Compiler.e_range,
    "post_increment_expression": _Compiler.e_incdec,
    "post_decrement_expression": _Compiler.e_incdec,
    "pre_increment_expression": _Compiler.e_incdec,
    "pre_decrement_expression": _Compiler.e_incdec,
}
