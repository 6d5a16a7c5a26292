"""5.1's parse-time rules for the body of a class method (about_Classes_Methods, 5.1).

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_classes_methods?view=powershell-5.1
("Method output": a method with a return type must return a value on every code path; a [void] method
returns nothing).  The rules and their texts are 5.1's SemanticChecks.VisitFunctionMember / CheckForReturnStatement /
CheckLabelExists and VariableAnalysis.AnalyzeMemberFunction (5.1's source, commit 60b3b304f2 of the PowerShell
mirror; texts from ParserStrings.resx):

- ``MethodHasCodePathNotReturn``: a non-void method whose end can be reached without ``return``/``throw``/``exit``
  (VariableAnalysis's flow graph: an ``if`` without ``else`` can fall through; ``while``/``for``/``foreach``
  and ``switch`` can always leave through their condition, except ``for (;;)``; a ``do`` loop's condition is
  reached only when its body falls through or continues; ``try`` falls through when its
  body or a catch does; a ``break``/``continue`` that names no enclosing loop leaves the method like ``throw``);
- ``VoidMethodHasReturn``: ``return <value>`` in a void method or a constructor;
- ``NonVoidMethodMissingReturnValue``: a bare ``return`` in a method with a return type;
- ``LabelNotFound``: ``break label`` / ``continue label`` with no enclosing loop of that label in the method.

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
}


def _error(error_id: str, node: Any, *args: str) -> PSParseError:
    return PSParseError(TEXTS[error_id].format(*args), getattr(node, "line", 0), getattr(node, "col", 0), error_id)


def check_class(cd: S.ClassDef) -> None:
    """Raise the first of 5.1's method-body parse errors in the class's methods and constructors."""
    for m in cd.methods:
        void = m.return_type is None or m.return_type.strip().lower() in ("void", "system.void")
        blocks = [b for b in (m.body.body, m.body.begin, m.body.process, m.body.end) if b is not None]
        # VisitFunctionMember reports the code paths before it visits the statements
        if not void and any(_falls_through(b, []) for b in blocks[:1]):
            raise _error("MethodHasCodePathNotReturn", m)
        for b in blocks:
            _returns_and_labels(b, void, [])


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


# -- VariableAnalysis: can the end of the block be reached? ----------------------------------------------------

class _Loop:
    def __init__(self, label: str):
        self.label, self.broken, self.continued = label, False, False


def _falls_through(block: S.Block, loops: list[_Loop]) -> bool:
    """Whether control can reach the end of ``block`` (False once a statement always leaves it)."""
    for st in block.statements:
        if not _statement_falls_through(st, loops):
            return False
    return True


def _target(loops: list[_Loop], label: str | None) -> _Loop | None:
    if label is None:
        return None                       # a computed label: VariableAnalysis finds no target
    if label == "":
        return loops[-1] if loops else None
    return next((lp for lp in reversed(loops) if lp.label == label), None)


def _statement_falls_through(st: Any, loops: list[_Loop]) -> bool:
    t = type(st)
    if t is S.Flow:
        if st.kind in ("return", "throw", "exit"):
            return False
        if st.kind in ("break", "continue"):
            target = _target(loops, _label(st))
            if target is not None and st.kind == "break":
                target.broken = True
            elif target is not None:
                target.continued = True
            return False                  # to a loop's target, or out of the method as a throw
        return True
    if t is S.If:
        branches = [b for _, b in st.clauses] + ([st.else_block] if st.else_block is not None else [])
        reach = [_falls_through(b, loops) for b in branches]
        return st.else_block is None or any(reach)
    if t is S.While and st.do:
        # GenerateDoLoop: the condition follows the body, reached when the body falls through or continues
        loop = _Loop(st.label)
        body = _falls_through(st.body, loops + [loop])
        return body or loop.continued or loop.broken
    if t in (S.Foreach, S.While, S.Switch) or (t is S.For and st.cond is not None):
        loop = _Loop(st.label)
        bodies = [b for _, b in st.clauses] + ([st.default] if st.default is not None else []) if t is S.Switch else [st.body]
        for b in bodies:
            _falls_through(b, loops + [loop])
        return True                       # the condition (or the end of the input) leaves the loop
    if t is S.For:                        # for (;;): only a break leaves it
        loop = _Loop(st.label)
        _falls_through(st.body, loops + [loop])
        return loop.broken
    if t is S.Try:
        # VisitTryStatement: the catches start from before the try; without a catch-all, the finally is reached
        # from before the try too (an exception no catch takes), so a finally that falls through reaches after it
        after_body = _falls_through(st.body, loops)
        after_body = any([_falls_through(c.body, loops) for c in st.catches]) or after_body
        if st.final is None:
            return after_body
        catch_all = any(not c.types for c in st.catches)
        return _falls_through(st.final, loops) and (after_body or not catch_all)
    if t is S.Block:
        return _falls_through(st, loops)
    return True
