"""The alias cmdlets of Microsoft.PowerShell.Utility (5.1): Get-Alias, Set-Alias, New-Alias, over the session's
aliases (labkit.twin.aliases). Remove-Alias does not exist in 5.1 (PowerShell 6.0 added it): Remove-Item Alias:x
removes one (labkit.twin.modules.alias_drive).

Pages: https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-alias?view=powershell-5.1,
.../set-alias?view=powershell-5.1, .../new-alias?view=powershell-5.1; texts: AliasCommandStrings.resx and
SessionStateStrings.resx in PowerShell's source.
"""

from __future__ import annotations

import fnmatch
from typing import Any, Iterable

from labkit.twin import aliases
from labkit.twin.binding import BindingError
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.registry import cmdlet
from labkit.twin.values import as_list, to_string

#: System.Management.Automation.ScopedItemOptions, in the order its flags print ("ReadOnly, AllScope").
OPTION_ORDER = ("ReadOnly", "Constant", "Private", "AllScope")


def _matches(pattern: str, text: str) -> bool:
    return fnmatch.fnmatchcase(text.lower(), pattern.lower())


def _wild(text: str) -> bool:
    return any(c in text for c in "*?[")


def _options(value: Any) -> str:
    """-Option's flags as 5.1 prints them; Private (visibility per scope) is not emulated."""
    names: set[str] = set()
    for v in as_list(value):
        names.update(p.strip() for p in to_string(v).split(",") if p.strip())
    known = {o.lower(): o for o in (*OPTION_ORDER, "None", "Unspecified")}
    flags = {known.get(n.lower(), n) for n in names} - {"None", "Unspecified"}
    if "Private" in flags:
        raise NotEmulated("-Option Private", "(an alias seen only in its own scope)")
    return ", ".join(o for o in OPTION_ORDER if o in flags) or "None"


def _not_null_or_empty(name: str, value: Any) -> None:
    for v in as_list(value) if isinstance(value, list) else [value]:
        if v is None or to_string(v) == "":
            raise BindingError(f"Cannot validate argument on parameter '{name}'. The argument is null or empty. Provide an "
                               "argument that is not null or empty, and then try the command again.",
                               "ParameterArgumentValidationError", "InvalidData")


@cmdlet("Get-Alias", honours={"Name", "Definition", "Exclude", "Scope"})
def get_alias(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # Get-Alias 5.1 (GetAliasCommand.WriteMatches): each -Name (or -Definition) matched against the alias table of the
    # session or of -Scope, minus -Exclude, sorted by name; a name without wildcards that matches nothing is an error.
    engine = ctx.engine
    if "Name" in args:
        _not_null_or_empty("Name", args["Name"])
    table = aliases.visible(engine, aliases.scope_named(engine, to_string(args["Scope"])) if "Scope" in args else None)
    excludes = [to_string(e) for e in as_list(args.get("Exclude"))]
    by_definition = "Definition" in args
    patterns = [to_string(p) for p in as_list(args["Definition"] if by_definition else args.get("Name"))] or ["*"]
    out: list[Any] = []
    for pattern in patterns:
        hits = []
        for a in table.values():
            key = a.definition if by_definition else a.name
            if _matches(pattern, key) and not any(_matches(e, key) for e in excludes):
                hits.append(a)
        hits.sort(key=lambda a: a.name.lower())
        out += [aliases.alias_info(engine, a) for a in hits]
        if not hits and not _wild(pattern) and not excludes:
            what = "definition" if by_definition else "name"
            # AliasCommandStrings.resx NoAliasFound
            ctx.error(f"This command cannot find a matching alias because an alias with the {what} '{pattern}' does not exist.",
                      "ObjectNotFound", pattern, "ItemNotFoundException", "System.Management.Automation.ItemNotFoundException")
    return out


def _define(ctx: Any, args: dict[str, Any], new: bool) -> Iterable[Any]:
    engine = ctx.engine
    name, value = to_string(args["Name"]), to_string(args["Value"])
    scope = aliases.scope_named(engine, to_string(args["Scope"])) if "Scope" in args else engine.scope
    try:
        alias = aliases.define(engine, scope, name, value, description=to_string(args.get("Description") or ""),
                               options=_options(args["Option"]) if "Option" in args else "None",
                               force=bool(args.get("Force")), new=new)
    except CmdletError as e:
        exception = ("System.Management.Automation.SessionStateUnauthorizedAccessException" if e.error_id == "AliasNotWritable"
                     else "System.Management.Automation.SessionStateException")
        ctx.error(str(e), e.category, name, e.error_id, exception)
        return []
    return [aliases.alias_info(engine, alias)] if args.get("PassThru") else []


@cmdlet("New-Alias", honours={"Name", "Value", "Description", "Option", "PassThru", "Scope", "Force"})
def new_alias(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # New-Alias 5.1: an alias that exists in the scope is an error unless -Force (a read-only one needs -Force, a
    # constant one cannot change)
    return _define(ctx, args, new=True)


@cmdlet("Set-Alias", honours={"Name", "Value", "Description", "Option", "PassThru", "Scope", "Force"})
def set_alias(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # Set-Alias 5.1: creates or changes the alias in the scope (a read-only one with -Force only)
    return _define(ctx, args, new=False)
