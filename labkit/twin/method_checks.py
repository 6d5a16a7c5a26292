"""5.1's parse-time rules for the body of a class method (about_Classes_Methods, 5.1).

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_classes_methods?view=powershell-5.1
("Method output": a method with a return type must return a value on every code path; a [void] method
returns nothing).  The rules and their texts are 5.1's SemanticChecks.VisitFunctionMember / CheckForReturnStatement /
CheckLabelExists and VariableAnalysis.AnalyzeMemberFunction (5.1's source, commit 60b3b304f2 of the PowerShell
mirror; texts from ParserStrings.resx):

- ``MethodHasCodePathNotReturn``: a non-void method whose end can be reached without ``return``/``throw``/``exit``,
  as VariableAnalysis's flow graph decides it (ported below: an ``if`` without ``else`` can fall through; loops and
  ``switch`` can leave through their condition, except ``for (;;)``; a ``break``/``continue`` that names no
  enclosing loop leaves the method like ``throw``);
- ``VoidMethodHasReturn``: ``return <value>`` in a void method or a constructor;
- ``NonVoidMethodMissingReturnValue``: a bare ``return`` in a method with a return type;
- ``LabelNotFound``: ``break label`` / ``continue label`` with no enclosing loop of that label in the method;
- ``MemberAlreadyDefined``: a property or a method signature defined twice (PSType.cs's DefineTypeHelper);
- ``VariableNotLocal``: a method reads a variable that is not assigned on every path before the read, unless it is
  ``$global:``/``$script:`` qualified, automatic (``$this``, ``$_``, ``$args`` ...), constant, or one of the few
  session variables 5.1 lets methods read (``$PWD``, ``$Matches``, ``$Error``, ``$LASTEXITCODE`` ...)
  (SemanticChecks.VisitVariableExpression over VariableAnalysis's definite assignment; PowerShell issues #5721,
  #8175, #21472 show it: a variable set in every switch branch or inside try/finally is still "not assigned").

Script blocks and functions inside a method are their own scopes: none of the rules look into them.
"""

from __future__ import annotations

from typing import Any

from labkit.twin import syntax as S
from labkit.twin.errors import PSParseError

TEXTS = {
    "MethodHasCodePathNotReturn": "Not all code path returns value within method.",
    "VoidMethodHasReturn": "Invalid return statement within void method.",
    "NonVoidMethodMissingReturnValue": "Invalid return statement within non-void method.",
    "LabelNotFound": "Label '{0}' not found inside the method.",
    "MemberAlreadyDefined": "The member '{0}' is already defined.",
    "VariableNotLocal": "Variable is not assigned in the method.",
    "ParamBlockNotAllowedInMethod": "A param block is not allowed in a class method.",
    "ConstructorCantHaveReturnType": "A constructor cannot specify a return type.",
    "NamedBlockNotAllowedInMethod": "A named block is not allowed in a class method.",
}


def _error(error_id: str, node: Any, *args: str) -> PSParseError:
    return PSParseError(TEXTS[error_id].format(*args), getattr(node, "line", 0), getattr(node, "col", 0), error_id)


def _type_key(type_name: str | None) -> str:
    from labkit.twin.types import resolve

    if type_name is None:
        return "system.object"
    t = resolve(type_name)
    return t.display_full_name.lower() if t is not None else type_name.strip().lower()


def _members_defined_once(cd: S.ClassDef) -> None:
    """PSType.DefineTypeHelper: a property name or a method signature (name and parameter types) defined twice is
    MemberAlreadyDefined; a static and an instance constructor may share a signature."""
    names: set[str] = set()
    for p in cd.properties:
        if p.name.lower() in names:
            raise PSParseError(TEXTS["MemberAlreadyDefined"].format(p.name), p.line, p.col, "MemberAlreadyDefined")
        names.add(p.name.lower())
    seen: dict[tuple[str, tuple[str, ...]], list[S.MethodDef]] = {}
    for m in cd.methods:
        key = (m.name.lower(), tuple(_type_key(p.type_name) for p in m.params))
        for other in seen.get(key, []):
            if other.static == m.static or m.return_type is not None:
                line, col = m.name_at if m.name_at != (0, 0) else (m.line, m.col)
                raise PSParseError(TEXTS["MemberAlreadyDefined"].format(m.name), line, col, "MemberAlreadyDefined")
        seen.setdefault(key, []).append(m)


def check_class(cd: S.ClassDef) -> None:
    """Raise the first of 5.1's parse errors in the class's members and its method bodies."""
    _members_defined_once(cd)
    for m in cd.methods:
        # SemanticChecks.VisitFunctionMember: a method body is one unnamed block without param(); a member named as
        # its class is a constructor, which has no return type
        if m.return_type is not None and m.name.lower() == cd.name.lower():
            raise PSParseError(TEXTS["ConstructorCantHaveReturnType"], m.line, m.col, "ConstructorCantHaveReturnType")
        if m.body.has_param_block:
            raise PSParseError(TEXTS["ParamBlockNotAllowedInMethod"], m.line, m.col, "ParamBlockNotAllowedInMethod")
        if m.body.begin is not None or m.body.process is not None or m.body.end is not None or m.body.dynamicparam is not None:
            raise PSParseError(TEXTS["NamedBlockNotAllowedInMethod"], m.line, m.col, "NamedBlockNotAllowedInMethod")
        void = m.return_type is None or m.return_type.strip().lower() in ("void", "system.void")
        blocks = [b for b in (m.body.body, m.body.begin, m.body.process, m.body.end) if b is not None]
        # VisitFunctionMember reports the code paths before it visits the statements
        flow = _Flow()
        if not flow.all_paths_return(blocks[0]) and not void:
            line, col = m.name_at if m.name_at != (0, 0) else (m.line, m.col)
            raise PSParseError(TEXTS["MethodHasCodePathNotReturn"], line, col, "MethodHasCodePathNotReturn")
        unassigned = _unassigned_reads(flow, [p.name.lower().lstrip("$") for p in m.params])
        try:
            for b in blocks:
                _returns_and_labels(b, void, [])
        except PSParseError as e:
            # the statements are visited in order: an unassigned read before this error is reported first
            first = min(unassigned, key=lambda v: (v.line, v.col), default=None)
            if first is not None and (first.line, first.col) < (e.line, e.column):
                raise _error("VariableNotLocal", first) from None
            raise
        if unassigned:
            raise _error("VariableNotLocal", min(unassigned, key=lambda v: (v.line, v.col)))


# -- return statements and labels ------------------------------------------------------------------

def _label(st: S.Flow) -> str | None:
    """The label of break/continue as a constant (lower case), "" for none, None for a computed one."""
    if st.value is None:
        return ""
    return st.value.value if type(st.value) is S.Const and isinstance(st.value.value, str) else None


def _returns_and_labels(block: S.Block, void: bool, loops: list[str]) -> None:
    for st in block.statements:
        t = type(st)
        if t is S.Flow:
            if st.kind == "return":
                if st.value is not None and void:
                    raise _error("VoidMethodHasReturn", st)
                if st.value is None and not void:
                    raise _error("NonVoidMethodMissingReturnValue", st)
            elif st.kind in ("break", "continue"):
                label = _label(st)
                if label and label not in loops:
                    raise _error("LabelNotFound", st, label)
            continue
        for inner, label in _inner_blocks(st):
            _returns_and_labels(inner, void, loops + [label] if label is not None else loops)


def _inner_blocks(st: Any) -> list[tuple[S.Block, str | None]]:
    """The statement blocks of a compound statement, with the loop label each one is inside (None: not a loop)."""
    t = type(st)
    if t is S.If:
        return [(b, None) for _, b in st.clauses] + ([(st.else_block, None)] if st.else_block is not None else [])
    if t in (S.Foreach, S.For, S.While, S.Switch):
        blocks = [(b, st.label) for _, b in st.clauses] if t is S.Switch else [(st.body, st.label)]
        if t is S.Switch and st.default is not None:
            blocks.append((st.default, st.label))
        return blocks
    if t is S.Try:
        return [(st.body, None)] + [(c.body, None) for c in st.catches] + ([(st.final, None)] if st.final is not None else [])
    if t is S.Trap:
        return [(st.body, None)]
    if t is S.Block:
        return [(st, None)]
    return []


# -- VariableAnalysis's flow graph ------------------------------------------------------------------------------
# A port of the control flow part of 5.1's VariableAnalysis (Block, FlowsTo, GenerateWhileLoop, GenerateDoLoop,
# VisitIf/Switch/Foreach/For/Try, BreakOrContinue, ControlFlowStatement).  Reachability is decided when an edge is
# added (FlowsTo marks the next block reachable only if this one already is), in the order the visitor adds
# edges, so `try { throw } finally { }` leaves what follows unreachable, as 5.1 decides it.

class _Block:
    __slots__ = ("successors", "predecessors", "unreachable", "returns", "throws", "events", "assigned")

    def __init__(self, reachable: bool = False):
        self.successors: list[_Block] = []
        self.predecessors: list[_Block] = []
        self.unreachable = not reachable
        self.returns = self.throws = False
        self.events: list[tuple[str, S.Var]] = []        # ("ref" | "set", variable) in evaluation order
        self.assigned: set[str] | None = None             # the variables assigned on every path through its end

    def flows_to(self, nxt: "_Block") -> None:
        if not any(b is nxt for b in self.successors):
            if not self.unreachable:
                nxt.unreachable = False
            self.successors.append(nxt)
            nxt.predecessors.append(self)


class _Flow:
    def __init__(self) -> None:
        self.entry = _Block(reachable=True)
        self.exit = _Block()
        self.current = self.entry
        self.loops: list[tuple[str, _Block, _Block]] = []     # (label, break target, continue target)
        self.typed: set[str] = set()      # variables assigned with a type constraint: VariableAnalysis may make them
        #                                   dynamic as a whole, and then it reports none of their reads

    def all_paths_return(self, body: S.Block) -> bool:
        self.block(body)
        self.current.flows_to(self.exit)
        return all(b.returns or b.throws or b.unreachable for b in self.exit.predecessors)

    # -- the variables an expression reads and writes, in VariableAnalysis's visiting order --------------------------
    def ref(self, v: S.Var) -> None:
        self.current.events.append(("ref", v))

    def assign_target(self, target: Any, op: str) -> None:
        if type(target) is S.ArrayLiteral:          # $a, $b = 1, 2
            for item in target.items:
                self.assign_target(item, op)
            return
        if type(target) is S.Cast and type(target.expr) is S.Var:
            self.typed.add(target.expr.name)
            target = target.expr
        if type(target) is S.Var:
            if op != "=":
                self.ref(target)
            self.current.events.append(("set", target))
        else:
            self.expr(target)

    def expr(self, e: Any) -> None:
        t = type(e)
        if e is None or t in (S.Const, S.TypeLit, S.ScriptBlockLit, S.FunctionDef, str, int, float, bool):
            return
        if t is S.Var:
            self.ref(e)
        elif t is S.Assign:
            self.expr(e.value)
            self.assign_target(e.target, e.op)
        elif t is S.IncDec:
            self.assign_target(e.target, "+=")
        elif t in (S.SubExpr, S.ArrayExpr):
            self.block(e.body)
        elif t is S.Paren:
            self.expr(e.pipeline)
        elif t is S.Pipeline:
            for stage in e.stages:
                self.expr(stage)
        elif t is S.Command:
            if not isinstance(e.name, str):
                self.expr(e.name)
            for el in e.elements:
                self.expr(el.value if type(el) is S.CmdParam else el)
        elif t is S.HashLit:
            for k, v in e.entries:
                self.expr(k)
                self.expr(v)
        elif hasattr(e, "__dataclass_fields__"):
            for name in e.__dataclass_fields__:
                value = getattr(e, name)
                if isinstance(value, (list, tuple)):
                    for item in value:
                        self.expr(item)
                elif isinstance(value, S.Node):
                    self.expr(value)
        elif isinstance(e, (list, tuple)):
            for item in e:
                self.expr(item)

    def block(self, block: S.Block) -> None:
        for st in block.statements:      # traps are not visited: they get their own scope
            self.statement(st)

    def statement(self, st: Any) -> None:
        t = type(st)
        if t is S.Flow:
            if st.kind in ("return", "throw", "exit"):
                self.expr(st.value)
                last = self.current
                last.flows_to(self.exit)
                self.current = _Block()
                if st.kind == "return":
                    last.returns = True
                else:
                    last.throws = True
            elif st.kind in ("break", "continue"):
                self.break_or_continue(_label(st), st.kind == "break")
        elif t is S.If:
            self.if_statement(st)
        elif t is S.While and st.do:
            self.do_loop(st)
        elif t is S.While:
            self.while_loop(st.label, True, lambda: self.block(st.body), before_body=lambda: self.expr(st.cond))
        elif t is S.For:
            self.expr(st.init)
            self.while_loop(st.label, st.cond is not None, lambda: self.block(st.body), has_iterator=st.step is not None,
                            before_body=lambda: self.expr(st.cond), iterator=lambda: self.expr(st.step))
        elif t is S.Foreach:
            self.foreach(st)
        elif t is S.Switch:
            self.while_loop(st.label, True, lambda: self.switch_body(st), before_body=lambda: self.switch_condition(st))
        elif t is S.Try:
            self.try_statement(st)
        elif t is S.Block:
            self.block(st)
        elif t not in (S.Trap, S.FunctionDef, S.ClassDef, S.EnumDef):
            self.expr(st)

    def break_or_continue(self, label: str | None, is_break: bool) -> None:
        target = None
        if label:
            target = next((b if is_break else c for lab, b, c in reversed(self.loops) if lab == label), None)
        elif label == "" and self.loops:
            _, b, c = self.loops[-1]
            target = b if is_break else c
        if target is None:
            self.current.flows_to(self.exit)
            self.current.throws = True
        else:
            self.current.flows_to(target)
        self.current = _Block()

    def if_statement(self, st: S.If) -> None:
        after = _Block()
        if st.else_block is None:
            self.current.flows_to(after)
        for i, (cond, body) in enumerate(st.clauses):
            last = i == len(st.clauses) - 1 and st.else_block is None
            self.expr(cond)
            clause, nxt = _Block(), (after if last else _Block())
            self.current.flows_to(clause)
            self.current.flows_to(nxt)
            self.current = clause
            self.block(body)
            self.current.flows_to(after)
            self.current = nxt
        if st.else_block is not None:
            self.block(st.else_block)
            self.current.flows_to(after)
        self.current = after

    def switch_condition(self, st: S.Switch) -> None:
        self.expr(st.subject)
        self.current.events.append(("set", S.Var("switch", "switch")))

    def while_loop(self, label: str, has_condition: bool, body: Any, has_iterator: bool = False,
                   before_body: Any = None, iterator: Any = None) -> None:
        cont = _Block()
        if has_iterator:
            after_continue = _Block()
            self.current.flows_to(after_continue)
            self.current = cont
            if iterator is not None:
                iterator()
            self.current.flows_to(after_continue)
            self.current = after_continue
        else:
            self.current.flows_to(cont)
            self.current = cont
        body_block, brk = _Block(), _Block()
        if has_condition:
            if before_body is not None:
                before_body()
            self.current.flows_to(brk)
        self.loops.append((label or "", brk, cont))
        self.current.flows_to(body_block)
        self.current = body_block
        body()
        self.current.flows_to(cont)
        self.current = brk
        self.loops.pop()

    def foreach(self, st: S.Foreach) -> None:
        after = _Block()

        def condition() -> None:
            self.expr(st.iterable)
            self.current.flows_to(after)
            self.current.events.append(("set", S.Var("foreach", "foreach")))
            self.current.events.append(("set", S.Var(st.var.lower().lstrip("$"), st.var)))

        self.while_loop(st.label, True, lambda: self.block(st.body), before_body=condition)
        self.current.flows_to(after)
        self.current = after

    def switch_body(self, st: S.Switch) -> None:
        has_default = st.default is not None
        after = _Block()
        for i, (cond, body) in enumerate(st.clauses):
            self.expr(cond)
            clause = _Block()
            last = i == len(st.clauses) - 1 and not has_default
            nxt = after if last else _Block()
            self.current.flows_to(nxt)
            self.current.flows_to(clause)
            self.current = clause
            self.block(body)
            if not last:
                self.current.flows_to(nxt)
                self.current = nxt
        if has_default:
            self.current.flows_to(after)
            self.block(st.default)
        self.current.flows_to(after)
        self.current = after

    def do_loop(self, st: S.While) -> None:
        cont, body_block, brk, repeat = _Block(), _Block(), _Block(), _Block()
        self.loops.append((st.label or "", brk, cont))
        self.current.flows_to(body_block)
        self.current = body_block
        self.block(st.body)
        self.current.flows_to(cont)
        self.current = cont
        self.expr(st.cond)
        self.current.flows_to(brk)
        self.current.flows_to(repeat)
        self.current = repeat
        self.current.flows_to(body_block)
        self.current = brk
        self.loops.pop()

    def try_statement(self, st: S.Try) -> None:
        before = self.current
        self.current = _Block()
        before.flows_to(self.current)
        self.block(st.body)
        last_in_try = self.current
        finally_first = _Block() if st.final is not None else None
        after = _Block()
        catch_all = False
        for c in st.catches:
            catch_all = catch_all or not c.types
            self.current = _Block()
            before.flows_to(self.current)
            self.block(c.body)
            self.current.flows_to(finally_first or after)
        if finally_first is not None:
            last_in_try.flows_to(finally_first)
            self.current = finally_first
            self.block(st.final)
            self.current.flows_to(after)
            finally_last = self.current
            if not catch_all:
                before.flows_to(finally_first)
                rethrow = _Block()
                finally_last.flows_to(rethrow)
                rethrow.throws = True
                rethrow.flows_to(self.exit)
            finally_last.flows_to(after)
        else:
            last_in_try.flows_to(after)
        self.current = after


# VariableAnalysis's automatic variables (SpecialVariables.AutomaticVariables, $PSItem is $_ unaliased and $? is noted
# as automatic too), the constant ones, and SpecialVariables.ClassMethodsAccessibleVariables (5.1's source)
_ALWAYS_THERE = {"_", "psitem", "args", "this", "input", "pscmdlet", "psboundparameters", "myinvocation", "psscriptroot",
                 "pscommandpath", "?", "true", "false", "null",
                 "lastexitcode", "error", "stacktrace", "outputencoding", "nestedpromptlevel", "pwd", "matches"}


def _reverse_postorder(entry: _Block) -> list[_Block]:
    seen: set[int] = set()
    order: list[_Block] = []
    stack: list[tuple[_Block, int]] = [(entry, 0)]
    seen.add(id(entry))
    while stack:
        block, i = stack.pop()
        if i < len(block.successors):
            stack.append((block, i + 1))
            nxt = block.successors[i]
            if id(nxt) not in seen:
                seen.add(id(nxt))
                stack.append((nxt, 0))
        else:
            order.append(block)
    return order[::-1]


def _unassigned_reads(flow: _Flow, params: list[str]) -> list[S.Var]:
    """The reads of variables not assigned on every path to them (VariableAnalysis.AnalyzeBlock's bit arrays: a
    block starts with what all its analysed predecessors assigned)."""
    out: list[S.Var] = []
    blocks = _reverse_postorder(flow.entry)
    for i, block in enumerate(blocks):
        if i == 0:
            assigned = set(params)
        else:
            sets = [p.assigned for p in block.predecessors if p.assigned is not None]
            assigned = set.intersection(*sets) if sets else set()
        for kind, v in block.events:
            name = v.name.lower()
            if kind == "set":
                assigned.add(name)
            elif name not in assigned and not v.scope in ("global", "script") and ":" not in name \
                    and name not in _ALWAYS_THERE and name not in flow.typed:
                out.append(v)
        block.assigned = assigned
    return out
