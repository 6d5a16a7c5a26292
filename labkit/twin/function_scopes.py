"""Functions and the scopes they live in.

A function is an item of the scope it is defined in, like a variable: a function defined
in a script, a function or a script block called with ``&`` is gone when that scope ends,
unless the definition names a scope (``function global:f``, ``function script:f``); a
dot-sourced script or block defines its functions in the caller's scope. A ``private:``
function is seen only in the scope that defines it, not in its child scopes.

- https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_scopes?view=powershell-5.1
  ("Scope Modifiers": ``function global:Hello``; "Private option")
- https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_functions?view=powershell-5.1
  ("Function Scope": "you can use a scope modifier such as ``function global:Get-DependentSvc``")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labkit.twin import syntax as S

if TYPE_CHECKING:
    from labkit.twin.interpreter import Interpreter

#: The scope modifiers a function's name may start with (about_Scopes, "Scope Modifiers").
SCOPE_MODIFIERS = ("global", "script", "local", "private")


def function_scope(name: str) -> tuple[str, str]:
    """(scope modifier or "", the bare name) of a function's name as its definition writes it."""
    head, sep, tail = name.partition(":")
    if sep and tail and head.lower() in SCOPE_MODIFIERS:
        return head.lower(), tail
    return "", name


def define(engine: "Interpreter", fn: S.FunctionDef) -> None:
    """Run a ``function``/``filter`` statement: the function becomes an item of the scope it names
    (the current one without a modifier)."""
    target = engine.global_scope if fn.scope == "global" else engine.script_scope if fn.scope == "script" else engine.scope
    if target.functions is None:
        target.functions = {}
    target.functions[fn.name.lower()] = fn


def find(engine: "Interpreter", name: str) -> S.FunctionDef | None:
    """The function ``name`` means in the current scope: the nearest definition up the scope chain
    (a private one only in its own scope)."""
    key = name.lower()
    scope: Any = engine.scope
    own = True
    while scope is not None:
        table = scope.functions
        if table is not None:
            fn = table.get(key)
            if fn is not None and (own or fn.scope != "private"):
                return fn
        scope = scope.parent
        own = False
    return None


def visible(engine: "Interpreter") -> dict[str, S.FunctionDef]:
    """lower-case name -> function: every function the current scope sees (what Get-Command lists)."""
    chain: list[Any] = []
    scope: Any = engine.scope
    while scope is not None:
        chain.append(scope)
        scope = scope.parent
    seen: dict[str, S.FunctionDef] = {}
    for depth, s in enumerate(reversed(chain)):
        own = depth == len(chain) - 1
        for key, fn in (s.functions or {}).items():
            if own or fn.scope != "private":
                seen[key] = fn
    return seen


#: The Function drive as a variable namespace: ``${function:f}`` reads and writes function f
#: (about_Functions, "Function Drive"; about_Function_Provider).
DRIVE_PREFIX = "function:"


def body_text(fn: S.FunctionDef) -> str:
    """The text of the function's script block: what its ``ScriptBlock`` prints (inside the braces)."""
    src = fn.script.source
    if src is None:
        return ""
    text = src.text[src.start:src.end].decode("utf-8", "replace")
    start, end = text.find("{"), text.rfind("}")
    return text[start + 1:end] if 0 <= start < end else ""


def read_variable(engine: "Interpreter", name: str) -> Any:
    """``${function:name}``: the function's script block, or None when there is no such function."""
    from labkit.twin.values import ScriptBlock

    if not name:
        from labkit.twin.errors import NotEmulated
        raise NotEmulated("${function:}", "the Function drive itself as a variable (name a function: ${function:Name})")
    fn = find(engine, name)
    return None if fn is None else ScriptBlock(fn.script, body_text(fn))


def assign_variable(engine: "Interpreter", name: str, value: Any) -> None:
    """``${function:name} = { ... }`` defines (or replaces) the function in the current scope; ``= $null`` removes it."""
    from labkit.twin.errors import NotEmulated
    from labkit.twin.values import ScriptBlock

    scope, bare = function_scope(name)
    if not bare:
        raise NotEmulated("${function:}", "assigning to the Function drive itself (name a function: ${function:Name} = { ... })")
    if value is None:
        table = engine.scope.functions
        if table is not None:
            table.pop(bare.lower(), None)
        return
    if not isinstance(value, ScriptBlock):
        raise NotEmulated(f"${{function:{name}}}", "assigning a value that is not a script block (write { ... })")
    define(engine, S.FunctionDef(bare, value.script, scope=scope))


def kind(fn: S.FunctionDef) -> str:
    """"Filter" for a ``filter`` definition (FilterInfo, CommandType Filter), else "Function"."""
    src = fn.script.source
    return "Filter" if src is not None and src.text[src.start:src.start + 6].lower() == b"filter" else "Function"
