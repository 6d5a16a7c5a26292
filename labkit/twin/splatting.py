"""Splatting: ``@hashtable`` and ``@array`` as command arguments (about_Splatting):
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_splatting?view=powershell-5.1

A hashtable gives named parameters (``@{ Name = 'x'; Force = $true }`` is
``-Name x -Force:$true``); an array gives positional arguments.  ``$args``
keeps the parameter names a simple function did not bind (``g -b 2`` gives
``$args`` = ``'-b', 2``) as :class:`ParameterToken` strings, so ``f @args``
passes ``-b 2`` on as a named parameter, as PowerShell does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labkit.twin.values import PSHashtable, to_string

if TYPE_CHECKING:
    from labkit.twin.binding import Item


class ParameterToken(str):
    """``-Name`` (or ``-Name:``) as it stands in ``$args``: a string that splatting reads as a parameter."""

    param: str
    colon: bool

    def __new__(cls, text: str, param: str, colon: bool = False) -> "ParameterToken":
        s = super().__new__(cls, text)
        s.param, s.colon = param, colon
        return s


def splat_items(value: Any) -> list["Item"]:
    from labkit.twin import binding as B      # binding imports ParameterToken from here

    if isinstance(value, PSHashtable):
        return [B.Item(to_string(k), v, f"-{to_string(k)}") for k, v in value.items()]
    if isinstance(value, list):
        items: list[Item] = []
        values = iter(value)
        for v in values:
            if isinstance(v, ParameterToken):
                if v.colon:
                    items.append(B.Item(v.param, next(values, None), str(v)))
                else:
                    items.append(B.Item(v.param, B.NO_VALUE, str(v)))
            else:
                items.append(B.Item(None, v))
        return items
    if value is None:
        return []
    return [B.Item(None, value)]
