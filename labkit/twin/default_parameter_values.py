"""``$PSDefaultParameterValues``: default values for the parameters of cmdlets (about_Parameters_Default_Values, 5.1).

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_parameters_default_values?view=powershell-5.1

- The keys are ``CommandName:ParameterName``; both parts may hold wildcards (``'*:Verbose' = $true``,
  ``'Get-*:Verbose'``); a ``Disabled`` key of ``$true`` turns them all off, its values kept.
- A value is used for a parameter the command line did not bind, after the command line's binding (the engine's
  default-parameter binding step); a script block value is run and its result used (``{ {Get-Process} }`` for a
  script block parameter).
- A default that would take the command out of the parameter sets its command line left is not used, as the engine
  skips defaults of other parameter sets.

The variable starts empty in 5.1 (a DefaultParameterDictionary, "has no default value"). They apply to cmdlets and
to advanced functions and scripts (CmdletBinding), not to simple functions.
"""

from __future__ import annotations

from typing import Any, Callable

from labkit.twin.signatures import COMMON
from labkit.twin.values import PSHashtable, ScriptBlock, like, to_bool, to_string


def _entries(table: Any) -> list[tuple[str, str, Any]]:
    """(command pattern, parameter pattern, value) of the table's well-formed keys, unless it is disabled."""
    if not isinstance(table, PSHashtable) or not table:
        return []
    out: list[tuple[str, str, Any]] = []
    for key, value in table.items():
        text = to_string(key).strip()
        if text.lower() == "disabled":
            if to_bool(value):
                return []
            continue
        command, sep, parameter = text.partition(":")
        if sep and command.strip() and parameter.strip():
            out.append((command.strip(), parameter.strip(), value))
    return out


def matching(table: Any, command: str) -> list[tuple[str, Any]]:
    """(parameter pattern, value) of the entries whose command part matches ``command``."""
    return [(p, v) for c, p, v in _entries(table) if like(command, c)]


def apply(table: Any, bound: Any, run_block: Callable[[ScriptBlock], list[Any]], coerce: Callable[[Any, Any], Any]) -> None:
    """Bind the defaults ``table`` has for ``bound``'s command to the parameters its command line left unbound."""
    sig = bound.sig
    hits = matching(table, sig.name)
    if not hits:
        return
    candidates = list(sig.params.values()) + (list(COMMON.values()) if sig.accepts_common else [])
    for p in candidates:
        target = bound.common if p.common else bound.args
        if p.name in target:
            continue
        names = (p.name, *p.aliases)
        values = [v for pattern, v in hits if any(like(n, pattern) for n in names)]
        if not values:
            continue
        if not p.common and not p.all_sets and not any(s in p.sets for s in bound.sets):
            continue        # a default of another parameter set than the command line's
        value = values[0]
        if isinstance(value, ScriptBlock):
            out = run_block(value)      # its output: one object as itself, several as an array
            value = None if not out else out[0] if len(out) == 1 else list(out)
        if p.common:
            target[p.name] = value
        else:
            target[p.name] = coerce(p, value)
            if not p.all_sets:
                bound.sets = [s for s in bound.sets if s in p.sets]
