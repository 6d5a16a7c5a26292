"""Comment-based help: which comments are a function's or a script's help, and what they say.

Windows PowerShell 5.1 finds the help comment of a command by re-reading the tokens of the
script that defined it (``HelpCommentsParser.GetHelpCommentTokens``):

- a function: the comment block that ends at most one blank line before the ``function``
  keyword; else the first help block at the top of the body; else the block just before the
  body's closing brace;
- a script: the first help block at the top of the file, unless the file's first statement is
  a function that starts at most one blank line after it (then the block is that function's);
  else the block just before the end of the file;
- a script block made a function (``Set-Item function:f -Value {...}``): 5.1 starts its scan at
  the token *before* the opening brace, so only the block before the closing brace counts
  (PowerShell fixed this in 6.2, PowerShell/PowerShell#8238; the twin is 5.1).

A block is help when every non-blank line is a directive (``.SYNOPSIS``, ``.PARAMETER Name`` ...)
or the text of one (``AnalyzeCommentBlock``); an unknown directive makes it no help at all.
Each section's text loses as much leading white space as its first line has (``GetSection``).
A parameter's description can also be the comments just before it, inside it or right after it
in the ``param()`` block (``GetParameterComments``).

Sources: about_Comment_Based_Help (5.1),
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_comment_based_help?view=powershell-5.1 ;
PowerShell's ``src/System.Management.Automation/help/HelpCommentsParser.cs`` at commit 237ccbd (still 5.1's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional

import tree_sitter
import tree_sitter_pwsh

_PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_pwsh.language()))

DIRECTIVE = re.compile(r"^\s*\.(\w+)(\s+(\S.*))?\s*$")
BLANK = re.compile(r"^\s*$")
PROXIMITY = 2          # HelpCommentsParser.CommentBlockProximity
_NBSP = "\u00a0"
# Tokens tree-sitter-pwsh splits that are one token to PowerShell's tokenizer.
_ATOMIC = frozenset({"string_literal", "comment"})


@dataclass(frozen=True, slots=True)
class Source:
    """Where a function, script or script block was written: the whole text it was parsed from and
    its byte range (what PowerShell keeps as the Ast's extent)."""

    text: bytes
    start: int
    end: int
    kind: str          # "function", "script" or "scriptblock"
    file: str = ""     # the script file's path, when it came from one


@dataclass(slots=True)
class Token:
    comment: bool
    start_line: int
    end_line: int
    text: str
    start: int
    end: int


@dataclass
class CommentHelp:
    """The sections of a help comment (System.Management.Automation.Language.CommentHelpInfo)."""

    synopsis: Optional[str] = None
    description: Optional[str] = None
    notes: Optional[str] = None
    examples: list[str] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    component: Optional[str] = None
    role: Optional[str] = None
    functionality: Optional[str] = None
    parameters: dict[str, str] = field(default_factory=dict)     # upper-case name -> text
    forward_target: Optional[str] = None
    forward_category: Optional[str] = None
    remote_runspace: Optional[str] = None
    external_help: Optional[str] = None
    comment_count: int = 0                                     # comment tokens in the block
    parameter_comments: list[str] = field(default_factory=list)  # per parameter of param(), in order


# -- tokens --------------------------------------------------------------------------------------

@lru_cache(maxsize=32)
def _tokens_and_tree(text: bytes) -> tuple[list[Token], Any]:
    tree = _PARSER.parse(text)
    out: list[Token] = []
    stack = [tree.root_node]
    while stack:
        n = stack.pop()
        if n.type in _ATOMIC or n.type == "requires_statement" or n.child_count == 0:
            if n.end_byte > n.start_byte:
                # #requires is a comment token to PowerShell's tokenizer
                out.append(Token(n.type in ("comment", "requires_statement"), n.start_point[0] + 1, n.end_point[0] + 1,
                                 text[n.start_byte:n.end_byte].decode("utf-8", "replace"), n.start_byte, n.end_byte))
            continue
        stack.extend(reversed(n.children))
    out.sort(key=lambda t: t.start)
    last_line = text.count(b"\n") + 1
    out.append(Token(False, last_line, last_line, "", len(text), len(text)))   # end of input
    return out, tree


def _first_in(tokens: list[Token], start: int, begin: int = 0) -> int:
    """FirstTokenInExtent: the first token not before the extent."""
    i = begin
    while i < len(tokens) and tokens[i].end <= start and tokens[i].start < start:
        i += 1
    return i


def _last_in(tokens: list[Token], end: int, begin: int) -> int:
    """LastTokenInExtent: the last token not after the extent."""
    i = begin
    while i < len(tokens) and tokens[i].start < end:
        i += 1
    return i - 1


def _comment_block(tokens: list[Token], start: int) -> tuple[list[Token], int]:
    """GetCommentBlock: the comments from ``start`` on, each on the line its predecessor ends on or the next."""
    result: list[Token] = []
    next_max = 1 << 31
    i = start
    while i < len(tokens):
        t = tokens[i]
        if t.start_line > next_max:
            return result, i
        if t.comment:
            result.append(t)
            next_max = t.end_line + 1
        else:
            return result, i
        i += 1
    return result, i


def _preceding_block(tokens: list[Token], index: int, proximity: int) -> list[Token]:
    """GetPrecedingCommentBlock: the comments before token ``index`` that end within ``proximity`` lines of it."""
    result: list[Token] = []
    if index >= len(tokens):
        return result
    min_end = tokens[index].start_line - proximity
    for i in range(index - 1, -1, -1):
        t = tokens[i]
        if t.end_line < min_end:
            break
        if not t.comment:
            break
        result.append(t)
        min_end = t.start_line - 1
    result.reverse()
    return result


# -- comment text ------------------------------------------------------------------------------

def comment_lines(text: str) -> list[str]:
    """CollectCommentText: a block comment's lines without ``<#`` ``#>``; a line comment without its leading ``#``s."""
    if text.startswith("<#"):
        inner = text[2:-2] if text.endswith("#>") else text[2:]
        return re.split(r"\r\n|\r|\n", inner)
    return [text.lstrip("#").rstrip("\r")]


def _section(lines: list[str], i: int) -> tuple[str, int]:
    """GetSection: the text after line ``i`` up to the next directive, and the index of its last line."""
    capturing = False
    indent = 0
    parts: list[str] = []
    i += 1
    while i < len(lines):
        line = lines[i]
        if not capturing and BLANK.match(line):
            i += 1
            continue
        if DIRECTIVE.match(line):
            i -= 1
            break
        if not capturing:
            indent = len(line) - len(line.lstrip(" \t" + _NBSP))
        capturing = True
        start = 0
        while start < len(line) and start < indent and line[start] in " \t" + _NBSP:
            start += 1
        parts.append(line[start:] + "\n")
        i += 1
    return "".join(parts), min(i, len(lines) - 1) if i >= len(lines) else i


def analyze(lines: list[str]) -> Optional[CommentHelp]:
    """AnalyzeCommentBlock: the help in these comment lines, or None when they are not a help comment."""
    h = CommentHelp()
    found = False
    i = 0
    while i < len(lines):
        m = DIRECTIVE.match(lines[i])
        if m:
            found = True
            key = m.group(1).upper()
            if m.group(3) is not None:
                arg = m.group(3).strip()
                if key == "PARAMETER":
                    text, i = _section(lines, i)
                    h.parameters.setdefault(arg.upper(), text)
                elif key == "FORWARDHELPTARGETNAME":
                    h.forward_target = arg
                elif key == "FORWARDHELPCATEGORY":
                    h.forward_category = arg
                elif key == "REMOTEHELPRUNSPACE":
                    h.remote_runspace = arg
                elif key == "EXTERNALHELP":
                    h.external_help = arg
                else:
                    return None
            else:
                if key not in ("SYNOPSIS", "DESCRIPTION", "NOTES", "LINK", "EXAMPLE", "INPUTS", "OUTPUTS", "COMPONENT", "ROLE",
                               "FUNCTIONALITY"):
                    return None
                text, i = _section(lines, i)
                if key == "SYNOPSIS":
                    h.synopsis = text
                elif key == "DESCRIPTION":
                    h.description = text
                elif key == "NOTES":
                    h.notes = text
                elif key == "LINK":
                    h.links.append(text.strip())
                elif key == "EXAMPLE":
                    h.examples.append(text)
                elif key == "INPUTS":
                    h.inputs.append(text)
                elif key == "OUTPUTS":
                    h.outputs.append(text)
                elif key == "COMPONENT":
                    h.component = text.strip()
                elif key == "ROLE":
                    h.role = text.strip()
                else:
                    h.functionality = text.strip()
        elif not BLANK.match(lines[i]):
            return None
        i += 1
    return h if found else None


def _is_help(block: list[Token]) -> Optional[CommentHelp]:
    if not block:
        return None
    lines = [line for t in block for line in comment_lines(t.text)]
    h = analyze(lines)
    if h is not None:
        h.comment_count = len(block)
    return h


# -- which comments ------------------------------------------------------------------------------

def _node_at(tree: Any, start: int, end: int, types: tuple[str, ...]) -> Any:
    n = tree.root_node.descendant_for_byte_range(start, max(start, end - 1))
    while n is not None and not (n.type in types and n.start_byte == start):
        n = n.parent
    return n


def _parameter_nodes(node: Any) -> list[Any]:
    """The script_parameter nodes of a function's, script's or script block's own param() (not nested ones)."""
    out: list[Any] = []
    todo = [node]
    while todo:
        n = todo.pop(0)
        for c in n.children:
            if c.type in ("param_block", "function_parameter_declaration"):
                for pl in c.children:
                    if pl.type == "parameter_list":
                        out += [p for p in pl.children if p.type == "script_parameter"]
                return out
            if c.type in ("script_block", "script_block_body", "ERROR"):
                todo.append(c)
    return out


def _parameter_comments(tokens: list[Token], params: list[Any]) -> list[str]:
    """GetParameterComments: each parameter's description from the comments before, inside and right after it."""
    result: list[str] = []
    for p in params:
        lines: list[str] = []
        first = _first_in(tokens, p.start_byte)
        for t in _preceding_block(tokens, first, PROXIMITY):
            lines += comment_lines(t.text)
        last = _last_in(tokens, p.end_byte, first)
        for i in range(first, last):
            if tokens[i].comment:
                lines += comment_lines(tokens[i].text)
        after, _ = _comment_block(tokens, last + 1)
        for t in after:
            lines += comment_lines(t.text)
        result.append(_section(lines, -1)[0])
    return result


def _first_function(tree: Any) -> Any:
    """The script's first statement when it is a function definition (the end block's first statement)."""
    root = tree.root_node
    for c in root.children:
        if c.type == "statement_list":
            first = next((s for s in c.children if s.is_named and s.type != "comment"), None)
            return first if first is not None and first.type == "function_statement" else None
        if c.is_named and c.type not in ("comment", "requires_directive_list", "using_directive_list", "param_block",
                                          "attribute_list"):
            return None
    return None


def find_help(source: Source) -> Optional[CommentHelp]:
    """The help comment of the function, script or script block written at ``source`` (None: it has none)."""
    tokens, tree = _tokens_and_tree(source.text)
    if source.kind == "function":
        node = _node_at(tree, source.start, source.end, ("function_statement",))
        if node is None:
            return None
        index = _first_in(tokens, node.start_byte)
        h = _is_help(_preceding_block(tokens, index, PROXIMITY))
        if h is not None:
            return _with_parameters(h, tokens, node)
        brace = next((c for c in node.children if c.type == "{"), None)
        if brace is None:
            return None
        start = _first_in(tokens, brace.start_byte) + 1
        last = _last_in(tokens, node.end_byte, index)
        top = True
    elif source.kind == "script":
        node = tree.root_node
        start, last = 0, len(tokens) - 1
        top = True
    else:
        node = _node_at(tree, source.start, source.end, ("script_block_expression",))
        if node is None:
            return None
        # 5.1 scans from the token before the opening brace (HelpCommentsParser, 237ccbd): no top block
        start = _first_in(tokens, node.start_byte) - 1
        last = _last_in(tokens, node.end_byte, max(start, 0))
        top = start >= 0
    while top:
        block, start = _comment_block(tokens, start)
        if not block:
            break
        h = _is_help(block)
        if h is None:
            continue
        if source.kind == "script":
            fn = _first_function(tree)
            if fn is not None and fn.start_point[0] + 1 - block[-1].end_line <= PROXIMITY:
                break
        return _with_parameters(h, tokens, node)
    if 0 <= last < len(tokens):
        h = _is_help(_preceding_block(tokens, last, tokens[last].start_line))
        if h is not None:
            return _with_parameters(h, tokens, node)
    return None


def parameter_comments(source: Source) -> list[str]:
    """The descriptions the param() block's comments give each parameter (for a command without a help block)."""
    tokens, tree = _tokens_and_tree(source.text)
    node = tree.root_node if source.kind == "script" else _node_at(
        tree, source.start, source.end, ("function_statement",) if source.kind == "function" else ("script_block_expression",))
    return _parameter_comments(tokens, _parameter_nodes(node)) if node is not None else []


def parameter_texts(source: Source) -> dict[str, str]:
    """Each parameter's default value as written (lower-case name -> the text after '='): 5.1's help shows the
    extent text of a default that is not a constant (``$(throw "...")``)."""
    tokens, tree = _tokens_and_tree(source.text)
    node = tree.root_node if source.kind == "script" else _node_at(
        tree, source.start, source.end, ("function_statement",) if source.kind == "function" else ("script_block_expression",))
    out: dict[str, str] = {}
    for p in _parameter_nodes(node) if node is not None else []:
        var = next((c for c in p.children if c.type == "variable"), None)
        default = next((c for c in p.children if c.type == "script_parameter_default"), None)
        if var is None or default is None:
            continue
        value = [c for c in default.children if c.is_named and c.type != "comment"]
        if value:
            text = source.text[value[0].start_byte:default.end_byte].decode("utf-8", "replace").strip()
            out[source.text[var.start_byte:var.end_byte].decode("utf-8", "replace").lstrip("$").lower()] = text
    return out


def _with_parameters(h: CommentHelp, tokens: list[Token], node: Any) -> CommentHelp:
    h.parameter_comments = _parameter_comments(tokens, _parameter_nodes(node))
    return h


def example_sections(content: str) -> tuple[str, str, str]:
    """GetExampleSections (5.1): (prompt, code, remarks) of an .EXAMPLE's text.  The prompt is the text up to the
    first '>' of the first line (else 5.1's "PS C:\\>"), the code the rest of that line, the remarks what follows."""
    prompt = code = ""
    part = 1
    buf: list[str] = []
    for c in content:
        if c == ">" and part == 1:
            buf.append(c)
            prompt = "".join(buf).strip()
            buf = []
            part = 2
            continue
        if c == "\n" and part < 3:
            if part == 1:
                prompt = "PS C:\\>"
            code = "".join(buf).strip()
            buf = []
            part = 3
            continue
        buf.append(c)
    if part == 1:
        return "PS C:\\>", "".join(buf).strip(), ""
    return prompt, code, "".join(buf)
