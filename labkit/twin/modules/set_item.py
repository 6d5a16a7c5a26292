"""Set-Item (Microsoft.PowerShell.Management, 5.1) on the drives whose items are values: an alias's definition
(Alias:), a variable's value (Variable:), an environment variable (Env:). The FileSystem provider does not support it
("Provider operation stopped because the provider does not support this operation.", as on Windows).

https://learn.microsoft.com/powershell/module/microsoft.powershell.management/set-item?view=powershell-5.1
(example 1: Set-Item -Path Alias:np -Value C:\\Windows\\notepad.exe; example 2: Set-Item -Path Env:UserRole -Value
Administrator; -Include/-Exclude filter the items a wildcard path names).
"""

from __future__ import annotations

import fnmatch
from typing import Any, Iterable

from labkit.twin import aliases
from labkit.twin.environment import env_items, env_name
from labkit.twin.errors import CmdletError
from labkit.twin.item_drives import session_drive
from labkit.twin.paths import absolute, current
from labkit.twin.registry import cmdlet
from labkit.twin.values import as_list, to_string


def _kept(name: str, args: dict[str, Any]) -> bool:
    includes = [to_string(i) for i in as_list(args.get("Include"))]
    excludes = [to_string(e) for e in as_list(args.get("Exclude"))]
    low = name.lower()
    return (not includes or any(fnmatch.fnmatchcase(low, i.lower()) for i in includes)) and \
        not any(fnmatch.fnmatchcase(low, e.lower()) for e in excludes)


def _names(ctx: Any, drive: Any, rest: str, literal: bool) -> list[str]:
    """The item names a path names on a session drive; a plain name that is not there is new."""
    wild = not literal and any(c in rest for c in "*?[")
    try:
        return [str(i.get("Name")) for i in drive.items(ctx, rest, "SetItem", literal=literal)]
    except CmdletError:
        if wild:
            return []
        return [rest.split(":", 1)[-1] if drive.name == "Variable" else rest]


def _set_alias(ctx: Any, name: str, value: Any, force: bool) -> Any:
    engine = ctx.engine
    scope = aliases.holder(engine, name) or engine.scope
    return aliases.alias_info(engine, aliases.define(engine, scope, name, to_string(value), force=force))


def _set_variable(ctx: Any, rest: str, name: str, value: Any, force: bool) -> Any:
    engine = ctx.engine
    qualifier = rest.split(":", 1)[0].lower() if ":" in rest else None
    key = name.lower()
    if qualifier:
        scope = engine.named_scope("local" if qualifier == "private" else qualifier)
    else:
        scope = engine.scope
        s = engine.scope
        while s is not None:
            if key in s.vars:
                scope = s
                break
            s = s.parent
    option = (scope.options or {}).get(key)
    if option == "Constant" or (option == "ReadOnly" and not force):
        raise CmdletError(f"Cannot overwrite variable {name} because it is read-only or constant.", "WriteError",
                          "VariableNotWritable", name)
    scope.vars[key] = value
    return value


@cmdlet("Set-Item", honours={"Path", "LiteralPath", "Value", "Force", "PassThru", "Include", "Exclude", "Confirm"})
def set_item(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    given = [(to_string(p), False) for p in as_list(args.get("Path"))] + [(to_string(p), True) for p in as_list(args.get("LiteralPath"))]
    value, force = args.get("Value"), bool(args.get("Force"))
    out: list[Any] = []
    for raw, literal in given:
        on = session_drive(ctx, raw)
        try:
            if on is not None:
                drive, rest = on
                for name in _names(ctx, drive, rest, literal):
                    if not _kept(name, args):
                        continue
                    if drive.name == "Alias":
                        item = _set_alias(ctx, name, value, force)
                    else:
                        item = _set_variable(ctx, rest, name, value, force)
                    if args.get("PassThru"):
                        out.append(item)
                continue
            rest = env_name(absolute(raw, current(ctx)))
            if rest is not None:
                names = [str(e.get("Name")) for e in env_items(ctx, rest, "SetItem", literal=literal)] \
                    if any(c in rest for c in "*?[") and not literal else [rest]
                for name in (n for n in names if _kept(n, args)):
                    ctx.engine.set_var("env:" + name.lower(), value)
                    if args.get("PassThru"):
                        out += env_items(ctx, name, "SetItem", literal=True)
                continue
            # FileSystem items have no value to set (SessionStateStrings.resx NotSupported, PSNotSupportedException)
            raise CmdletError("Provider operation stopped because the provider does not support this operation.",
                              "NotImplemented", "NotSupported", raw)
        except CmdletError as e:
            ctx.error(str(e), e.category, e.target if e.target is not None else raw, e.error_id)
    return out
