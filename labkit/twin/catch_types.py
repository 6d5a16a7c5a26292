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

from contextlib import contextmanager
from typing import Any, Iterator, TypeVar

from labkit.twin import syntax as S
from labkit.twin.objects import PSObject
from labkit.twin.types import resolve


_WRAPPER = ["system.management.automation.runtimeexception", "system.systemexception", "system.exception", "system.object"]
# what an error made terminating by -ErrorAction Stop / $ErrorActionPreference = 'Stop' travels in: `catch
# [ActionPreferenceStopException]` takes it, with $_.Exception the error's own exception (PSv2 scripts rely on it)
_STOPPED = ["system.management.automation.actionpreferencestopexception", *_WRAPPER]
# what an error escaping the commands a cmdlet runs (a ForEach-Object block, Invoke-Expression's text) travels in:
# CommandProcessorBase.ManageInvocationException wraps it in a CmdletInvocationException unless a `throw` raised it or
# -ErrorAction Stop stopped it; `catch [CmdletInvocationException]` takes it, $_.Exception staying the error's own
_INVOKED = ["system.management.automation.cmdletinvocationexception", *_WRAPPER]
_WRAPPERS = {"stop": _STOPPED, "cmdlet": _INVOKED}
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


def matching_handler(handlers: list[tuple[list[str], H]], exc: Any, wrapper: str = "") -> H | None:
    """MiscOps.FindMatchingHandler: the inner exception of a RuntimeException first (1/0 is a
    RuntimeException around a DivideByZeroException), then the exception itself, then the
    RuntimeException every thrown object travels in (``wrapper``: "stop", the ActionPreferenceStopException of an error
    that -ErrorAction Stop made terminating; "cmdlet", the CmdletInvocationException of one that escaped a cmdlet).
    ``handlers``: (the types it names, the handler)."""
    lineage = _lineage(exc)
    inner = exc.get("InnerException") if isinstance(exc, PSObject) else None
    if _RUNTIME in lineage and isinstance(inner, PSObject):
        hit = _match(handlers, _lineage(inner))
        if hit is not None and hit[0]:
            return hit[1]
    if wrapper in _WRAPPERS:
        # the error's own exception by its specific types, then the exception it travels in (more derived than the
        # RuntimeException, SystemException and Exception it shares with every error), then a bare catch
        own = [n for n in lineage if n not in _WRAPPER]
        for candidate in (own, _WRAPPERS[wrapper]):
            hit = _match(handlers, candidate) if candidate else None
            if hit is not None and hit[0]:
                return hit[1]
        bare = next((h for h in handlers if not h[0]), None)
        return bare[1] if bare is not None else None
    found = _match(handlers, lineage) or _match(handlers, _WRAPPER)
    return found[1] if found is not None else None


def matching_catch(st: S.Try, exc: Any, wrapper: str = "") -> S.Catch | None:
    """The catch clause of ``st`` that takes ``exc`` (about_Try_Catch_Finally)."""
    return matching_handler([(c.types, c) for c in st.catches], exc, wrapper)


def thrown(err: Any) -> Any:
    """Mark an error a `throw` statement raised (RuntimeException.WasThrownFromThrowStatement)."""
    err.thrown = True
    return err


def wrapper_of(err: Any) -> str:
    """Which exception an error travels in, for the catch clauses and traps that name it."""
    if getattr(err.info, "preference_stop", False):
        return "stop"
    return "cmdlet" if getattr(err, "escaped_cmdlet", False) else ""


@contextmanager
def escaping_cmdlet() -> Iterator[None]:
    """Around the commands a cmdlet runs: a terminating error leaving them is marked as a CmdletInvocationException's."""
    from labkit.twin.interpreter import PSError

    try:
        yield
    except PSError as e:
        if not getattr(e, "thrown", False) and not getattr(e.info, "preference_stop", False):
            e.escaped_cmdlet = True    # type: ignore[attr-defined]
        raise
