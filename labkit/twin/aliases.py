"""Aliases as a Windows PowerShell 5.1 session holds them (about_Aliases, Get-Alias, Set-Alias, New-Alias 5.1).

The built-in aliases are ``labkit.twin.commands.builtin_aliases()`` (the one table: the 5.1 reference pages'
front matter and the engine's own list); they sit in the global scope. A script's aliases (Set-Alias, New-Alias)
live in the scope that made them, as variables do (about_Scopes: "aliases ... are scoped"): a command name is
looked up from the current scope outwards, an alias naming another alias is followed to the command.

Each built-in alias has the options 5.1 gives it (InitialSessionState.BuiltInAliases in PowerShell's source:
most ReadOnly, a few AllScope or none); the aliases a module exports (CimCmdlets, Microsoft.PowerShell.LocalAccounts,
the Management and Utility modules' own) have that module as their Source and its version
(https://github.com/PowerShell/PowerShell/blob/master/src/System.Management.Automation/engine/InitialSessionState.cs).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from labkit.twin.commands import builtin_aliases, inbox_commands
from labkit.twin.errors import CmdletError
from labkit.twin.objects import PSObject

#: The engine's aliases that are not ReadOnly (InitialSessionState.BuiltInAliases: the ones without ReadOnly there, and
#: 5.1's own curl and wget, which PowerShell 6 removed). In 5.1 every engine alias is also AllScope: PowerShell 6.0
#: took AllScope off most of them (https://github.com/PowerShell/PowerShell/pull/5268), so 5.1 prints
#: "ReadOnly, AllScope" or "AllScope".
NOT_READ_ONLY = {"cd", "dir", "echo", "cp", "md", "popd", "pushd", "copy", "del", "move", "clear", "cat", "ls", "man", "mount", "mv",
                 "ps", "rm", "rmdir", "kill", "pwd", "type", "h", "history", "r", "cls", "chdir", "erase", "rd", "ren", "set", "icm",
                 "gjb", "rcjb", "rjb", "sajb", "spjb", "wjb", "sujb", "rujb", "ipsn", "epsn", "nsn", "gsn", "rsn", "etsn", "exsn",
                 "sls", "curl", "wget"}

#: Aliases a module exports rather than the engine: module -> version (Get-Module's Version in 5.1).
MODULE_VERSIONS = {"CimCmdlets": "1.0.0.0", "Microsoft.PowerShell.LocalAccounts": "1.0.0.0",
                   "Microsoft.PowerShell.Management": "3.1.0.0", "Microsoft.PowerShell.Utility": "3.1.0.0", "PSWorkflow": "2.0.0.0"}
MODULE_EXPORTED = {"gcb", "scb", "gin", "gtz", "stz", "fhx", "nwsn"}


@dataclass(frozen=True)
class Alias:
    name: str
    definition: str
    description: str = ""
    options: str = "None"       # ScopedItemOptions as 5.1 prints them: None, ReadOnly, Constant, AllScope, "ReadOnly, AllScope"
    module: str = ""


@lru_cache(maxsize=None)
def builtin(name: str) -> Alias | None:
    """The built-in alias ``name`` as a new session has it, or None (shared: never changed in place)."""
    low = name.lower()
    target = builtin_aliases().get(low)
    if target is None:
        return None
    module = ""
    module_of_target = inbox_commands().get(target.lower(), ("", ""))[1]
    if module_of_target in ("CimCmdlets", "Microsoft.PowerShell.LocalAccounts") or low in MODULE_EXPORTED:
        module = module_of_target
    if module:
        options = "None"              # a module's alias: as its manifest exports it
    else:
        options = "AllScope" if low in NOT_READ_ONLY else "ReadOnly, AllScope"
    return Alias(low, target, "", options, module)


def _table(scope: Any) -> dict[str, Alias]:
    if scope.aliases is None:
        scope.aliases = {}
    return scope.aliases


def _removed(engine: Any) -> set[str]:
    """Built-in aliases the session removed (Remove-Item Alias:x)."""
    removed = getattr(engine, "removed_aliases", None)
    if removed is None:
        removed = set()
        engine.removed_aliases = removed
    return removed


def in_scope(engine: Any, scope: Any, name: str) -> Alias | None:
    """The alias ``name`` of ``scope`` itself (the built-ins count as the global scope's; AllScope ones as every scope's)."""
    low = name.lower()
    hit = (scope.aliases or {}).get(low)
    if hit is not None:
        return hit
    b = builtin(low) if low not in _removed(engine) else None
    if b is not None and (scope is engine.global_scope or "AllScope" in b.options):
        return b
    return None


def find(engine: Any, name: str) -> Alias | None:
    """The alias ``name`` as the current scope sees it (nearest scope first), or None."""
    low = name.lower()
    s = engine.scope
    while s is not None:
        if s.aliases and low in s.aliases:
            return s.aliases[low]
        s = s.parent
    if low in _removed(engine):
        return None
    return builtin(low)


def visible(engine: Any, scope: Any | None = None) -> dict[str, Alias]:
    """Every alias the current scope sees (or only ``scope``'s own), by lower-case name."""
    if scope is not None:
        out = {k: a for k in builtin_aliases() if (a := in_scope(engine, scope, k)) is not None}
        out.update(scope.aliases or {})
        return out
    out = {k: a for k in builtin_aliases() if k not in _removed(engine) and (a := builtin(k)) is not None}
    chain = []
    s = engine.scope
    while s is not None:
        chain.append(s)
        s = s.parent
    for s in reversed(chain):
        out.update(s.aliases or {})
    return out


def holder(engine: Any, name: str) -> Any:
    """The scope whose alias ``name`` the current scope sees (the global scope for a built-in), or None."""
    low = name.lower()
    s = engine.scope
    while s is not None:
        if s.aliases and low in s.aliases:
            return s
        s = s.parent
    return engine.global_scope if low not in _removed(engine) and builtin(low) is not None else None


def resolve(engine: Any, name: str) -> str:
    """The command a name means after its aliases (an alias of an alias is followed), or the name itself."""
    seen: set[str] = set()
    current = name
    while True:
        a = find(engine, current)
        if a is None or a.name.lower() in seen:
            return current
        seen.add(a.name.lower())
        current = a.definition


def define(engine: Any, scope: Any, name: str, value: str, *, description: str = "", options: str = "None",
           force: bool = False, new: bool = False) -> Alias:
    """Set-Alias / New-Alias in ``scope``: 5.1's checks on an alias that exists there (SessionStateStrings.resx)."""
    existing = in_scope(engine, scope, name)
    if existing is not None:
        if "Constant" in existing.options or ("ReadOnly" in existing.options and not force):
            raise CmdletError(f"Alias is not writeable because alias {name} is read-only or constant and cannot be written to.",
                              "WriteError", "AliasNotWritable", name)
        if new and not force:
            raise CmdletError(f"The alias is not allowed, because an alias with the name '{name}' already exists.",
                              "ResourceExists", "AliasAlreadyExists", name)
    alias = Alias(name, value, description, options)
    _table(scope)[name.lower()] = alias
    if existing is not None and existing.name.lower() not in (scope.aliases or {}) and scope is engine.global_scope:
        _removed(engine).discard(name.lower())
    return alias


def remove(engine: Any, name: str, force: bool = False) -> None:
    """Remove-Item Alias:name: the nearest alias of that name goes (a ReadOnly one only with -Force)."""
    low = name.lower()
    a = find(engine, low)
    if a is None:
        raise CmdletError(f"Cannot find path 'Alias:\\{name}' because it does not exist.", "ObjectNotFound", "PathNotFound", name)
    if "Constant" in a.options or ("ReadOnly" in a.options and not force):
        # SessionStateStrings.resx AliasNotRemovable
        raise CmdletError(f"Alias was not removed because alias {a.name} is constant or read-only.", "WriteError",
                          "AliasNotRemovable", name)
    s = engine.scope
    while s is not None:
        if s.aliases and low in s.aliases:
            del s.aliases[low]
            return
        s = s.parent
    _removed(engine).add(low)


def alias_info(engine: Any, a: Alias) -> PSObject:
    """The AliasInfo Get-Alias writes; "$a" is its name. DisplayName is "gci -> Get-ChildItem" for a name without a
    hyphen (Get-Alias 5.1: "This format is used only for aliases that do not include hyphens")."""
    target = resolve(engine, a.definition)
    display = a.name if "-" in a.name else f"{a.name} -> {target}"
    return PSObject(["System.Management.Automation.AliasInfo", "System.Management.Automation.CommandInfo"], {
        "HelpUri": "", "ResolvedCommandName": target, "DisplayName": display, "ReferencedCommand": target,
        "ResolvedCommand": target, "Definition": a.definition, "Options": a.options, "Description": a.description,
        "OutputType": [], "Name": a.name, "CommandType": "Alias", "Source": a.module,
        "Version": MODULE_VERSIONS.get(a.module, "") if a.module else "", "Visibility": "Public", "ModuleName": a.module,
        "Module": None, "RemotingCapability": "PowerShell", "Parameters": None, "ParameterSets": None},
        display=["CommandType", "Name", "Version", "Source"], tostring=a.name)


def scope_named(engine: Any, text: str, param: str = "Scope") -> Any:
    """The scope a -Scope value names: Global, Local, Script, or a number of levels up from the current scope
    (AutomationExceptions.resx InvalidScopeIdArgument, SessionStateStrings.resx ScopeIDExceedsAvailableScopes)."""
    low = text.strip().lower()
    if low == "global":
        return engine.global_scope
    if low in ("local", "private"):
        return engine.scope
    if low == "script":
        return engine.script_scope
    try:
        n = int(low)
    except ValueError:
        raise CmdletError(f"Cannot process argument because the value of parameter \"{param}\" is not valid. Valid values are "
                          "\"Global\", \"Local\", or \"Script\", or a number relative to the current scope (0 through the number "
                          "of scopes where 0 is the current scope and 1 is its parent). Change the value of the "
                          f"\"{param}\" parameter and run the operation again.", "InvalidArgument", "Argument", text) from None
    s = engine.scope
    for _ in range(n):
        s = s.parent if s is not None else None
    if n < 0 or s is None:
        raise CmdletError(f"The scope number '{text}' exceeds the number of active scopes.\r\nParameter name: {param}\r\n"
                          f"Actual value was {text}.", "InvalidArgument", "ArgumentOutOfRange", text)
    return s
