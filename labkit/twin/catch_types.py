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


def _match(st: S.Try, names: set[str]) -> S.Catch | None:
    short = {n.rsplit(".", 1)[-1] for n in names}
    for c in st.catches:
        if not c.types:
            return c
        for t in c.types:
            resolved = resolve(t)
            full = (resolved.full_name if resolved is not None else t).lower()
            if full in names or (resolved is None and "." not in t and t.lower() in short):
                return c
    return None


def matching_catch(st: S.Try, exc: Any) -> S.Catch | None:
    """The exception itself first, then the RuntimeException that carries every error
    PowerShell raises (MiscOps.FindMatchingHandler: inner exception, then the outer one)."""
    names = {n.lower() for n in exc.type_names} if isinstance(exc, PSObject) else set()
    names.add("system.exception")
    return _match(st, names) or _match(st, set(_WRAPPER))
