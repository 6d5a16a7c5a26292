"""The Private and AllScope options of a variable, as Windows PowerShell 5.1 keeps them.

- Private: the variable is seen only from the scope that holds it. A child scope reading ``$x`` (or
  ``$global:x``/``$script:x``, Get-Variable, the Variable: drive) passes over it to the scopes further
  out, and ``$x = ...`` there makes a new local variable. ``$private:x = 1`` sets the option, as
  ``Set-Variable -Option Private`` and ``-Scope Private`` do.
  https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_scopes?view=powershell-5.1
  ("Private Option", "Using the Private Option")
- AllScope: "the variable is copied to any new scopes that are created" (the same PSVariable, so a child
  scope's ``$x = 2`` changes the variable its parent sees).
  https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_scopes?view=powershell-5.1
  ("AllScope Option")

The privacy test follows 5.1's VariableScopeItemSearcher: a private variable is found only when the scope
holding it is the current scope, whatever scope the lookup starts at.
ReadOnly and Constant stay in ``Scope.options`` (labkit.twin.variables); these two bits live in ``Scope.flags``.
"""

from __future__ import annotations

from typing import Any

#: ScopedItemOptions' values (System.Management.Automation.ScopedItemOptions)
PRIVATE = 4
ALLSCOPE = 8

#: whether any script has made an AllScope variable in this process: until then an assignment looks no further
#: than its own scope (allscope_owner), so deep call chains pay nothing for the option
_allscope_made = False


def _note(bits: int) -> None:
    global _allscope_made
    if bits & ALLSCOPE:
        _allscope_made = True


def add(scope: Any, name: str, bits: int) -> None:
    _note(bits)
    if scope.flags is None:
        scope.flags = {}
    scope.flags[name] = scope.flags.get(name, 0) | bits


def set_bits(scope: Any, name: str, bits: int) -> None:
    """The variable's Private/AllScope bits become ``bits`` (what Set-Variable -Option gives)."""
    _note(bits)
    if bits:
        if scope.flags is None:
            scope.flags = {}
        scope.flags[name] = bits
    elif scope.flags:
        scope.flags.pop(name, None)


#: the built-in variables 5.1 makes AllScope (PowerShell's sources: SessionState.cs, "Constant | AllScope" for $Host,
#: $ExecutionContext, $PSVersionTable, $PSEdition, $PID, $ShellId, $PSHOME and "ReadOnly | AllScope" for $HOME;
#: SessionStateScope.cs for $true, $false; ShellVariable.cs NullVariable for $null)
AUTOMATIC_ALLSCOPE = frozenset({"true", "false", "null", "host", "home", "executioncontext", "psversiontable", "psedition",
                                "pid", "shellid", "pshome"})


def bits_of(scope: Any, name: str) -> int:
    bits = scope.flags.get(name, 0) if scope.flags else 0
    if scope.parent is None and name in AUTOMATIC_ALLSCOPE:
        bits |= ALLSCOPE
    return bits


def from_names(opts: set[str]) -> int:
    return (PRIVATE if "Private" in opts else 0) | (ALLSCOPE if "AllScope" in opts else 0)


def hidden(scope: Any, name: str, current: Any) -> bool:
    """Whether ``scope``'s variable ``name`` is private and so not seen from ``current``."""
    return scope is not current and bool(scope.flags) and bool(scope.flags.get(name, 0) & PRIVATE)


def allscope_owner(scope: Any, name: str) -> Any:
    """The outer scope whose AllScope variable ``name`` ``scope`` shares (None when there is none):
    an assignment in ``scope`` that has no variable ``name`` of its own writes there."""
    if not _allscope_made:
        return None
    s = scope.parent
    while s is not None:
        if name in s.vars:
            return s if s.flags and s.flags.get(name, 0) & ALLSCOPE else None
        s = s.parent
    return None


def text(protection: str | None, bits: int) -> str:
    """The Options of a PSVariable as 5.1 writes the flags enum: "ReadOnly, Private", "None" ..."""
    parts = [protection] if protection else []
    if bits & PRIVATE:
        parts.append("Private")
    if bits & ALLSCOPE:
        parts.append("AllScope")
    return ", ".join(parts) or "None"
