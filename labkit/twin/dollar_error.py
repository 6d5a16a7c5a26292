"""$Error: the session's error history, newest first (about_Automatic_Variables, about_Preference_Variables 5.1).

An error is added once: not when the newest entry is the same record, or a record with the same exception
(ExecutionContext.AppendDollarError: a stopped error that is caught, or rethrown, stays one entry); the history keeps
$MaximumErrorCount entries (default 256), dropping the oldest.
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_automatic_variables?view=powershell-5.1#error
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_preference_variables?view=powershell-5.1#maximumerrorcount
"""

from __future__ import annotations

from typing import Any

from labkit.twin.objects import PSObject

DEFAULT_MAXIMUM = 256
_RECORD = "System.Management.Automation.ErrorRecord"


def _exception(obj: Any) -> Any:
    return obj.get("Exception") if isinstance(obj, PSObject) and obj.type_name == _RECORD else None


def append(history: list[Any], obj: Any, maximum: Any = DEFAULT_MAXIMUM) -> None:
    if history:
        newest = history[0]
        if newest is obj:
            return
        exc = _exception(obj)
        if exc is not None and _exception(newest) is exc:
            return
    try:
        keep = int(maximum)
    except (TypeError, ValueError):
        keep = DEFAULT_MAXIMUM
    if keep > 0:
        del history[max(keep - 1, 0):]
    history.insert(0, obj)
