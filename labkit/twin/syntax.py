"""The twin's syntax tree: what :mod:`labkit.twin.parser` builds from the
tree-sitter parse and :mod:`labkit.twin.interpreter` evaluates.

Nodes are small slotted classes; every node keeps its 1-based ``line`` (and
``col`` where errors point at it) so errors say "At line:N char:M".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


class Node:
    __slots__ = ()


# -- expressions ----------------------------------------------------------------------

@dataclass(slots=True)
class Const(Node):
    value: Any
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Var(Node):
    name: str            # lowercase, scope prefix removed
    display: str         # as written, for messages
    line: int = 0
    col: int = 0
    scope: str = ""      # 'global', 'script', 'local' or 'private' when written $global:x ... (about_Scopes)


@dataclass(slots=True)
class ExpandString(Node):
    parts: list[Any]     # str or expression
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class ArrayLiteral(Node):
    items: list[Any]
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class ArrayExpr(Node):       # @( ... )
    body: "Block"
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class SubExpr(Node):         # $( ... )
    body: "Block"
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Paren(Node):           # ( pipeline )
    pipeline: Any
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class HashLit(Node):
    entries: list[tuple[Any, Any]]   # (key expression, value statement)
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class ScriptBlockLit(Node):
    script: "Script"
    text: str
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Member(Node):
    obj: Any
    name: Any            # str or expression
    static: bool = False
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Invoke(Node):
    obj: Any
    name: Any
    args: list[Any]
    static: bool = False
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Index(Node):
    obj: Any
    index: Any
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class TypeLit(Node):
    name: str
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Cast(Node):
    type_name: str
    expr: Any
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Unary(Node):
    op: str              # '-not' '!' '-' '+' ',' '-bnot' '-split' '-join'
    expr: Any
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Binary(Node):
    op: str              # lowercase operator text: '+', '-eq', '-and', '-f', '..' ...
    left: Any
    right: Any
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class IncDec(Node):
    target: Any
    delta: int
    prefix: bool
    line: int = 0
    col: int = 0


# -- commands and statements -------------------------------------------------------------

@dataclass(slots=True)
class CmdParam(Node):
    """``-Name`` / ``-Name:value`` in a command."""
    name: str
    value: Any = None        # expression when written with a colon
    colon: bool = False
    text: str = ""
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Command(Node):
    name: Any                # str for a command name, expression for `& expr`
    elements: list[Any]      # CmdParam or expression
    invoke_op: str = ""      # '&', '.' or ''
    text: str = ""
    line: int = 0
    col: int = 0
    redirect_errors: bool = False   # 2>$null
    redirects: list[Any] = field(default_factory=list)   # Redirect nodes other than 2>$null


@dataclass(slots=True)
class Pipeline(Node):
    stages: list[Any]        # first may be an expression; others are Command
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Assign(Node):
    target: Any              # Var, Member, Index, or Cast(Var)
    op: str                  # '=', '+=', ...
    value: Any               # statement
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class If(Node):
    clauses: list[tuple[Any, "Block"]]
    else_block: Optional["Block"] = None
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Foreach(Node):
    var: str
    iterable: Any
    body: "Block"
    line: int = 0
    col: int = 0
    label: str = ""           # `:outer foreach ...` (lowercase, without the colon)


@dataclass(slots=True)
class For(Node):
    init: Any
    cond: Any
    step: Any
    body: "Block"
    line: int = 0
    col: int = 0
    label: str = ""           # `:outer foreach ...` (lowercase, without the colon)


@dataclass(slots=True)
class While(Node):
    cond: Any
    body: "Block"
    do: bool = False         # do { } while ( )
    until: bool = False
    line: int = 0
    col: int = 0
    label: str = ""


@dataclass(slots=True)
class Catch(Node):
    types: list[str]
    body: "Block"
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Try(Node):
    body: "Block"
    catches: list[Catch]
    final: Optional["Block"] = None
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Flow(Node):
    kind: str                # 'throw' 'return' 'break' 'continue' 'exit'
    value: Any = None
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Switch(Node):
    """``switch [-Regex|-Wildcard|-Exact] [-CaseSensitive] (input) { condition {action} ... default {action} }``."""
    subject: Any                          # statement
    clauses: list[tuple[Any, "Block"]]    # (condition expression, action)
    default: Optional["Block"] = None
    mode: str = "exact"                   # 'exact', 'regex', 'wildcard'
    case_sensitive: bool = False
    label: str = ""
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Trap(Node):
    type_name: Optional[str]
    body: "Block"
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Splat(Node):
    """``@params`` as a command argument (about_Splatting)."""
    name: str
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Redirect(Node):
    """``2>&1``, ``3>&1``, ``*>&1``, ``> file``, ``2>> file``, ``> $null`` (about_Redirection)."""
    stream: str              # '1'..'6' or '*'
    append: bool = False
    merge: bool = False      # n>&1
    target: Any = None       # file name expression (None when merging)
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class EnumDef(Node):
    """``enum Name { A; B = 5 }`` (about_Enum)."""
    name: str
    members: list[tuple[str, Any]]       # (name, value expression or None)
    flags: bool = False
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class PropDef(Node):
    name: str
    type_name: Optional[str] = None
    default: Any = None
    static: bool = False
    hidden: bool = False
    validate: list[tuple[str, list[Any]]] = field(default_factory=list)   # [ValidateSet(...)] ...
    line: int = 0
    col: int = 0
    parameter: list[Attribute] = field(default_factory=list)   # [Parameter(...)], [Alias(...)]: read by dynamicparam only


@dataclass(slots=True)
class MethodDef(Node):
    name: str                            # the class name for a constructor
    return_type: Optional[str]           # None for a constructor
    params: list["Param"] = field(default_factory=list)
    body: Any = None                     # Script
    static: bool = False
    base_args: Optional[list[Any]] = None   # `: base(...)` of a constructor
    line: int = 0
    col: int = 0
    hidden: bool = False                 # `hidden` (about_Hidden): left out of Get-Member
    name_at: tuple[int, int] = (0, 0)    # (line, column) of the name, where 5.1 places MethodHasCodePathNotReturn


@dataclass(slots=True)
class ClassDef(Node):
    """``class Name [: Base] { properties; constructors; methods }`` (about_Classes)."""
    name: str
    base: Optional[str] = None
    properties: list[PropDef] = field(default_factory=list)
    methods: list[MethodDef] = field(default_factory=list)
    line: int = 0
    col: int = 0
    interfaces: list[str] = field(default_factory=list)   # the names after the first in `class C : B, I1, I2`


@dataclass(slots=True)
class FunctionDef(Node):
    name: str
    script: "Script"
    line: int = 0
    col: int = 0
    scope: str = ""          # `function global:f`: "global", "script", "local" or "private" (about_Scopes)


@dataclass(slots=True)
class Block(Node):
    statements: list[Any]
    line: int = 0
    col: int = 0
    traps: list["Trap"] = field(default_factory=list)   # trap statements of this scope (about_Trap)


@dataclass(slots=True)
class Attribute(Node):
    """``[Name(arg, Key = value, Flag)]`` on a parameter or a param() block."""
    name: str                # as written, e.g. 'Parameter', 'ValidateSet'
    args: list[Any]          # positional argument expressions
    named: list[tuple[str, Any]]   # (key, expression or None for a bare flag such as Mandatory)
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Param(Node):
    name: str                # as written (without $)
    type_name: Optional[str] = None
    default: Any = None
    mandatory: bool = False
    position: Optional[int] = None
    from_pipeline: bool = False
    validate: list[tuple[str, list[Any]]] = field(default_factory=list)
    attributes: list[Attribute] = field(default_factory=list)
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Script(Node):
    params: list[Param] = field(default_factory=list)
    has_param_block: bool = False
    advanced: bool = False   # [CmdletBinding()] or [Parameter()] seen: common parameters accepted
    attributes: list[Attribute] = field(default_factory=list)   # [CmdletBinding(...)], [OutputType(...)] ...
    body: Block = field(default_factory=lambda: Block([]))
    begin: Optional[Block] = None
    process: Optional[Block] = None
    end: Optional[Block] = None
    line: int = 0
    col: int = 0
    namespaces: tuple[str, ...] = ()   # `using namespace X` statements (about_Using)
    modules: tuple[tuple[str, int, int], ...] = ()   # `using module X` statements: (X as written, line, column)
    requires: tuple[str, ...] = ()     # `#Requires ...` statements as written (labkit.twin.script_requires)
    source: Any = None       # where it was written (labkit.twin.comment_help.Source): Get-Help reads its help comment
    dynamicparam: Optional[Block] = None   # the dynamicparam block (labkit.twin.dynamic_parameters)
