"""The drives of the providers whose items the twin holds in the session (Alias:, Variable:), for the item cmdlets
(Get-ChildItem, Get-Item, Get-Content, Test-Path, New-Item, Remove-Item): which drive a path is on, and its items."""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

from labkit.twin.alias_drive import alias_items, alias_path, remove_aliases
from labkit.twin.variable_drive import remove_variables, variable_items, variable_path


class SessionDrive(NamedTuple):
    name: str
    path: Callable[[Any, Any], str | None]
    items: Callable[..., list[Any]]
    remove: Callable[..., None]


DRIVES = (SessionDrive("Alias", alias_path, alias_items, remove_aliases),
          SessionDrive("Variable", variable_path, variable_items, remove_variables))


def session_drive(ctx: Any, raw: Any) -> tuple[SessionDrive, str] | None:
    """The session drive a path is on and the rest of the path, or None for a path elsewhere."""
    for d in DRIVES:
        rest = d.path(ctx, raw)
        if rest is not None:
            return d, rest
    return None
