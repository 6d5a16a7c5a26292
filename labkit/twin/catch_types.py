"""Which ``catch [Type]`` clause takes an error (about_Try_Catch_Finally, 5.1).

A clause matches when its type is the exception's type or one of its base
types.  PowerShell carries every error in a RuntimeException (``throw``
wraps the thrown exception, ``-ErrorAction Stop`` raises an
ActionPreferenceStopException), so ``catch [RuntimeException]`` and
``catch [System.Exception]`` take any error, after the clauses that name
the exception's own type.

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_try_catch_finally?view=powershell-5.1
"""

from __future__ import annotations

from typing import Any

from labkit.twin import syntax as S
from labkit.twin.objects import PSObject
from labkit.twin.types import resolve


_WRAPPER = ["system.management.automation.runtimeexception", "system.systemexception", "system.exception", "system.object"]
_RUNTIME = "system.management.automation.runtimeexception"


def _match(st: S.Try, lineage: list[str]) -> S.Catch | None:
    """The clause for an exception with this lineage (most derived first): a bare catch, or the clause
    naming the most derived type (PowerShell ranks handlers by how specific their type is)."""
    best: tuple[int, S.Catch] | None = None
    for c in st.catches:
        if not c.types:
            if best is None:
                best = (len(lineage) + 1, c)
            continue
        for t in c.types:
            resolved = resolve(t)
            full = (resolved.full_name if resolved is not None else t).lower()
            rank = lineage.index(full) if full in lineage else next(
                (i for i, n in enumerate(lineage) if resolved is None and "." not in t and n.rsplit(".", 1)[-1] == t.lower()), None)
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, c)
    return best[1] if best is not None else None


def _lineage(exc: Any) -> list[str]:
    names = [n.lower() for n in exc.type_names] if isinstance(exc, PSObject) else []
    if "system.exception" not in names:
        names.append("system.exception")
    return names


def matching_catch(st: S.Try, exc: Any) -> S.Catch | None:
    """MiscOps.FindMatchingHandler: the inner exception of a RuntimeException first (1/0 is a
    RuntimeException around a DivideByZeroException), then the exception itself, then the
    RuntimeException every thrown object travels in."""
    lineage = _lineage(exc)
    inner = exc.get("InnerException") if isinstance(exc, PSObject) else None
    if _RUNTIME in lineage and isinstance(inner, PSObject):
        hit = _match(st, _lineage(inner))
        if hit is not None and hit.types:
            return hit
    return _match(st, lineage) or _match(st, _WRAPPER)
