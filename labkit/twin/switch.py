"""The ``switch`` statement (about_Switch):
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_switch?view=powershell-5.1
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labkit.twin import syntax as S
from labkit.twin.members import MISSING
from labkit.twin.net_regex import IGNORECASE
from labkit.twin.regex_values import matches_table
from labkit.twin.values import ScriptBlock, equals, like, regex_for, to_bool, to_string

if TYPE_CHECKING:
    from labkit.twin.interpreter import Interpreter


def run_switch(engine: "Interpreter", st: S.Switch, out: list[Any]) -> None:
    """Each input item (an array is taken item by item, a scalar or $null once) is tested against
    every clause in order; every clause that matches runs, with ``$_`` the item.  ``default`` runs
    when no clause matched the item.  ``break`` leaves the switch, ``continue`` goes on with the
    next item.  Conditions: a script block is run (true or false); any other value is compared
    with the item: -eq by default (case-insensitive), -like with -Wildcard, -match with
    -Regex (setting $Matches), all as strings; -CaseSensitive makes the comparisons case-sensitive."""
    from labkit.twin.interpreter import ends_loop

    value = engine.eval_statement_value(st.subject) if st.subject is not None else None
    items = value if isinstance(value, list) else [value]
    scope = engine.scope.vars
    saved = scope.get("_", MISSING)
    try:
        for item in items:
            scope["_"] = item
            if ends_loop(st, lambda: _run_clauses(engine, st, item, scope, out)):
                break
    finally:
        if saved is MISSING:
            scope.pop("_", None)
        else:
            scope["_"] = saved


def _run_clauses(engine: "Interpreter", st: S.Switch, item: Any, scope: dict[str, Any], out: list[Any]) -> None:
    """Every clause whose condition matches ``item`` runs; ``default`` when none did."""
    matched = False
    for cond, body in st.clauses:
        if _matches(engine, st, cond, item, st.case_sensitive):
            matched = True
            scope["_"] = item
            engine.exec_block(body, out)
    if not matched and st.default is not None:
        engine.exec_block(st.default, out)


def _matches(engine: "Interpreter", st: S.Switch, cond: Any, item: Any, cs: bool) -> bool:
    if type(cond) is S.ScriptBlockLit:
        return to_bool(_collapse(engine.invoke_block(ScriptBlock(cond.script, cond.text), item, new_scope=False)))
    expected = engine.eval(cond)
    if isinstance(expected, ScriptBlock):
        return to_bool(_collapse(engine.invoke_block(expected, item, new_scope=False)))
    if st.mode == "wildcard":
        return like(to_string(item), to_string(expected), cs)
    if st.mode == "regex":
        # a [regex] whose IgnoreCase agrees with the switch is used as it is (options and all), else its text
        # is compiled with the switch's case rule (SwitchOps.ConditionSatisfiedRegex in 5.1's engine)
        own = getattr(expected, "net", None)
        rx = own if own is not None and bool(own.options & IGNORECASE) != cs else regex_for(to_string(expected), cs, invalid="operator")
        m = rx.search(to_string(item))
        if m is None:
            return False
        engine.scope.vars["matches"] = matches_table(rx, m)
        return True
    # about_Switch, "Impact of string conversion": "All values, both input and the comparison value are
    # converted to strings for comparison" (an enum by its name: DayOfWeek Thursday does not match 4)
    return equals(to_string(item), to_string(expected), cs)


def _collapse(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values
