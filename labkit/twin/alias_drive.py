"""The Alias: drive of the Alias provider (about_Alias_Provider, 5.1): Get-ChildItem Alias:, Get-Item Alias:gci,
Test-Path Alias:gci, Remove-Item Alias:x over the session's aliases (labkit.twin.aliases).

Each item is the AliasInfo with the provider's properties: PSPath Microsoft.PowerShell.Core\\Alias::gci, PSDrive
Alias, PSProvider Alias, PSIsContainer False
(https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_alias_provider?view=powershell-5.1).
"""

from __future__ import annotations

import fnmatch
import re
from typing import Any

from labkit.twin import aliases
from labkit.twin.errors import CmdletError
from labkit.twin.objects import PSObject
from labkit.twin.paths import current
from labkit.twin.providers import provider_drive, provider_info
from labkit.twin.values import to_string

_DRIVE = re.compile(r"^(?:alias:|(?:microsoft\.powershell\.core\\)?alias::)(.*)$", re.IGNORECASE)


def alias_path(ctx: Any, raw: Any) -> str | None:
    """The alias name (or pattern) a path names on the Alias: drive ("" for the drive itself), or None for a path
    elsewhere. A relative path counts when the current location is Alias:\\."""
    text = str(raw).strip().replace("/", "\\")
    m = _DRIVE.match(text)
    if m:
        return m.group(1).lstrip("\\")
    here = current(ctx)
    if here.lower().startswith("alias:") and not re.match(r"^[A-Za-z][\w-]*:", text) and not text.startswith("\\\\"):
        return text.lstrip(".\\").lstrip("\\")
    return None


def alias_item(engine: Any, a: aliases.Alias) -> PSObject:
    info = aliases.alias_info(engine, a)
    props = {"PSPath": f"Microsoft.PowerShell.Core\\Alias::{a.name}", "PSDrive": provider_drive("Alias"),
             "PSProvider": provider_info("Alias"), "PSIsContainer": False}
    for k, v in props.items():
        info.set(k, v)
    return info


def alias_items(ctx: Any, rest: str, cmd: str, *, literal: bool = False) -> list[PSObject]:
    """The Alias: items ``rest`` names: all for "", those matching a wildcard, or the one named (else PathNotFound)."""
    engine = ctx.engine
    table = sorted(aliases.visible(engine).values(), key=lambda a: a.name.lower())
    if rest in ("", "*"):
        return [alias_item(engine, a) for a in table]
    if not literal and any(c in rest for c in "*?["):
        return [alias_item(engine, a) for a in table if fnmatch.fnmatchcase(a.name.lower(), rest.lower())]
    hit = aliases.find(engine, rest)
    if hit is None:
        raise CmdletError(f"Cannot find path 'Alias:\\{rest}' because it does not exist.", "ObjectNotFound",
                          f"PathNotFound,Microsoft.PowerShell.Commands.{cmd}Command", f"Alias:\\{rest}")
    return [alias_item(engine, hit)]


def remove_aliases(ctx: Any, rest: str, force: bool, *, literal: bool = False) -> None:
    """Remove-Item Alias:x (wildcards remove each alias they match)."""
    names = [i.get("Name") for i in alias_items(ctx, rest, "RemoveItem", literal=literal)]
    for name in names:
        aliases.remove(ctx.engine, name, force)


def new_aliases(ctx: Any, names: list[str], args: dict[str, Any]) -> list[PSObject]:
    """New-Item Alias:\\x -Value cmd: a new alias in the current scope (an existing one only with -Force)."""
    out = []
    for name in names:
        name = name.strip("\\")
        if not name or "Value" not in args or args["Value"] is None:
            raise CmdletError(f"New-Item on the Alias: drive needs -Name and -Value (the command the alias stands for): '{name}'.",
                              "InvalidArgument", "NewItemArgument", name)
        if not args.get("Force") and aliases.find(ctx.engine, name) is not None:
            # SessionStateProviderBase.NewItem: SessionStateStrings.resx NewItemAlreadyExists (PSArgumentException)
            ctx.error(f"The item at path '{name}' already exists.", "InvalidArgument", name, "Argument",
                      "System.Management.Automation.PSArgumentException")
            continue
        try:
            a = aliases.define(ctx.engine, ctx.engine.scope, name, to_string(args["Value"]), force=bool(args.get("Force")))
        except CmdletError as e:
            ctx.error(str(e), e.category, name, e.error_id)
            continue
        out.append(alias_item(ctx.engine, a))
    return out
