"""The Variable: drive of the Variable provider (about_Variable_Provider, 5.1): Test-Path Variable:x (the idiom for "is
$x defined"), Get-Item / Get-Content Variable:x, Get-ChildItem Variable:, Remove-Item Variable:x, over the variables the
current scope sees (a scope qualifier picks a scope: Variable:global:x).

Items are the PSVariable objects Get-Variable gives, with the provider's properties
(https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_variable_provider?view=powershell-5.1).
"""

from __future__ import annotations

import fnmatch
import re
from typing import Any

from labkit.twin import scope_options
from labkit.twin.errors import CmdletError
from labkit.twin.objects import PSObject
from labkit.twin.providers import provider_drive, provider_info
from labkit.twin.variables import AUTOMATIC_NAMES, AUTOMATIC_OPTIONS

_DRIVE = re.compile(r"^(?:variable:|(?:microsoft\.powershell\.core\\)?variable::)(.*)$", re.IGNORECASE)
_SCOPED = re.compile(r"^(global|script|local|private):(.*)$", re.IGNORECASE)


def variable_path(ctx: Any, raw: Any) -> str | None:
    """The variable name (or pattern, maybe scope-qualified) a path names on the Variable: drive ("" for the drive
    itself), or None for a path elsewhere."""
    m = _DRIVE.match(str(raw).strip().replace("/", "\\"))
    return m.group(1).lstrip("\\") if m else None


def _scopes(engine: Any, rest: str) -> tuple[list[Any], str]:
    """The scopes to look in (innermost first) and the name without its scope qualifier."""
    m = _SCOPED.match(rest)
    if m:
        which = m.group(1).lower()
        return [engine.named_scope("local" if which == "private" else which)], m.group(2)
    out, s = [], engine.scope
    while s is not None:
        out.append(s)
        s = s.parent
    return out, rest


def _visible(engine: Any, rest: str) -> tuple[dict[str, tuple[Any, str]], str]:
    """lower-case name -> (scope, name) of the variables the path's scopes see, and the name pattern."""
    scopes, name = _scopes(engine, rest)
    seen: dict[str, tuple[Any, str]] = {}
    for s in scopes:
        for key in s.vars:
            # $env:X lives apart (the Env: drive); another scope's private variable is not seen (labkit.twin.scope_options)
            if ":" not in key and key not in seen and not scope_options.hidden(s, key, engine.scope):
                seen[key] = (s, key)
    return seen, name


def _options(s: Any, key: str) -> str | None:
    """A variable's options: its own, or an automatic variable's (labkit.twin.variables)."""
    return (s.options or {}).get(key) or (AUTOMATIC_OPTIONS.get(key) if s.parent is None else None)


def _item(s: Any, key: str) -> PSObject:
    options = scope_options.text(_options(s, key), scope_options.bits_of(s, key))
    name = (s.names or {}).get(key) or AUTOMATIC_NAMES.get(key, key)    # the case the variable was created with
    return PSObject("System.Management.Automation.PSVariable", {
        "PSPath": f"Microsoft.PowerShell.Core\\Variable::{key}", "PSDrive": provider_drive("Variable"),
        "PSProvider": provider_info("Variable"), "PSIsContainer": False, "Name": name, "Description": "", "Value": s.vars[key],
        "Visibility": "Public", "Module": None, "ModuleName": "", "Options": options, "Attributes": []},
        display=["Name", "Value"], tostring=name)


def variable_items(ctx: Any, rest: str, cmd: str, *, literal: bool = False) -> list[PSObject]:
    """The Variable: items ``rest`` names: all, those matching a wildcard, or the one named (else PathNotFound)."""
    seen, name = _visible(ctx.engine, rest)
    if name in ("", "*"):
        return [_item(*seen[k]) for k in sorted(seen)]
    if not literal and any(c in name for c in "*?["):
        return [_item(*seen[k]) for k in sorted(seen) if fnmatch.fnmatchcase(k, name.lower())]
    hit = seen.get(name.lower())
    if hit is None:
        # LocationGlobber names the drive-qualified path (Variable:\\x), as for Alias: and Env:
        raise CmdletError(f"Cannot find path 'Variable:\\{name}' because it does not exist.", "ObjectNotFound",
                          f"PathNotFound,Microsoft.PowerShell.Commands.{cmd}Command", f"Variable:\\{name}")
    return [_item(*hit)]


def remove_variables(ctx: Any, rest: str, force: bool, *, literal: bool = False) -> None:
    """Remove-Item Variable:x: the variable goes from the scope that holds it (a read-only one with -Force only)."""
    for item in variable_items(ctx, rest, "RemoveItem", literal=literal):
        key = str(item.get("Name")).lower()
        seen, _ = _visible(ctx.engine, rest if ":" in rest else key)
        s, _ = seen[key]
        option = _options(s, key)
        if option == "Constant" or (option == "ReadOnly" and not force):
            raise CmdletError(f"Cannot remove variable {key} because it is constant or read-only. If the variable is read-only, "
                              "try the operation again specifying the Force option.", "WriteError", "VariableNotRemovable", key)
        del s.vars[key]
        if s.names:
            s.names.pop(key, None)     # a variable made again takes the case it is then written with
