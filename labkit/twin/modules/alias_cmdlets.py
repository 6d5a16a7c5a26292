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

from labkit.twin import aliases, function_scopes
from labkit.twin.binding import BindingError
from labkit.twin.commands import inbox_commands
from labkit.twin.environment import env_name
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.modules.management import expand_wildcards, full_path, item_kind, read_text, write_text
from labkit.twin.paths import absolute, current
from labkit.twin.registry import cmdlet, lookup
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
    if new and not args.get("Force"):
        # NewAliasCommand: without -Force any alias the caller sees (or -Scope's own) is AliasAlreadyExists
        seen = aliases.in_scope(engine, scope, name) if "Scope" in args else aliases.find(engine, name)
        if seen is not None:
            ctx.error(f"The alias is not allowed, because an alias with the name '{name}' already exists.", "ResourceExists",
                      name, "AliasAlreadyExists", "System.Management.Automation.SessionStateException")
            return []
    try:
        alias = aliases.define(engine, scope, name, value, description=to_string(args.get("Description") or ""),
                               options=_options(args["Option"]) if "Option" in args else "None",
                               force=bool(args.get("Force")))
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


# -- Export-Alias / Import-Alias --------------------------------------------------------------------------------------
# https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/export-alias?view=powershell-5.1 and
# .../import-alias?view=powershell-5.1; the file's layout and texts: ExportAliasCommand.cs, ImportAliasCommand.cs and
# AliasCommandStrings.resx in PowerShell's source.

def _file_path(ctx: Any, args: dict[str, Any], cmd: str) -> str:
    """The one FileSystem file -Path / -LiteralPath names (PathUtils.MasterStreamOpen's checks)."""
    literal = "LiteralPath" in args
    key = "LiteralPath" if literal else "Path"
    raw = args.get(key)
    if raw is None or to_string(raw) == "":
        what = "null" if raw is None else "an empty string"
        raise BindingError(f"Cannot bind argument to parameter '{key}' because it is {what}.",
                           "ParameterArgumentValidationError" + ("NullNotAllowed" if raw is None else "EmptyStringNotAllowed"),
                           "InvalidData")
    text = to_string(raw)
    try:
        other_provider = env_name(absolute(text, current(ctx))) is not None
    except NotEmulated:
        other_provider = True
    if other_provider or text.lower().startswith("alias:"):
        raise CmdletError(f"Cannot open file because the current provider ({text.split(':')[0]}) cannot open a file.",
                          "ReadError", "ReadWriteFileNotFileSystemProvider", text)
    path = full_path(ctx, text)
    if not literal and any(c in ntpath_basename(path) for c in "*?["):
        hits = expand_wildcards(ctx, ctx.world.host(ctx.host), path, cmd)
        if len(hits) > 1:
            # PathUtils.MasterStreamOpen (Export-Alias) and ImportAliasCommand.OpenFile refuse a path naming several files
            raise CmdletError("Cannot perform operation because the path resolved to more than one file. This command cannot "
                              "operate on multiple files.", "InvalidArgument",
                              "NotSupported" if cmd == "ImportAlias" else "ReadWriteMultipleFilesNotSupported", text)
        path = hits[0] if hits else path
    return path


def ntpath_basename(path: str) -> str:
    return path.replace("/", "\\").rsplit("\\", 1)[-1]


@cmdlet("Export-Alias", honours={"Path", "LiteralPath", "Name", "As", "Append", "Force", "NoClobber", "Description", "Scope",
                                 "PassThru"})
def export_alias(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    engine = ctx.engine
    host = ctx.world.host(ctx.host)
    table = aliases.visible(engine, aliases.scope_named(engine, to_string(args["Scope"])) if "Scope" in args else None)
    path = _file_path(ctx, args, "ExportAlias")
    chosen: list[aliases.Alias] = []
    for pattern in [to_string(n) for n in as_list(args.get("Name"))] or ["*"]:
        hits = [a for a in table.values() if _matches(pattern, a.name)]
        if not hits and not _wild(pattern):
            ctx.error(f"Cannot find alias because alias '{pattern}' does not exist.", "ObjectNotFound", pattern, "AliasNotFound",
                      "System.Management.Automation.ItemNotFoundException")
        chosen += [a for a in hits if a not in chosen]
    exists = item_kind(ctx, host, path) is not None
    if exists and args.get("NoClobber") and not args.get("Append"):
        raise CmdletError(f"The file '{path}' already exists.", "ResourceExists", "NoClobber", path)
    now = ctx.now()
    # {0:F} in en-US: "Wednesday, December 2, 2026 3:56:10 AM"
    stamp = f"{now:%A}, {now:%B} {now.day}, {now.year} {now.hour % 12 or 12}:{now:%M:%S} {'AM' if now.hour < 12 else 'PM'}"
    lines = ["# Alias File", f"# Exported by : {engine.env_var('env:username') or 'Administrator'}", f"# Date/Time : {stamp}",
             f"# Computer : {ctx.host}"]
    if args.get("Description"):
        lines += ["#", "# " + to_string(args["Description"])]
    script = to_string(args.get("As") or "Csv").lower() == "script"
    for a in chosen:
        fields = (a.name, a.definition, a.description, a.options)
        lines.append('set-alias -Name:"{0}" -Value:"{1}" -Description:"{2}" -Option:"{3}"'.format(*fields) if script
                     else '"{0}","{1}","{2}","{3}"'.format(*fields))
    text = "".join(line + "\r\n" for line in lines)
    if args.get("Append") and exists:
        text = read_text(ctx, host, path, "ExportAlias") + text
    write_text(ctx, host, path, text, cmd="ExportAlias")
    return [aliases.alias_info(engine, a) for a in chosen] if args.get("PassThru") else []


def _csv_fields(line: str) -> list[str]:
    """One line of an alias file as CSVHelper.ParseCsv reads it: comma-separated, "quoted" values with "" inside."""
    out: list[str] = []
    i, n = 0, len(line)
    while True:
        value = ""
        while i < n and line[i] in " \t":
            i += 1
        if i < n and line[i] == '"':
            i += 1
            while i < n:
                if line[i] == '"':
                    if i + 1 < n and line[i + 1] == '"':
                        value += '"'
                        i += 2
                        continue
                    i += 1
                    break
                value += line[i]
                i += 1
            while i < n and line[i] != ",":
                value += line[i]
                i += 1
        else:
            while i < n and line[i] != ",":
                value += line[i]
                i += 1
        out.append(value)
        if i >= n:
            return out
        i += 1           # the comma


def _command_type(engine: Any, name: str) -> str | None:
    """The type of the command (not alias) ``name`` names in the session: a function or a cmdlet, or None."""
    if function_scopes.find(engine, name) is not None:
        return "Function"
    if lookup(name) is not None or name.lower() in inbox_commands():
        return "Cmdlet"
    return None


@cmdlet("Import-Alias", honours={"Path", "LiteralPath", "Force", "Scope", "PassThru"})
def import_alias(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    engine = ctx.engine
    host = ctx.world.host(ctx.host)
    scope = aliases.scope_named(engine, to_string(args["Scope"])) if "Scope" in args else engine.scope
    path = _file_path(ctx, args, "ImportAlias")
    text = read_text(ctx, host, path, "ImportAlias")
    out: list[Any] = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = _csv_fields(line)
        if len(fields) != 4:
            raise CmdletError(f"Cannot import an alias. Line number {number} in the file '{path}' is not a properly-formatted, "
                              "comma-separated values (CSV) line for aliases. Change the line to contain four values separated "
                              "by commas. If the value text itself contains a comma, then the value must be contained in "
                              "quotation marks.", "ReadError", "ImportAliasFileFormatError", path)
        name, definition, description, options = fields
        known = {o.lower() for o in (*OPTION_ORDER, "None", "Unspecified")}
        if any(o.strip().lower() not in known for o in options.split(",")):
            ctx.error(f"Cannot import the alias because line number {number} in the file '{path}' contains an option that is "
                      "not recognized for aliases. Change the file to contain valid options.", "ReadError", path,
                      "ImportAliasOptionsError", "System.ArgumentException")
            continue
        if not args.get("Force") and (aliases.in_scope(engine, scope, name) if "Scope" in args else aliases.find(engine, name)):
            ctx.error(f"The alias is not allowed, because an alias with the name '{name}' already exists.", "ResourceExists", name,
                      "AliasAlreadyExists", "System.Management.Automation.SessionStateException")
            continue
        kind = None if args.get("Force") else _command_type(engine, name)
        if kind is not None:
            # SessionStateStrings.resx AliasWithCommandNameAlreadyExists (ImportAliasCommand.VerifyShadowingExistingCommands)
            ctx.error(f"The alias is not allowed, because a command with the name '{name}' and command type '{kind}' already "
                      "exists.", "ResourceExists", name, "AliasAlreadyExists", "System.Management.Automation.SessionStateException")
            continue
        try:
            a = aliases.define(engine, scope, name, definition, description=description, options=_options(options),
                               force=bool(args.get("Force")))
        except CmdletError as e:
            ctx.error(str(e), e.category, name, e.error_id, "System.Management.Automation.SessionStateUnauthorizedAccessException")
            continue
        if args.get("PassThru"):
            out.append(aliases.alias_info(engine, a))
    return out
