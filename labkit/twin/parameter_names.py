"""The names and aliases of a function's parameters must be unique, common parameters included.

An advanced function gets the common parameters (and ``-WhatIf`` / ``-Confirm`` with
``SupportsShouldProcess``) after its own; "You can't create any parameters that use the same names as
the Common Parameters" (about_CommonParameters, 5.1).  The engine merges the parameters one by one and
fails the command when a name or alias is taken (MergedCommandParameterMetadata.AddMetadataForBinder,
Metadata.resx texts), names and aliases compared case-insensitively.

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_commonparameters?view=powershell-5.1
"""

from __future__ import annotations

from collections.abc import Iterable

from labkit.twin.signatures import ParamSig
from labkit.twin.values import PSRuntimeError


def _error(error_id: str, message: str) -> PSRuntimeError:
    e = PSRuntimeError(message, "MetadataError", error_id)
    e.exception_type = "System.Management.Automation.MetadataException"    # type: ignore[attr-defined]
    return e


def check(params: Iterable[ParamSig]) -> None:
    """Raise 5.1's MetadataException for the first parameter whose name or alias is already taken."""
    names: dict[str, str] = {}      # lower-case name -> parameter name
    aliases: dict[str, str] = {}    # lower-case alias -> the parameter it belongs to
    for p in params:
        key = p.name.lower()
        if key in names:
            raise _error("ParameterNameAlreadyExistsForCommand",
                         f"A parameter with the name '{p.name}' was defined multiple times for the command.")
        if key in aliases:
            raise _error("ParameterNameConflictsWithAlias",
                         f"The parameter '{p.name}' cannot be specified because it conflicts with the parameter alias of the "
                         f"same name for parameter '{aliases[key]}'.")
        names[key] = p.name
        for alias in p.aliases:
            low = alias.lower()
            if low in aliases:
                raise _error("AliasParameterNameAlreadyExistsForCommand",
                             f"The parameter alias cannot be specified because an alias with the name '{alias}' was already "
                             "defined multiple times for the command.")
            if low in names:
                raise _error("ParameterNameConflictsWithAlias",
                             f"The parameter '{names[low]}' cannot be specified because it conflicts with the parameter alias of "
                             f"the same name for parameter '{p.name}'.")
            aliases[low] = p.name
