"""The ``trap`` statement (about_Trap):
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_trap?view=powershell-5.1
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labkit.twin import syntax as S
from labkit.twin.catch_types import matching_handler, wrapper_of
from labkit.twin.errors import CmdletError
from labkit.twin.members import MISSING
from labkit.twin.values import PSRuntimeError

if TYPE_CHECKING:
    from labkit.twin.interpreter import Interpreter


def run_trapped(engine: "Interpreter", block: S.Block, out: list[Any]) -> None:
    """Run a block whose scope has ``trap`` statements.  A terminating error in one of its
    statements (or in a command it calls) runs the first trap whose type matches (a trap without a
    type takes every error) with ``$_`` the error record.  Then: with ``continue`` in the trap the
    error is not written and the script goes on with the next statement; with ``break`` the error
    is written and rethrown to the caller; otherwise the error is written and the script goes on
    with the next statement."""
    from labkit.twin.interpreter import PSError, _Break, _Continue

    for st in block.statements:
        engine.try_depth += 1
        try:
            engine.exec_statement(st, out)
            continue
        except (PSError, CmdletError, PSRuntimeError) as e:
            err = engine.to_pserror(e, st)
        finally:
            engine.try_depth -= 1
        trap = _matching_trap(block.traps, err)
        if trap is None:
            raise err
        scope = engine.scope.vars
        saved = scope.get("_", MISSING)
        scope["_"] = err.record
        engine.add_error(err.record)
        engine.error_pipes.append(engine.error_pipes.statement_lists(), err.record)
        try:
            engine.exec_block(trap.body, out)
        except _Continue:
            continue
        except _Break:
            err.script_terminating = True
            err.info.terminating = True
            raise err from None
        finally:
            if saved is MISSING:
                scope.pop("_", None)
            else:
                scope["_"] = saved
        err.info.terminating = True
        engine.errors.append(err.info)


def _matching_trap(traps: list[S.Trap], err: Any) -> S.Trap | None:
    """The trap that takes ``err``: chosen as a catch clause is (about_Trap: a trap for a type takes
    that type's exceptions and those derived from it; the most specific one wins)."""
    return matching_handler([([t.type_name] if t.type_name else [], t) for t in traps], err.record.get("Exception"),
                            wrapper_of(err))
