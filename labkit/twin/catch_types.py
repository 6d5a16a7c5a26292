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

from typing import Any, TypeVar

from labkit.twin import syntax as S
from labkit.twin.objects import PSObject
from labkit.twin.types import resolve


_WRAPPER = ["system.management.automation.runtimeexception", "system.systemexception", "system.exception", "system.object"]
# what an error made terminating by -ErrorAction Stop / $ErrorActionPreference = 'Stop' travels in: `catch
# [ActionPreferenceStopException]` takes it, with $_.Exception the error's own exception (PSv2 scripts rely on it)
_STOPPED = ["system.management.automation.actionpreferencestopexception", *_WRAPPER]
_RUNTIME = "system.management.automation.runtimeexception"


H = TypeVar("H")


def _match(handlers: list[tuple[list[str], H]], lineage: list[str]) -> tuple[list[str], H] | None:
    """The handler for an exception with this lineage (most derived first): a handler without types
    (bare catch, plain trap), or the one naming the most derived type (PowerShell ranks handlers by how
    specific their type is)."""
    best: tuple[int, tuple[list[str], H]] | None = None
    for h in handlers:
        types = h[0]
        if not types:
            if best is None:
                best = (len(lineage) + 1, h)
            continue
        for t in types:
            resolved = resolve(t)
            full = (resolved.full_name if resolved is not None else t).lower()
            rank = lineage.index(full) if full in lineage else next(
                (i for i, n in enumerate(lineage) if resolved is None and "." not in t and n.rsplit(".", 1)[-1] == t.lower()), None)
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, h)
    return best[1] if best is not None else None


def _lineage(exc: Any) -> list[str]:
    names = [n.lower() for n in exc.type_names] if isinstance(exc, PSObject) else []
    if "system.exception" not in names:
        names.append("system.exception")
    return names


def matching_handler(handlers: list[tuple[list[str], H]], exc: Any, stopped: bool = False) -> H | None:
    """MiscOps.FindMatchingHandler: the inner exception of a RuntimeException first (1/0 is a
    RuntimeException around a DivideByZeroException), then the exception itself, then the
    RuntimeException every thrown object travels in (``stopped``: the ActionPreferenceStopException of an error that
    -ErrorAction Stop made terminating).  ``handlers``: (the types it names, the handler)."""
    lineage = _lineage(exc)
    inner = exc.get("InnerException") if isinstance(exc, PSObject) else None
    if _RUNTIME in lineage and isinstance(inner, PSObject):
        hit = _match(handlers, _lineage(inner))
        if hit is not None and hit[0]:
            return hit[1]
    found = _match(handlers, lineage) or _match(handlers, _STOPPED if stopped else _WRAPPER)
    return found[1] if found is not None else None


def matching_catch(st: S.Try, exc: Any, stopped: bool = False) -> S.Catch | None:
    """The catch clause of ``st`` that takes ``exc`` (about_Try_Catch_Finally)."""
    return matching_handler([(c.types, c) for c in st.catches], exc, stopped)
